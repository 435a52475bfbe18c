"""Scope of a weekly analysis: which week, which series (watch list, activity, coverage), which events and sources.

Read-only queries over the store used by trends.pipeline.analyse_week; no stage order here.
"""
from __future__ import annotations

import datetime as dt
import logging

import duckdb
import pandas as pd

from .config import WatchList
from .errors import TrendsError
from .frames import SERIES_KEY, issues_frame
from .weeks import monday, week_label

log = logging.getLogger(__name__)

#: Series with events in this many weeks before the cutoff are detected and forecast (others are dormant).
ACTIVE_WEEKS = 52

#: Attribution lines for the datasets the store can hold (shown in the report's methods section).
ATTRIBUTION = {
    "ucdp": "UCDP Georeferenced Event Dataset (GED), Uppsala Conflict Data Program, Uppsala University; CC BY 4.0 "
            "(Sundberg & Melander 2013, Journal of Peace Research 50(4))",
    "acled": "Armed Conflict Location & Event Data Project (ACLED); acleddata.com, used under its terms of use",
    "gtd": "Global Terrorism Database (GTD), START, University of Maryland",
}


def latest_complete_week(con: duckdb.DuckDBPyConnection, *, today: dt.date | None = None) -> dt.date:
    """Monday of the last week fully covered by the store: its Sunday is on or before the latest event date,
    and it ended before `today`. Raises TrendsError on an empty store."""
    row = con.execute("select max(event_date) from events").fetchall()[0]
    if row is None or row[0] is None:
        raise TrendsError("the store has no events; ingest a file first (`trends ingest FILE`) or give --week")
    last = pd.Timestamp(row[0]).date()
    week = monday(last + dt.timedelta(days=1)) - dt.timedelta(days=7)
    today = today or dt.date.today()
    return min(week, monday(today) - dt.timedelta(days=7))



def recent_events(con: duckdb.DuckDBPyConnection, week: dt.date, n_weeks: int, actors=None) -> pd.DataFrame:
    """Events dated in the `n_weeks` weeks ending with `week` (store columns), oldest first.

    Adds `series_actors`: the canonical actors whose series the event counts in (either side), so the report can
    list an event under a group that was its counterpart. With `actors`, only events counting for one of them.
    """
    start = week - dt.timedelta(days=7 * (n_weeks - 1))
    end = week + dt.timedelta(days=7)
    df = con.execute("""
        select e.*, coalesce((select list(distinct s.actor order by s.actor) from event_actors as ea
                              join series as s on s.series_id = ea.series_id where ea.event_id = e.event_id),
                             []::varchar[]) as series_actors
        from events as e where e.event_date >= ? and e.event_date < ? order by e.event_date, e.event_id""",
                     [start, end]).df()
    if actors is not None and len(df):
        keep = set(actors)
        df = df[[bool(keep.intersection(v)) for v in df["series_actors"]]].reset_index(drop=True)
    return df


def data_sources(con: duckdb.DuckDBPyConnection) -> list[str]:
    """One attribution line per dataset present in the store."""
    names = [r[0] for r in con.execute("select distinct dataset from events order by 1").fetchall()]
    out = []
    for name in names:
        base = str(name).split(":")[0]
        out.append(ATTRIBUTION.get(base, f"{name}: events ingested by the user"))
    return out



def active_series(weekly: pd.DataFrame, cutoff: dt.date, weeks: int = ACTIVE_WEEKS) -> pd.DataFrame:
    """Rows of the series with at least one event in the `weeks` weeks before `cutoff` (WEEKLY frame)."""
    lo = pd.Timestamp(cutoff) - pd.Timedelta(weeks=weeks)
    recent = weekly[(weekly["week"] >= lo) & (weekly["week"] < pd.Timestamp(cutoff)) & (weekly["events"] > 0)]
    keys = recent[SERIES_KEY].drop_duplicates()
    return weekly.merge(keys, on=SERIES_KEY, how="inner")


def actor_families(con: duckdb.DuckDBPyConnection) -> dict[str, str | None]:
    """Canonical actor of every series -> its alias-registry family as stored at ingest (None = unmatched)."""
    rows = con.execute("""select s.actor, max(ea.actor_family) from series as s
                          left join event_actors as ea on ea.series_id = s.series_id group by s.actor""").fetchall()
    return {a: f for a, f in rows}


def watch_filter(con: duckdb.DuckDBPyConnection, weekly: pd.DataFrame, watch: WatchList | None = None
                 ) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Split a WEEKLY frame into the watched series and the rest, by the watch list (default: registry actors).

    Returns:
        (watched rows, a frame actor, family, series, events of the actors left out, most events first).
    """
    watch = watch or WatchList()
    fam = actor_families(con)
    actors = pd.Series(weekly["actor"].unique())
    keep = {a for a in actors if watch.watches(a, fam.get(a))}
    mask = weekly["actor"].isin(keep)
    out = weekly[~mask]
    left = (out.groupby("actor").agg(series=("series_id", "nunique"), events=("events", "sum")).reset_index()
            if len(out) else pd.DataFrame(columns=["actor", "series", "events"]))
    left.insert(1, "family", [fam.get(a) for a in left["actor"]])
    left = left.sort_values(["events", "actor"], ascending=[False, True], ignore_index=True)
    return weekly[mask].reset_index(drop=True), left


def coverage_issues(con: duckdb.DuckDBPyConnection, week: dt.date, countries) -> pd.DataFrame:
    """Issue rows (stage 'coverage') for the countries in `countries` whose data end before `week`'s Sunday.

    A country whose last event is before `week` has no data for the reported week: its series are left out of
    the analysis (not reported as falling). One whose last event falls inside the week is partial that week.
    Coverage = the last event of any actor in any dataset (trends.aggregate.coverage_ends).
    """
    from .aggregate import coverage_ends

    cov = coverage_ends(con)
    # countries silent for over a year before the week are dormant, not a coverage question for this report
    lo = week - dt.timedelta(weeks=ACTIVE_WEEKS)
    cov = cov[cov["country"].isin(set(countries)) & (cov["last_event"] >= lo)]
    sunday = week + dt.timedelta(days=6)
    rows = []
    for r in cov.itertuples(index=False):
        if r.last_event < week:
            rows.append(dict(stage="coverage", actor="", country=r.country, province="",
                             error=f"no data after {week_label(r.last_event)}",
                             detail=f"last event {r.last_event}; its series stop there and are left out of "
                                    f"this week's alerts, movers and forecasts"))
        elif r.last_event < sunday:
            rows.append(dict(stage="coverage", actor="", country=r.country, province="",
                             error=f"data end on {r.last_event}, inside {week_label(week)}",
                             detail="this week's counts there cover only part of the week"))
    return issues_frame(rows)




def data_snapshot(con: duckdb.DuckDBPyConnection) -> dict:
    """What the store held when the report was made: the latest ingest time and each dataset's last event.

    Returns:
        {"latest_ingest": datetime | None, "datasets": [(dataset, first event date, last event date, events)]}.
    """
    try:
        ingest = con.execute("select max(coalesce(finished_at, started_at)) from batches").fetchone()[0]
    except duckdb.Error:
        ingest = None
    rows = con.execute("select dataset, min(event_date), max(event_date), count(*) from events "
                       "group by dataset order by dataset").fetchall()
    return {"latest_ingest": ingest, "datasets": [(str(d), a, b, int(n)) for d, a, b, n in rows]}
