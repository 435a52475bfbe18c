"""ISO weeks: Monday dates inside the code, `2019-W48` labels for people."""

from __future__ import annotations

import datetime as dt
import re

import numpy as np
import pandas as pd

from .errors import UsageError

_LABEL = re.compile(r"^(\d{4})-?W(\d{1,2})$", re.IGNORECASE)


def monday(day) -> dt.date:
    """Monday of the ISO week that contains `day` (date, datetime, Timestamp or ISO string)."""
    d = pd.Timestamp(day).date()
    return d - dt.timedelta(days=d.weekday())


def week_label(day) -> str:
    """`2019-W48` for any day of that ISO week."""
    y, w, _ = pd.Timestamp(day).date().isocalendar()
    return f"{y}-W{w:02d}"


def parse_week(text) -> dt.date:
    """Monday of a week given as `2019-W48`, or as any date in it (`2019-11-25`).

    Raises:
        UsageError: the text is neither an ISO week label nor a date.
    """
    if isinstance(text, (dt.date, pd.Timestamp, np.datetime64)):
        return monday(text)
    s = str(text).strip()
    m = _LABEL.match(s)
    if m:
        try:
            return dt.date.fromisocalendar(int(m.group(1)), int(m.group(2)), 1)
        except ValueError as e:
            raise UsageError(f"week {s!r} does not exist: {e}") from None
    try:
        return monday(pd.Timestamp(s))
    except (ValueError, TypeError):
        raise UsageError(
            f"cannot read {s!r} as a week; use an ISO week like 2019-W48 or a date like 2019-11-25"
        ) from None


def week_range(start, end) -> pd.DatetimeIndex:
    """Every Monday from the week of `start` to the week of `end`, inclusive."""
    return pd.date_range(monday(start), monday(end), freq="W-MON")
