"""Farrington-flexible outbreak thresholds (Noufaily et al. 2013), batched over many (series, week) problems.

For one target week t0 of one series the baseline is every week with lag 26 .. 52*years + window before t0
(the most recent `exclude_recent` weeks are left out so an ongoing surge does not inflate its own baseline).
A quasi-Poisson log-linear GLM is fitted to the baseline with

* a 10-level seasonal factor: level 0 = the `2*window+1` comparable weeks around t0 - 52k in each past year,
  the rest of each year cut into 9 consecutive periods (Noufaily's "flexible" seasonality);
* a linear trend, kept only when significant at `trend_p` and when it does not extrapolate above the
  baseline maximum (Farrington 1996);
* past outbreaks down-weighted: baseline weeks with Anscombe residual > 2.58 get weight s^-2 (renormalised),
  and the model is refitted.

The threshold is the upper quantile of a negative binomial with the fitted mean and variance phi * mu
(size mu / (phi - 1); Poisson when phi = 1). Weeks missing from the baseline (before a series existed) carry
zero weight.

Because lags, not dates, define the design matrix, X is the same for every problem; only the counts and
weights differ. All fits run as one batched IRLS (no Python loop over series), solved through the design's
structure (`_irls_levels`: per-level sums and a 2 x 2 system per problem and step); the dense p x p solves
(`_irls`, `fit_batch(dense=True)`) are the reference it is tested against (equal to ~1e-12).

Reference: Noufaily A, Enki DG, Farrington P, Garthwaite P, Andrews N, Charlett A (2013). An improved
algorithm for outbreak detection in multiple surveillance systems. Statistics in Medicine 32(7): 1206-1222.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import stats

WEEKS_PER_YEAR = 52


def baseline_lags(years: int = 5, window: int = 3, exclude_recent: int = 26) -> np.ndarray:
    """Lags (weeks before the target week) that form the baseline."""
    return np.arange(exclude_recent, WEEKS_PER_YEAR * years + window + 1)


def seasonal_levels(lags: np.ndarray, window: int = 3, n_levels: int = 10) -> np.ndarray:
    """Noufaily's flexible seasonal factor: 0 for weeks within `window` of t0 - 52k, 1..n_levels-1 elsewhere."""
    phase = np.asarray(lags) % WEEKS_PER_YEAR
    level = np.zeros(len(phase), dtype=int)
    off = (phase > window) & (phase < WEEKS_PER_YEAR - window)
    span = WEEKS_PER_YEAR - 2 * window - 1  # weeks per year outside the comparable window
    level[off] = 1 + np.minimum(((phase[off] - window - 1) * (n_levels - 1)) // span, n_levels - 2)
    return level


def design(lags: np.ndarray, window: int = 3, n_levels: int = 10) -> np.ndarray:
    """Columns: intercept, n_levels-1 seasonal dummies, trend in years (0 at the target week)."""
    lev = seasonal_levels(lags, window, n_levels)
    dummies = (lev[:, None] == np.arange(1, n_levels)[None, :]).astype(float)
    trend = -np.asarray(lags, dtype=float) / WEEKS_PER_YEAR
    return np.column_stack([np.ones(len(lags)), dummies, trend])


@dataclass
class FarringtonFit:
    """Per-problem results (arrays of length B)."""

    expected: np.ndarray  # fitted mean at the target week
    phi: np.ndarray  # dispersion (>= 1)
    trend: np.ndarray  # bool: the trend term was kept
    n_baseline: np.ndarray  # baseline weeks with data
    n_nonzero: np.ndarray  # baseline weeks with at least one event
    max_baseline: np.ndarray  # largest baseline count

    def quantile(self, q: float | np.ndarray) -> np.ndarray:
        """Upper quantile(s) of the negative-binomial predictive distribution at the target week."""
        return nb_quantile(q, self.expected, self.phi)

    def upper_tail(self, observed: np.ndarray) -> np.ndarray:
        """P(Y >= observed) under the fitted predictive distribution (a p-value for an exceedance)."""
        mu, phi = self.expected, self.phi
        obs = np.asarray(observed, dtype=float)
        out = stats.poisson.sf(obs - 1, mu)
        nb = phi > 1 + 1e-9
        if nb.any():
            size = mu[nb] / (phi[nb] - 1)
            out[nb] = stats.nbinom.sf(obs[nb] - 1, size, size / (size + mu[nb]))
        return out


def nb_quantile(q, mu: np.ndarray, phi: np.ndarray) -> np.ndarray:
    """Quantile q of NB with mean mu and variance phi*mu (Poisson where phi == 1)."""
    mu = np.maximum(np.asarray(mu, dtype=float), 1e-12)
    phi = np.asarray(phi, dtype=float)
    out = stats.poisson.ppf(q, mu).astype(float)
    nb = phi > 1 + 1e-9
    if np.any(nb):
        size = mu[nb] / (phi[nb] - 1)
        qq = q[nb] if np.ndim(q) else q
        out[nb] = stats.nbinom.ppf(qq, size, size / (size + mu[nb]))
    return out


def _irls(X: np.ndarray, Y: np.ndarray, W0: np.ndarray, n_iter: int = 8, ridge: float = 1e-4):
    """Batched Poisson IRLS for any design, by dense p x p solves: the reference `_irls_levels` is tested against.

    X (n, p) shared, Y/W0 (B, n). Returns beta (B, p), mu (B, n), the leverages x_i' A^-1 x_i (B, n) and the
    last coefficient's entry of A^-1 (B,), with A = X'WX + ridge at the final mu."""
    B, n = Y.shape
    p = X.shape[1]
    XX = (X[:, :, None] * X[:, None, :]).reshape(n, p * p)  # row i = vec(x_i x_i^T)
    # X'WX needs only the distinct columns of XX: it is symmetric and the seasonal dummies are exclusive (their
    # products are zero or the dummy itself), so 22 of the 121 columns (11 x 11 design) are distinct
    cols, inv = np.unique(XX, axis=1, return_inverse=True)
    inv = inv.ravel()
    pen = ridge * np.eye(p)
    pen[0, 0] = RIDGE_INTERCEPT
    eta, mu = _start(Y, W0)
    for _ in range(n_iter):
        w = W0 * mu
        z = eta + (Y - mu) / mu
        A = (w @ cols)[:, inv].reshape(B, p, p) + pen
        r = (w * z) @ X
        beta = np.linalg.solve(A, r[:, :, None])[:, :, 0]
        eta = np.clip(beta @ X.T, -ETA_MAX, ETA_MAX)
        mu = np.exp(eta)
    w = W0 * mu
    Ai = np.linalg.inv((w @ cols)[:, inv].reshape(B, p, p) + pen)
    return beta, mu, Ai.reshape(B, -1) @ XX.T, Ai[:, -1, -1]


#: IRLS keeps the linear predictor within +-ETA_MAX (mu in [6e-6, 1.6e5]); the intercept's ridge is almost none.
ETA_MAX, RIDGE_INTERCEPT = 12.0, 1e-8


def _start(Y: np.ndarray, W0: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """IRLS starting point per week: halfway between the week's count and the baseline mean (+0.5)."""
    m = (Y * W0).sum(1) / np.maximum(W0.sum(1), 1e-12)
    eta = np.log(np.where(W0 > 0, (Y + m[:, None] + 0.5) / 2, m[:, None] + 0.5))
    return eta, np.exp(eta)


def _irls_levels(
    level: np.ndarray,
    n_levels: int,
    trend: np.ndarray | None,
    Y: np.ndarray,
    W0: np.ndarray,
    n_iter: int = 8,
    ridge: float = 1e-4,
):
    """`_irls` on `design`'s columns (intercept, dummies of levels 1..n_levels-1, the trend unless None), with
    the same start, steps and ridge, solved through the design's structure (~1e-12 relative from `_irls`).

    The dummies are exclusive, so X'WX is an arrow matrix: the dummy block is diagonal and couples only to the
    intercept and the trend (`_arrow_solve`); everything it holds is a per-level sum of w, w t, w t^2 (t the
    trend). After the first step the linear predictor is eta = c_l + b_t t (c_l: the week's level), so
    mu = exp(c_l) exp(b_t t) and those sums are exp(c_l) times per-level sums of W0 exp(b_t t): one (B, n) exp
    and one product per step (none without trend), and the right-hand side X'Wz = X'W eta + X'W0 (Y - mu) is
    the same sums again plus the constant per-level sums of W0 Y. Problems whose eta may leave +-ETA_MAX take
    the per-week step (where the clip changes eta) instead. Returns what `_irls` returns.
    """
    B, n = Y.shape
    L = n_levels
    onehot = (np.asarray(level)[:, None] == np.arange(L)[None, :]).astype(float)  # (n, L)
    has_t = trend is not None
    tr = np.asarray(trend, dtype=float) if has_t else np.zeros(n)
    M = np.hstack([onehot, onehot * tr[:, None], onehot * (tr**2)[:, None]]) if has_t else onehot
    k = 2 * L if has_t else L  # the columns of M the right-hand side needs (sums of wz, wz t)
    lev = np.asarray(level)
    SY = (W0 * Y) @ M[:, :k]  # per-level sums of W0 y (and W0 y t): the same every step
    V0 = None if has_t else W0 @ onehot  # without trend, mu is constant within a level
    eta, mu = _start(Y, W0)
    w = W0 * mu
    S, R = w @ M, (w * (eta + (Y - mu) / mu)) @ M[:, :k]
    tlo, thi = (float(tr.min()), float(tr.max())) if has_t else (0.0, 0.0)
    tm = (tlo + thi) / 2
    for it in range(n_iter):
        b0, bj, bt = _arrow_solve(S, R[:, :L], R[:, L:].sum(1) if has_t else None, L, ridge)
        c = np.hstack([b0[:, None], b0[:, None] + bj])  # (B, L): eta of each level at t = 0
        if it == n_iter - 1:
            break
        # the sums at the new eta = c_l + bt t = (c_l + bt tm) + bt (t - tm), tm mid-baseline (no overflow)
        ext = np.minimum(bt * tlo, bt * thi), np.maximum(bt * tlo, bt * thi)
        clip = (c.min(1) + ext[0] < -ETA_MAX) | (c.max(1) + ext[1] > ETA_MAX)
        with np.errstate(over="ignore", invalid="ignore"):  # only in rows `clip` redoes below
            if has_t:
                G = np.exp(c + (bt * tm)[:, None])
                V = (W0 * np.exp(bt[:, None] * (tr - tm)[None, :])) @ M
                S = np.hstack([G, G, G]) * V
            else:
                S = np.exp(c) * V0
        sw = S[:, :L]
        if has_t:
            swt = S[:, L : 2 * L]
            R = np.hstack(
                [c * sw + bt[:, None] * swt + SY[:, :L] - sw, c * swt + bt[:, None] * S[:, 2 * L :] + SY[:, L:] - swt]
            )
        else:
            R = c * sw + SY - sw
        if clip.any():  # the clip changes eta somewhere: per week, as `_irls`
            e = np.clip(c[clip][:, lev] + bt[clip, None] * tr[None, :], -ETA_MAX, ETA_MAX)
            m = np.exp(e)
            wc = W0[clip] * m
            S[clip] = wc @ M
            R[clip] = (wc * (e + (Y[clip] - m) / m)) @ M[:, :k]
    eta = np.clip(c[:, lev] + bt[:, None] * tr[None, :], -ETA_MAX, ETA_MAX)
    mu = np.exp(eta)
    beta = np.hstack([b0[:, None], bj, bt[:, None]]) if has_t else np.hstack([b0[:, None], bj])
    # leverages at the final mu: x_i = a_l + t_i e_T with a_l = e_0 (+ e_l for l >= 1), so x_i' A^-1 x_i =
    # a_l' A^-1 a_l + 2 t_i a_l' A^-1 e_T + t_i^2 e_T' A^-1 e_T
    S = (W0 * mu) @ M
    unit = np.broadcast_to(np.eye(L), (B, L, L))  # right-hand side a_l, in per-level form, for l = 0..L-1
    y0, yj, _ = _arrow_solve(S, unit, np.zeros((B, L)) if has_t else None, L, ridge)
    quad = y0 + np.hstack([np.zeros((B, 1)), np.diagonal(yj[:, :, 1:], axis1=1, axis2=2)])  # a_l' A^-1 a_l
    if has_t:
        x0, xj, xt = _arrow_solve(S, np.zeros((B, L)), np.ones(B), L, ridge)
        cross = x0[:, None] + np.hstack([np.zeros((B, 1)), xj])  # a_l' A^-1 e_T
        lever = quad[:, lev] + tr[None, :] * (2 * cross[:, lev] + tr[None, :] * xt[:, None])
    else:
        xt = np.full(B, np.nan)
        lever = quad[:, lev]
    return beta, mu, lever, xt


def _arrow_solve(S: np.ndarray, r: np.ndarray, rt: np.ndarray | None, L: int, ridge: float):
    """Solve (X'WX + ridge) b = rhs for `design`'s columns from the per-level sums S = [w, w t, w t^2] (B, 3L)
    (just w, (B, L), without trend).

    The right-hand side is given per level: r[:, l] (B, L[, K]) is the dummy row l's entry (l >= 1) and the
    intercept row's is their sum over all l; rt the trend row's (None: no trend). Each dummy b_l solves its
    row given b_0 and b_t, which leaves a 2 x 2 system (1 x 1 without trend) per problem. The eliminations use
    ridge / (S_l + ridge) rather than 1 - S_l / (S_l + ridge), which would lose digits to cancellation.
    Returns b_0 (B[, K]), b_l for l = 1..L-1 (B, L-1[, K]) and b_t (B[, K]; zeros without trend).
    """
    ex = (slice(None), slice(None)) + (None,) * (r.ndim - 2)  # broadcast (B, L) sums over r's trailing axes
    sw = S[:, :L][ex]
    d = sw[:, 1:] + ridge
    f = ridge / d
    a00 = sw[:, 0] + RIDGE_INTERCEPT + (sw[:, 1:] * f).sum(1)
    c0 = r[:, 0] + (r[:, 1:] * f).sum(1)
    if rt is None:
        b0 = c0 / a00
        bj = (r[:, 1:] - sw[:, 1:] * b0[:, None]) / d
        return b0, bj, np.zeros_like(b0)
    swt, swtt = S[:, L : 2 * L][ex], S[:, 2 * L :][ex]
    a0t = swt[:, 0] + (swt[:, 1:] * f).sum(1)
    att = swtt[:, 0] + ridge + (swtt[:, 1:] - swt[:, 1:] ** 2 / d).sum(1)
    ct = rt - (swt[:, 1:] * r[:, 1:] / d).sum(1)
    det = a00 * att - a0t * a0t
    b0 = (c0 * att - a0t * ct) / det
    bt = (a00 * ct - a0t * c0) / det
    bj = (r[:, 1:] - sw[:, 1:] * b0[:, None] - swt[:, 1:] * bt[:, None]) / d
    return b0, bj, bt


def _dispersion(Y, mu, W, n_eff, p):
    pearson = (W * (Y - mu) ** 2 / mu).sum(1)
    return np.maximum(1.0, pearson / np.maximum(n_eff - p, 1.0))


def _fit_choose(X, Y, W, n_eff, trend_p, allow_trend, levels=None):
    """Fit with and without trend; keep the trend where significant and not extrapolating above the data.

    `levels` = (the seasonal level of each row of X, n_levels) when X is `design`'s: the fits then run through
    `_irls_levels`; None fits any X by the dense `_irls`."""
    p = X.shape[1]
    if levels is None:
        b_t, mu_t, q_t, v_t = _irls(X, Y, W)
        b_n, mu_n, q_n, _ = _irls(X[:, :-1], Y, W)
    else:
        b_t, mu_t, q_t, v_t = _irls_levels(levels[0], levels[1], X[:, -1], Y, W)
        b_n, mu_n, q_n, _ = _irls_levels(levels[0], levels[1], None, Y, W)
    phi_t = _dispersion(Y, mu_t, W, n_eff, p)
    phi_n = _dispersion(Y, mu_n, W, n_eff, p - 1)
    se = np.sqrt(phi_t * np.maximum(v_t, 1e-300))
    zcrit = stats.norm.ppf(1 - trend_p / 2)
    ymax = np.where(W > 0, Y, 0).max(1)
    keep = allow_trend & (np.abs(b_t[:, -1]) / se > zcrit) & (np.exp(b_t[:, 0]) <= ymax)
    mu = np.where(keep[:, None], mu_t, mu_n)
    phi = np.where(keep, phi_t, phi_n)
    e0 = np.where(keep, np.exp(b_t[:, 0]), np.exp(b_n[:, 0]))
    # hat values h_i = w_i x_i^T A^-1 x_i, for the residual standardisation
    h = np.where(keep[:, None], q_t, q_n) * W * mu
    return keep, mu, phi, e0, np.clip(h, 0, 0.999)


def fit_batch(
    counts: np.ndarray,
    series: np.ndarray,
    target: np.ndarray,
    *,
    years: int = 5,
    window: int = 3,
    n_levels: int = 10,
    exclude_recent: int = 26,
    trend_p: float = 0.05,
    reweight_threshold: float = 2.58,
    min_trend_weeks: int = 156,
    keep_dispersion: bool = True,
    chunk: int = 4000,
    dense: bool = False,
) -> FarringtonFit:
    """Farrington-flexible fits for the problems (series[b], target[b]) of a wide count matrix.

    Args:
        counts: (n_series, n_weeks) float, NaN where a series has no data (e.g. before it starts).
        series, target: row and column indices of the target weeks; only weeks before each target are used.
        years, window, n_levels, exclude_recent: baseline definition (Noufaily defaults 5, 3, 10, 26).
        trend_p: two-sided significance level for keeping the trend term.
        reweight_threshold: Anscombe residual above which a baseline week counts as a past outbreak.
        min_trend_weeks: a trend is only considered when the baseline has at least this many weeks.
        keep_dispersion: use the larger of the dispersions before and after down-weighting. Down-weighting
            also removes the ordinary high weeks of an overdispersed series, which shrinks phi and pushes the
            false-alarm rate to about twice nominal (measured: 2.3 % at nominal 1 % for NB size 3, mean 3);
            keeping the first phi brings it back near nominal.
        dense: fit by dense p x p solves (`_irls`, the reference) rather than through the design's structure
            (`_irls_levels`, the default: the same fits to ~1e-12, ~3x faster).
    """
    lags = baseline_lags(years, window, exclude_recent)
    X = design(lags, window, n_levels)
    levels = None if dense else (seasonal_levels(lags, window, n_levels), n_levels)
    series, target = np.asarray(series, dtype=int), np.asarray(target, dtype=int)
    parts = []
    for lo in range(0, len(series), chunk):
        s, t = series[lo : lo + chunk], target[lo : lo + chunk]
        idx = t[:, None] - lags[None, :]
        ok = idx >= 0
        Y = np.where(ok, counts[s[:, None], np.maximum(idx, 0)], np.nan)
        W = np.isfinite(Y).astype(float)
        Y = np.nan_to_num(Y)
        n_eff = W.sum(1)
        allow_trend = n_eff >= min_trend_weeks
        keep, mu, phi, e0, h = _fit_choose(X, Y, W, n_eff, trend_p, allow_trend, levels)
        # down-weight past outbreaks (Anscombe residuals), then refit
        ans = 1.5 * (Y ** (2 / 3) - mu ** (2 / 3)) / (mu ** (1 / 6) * np.sqrt(phi[:, None] * (1 - h)))
        w2 = np.where(ans > reweight_threshold, 1.0 / np.maximum(ans, 1e-9) ** 2, 1.0) * W
        w2 *= (n_eff / np.maximum(w2.sum(1), 1e-12))[:, None]
        phi1 = phi
        keep, mu, phi, e0, _ = _fit_choose(X, Y, w2, n_eff, trend_p, allow_trend, levels)
        if keep_dispersion:
            phi = np.maximum(phi, phi1)
        parts.append((e0, phi, keep, n_eff, ((Y > 0) & (W > 0)).sum(1), np.where(W > 0, Y, 0).max(1)))
    if not parts:
        e = np.empty(0)
        return FarringtonFit(e, e, e.astype(bool), e, e, e)
    cat = [np.concatenate(c) for c in zip(*parts)]
    return FarringtonFit(*cat)
