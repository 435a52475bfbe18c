-- Whether an event's country is one the gazetteer knows (false: kept as written, e.g. 'Atlantis' or 'Irak';
-- listed by `trends places --unmatched`). Null for events stored before this migration.
alter table events add column if not exists country_matched boolean;
-- events_history stays "the columns of events, then valid_from, valid_to, replaced_by_batch" (so a positional
-- `insert into events_history select *, ... from events` keeps working): rebuilt with the new column in place.
create table events_history_008 as
select * exclude (valid_from, valid_to, replaced_by_batch), null::boolean as country_matched,
       valid_from, valid_to, replaced_by_batch
from events_history;
drop table events_history;
alter table events_history_008 rename to events_history;
