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

from .base import QUANTILES, Forecaster, nb_ppf

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


#: weeks of history below which a series counts as new (auto gives it the sparse model).
NEW_SERIES_WEEKS = 26


class TSB(Forecaster):
    """Teunter-Syntetos-Babai smoothing with a hurdle negative-binomial predictive distribution.

    The smoothing starts from the share of active weeks shrunk towards `prior_p` with the weight of
    `prior_weeks` weeks, so a new series with one event forecasts a small weekly probability of activity, not
    a rate of 1 per week. The default prior is measured on the UCDP sample: in the 12 weeks after its first
    event a series was active in 14 % of weeks (0.38 events a week on average, median 0.08); with prior 0.10
    over 20 weeks a one-week series forecasts p ~ 0.19. On series with a year or more of history the prior is
    forgotten (0.95^52 ~ 7 %).

    Args:
        alpha_size: smoothing of the size of active weeks (per active week).
        beta_prob: smoothing of the probability of an active week (per week; 0.05 ~ a 20-week memory).
        window: weeks of history used.
        prior_p, prior_weeks: prior share of active weeks and its weight in weeks.
    """

    name = "sparse"
    min_weeks = 1

    def __init__(
        self,
        alpha_size: float = 0.1,
        beta_prob: float = 0.05,
        window: int = 156,
        prior_p: float = 0.10,
        prior_weeks: float = 20.0,
    ):
        if not (0 < alpha_size <= 1 and 0 < beta_prob <= 1):
            raise ValueError(f"smoothing weights must be in (0, 1], got alpha_size={alpha_size}, beta_prob={beta_prob}")
        if not (0 < prior_p < 1 and prior_weeks >= 0):
            raise ValueError(f"need 0 < prior_p < 1 and prior_weeks >= 0, got {prior_p}, {prior_weeks}")
        self.alpha_size, self.beta_prob, self.window = alpha_size, beta_prob, window
        self.prior_p, self.prior_weeks = prior_p, prior_weeks

    def params(self):
        return {
            "alpha_size": self.alpha_size,
            "beta_prob": self.beta_prob,
            "window": self.window,
            "prior_p": self.prior_p,
            "prior_weeks": self.prior_weeks,
        }

    def _fit_batch(self, Y, weeks):
        Yw = Y[:, -self.window :]
        valid = ~np.isnan(Yw)
        active = valid & (Yw > 0)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)
            n_valid = valid.sum(axis=1)
            p = np.clip(
                (active.sum(axis=1) + self.prior_weeks * self.prior_p) / np.maximum(n_valid + self.prior_weeks, 1),
                0.01,
                1.0,
            )
            sizes = np.where(active, Yw, np.nan)
            z = np.nan_to_num(np.nanmean(sizes, axis=1), nan=1.0)
            vz = np.nan_to_num(np.nanvar(sizes, axis=1, ddof=1), nan=0.0)
        # start from the first quarter's rates, then smooth through the window
        for t in range(Yw.shape[1]):
            yt, ok = Yw[:, t], valid[:, t]
            p = np.where(ok, p + self.beta_prob * ((yt > 0) - p), p)
            z = np.where(ok & (yt > 0), z + self.alpha_size * (yt - z), z)
        excess = np.maximum(z - 1.0, 1e-6)
        a = np.clip((vz - excess) / excess**2, 1e-4, 10.0)
        return p, z, a

    def _predict_batch(self, state, h):
        p, z, a = (np.repeat(x[:, None], h, axis=1) for x in state)
        excess = np.maximum(z - 1.0, 1e-6)
        size = 1.0 / a
        out = {"mean": p * z}
        levels = [np.clip((q - (1 - p)) / np.maximum(p, 1e-12), 1e-9, 1 - 1e-9) for _, q in QUANTILES]
        sizes = nb_ppf(levels, size, excess)  # quantiles of the NB part: the size of an active week - 1
        for (col, q), v in zip(QUANTILES, sizes):
            out[col] = np.where(q <= 1 - p, 0.0, 1.0 + v)
        return out

    def _cdf_batch(self, state, h, k):
        """Hurdle: P(Y <= k) = (1 - p) + p P(NB <= k - 1) for k >= 0."""
        p, z, a = (np.repeat(x[:, None], h, axis=1) for x in state)
        excess = np.maximum(z - 1.0, 1e-6)
        size = 1.0 / a
        pos = np.where(k >= 1, stats.nbinom.cdf(k - 1, size, size / (size + excess)), 0.0)
        return np.where(k < 0, 0.0, (1 - p) + p * pos)
