"""Merge: the staged batch into the store, in one transaction (all or nothing).

Per event_id: not stored -> inserted ("new"); stored with the same record_hash -> left alone ("unchanged");
stored with another hash -> the old version moves to `events_history` (valid_from = when it was ingested,
valid_to = now) and the new one is inserted ("replaced"). With `replace` (a file that is the complete current state
of its dataset), stored events of that dataset that are not in the file are retired to `events_history` the same way.
Only the touched rows are read or written: a delta of a few thousand rows never rewrites the store.
"""

from __future__ import annotations

import datetime as dt

from .. import store
from .checks import HASHED

#: columns of `events` written by ingest, in table order (country_matched was added by migration 006).
EVENT_COLUMNS = ["event_id", *HASHED, "dataset", "batch_id", "record_hash", "ingested_at", "country_matched"]


def on_events_upserted(con, batch_id: int, cells: str) -> None:
    """Runs inside the batch transaction after the events and event_actors rows are written, with `cells`, a table
    of the (series_id, week) cells the batch touched (those its replaced or retired versions counted in, and those
    of the events it wrote): refreshes those cells of the maintained weekly counts (`series_weeks`), so a delta of a
    few thousand rows recomputes a few thousand cells, not whole series."""
    from ..series_weeks import refresh_series_weeks

    if con.execute(f"select count(*) from {cells}").fetchall()[0][0]:
        refresh_series_weeks(con, cells)


def merge(con, batch, result) -> None:
    """Write the staged batch (`_ingest_staged`, `_ingest_rej`) as one batch; fills result's ids and counts.

    Args:
        batch: the trends.ingest.batch.Batch being ingested (file, sha256, dataset, replace, now).
        result: its IngestResult (rows_read, rows_accepted, rows_rejected already set).
    """
    now = batch.now
    with store.transaction(con):
        bid = int(con.execute("select coalesce(max(batch_id), 0) + 1 from batches").fetchall()[0][0])
        result.batch_id = bid
        con.execute(
            "insert into batches (batch_id, file, sha256, format, dataset, rows_read, started_at) "
            "values (?, ?, ?, ?, ?, ?, ?)",
            [bid, result.file, batch.sha256, result.format, result.dataset, result.rows_read, now],
        ).fetchall()
        con.execute("""create or replace temp table _ingest_old as
                       select e.rowid as rid, e.event_id, e.record_hash = s.record_hash as same
                       from events e join _ingest_staged s on s.event_id = e.event_id and s._field is null""").fetchall()
        n_old, n_same = con.execute("select count(*), count(*) filter (where same) from _ingest_old").fetchall()[0]
        result.rows_new = result.rows_accepted - int(n_old)
        result.rows_replaced, result.rows_unchanged = int(n_old) - int(n_same), int(n_same)
        con.execute("create or replace temp table _ingest_cells (series_id integer, week date)").fetchall()
        gone = _retire(con, bid, now, batch.dataset if batch.replace else None)
        result.rows_retired = gone
        cols = ", ".join(
            {"batch_id": "?::integer", "ingested_at": "?::timestamp"}.get(c, f"s.{c}") for c in EVENT_COLUMNS
        )
        con.execute(
            f"""insert into events ({", ".join(EVENT_COLUMNS)})
                        select {cols}
                        from _ingest_staged s anti join (select event_id from _ingest_old where same) o using (event_id)
                        where s._field is null""",
            [bid, now],
        ).fetchall()
        _write_event_actors(con)
        con.execute("""insert into _ingest_cells
                       select distinct ea.series_id, date_trunc('week', s.event_date)::date
                       from event_actors ea join _ingest_staged s on s.event_id = ea.event_id and s._field is null
                       anti join (select event_id from _ingest_old where same) o on o.event_id = s.event_id""").fetchall()
        if result.rows_rejected:
            con.execute(
                """insert into rejected_rows (batch_id, file, row_number, raw_record, field, reason)
                           select ?::integer, ?, row_number, raw_record, field, reason
                           from _ingest_rej order by row_number""",
                [bid, result.file],
            ).fetchall()
        on_events_upserted(con, bid, "_ingest_cells")
        con.execute(
            """update batches set rows_accepted = ?, rows_rejected = ?, rows_new = ?, rows_replaced = ?,
                       rows_unchanged = ?, finished_at = ? where batch_id = ?""",
            [
                result.rows_accepted,
                result.rows_rejected,
                result.rows_new,
                result.rows_replaced,
                result.rows_unchanged,
                dt.datetime.now(dt.UTC).replace(tzinfo=None),
                bid,
            ],
        ).fetchall()
        for t in ("_ingest_old", "_ingest_gone", "_ingest_gone_ea", "_ingest_touched", "_ingest_cells"):
            con.execute(f"drop table if exists {t}").fetchall()


