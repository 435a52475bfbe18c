"""Local-level count forecasts: the default model, chosen by rolling-origin backtests before 2020.

Two regimes, split by the series' mean over the last `busy_weeks` weeks:

- busy series (>= `busy_rate` events a week): exponentially weighted level (weight `smoothing` on the latest
  week, a memory of ~1 / smoothing weeks), so the forecast follows the current regime within a few weeks;
  negative-binomial intervals whose dispersion comes from the one-step-ahead errors of that level over the
  last two years, shrunk (empirical Bayes, on the log scale) toward the dispersion pooled over every busy
  series of the batch, with the weight of the series' own evidence sum(mu^2) / (sum(mu^2) + `pool_strength`);
- quiet series: a mix of the last 13 weeks' mean (weight 0.45), the last 4 weeks' (0.2) and the last 52
  weeks' (0.35) -- the 13-week mean alone over-reacts to a burst, which regresses toward the series' year --
  exactly 0 after a quarter without events (on the sample a quiet series silent for 13 weeks had an event in
  2.1 % of the next 8 weeks, under the 2.5 % that would make the 0.975 quantile 1); NB dispersion = the 13
  weeks' moment estimate, at least `quiet_alpha_min` = 1 (a rare count is clumpier than 13 weeks show);
- new series (under `new_weeks` = 26 weeks of history): gamma-Poisson posterior mean (events + 2 x 0.19) /
  (weeks + 2), a prior of 0.19 a week worth 2 weeks, so a one-week series with one event forecasts 0.46.

The quantiles are the NB's own (`widen_to_mean=False`): the 80 % interval of a quiet series with mean 0.05 is
0-0, not widened to 0-1 to contain the mean as the other models do (`base.order_intervals`); the mean can then
lie above hi80. The lower bounds come from a wider NB than the rest (`level_alpha`: dispersion x 3 at the 0.025
level, x 1.5 at 0.1; the median and the upper bounds from the NB itself): on the dev years busy series fell
below the NB's lower quantiles more often than it says (collapses), and the wider lower tail lowers WIS by 0.4
points there (busy series 0.7) without changing the held-out score (bench/forecast_calibration.py). The
predictive CDF (`_cdf_batch`, the PIT) stays the NB's.

The level restarts after a strong recent shift: when the online change-point detector (`trends.detect.online`,
the same GLR the report prints, threshold 8) finds an onset in the last 8 weeks with a rate ratio of at least
`restart_ratio` (or at most its inverse), only the weeks from the onset on are used, so a forecast never carries
on at the rate before a collapse or a surge that the report shows.

Measured (bench/forecast_heldout.py; every choice above made on 2016-2019 only): on 50 origins 2016-2019 of the
shipped sample (44,168 series-weeks) `auto` (this model) had a WIS 7.4 % below the 13-week NB baseline's
(8.7 % on series with >= 1 event a week; the previous version, 13-week NB on quiet series with widened
intervals, 4.4 %); on the held-out 2020-2021 weeks (West Africa, 8,040 series-weeks, 97 % of them on quiet
series), looked at once, 4.0 % (previous version 0.1 %), MASE 1.163 against 1.219; with the wider lower
tail 7.8 % on dev, 4.0 % held out. Tables in docs/forecasting.md.
"""

from __future__ import annotations

import warnings

import numpy as np

from ..detect.online import THRESHOLD, glr_scores
from .base import QUANTILES, Forecaster, nb_cdf, nb_ppf, nb_quantiles, valid_length
from .baseline import _moment_alpha
from .sparse import NEW_SERIES_WEEKS

#: weeks the online detector searches for a recent onset, and its baseline length (as in the report).
RESTART_LAST, RESTART_BASELINE = 8, 52


def ewma_levels(Y: np.ndarray, smoothing: float) -> tuple[np.ndarray, np.ndarray]:
    """Exponentially weighted level of every row of `Y` (NaN = no data, skipped).

    Returns (path, level): path[:, t] is the level *before* week t (the one-step-ahead forecast, NaN until a
    row's first value), level the level after the last week (0 for a row without data). The level starts at a
    row's first value.
    """
    S, n = Y.shape
    lev = np.full(S, np.nan)
    path = np.full((S, n), np.nan)
    for t in range(n):
        y = Y[:, t]
        path[:, t] = lev
        has = ~np.isnan(y)
        start = has & np.isnan(lev)
        lev = np.where(start, y, np.where(has, lev + smoothing * (y - lev), lev))
    return path, np.nan_to_num(lev)


