"""Exponential smoothing (statsmodels ETSModel) on log1p counts.

ETS(A, N, N) by default: additive errors, a local level, no seasonal state (a 52-week seasonal ETS needs 52
initial states, too many for a few years of sparse weekly counts). `trend=True` adds a damped additive trend,
ETS(A, Ad, N); its likelihood converges slowly on noisy counts (~0.5 s per series against ~10 ms) and it did
not forecast better in our backtests, so it is off by default. Fitting on log1p(y) keeps the model
count-safe: back-transformed intervals are never negative, and the mean is the log-normal mean
expm1(m + s^2 / 2), s taken from the model's own 95 % interval.
"""
from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
from scipy import stats

from .base import QUANTILES, SeriesForecaster


class ETS(SeriesForecaster):
    """statsmodels ETSModel(error='add') on log1p(y), one series at a time.

    Args:
        window: weeks of history used.
        trend: add a damped additive trend (ETS(A,Ad,N)) to the local level.
    """

    name = "ets"
    min_weeks = 16

    def __init__(self, window: int = 156, trend: bool = False):
        self.window, self.trend = window, trend

    def params(self):
        return {"window": self.window, "trend": self.trend}

    def _fit_one(self, y, weeks):
        from statsmodels.tsa.exponential_smoothing.ets import ETSModel

        x = np.log1p(np.asarray(y, dtype=float)[-self.window:])
        # a Series with a weekly DatetimeIndex: statsmodels 0.15's get_prediction fails on bare arrays
        x = pd.Series(x, index=pd.date_range(end=pd.DatetimeIndex(weeks)[-1], periods=len(x), freq="W-MON"))
        if np.ptp(x.to_numpy()) == 0:  # constant series: ETS's likelihood is degenerate; forecast the constant
            return {"const": float(x.iloc[-1])}
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            model = (ETSModel(x, error="add", trend="add", damped_trend=True) if self.trend
                     else ETSModel(x, error="add"))
            res = model.fit(disp=False, maxiter=200)
        return {"res": res}

    def _predict_one(self, state, h):
        if "const" in state:
            v = np.full(h, np.expm1(state["const"]))
            return {c: v for c in ["mean", "median", "lo80", "hi80", "lo95", "hi95"]}
        res = state["res"]
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            pred = res.get_prediction(start=res.nobs, end=res.nobs + h - 1)
            m = np.asarray(pred.predicted_mean, dtype=float)
            sd = np.sqrt(np.maximum(np.asarray(pred.var_pred_mean, dtype=float), 0.0))
        out = {"mean": np.expm1(m + sd ** 2 / 2)}
        for col, q in QUANTILES:
            out[col] = np.expm1(m + stats.norm.ppf(q) * sd)
        return out
