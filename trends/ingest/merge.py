"""Merge: the staged batch into the store, in one transaction (all or nothing).

Per event_id: not stored -> inserted ("new"); stored with the same record_hash -> left alone ("unchanged");
stored with another hash -> the old version moves to `events_history` (valid_from = when it was ingested,
valid_to = now) and the new one is inserted ("replaced"). With `replace` (a file that is the complete current state
of its dataset), stored events of that dataset that are not in the file are retired to `events_history` the same way.

Only the touched rows are read or written, so a delta of a few thousand rows into millions costs a few thousand
rows: stored versions are found through `id_key` (a 64-bit key of event_id, sql/schema/010_event_keys.sql; one
8-byte column scanned, event_id compared on the candidates only) and fetched by rowid; the maintained weekly table
`series_weeks` is updated by the batch's own contributions (minus those of the versions it replaced or retired,
plus those of the events it wrote; sql/ingest/series_weeks_delta.sql), not recounted from the store.

The store's layout (sql/schema/011_event_names.sql; trends.ingest.rows writes it): rows go to `event_rows` with the
name_id of their names (`event_names`), event_actors rows only of events with groups to `event_groups`; the views
`events` and `event_actors` show them as the former tables. History rows keep every column of `events`.
"""

from __future__ import annotations

import datetime as dt

from .. import store
from . import keys, rows
from .result import Clock

_GOOD = "(select * from _ingest_staged where _field is null)"
#: staged good rows that are written (new or replaced: not an unchanged stored version)
_WRITTEN = """(select s.* from _ingest_staged s anti join (select event_id from _ingest_old where same) o
               using (event_id) where s._field is null)"""
_TEMP = (
    "_ingest_nk_map",
    "_ingest_nk_groups",
    "_ingest_nk_rows",
    "_ingest_cand",
    "_ingest_gone_cand",
    "_ingest_old",
    "_ingest_gone",
    "_ingest_gone_ea",
    "_ingest_ea_new",
)


def on_events_upserted(con, batch_id: int, cells: str) -> None:
    """For code that writes events and event_actors rows itself (not through ingest): inside its transaction, with
    `cells`, a table of the (series_id, week) cells it touched (those the replaced versions counted in and those of
    the rows written), recompute those cells of `series_weeks` from the store. Ingest itself updates
    series_weeks by the batch's contributions (see the module docstring)."""
    from ..series_weeks import refresh_series_weeks

    if con.execute(f"select count(*) from {cells}").fetchall()[0][0]:
        refresh_series_weeks(con, cells)


def merge(con, batch, result, clock=None) -> None:
    """Write the staged batch (`_ingest_staged`, `_ingest_rej`) as one batch; fills result's ids and counts.

    Args:
        batch: the trends.ingest.batch.Batch being ingested (file, sha256, dataset, replace, now).
        result: its IngestResult (rows_read, rows_accepted, rows_rejected already set).
        clock: a trends.ingest.result.Clock that times the merge's steps (default: result.timings).
    """
    clock = clock or Clock(result.timings)
    now = batch.now
    with clock("merge (all, with the commit)"), store.transaction(con):
        with clock("merge: find stored versions"):
            bid = int(con.execute("select coalesce(max(batch_id), 0) + 1 from batches").fetchall()[0][0])
            result.batch_id = bid
            con.execute(
                "insert into batches (batch_id, file, sha256, format, dataset, rows_read, started_at) "
                "values (?, ?, ?, ?, ?, ?, ?)",
                [bid, result.file, batch.sha256, result.format, result.dataset, result.rows_read, now],
            ).fetchall()
            keys.ensure_keys(con)
            # stored versions of the batch's ids: candidates by key, fetched by rowid, then event_id compared
            # (whole rows when few, so the replaced ones go to history without a second fetch)
            full = _fetch(
                con,
                "_ingest_cand",
                "event_rows",
                "*",
                _GOOD,
                slim="event_id, id_key, event_date, fatalities, record_hash, name_id, groups",
            )
            con.execute(f"""create or replace temp table _ingest_old as
                            select c.rid, c.event_id, c.id_key, c.event_date, c.fatalities, c.name_id, c.groups,
                                   c.record_hash = s.record_hash as same
                            from _ingest_cand c join {_GOOD} s on s.event_id = c.event_id""").fetchall()
            n_old, n_same = con.execute("select count(*), count(*) filter (where same) from _ingest_old").fetchall()[0]
        result.rows_new = result.rows_accepted - int(n_old)
        result.rows_replaced, result.rows_unchanged = int(n_old) - int(n_same), int(n_same)
        written = _WRITTEN if n_same else _GOOD  # no unchanged versions (a first ingest): no anti join
        con.execute("""create or replace temp table _ingest_sw_delta (series_id integer, week date,
                       actor_family varchar, events bigint, fatalities bigint, country_events bigint,
                       country_fatalities bigint, family_events bigint, family_fatalities bigint)""").fetchall()
        with clock("merge: history"):
            result.rows_retired = _retire(con, bid, now, batch.dataset if batch.replace else None, full)
        with clock("merge: series, names"):
            rows.name_map(con)
        with clock("merge: events"):
            rows.insert_rows(con, written, bid, now, batch.dataset)
        with clock("merge: event_actors"):
            _write_event_actors(con, written)
        if result.rows_rejected:
            con.execute(
                """insert into rejected_rows (batch_id, file, row_number, raw_record, field, reason)
                           select ?::integer, ?, row_number, raw_record, field, reason
                           from _ingest_rej order by row_number""",
                [bid, result.file],
            ).fetchall()
        with clock("merge: series_weeks"):
            _apply_series_weeks(con)
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
        for t in (*_TEMP, "_ingest_sw_delta"):
            con.execute(f"drop table if exists {t}").fetchall()


