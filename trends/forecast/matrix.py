"""A WEEKLY frame as one (series x weeks) matrix, from which the model input at any cutoff is a slice.

`panel_matrix` (trends.forecast.panel) builds its matrix through `SeriesPanel`; the rolling-origin backtest
builds one `SeriesPanel` over the weeks all its origins read and slices it per origin, instead of filtering and
grouping the long frame twice per origin (at 20k series each filter copied ~4M rows).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..frames import SERIES_KEY, series_index
from ..weeks import monday

WEEK = np.timedelta64(7, "D")


class SeriesPanel:
    """Counts of `weekly` in the weeks from `start` (a Monday) up to `end`, one row per series, sorted by key.

    Attributes:
        keys: SERIES_KEY columns, one row per series (groupby's sorted order).
        first: each series' first week in `weekly` (datetime64[ns]).
        w0: the first column's Monday; values[s, j] / present[s, j] hold week w0 + 7j.
    """

    def __init__(self, weekly: pd.DataFrame, start: pd.Timestamp, end: pd.Timestamp, value: str = "events"):
        sid, keys = series_index(weekly)
        week = weekly["week"].to_numpy(dtype="datetime64[ns]")
        ok = sid >= 0  # rows with a missing key belong to no series (as in groupby)
        if not ok.all():
            sid, week = sid[ok], week[ok]
        first = np.full(len(keys), np.iinfo(np.int64).max, dtype=np.int64)
        np.minimum.at(first, sid, week.view(np.int64))
        self.keys = keys
        self.first = first.view("datetime64[ns]")
        self.w0 = np.datetime64(pd.Timestamp(start), "ns")
        n = max(int((np.datetime64(pd.Timestamp(end), "ns") - self.w0) // WEEK) + 1, 0)
        col = (week - self.w0) // WEEK
        inside = (col >= 0) & (col < n)
        vals = weekly[value].to_numpy(dtype=float)
        self.values = np.full((len(keys), n), np.nan)
        self.present = np.zeros((len(keys), n), dtype=bool)
        rows, cols = sid[inside], col[inside].astype(np.int64)
        self.values[rows, cols] = (vals[ok] if not ok.all() else vals)[inside]
        self.present[rows, cols] = True

    def matrix(
        self, cutoff: pd.Timestamp, n_weeks: int, *, history_start=None, backfill: bool = True
    ) -> tuple[pd.DataFrame, np.ndarray, pd.DatetimeIndex]:
        """`panel_matrix(weekly, cutoff, n_weeks, ...)`: keys, the (series x n_weeks) matrix before `cutoff` and
        its weeks; see there. The weeks must lie in the span the panel was built for."""
        grid = pd.date_range(end=cutoff - pd.Timedelta(days=7), periods=n_weeks, freq="W-MON")
        kept = self.first < np.datetime64(pd.Timestamp(cutoff), "ns")
        if not kept.any():
            return pd.DataFrame(columns=SERIES_KEY), np.empty((0, n_weeks)), grid
        keys = self.keys[kept].reset_index(drop=True)
        first = self.first[kept]
        if backfill:
            if history_start is not None:
                covered = np.datetime64(pd.Timestamp(monday(history_start)), "ns")
                first = np.minimum(first, covered)
            else:  # from the week the series' country first appears (its earliest series' first week)
                country_first = pd.Series(first).groupby(keys["country"].to_numpy(), sort=False).transform("min")
                first = np.minimum(first, country_first.to_numpy(dtype="datetime64[ns]"))
        Y = np.where(grid.to_numpy()[None, :] >= first[:, None], 0.0, np.nan)
        cols = (grid.to_numpy() - self.w0) // WEEK
        inside = np.flatnonzero((cols >= 0) & (cols < self.values.shape[1]))
        if len(inside):
            c = cols[inside].astype(np.int64)
            rows = np.flatnonzero(kept)
            vals, seen = self.values[rows[:, None], c[None, :]], self.present[rows[:, None], c[None, :]]
            Y[:, inside] = np.where(seen, vals, Y[:, inside])
        return keys, Y, grid

    def observed(self, weeks: pd.DatetimeIndex) -> tuple[np.ndarray, np.ndarray]:
        """(values, present) of every series in `weeks` (inside the panel's span), shape (series, len(weeks))."""
        c = ((weeks.to_numpy() - self.w0) // WEEK).astype(np.int64)
        return self.values[:, c], self.present[:, c]
