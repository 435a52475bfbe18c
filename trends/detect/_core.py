"""Numeric core of offline segmentation: count costs over cumulative sums, PELT, penalties, split p-values.

Everything here is a pure function over numpy arrays of weekly counts; indices, never weeks. Costs are on the
-2 log-likelihood scale with the data-only terms (log y!, and for the negative binomial log Γ(y+k) - log Γ(k))
dropped: they are the same for every segmentation, so they change no decision.
"""

from __future__ import annotations

import math
import os

import numpy as np
from scipy import special

from ..errors import TooFewWeeks, UsageError

COSTS = ("poisson", "nb")
PENALTIES = ("mbic", "bic")
#: how the NB cost gets its dispersion when none is given: 'profile' (default) maximises the penalised
#: likelihood jointly over the segmentation and k; 'lag' is the lag-13 moment estimate held fixed (the old default).
DISPERSIONS = ("profile", "lag")
#: at most this many segmentation / dispersion rounds in the profile (measured: 1-3 suffice on the sample).
PROFILE_ROUNDS = 4
#: bounds on the estimated negative-binomial size k (var = mu + mu^2 / k); above K_MAX the series is Poisson.
K_MIN, K_MAX = 0.3, 1e4


def as_counts(counts) -> np.ndarray:
    """Counts as a 1-D float array; raises UsageError on negatives, NaN or a wrong shape."""
    y = np.asarray(counts, dtype=float)
    if y.ndim != 1:
        raise UsageError(f"counts must be one series (1-D), got shape {y.shape}")
    if not np.all(np.isfinite(y)):
        raise UsageError("counts contain NaN or infinite values; weekly counts must be zero-filled integers")
    if np.any(y < 0):
        raise UsageError(f"counts must be >= 0; found {y.min():g} at index {int(np.argmin(y))}")
    return y


def estimate_dispersion(y: np.ndarray, lag: int = 13) -> float:
    """Negative-binomial size k of a count series, robust to level shifts; np.inf means Poisson.

    Method of moments on pairs `lag` weeks apart: if the mean is about constant over `lag` weeks,
    E[(y_t - y_{t-lag})^2] / 2 = E[mu + mu^2/k] and E[y_t y_{t-lag}] = E[mu^2], so
    1/k = (mean(d^2)/2 - mean(y)) / mean(y_t y_{t-lag}). A step in the rate only touches `lag` pairs, so a
    change point does not pass for overdispersion as it does in the whole-series variance-to-mean estimate,
    while swings within a quarter (lag 13, the default) count as noise, which keeps moderate seasonality from
    being cut into regimes. On 40 quiet 3-year NB series with a yearly swing of x1.35 (seasonal_amp=0.3), 1-2
    get a spurious change with lag 13 against 4 with lag 1; recall of three planted changes is the same (0.88 vs
    0.88 Poisson, 0.78 vs 0.80 at k=5). Series shorter than 3 lags use lag 1. Clipped to [K_MIN, K_MAX];
    underdispersed or near-Poisson series get np.inf.
    """
    y = np.asarray(y, dtype=float)
    if len(y) < 3 * lag:
        lag = 1
    if len(y) < 3:
        return np.inf
    m = y.mean()
    cross = np.mean(y[lag:] * y[:-lag])
    if m <= 0 or cross <= 0:
        return np.inf
    excess = np.mean((y[lag:] - y[:-lag]) ** 2) / 2.0 - m
    if excess <= 0:
        return np.inf
    k = cross / excess
    return np.inf if k >= K_MAX else max(k, K_MIN)


def seg_cost(s: np.ndarray, n: np.ndarray, k: float) -> np.ndarray:
    """-2 log-likelihood of segments with event sums `s` and lengths `n` at their MLE rate s/n.

    Poisson when k is infinite, else negative binomial with size k held fixed (so the cost stays a function of
    the cumulative sums). Vectorised over arrays of segments.
    """
    s = np.asarray(s, dtype=float)
    n = np.asarray(n, dtype=float)
    if not np.isfinite(k):
        # Poisson: -2 [s log(s/n) - s]; 0 log 0 = 0
        return -2.0 * (special.xlogy(s, s / n) - s)
    nk = n * k
    tot = s + nk
    return -2.0 * (special.xlogy(s, s / tot) + nk * np.log(nk / tot))