def restart_onsets(
    Y: np.ndarray,
    ratio: float,
    *,
    direction: str = "both",
    last: int = RESTART_LAST,
    baseline: int = RESTART_BASELINE,
    threshold: float = THRESHOLD,
) -> np.ndarray:
    """Column index where each row's current regime starts after a strong recent shift, else -1.

    A shift counts when the online GLR (`glr_scores`, both directions) exceeds `threshold` with an onset in the
    last `last` weeks and the rate after it is >= `ratio` x (or <= 1 / `ratio` x) the baseline rate.
    """
    S, n = Y.shape
    out = np.full(S, -1)
    if n < last + 8 or ratio <= 0:
        return out
    window = Y[:, n - last :]
    rows = np.flatnonzero(~np.isnan(window).any(axis=1))
    if not len(rows):
        return out
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # all-NaN baselines (new series): no shift
        r = glr_scores(Y[rows, max(n - last - baseline, 0) : n - last], window[rows], direction=direction)
    mu0 = np.maximum(r["mu0"], 1e-9)
    big = (r["mu1"] >= ratio * mu0) | (r["mu1"] <= mu0 / ratio)
    hit = (r["score"] > threshold) & big
    out[rows[hit]] = n - last + r["onset"][hit]
    return out


def level_quantiles(
    mean: np.ndarray, alpha: np.ndarray, multipliers: tuple[float, ...], keep_rows: np.ndarray | None = None
) -> dict[str, np.ndarray]:
    """NB quantiles with the dispersion of each quantile level scaled by its multiplier (`QUANTILES` order).

    One `nb_ppf` call over (level x element): slice j holds every element with size 1 / (alpha x m_j) and level
    q_j, so the cost is that of the five plain NB quantiles. Rows in `keep_rows` keep the plain NB's quantiles.
    """
    mean = np.clip(np.asarray(mean, dtype=float), 1e-9, None)
    alpha = np.clip(np.asarray(alpha, dtype=float), 1e-6, None)
    m = np.asarray(multipliers, dtype=float).reshape(-1, *([1] * mean.ndim))
    if keep_rows is not None:
        m = np.where(keep_rows[None, :, None], 1.0, m)
    sizes = 1.0 / np.clip(alpha[None] * m, 1e-6, None)
    levels = np.broadcast_to(np.array([q for _, q in QUANTILES]).reshape(m.shape[:1] + (1,) * mean.ndim), sizes.shape)
    qs = nb_ppf([levels], sizes, np.broadcast_to(mean[None], sizes.shape))[0]
    out = {"mean": mean.copy()}
    for j, (col, _) in enumerate(QUANTILES):
        out[col] = qs[j]
    return out


