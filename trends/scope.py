"""Which series an analysis command covers: filters (aliases resolved as at ingest), watch list, coverage cut.

The rule the weekly report applies, for `trends changepoints`, `forecast`, `backtest` and `alerts` too: a
country's coverage ends at its last event in the store (any actor, any dataset; `aggregate.coverage_ends`), and
the weeks after it are "no data", never zeros, so a source that stops is not read as a collapse and nothing is
forecast from filled-in zeros. `analysis_weekly` returns the WEEKLY frame cut that way together with `notes`:
one line per thing left out (countries whose data end early, actors off the watch list, series too stale to
forecast), which each command logs.
"""
from __future__ import annotations

import difflib
from dataclasses import dataclass, field

import pandas as pd

from .errors import UsageError
from .frames import SERIES_KEY
from .weeks import parse_week, week_label


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


def analysis_weekly(con, *, start=None, end=None, actors=None, countries=None, provinces=None,
                    all_series: bool = False, watch=None) -> Scope:
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
        _explain_empty(con, actors, countries, provinces)
    if provinces:
        want = {p.casefold() for p in resolve_provinces(con, provinces, countries)}
        weekly = weekly[weekly["province"].str.casefold().isin(want)].reset_index(drop=True)
        if weekly.empty:
            _explain_empty(con, actors, countries, provinces)
    if not all_series:
        from .pipeline import watch_filter

        weekly, left = watch_filter(con, weekly, watch)
        if len(left):
            top = ", ".join(left["actor"].head(3))
            notes.append(f"left out {int(left['series'].sum())} series of {len(left)} actor(s) off the watch list "
                         f"(most events: {top}); --all-series includes them")
        if weekly.empty:
            raise UsageError("every matching series belongs to an actor off the watch list; add --all-series")
    end_w = pd.Timestamp(parse_week(end)) if end is not None else pd.Timestamp(weekly["week"].max())
    cov = coverage_ends(con)
    cov = cov[cov["country"].isin(set(weekly["country"])) & (cov["last_week"] < end_w)]
    for r in cov.itertuples(index=False):
        n = weekly.loc[weekly["country"] == r.country, SERIES_KEY].drop_duplicates().shape[0]
        notes.append(f"{r.country}: no data after {week_label(r.last_event)} (last event {r.last_event}); its {n} "
                     f"series stop there: the weeks to {week_label(end_w)} are no data, not zeros")
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


def _explain_empty(con, actors, countries, provinces) -> None:
    """Raise UsageError for filters that match nothing, naming the closest known value."""
    hints = []
    for what, given, sql in (("actor", actors, "select distinct actor from series"),
                             ("country", countries, "select distinct country from series"),
                             ("province", provinces, "select distinct province from series")):
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
    msg = "no weekly counts match these filters; check --actor/--country/--province (`trends weekly` lists the series)"
    if hints:
        msg += "; " + "; ".join(hints)
    raise UsageError(msg)
