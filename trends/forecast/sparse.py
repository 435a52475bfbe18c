"""Forecasts for sparse series (mostly zero weeks): TSB intermittent-demand smoothing with a hurdle NB.

Croston-type methods suit series that are active only a few weeks a year, where a GLM or ETS chases single
spikes. TSB (Teunter, Syntetos & Babai 2011) smooths separately the probability that a week has any event
(`p`, updated every week, so a series that went quiet decays) and the size of active weeks (`z`, updated only
when there are events). The forecast distribution is a hurdle: 0 with probability 1 - p, otherwise
1 + NB(z - 1, alpha), alpha a moment estimate from the active weeks; quantiles are therefore counts.
"""
from __future__ import annotations

import warnings

import numpy as np
from scipy import stats

from .base import QUANTILES, Forecaster

#: a series is sparse when at least this share of its last `SPARSE_WEEKS` weeks had no event.
SPARSE_ZERO_SHARE = 0.75
SPARSE_WEEKS = 52


def is_sparse(Y: np.ndarray, zero_share: float = SPARSE_ZERO_SHARE, weeks: int = SPARSE_WEEKS) -> np.ndarray:
    """True for rows of `Y` (series x weeks, NaN before start) with >= `zero_share` zero weeks among the last
    `weeks` observed weeks (13 or fewer active weeks a year by default)."""
    Yw = Y[:, -weeks:]
    n = (~np.isnan(Yw)).sum(axis=1)
    zeros = (Yw == 0).sum(axis=1)
    return zeros >= zero_share * np.maximum(n, 1)


class TSB(Forecaster):
    """Teunter-Syntetos-Babai smoothing with a hurdle negative-binomial predictive distribution.

    Args:
        alpha_size: smoothing of the size of active weeks (per active week).
        beta_prob: smoothing of the probability of an active week (per week; 0.05 ~ a 20-week memory).
        window: weeks of history used.
    """

    name = "sparse"
    min_weeks = 4

    def __init__(self, alpha_size: float = 0.1, beta_prob: float = 0.05, window: int = 156):
        if not (0 < alpha_size <= 1 and 0 < beta_prob <= 1):
            raise ValueError(f"smoothing weights must be in (0, 1], got alpha_size={alpha_size}, beta_prob={beta_prob}")
        self.alpha_size, self.beta_prob, self.window = alpha_size, beta_prob, window

    def params(self):
        return {"alpha_size": self.alpha_size, "beta_prob": self.beta_prob, "window": self.window}

    def _fit_batch(self, Y, weeks):
        Yw = Y[:, -self.window:]
        valid = ~np.isnan(Yw)
        active = valid & (Yw > 0)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)
            n_valid = np.maximum(valid.sum(axis=1), 1)
            p = np.clip(active.sum(axis=1) / n_valid, 0.01, 1.0)
            sizes = np.where(active, Yw, np.nan)
            z = np.nan_to_num(np.nanmean(sizes, axis=1), nan=1.0)
            vz = np.nan_to_num(np.nanvar(sizes, axis=1, ddof=1), nan=0.0)
        # start from the first quarter's rates, then smooth through the window
        for t in range(Yw.shape[1]):
            yt, ok = Yw[:, t], valid[:, t]
            p = np.where(ok, p + self.beta_prob * ((yt > 0) - p), p)
            z = np.where(ok & (yt > 0), z + self.alpha_size * (yt - z), z)
        excess = np.maximum(z - 1.0, 1e-6)
        a = np.clip((vz - excess) / excess ** 2, 1e-4, 10.0)
        return p, z, a

    def _predict_batch(self, state, h):
        p, z, a = (np.repeat(x[:, None], h, axis=1) for x in state)
        excess = np.maximum(z - 1.0, 1e-6)
        size = 1.0 / a
        prob = size / (size + excess)
        out = {"mean": p * z}
        for col, q in QUANTILES:
            qq = np.clip((q - (1 - p)) / np.maximum(p, 1e-12), 1e-9, 1 - 1e-9)
            out[col] = np.where(q <= 1 - p, 0.0, 1.0 + stats.nbinom.ppf(qq, size, prob))
        return out
