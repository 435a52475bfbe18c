"""Resurgence alerts: count-aware rules over weekly series, graded, deduplicated and stored.

Rules (settings and defaults in `RuleConfig`, see trends/alert/config.py; the first four are on by default):
    seasonal     Farrington-flexible exceedance (Noufaily et al. 2013), trends/farrington.py
    level_shift  a change point raising the rate >= 2x after a lull of >= 12 weeks
    expansion    an actor's first events in a province for 52 weeks (watch) or ever (warning)
    shift        an upward online change point as of the week (NB GLR-CUSUM, trends.detect.online)
    surge        ACLED-style bands: the week vs the trailing 4- and 52-week means (off: replaced by shift)
    exceedance   the week above the upper tail of a 13-week NB forecast (off: a candidate that did not win)

No look-ahead: an alert for week W compares W's count with an expectation built from weeks before W only, so
re-running a past week with later data present gives the same alerts (`alerts_between` is the audit mode).

Dedup / cooldown: a rule firing on a series again within `cooldown_weeks` quiet weeks of its last hit
continues the open alert (status 'continuing', same first_seen) instead of raising a new one; a continuing
alert that climbs to a higher level is raised again (status 'new', detail says 'escalated').
"""

from __future__ import annotations

import contextlib
import logging

import numpy as np
import pandas as pd

from ..errors import UsageError
from ..frames import ALERTS, SERIES_KEY, check_weekly
from ..weeks import parse_week
from . import rules as _rules
from .config import (
    LEVELS,
    RULES,
    ExceedanceConfig,
    ExpansionConfig,
    LevelShiftConfig,
    Override,
    RuleConfig,
    SeasonalConfig,
    ShiftConfig,
    SurgeConfig,
    level_rank,
)
from .storage import load_alerts, store_alerts

__all__ = [
    "flag_resurgences",
    "drop_unmatched_expansions",
    "alerts_between",
    "RuleConfig",
    "SeasonalConfig",
    "LevelShiftConfig",
    "ExpansionConfig",
    "SurgeConfig",
    "ExceedanceConfig",
    "ShiftConfig",
    "Override",
    "LEVELS",
    "RULES",
    "store_alerts",
    "load_alerts",
    "attach_events",
    "OUTPUT_COLS",
]

log = logging.getLogger(__name__)

OUTPUT_COLS = ALERTS + ["first_seen", "last_seen", "status", "detail"]


def _evaluate(
    panel: _rules.Panel, targets: np.ndarray, rules: RuleConfig, breaks=None, rows: np.ndarray | None = None
) -> pd.DataFrame:
    """Hits of every enabled rule at the target week indices (for `rows`, default all series), with per-series
    overrides applied. Every rule treats each (series, week) on its own, so a subset of rows gives the same
    hits for those rows as the whole panel."""
    rows = np.arange(len(panel.keys)) if rows is None else np.asarray(rows, dtype=int)
    groups: dict[RuleConfig, list[int]] = {}
    if rules.overrides:
        keys = panel.keys[SERIES_KEY].iloc[rows]
        cfgs = [rules.for_series(a, c, p) for a, c, p in keys.itertuples(index=False)]
        for i, c in zip(rows.tolist(), cfgs):
            groups.setdefault(c, []).append(i)
    else:  # one group: no hashing of the (nested, frozen) settings per series
        groups[rules] = rows.tolist()
    out = []
    for cfg, rows in groups.items():
        rows = np.asarray(rows, dtype=int)
        if cfg.seasonal.enabled:
            out.append(_rules.seasonal(panel, rows, targets, cfg.seasonal))
        if cfg.level_shift.enabled:
            if breaks is not None:
                out.append(_rules.level_shift_from_breaks(panel, rows, targets, cfg.level_shift, breaks))
            else:
                out.append(_rules.level_shift(panel, rows, targets, cfg.level_shift))
        if cfg.expansion.enabled:
            out.append(_rules.expansion(panel, rows, targets, cfg.expansion))
        if cfg.surge.enabled:
            out.append(_rules.surge(panel, rows, targets, cfg.surge))
        if cfg.exceedance.enabled:
            out.append(_rules.exceedance(panel, rows, targets, cfg.exceedance))
        if cfg.shift.enabled:
            out.append(_rules.shift(panel, rows, targets, cfg.shift))
    out = [o for o in out if len(o)]
    if not out:
        return pd.DataFrame(columns=_rules.HIT_COLS)
    return pd.concat(out, ignore_index=True)


def _one_blas_thread():
    """Limit BLAS to one thread while the rules run.

    The Farrington fits are many small batched products ((problems x ~230) @ (~230 x 121)); OpenBLAS threads
    cost more than they save there, and on a busy machine their spin-waits made the seasonal rule ~10x slower
    (2,000 series, last week: 1.5 s -> 0.15 s for the fits at load 6 on 2 cores).
    """
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:  # pragma: no cover - threadpoolctl is a dependency; be lenient in odd installs
        return contextlib.nullcontext()
    return threadpool_limits(1, user_api="blas")


