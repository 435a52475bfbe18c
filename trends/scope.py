"""Scope of a weekly analysis: which week, which series (watch list, activity, coverage), which events and sources.

Read-only queries over the store used by trends.pipeline.analyse_week; no stage order here. The analysis commands
(`trends changepoints`, `forecast`, `backtest`, `alerts`) use `analysis_weekly`: the same rule as the report, a
country's coverage ends at its last event in the store (`aggregate.coverage_ends`) and the weeks after it are "no
data", never zeros; filters resolve aliases and spellings as at ingest; `notes` say what was left out.
"""

from __future__ import annotations

import datetime as dt
import difflib
import logging
from dataclasses import dataclass, field

import duckdb
import numpy as np
import pandas as pd

from .config import WatchList
from .errors import NothingMatched, TrendsError, UsageError
from .frames import SERIES_KEY, issues_frame
from .weeks import monday, parse_week, week_label

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
    df = con.execute(
        """
        select e.*, coalesce((select list(distinct s.actor order by s.actor) from event_actors as ea
                              join series as s on s.series_id = ea.series_id where ea.event_id = e.event_id),
                             []::varchar[]) as series_actors
        from events as e where e.event_date >= ? and e.event_date < ? order by e.event_date, e.event_id""",
        [start, end],
    ).df()
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
    return take_rows(weekly, active_rows(weekly, cutoff, weeks))


def active_rows(weekly: pd.DataFrame, cutoff: dt.date, weeks: int = ACTIVE_WEEKS) -> np.ndarray:
    """`active_series` as a row mask: the weekly run takes the rows each stage reads from `weekly` with it
    rather than keeping a copy of nearly every row (~0.8 GB at 20k series)."""
    lo = pd.Timestamp(cutoff) - pd.Timedelta(weeks=weeks)
    recent = (weekly["week"] >= lo) & (weekly["week"] < pd.Timestamp(cutoff)) & (weekly["events"] > 0)
    code = series_code(weekly)
    if not len(code):
        return np.ones(len(weekly), dtype=bool)
    code = code - code.min()
    hit = np.zeros(code.max() + 1, dtype=bool)
    hit[code[recent.to_numpy()]] = True
    return hit[code]


def actor_families(con: duckdb.DuckDBPyConnection) -> dict[str, str | None]:
    """Canonical actor of every series -> its alias-registry family as stored at ingest (None = unmatched)."""
    rows = con.execute("""select s.actor, max(ea.actor_family) from series as s
                          left join event_actors as ea on ea.series_id = s.series_id group by s.actor""").fetchall()
    return {a: f for a, f in rows}


