"""Column contracts for the long frames passed between stages, and their checkers.

Every stage takes and returns long pandas frames keyed by the series `(actor, country, province)`;
`week` is the Monday of the ISO week as datetime64. Province is '' when the event has no known admin-1.
"""
from __future__ import annotations

import pandas as pd

from .errors import SchemaError

SERIES_KEY = ["actor", "country", "province"]

#: weekly counts, zero-filled: one row per series and week, weeks contiguous per series.
WEEKLY = ["series_id", "actor", "country", "province", "week", "events", "fatalities"]
#: offline or online change points.
BREAKS = ["actor", "country", "province", "week", "method", "direction",
          "rate_before", "rate_after", "rate_ratio", "p_value"]
#: forecasts: one row per series, model, cutoff and target week; intervals never negative.
FORECASTS = ["actor", "country", "province", "week", "model", "mean",
             "lo80", "hi80", "lo95", "hi95", "cutoff"]
#: alerts: one row per (series, rule, week raised); the events behind it are looked up by key and week.
ALERTS = ["actor", "country", "province", "week", "rule", "level", "observed", "expected",
          "threshold", "score"]


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
