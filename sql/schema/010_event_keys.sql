-- Keys that let a merge touch only the rows of its batch (trends.ingest.keys):
--   id_key      DuckDB hash(event_id), in events, event_actors and events_history: a merge finds the stored rows
--               of a batch's ids by scanning this one 8-byte column (not every stored event_id string), then
--               compares event_id on the few candidates, so a collision costs a lookup, never a wrong match.
--   record_hash now DuckDB hash() of the hashed columns (trends.ingest.checks.HASHED), a 64-bit number instead of
--               md5 text: a third of the staging time, and 8 bytes to read back per stored version.
-- hash() is DuckDB's own and may change between DuckDB versions: `store_keys.probe` records the hash of a fixed
-- probe row when the keys were computed, and ingest recomputes every key when the running DuckDB hashes the probe
-- differently (trends.ingest.keys.ensure_keys). This migration leaves the keys unset (probe absent): the first
-- ingest or relabel computes them.
alter table events add column if not exists id_key ubigint;
alter table event_actors add column if not exists id_key ubigint;
alter table events alter record_hash set data type ubigint using 0::ubigint;
-- events_history stays "the columns of events, then valid_from, valid_to, replaced_by_batch" (as in 008).
alter table events_history alter record_hash set data type ubigint using 0::ubigint;
create table events_history_010 as
select * exclude (valid_from, valid_to, replaced_by_batch), null::ubigint as id_key,
       valid_from, valid_to, replaced_by_batch
from events_history;
drop table events_history;
alter table events_history_010 rename to events_history;
create table if not exists store_keys (probe ubigint not null, keyed_at timestamp not null);