def _episodes(hits: pd.DataFrame, cooldown: int) -> pd.DataFrame:
    """Add episode start (first_t) and status to hits; one episode per run of hits with gaps <= cooldown."""
    if hits.empty:
        return hits.assign(first_t=pd.Series(dtype=int), status=pd.Series(dtype=object))
    h = hits.sort_values(["row", "rule", "t"]).reset_index(drop=True)
    # on arrays (the groupby transforms cost ~40 ms at 2,000 series for ~100 hits): episodes are runs of one
    # series' hits of one rule, sorted by week, so each starts at a row where the series or rule changes or the
    # gap exceeds the cooldown, and its first week is that row's
    row, rule = h["row"].to_numpy(), h["rule"].to_numpy()
    t, level = h["t"].to_numpy(dtype=np.int64), h["level"].to_numpy(dtype=np.int64)
    start = np.ones(len(h), dtype=bool)
    start[1:] = (row[1:] != row[:-1]) | (rule[1:] != rule[:-1]) | (t[1:] - t[:-1] - 1 > cooldown)
    ep = np.cumsum(start)
    h["first_t"] = t[np.flatnonzero(start)][ep - 1]
    # the running maximum level within each episode (episode numbers dominate the level: resets at each start)
    span = int(level.max()) - int(level.min()) + 1
    cm = np.maximum.accumulate(level - level.min() + ep * span) - ep * span + level.min()
    prev_max = np.r_[-1, cm[:-1]]
    prev_max[start] = -1
    escalated = ~start & (level > prev_max)
    h["status"] = np.where(start | escalated, "new", "continuing")
    if escalated.any():
        names = np.asarray(LEVELS, dtype=object)[prev_max[escalated]]
        h.loc[escalated, "detail"] = (
            "escalated from " + names + "; " + h.loc[escalated, "detail"].to_numpy(dtype=object)
        )
    return h


def _frame(panel: _rules.Panel, h: pd.DataFrame) -> pd.DataFrame:
    if h.empty:
        return pd.DataFrame(
            {
                c: pd.Series(dtype="datetime64[ns]" if c in ("week", "first_seen", "last_seen") else object)
                for c in OUTPUT_COLS
            }
        )
    keys = panel.keys.iloc[h["row"].to_numpy()].reset_index(drop=True)
    df = pd.DataFrame(
        {
            "actor": keys["actor"],
            "country": keys["country"],
            "province": keys["province"],
            "week": panel.weeks[h["t"].to_numpy()],
            "rule": h["rule"].to_numpy(),
            "level": np.asarray(LEVELS)[h["level"].to_numpy(dtype=int)],
            "observed": h["observed"].to_numpy(float),
            "expected": h["expected"].to_numpy(float),
            "threshold": h["threshold"].to_numpy(float),
            "score": h["score"].to_numpy(float),
            "first_seen": panel.weeks[h["first_t"].to_numpy(dtype=int)],
            "last_seen": panel.weeks[h["t"].to_numpy()],
            "status": h["status"].to_numpy(),
            "detail": h["detail"].to_numpy(),
            "_rank": h["level"].to_numpy(dtype=int),
        }
    )
    df = df.sort_values(["week", "_rank", "score"], ascending=[True, False, False], kind="stable")
    return df.drop(columns="_rank").reset_index(drop=True)[OUTPUT_COLS]


