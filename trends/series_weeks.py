"""The maintained weekly-counts table: `series_weeks` (one row per non-empty series-week), refreshed per batch.

The table (sql/schema/009_series_weeks.sql) holds what every weekly read needs before the zero fill: distinct
events and fatalities per (series, week, actor_family), plus the same counted once per event for the country and
family roll-ups. Ingest calls `refresh_series_weeks` inside a batch's transaction after the events and
event_actors rows are written, with the series-weeks the batch touched (the weeks of the replaced versions and of
the new ones), so a delta of a few thousand rows recomputes a few thousand cells, not the store. The views
`weekly_counts`, `weekly_country` and `weekly_family` and `trends.aggregate.weekly_counts` read it and apply the
zero fill on read; the as-of views (`weekly_counts_as_of`) still count from the events.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

import duckdb

from . import store

log = logging.getLogger(__name__)

__all__ = ["refresh_series_weeks", "touched_cells_sql", "check_series_weeks"]

#: cells (series_id, week) of the event_actors rows of the events in a relation with an `event_id` column.
#: touched cells recomputed per statement; a larger set is done by ranges of series ids (bounded memory under the
#: ingest batch's DuckDB memory cap: 10M events in one statement ran out of memory at 1.8 GB).
CHUNK_CELLS = 400_000

_CELLS_OF_EVENTS = """
    select ea.series_id, date_trunc('week', e.event_date)::date as week
    from event_actors as ea join events as e on e.event_id = ea.event_id
    where ea.event_id in (select event_id from {events})"""


def touched_cells_sql(events_relation: str) -> str:
    """SQL selecting the cells (series_id, week) the events of `events_relation` (a table or view with an
    `event_id` column) count in now. Call it before replacing events (their old cells) and after (the new ones)."""
    return _CELLS_OF_EVENTS.format(events=events_relation)


def refresh_series_weeks(
    con: duckdb.DuckDBPyConnection, cells: str | None = None, *, series_ids: Iterable[int] | None = None
) -> int:
    """Recompute cells of `series_weeks` from event_actors x events, in the caller's transaction (or its own).

    Args:
        con: a writable store connection.
        cells: SQL (a query or a table name) giving the touched (series_id, week) pairs; typically the union of
            `touched_cells_sql(...)` before and after a batch replaced events.
        series_ids: alternatively, whole series to recompute (every week of each, old and new).
            With neither, the whole table is rebuilt (after a relabel, or to repair it).

    Returns:
        The number of touched cells recomputed.
    """
    if cells is not None and series_ids is not None:
        raise ValueError("give cells or series_ids, not both")
    with store.transaction(con):
        if cells is not None:
            src = cells if " " in cells.strip() else f"select series_id, week from {cells}"
            con.execute(
                f"create or replace temp table _series_weeks_touched as "
                f"select distinct series_id::integer as series_id, week::date as week from ({src})"
            )
        elif series_ids is not None:
            ids = sorted({int(i) for i in series_ids})
            con.execute(
                """create or replace temp table _series_weeks_touched as
                           select distinct series_id, week from (
                               select series_id, week from series_weeks
                               where series_id in (select unnest(?::integer[]))
                               union all
                               select ea.series_id, date_trunc('week', e.event_date)::date
                               from event_actors as ea join events as e on e.event_id = ea.event_id
                               where ea.series_id in (select unnest(?::integer[])))""",
                [ids, ids],
            )
        else:
            con.execute("delete from series_weeks")
            con.execute("""create or replace temp table _series_weeks_touched as
                           select distinct ea.series_id, date_trunc('week', e.event_date)::date as week
                           from event_actors as ea join events as e on e.event_id = ea.event_id""")
        n = con.execute("select count(*) from _series_weeks_touched").fetchone()[0]
        if n <= CHUNK_CELLS:
            if n:
                store.run_sql_file(con, "refresh/series_weeks.sql")
        else:  # a big batch (a first ingest of millions of events): by ranges of series, so memory stays bounded
            con.execute("alter table _series_weeks_touched rename to _series_weeks_all")
            bounds = [
                r[0]
                for r in con.execute(
                    f"""select series_id from (select series_id, sum(count(*)) over (order by series_id) as c
                                           from _series_weeks_all group by series_id)
                    qualify c // {CHUNK_CELLS} > coalesce(lag(c) over (order by series_id), 0) // {CHUNK_CELLS}
                    order by series_id"""
                ).fetchall()
            ]
            lo = None
            for hi in bounds + [None]:
                con.execute(
                    "create or replace temp table _series_weeks_touched as select * from _series_weeks_all "
                    "where (? is null or series_id > ?) and (? is null or series_id <= ?)",
                    [lo, lo, hi, hi],
                )
                store.run_sql_file(con, "refresh/series_weeks.sql")
                lo = hi
            con.execute("drop table if exists _series_weeks_all")
        con.execute("drop table if exists _series_weeks_touched")
    log.debug("series_weeks: %d cells recomputed", n)
    return int(n)


def check_series_weeks(con: duckdb.DuckDBPyConnection) -> int:
    """Cells where `series_weeks` differs from a recount from the events (0 = consistent); for tests and repair."""
    return int(
        con.execute("""
        with fresh as (
            select ea.series_id, date_trunc('week', e.event_date)::date as week,
                   count(distinct ea.event_id) as events, sum(coalesce(e.fatalities, 0)) as fatalities
            from event_actors as ea join events as e on e.event_id = ea.event_id
            group by all),
        kept as (select series_id, week, sum(events) as events, sum(fatalities) as fatalities
                 from series_weeks group by all)
        select count(*) from fresh full join kept using (series_id, week)
        where fresh.events is distinct from kept.events or fresh.fatalities is distinct from kept.fatalities
        """).fetchone()[0]
    )
