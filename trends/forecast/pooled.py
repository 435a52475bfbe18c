"""A global count model pooled across every series (as in the M5 competition): tried against `local`.

One model per origin, trained on all series up to the origin: each training row is (series, inner origin t,
horizon h) with features computed from the weeks before t and target the count of week t + h - 1 (observed
before the origin). Features: the series' last 1/4/13/26/52/156-week means, its exponentially weighted level
(0.3), weeks since its last event, active weeks in the last 13 / 52, weeks of history; the same 4/13/52-week
means of its country's and its actor's total (all provinces), and of its (actor, country) total; the horizon;
the target week's season (sine / cosine of the week of the year). Objective: Poisson (LightGBM, or a Poisson
GLM on log1p features when LightGBM is not installed / `engine="glm"`). Intervals: negative-binomial quantiles
around the predicted mean whose dispersion is estimated per bin of the predicted mean from the residuals of
the last `calib_weeks` inner origins, predicted by a model trained only on the origins before them (so the
dispersion is an out-of-sample one, not the in-sample fit's).

`offset=True` boosts from the default instead: the log of `LocalLevel`'s mean at each inner origin is the
trees' starting score (and a feature), so they learn pooled corrections to it; `local_alpha=True` keeps the
default's NB dispersion. The "actor" group is the actor over every country (the stored actor family is not in
the panel matrix).

Not the default (bench/forecast_global.py, docs/forecasting.md "Global model"): on the dev years (2016-2019)
WIS/NB13 0.940-1.016 against the default's 0.926, MASE 0.92-1.21 against 0.72; on the held-out years 0.933-0.949
against 0.960 but MASE 1.29-1.42, above the 52-week mean's 1.259; and 50-170 s for 2,000 series (one thread)
against 1.5 s for the default's whole forecast stage. `GlobalPooled.forecast_keys(keys, Y, weeks, h)` needs
the series keys (for the group features). LightGBM is optional (`pip install lightgbm`); `engine="glm"` needs
only statsmodels.
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd

from .base import nb_quantiles, order_intervals
from .local import LocalLevel, ewma_levels

#: edges of the predicted-mean bins that get their own NB dispersion
MEAN_BINS = np.array([0.0, 0.03, 0.1, 0.2, 0.4, 0.7, 1.2, 2.0, 4.0, 8.0, np.inf])
FEATURES = [
    "h",
    "m1",
    "m4",
    "m13",
    "m26",
    "m52",
    "m156",
    "ewma",
    "since",
    "act13",
    "act52",
    "hist",
    "c4",
    "c13",
    "c52",
    "a4",
    "a13",
    "a52",
    "ac4",
    "ac13",
    "ac52",
    "sin",
    "cos",
    "base",
    "base_alpha",
]


_RATES = [i for i, f in enumerate(FEATURES) if f[0] in "mca" and f not in ("cos", "act13", "act52") or f == "ewma"]


def _glm_design(X: np.ndarray) -> np.ndarray:
    """GLM design: log(rate + 0.1) of the rate features, log1p of the counts of weeks, the rest as is."""
    D = X.astype(float).copy()
    D[:, _RATES] = np.log(np.maximum(D[:, _RATES], 0.0) + 0.1)
    for f in ("since", "hist"):
        i = FEATURES.index(f)
        D[:, i] = np.log1p(D[:, i])
    return np.column_stack([np.ones(len(D)), D])


_BASE = FEATURES.index("base")


def _cum(Z: np.ndarray) -> np.ndarray:
    return np.concatenate([np.zeros((Z.shape[0], 1)), np.cumsum(Z, axis=1)], axis=1)


class _Windows:
    """Window means of every row of a matrix ending before any week t (NaN weeks skipped)."""

    def __init__(self, Y: np.ndarray):
        self.cz, self.cv = _cum(np.nan_to_num(Y)), _cum((~np.isnan(Y)).astype(float))

    def mean(self, t: int, w: int) -> np.ndarray:
        a = max(t - w, 0)
        n = self.cv[:, t] - self.cv[:, a]
        return np.where(n > 0, (self.cz[:, t] - self.cz[:, a]) / np.maximum(n, 1), 0.0)


def _group_matrix(codes: np.ndarray, Y: np.ndarray) -> np.ndarray:
    G = np.zeros((codes.max() + 1, Y.shape[1]))
    np.add.at(G, codes, np.nan_to_num(Y))
    return G


class GlobalPooled:
    """Poisson gradient boosting (or GLM) over every series at once; NB intervals by predicted-mean bin."""

    name = "global"

    def __init__(
        self,
        engine: str = "lightgbm",
        inner_weeks: int = 104,
        step: int = 2,
        calib_weeks: int = 26,
        n_estimators: int = 200,
        learning_rate: float = 0.05,
        num_leaves: int = 15,
        min_child_samples: int = 200,
        alpha_min: float = 0.0,
        offset: bool = False,
        local_alpha: bool = False,
        offset_eps: float = 0.01,
        threads: int = 1,
        seed: int = 0,
    ):
        self.engine, self.inner_weeks, self.step, self.calib_weeks = engine, inner_weeks, step, calib_weeks
        self.n_estimators, self.learning_rate, self.num_leaves = n_estimators, learning_rate, num_leaves
        self.offset, self.local_alpha, self.offset_eps = offset, local_alpha, offset_eps
        self.min_child_samples, self.alpha_min, self.threads, self.seed = (
            min_child_samples,
            alpha_min,
            threads,
            seed,
        )

    # ---- features
    def _prepare(self, keys: pd.DataFrame, Y: np.ndarray, weeks: pd.DatetimeIndex) -> dict:
        Z = np.nan_to_num(Y)
        c_code = pd.factorize(keys["country"])[0]
        a_code = pd.factorize(keys["actor"])[0]
        ac_code = pd.factorize(keys["actor"] + "\x1f" + keys["country"])[0]
        last = np.maximum.accumulate(np.where(Z > 0, np.arange(Y.shape[1])[None, :], -10_000), axis=1)
        cache: dict[int, tuple[np.ndarray, np.ndarray]] = {}

        def base(t: int) -> tuple[np.ndarray, np.ndarray]:
            if t not in cache:
                st = LocalLevel()._fit_batch(Y[:, :t], weeks[:t])
                cache[t] = (st["mean"], st["alpha"])
            return cache[t]

        return {
            "base": base,
            "Y": Y,
            "own": _Windows(Y),
            "act": _Windows(np.where(np.isnan(Y), np.nan, (Z > 0).astype(float))),
            "ewma": ewma_levels(Y, 0.3)[0],
            "last": last,
            "hist": np.cumsum(~np.isnan(Y), axis=1),
            "groups": [
                (c_code, _Windows(_group_matrix(c_code, Y))),
                (a_code, _Windows(_group_matrix(a_code, Y))),
                (ac_code, _Windows(_group_matrix(ac_code, Y))),
            ],
            "woy": weeks.isocalendar().week.to_numpy(dtype=float),
        }

    def _features(self, P: dict, t: int, h: np.ndarray, rows: np.ndarray) -> np.ndarray:
        """Feature matrix of `rows` at inner origin t (weeks < t known) for horizons h (one per row)."""
        own, act = P["own"], P["act"]
        n = P["Y"].shape[1]
        if t < n:
            ew = P["ewma"][rows, t]
        else:  # the real origin: the level after the last week
            y, lev = P["Y"][rows, t - 1], P["ewma"][rows, t - 1]
            ew = np.where(np.isnan(lev), y, lev + 0.3 * (y - lev))
        cols = [
            h.astype(float),
            own.mean(t, 1)[rows],
            own.mean(t, 4)[rows],
            own.mean(t, 13)[rows],
            own.mean(t, 26)[rows],
            own.mean(t, 52)[rows],
            own.mean(t, 156)[rows],
            np.nan_to_num(ew),
            np.minimum(t - 1 - P["last"][rows, t - 1], 200).astype(float),
            act.mean(t, 13)[rows],
            act.mean(t, 52)[rows],
            np.minimum(P["hist"][rows, t - 1], 156).astype(float),
        ]
        for code, win in P["groups"]:
            for w in (4, 13, 52):
                cols.append(win.mean(t, w)[code[rows]])
        woy = (P["woy"][t - 1] + h) % 52.18
        cols += [np.sin(2 * np.pi * woy / 52.18), np.cos(2 * np.pi * woy / 52.18)]
        bm, ba = P["base"](t)
        cols += [bm[rows], ba[rows]]
        return np.column_stack(cols)

    def _training(self, P: dict, h: int, t_lo: int, t_hi: int) -> tuple[np.ndarray, np.ndarray]:
        """Rows for inner origins t in [t_lo, t_hi) (step `step`), every horizon whose target is before t_hi."""
        Y = P["Y"]
        Xs, ys = [], []
        for t in range(t_hi - 1, t_lo - 1, -self.step):
            if t < 60:
                break
            rows = np.flatnonzero(P["own"].mean(t, 52) > 0)
            for k in range(1, h + 1):
                if t + k - 1 >= t_hi:
                    continue
                yt = Y[rows, t + k - 1]
                ok = ~np.isnan(yt)
                if ok.any():
                    Xs.append(self._features(P, t, np.full(ok.sum(), k), rows[ok]))
                    ys.append(yt[ok])
        return np.concatenate(Xs), np.concatenate(ys)

    # ---- model
    def _fit(self, X: np.ndarray, y: np.ndarray):
        if self.engine == "lightgbm":
            import lightgbm as lgb

            params = {
                "objective": "poisson",
                "learning_rate": self.learning_rate,
                "num_leaves": self.num_leaves,
                "min_data_in_leaf": self.min_child_samples,
                "bagging_fraction": 0.8,
                "bagging_freq": 1,
                "feature_fraction": 0.8,
                "num_threads": self.threads,
                "seed": self.seed,
                "verbose": -1,
            }
            init = np.log(X[:, _BASE] + self.offset_eps) if self.offset else None
            booster = lgb.train(params, lgb.Dataset(X, y, init_score=init), num_boost_round=self.n_estimators)
            if not self.offset:
                return booster.predict
            return lambda Xn: np.exp(booster.predict(Xn, raw_score=True) + np.log(Xn[:, _BASE] + self.offset_eps))
        import statsmodels.api as sm

        top = np.log(y.max() + 1.0)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            res = sm.GLM(y, _glm_design(X), family=sm.families.Poisson()).fit(maxiter=50)
        beta = res.params

        def predict(Xn):
            return np.exp(np.clip(_glm_design(Xn) @ beta, -30, top))

        return predict

    def _dispersion(self, mu: np.ndarray, y: np.ndarray) -> np.ndarray:
        """Moment NB dispersion per predicted-mean bin (var = mu + alpha mu^2), at least alpha_min."""
        b = np.searchsorted(MEAN_BINS, mu, side="right") - 1
        out = np.full(len(MEAN_BINS) - 1, np.nan)
        for i in range(len(out)):
            s = b == i
            if s.sum() >= 50:
                out[i] = ((y[s] - mu[s]) ** 2 - mu[s]).sum() / max((mu[s] ** 2).sum(), 1e-9)
        # bins without data take the nearest bin's value
        good = np.flatnonzero(~np.isnan(out))
        if not len(good):
            return np.full(len(out), 1.0)
        for i in np.flatnonzero(np.isnan(out)):
            out[i] = out[good[np.argmin(np.abs(good - i))]]
        return np.clip(out, max(self.alpha_min, 0.01), 20.0)

    def forecast_keys(self, keys: pd.DataFrame, Y: np.ndarray, weeks: pd.DatetimeIndex, h: int) -> dict:
        """Forecast every row of Y `h` weeks past weeks[-1]: dict of (S, h) mean and quantile arrays."""
        P = self._prepare(keys, Y, weeks)
        n = Y.shape[1]
        lo = n - self.inner_weeks
        # out-of-sample residuals for the dispersion: train before the calibration window, predict inside it
        Xa, ya = self._training(P, h, lo, n - self.calib_weeks)
        Xc, yc = self._training(P, h, n - self.calib_weeks, n)
        alpha_bins = self._dispersion(self._fit(Xa, ya)(Xc), yc)
        predict = self._fit(np.concatenate([Xa, Xc]), np.concatenate([ya, yc]))
        S = len(Y)
        rows = np.repeat(np.arange(S), h)
        hh = np.tile(np.arange(1, h + 1), S)
        X = self._features(P, n, hh, rows)
        mu = predict(X).reshape(S, h)
        alpha = alpha_bins[np.searchsorted(MEAN_BINS, mu, side="right") - 1]
        if self.local_alpha:
            alpha = np.repeat(P["base"](n)[1][:, None], h, axis=1)
        out = nb_quantiles(mu, alpha)
        out["mean"] = mu
        self.alpha_bins_ = alpha_bins
        return order_intervals(out, widen_to_mean=False)