class LocalLevel(Forecaster):
    """Exponentially weighted level for busy series, a mix of recent means for quiet ones; NB quantiles.

    Args:
        smoothing: weight of the latest week in the busy series' level (0.3 won the inner backtest against
            0.1, 0.2, 0.25, 0.4 and 0.5).
        busy_rate: events a week (mean over `busy_weeks`) from which a series counts as busy.
        busy_weeks: weeks that decide busy or quiet.
        quiet_window: weeks averaged for quiet series (13: the NB baseline).
        pool_strength: weight, in squared events, of the pooled dispersion against a series' own.
        restart_ratio: rate ratio of a recent online shift that restarts the level (0 disables the restart).
        window: weeks of history used.
        quiet_mix: weights of the 4-week and the 52-week mean in a quiet series' mean (the 13-week mean has
            the rest); (0, 0) is the 13-week NB baseline's mean. Chosen on 2016-2019 from 0.1/0.2/0.3 and
            0.2/0.35/0.5.
        quiet_alpha_min: floor of the quiet (and new) series' NB dispersion (from 0, 0.5, 0.7, 1, 1.5, 2).
        new_weeks, new_prior, new_prior_weeks: series with under `new_weeks` weeks of history get the
            gamma-Poisson posterior mean around `new_prior` events a week worth `new_prior_weeks` weeks
            (prior weight 2 won against 3, 4, 8 and 20; 0.19 is the sparse model's prior rate).
        widen_to_mean: widen the intervals to contain the mean (`base.order_intervals`; off: 1-2 points of WIS).
        disp_weeks, disp_lag: weeks of errors and forecast lag of the level whose errors give the busy series'
            dispersion (104 and 1 won on 2016-2019 against 26 / 52 weeks and lags 4 / 8).
        busy_alpha_scale: multiplier of the busy series' dispersion (1 won against 0.6 / 0.8; 1.25 is 0.1
            points better on dev, 0.2 worse held out).
        level_alpha: dispersion multiplier of each quantile level (0.025, 0.1, 0.5, 0.9, 0.975);
            `level_alpha_new`: also for new series.
    After `fit`, `state_["busy"]`, `state_["new"]` and `state_["onset"]` say per row which branch was used and
    where the level restarted (-1: no restart).
    """

    name = "local"
    min_weeks = 1

    def __init__(
        self,
        smoothing: float = 0.3,
        busy_rate: float = 1.0,
        busy_weeks: int = 52,
        quiet_window: int = 13,
        pool_strength: float = 20.0,
        restart_ratio: float = 3.0,
        restart_direction: str = "down",
        restart_busy_only: bool = False,
        window: int = 156,
        quiet_mix: tuple[float, float] = (0.2, 0.35),
        quiet_alpha_min: float = 1.0,
        new_weeks: int = NEW_SERIES_WEEKS,
        new_prior: float = 0.19,
        new_prior_weeks: float = 2.0,
        widen_to_mean: bool = False,
        disp_weeks: int = 104,
        disp_lag: int = 1,
        busy_alpha_scale: float = 1.0,
        level_alpha: tuple[float, ...] = (3.0, 1.5, 1.0, 1.0, 1.0),
        level_alpha_new: bool = True,
    ):
        if not 0 < smoothing <= 1:
            raise ValueError(f"smoothing must be in (0, 1], got {smoothing}")
        if busy_rate < 0 or busy_weeks < 1 or quiet_window < 1 or pool_strength < 0 or restart_ratio < 0 or window < 8:
            raise ValueError(
                "LocalLevel needs busy_rate >= 0, busy_weeks >= 1, quiet_window >= 1, pool_strength >= 0, "
                f"restart_ratio >= 0 and window >= 8; got {busy_rate}, {busy_weeks}, {quiet_window}, "
                f"{pool_strength}, {restart_ratio}, {window}"
            )
        self.smoothing, self.busy_rate, self.busy_weeks = smoothing, busy_rate, busy_weeks
        self.quiet_window, self.pool_strength, self.restart_ratio, self.window = (
            quiet_window,
            pool_strength,
            restart_ratio,
            window,
        )
        self.restart_direction, self.restart_busy_only = restart_direction, restart_busy_only
        w4, w52 = (float(x) for x in quiet_mix)
        if w4 < 0 or w52 < 0 or w4 + w52 > 1:
            raise ValueError(
                f"quiet_mix = (weight of the 4-week mean, of the 52-week mean): both >= 0, sum <= 1; got {quiet_mix}"
            )
        if quiet_alpha_min < 0 or new_weeks < 0 or not 0 < new_prior or new_prior_weeks < 0:
            raise ValueError(
                "LocalLevel needs quiet_alpha_min >= 0, new_weeks >= 0, new_prior > 0 and new_prior_weeks >= 0; got "
                f"{quiet_alpha_min}, {new_weeks}, {new_prior}, {new_prior_weeks}"
            )
        self.quiet_mix, self.quiet_alpha_min = (w4, w52), quiet_alpha_min
        self.new_weeks, self.new_prior, self.new_prior_weeks = new_weeks, new_prior, new_prior_weeks
        self.widen_to_mean = widen_to_mean
        if disp_weeks < 8 or disp_lag < 1 or busy_alpha_scale <= 0:
            raise ValueError(
                "LocalLevel needs disp_weeks >= 8, disp_lag >= 1 and busy_alpha_scale > 0; got "
                f"{disp_weeks}, {disp_lag}, {busy_alpha_scale}"
            )
        self.disp_weeks, self.disp_lag, self.busy_alpha_scale = disp_weeks, disp_lag, busy_alpha_scale
        level_alpha = tuple(float(x) for x in level_alpha)
        if len(level_alpha) != len(QUANTILES) or min(level_alpha) <= 0:
            raise ValueError(
                f"level_alpha = one dispersion multiplier > 0 per quantile level {[q for _, q in QUANTILES]}; "
                f"got {level_alpha}"
            )
        self.level_alpha, self.level_alpha_new = level_alpha, level_alpha_new

    def params(self):
        return {
            "smoothing": self.smoothing,
            "busy_rate": self.busy_rate,
            "busy_weeks": self.busy_weeks,
            "quiet_window": self.quiet_window,
            "pool_strength": self.pool_strength,
            "restart_ratio": self.restart_ratio,
            "restart_direction": self.restart_direction,
            "restart_busy_only": self.restart_busy_only,
            "window": self.window,
            "quiet_mix": self.quiet_mix,
            "quiet_alpha_min": self.quiet_alpha_min,
            "new_weeks": self.new_weeks,
            "new_prior": self.new_prior,
            "new_prior_weeks": self.new_prior_weeks,
            "widen_to_mean": self.widen_to_mean,
            "disp_weeks": self.disp_weeks,
            "disp_lag": self.disp_lag,
            "busy_alpha_scale": self.busy_alpha_scale,
            "level_alpha": self.level_alpha,
            "level_alpha_new": self.level_alpha_new,
        }

    def _fit_batch(self, Y, weeks):
        Yw = Y[:, -self.window :]
        S, n = Yw.shape
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)
            rate = np.nan_to_num(np.nanmean(Yw[:, -self.busy_weeks :], axis=1))
        busy = rate >= self.busy_rate
        onset = (
            restart_onsets(Yw, self.restart_ratio, direction=self.restart_direction)
            if self.restart_ratio
            else np.full(S, -1)
        )
        if self.restart_busy_only:
            onset[~busy] = -1
        Yr = Yw.copy()
        Yr[np.arange(n)[None, :] < onset[:, None]] = np.nan  # the current regime only
        path, level = ewma_levels(Yw, self.smoothing)
        restarted = onset >= 0
        if restarted.any():
            level[restarted] = ewma_levels(Yr[restarted], self.smoothing)[1]
        quiet_mean, quiet_alpha = self._quiet(Yr)
        # dispersion of the one-step errors of the level, last 104 weeks, pooled over the busy rows
        if self.disp_lag > 1:  # the level `disp_lag` weeks before each week
            path = np.concatenate([np.full((S, self.disp_lag - 1), np.nan), path[:, : n - self.disp_lag + 1]], axis=1)
        yy, mu = Yw[:, -self.disp_weeks :], path[:, -self.disp_weeks :]
        ok = ~np.isnan(yy) & ~np.isnan(mu) & (mu > 0)
        num = np.where(ok, (yy - mu) ** 2 - mu, 0.0).sum(axis=1)
        den = np.where(ok, mu**2, 0.0).sum(axis=1)
        own = np.clip(num / np.maximum(den, 1e-9), 0.01, 10.0)
        pooled = np.clip(num[busy].sum() / den[busy].sum(), 0.01, 10.0) if busy.any() and den[busy].sum() > 0 else 0.5
        w = np.where(den > 0, den / np.maximum(den + self.pool_strength, 1e-12), 0.0)
        busy_alpha = self.busy_alpha_scale * np.exp(w * np.log(own) + (1 - w) * np.log(pooled))
        mean, alpha = np.where(busy, level, quiet_mean), np.where(busy, busy_alpha, quiet_alpha)
        # new series (little history): gamma-Poisson posterior around the prior rate
        new = valid_length(Yw) < self.new_weeks
        if new.any():
            recent = Yw[new, -self.new_weeks :]
            total = np.nansum(recent, axis=1) + self.new_prior_weeks * self.new_prior
            mean[new] = total / ((~np.isnan(recent)).sum(axis=1) + self.new_prior_weeks)
            alpha[new] = np.maximum(1.0 / total, self.quiet_alpha_min)
            busy = busy & ~new
        return {"mean": mean, "alpha": alpha, "busy": busy, "onset": onset, "new": new}

    def _quiet(self, Yr: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Quiet series: mean = (1 - w4 - w52) x the 13-week mean + w4 x the 4-week + w52 x the 52-week mean
        (0 after a quarter without events), NB dispersion = the 13 weeks' moment estimate, at least
        `quiet_alpha_min` (13 weeks of a rare count say little about its clumping)."""
        m13, a13 = _moment_alpha(Yr[:, -self.quiet_window :])
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)
            m4 = np.nan_to_num(np.nanmean(Yr[:, -4:], axis=1))
            m52 = np.nan_to_num(np.nanmean(Yr[:, -52:], axis=1))
        w4, w52 = self.quiet_mix
        mean = np.where(m13 > 0, (1 - w4 - w52) * m13 + w4 * m4 + w52 * m52, 0.0)
        alpha = np.where(m13 > 0, np.maximum(a13, self.quiet_alpha_min), 0.0)
        return mean, alpha

    def _dist(self, state, h):
        return np.repeat(state["mean"][:, None], h, axis=1), np.repeat(state["alpha"][:, None], h, axis=1)

    def _predict_batch(self, state, h):
        mean, alpha = self._dist(state, h)
        if all(m == 1.0 for m in self.level_alpha):
            out = nb_quantiles(mean, alpha)
        else:
            out = level_quantiles(mean, alpha, self.level_alpha, None if self.level_alpha_new else state["new"])
        out["mean"] = mean  # a quiet quarter forecasts exactly 0
        return out

    def _cdf_batch(self, state, h, k):
        return nb_cdf(k, *self._dist(state, h))