def _retire(con, bid: int, now: dt.datetime, dataset: str | None) -> int:
    """Move replaced events (and, with `dataset`, that dataset's events missing from the file) to events_history;
    delete them and their event_actors rows. Returns the number retired (not replaced)."""
    con.execute(
        "create or replace temp table _ingest_gone as select rid, event_id, false as retired from _ingest_old "
        "where not same"
    ).fetchall()
    n_retired = 0
    if dataset is not None:
        con.execute(
            """insert into _ingest_gone
                       select e.rowid, e.event_id, true from events e
                       where e.dataset = ? and e.event_id not in (select event_id from _ingest_staged
                                                                  where event_id is not null)""",
            [dataset],
        ).fetchall()
        n_retired = con.execute("select count(*) from _ingest_gone where retired").fetchall()[0][0]
    con.execute("create or replace temp table _ingest_touched (series_id integer)").fetchall()
    if not con.execute("select count(*) from _ingest_gone").fetchall()[0][0]:
        return 0
    # by rowid: the store's event_id columns are scanned once for events and once for event_actors
    con.execute(
        """insert into events_history by name
                   select e.*, e.ingested_at as valid_from, ?::timestamp as valid_to, ?::integer as replaced_by_batch
                   from events e where e.rowid in (select rid from _ingest_gone)""",
        [now, bid],
    ).fetchall()
    con.execute("""create or replace temp table _ingest_gone_ea as select rowid as rid, event_id, series_id
                   from event_actors where event_id in (select event_id from _ingest_gone)""").fetchall()
    # the weekly cells the old versions counted in, before they go (series_weeks is refreshed for them)
    con.execute("""insert into _ingest_cells
                   select distinct g.series_id, date_trunc('week', e.event_date)::date
                   from _ingest_gone_ea g join (select event_id, event_date from events
                                                where rowid in (select rid from _ingest_gone)) e using (event_id)""").fetchall()
    con.execute("insert into _ingest_touched select distinct series_id from _ingest_gone_ea").fetchall()
    con.execute("delete from events where rowid in (select rid from _ingest_gone)").fetchall()
    con.execute("delete from event_actors where rowid in (select rid from _ingest_gone_ea)").fetchall()
    return int(n_retired)


def _write_event_actors(con) -> list[int]:
    """Series rows for new (actor, country, province) keys (next integer ids, never reused), then one event_actors
    row per written event and armed group: the actor (when armed), allies, then armed groups on the other side; a
    group on both sides counts once. Returns the ids of every series the batch touched."""
    ins = """(select s.* from _ingest_staged s anti join (select event_id from _ingest_old where same) o
              using (event_id) where s._field is null)"""
    con.execute(f"""create or replace temp table _ingest_ea_groups as
        with g as (
            select event_id, actor as event_actor, actor_armed, country, coalesce(province, '') as province,
                   unnest(allies) as raw, 1 as rank from {ins} i where allies is not null
            union all
            select event_id, actor, actor_armed, country, coalesce(province, ''), unnest(counterpart_groups), 2
            from {ins} i where counterpart_groups is not null)
        select g.event_id, m.actor, m.family as actor_family, case g.rank when 1 then 'ally' else 'counterpart' end
               as role, g.country, g.province
        from g join _ingest_group m on m.raw = g.raw
        where not (g.actor_armed and m.actor = g.event_actor)
        qualify row_number() over (partition by g.event_id, m.actor order by g.rank) = 1""").fetchall()
    con.execute(f"""create or replace temp table _ingest_keys as
        select distinct actor, country, coalesce(province, '') as province from {ins} i where actor_armed
        union select distinct actor, country, province from _ingest_ea_groups""").fetchall()
    con.execute("""insert into series (series_id, actor, country, province)
                   select (select coalesce(max(series_id), 0) from series)
                          + row_number() over (order by actor, country, province), actor, country, province
                   from (select actor, country, province from _ingest_keys
                         except select actor, country, province from series)""").fetchall()
    con.execute(f"""insert into event_actors (event_id, series_id, actor, actor_family, role)
                    select i.event_id, s.series_id, i.actor, i.actor_family, 'actor'
                    from {ins} i join series s
                      on s.actor = i.actor and s.country = i.country and s.province = coalesce(i.province, '')
                    where i.actor_armed""").fetchall()
    con.execute("""insert into event_actors (event_id, series_id, actor, actor_family, role)
                   select g.event_id, s.series_id, g.actor, g.actor_family, g.role
                   from _ingest_ea_groups g join series s using (actor, country, province)""").fetchall()
    touched = [
        r[0]
        for r in con.execute("""
        select series_id from series join _ingest_keys using (actor, country, province)
        union select series_id from _ingest_touched order by 1""").fetchall()
    ]
    for t in ("_ingest_ea_groups", "_ingest_keys"):
        con.execute(f"drop table if exists {t}").fetchall()
    return touched