def watch_filter(
    con: duckdb.DuckDBPyConnection, weekly: pd.DataFrame, watch: WatchList | None = None
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Split a WEEKLY frame into the watched series and the rest, by the watch list (default: registry actors).

    Returns:
        (watched rows, a frame actor, family, series, events of the actors left out, most events first).
    """
    watch = watch or WatchList()
    fam = actor_families(con)
    actors = pd.Series(weekly["actor"].unique())
    keep = {a for a in actors if watch.watches(a, fam.get(a))}
    mask = weekly["actor"].isin(keep).to_numpy()
    out = weekly[~mask]
    left = (
        out.groupby("actor").agg(series=("series_id", "nunique"), events=("events", "sum")).reset_index()
        if len(out)
        else pd.DataFrame(columns=["actor", "series", "events"])
    )
    left.insert(1, "family", [fam.get(a) for a in left["actor"]])
    left = left.sort_values(["events", "actor"], ascending=[False, True], ignore_index=True)
    return take_rows(weekly, mask), left


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
            rows.append(
                dict(
                    stage="coverage",
                    actor="",
                    country=r.country,
                    province="",
                    error=f"no data after {week_label(r.last_event)}",
                    detail=f"last event {r.last_event}; its series stop there and are left out of "
                    f"this week's alerts, movers and forecasts",
                )
            )
        elif r.last_event < sunday:
            rows.append(
                dict(
                    stage="coverage",
                    actor="",
                    country=r.country,
                    province="",
                    error=f"data end on {r.last_event}, inside {week_label(week)}",
                    detail="this week's counts there cover only part of the week",
                )
            )
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
    rows = con.execute(
        "select dataset, min(event_date), max(event_date), count(*) from events group by dataset order by dataset"
    ).fetchall()
    return {"latest_ingest": ingest, "datasets": [(str(d), a, b, int(n)) for d, a, b, n in rows]}


@dataclass
class Scope:
    """The series an analysis covers (`weekly`, a WEEKLY frame) and what was left out, as printable lines."""

    weekly: pd.DataFrame
    notes: list[str] = field(default_factory=list)
    coverage: pd.DataFrame | None = None  # country, last_event, last_week of the countries that end early


def _list(values) -> list[str] | None:
    if not values:
        return None
    if isinstance(values, str):
        values = [values]
    return [p.strip() for v in values for p in str(v).split(",") if p.strip()]


def resolve_provinces(con, provinces, countries=None) -> set[str]:
    """Canonical province names for what a user typed ('Ninawa', 'Nīnawá', 'nineveh' -> 'Nineveh').

    Each name is resolved with the ingest gazetteer (`normalize.Gazetteer`) in the given countries, or in every
    country of the store when none is given; a name that resolves nowhere is kept as typed (matched without case).
    """
    from .normalize import Gazetteer

    gaz = Gazetteer.load(con)
    if countries:
        cs = sorted({gaz.country(c) for c in countries})
    else:
        cs = [r[0] for r in con.execute("select distinct country from series").fetchall()]
    out = set()
    for raw in provinces:
        out.add(raw.strip())
        for c in cs:
            m = gaz.resolve(c, raw)
            if m.matched and m.province:
                out.add(m.province)
    return out


def analysis_weekly(
    con, *, start=None, end=None, actors=None, countries=None, provinces=None, all_series: bool = False, watch=None
) -> Scope:
    """WEEKLY counts for an analysis command, filtered and cut at each country's coverage end.

    Args:
        con: the store.
        start, end: first and last week (a date or '2019-W01'); `end` default = the latest event's week.
        actors, countries, provinces: lists (or comma-separated strings) of names as a user types them; actor
            aliases ('ISIS'), country spellings ('Ivory Coast') and province spellings ('Ninawa') resolve as at
            ingest. Unknown names raise UsageError with the closest known name.
        all_series: include actors off the watch list (default: only watched actors, as in the weekly report).
        watch: the WatchList (default: every actor the alias registry knows).

    Returns:
        Scope(weekly, notes, coverage): `notes` say which countries' data end before `end` (their series stop
        there) and how many series of unwatched actors were left out.
    """
    from .aggregate import coverage_ends, weekly_counts

    actors, countries, provinces = _list(actors), _list(countries), _list(provinces)
    weekly = weekly_counts(con, start=start, end=end, countries=countries, actors=actors, clip_to_coverage=True)
    notes: list[str] = []
    if weekly.empty:
        explain_empty(con, actors, countries, provinces, start, end)
    if provinces:
        want = {p.casefold() for p in resolve_provinces(con, provinces, countries)}
        weekly = weekly[weekly["province"].str.casefold().isin(want)].reset_index(drop=True)
        if weekly.empty:
            explain_empty(con, actors, countries, provinces, start, end)
    if not all_series:
        weekly, left = watch_filter(con, weekly, watch)
        if len(left):
            top = ", ".join(left["actor"].head(3))
            notes.append(
                f"left out {int(left['series'].sum())} series of {len(left)} actor(s) off the watch list "
                f"(most events: {top}); --all-series includes them"
            )
        if weekly.empty:
            raise UsageError("every matching series belongs to an actor off the watch list; add --all-series")
    end_w = pd.Timestamp(parse_week(end)) if end is not None else pd.Timestamp(weekly["week"].max())
    cov = coverage_ends(con)
    cov = cov[cov["country"].isin(set(weekly["country"])) & (cov["last_week"] < end_w)]
    for r in cov.itertuples(index=False):
        n = weekly.loc[weekly["country"] == r.country, SERIES_KEY].drop_duplicates().shape[0]
        notes.append(
            f"{r.country}: no data after {week_label(r.last_event)} (last event {r.last_event}); its {n} "
            f"series stop there: the weeks to {week_label(end_w)} are no data, not zeros"
        )
    return Scope(weekly.reset_index(drop=True), notes, cov.reset_index(drop=True))


def current_series(scope: Scope, cutoff) -> Scope:
    """Only the series whose data reach the week before `cutoff` (what a forecast made at `cutoff` may use).

    A series whose country's coverage ended earlier would be forecast from weeks nobody recorded; it is left
    out and the note says so.
    """
    cutoff = pd.Timestamp(cutoff)
    w = scope.weekly
    last = w.groupby(SERIES_KEY, observed=True)["week"].transform("max")
    stale = last < cutoff - pd.Timedelta(days=7)
    notes = list(scope.notes)
    if stale.any():
        gone = w.loc[stale, SERIES_KEY].drop_duplicates()
        by = gone.groupby("country").size().sort_values(ascending=False)
        where = ", ".join(f"{c} ({n})" for c, n in by.items())
        before = week_label(cutoff - pd.Timedelta(days=7))
        notes.append(f"not forecast: {len(gone)} series whose data end before {before}, in {where}")
    return Scope(w[~stale].reset_index(drop=True), notes, scope.coverage)


def explain_empty(con, actors, countries, provinces, start=None, end=None) -> None:
    """Raise NothingMatched (exit 2) for filters that match nothing, naming the closest known value and, when
    weeks were asked for, the weeks the store's events span."""
    hints = []
    for what, given, sql in (
        ("actor", actors, "select distinct actor from series"),
        ("country", countries, "select distinct country from series"),
        ("province", provinces, "select distinct province from series"),
    ):
        if not given:
            continue
        known = [r[0] for r in con.execute(sql).fetchall() if r[0]]
        folded = {k.casefold(): k for k in known}
        for g in given:
            if g.casefold() in folded:
                continue
            close = difflib.get_close_matches(g.casefold(), list(folded), n=1, cutoff=0.6)
            if close:
                hints.append(f"--{what} {g!r}: did you mean {folded[close[0]]!r}?")
    checks = "--actor/--country/--province" + ("/--from/--to/--week" if start is not None or end is not None else "")
    msg = f"no weekly counts match these filters; check {checks} (`trends weekly` lists the series)"
    if hints:
        msg += "; " + "; ".join(hints)
    if start is not None or end is not None:
        msg += "; " + events_span(con)
    raise NothingMatched(msg)


