"""Negative-binomial GLM forecasts: log rate = level + linear trend + yearly Fourier terms.

Fitted for a whole batch of series at once by penalised IRLS on a small shared design (intercept, trend in
years, K sine/cosine pairs of the day of year): each iteration is one batched (p x p) solve per series, so a
thousand series cost a few milliseconds. The dispersion alpha (var = mu + alpha mu^2) is a moment step on the
Poisson fit, then the coefficients are refitted with alpha fixed. Prediction intervals are NB quantiles around
the forecast mean, widened for parameter uncertainty (delta method on the linear predictor).
This is the same model as statsmodels `GLM(y, X, family=NegativeBinomial(alpha))` with a small ridge penalty
on the trend and seasonal coefficients (tested against it).

Two guards keep one episode from being extrapolated (see `seasonal_support` and `dormant`):
- the yearly terms are kept only for a series whose seasonal shape predicts *held-out years*: with two or more
  52-week years that had events, the GLM with and without Fourier terms is refitted leaving out each year in
  turn, and the seasonal fit must give the left-out years a higher NB log-likelihood in total. A single
  campaign fits the in-sample likelihood well (a "seasonal peak" where the campaign was) but predicts a peak
  that did not happen in every other year, so it fails; a shape that recurs passes.
- a dormant series (no event in its last 13 weeks after earlier activity) gets no rising trend: a positive
  trend is refitted as flat, so months of silence never extrapolate into growth. When the fit also finds the
  silence improbable (probability of the trailing zero run under the fitted rates < 1 %, `silence_probability`),
  the fit describes an earlier regime and its seasonal terms are dropped too; a seasonal series whose quiet
  weeks are its usual off-season (the fit expects ~0 there) keeps its season and forecasts the coming peak.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy.special import gammaln

from .base import Forecaster, nb_cdf, nb_quantiles, valid_length


def design(weeks: pd.DatetimeIndex, origin: pd.Timestamp, n_harmonics: int) -> np.ndarray:
    """Columns: 1, years since `origin` (negative in the past), sin/cos(2 pi k day-of-year / 365.25), k=1..K."""
    weeks = pd.DatetimeIndex(weeks)
    t = ((weeks - origin) / pd.Timedelta(days=365.25)).to_numpy(dtype=float)
    doy = 2 * np.pi * (weeks.dayofyear.to_numpy(dtype=float) - 1) / 365.25
    cols = [np.ones_like(t), t]
    for k in range(1, n_harmonics + 1):
        cols += [np.sin(k * doy), np.cos(k * doy)]
    return np.column_stack(cols)


def fit_nb_glm(
    Y: np.ndarray, X: np.ndarray, penalty: np.ndarray, *, n_iter: int = 12, alpha: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Penalised IRLS for many NB (log link) regressions sharing one design.

    Args:
        Y: (S, n) counts, NaN where a series has no observation (ignored).
        X: (n, p) design.
        penalty: (S, p) ridge penalties on the coefficients (0 = unpenalised).
        n_iter: IRLS iterations (half Poisson, then NB with a moment estimate of alpha).
        alpha: fixed dispersions (S,); None estimates them.

    Returns:
        beta (S, p), alpha (S,), cov (S, p, p) = inverse penalised information at the solution.
    """
    M = ~np.isnan(Y)
    y = np.where(M, Y, 0.0)
    S, p = len(Y), X.shape[1]
    n_obs = M.sum(axis=1)
    ybar = y.sum(axis=1) / np.maximum(n_obs, 1)
    beta = np.zeros((S, p))
    beta[:, 0] = np.log(ybar + 0.1)
    eta_max = np.log(np.nanmax(np.where(M, Y, 0), axis=1) + 1.0)[:, None] + 3.0
    fixed = alpha is not None
    a = np.zeros(S) if alpha is None else np.asarray(alpha, dtype=float)
    # X'WX for every series at once is one GEMM: weights (S, n) times the rows' outer products (n, p*p);
    # a batched (S, p, n) @ (n, p) matmul does the same sums ~20x slower
    XX = (X[:, :, None] * X[:, None, :]).reshape(len(X), p * p)
    ridge = (penalty + 1e-9)[:, :, None] * np.eye(p)[None]
    Xt = np.ascontiguousarray(X.T)
    Mf = M.astype(float)
    eta, mu, w, z = (np.empty_like(y) for _ in range(4))
    for it in range(n_iter):
        # in place, same arithmetic as eta = clip(beta X'), w = M mu / (1 + a mu), z = eta + (y - mu) / mu
        np.matmul(beta, Xt, out=eta)
        np.maximum(eta, -30, out=eta)
        np.minimum(eta, eta_max, out=eta)
        np.exp(eta, out=mu)
        if not fixed and it == n_iter // 2:
            num = (M * ((y - mu) ** 2 - mu)).sum(axis=1)
            den = (M * mu**2).sum(axis=1)
            dof = n_obs / np.maximum(n_obs - p, 1)
            a = np.clip(dof * num / np.maximum(den, 1e-12), 1e-4, 20.0)
        np.multiply(a[:, None], mu, out=w)
        w += 1.0
        np.divide(mu, w, out=w)
        w *= Mf
        np.subtract(y, mu, out=z)
        z /= mu
        z += eta
        A = (w @ XX).reshape(S, p, p)
        A += ridge
        z *= w
        b = z @ X
        beta = np.linalg.solve(A, b[:, :, None])[:, :, 0]
    eta = np.clip(beta @ Xt, -30, eta_max)
    mu = np.exp(eta)
    w = M * mu / (1.0 + a[:, None] * mu)
    cov = np.linalg.inv((w @ XX).reshape(S, p, p) + ridge)
    return beta, a, cov