def penalty_value(penalty, n: int) -> float:
    """The per-change penalty beta on the -2 log-likelihood scale.

    'bic': 2 log n, one rate and one location per change (Schwarz 1978; changepoint's BIC for one parameter).
    'mbic': 3 log n, plus sum_i log(n_i / n) over segment lengths, added in the segment cost (Zhang & Siegmund
    2007, modified BIC): it charges more per change than BIC and favours well-supported, not-too-short segments.
    A number is used as it is.
    """
    if isinstance(penalty, str):
        p = penalty.lower()
        if p == "bic":
            return 2.0 * math.log(n)
        if p == "mbic":
            return 3.0 * math.log(n)
        try:
            penalty = float(p)
        except ValueError:
            raise UsageError(f"penalty must be one of {PENALTIES} or a number > 0, got {penalty!r}") from None
    penalty = float(penalty)
    if not penalty > 0 or not math.isfinite(penalty):
        raise UsageError(f"penalty must be a finite number > 0, got {penalty}")
    return penalty


def check_params(cost: str, min_size: int) -> None:
    if cost not in COSTS:
        raise UsageError(f"cost must be one of {COSTS}, got {cost!r}")
    if int(min_size) != min_size or min_size < 1:
        raise UsageError(f"min_size must be an integer >= 1, got {min_size!r}")


def check_dispersion(dispersion) -> None:
    """UsageError unless `dispersion` is None, one of DISPERSIONS or a number > 0 (np.inf = Poisson)."""
    if dispersion is None:
        return
    if isinstance(dispersion, str):
        if dispersion not in DISPERSIONS:
            raise UsageError(f"dispersion must be one of {DISPERSIONS} or a number > 0, got {dispersion!r}")
        return
    try:
        ok = float(dispersion) > 0
    except (TypeError, ValueError):
        ok = False
    if not ok:
        raise UsageError(
            f"dispersion must be > 0 (np.inf for Poisson), one of {DISPERSIONS} or None, got {dispersion!r}"
        )


def _setup(y, cost, penalty, min_size, dispersion):
    y = as_counts(y)
    check_params(cost, min_size)
    n = len(y)
    if n < 2 * min_size:
        raise TooFewWeeks(
            f"a series of {n} weeks is too short for change points with min_size={min_size}; "
            f"it needs at least {2 * min_size} weeks"
        )
    if cost == "poisson":
        k = np.inf
    elif dispersion is None or isinstance(dispersion, str):
        check_dispersion(dispersion)
        k = estimate_dispersion(y)  # the profile's starting point (pelt_many), or the fixed 'lag' estimate
    else:
        k = float(dispersion)
        if not k > 0:
            raise UsageError(f"dispersion must be > 0 (np.inf for Poisson), got {dispersion}")
    mbic = isinstance(penalty, str) and penalty.lower() == "mbic"
    beta = penalty_value(penalty, n)
    cs = np.concatenate([[0.0], np.cumsum(y)])
    return y, n, k, beta, mbic, cs


def pelt(
    counts, cost: str = "nb", penalty="mbic", min_size: int = 4, dispersion=None
) -> tuple[list[int], float, float]:
    """Optimal segmentation by PELT (Killick, Fearnhead & Eckley 2012) over cumulative sums.

    Returns (regime starts, dispersion k used, optimal penalised cost at that k). With cost 'nb' and dispersion
    None or 'profile', k and the segmentation are fitted jointly (`_profile`); 'lag' or a number fixes k.

    Pruning with a minimum segment length: a candidate t that fails F(t) + C(t, s) <= F(s) at step s cannot be
    the last change for any end T >= s + min_size (there the split at s is admissible), so it is dropped at step
    s + min_size, not at once; dropping it at once (as ruptures does) can lose the optimum.

    The recursion runs compiled (`_kernel.pelt_bounded`, numba) when available, else as one numpy expression per
    end week over the live candidates (`pelt_numpy`). Both find the same optimum (the compiled cost is the same
    likelihood over lookup tables, equal up to rounding ~1e-12; tests check both against optimal partitioning).
    """
    return pelt_many([counts], cost, penalty, min_size, dispersion, n_jobs=1)[0]


