"""Prophet forecasts on log1p counts, made count-safe.

Prophet models a continuous series with Gaussian noise, so on raw counts it reports negative means and lower
bounds. Here it is fitted on log1p(y) (linear trend with its default changepoints, yearly seasonality when
there are two years of data, no weekly/daily terms since the data are weekly), and every reported number is a
quantile or mean of expm1(predictive samples) clipped at 0: never negative, median-unbiased on the count
scale. Prophet takes about a second to import, so it is imported inside `fit`.
"""

from __future__ import annotations

import contextlib
import logging

import numpy as np
import pandas as pd

from .base import QUANTILES, SeriesForecaster


@contextlib.contextmanager
def _quiet_stan():
    """Silence cmdstanpy's per-fit INFO lines for the duration of a fit, then restore the caller's level."""
    # `disabled` rather than a level: cmdstanpy resets its level to DEBUG when it finds no handler
    loggers = [logging.getLogger(n) for n in ("cmdstanpy", "prophet", "prophet.plot")]
    old = [lg.disabled for lg in loggers]
    for lg in loggers:
        lg.disabled = True
    try:
        yield
    finally:
        for lg, was in zip(loggers, old):
            lg.disabled = was


class ProphetModel(SeriesForecaster):
    """Prophet fitted on log1p(weekly counts); intervals from its predictive samples, back-transformed.

    Args:
        window: weeks of history used.
        changepoint_prior_scale: Prophet's trend flexibility (its default 0.05).
        samples: predictive samples drawn for the quantiles.
        seed: seed of the sampling, so forecasts are reproducible.
    """

    name = "prophet"
    min_weeks = 16

    def __init__(self, window: int = 156, changepoint_prior_scale: float = 0.05, samples: int = 300, seed: int = 0):
        self.window, self.changepoint_prior_scale, self.samples, self.seed = (
            window,
            changepoint_prior_scale,
            samples,
            seed,
        )

    def params(self):
        return {
            "window": self.window,
            "changepoint_prior_scale": self.changepoint_prior_scale,
            "samples": self.samples,
            "seed": self.seed,
        }

    def _fit_one(self, y, weeks):
        try:
            with _quiet_stan():  # prophet logs "Importing plotly failed" at import
                from prophet import Prophet
        except ImportError as e:  # pragma: no cover - prophet is a core dependency
            raise ImportError("the prophet model needs the 'prophet' package: pip install prophet") from e
        y = np.asarray(y, dtype=float)[-self.window :]
        df = pd.DataFrame({"ds": pd.DatetimeIndex(weeks)[-len(y) :], "y": np.log1p(y)})
        m = Prophet(
            yearly_seasonality=len(y) >= 104,
            weekly_seasonality=False,
            daily_seasonality=False,
            changepoint_prior_scale=self.changepoint_prior_scale,
            uncertainty_samples=self.samples,
        )
        with _quiet_stan():
            m.fit(df)
        return {"model": m, "last": df["ds"].iloc[-1]}

    def _predict_one(self, state, h):
        m = state["model"]
        future = pd.DataFrame({"ds": pd.date_range(state["last"] + pd.Timedelta(days=7), periods=h, freq="W-MON")})
        state_rng = np.random.get_state()
        np.random.seed(self.seed)  # Prophet samples with the global numpy RNG
        try:
            draws = m.predictive_samples(future)["yhat"]  # (h, samples) on the log1p scale
        finally:
            np.random.set_state(state_rng)
        counts = np.clip(np.expm1(draws), 0.0, None)
        out = {"mean": counts.mean(axis=1)}
        for col, q in QUANTILES:
            out[col] = np.quantile(counts, q, axis=1)
        return out