def _empty(con, table: str) -> bool:
    return not con.execute(f"select count(*) from (select 1 from {table} limit 1)").fetchall()[0][0]


def _apply_series_weeks(con) -> None:
    """Add the batch's contributions (`_ingest_sw_delta`) to series_weeks (sql/ingest/series_weeks_apply.sql);
    into an empty table (a first ingest) as one insert in (series_id, week) order, so reads by series skip row
    groups."""
    if _empty(con, "_ingest_sw_delta"):
        return
    if not _empty(con, "series_weeks"):
        store.run_sql_file(con, "ingest/series_weeks_apply.sql")
        return
    con.execute("""insert into series_weeks
                   select series_id, week, actor_family, sum(events), sum(fatalities), sum(country_events),
                          sum(country_fatalities), sum(family_events), sum(family_fatalities)
                   from _ingest_sw_delta group by all having sum(events) > 0
                   order by series_id, week""").fetchall()


def _retire(con, bid: int, now: dt.datetime, dataset: str | None, fetched: bool) -> int:
    """Move replaced events (and, with `dataset`, that dataset's events missing from the file) to events_history;
    subtract their series_weeks contributions; delete them and their event_actors rows. Returns the number retired
    (not replaced). `fetched`: _ingest_cand holds the whole stored rows of the replaced versions."""
    con.execute("""create or replace temp table _ingest_gone as
                   select rid, event_id, id_key, event_date, fatalities, name_id, groups, false as retired
                   from _ingest_old where not same""").fetchall()
    n_retired = 0
    if dataset is not None:
        con.execute(
            """insert into _ingest_gone
                       select e.rowid, e.event_id, e.id_key, e.event_date, e.fatalities, e.name_id, e.groups, true
                       from event_rows e
                       where e.dataset = ? and e.event_id not in (select event_id from _ingest_staged
                                                                  where event_id is not null)""",
            [dataset],
        ).fetchall()
        n_retired = con.execute("select count(*) from _ingest_gone where retired").fetchall()[0][0]
    if not con.execute("select count(*) from _ingest_gone").fetchall()[0][0]:
        return 0
    hist = "?::timestamp as valid_to, ?::integer as replaced_by_batch"
    if fetched:
        con.execute(
            f"""insert into events_history by name
                select {rows.events_select("c")}, c.ingested_at as valid_from, {hist}
                from _ingest_cand c join event_names n using (name_id)
                where c.rid in (select rid from _ingest_gone where not retired)""",
            [now, bid],
        ).fetchall()
    con.execute(
        f"""insert into events_history by name
            select {rows.events_select()}, e.ingested_at as valid_from, {hist}
            from event_rows e join event_names n using (name_id)
            where e.rowid in (select rid from _ingest_gone where {"retired" if fetched else "true"})""",
        [now, bid],
    ).fetchall()
    # their event_actors rows: stored ones (events with groups: candidates by key, fetched by rowid, then event_id
    # compared), and the one row the names of every other event imply
    _fetch(
        con,
        "_ingest_gone_cand",
        "event_groups",
        "event_id, series_id, actor_family",
        "(select id_key from _ingest_gone where groups)",
    )
    con.execute("""create or replace temp table _ingest_gone_ea as
                   select a.rid, a.event_id, a.series_id, a.actor_family, g.event_date, g.fatalities, true as multi
                   from _ingest_gone_cand a join _ingest_gone g on g.event_id = a.event_id
                   where g.groups
                   union all
                   select null, g.event_id, n.series_id, n.actor_family, g.event_date, g.fatalities, false
                   from _ingest_gone g join event_names n using (name_id)
                   where not g.groups and n.series_id is not null""").fetchall()
    _contributions(con, "_ingest_gone_ea", -1)
    con.execute("delete from event_rows where rowid in (select rid from _ingest_gone)").fetchall()
    con.execute(
        "delete from event_groups where rowid in (select rid from _ingest_gone_ea where rid is not null)"
    ).fetchall()
    return int(n_retired)