def pelt_many(
    series, cost: str = "nb", penalty="mbic", min_size: int = 4, dispersion=None, n_jobs: int | None = None
) -> list[tuple[list[int], float, float]]:
    """`pelt` for many series at once: the same result per series, computed in one compiled batch.

    Args:
        series: list of 1-D count arrays (each validated as in `pelt`; a too-short one raises TooFewWeeks).
        dispersion: NB size k. None or 'profile' (default): profile over the segmentation (`_profile`); 'lag':
            the lag-13 moment estimate (`estimate_dispersion`) held fixed; a number: that k (np.inf = Poisson).
        n_jobs: threads for the compiled batch (the kernel releases the GIL); None = the CPUs this process may
            use. Threads only start when the batch is big enough to pay for them (about 50 series of 312 weeks).
    """
    from ._batch import setup_many

    prep = setup_many(series, cost, penalty, min_size, dispersion)
    fits = _segment_fixed(prep, min_size, n_jobs)
    if cost == "nb" and dispersion in (None, "profile"):
        prep, fits = _profile(prep, fits, lambda pr: _segment_fixed(pr, min_size, n_jobs))
    return [(starts, p[2], f) for p, (starts, f) in zip(prep, fits)]


#: candidate NB sizes of the profile's k-step (log-spaced, ~23 % apart), plus np.inf (Poisson).
K_GRID = np.r_[np.geomspace(K_MIN, K_MAX, 50), np.inf]


def nb_loglik_grid(y: np.ndarray, starts: list[int], ks: np.ndarray = K_GRID) -> np.ndarray:
    """Log-likelihood of y under a segmentation (each segment at its mean) for every NB size in `ks`.

    The constant -sum log y! is dropped (the same for every k and for Poisson). Written over the distinct counts
    and the segments, not the weeks: sum_t [lgamma(y_t + k) - lgamma(k)] + sum_segments [s log(mu/(mu+k)) +
    n k log(k/(mu+k))]; k = np.inf is the Poisson log-likelihood sum [s log mu - n mu].
    """
    y = np.asarray(y, dtype=float)
    ks = np.asarray(ks, dtype=float)
    fin = np.isfinite(ks)
    kf = ks[fin][None, :]
    vals, cnt = np.unique(y[y > 0], return_counts=True)
    out = np.zeros(len(ks))
    if len(vals):
        out[fin] = (cnt[:, None] * (special.gammaln(vals[:, None] + kf) - special.gammaln(kf))).sum(0)
    bounds = np.array([0, *starts, len(y)])
    cs = np.concatenate([[0.0], np.cumsum(y)])
    sseg = (cs[bounds[1:]] - cs[bounds[:-1]])[:, None]
    nseg = np.diff(bounds).astype(float)[:, None]
    mu = sseg / nseg
    with np.errstate(divide="ignore", invalid="ignore"):
        out[fin] += (special.xlogy(sseg, mu / (mu + kf)) + nseg * kf * np.log(kf / (mu + kf))).sum(0)
    if (~fin).any():
        out[~fin] = float((special.xlogy(sseg, mu) - sseg).sum())
    return out


def _profile(prep, fits, segment):
    """Penalised likelihood maximised jointly over the segmentation and the NB size k, by coordinate descent.

    A single k estimated from the whole series mistakes a sharp regime change for overdispersion: a x10 jump
    makes the series look like NB with a tiny k, and with that k the jump costs almost nothing to ignore (IS in
    Rif Dimashq 2018: the lag-13 estimate k=0.6 hides the x26 rise of 2018-W33). Here the two steps alternate:
    given the segmentation, k is the maximum-likelihood size with every segment at its own mean (a grid search,
    `nb_loglik_grid`); given k, PELT finds the optimal segmentation. Each step lowers the same objective (the
    penalised -2 log-likelihood with the k-dependent terms kept), so it stops when the segmentation repeats, or
    after PROFILE_ROUNDS rounds. It starts from the lag-13 estimate, the most conservative one (few changes).
    """
    from ._batch import loglik_grids

    prep, fits = list(prep), list(fits)
    todo = list(range(len(prep)))
    for _ in range(PROFILE_ROUNDS):
        again = []
        # the current k last in each row of candidates: move only if the grid does better
        lls = loglik_grids([prep[i] for i in todo], [fits[i][0] for i in todo])
        best = np.argmax(lls, axis=1) if len(todo) else []
        for i, ll, j in zip(todo, lls, best):
            y, n, k, beta, mbic, cs = prep[i]
            starts = fits[i][0]
            j = int(j)
            k_new = float(K_GRID[j]) if j < len(K_GRID) else k
            if ll[j] > ll[-1] + 1e-9 and not _same_k(k_new, k):
                prep[i] = (y, n, k_new, beta, mbic, cs)
                # the likelihood gain of any split grows with k (Poisson, k = inf, gains most), so a series
                # with no change at k has none at a smaller k either: no need to segment it again
                if starts or k_new > k:
                    again.append(i)
        if not again:
            break
        refit = segment([prep[i] for i in again])
        todo = []
        for i, f in zip(again, refit):
            if f[0] != fits[i][0]:
                todo.append(i)
            fits[i] = f
        if not todo:
            break
    return prep, fits


