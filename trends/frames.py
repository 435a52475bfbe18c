"""Column contracts for the long frames passed between stages, and their checkers.

Every stage takes and returns long pandas frames keyed by the series `(actor, country, province)`;
`week` is the Monday of the ISO week as datetime64. Province is '' when the event has no known admin-1.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from .errors import SchemaError

SERIES_KEY = ["actor", "country", "province"]

#: weekly counts, zero-filled: one row per series and week, weeks contiguous per series.
WEEKLY = ["series_id", "actor", "country", "province", "week", "events", "fatalities"]
#: offline or online change points.
BREAKS = [
    "actor",
    "country",
    "province",
    "week",
    "method",
    "direction",
    "rate_before",
    "rate_after",
    "rate_ratio",
    "p_value",
]
#: forecasts: one row per series, model, cutoff and target week; intervals never negative.
FORECASTS = ["actor", "country", "province", "week", "model", "mean", "lo80", "hi80", "lo95", "hi95", "cutoff"]
#: alerts: one row per (series, rule, week raised); the events behind it are looked up by key and week.
ALERTS = ["actor", "country", "province", "week", "rule", "level", "observed", "expected", "threshold", "score"]
#: issues: what a stage skipped or replaced (coverage ends, watch list, model fallbacks, short series).
ISSUES = ["stage", "actor", "country", "province", "error", "detail"]


def _check(df: pd.DataFrame, cols: list[str], name: str) -> pd.DataFrame:
    if not isinstance(df, pd.DataFrame):
        raise SchemaError(f"{name} must be a pandas DataFrame, got {type(df).__name__}")
    missing = [c for c in cols if c not in df.columns]
    if missing:
        raise SchemaError(f"{name} frame is missing columns {missing}; got {list(df.columns)}")
    return df


def check_weekly(df: pd.DataFrame) -> pd.DataFrame:
    """Return `df` if it has the WEEKLY columns and a datetime `week`, else raise SchemaError."""
    _check(df, [c for c in WEEKLY if c != "series_id"], "weekly")
    if not pd.api.types.is_datetime64_any_dtype(df["week"]):
        raise SchemaError(f"weekly frame column 'week' must be datetime64 (Monday), got {df['week'].dtype}")
    return df


def check_breaks(df: pd.DataFrame) -> pd.DataFrame:
    return _check(df, BREAKS, "breaks")


def check_forecasts(df: pd.DataFrame) -> pd.DataFrame:
    return _check(df, FORECASTS, "forecasts")


def check_alerts(df: pd.DataFrame) -> pd.DataFrame:
    return _check(df, ALERTS, "alerts")


def _changes(col: pd.Series) -> np.ndarray:
    """True where a row's value differs from the previous row's (categoricals compared by code)."""
    a = col.cat.codes.to_numpy() if isinstance(col.dtype, pd.CategoricalDtype) else col.to_numpy()
    return a[1:] != a[:-1]


def _rows(weekly: pd.DataFrame, rows: np.ndarray) -> pd.DataFrame:
    """The SERIES_KEY columns of `rows` (positions), with a fresh index, without copying the whole columns."""
    return pd.DataFrame({c: weekly[c].iloc[rows].reset_index(drop=True) for c in SERIES_KEY})


def series_blocks(weekly: pd.DataFrame) -> tuple[np.ndarray, np.ndarray] | None:
    """(starts, rank) when every series of `weekly` is one block of consecutive rows with its weeks ascending (as
    trends.aggregate.weekly_counts and trends.synthetic return them), else None.

    `starts` is the first row of each block, `rank` each block's position among the series sorted by key (the
    order of `groupby(SERIES_KEY, sort=True)`). Checked in O(rows) by comparing neighbouring rows, so callers
    can skip grouping (hashing three strings per row) and sorting ~10M rows at 20k series. None also when a key
    is missing (NaN), so that callers fall back to groupby, which drops such rows.
    """
    n = len(weekly)
    if n == 0 or not all(
        weekly[c].dtype == object or isinstance(weekly[c].dtype, pd.CategoricalDtype) for c in SERIES_KEY
    ):
        return None
    edge = np.zeros(n - 1, dtype=bool)
    for c in SERIES_KEY:
        edge |= _changes(weekly[c])
    week = weekly["week"].to_numpy()
    if week.dtype.kind != "M" or not (week[1:][~edge] > week[:-1][~edge]).all():  # ascending in each block
        return None
    starts = np.r_[0, np.flatnonzero(edge) + 1]
    keys = _rows(weekly, starts)
    if keys.isna().to_numpy().any() or keys.duplicated().any():  # a key in two blocks, or missing
        return None
    order = _str_key_order(keys)
    if order is None:
        try:
            order = keys.sort_values(SERIES_KEY, kind="stable").index.to_numpy()
        except TypeError:  # keys of mixed types: not comparable, let groupby decide
            return None
    rank = np.empty(len(order), dtype=np.int64)
    rank[order] = np.arange(len(order))
    return starts, rank


def _str_key_order(keys: pd.DataFrame) -> np.ndarray | None:
    """Positions of `keys` (distinct, no missing value) in key order, by Python's sort of the key tuples when
    every key is made of plain strings in object columns (the order sort_values gives them: the same string
    comparisons; ~5x faster on a few thousand keys, which sort_values factorizes column by column); else None."""
    if not all(keys[c].dtype == object for c in SERIES_KEY):
        return None
    tup = list(zip(*(keys[c].tolist() for c in SERIES_KEY)))
    if not all(type(v) is str for t in tup for v in t):
        return None
    return np.array(sorted(range(len(tup)), key=tup.__getitem__), dtype=np.int64)


def series_index(weekly: pd.DataFrame, blocks=None) -> tuple[np.ndarray, pd.DataFrame]:
    """Per row, its series' position among the series sorted by key, and those keys (SERIES_KEY columns).

    The same as `weekly.groupby(SERIES_KEY, sort=True, observed=True).ngroup()` (-1 for rows with a missing key)
    and the group keys in that order, found by `series_blocks` without grouping when it can (`blocks`: its
    result, when the caller has it)."""
    blocks = series_blocks(weekly) if blocks is None else blocks
    if blocks is not None:
        starts, rank = blocks
        codes = np.repeat(rank, np.diff(np.r_[starts, len(weekly)]))
        return codes, _rows(weekly, starts[np.argsort(rank)])
    g = weekly.groupby(SERIES_KEY, sort=True, observed=True)
    codes = g.ngroup().to_numpy()
    keys = g.size().reset_index()[SERIES_KEY] if len(weekly) else pd.DataFrame(columns=SERIES_KEY)
    return codes, keys


def issues_frame(rows=None) -> pd.DataFrame:
    """An ISSUES frame from a list of dicts (or an empty one); missing columns are ''."""
    df = pd.DataFrame(list(rows or []), columns=ISSUES)
    return df.astype(object).where(df.notna(), "") if len(df) else df.astype(object)


def split_issues(issues: pd.DataFrame | None) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """(coverage rows, watch-list rows, other issues) of an ISSUES frame."""
    issues = issues_frame() if issues is None or not len(issues) else issues
    st = issues["stage"].astype(str)
    return issues[st == "coverage"], issues[st == "watch"], issues[~st.isin(["coverage", "watch"])]


@dataclass
class WeekAnalysis:
    """Everything the weekly report shows for one ISO week; built by pipeline.analyse_week, read by report.

    Attributes:
        week: Monday of the reported week (events dated in [week, week + 7 days) are "this week").
        weekly: WEEKLY frame, every series' history up to and including `week`.
        breaks: BREAKS frame (offline change points and online shifts), weeks <= `week`.
        forecasts: FORECASTS frame with cutoff = week + 7 days (uses data up to and including `week`).
        alerts: ALERTS frame for `week` plus first_seen, last_seen, status ('new' | 'continuing'), detail.
        events: events of the recent weeks (store columns), for the map and the evidence lists.
        skill: backtest summary per model and horizon (MASE, coverage ...), or None if not computed.
        models: which forecast model each series used (actor, country, province, model).
        sources: dataset names and their attribution lines, shown in the methods section.
        issues: ISSUES frame: series-level problems (coverage ends, watch list, fallbacks used ...).
        snapshot: what the store held (trends.scope.data_snapshot: latest ingest, each dataset's last event)
            and when the analysis ran (`generated_at`).
        families: canonical actor -> alias-registry family (None = unmatched), for tables by family and colours.
    """

    week: dt.date
    weekly: pd.DataFrame
    breaks: pd.DataFrame
    forecasts: pd.DataFrame
    alerts: pd.DataFrame
    events: pd.DataFrame
    skill: pd.DataFrame | None = None
    models: pd.DataFrame | None = None
    sources: list[str] = field(default_factory=list)
    issues: pd.DataFrame | None = None
    snapshot: dict | None = None
    families: dict | None = None
