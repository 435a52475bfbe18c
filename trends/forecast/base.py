"""Forecast stage: the Forecaster protocol, count quantiles and the batch layout shared by every model.

Every model forecasts weekly counts as a *distribution*: mean, median and the 80 % and 95 % central intervals
(quantiles 0.10/0.90 and 0.025/0.975). Count models (NB, Poisson, hurdle) report integer quantiles; models fitted
on log1p(y) (ETS, Prophet) report quantiles >= 0 after back-transforming. Models work on a batch: a matrix `Y` of
shape (series, weeks) aligned on the same weeks, NaN before a series starts, so cheap models fit thousands of
series in a few numpy calls. `fit(y, weeks)` / `predict(h)` on one series is the same code with one row.
"""

from __future__ import annotations

import contextlib

import numpy as np
import pandas as pd
from scipy import stats

from ..errors import NotFittedError, TooFewWeeks

#: (column, quantile level) of the central intervals every model reports.
QUANTILES = (("lo95", 0.025), ("lo80", 0.10), ("median", 0.50), ("hi80", 0.90), ("hi95", 0.975))
#: the model's own probability that the count falls in its (integer) 80 % / 95 % interval: the coverage a
#: perfectly calibrated model achieves with these bounds (>= 80 % / 95 % for small counts); NaN when the model
#: has no predictive CDF (naive's empirical one is given; prophet's samples are not kept).
MASS_COLUMNS = ["mass80", "mass95"]
#: columns of `predict(h)` and of the arrays a batch forecast returns, in this order.
PRED_COLUMNS = ["mean", "median", "lo80", "hi80", "lo95", "hi95", *MASS_COLUMNS]


#: NB quantiles by summing the pmf stop at this count; elements whose quantile lies beyond it, or whose
#: P(Y = 0) underflows, get scipy's nbinom.ppf (rare: weekly means in the hundreds).
PPF_GRID = 400


def nb_ppf(levels, size: np.ndarray, mean: np.ndarray) -> np.ndarray:
    """Quantiles of NB(size, mean) counts for each level: the smallest k with P(Y <= k) >= q (scipy's rule).

    Args:
        levels: quantile levels in (0, 1), one per output row: a sequence of floats, or arrays shaped like
            `mean` (one level per element, as the hurdle model needs).
        size, mean: NB size (1 / alpha) and mean, broadcastable to one shape; mean > 0.

    Returns:
        (len(levels), *shape) float array of integer counts.

    The CDF is summed over a count grid by the pmf recurrence P(k+1) = P(k) (k + size) / (k + 1) * mean /
    (size + mean), for every element and level at once, keeping only the elements whose quantiles are still
    unresolved. It is the same function as scipy.stats.nbinom.ppf (tested against it) at a fraction of the
    cost: scipy inverts the incomplete beta function by root finding, element by element.
    """
    size, mean = np.broadcast_arrays(np.asarray(size, dtype=float), np.asarray(mean, dtype=float))
    shape = mean.shape
    q = np.stack([np.broadcast_to(np.asarray(lv, dtype=float), shape) for lv in levels]).reshape(len(levels), -1)
    sz, mu = size.reshape(-1), mean.reshape(-1)
    out = np.full(q.shape, np.nan)
    log_p0 = -sz * np.log1p(mu / sz)  # log P(Y = 0) = size log(size / (size + mean))
    idx = np.flatnonzero(log_p0 > -700.0)  # exp() of it is a normal double
    ratio = mu[idx] / (sz[idx] + mu[idx])  # 1 - p
    s_i, qi = sz[idx], q[:, idx]
    pmf = np.exp(log_p0[idx])
    cdf = pmf.copy()
    res = np.full(qi.shape, np.nan)
    for k in range(PPF_GRID + 1):
        hit = np.isnan(res) & (cdf >= qi)
        res[hit] = k
        if k % 16 == 15 or k == PPF_GRID:  # drop the finished elements now and then
            live = np.isnan(res).any(axis=0)
            if not live.all():
                out[:, idx[~live]] = res[:, ~live]
                idx, ratio, s_i, qi = idx[live], ratio[live], s_i[live], qi[:, live]
                pmf, cdf, res = pmf[live], cdf[live], res[:, live]
            if not len(idx):
                break
        pmf = pmf * ((k + s_i) / (k + 1.0) * ratio)
        cdf = cdf + pmf
    out[:, idx] = res
    todo = np.isnan(out)
    if todo.any():  # far tails and huge means: scipy
        r, c = np.nonzero(todo)
        out[r, c] = stats.nbinom.ppf(q[r, c], sz[c], sz[c] / (sz[c] + mu[c]))
    return out.reshape((len(levels), *shape))