#: at most this many candidates are fetched as whole rows (more: the few columns needed, a big re-export)
FULL_FETCH_MAX = 200_000


def _fetch(con, name: str, table: str, cols: str, keys: str, slim: str | None = None) -> bool:
    """Temp table `name`: rid (rowid) and `cols` of the rows of `table` whose id_key is one of those in `keys` (a
    relation with an id_key column); `slim` columns instead when there are more than FULL_FETCH_MAX. Two
    statements on purpose: the key scan reads one 8-byte column, then the rowid filter reads `cols` only near the
    rows found (one statement joining on event_id reads every stored id). Returns whether `cols` were fetched."""
    con.execute(f"""create or replace temp table {name}_rid as
                    select rowid as rid from {table} where id_key in (select id_key from {keys})""").fetchall()
    few = slim is None or con.execute(f"select count(*) from {name}_rid").fetchall()[0][0] <= FULL_FETCH_MAX
    con.execute(f"""create or replace temp table {name} as select rowid as rid, {cols if few else slim}
                    from {table} where rowid in (select rid from {name}_rid)""").fetchall()
    con.execute(f"drop table if exists {name}_rid").fetchall()
    return few


def _contributions(con, rows: str, sign: int) -> None:
    """Add to `_ingest_sw_delta` the series_weeks counts of the event_actors rows in `rows` (event_id, series_id,
    actor_family, event_date, fatalities: every row of each of its events), times `sign`."""
    sql = store.sql_text("ingest/series_weeks_delta.sql").format(rows=rows, sign=int(sign))
    con.execute(sql).fetchall()


def _write_event_actors(con, written: str) -> None:
    """The event_actors rows of the written events: stored in event_groups for events with groups (the actor when
    armed, allies, then armed groups on the other side, `_ingest_nk_groups`), implied by the names for every other
    event (no row written). Their series_weeks contributions go to `_ingest_sw_delta`; for a first load of events
    without groups straight into series_weeks, in (series_id, week) order. `written`: the staged rows written."""
    multi = con.execute("select count(*) from (select 1 from _ingest_nk_groups limit 1)").fetchall()[0][0]
    if multi:
        con.execute(f"""create or replace temp table _ingest_ea_new as
                        select s.event_id, s.id_key, g.series_id, g.actor, g.actor_family, g.role, s.event_date,
                               s.fatalities, true as multi
                        from {written} s join _ingest_nk_groups g using (_nk)""").fetchall()
        multi = con.execute("select count(*) from (select 1 from _ingest_ea_new limit 1)").fetchall()[0][0]
    cells = rows.SINGLE_CELLS.format(written=written)
    if not multi and _empty(con, "series_weeks") and _empty(con, "_ingest_sw_delta"):
        # a first load of single-group events: its contributions are the table, in (series_id, week) order
        con.execute(f"insert into series_weeks {cells} order by series_id, week").fetchall()
    else:
        con.execute(f"insert into _ingest_sw_delta {cells}").fetchall()
    if multi:
        con.execute("""insert into event_groups (event_id, series_id, actor, actor_family, role, id_key)
                       select event_id, series_id, actor, actor_family, role, id_key from _ingest_ea_new
                       order by event_id, case role when 'actor' then 0 when 'ally' then 1 else 2 end""").fetchall()
        _contributions(con, "_ingest_ea_new", 1)
