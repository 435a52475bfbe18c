"""Baseline forecasts every other model is scored against: seasonal naive and the historical mean."""

from __future__ import annotations

import warnings

import numpy as np

from .base import QUANTILES, Forecaster, nb_cdf, nb_quantiles


def _moment_alpha(Y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Row means and NB dispersions alpha = (var - mean) / mean^2 (method of moments, >= 0), NaN-aware."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        m = np.nanmean(Y, axis=1)
        v = np.nanvar(Y, axis=1, ddof=1)
    m = np.nan_to_num(m)
    alpha = np.where(m > 0, np.clip((np.nan_to_num(v) - m) / np.maximum(m, 1e-9) ** 2, 0.0, 10.0), 0.0)
    return m, alpha


def row_quantiles(D: np.ndarray, levels) -> np.ndarray:
    """np.nanquantile(D, q, axis=1) (linear interpolation) for each level, 0 for rows without a value.

    One sort of the whole matrix (NaN sorts last) and a gather per level, instead of nanquantile's Python
    loop over rows (it handles NaN row by row: ~0.1 ms per row, most of the seasonal naive's fit).
    Returns (len(levels), rows).
    """
    srt = np.sort(D, axis=1)
    n = (~np.isnan(D)).sum(axis=1)
    rows = np.arange(len(D))
    out = np.zeros((len(levels), len(D)))
    for i, q in enumerate(levels):
        virtual = (n - 1) * q  # numpy's "linear" method (Hyndman & Fan type 7)
        lo = np.floor(virtual)
        gamma = virtual - lo
        lo = np.clip(lo.astype(int), 0, None)
        hi = np.minimum(lo + 1, np.maximum(n - 1, 0))
        a, b = srt[rows, lo], srt[rows, hi]
        diff = b - a
        v = np.where(gamma >= 0.5, b - diff * (1 - gamma), a + diff * gamma)  # numpy's _lerp, same rounding
        out[i] = np.where(n > 0, v, 0.0)
    return out


class HistoricalMean(Forecaster):
    """Mean of the last `window` weeks, flat over the horizon; NB intervals with a moment dispersion.

    Args:
        window: weeks of history averaged (52 = the trailing year, which also averages out seasonality).
    """

    name = "mean"
    min_weeks = 1  # also the fallback of every other model, so it must work on any series

    def __init__(self, window: int = 52):
        if window < 1:
            raise ValueError(f"window must be >= 1 week, got {window}")
        self.window = window

    def params(self):
        return {"window": self.window}

    def _fit_batch(self, Y, weeks):
        return _moment_alpha(Y[:, -self.window :])

    def _predict_batch(self, state, h):
        m, alpha = state
        out = nb_quantiles(np.repeat(m[:, None], h, axis=1), np.repeat(alpha[:, None], h, axis=1))
        out["mean"] = np.repeat(m[:, None], h, axis=1)  # an all-zero year forecasts exactly 0
        return out

    def _cdf_batch(self, state, h, k):
        m, alpha = state
        return nb_cdf(k, np.repeat(m[:, None], h, axis=1), np.repeat(alpha[:, None], h, axis=1))


class SeasonalNaive(Forecaster):
    """Same week last year: the forecast for week t is y[t - 52].

    Intervals add the empirical quantiles of the seasonal differences y[t] - y[t-52] seen in the last
    `window` weeks to that value (lower bound rounded down, upper up, clipped at 0), so they are counts and
    as wide as the year-on-year change has been. Needs 53 weeks of history.

    Args:
        season: season length in weeks.
        window: weeks of history whose seasonal differences set the interval width.
    """

    name = "naive"

    def __init__(self, season: int = 52, window: int = 156):
        if season < 1 or window <= season:
            raise ValueError(f"need season >= 1 and window > season, got season={season}, window={window}")
        self.season, self.window = season, window
        self.min_weeks = season + 1

    def params(self):
        return {"season": self.season, "window": self.window}

    def _fit_batch(self, Y, weeks):
        Yw = Y[:, -self.window :]
        d = Yw[:, self.season :] - Yw[:, : -self.season]
        qs = dict(zip([col for col, _ in QUANTILES], row_quantiles(d, [q for _, q in QUANTILES])))
        return Y[:, -self.season :], qs, d

    def _predict_batch(self, state, h):
        last, qs, _ = state
        reps = -(-h // self.season)
        v = np.nan_to_num(np.tile(last, reps)[:, :h])
        out = {"mean": v, "median": v}
        for col, _ in QUANTILES:
            if col == "median":
                continue
            shift = qs[col][:, None]
            out[col] = np.clip(np.floor(v + shift) if col.startswith("lo") else np.ceil(v + shift), 0, None)
        return out

    def _cdf_batch(self, state, h, k):
        """Empirical: the share of past seasonal differences d with max(value + d, 0) <= k."""
        last, _, d = state
        v = np.nan_to_num(np.tile(last, -(-h // self.season))[:, :h])
        ok = ~np.isnan(d)
        le = (v[:, :, None] + np.nan_to_num(d)[:, None, :] <= k[:, :, None]) & ok[:, None, :]
        share = le.sum(axis=2) / np.maximum(ok.sum(axis=1), 1)[:, None]
        return np.where(k < 0, 0.0, share)
