"""Aggregate stage: events in the store -> zero-filled weekly counts per series, and the events behind a series.

Counts come from the `event_series` view (events x event_actors x series, sql/views/10_event_series.sql): an event
between two armed groups counts once in each group's series; governments and civilians have no series. Weeks are
ISO weeks starting Monday; an event counts in the week of its `event_date` (its first day).

Without event-level filters or `as_of`, the non-empty (group, week) cells come from the maintained table
`series_weeks` (trends.series_weeks, refreshed per ingest batch); otherwise DuckDB groups the events on integer
keys. The zero fill is done in numpy on integer ids and day numbers, and the key strings are attached last by
position. For 20k series this
keeps time and memory near the size of the output (see bench/ and the README).
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from .errors import UsageError
from .frames import WEEKLY
from .weeks import monday, parse_week

__all__ = [
    "weekly_counts",
    "coverage_ends",
    "events_for",
    "actor_summary",
    "unmatched_actors",
    "BY_KEYS",
    "UNMATCHED_FAMILY",
]

#: what `by` may contain ('family' is accepted for 'actor_family').
BY_KEYS = ("actor", "actor_family", "country", "province")
#: family label of actors the alias registry does not know, in family roll-ups.
UNMATCHED_FAMILY = "(unmatched)"

_EPOCH = dt.date(1970, 1, 1)
_KEY_SQL = {
    "actor": "actor",
    "actor_family": f"coalesce(actor_family, '{UNMATCHED_FAMILY}')",
    "country": "country",
    "province": "province",
}


def _norm_by(by) -> tuple[str, ...]:
    if isinstance(by, str):
        by = [b for b in by.replace(" ", "").split(",") if b]
    out = []
    for b in by:
        b = "actor_family" if b == "family" else b
        if b not in BY_KEYS:
            raise UsageError(f"cannot group by {b!r}; choose from {', '.join(BY_KEYS)}")
        if b not in out:
            out.append(b)
    if "actor" in out and "actor_family" in out:
        raise UsageError("group by actor or by actor_family, not both (a family is a set of actors)")
    if "province" in out and "country" not in out:
        out.append("country")  # a province is only unique within its country
    return tuple(k for k in BY_KEYS if k in out)


def _as_list(values) -> list | None:
    if values is None:
        return None
    if isinstance(values, str):
        values = [values]
    return [v for v in values if v is not None]


def _source(as_of) -> tuple[str, list]:
    if as_of is None:
        return "event_series", []
    return "event_series_as_of(?::timestamp)", [pd.Timestamp(as_of).to_pydatetime()]


def _filters(con, event_types, attributions, datasets, countries, actors, families) -> tuple[str, list]:
    clauses, params = [], []

    def add(col, values):
        values = _as_list(values)
        if values is not None:
            clauses.append(f"{col} in (select unnest(?::varchar[]))")
            params.append([str(v) for v in values])

    add("event_type", event_types)
    add("attribution", attributions)
    add("dataset", datasets)
    if countries is not None:
        from .normalize import Gazetteer

        gaz = Gazetteer.load(con)
        add("country", sorted({c for raw in _as_list(countries) or [] for c in (str(raw).strip(), gaz.country(raw))}))
    if actors is not None:
        from .normalize import ActorRegistry

        reg = ActorRegistry.load(con)
        add("actor", sorted({n for raw in _as_list(actors) or [] for n in ({str(raw).strip()} | reg.names_for(raw))}))
    add(f"coalesce(actor_family, '{UNMATCHED_FAMILY}')", families)
    return (" and ".join(clauses) or "true"), params


def _day(d: dt.date) -> int:
    return (d - _EPOCH).days


def _empty() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "series_id": pd.Series(dtype="int64"),
            "actor": pd.Series(dtype=object),
            "country": pd.Series(dtype=object),
            "province": pd.Series(dtype=object),
            "week": pd.Series(dtype="datetime64[ns]"),
            "events": pd.Series(dtype="int64"),
            "fatalities": pd.Series(dtype="int64"),
        }
    )[WEEKLY]


def coverage_ends(con, *, as_of=None) -> pd.DataFrame:
    """Where each country's data end: the last event dated in the store per country, over all actors and datasets.

    Sources end at different dates (the shipped sample's Iraq extract ends in 2018-12, the Syria release on
    2019-11-30, Nigeria in 2019-12, West Africa in 2021-12). A zero week after a country's last event is then not
    a quiet week but a week nobody recorded, so `weekly_counts(clip_to_coverage=True)` stops each series at its
    country's coverage end. Limit: a real total lull in a country (no event by any actor in any dataset) looks the
    same as the end of coverage and is clipped too; with several actors and datasets per country that is rare.

    Returns:
        DataFrame country, last_event (date), last_week (its Monday, datetime64), sorted by last_event then country.
    """
    src, params = _source(as_of)
    if as_of is None:
        sql = "select country, max(event_date) as last_event from events group by country"
    else:
        sql = f"select country, max(event_date) as last_event from {src} group by country"
    df = con.execute(sql, params).df()
    if df.empty:
        return pd.DataFrame(
            {
                "country": pd.Series(dtype=object),
                "last_event": pd.Series(dtype=object),
                "last_week": pd.Series(dtype="datetime64[ns]"),
            }
        )
    df["last_event"] = pd.to_datetime(df["last_event"]).dt.date
    df["last_week"] = pd.to_datetime([monday(d) for d in df["last_event"]]).astype("datetime64[ns]")
    return df.sort_values(["last_event", "country"], ignore_index=True)


def weekly_counts(
    con,
    *,
    by=("actor", "province"),
    start=None,
    end=None,
    event_types=None,
    attributions=None,
    datasets=None,
    countries=None,
    actors=None,
    families=None,
    as_of=None,
    clip_to_coverage: bool = False,
) -> pd.DataFrame:
    """Zero-filled weekly counts per series (or per roll-up key) as a long WEEKLY frame.

    Args:
        con: store connection (`trends.store.connect`), read-only is fine.
        by: key columns, a tuple or "actor,province". Default ("actor", "province") = the store's series
            (actor, country, province) with their stable `series_id`. Roll-ups: ("actor",) or ("actor", "country")
            per actor; ("country",) per country; ("actor_family", ...) per family, with the family name in the
            `actor` column ('(unmatched)' for unknown actors). Key columns not in `by` are ''. "province" implies
            "country". In a roll-up an event counts once per key even when several of its series fall in it, and
            `series_id` is the key's rank (1..n in sort order), not a store id.
        start: first week (date or '2019-W48'); series are filled from max(their first week, start). A series
            whose events all lie before `start` still gets its (zero) weeks from `start`: quiet weeks are data.
        end: last week; default the week of the latest event in the store (as of `as_of`).
        event_types, attributions, datasets, countries, actors, families: keep only events whose value is in the
            list (a single string is a one-item list). Countries and actors are matched as given and after
            normalisation ('Ivory Coast' -> "Côte d'Ivoire", 'ISIS' -> 'Islamic State').
        as_of: ingest time; counts as they stood then (current versions ingested by then plus history rows
            valid then, see sql/views/11_event_series_as_of.sql).
        clip_to_coverage: stop each series at the week of its country's last event in the store (any actor,
            any dataset; see `coverage_ends`) instead of zero-filling it to `end`, so a source that ends early
            does not look like a collapse. Needs "country" in the key (per-actor and per-family roll-ups across
            countries are not clipped). Off by default: `trends weekly` fills every series to `end`.

    Returns:
        Frame with columns series_id, actor, country, province, week (Monday, datetime64), events, fatalities
        (sum of best estimates, missing = 0), sorted by key then week; weeks contiguous per series.

    Raises:
        UsageError: unknown `by` key, or `start` after `end`.
    """
    keys = _norm_by(by)
    src, src_params = _source(as_of)
    where, params = _filters(con, event_types, attributions, datasets, countries, actors, families)

    if end is None:
        last = con.execute(f"select max(event_date) from {src}", src_params).fetchone()[0]
        if last is None:
            return _empty()
        end_w = monday(last)
    else:
        end_w = parse_week(end)
    start_w = parse_week(start) if start is not None else None
    if start_w is not None and start_w > end_w:
        raise UsageError(f"start week {start_w} is after end week {end_w}")
    upper = end_w + dt.timedelta(days=7)
    day = "date_diff('day', date '1970-01-01', week)::integer"
    series_path = keys == ("actor", "country", "province")
    count_col = _table_column(keys, as_of, event_types, attributions, datasets, actors, families)

    if count_col is not None:
        # the maintained table (trends.series_weeks): non-empty series-weeks, filtered on series keys only
        src = "(select * from series_weeks join series using (series_id))"
        fat_col = count_col.replace("events", "fatalities")
        if series_path:
            sparse = con.execute(
                f"""
                select series_id as gid, {day} as d, sum({count_col})::bigint as events,
                       sum({fat_col})::bigint as fatalities
                from {src} where {where} and week < ? and {count_col} > 0
                group by all""",
                params + [upper],
            ).fetchnumpy()
            key_frame = con.execute(
                "select series_id as gid, actor, country, province from series "
                "order by actor, country, province, series_id"
            ).df()
        else:
            cols = ", ".join(f"{_KEY_SQL[k]} as {k}" for k in keys)
            knames = ", ".join(keys)
            base = (
                f"select {cols}, week, {count_col} as n, {fat_col} as f from {src} "
                f"where {where} and week < ? and {count_col} > 0"
            )
            ranked = f"""select {knames}, (row_number() over (order by {knames}))::integer as gid
                         from (select distinct {knames} from ({base}))"""
            sparse = con.execute(
                f"""
                with b as ({base}), k as ({ranked})
                select k.gid, {day} as d, sum(b.n)::bigint as events, sum(b.f)::bigint as fatalities
                from b join k using ({knames}) group by all""",
                2 * (params + [upper]),
            ).fetchnumpy()
            key_frame = _key_frame(con.execute(f"{ranked} order by gid", params + [upper]).df(), keys)
    elif series_path:
        sparse = con.execute(
            f"""
            select series_id as gid, {day} as d, count(*)::bigint as events, sum(f)::bigint as fatalities
            from (select distinct series_id, event_id, week, coalesce(fatalities, 0) as f
                  from {src} where {where} and event_date < ?)
            group by all""",
            src_params + params + [upper],
        ).fetchnumpy()
        key_frame = con.execute(
            "select series_id as gid, actor, country, province from series order by actor, country, province, series_id"
        ).df()
    else:
        cols = ", ".join(f"{_KEY_SQL[k]} as {k}" for k in keys)
        knames = ", ".join(keys)
        base = (
            f"select {cols}, event_id, week, coalesce(fatalities, 0) as f from {src} where {where} and event_date < ?"
        )
        ranked = f"""select {knames}, (row_number() over (order by {knames}))::integer as gid
                     from (select distinct {knames} from ({base}))"""
        sparse = con.execute(
            f"""
            with b as ({base}), k as ({ranked})
            select k.gid, {day} as d, count(*)::bigint as events, sum(f)::bigint as fatalities
            from (select distinct k.gid, b.event_id, b.week, b.f from b join k using ({knames})) as x
            join k using (gid)
            group by all""",
            2 * (src_params + params + [upper]),
        ).fetchnumpy()
        key_frame = _key_frame(con.execute(f"{ranked} order by gid", src_params + params + [upper]).df(), keys)
    if len(sparse["gid"]) == 0:
        return _empty()
    ends = None
    if clip_to_coverage and "country" in keys:
        # each group stops at its country's coverage end: clipped while filling, before any row is built
        cov = coverage_ends(con, as_of=as_of)
        last = key_frame["country"].map(dict(zip(cov["country"], cov["last_week"])))
        last_d = pd.to_datetime(last).to_numpy(dtype="datetime64[D]").astype("int64")
        ends = np.where(last.isna().to_numpy(), _day(end_w), np.minimum(last_d, _day(end_w)))
    return _fill(sparse, key_frame, _day(start_w) if start_w else None, _day(end_w), ends)


def _key_frame(key_frame: pd.DataFrame, keys: tuple[str, ...]) -> pd.DataFrame:
    for k in ("actor", "country", "province"):
        if k not in key_frame:
            key_frame[k] = key_frame["actor_family"] if (k == "actor" and "actor_family" in keys) else ""
    return key_frame


def _table_column(keys, as_of, event_types, attributions, datasets, actors, families) -> str | None:
    """The series_weeks column that answers this query, or None when it needs the events (as of a past time,
    or a filter on event fields). Per actor: `events`; per family: `family_events`; otherwise (country,
    province): `country_events`, which counts each event once only while no actor/family filter drops rows."""
    if as_of is not None or any(v is not None for v in (event_types, attributions, datasets)):
        return None
    if "actor" in keys:
        return "events"
    if "actor_family" in keys:
        return "family_events" if actors is None else None
    return "country_events" if actors is None and families is None else None


def _fill(
    sparse: dict, key_frame: pd.DataFrame, start_d: int | None, end_d: int, ends: np.ndarray | None = None
) -> pd.DataFrame:
    """Zero-fill sparse (gid, day, events, fatalities) cells to every week from each group's first week to
    `end_d` (or, with `ends`, to each group's own last day, in key_frame order)."""
    gid = np.asarray(sparse["gid"], dtype=np.int64)
    d = np.asarray(sparse["d"], dtype=np.int64)
    ev = np.asarray(sparse["events"], dtype=np.int64)
    fat = np.asarray(sparse["fatalities"], dtype=np.int64)

    # groups in output order (key_frame is sorted by key); keep those with at least one event up to end
    order_ids = key_frame["gid"].to_numpy(dtype=np.int64)
    pos_of = np.full(int(max(order_ids.max(initial=0), gid.max(initial=0))) + 1, -1, dtype=np.int64)
    pos_of[order_ids] = np.arange(len(order_ids))
    g = pos_of[gid]
    if (g < 0).any():
        raise UsageError("event_actors refers to series ids missing from the series table; re-run ingest")
    first = np.full(len(order_ids), np.iinfo(np.int64).max, dtype=np.int64)
    np.minimum.at(first, g, d)
    present = first != np.iinfo(np.int64).max
    if start_d is not None:
        first = np.maximum(first, start_d)
    last = np.full(len(order_ids), end_d, dtype=np.int64) if ends is None else np.asarray(ends, dtype=np.int64)
    n = np.where(present, np.maximum((last - first) // 7 + 1, 0), 0)
    offsets = np.zeros(len(n) + 1, dtype=np.int64)
    np.cumsum(n, out=offsets[1:])
    total = int(offsets[-1])

    rep = np.repeat(np.arange(len(n)), n)
    weeks = first[rep] + 7 * (np.arange(total, dtype=np.int64) - offsets[rep])
    events = np.zeros(total, dtype=np.int64)
    fatalities = np.zeros(total, dtype=np.int64)
    keep = (d >= first[g]) & (d <= last[g])
    cell = offsets[g[keep]] + (d[keep] - first[g[keep]]) // 7
    events[cell] = ev[keep]
    fatalities[cell] = fat[keep]

    out = pd.DataFrame(
        {
            "series_id": order_ids[rep],
            "actor": key_frame["actor"].to_numpy(dtype=object)[rep],
            "country": key_frame["country"].to_numpy(dtype=object)[rep],
            "province": key_frame["province"].to_numpy(dtype=object)[rep],
            "week": (weeks * 86_400_000_000_000).astype("datetime64[ns]"),
            "events": events,
            "fatalities": fatalities,
        },
        copy=False,
    )  # fresh arrays: no copy into consolidated blocks (3 s at 14M rows)
    return out


def _week_bounds(start, end) -> tuple[dt.date | None, dt.date | None]:
    lo = parse_week(start) if start is not None else None
    hi = parse_week(end) + dt.timedelta(days=7) if end is not None else None
    return lo, hi


def events_for(con, actor=None, country=None, province=None, start=None, end=None, *, family=None) -> pd.DataFrame:
    """The events behind one series (or roll-up key) in a week range, newest last.

    Args:
        actor: canonical actor; None or '' = any actor (roll-ups without an actor key).
        country: canonical country; None or '' = any.
        province: canonical province; None = any, '' = events without a known province.
        start, end: first and last week (dates or '2019-W48'), inclusive; None = open.
        family: actor family (family roll-ups put it in the `actor` column); None = any.

    Returns:
        Store `events` columns plus series_id and role (actor | counterpart | ally) of the matching series, one
        row per (event, series); ordered by event_date, event_id.
    """
    lo, hi = _week_bounds(start, end)
    clauses, params = [], []
    for col, v in (("es.actor", actor or None), ("es.country", country or None), ("es.province", province)):
        if v is not None:
            clauses.append(f"{col} = ?")
            params.append(v)
    if family:
        clauses.append(f"coalesce(es.actor_family, '{UNMATCHED_FAMILY}') = ?")
        params.append(family)
    if lo is not None:
        clauses.append("es.event_date >= ?")
        params.append(lo)
    if hi is not None:
        clauses.append("es.event_date < ?")
        params.append(hi)
    where = " and ".join(clauses) or "true"
    return con.execute(
        f"""
        select e.*, es.series_id, es.role
        from event_series as es join events as e on e.event_id = es.event_id
        where {where}
        order by e.event_date, e.event_id, es.series_id""",
        params,
    ).df()


def actor_summary(con) -> pd.DataFrame:
    """Canonical actors in the store with event counts: actor, actor_family, events, series, first, last.

    Counts are distinct events over every role (an IS-vs-HTS event counts for both).
    """
    return con.execute(f"""
        select actor, coalesce(max(actor_family), '{UNMATCHED_FAMILY}') as actor_family,
               count(distinct event_id) as events, count(distinct series_id) as series,
               min(event_date) as first, max(event_date) as last
        from event_series
        group by actor
        order by events desc, actor""").df()


def unmatched_actors(con, registry=None) -> pd.DataFrame:
    """Raw actor names in the store that matched nothing in the alias registry.

    Primary actors flagged `actor_matched = false` at ingest, plus counterpart/ally names in event_actors that the
    registry (shipped + user rows) does not know. Columns: name, events, first, last, role.
    """
    from .normalize import ActorRegistry

    reg = registry or ActorRegistry.load(con)
    prim = con.execute("""
        select coalesce(actor_raw, actor) as name, count(*) as events, min(event_date) as first,
               max(event_date) as last, 'actor' as role
        from events where actor_matched = false group by 1""").df()
    others = con.execute("""
        select ea.actor as name, count(distinct ea.event_id) as events, min(e.event_date) as first,
               max(e.event_date) as last, 'counterpart' as role
        from event_actors as ea join events as e on e.event_id = ea.event_id
        where ea.role <> 'actor' group by 1""").df()
    others = others[[not reg.resolve(n).matched for n in others["name"]]]
    out = pd.concat([prim, others], ignore_index=True)
    if out.empty:
        return out
    out = out.groupby("name", as_index=False).agg(
        events=("events", "sum"),
        first=("first", "min"),
        last=("last", "max"),
        role=("role", lambda r: ",".join(sorted(set(r)))),
    )
    return out.sort_values(["events", "name"], ascending=[False, True], ignore_index=True)