def nb_quantiles(mean: np.ndarray, alpha: np.ndarray | float) -> dict[str, np.ndarray]:
    """Quantiles of NB(mean, alpha) counts (var = mean + alpha * mean^2); alpha ~ 0 is Poisson.

    Returns a dict with PRED_COLUMNS, each an array shaped like `mean` (integers as floats, mean as given).
    """
    mean = np.clip(np.asarray(mean, dtype=float), 1e-9, None)
    alpha = np.broadcast_to(np.clip(np.asarray(alpha, dtype=float), 1e-6, None), mean.shape)
    size = 1.0 / alpha
    qs = nb_ppf([q for _, q in QUANTILES], size, mean)
    out = {"mean": mean.copy()}
    for (col, _), v in zip(QUANTILES, qs):
        out[col] = v
    return out


def nb_cdf(k: np.ndarray, mean: np.ndarray, alpha: np.ndarray | float) -> np.ndarray:
    """P(Y <= k) for Y ~ NB(mean, alpha), with the same clipping as `nb_quantiles` (0 for k < 0)."""
    mean = np.clip(np.asarray(mean, dtype=float), 1e-9, None)
    alpha = np.broadcast_to(np.clip(np.asarray(alpha, dtype=float), 1e-6, None), mean.shape)
    size = 1.0 / alpha
    return np.where(np.asarray(k) < 0, 0.0, stats.nbinom.cdf(k, size, size / (size + mean)))


def order_intervals(out: dict[str, np.ndarray], *, widen_to_mean: bool = True) -> dict[str, np.ndarray]:
    """Make every forecast non-negative and ordered lo95 <= lo80 <= median <= hi80 <= hi95.

    Heavy-tailed count distributions can put the mean above the 0.90 quantile (e.g. NB with mean 0.2 and
    alpha 20 is 0 with 92 % probability). With `widen_to_mean` the interval is then widened to contain the
    mean (ceil/floor), which makes it conservative instead of inconsistent; without it the quantiles stay the
    distribution's own (the mean may then lie above hi80). Widening costs skill on quiet series: a mean of
    0.05 a week becomes an 80 % interval 0-1 when the distribution says 0 (the default `local` does not
    widen; 1-2 points of WIS on the sample, docs/forecasting.md).
    """
    o = {k: np.clip(np.asarray(v, dtype=float), 0.0, None) for k, v in out.items()}
    if widen_to_mean:
        m = o["mean"]
        o["lo80"] = np.minimum(o["lo80"], np.floor(m + 1e-9))
        o["hi80"] = np.maximum(o["hi80"], np.ceil(m - 1e-9))
    o["lo95"] = np.minimum(o["lo95"], o["lo80"])
    o["hi95"] = np.maximum(o["hi95"], o["hi80"])
    o["median"] = np.clip(o["median"], o["lo80"], o["hi80"])
    return o


def one_blas_thread():
    """Context manager limiting BLAS to one thread while the batched models fit.

    Their products are small ((series x 156) @ (156 x 36) per IRLS step); OpenBLAS threads cost more than they
    save there, and on a busy machine their spin-waits made auto on 2,000 series 3-4x slower (2.6 s -> 8-10 s
    at load 2.5 on 2 cores, bench/forecast_speed.py). Process pools (prophet) are not affected.
    """
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:  # pragma: no cover - threadpoolctl is a dependency; be lenient in odd installs
        return contextlib.nullcontext()
    return threadpool_limits(1, user_api="blas")