#: penalty that switches a coefficient off (its estimate is ~0).
OFF = 1e6

#: weeks without an event, after earlier activity, that make a series dormant (a quarter of a year).
DORMANT_WEEKS = 13
#: a dormant series' trailing zero run less likely than this under the fitted GLM is "unexplained": the fit
#: describes an earlier regime (its season is dropped; `auto` gives the series the sparse model).
SILENCE_P = 0.01
#: weeks in a held-out "year" of `seasonal_support`, and the valid weeks a year needs to count.
YEAR_WEEKS, MIN_YEAR_WEEKS = 52, 26


def dormant(Y: np.ndarray, weeks: int = DORMANT_WEEKS) -> np.ndarray:
    """True for rows of `Y` (series x weeks, NaN before start) whose last `weeks` weeks are all observed and
    zero while an earlier week had an event: activity that stopped, as opposed to a series that never started."""
    if weeks <= 0 or Y.shape[1] <= weeks:
        return np.zeros(len(Y), dtype=bool)
    tail, head = Y[:, -weeks:], Y[:, :-weeks]
    return (tail == 0).all(axis=1) & (np.nan_to_num(head) > 0).any(axis=1)


def silence_probability(Y: np.ndarray, mu: np.ndarray, alpha: np.ndarray) -> np.ndarray:
    """Probability, under NB(mu, alpha) fitted values, of each row's trailing run of zero weeks (1.0 without one).

    Small values mean the fitted model does not explain the recent silence (its level or season expects
    events there): the series has changed regime since the weeks that dominate the fit.
    """
    zero = np.nan_to_num(Y, nan=1.0) == 0
    run = np.argmin(zero[:, ::-1], axis=1)
    run = np.where(zero.all(axis=1), Y.shape[1], run)
    size = 1.0 / np.clip(alpha, 1e-6, None)[:, None]
    log_p0 = size * np.log(size / (size + np.clip(mu, 1e-12, None)))  # log P(Y = 0)
    tail = np.arange(Y.shape[1])[None, :] >= (Y.shape[1] - run)[:, None]
    return np.exp(np.where(tail, log_p0, 0.0).sum(axis=1))


def nb_loglik(Y: np.ndarray, mu: np.ndarray, alpha: np.ndarray) -> np.ndarray:
    """NB log-likelihood per element (0 where Y is NaN); var = mu + alpha mu^2."""
    M = ~np.isnan(Y)
    y = np.where(M, Y, 0.0)
    size = 1.0 / np.clip(alpha, 1e-6, None)[:, None]
    mu = np.clip(mu, 1e-12, None)
    ll = (
        gammaln(y + size)
        - gammaln(size)
        - gammaln(y + 1)
        + size * np.log(size / (size + mu))
        + y * np.log(mu / (size + mu))
    )
    return np.where(M, ll, 0.0)