def _same_k(a: float, b: float) -> bool:
    if not (np.isfinite(a) and np.isfinite(b)):
        return a == b
    return abs(math.log(a / b)) < 1e-6


def _segment_fixed(prep, min_size: int, n_jobs: int | None) -> list[tuple[list[int], float]]:
    """Optimal segmentation (regime starts, penalised cost F[n]) of every prepared series at its fixed k."""
    from . import _kernel  # numba is imported on first use only (~0.5 s), not by every command that imports this

    if not prep:
        return []
    if not _kernel.AVAILABLE:
        out = []
        for _y, n, k, beta, mbic, cs in prep:
            F, last = _pelt_arrays(cs, n, k, beta, mbic, min_size)
            out.append((_backtrack(last, n), float(F[n])))
        return out
    ns = np.array([p[1] for p in prep], dtype=np.int64)
    off = np.zeros(len(prep), dtype=np.int64)
    off[1:] = np.cumsum(ns + 1)[:-1]
    cs_all = np.concatenate([p[5] for p in prep])
    ks = np.array([p[2] for p in prep], dtype=float)
    betas = np.array([p[3] for p in prep], dtype=float)
    flat = np.concatenate([p[0] for p in prep])
    starts_flat = np.r_[0, np.cumsum(ns)[:-1]]  # every series has >= 2 * min_size weeks: no empty run
    fractional = np.add.reduceat((flat != np.floor(flat)).astype(np.int64), starts_flat)  # non-whole counts
    integral = (fractional == 0) & (np.array([p[5][-1] for p in prep]) <= 1e7)
    mbic = bool(prep[0][4])
    last_all = np.zeros(len(cs_all), dtype=np.int64)
    fn = np.zeros(len(prep))
    jobs = _n_jobs(n_jobs)
    work = ns.astype(float) ** 2
    args = (cs_all, off, ns, ks, betas, mbic, int(min_size), integral)
    if jobs <= 1 or work.sum() < THREAD_MIN_WORK:
        _kernel.pelt_batch(*args, 0, len(prep), last_all, fn)
    else:
        from concurrent.futures import ThreadPoolExecutor

        cum = np.cumsum(work)
        cuts = [0, *np.searchsorted(cum, cum[-1] * np.arange(1, jobs) / jobs).tolist(), len(prep)]
        with ThreadPoolExecutor(jobs) as ex:
            futs = [
                ex.submit(_kernel.pelt_batch, *args, a, b, last_all, fn) for a, b in zip(cuts[:-1], cuts[1:]) if b > a
            ]
            for f in futs:
                f.result()
    return [(_backtrack(last_all[o : o + n + 1], int(n)), float(fn[j])) for j, (o, n) in enumerate(zip(off, ns))]


#: sum of squared series lengths below which pelt_many stays on one thread (~50 series of 312 weeks, ~20 ms).
THREAD_MIN_WORK = 5e6


def _n_jobs(n_jobs: int | None) -> int:
    if n_jobs is not None:
        return max(1, int(n_jobs))
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def pelt_numpy(
    counts, cost: str = "nb", penalty="mbic", min_size: int = 4, dispersion: float | None = None
) -> tuple[list[int], float, float]:
    """`pelt` with the recursion in numpy array expressions (the path used when numba is not installed)."""

    def seg(prep):
        out = []
        for _y, n, k, beta, mbic, cs in prep:
            F, last = _pelt_arrays(cs, n, k, beta, mbic, min_size)
            out.append((_backtrack(last, n), float(F[n])))
        return out

    return _with_profile(counts, cost, penalty, min_size, dispersion, seg)


def _with_profile(counts, cost, penalty, min_size, dispersion, seg):
    """One series through `seg` (an exact segmenter over prepared series), with the profile when it applies."""
    prep = [_setup(counts, cost, penalty, min_size, dispersion)]
    fits = seg(prep)
    if cost == "nb" and dispersion in (None, "profile"):
        prep, fits = _profile(prep, fits, seg)
    return fits[0][0], prep[0][2], fits[0][1]