def empty_prediction(n_series: int, h: int) -> dict[str, np.ndarray]:
    return {c: np.full((n_series, h), np.nan) for c in PRED_COLUMNS}


def valid_length(Y: np.ndarray) -> np.ndarray:
    """Number of weeks since each row's first non-NaN value (rows are NaN only before they start)."""
    return (~np.isnan(Y)).sum(axis=1)


class Forecaster:
    """Base class: one series with `fit(y, weeks)` then `predict(h)`, or many with `forecast_batch`.

    Subclasses implement `_fit_batch(Y, weeks) -> state` and `_predict_batch(state, h) -> dict of (S, h)
    arrays`; both are pure functions of numpy arrays. Hyperparameters are explicit keywords of `__init__`.
    Attributes set by `fit`: `state_` (the fitted parameters as arrays with one row) and `last_week_`.
    """

    name = "base"
    #: weeks of history the model needs; shorter series raise TooFewWeeks (the panel falls back).
    min_weeks = 1

    def _fit_batch(self, Y: np.ndarray, weeks: pd.DatetimeIndex):  # pragma: no cover - abstract
        raise NotImplementedError

    def _predict_batch(self, state, h: int) -> dict[str, np.ndarray]:  # pragma: no cover - abstract
        raise NotImplementedError

    #: optional `_cdf_batch(state, h, k) -> P(Y <= k)` for integer arrays k of shape (S, h), used for MASS_COLUMNS.
    _cdf_batch = None
    #: compute MASS_COLUMNS (False leaves them NaN: auto's inner backtest scores quantiles only)
    masses = True
    #: widen the 80 % / 95 % intervals to contain the mean (`order_intervals`)
    widen_to_mean = True

    def _forecast(self, state, h: int) -> dict[str, np.ndarray]:
        """Ordered, non-negative forecast of a fitted state, with the interval masses."""
        out = order_intervals(self._predict_batch(state, h), widen_to_mean=self.widen_to_mean)
        for col in MASS_COLUMNS:
            out[col] = np.full_like(out["mean"], np.nan)
        if self._cdf_batch is not None and self.masses:
            for col in MASS_COLUMNS:
                lvl = col[4:]
                lo = np.ceil(out[f"lo{lvl}"] - 1e-9)
                hi = np.floor(out[f"hi{lvl}"] + 1e-9)
                mass = self._cdf_batch(state, h, hi) - self._cdf_batch(state, h, lo - 1)
                out[col] = np.where(hi >= lo, np.clip(mass, 0.0, 1.0), 0.0)
        return out

    def params(self) -> dict:
        """Hyperparameters, so a panel can build a fresh copy per batch."""
        return {}

    def new(self) -> Forecaster:
        return type(self)(**self.params())

    def fit(self, y: np.ndarray, weeks: pd.DatetimeIndex) -> Forecaster:
        """Fit on one series of weekly counts `y` observed in the Mondays `weeks` (same length, contiguous)."""
        y = np.asarray(y, dtype=float)
        weeks = pd.DatetimeIndex(weeks)
        if y.ndim != 1 or len(y) != len(weeks):
            raise ValueError(f"y must be 1-D with one value per week; got shape {y.shape} and {len(weeks)} weeks")
        if len(y) < self.min_weeks:
            raise TooFewWeeks(f"{self.name} needs at least {self.min_weeks} weeks of history, got {len(y)}")
        if np.isnan(y).any() or (y < 0).any():
            raise ValueError(
                f"{self.name}: counts must be non-negative numbers without gaps (fill missing weeks with 0)"
            )
        self.state_ = self._fit_batch(y[None, :], weeks)
        self.last_week_ = weeks[-1]
        return self

    def predict(self, h: int) -> pd.DataFrame:
        """Forecast the `h` weeks after the last fitted week: DataFrame(week, mean, lo80, hi80, lo95, hi95, median)."""
        if not hasattr(self, "state_"):
            raise NotFittedError(f"{self.name}: call fit() before predict()")
        if h < 1:
            raise ValueError(f"horizon must be >= 1 week, got {h}")
        out = self._forecast(self.state_, h)
        weeks = pd.date_range(self.last_week_ + pd.Timedelta(days=7), periods=h, freq="W-MON")
        return pd.DataFrame(
            {"week": weeks, **{c: out[c][0] for c in ["mean", "lo80", "hi80", "lo95", "hi95", "median"]}}
        )

    def forecast_batch(self, Y: np.ndarray, weeks: pd.DatetimeIndex, h: int) -> tuple[dict, dict[int, str]]:
        """Forecast every row of `Y` (series x weeks, NaN before a series starts) `h` weeks past `weeks[-1]`.

        Returns (pred, errors): pred maps PRED_COLUMNS to (S, h) arrays (NaN rows for failed series);
        errors maps a row index to the reason it failed (too short, fit error), for the panel's fallback.
        """
        n_valid = valid_length(Y)
        ok = n_valid >= self.min_weeks
        errors = {
            int(i): f"TooFewWeeks: {self.name} needs {self.min_weeks} weeks, series has {int(n_valid[i])}"
            for i in np.flatnonzero(~ok)
        }
        pred = empty_prediction(len(Y), h)
        if ok.any():
            idx = np.flatnonzero(ok)
            try:
                got = self._forecast(self._fit_batch(Y[idx], weeks), h)
            except Exception:  # a batch failed: redo series by series so one bad series cannot sink the rest
                got = empty_prediction(len(idx), h)
                for j, i in enumerate(idx):
                    try:
                        one = self._forecast(self._fit_batch(Y[i : i + 1], weeks), h)
                    except Exception as e:
                        errors[int(i)] = f"{type(e).__name__}: {e}"
                        continue
                    for c in PRED_COLUMNS:
                        got[c][j] = one[c][0]
            bad = ~np.isfinite(got["mean"]).all(axis=1) & ~np.isin(idx, list(errors))
            for c in PRED_COLUMNS:
                pred[c][idx] = got[c]
            for i in idx[bad]:
                errors[int(i)] = f"{self.name}: non-finite forecast"
                for c in PRED_COLUMNS:
                    pred[c][i] = np.nan
        return pred, errors