def seasonal_support(
    Yw: np.ndarray,
    X: np.ndarray,
    penalty: np.ndarray,
    *,
    season_penalty: float = 1.0,
    year: int = YEAR_WEEKS,
    min_weeks: int = MIN_YEAR_WEEKS,
) -> np.ndarray:
    """Whether yearly Fourier terms predict held-out years better than the same GLM without them, per row.

    The window is cut into years of `year` weeks counted back from its end (a year counts when it has
    `min_weeks` observed weeks). Rows with fewer than two years that had an event fail outright: one year
    cannot tell a season from an episode. Otherwise each year is left out in turn, the GLM is fitted on the
    rest with and without the Fourier columns (`penalty` gives the level/trend penalties, `season_penalty` the
    ridge on the Fourier coefficients), and the NB log-likelihood of the left-out year is compared: the
    seasonal terms are kept when they predict at least two left-out years (and at least half of them) better
    and the summed out-of-year gain is positive. Requiring several winning years, not just a positive sum,
    stops one campaign year from carrying the test on its own (a weak hint of the same quarter in other years predicts it a little, and
    its size makes that gain large). This is leave-one-year-out cross-validation, a penalised likelihood
    whose penalty is the seasonal fit's failure to recur rather than a parameter count (the BIC counts
    parameters, and a campaign that fills one spring earns their price in-sample).
    """
    S, n = Yw.shape
    observed = ~np.isnan(Yw)
    blocks = []
    for end in range(n, min_weeks - 1, -year):
        lo = max(end - year, 0)
        blocks.append((lo, end))
    ok_year = np.column_stack([observed[:, lo:hi].sum(axis=1) >= min_weeks for lo, hi in blocks])
    active_year = np.column_stack([(np.nan_to_num(Yw[:, lo:hi]) > 0).any(axis=1) for lo, hi in blocks])
    support = (ok_year & active_year).sum(axis=1) >= 2
    if not support.any():
        return support
    rows = np.flatnonzero(support)
    pen_s, pen_n = penalty[rows].copy(), penalty[rows].copy()
    pen_s[:, 2:] = season_penalty
    pen_n[:, 2:] = OFF
    gain, wins, used = np.zeros(len(rows)), np.zeros(len(rows)), np.zeros(len(rows))
    for b, (lo, hi) in enumerate(blocks):
        use = ok_year[rows, b]
        if not use.any():
            continue
        # fit without the held-out weeks' columns (NaN weeks add nothing to the fit, only work)
        keep = np.r_[0:lo, hi:n]
        train, test = Yw[rows][:, keep], Yw[rows, lo:hi]
        ll = []
        for pen in (pen_s, pen_n):
            beta, alpha, _ = fit_nb_glm(train, X[keep], pen)
            ll.append(nb_loglik(test, np.exp(np.clip(beta @ X[lo:hi].T, -30, 30)), alpha).sum(axis=1))
        gain += np.where(use, ll[0] - ll[1], 0.0)
        wins += use & (ll[0] > ll[1])
        used += use
    support[rows] = (gain > 0) & (wins >= 2) & (2 * wins >= used)
    return support