def alerts_between(
    weekly: pd.DataFrame,
    start,
    end,
    rules: RuleConfig | None = None,
    *,
    breaks: pd.DataFrame | None = None,
    min_level: str | None = None,
    new_only: bool = False,
    lookback: int | None = None,
) -> pd.DataFrame:
    """Alerts for every week from `start` to `end` (inclusive), each using only data dated before that week.

    Args:
        weekly: WEEKLY frame (zero-filled); rows after `end` are ignored.
        start, end: first and last evaluated week (date or '2019-W02').
        rules: RuleConfig (default settings when None).
        breaks: optional BREAKS frame for the level-shift rule (must not use data after each week; e.g.
            online_shifts as of the week). When None the rule runs its own lull-then-shift scan.
        min_level: drop hits below this level before dedup ('watch' | 'warning' | 'alert').
        new_only: keep only raised alerts (status 'new'), not the weeks an open alert continued.
        lookback: weeks before `start` also evaluated so that alerts already open at `start` are 'continuing'
            (default 4 * (cooldown_weeks + 1)).
    Returns:
        ALERTS frame plus first_seen, last_seen, status, detail; one row per (series, rule, week fired).
    """
    rules = rules or RuleConfig()
    check_weekly(weekly)
    s, e = pd.Timestamp(parse_week(start)), pd.Timestamp(parse_week(end))
    if e < s:
        raise UsageError(f"--to {e.date()} is before --from {s.date()}")
    wk = weekly["week"]
    # (to_datetime of a datetime column still scans it for its cache: ~30 ms at 2,000 series)
    after = (wk if wk.dtype.kind == "M" else pd.to_datetime(wk)) > e
    if after.any():  # a copy of a whole-world panel only when there is something to drop
        weekly = weekly[~after.to_numpy()]
    del after
    panel = _rules.Panel.from_weekly(weekly)
    if panel.counts.size == 0:
        return _frame(panel, pd.DataFrame(columns=_rules.HIT_COLS))
    lb = 4 * (rules.cooldown_weeks + 1) if lookback is None else lookback
    t0 = max(panel.week_index(s) - lb, 0)
    # weeks after the panel's last week have no data in any series (e.g. every country's coverage ended)
    t1 = min(panel.week_index(e), len(panel.weeks) - 1)
    if t1 < 0 or panel.week_index(s) > t1:
        return _frame(panel, pd.DataFrame(columns=_rules.HIT_COLS))
    # The lookback weeks only decide whether a hit in [start, end] opens an alert or continues one, so they are
    # evaluated only for the series that have a hit in [start, end] (a few percent of a panel); the other
    # series' lookback hits would be dropped below anyway. Same result as evaluating every series every week.
    ts = max(panel.week_index(s), 0)
    with _one_blas_thread():
        hits = _evaluate(panel, np.arange(max(ts, t0), t1 + 1), rules, breaks)
        if ts > t0 and len(hits):
            fired = np.unique(hits["row"].to_numpy(dtype=int))
            back = _evaluate(panel, np.arange(t0, ts), rules, breaks, rows=fired)
            hits = pd.concat([h for h in (back, hits) if len(h)], ignore_index=True)
    if min_level is not None and len(hits):
        hits = hits[hits["level"] >= level_rank(min_level)]
    h = _episodes(hits, rules.cooldown_weeks)
    if len(h):
        h = h[h["t"] >= panel.week_index(s)]
        if new_only:
            h = h[h["status"] == "new"]
    return _frame(panel, h)


def flag_resurgences(
    weekly: pd.DataFrame,
    *,
    week,
    rules: RuleConfig | None = None,
    breaks: pd.DataFrame | None = None,
    min_level: str | None = None,
) -> pd.DataFrame:
    """Alerts for one evaluation week: the week's counts against expectations from earlier weeks only.

    Returns the ALERTS frame plus first_seen, last_seen, status ('new' | 'continuing') and detail;
    see `alerts_between` for the arguments.
    """
    return alerts_between(weekly, week, week, rules, breaks=breaks, min_level=min_level)


def drop_unmatched_expansions(con, alerts: pd.DataFrame) -> pd.DataFrame:
    """Alerts without the expansion alerts of countries the gazetteer did not know at ingest ('Irak', 'Atlantis':
    events.country_matched false). A misspelt country is a new place only on paper; once the name is added to the
    gazetteer and the events re-normalised, its expansions count again. `trends places --unmatched` lists them."""
    if alerts.empty or "expansion" not in set(alerts["rule"]):
        return alerts
    unknown = {
        r[0] for r in con.execute("select distinct country from events where country_matched = false").fetchall()
    }
    if not unknown:
        return alerts
    drop = (alerts["rule"] == "expansion") & alerts["country"].isin(unknown)
    return alerts[~drop].reset_index(drop=True)


def attach_events(con, alerts: pd.DataFrame) -> pd.DataFrame:
    """Copy of `alerts` with `event_ids`: ids of the events behind each alert in its week (2-week surge: both).

    Uses trends.aggregate.events_for once for the whole week range, then matches events to alerts by series.
    """
    from ..aggregate import events_for

    out = alerts.copy()
    if out.empty:
        out["event_ids"] = pd.Series(dtype=object)
        return out
    weeks = pd.to_datetime(out["week"])
    ev = events_for(con, start=(weeks.min() - pd.Timedelta(days=7)).date(), end=weeks.max().date())
    keys = con.execute(
        "select series_id, actor as s_actor, country as s_country, province as s_province from series"
    ).df()
    # only the alerted series' events are looked up: grouping every series' events of the weeks cost ~1 ms a
    # group in Python (20k series)
    wanted = set(zip(out["actor"], out["country"], out["province"]))
    keys = keys[[k in wanted for k in zip(keys["s_actor"], keys["s_country"], keys["s_province"])]]
    ev = ev[["event_id", "event_date", "series_id"]].merge(keys, on="series_id")
    ev["week"] = pd.to_datetime(ev["event_date"]) - pd.to_timedelta(
        pd.to_datetime(ev["event_date"]).dt.weekday, unit="D"
    )
    by = {
        k: sorted(g["event_id"].astype(str).unique())
        for k, g in ev.groupby(["s_actor", "s_country", "s_province", "week"])
    }
    ids = []
    for r, wk in zip(out.itertuples(index=False), weeks):
        two = r.rule == "surge" and "in 2 week(s)" in str(r.detail)
        got = list(by.get((r.actor, r.country, r.province, wk), []))
        if two:
            got = list(by.get((r.actor, r.country, r.province, wk - pd.Timedelta(days=7)), [])) + got
        ids.append(got)
    out["event_ids"] = ids
    return out
