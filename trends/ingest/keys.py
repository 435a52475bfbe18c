"""Keys: the 64-bit numbers a merge compares instead of text (sql/schema/010_event_keys.sql).

`id_key` = DuckDB hash(event_id) finds a batch's stored versions by scanning one 8-byte column; event_id is then
compared on the candidates, so a collision only costs a lookup. `record_hash` = hash() of the HASHED columns
(the event's own ones, then the hash of its NAME_COLUMNS: one value per name combination, so a batch hashes its
names once per combination, not once per row) decides "unchanged" vs "replaced": two versions of one event are
taken as the same when their 64-bit hashes are equal, which for different content happens with probability about
2^-63 (~1e-19) per comparison, i.e. about once in 10^10 years at a million revised events a week. Both use DuckDB's hash(), which is not promised to be the same
across DuckDB versions: `store_keys` records the hash of a fixed probe row, and `ensure_keys` recomputes every
key in the store when the running DuckDB hashes the probe differently (or the keys were never computed).
"""

from __future__ import annotations

import datetime as dt
import logging

log = logging.getLogger(__name__)

#: the columns that define an event's version (checks.HASHED), in hash order, with their DuckDB types as in
#: `events` (the hash depends on the type, so the hash casts to these)
HASHED_TYPES = {
    "event_date": "date",
    "date_precision": "varchar",
    "actor": "varchar",
    "actor_raw": "varchar",
    "actor_family": "varchar",
    "actor_matched": "boolean",
    "counterpart": "varchar",
    "country": "varchar",
    "province": "varchar",
    "province_raw": "varchar",
    "province_matched": "boolean",
    "location": "varchar",
    "latitude": "double",
    "longitude": "double",
    "event_type": "varchar",
    "fatalities": "integer",
    "fatalities_low": "integer",
    "fatalities_high": "integer",
    "wounded": "integer",
    "attribution": "varchar",
    "source": "varchar",
    "source_date": "date",
    "source_url": "varchar",
}

#: one value of every type the keys hash; its hash changes when DuckDB's hash() does. The trailing
#: 'record_hash v2' names the definition of record_hash_sql (v2: the names hashed apart): a store keyed by another
#: definition has another probe, and ensure_keys rekeys it once.
PROBE = (
    "hash('ucdp:145561'::varchar, null::varchar, date '2017-06-05', true, null::boolean, 36.34::double, "
    "17::integer, null::integer, null::date, hash('record_hash v2'::varchar))"
)


#: the HASHED columns that are names, stored once per name combination in `event_names` (011_event_names.sql)
NAME_COLUMNS = (
    "actor",
    "actor_raw",
    "actor_family",
    "actor_matched",
    "country",
    "province",
    "province_raw",
    "province_matched",
)


def names_hash_sql(prefix: str = "") -> str:
    """SQL of the hash of the NAME_COLUMNS (each cast to its `events` type), e.g. prefix 'n.': the last value
    record_hash_sql hashes."""
    return "hash(" + ", ".join(f"{prefix}{c}::{HASHED_TYPES[c]}" for c in NAME_COLUMNS) + ")"


def record_hash_sql(prefix: str = "", names: str | None = None, names_hash: str | None = None) -> str:
    """SQL of the record hash: the HASHED columns that are not names (each cast to its `events` type, in HASHED
    order), then the hash of the NAME_COLUMNS (names_hash_sql); e.g. prefix 'e.'. With `names` (e.g. 'n.'), the
    NAME_COLUMNS are read with that prefix instead (a join with event_names); with `names_hash`, their hash is that
    SQL (a column computed once per name combination)."""
    own = ", ".join(f"{prefix}{c}::{t}" for c, t in HASHED_TYPES.items() if c not in NAME_COLUMNS)
    return f"hash({own}, {names_hash or names_hash_sql(prefix if names is None else names)})"


def id_key_sql(expr: str = "event_id") -> str:
    return f"hash({expr}::varchar)"


def ensure_keys(con) -> bool:
    """Inside the caller's transaction: compute id_key and record_hash for every stored row when the store's keys
    were made by another hash() (or never: a store migrated by 010), and key rows written without an id_key (by
    hand, or by code that is not ingest; the null statistics of the row groups make that check cheap).
    Returns whether the whole store was rekeyed."""
    probe = con.execute(f"select {PROBE}").fetchall()[0][0]
    stored = con.execute("select probe from store_keys order by keyed_at desc limit 1").fetchall()
    n_events = con.execute("select count(*) from (select 1 from event_rows limit 1)").fetchall()[0][0]
    n_hist = con.execute("select count(*) from (select 1 from events_history limit 1)").fetchall()[0][0]
    if stored and int(stored[0][0]) == int(probe):
        for table in ("event_rows", "event_groups"):
            con.execute(f"update {table} set id_key = {id_key_sql()} where id_key is null").fetchall()
        return False
    if n_events or n_hist:
        log.info("computing the store's event keys (first ingest after an upgrade; once)")
        # event_rows: the names are hashed from event_names (SET sees the old values of the row)
        con.execute(f"""update event_rows set id_key = {id_key_sql("event_rows.event_id")},
                            record_hash = {record_hash_sql("event_rows.", names="n.")}
                        from event_names n where n.name_id = event_rows.name_id""").fetchall()
        con.execute(f"update events_history set id_key = {id_key_sql()}, record_hash = {record_hash_sql()}").fetchall()
        con.execute(f"update event_groups set id_key = {id_key_sql()}").fetchall()
    con.execute("delete from store_keys").fetchall()
    con.execute(
        "insert into store_keys values (?, ?)", [int(probe), dt.datetime.now(dt.UTC).replace(tzinfo=None)]
    ).fetchall()
    return bool(n_events or n_hist)