class NBGLM(Forecaster):
    """Negative-binomial GLM with a log-linear trend and yearly Fourier seasonality.

    Args:
        window: weeks of history used (156 = three years: enough seasons, not too stale).
        n_harmonics: Fourier pairs for the yearly cycle (2 = a main peak plus asymmetry).
        trend_penalty: ridge penalty on the trend (log rate per year); larger = flatter extrapolation. The
            default 50 won the rolling-origin backtest on the UCDP sample and synthetic panels against 2 and 10.
        season_penalty: ridge penalty on each Fourier coefficient.
        max_growth: the forecast mean never exceeds max_growth x the largest weekly count in the window
            (+1), a guard against exponential extrapolation of a short-lived trend.
        season_test: keep the Fourier terms only where they predict held-out years (`seasonal_support`);
            False keeps them for every series with 78+ weeks (the pre-guard behaviour, for comparison).
        dormant_weeks: a series with no event in this many last weeks (after earlier ones) gets no rising
            trend (`dormant`); 0 disables the guard.
    Seasonal terms are switched off (heavily penalised) for series with under 78 weeks of history or without
    cross-year support, and the trend for series with under 26. After `fit`, `seasonal_` says per row whether
    the yearly terms were used.
    """

    name = "nbglm"
    min_weeks = 8

    def __init__(
        self,
        window: int = 156,
        n_harmonics: int = 2,
        trend_penalty: float = 50.0,
        season_penalty: float = 1.0,
        max_growth: float = 2.0,
        season_test: bool = True,
        dormant_weeks: int = DORMANT_WEEKS,
    ):
        if (
            window < 8
            or n_harmonics < 0
            or trend_penalty < 0
            or season_penalty < 0
            or max_growth <= 0
            or dormant_weeks < 0
        ):
            raise ValueError(
                "NBGLM needs window >= 8, n_harmonics >= 0, penalties >= 0, max_growth > 0 and "
                f"dormant_weeks >= 0; got {window}, {n_harmonics}, {trend_penalty}, {season_penalty}, "
                f"{max_growth}, {dormant_weeks}"
            )
        self.window, self.n_harmonics = window, n_harmonics
        self.trend_penalty, self.season_penalty, self.max_growth = trend_penalty, season_penalty, max_growth
        self.season_test, self.dormant_weeks = season_test, dormant_weeks
        self._support = None

    def season_support(self, Y: np.ndarray, weeks: pd.DatetimeIndex) -> np.ndarray:
        """The season test `fit` runs, alone: per row 1.0 (yearly terms kept), 0.0 (dropped), or NaN where the
        test does not apply (under 78 weeks in the window; no harmonics; season_test False)."""
        Yw, wk = Y[:, -self.window :], pd.DatetimeIndex(weeks[-self.window :])
        X = design(wk, wk[-1] + pd.Timedelta(days=7), self.n_harmonics)
        out = np.full(len(Y), np.nan)
        rows = np.flatnonzero(valid_length(Yw) >= 78)
        if self.season_test and self.n_harmonics and len(rows):
            out[rows] = seasonal_support(
                Yw[rows], X, self._penalty(Yw[rows], X.shape[1]), season_penalty=self.season_penalty
            )
        return out

    def with_support(self, support: np.ndarray) -> NBGLM:
        """A copy that takes the season test's answer per row from `support` (as `season_support` returns it)
        instead of running it; NaN rows still run the test. Used by `auto`'s inner backtest, which tests
        once, at its earliest origin, and reuses the answer at the later ones (no look-ahead: the earliest
        origin's window ends before every later origin)."""
        m = self.new()
        m._support = np.asarray(support, dtype=float)
        return m

    def _penalty(self, Yw: np.ndarray, p: int) -> np.ndarray:
        n = valid_length(Yw)
        pen = np.zeros((len(Yw), p))
        pen[:, 0] = 1e-6
        pen[:, 1] = np.where(n < 26, OFF, self.trend_penalty)
        return pen

    def params(self):
        return {
            "window": self.window,
            "n_harmonics": self.n_harmonics,
            "trend_penalty": self.trend_penalty,
            "season_penalty": self.season_penalty,
            "max_growth": self.max_growth,
            "season_test": self.season_test,
            "dormant_weeks": self.dormant_weeks,
        }

    def _fit_batch(self, Y, weeks):
        Yw, wk = Y[:, -self.window :], pd.DatetimeIndex(weeks[-self.window :])
        origin = wk[-1] + pd.Timedelta(days=7)
        X = design(wk, origin, self.n_harmonics)
        n = valid_length(Yw)
        pen = self._penalty(Yw, X.shape[1])
        seasonal = n >= 78
        if self.season_test and self.n_harmonics and seasonal.any():
            given = np.full(len(Y), np.nan) if self._support is None else self._support
            known = seasonal & ~np.isnan(given)
            seasonal[known] = given[known] > 0.5
            rows = np.flatnonzero(seasonal & ~known)
            if len(rows):
                seasonal[rows] = seasonal_support(Yw[rows], X, pen[rows], season_penalty=self.season_penalty)
        pen[:, 2:] = np.where(seasonal, self.season_penalty, OFF)[:, None]
        beta, alpha, cov = fit_nb_glm(Yw, X, pen)
        quiet = silence_probability(Yw, np.exp(np.clip(beta @ X.T, -30, 30)), alpha)
        if self.dormant_weeks:
            # dormant: no rising trend; and no season either when the fit cannot explain the silence
            sleeping = dormant(Yw, self.dormant_weeks)
            rise, unexplained = sleeping & (beta[:, 1] > 0), sleeping & seasonal & (quiet < SILENCE_P)
            redo = np.flatnonzero(rise | unexplained)
            if len(redo):
                pen[rise, 1] = OFF
                pen[unexplained, 2:] = OFF
                seasonal = seasonal & ~unexplained
                beta[redo], alpha[redo], cov[redo] = fit_nb_glm(Yw[redo], X, pen[redo])
                again = redo[beta[redo, 1] > 0]  # dropping the season can tilt the trend upwards
                if len(again):
                    pen[again, 1] = OFF
                    beta[again], alpha[again], cov[again] = fit_nb_glm(Yw[again], X, pen[again])
        self.seasonal_ = seasonal
        cap = np.log(self.max_growth * np.nanmax(np.where(np.isnan(Yw), 0, Yw), axis=1) + 1.0)
        return {"beta": beta, "alpha": alpha, "cov": cov, "origin": origin, "cap": cap, "p_silence": quiet}

    def _dist(self, state, h):
        """Forecast mean and NB dispersion (S, h), the rate's parameter uncertainty folded into alpha."""
        Xf = design(pd.date_range(state["origin"], periods=h, freq="W-MON"), state["origin"], self.n_harmonics)
        eta = state["beta"] @ Xf.T
        v = np.einsum("fp,spq,fq->sf", Xf, state["cov"], Xf)
        v = np.clip(v, 0, 4.0)
        eta = np.minimum(eta + v / 2, state["cap"][:, None])
        mean = np.exp(eta)
        alpha_f = (1 + state["alpha"][:, None]) * np.exp(v) - 1  # NB with a log-normal rate, moment-matched
        return mean, alpha_f

    def _predict_batch(self, state, h):
        mean, alpha_f = self._dist(state, h)
        out = nb_quantiles(mean, alpha_f)
        out["mean"] = mean
        return out

    def _cdf_batch(self, state, h, k):
        return nb_cdf(k, *self._dist(state, h))