def _pelt_arrays(cs, n, k, beta, mbic, min_size):
    """The PELT recursion, one vectorised numpy expression over the live candidates per end week s."""
    logn = math.log(n)
    F = np.full(n + 1, np.inf)
    F[0] = -beta
    last = np.zeros(n + 1, dtype=np.int64)
    never = np.iinfo(np.int64).max
    cand = np.zeros(n + 1, dtype=np.int64)  # live candidates are cand[:m], ascending
    kill = np.full(n + 1, never, dtype=np.int64)
    m = 1
    poisson = not np.isfinite(k)
    for s in range(min_size, n + 1):
        new = s - min_size
        if new >= min_size:
            cand[m], kill[m] = new, never
            m += 1
        c_t, k_t = cand[:m], kill[:m]
        live = k_t > s
        if not live.all():
            keep = np.flatnonzero(live)
            m = len(keep)
            cand[:m], kill[:m] = c_t[keep], k_t[keep]
            c_t, k_t = cand[:m], kill[:m]
        ln = s - c_t
        sm = cs[s] - cs[c_t] + 1e-300  # 0 * log(tiny) = 0, and no log(0) warnings
        if poisson:
            cost_t = -2.0 * (sm * np.log(sm / ln) - sm)
        else:
            nk = ln * k
            tot = sm + nk
            cost_t = -2.0 * (sm * np.log(sm / tot) + nk * np.log(nk / tot))
        if mbic:
            cost_t += np.log(ln) - logn
        tot_t = F[c_t] + cost_t
        j = int(np.argmin(tot_t))
        F[s] = tot_t[j] + beta
        last[s] = c_t[j]
        pruned = tot_t > F[s] + 1e-9 * (1.0 + abs(F[s]))
        if pruned.any():
            k_t[pruned] = np.minimum(k_t[pruned], s + min_size)
    return F, last


def optimal_partition(
    counts, cost: str = "nb", penalty="mbic", min_size: int = 4, dispersion: float | None = None
) -> tuple[list[int], float, float]:
    """Brute-force optimal partitioning (Jackson et al. 2005), O(n^2): the reference PELT is tested against."""
    return _with_profile(
        counts, cost, penalty, min_size, dispersion, lambda prep: [_optimal_partition(*p, min_size) for p in prep]
    )


def _optimal_partition(y, n, k, beta, mbic, cs, min_size):
    F = np.full(n + 1, np.inf)
    F[0] = -beta
    last = np.zeros(n + 1, dtype=np.int64)
    for s in range(min_size, n + 1):
        best, arg = np.inf, 0
        for t in [0, *range(min_size, s - min_size + 1)]:
            c = float(seg_cost(cs[s] - cs[t], s - t, k))
            if mbic:
                c += math.log((s - t) / n)
            if F[t] + c < best:
                best, arg = F[t] + c, t
        F[s] = best + beta
        last[s] = arg
    return _backtrack(last, n), float(F[n])


def _backtrack(last: np.ndarray, n: int) -> list[int]:
    starts, t = [], n
    while t > 0:
        t = int(last[t])
        if t > 0:
            starts.append(t)
    return starts[::-1]


def split_test(y: np.ndarray, lo: int, cut: int, hi: int, k: float, min_size: int) -> tuple[float, float]:
    """Likelihood-ratio statistic of one rate on y[lo:hi] against two rates split at `cut`, and its p-value.

    The location was searched, so the chi-square(1) tail alone would be far too small. The p-value is Davies'
    (1987) upper bound for the maximum of a chi-square(1) process over the admissible split positions of the
    window: P(chi2_1 > u) + V exp(-u/2) / sqrt(2 pi), with V the observed total variation of sqrt(LR_t) over
    the positions. No simulation is needed and it is conservative (an upper bound), capped at 1.
    """
    seg = np.asarray(y[lo:hi], dtype=float)
    cs = np.concatenate([[0.0], np.cumsum(seg)])
    n = hi - lo
    full = seg_cost(cs[-1], n, k)
    ts = np.arange(min_size, n - min_size + 1)
    lr = full - seg_cost(cs[ts], ts, k) - seg_cost(cs[-1] - cs[ts], n - ts, k)
    lr = np.maximum(lr, 0.0)
    u = float(lr[ts == (cut - lo)][0]) if np.any(ts == (cut - lo)) else float(lr.max())
    v = float(np.abs(np.diff(np.sqrt(lr))).sum())
    p = math.erfc(math.sqrt(u / 2.0)) + v * math.exp(-u / 2.0) / math.sqrt(
        2.0 * math.pi
    )  # erfc(sqrt(u/2)) = chi2_1 tail
    return u, float(min(1.0, p))
