"""Number formatting for people, in one place: the report, alerts.csv, the run summary and the CLI tables."""

from __future__ import annotations

import numpy as np
import pandas as pd


def fmt_num(x, digits: int = 1) -> str:
    """Counts and rates for people: integers without decimals, others with `digits` decimals; '' for missing."""
    if x is None or (isinstance(x, float) and not np.isfinite(x)) or pd.isna(x):
        return ""
    x = float(x)
    if abs(x - round(x)) < 1e-9:
        return str(int(round(x)))
    return f"{x:.{digits}f}"


def fmt_fixed(x, digits: int = 2) -> str:
    """Fixed decimals, so a column of numbers lines up (alerts.csv, tables); '' when missing or not finite."""
    if x is None or (not isinstance(x, str) and pd.isna(x)):
        return ""
    x = float(x)
    return f"{x:.{digits}f}" if np.isfinite(x) else ""