class SeriesForecaster(Forecaster):
    """A model fitted one series at a time (ETS, Prophet): the batch loops and records per-series failures."""

    def _fit_one(self, y: np.ndarray, weeks: pd.DatetimeIndex):  # pragma: no cover - abstract
        raise NotImplementedError

    def _predict_one(self, state, h: int) -> dict[str, np.ndarray]:  # pragma: no cover - abstract
        raise NotImplementedError

    def _fit_batch(self, Y, weeks):
        y = Y[0]
        start = int(np.argmax(~np.isnan(y)))
        return self._fit_one(y[start:], weeks[start:])

    def _predict_batch(self, state, h):
        return {k: np.asarray(v, dtype=float)[None, :] for k, v in self._predict_one(state, h).items()}

    def forecast_batch(self, Y, weeks, h):
        pred, errors = empty_prediction(len(Y), h), {}
        for i, row in enumerate(Y):
            start = int(np.argmax(~np.isnan(row))) if (~np.isnan(row)).any() else len(row)
            if len(row) - start < self.min_weeks:
                errors[i] = f"TooFewWeeks: {self.name} needs {self.min_weeks} weeks, series has {len(row) - start}"
                continue
            try:
                got = self._forecast(self._fit_one(row[start:], weeks[start:]), h)
                if not np.isfinite(got["mean"]).all():
                    raise FloatingPointError("non-finite forecast")
            except Exception as e:  # any fitting failure becomes an issue row; the panel falls back
                errors[i] = f"{type(e).__name__}: {e}"
                continue
            for c in PRED_COLUMNS:
                pred[c][i] = got[c][0]
        return pred, errors