def events_span(con) -> str:
    """'the store's events span 2017-W01 (2017-01-02) to 2019-W13 (2019-03-31)', or that it has none."""
    first, last = con.execute("select min(event_date), max(event_date) from events").fetchone()
    if first is None:
        return "the store has no events (`trends ingest FILE`)"
    return f"the store's events span {week_label(first)} ({first}) to {week_label(last)} ({last})"


def series_code(weekly: pd.DataFrame) -> np.ndarray:
    """One integer per series of a WEEKLY frame (its store series_id; grouping on three string columns costs
    seconds at 20k series)."""
    if "series_id" in weekly and weekly["series_id"].notna().all():
        return weekly["series_id"].to_numpy(dtype=np.int64)
    return weekly.groupby(SERIES_KEY, sort=False, observed=True).ngroup().to_numpy()


def n_series(weekly: pd.DataFrame) -> int:
    """Number of distinct (actor, country, province) series in a WEEKLY frame, as
    `weekly[SERIES_KEY].drop_duplicates()` counts them; with `series_id`, over one row per id (a series id
    stands for one key), which spares hashing three strings on every one of ~10M rows."""
    rows = weekly.loc[~weekly["series_id"].duplicated(), SERIES_KEY] if "series_id" in weekly else weekly[SERIES_KEY]
    return int(rows.drop_duplicates().shape[0])


def take_rows(weekly: pd.DataFrame, keep: np.ndarray) -> pd.DataFrame:
    """weekly[keep] with a fresh index; the frame itself when every row is kept (copying 14M rows with three
    string columns costs seconds, and the weekly stage filters three times)."""
    keep = np.asarray(keep, dtype=bool)
    if keep.all():
        return weekly
    if all(isinstance(t, np.dtype) for t in weekly.dtypes):  # numpy columns: take each one (5x pandas' take)
        return pd.DataFrame({c: weekly[c].to_numpy()[keep] for c in weekly.columns}, copy=False)
    return weekly[keep].reset_index(drop=True)


def series_max(weekly: pd.DataFrame, col: str) -> np.ndarray:
    """Per row, the maximum of `col` over the row's series (numpy, on the integer series code)."""
    code = series_code(weekly)
    if not len(code):
        return weekly[col].to_numpy()
    inv = code - code.min()  # series ids are small integers: index by them (np.unique would sort 14M rows)
    vals = weekly[col].to_numpy()
    ints = vals.view("int64") if vals.dtype.kind == "M" else vals
    best = np.full(inv.max() + 1, np.iinfo(np.int64).min, dtype=np.int64)
    np.maximum.at(best, inv, ints)
    out = best[inv]
    return out.view(vals.dtype) if vals.dtype.kind == "M" else out


def rows_since(weekly: pd.DataFrame, first: pd.Timestamp) -> pd.DataFrame:
    """Rows from week `first` on. The forecasts and backtests read only HISTORY_WEEKS weeks before each cutoff,
    and a series' zero back-fill (from its country's first week) reaches the start of that window either way,
    so trimming older weeks gives the same numbers from a frame a fraction of the size."""
    return take_rows(weekly, weekly["week"].to_numpy() >= np.datetime64(first, "ns"))
