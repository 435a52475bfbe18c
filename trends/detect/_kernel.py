"""Compiled PELT recursion (numba), with the numpy loop in `_core.pelt_numpy` as the fallback and reference.

PELT on a series without changes prunes almost nothing, so a 312-week series costs ~n^2/2 = 48,000 segment
costs. As numpy expressions that is ~300 small-array calls per series (~9-12 ms, overhead-bound); compiled, with
the cost over lookup tables (at most one log per evaluation, none for Poisson), ~0.4 ms (`pelt_loop`); and
~3x less again when a lower bound spares most of those costs (`pelt_bounded`, what `pelt_batch` runs: the same
F and last bit for bit). The paths find the same optimum; the tests check them against brute-force optimal
partitioning and the two kernels against each other. `cache=True` keeps the compiled
code next to this file (or in NUMBA_CACHE_DIR), so only the first call after an install pays the compile time
(~5 s on a busy 2-core machine). Later processes load it from the cache: one signature, one cache hit, no
recompilation, yet ~0.4-0.5 s (quiet 2-core machine) on top of ~0.4 s for `import numba`, because numba sets up its
whole typing and lowering registries on the first load in a process; bench/models.py prints both.

Set TRENDS_NO_NUMBA=1 to force the numpy path (or when numba is not installed).
"""

from __future__ import annotations

import math
import os

import numpy as np

try:  # pragma: no cover - exercised by which environment runs the tests
    if os.environ.get("TRENDS_NO_NUMBA", "") not in ("", "0"):
        raise ImportError("disabled by TRENDS_NO_NUMBA")
    from numba import njit as _njit

    AVAILABLE = True

    def njit(**kwargs):
        """numba.njit with cache=True, or without the cache where no cache folder is writable (numba raises
        RuntimeError at decoration then; set NUMBA_CACHE_DIR to keep the cache)."""

        def deco(f):
            try:
                return _njit(**kwargs)(f)
            except RuntimeError:
                return _njit(**{**kwargs, "cache": False})(f)

        return deco
except ImportError:  # pragma: no cover
    AVAILABLE = False

    def njit(**kwargs):  # noqa: D103 - identity decorator when numba is absent
        return lambda f: f


@njit(cache=True, nogil=True)
def pelt_loop(cs, n, k, beta, mbic, min_size, integral):  # pragma: no cover - compiled
    """F (optimal cost of y[:s]) and last (its last regime start) for s = 0..n; see `_core.pelt` for the method.

    The segment cost is `_core.seg_cost` rewritten over per-length and per-sum tables, so the inner loop needs
    at most one log (NB) or none (Poisson):  with S events in L weeks and nk = L k, tot = S + nk,
        NB       -2 [S log(S/tot) + nk log(nk/tot)] = -2 [S log S + nk log nk - tot log tot]
        Poisson  -2 [S log(S/L) - S]               = -2 [S log S - S log L - S]
    S log S is tabulated when the counts are integers (`integral`, sums up to cs[n]), log L and nk log nk per
    length. The rewrite changes rounding only (~1e-12 of a cost); pruning keeps a 1e-9 relative margin.
    """
    poisson = not math.isfinite(k)
    logn = math.log(n)
    logl = np.zeros(n + 1)  # log L
    nkl = np.zeros(n + 1)  # nk log nk
    for ln in range(1, n + 1):
        logl[ln] = math.log(ln)
        if not poisson:
            nk = ln * k
            nkl[ln] = nk * math.log(nk)
    if integral:
        top = int(cs[n] + 0.5)
        sls = np.zeros(top + 1)  # S log S, 0 log 0 = 0
        for v in range(1, top + 1):
            sls[v] = v * math.log(v)
    else:
        sls = np.zeros(1)
    F = np.full(n + 1, np.inf)
    F[0] = -beta
    last = np.zeros(n + 1, dtype=np.int64)
    never = np.iinfo(np.int64).max
    cand = np.zeros(n + 1, dtype=np.int64)
    kill = np.full(n + 1, never, dtype=np.int64)
    tot = np.empty(n + 1)
    m = 1
    for s in range(min_size, n + 1):
        new = s - min_size
        if new >= min_size:
            cand[m] = new
            kill[m] = never
            m += 1
        j = 0
        for i in range(m):  # drop candidates whose deferred pruning is due
            if kill[i] > s:
                cand[j] = cand[i]
                kill[j] = kill[i]
                j += 1
        m = j
        best = np.inf
        arg = 0
        css = cs[s]
        for i in range(m):
            t = cand[i]
            ln = s - t
            sm = css - cs[t]
            if integral:
                a = sls[int(sm + 0.5)]
            elif sm > 0.0:
                a = sm * math.log(sm)
            else:
                a = 0.0
            if poisson:
                c = -2.0 * (a - sm * logl[ln] - sm)
            else:
                tt = sm + ln * k
                c = -2.0 * (a + nkl[ln] - tt * math.log(tt))
            if mbic:
                c += logl[ln] - logn
            v = F[t] + c
            tot[i] = v
            if v < best:  # strict: the first minimum, as np.argmin
                best = v
                arg = t
        fs = best + beta
        F[s] = fs
        last[s] = arg
        thr = fs + 1e-9 * (1.0 + abs(fs))
        lim = s + min_size
        for i in range(m):
            if tot[i] > thr and kill[i] > lim:
                kill[i] = lim
    return F, last


@njit(cache=True, nogil=True)
def pelt_bounded(cs, n, k, beta, mbic, min_size, integral):  # pragma: no cover - compiled
    """`pelt_loop` that skips most segment costs by a lower bound; the same F and last (tested bit for bit).

    Splitting a segment never raises its cost, so C(t, s) >= C(t, u) + C(u, s) for t < u < s, and by induction
    C(t, s) >= C(t, u) + sum of the one-week costs c1(w) for w in u..s-1 (the mBIC term log(s - t) only grows).
    With P[s] = c1(0) + ... + c1(s-1), each candidate keeps base = (its last exactly computed value) - P[then],
    so base + P[s] bounds its value at s from below at the cost of one addition. A candidate whose bound is
    already above the best value found so far at s (by more than rounding) cannot be the first minimum and is
    not computed; on the bench panel (2,000 NB series x 156 weeks) ~11 % of the candidate costs are computed.
    Pruning uses the bound too, with a second 1e-9 margin, so it drops only candidates `pelt_loop` drops (it may
    keep some longer, and a dropped candidate is never optimal later: the order, the first minimum and every
    F[s] are the ones `pelt_loop` finds). The prune of step s is applied in step s + 1's pass over the
    candidates, which also compacts them: one pass per step instead of three.
    """
    poisson = not math.isfinite(k)
    logn = math.log(n)
    logl = np.zeros(n + 1)  # log L
    nkl = np.zeros(n + 1)  # nk log nk
    for ln in range(1, n + 1):
        logl[ln] = math.log(ln)
        if not poisson:
            nk = ln * k
            nkl[ln] = nk * math.log(nk)
    if integral:
        top = int(cs[n] + 0.5)
        sls = np.zeros(top + 1)  # S log S, 0 log 0 = 0
        for v in range(1, top + 1):
            sls[v] = v * math.log(v)
    else:
        sls = np.zeros(1)
    P = np.zeros(n + 1)  # P[s] = sum of the one-week costs of weeks 0..s-1
    for s in range(1, n + 1):
        y1 = cs[s] - cs[s - 1]
        if integral:
            a = sls[int(y1 + 0.5)]
        elif y1 > 0.0:
            a = y1 * math.log(y1)
        else:
            a = 0.0
        if poisson:
            c1 = -2.0 * (a - y1)  # log L = 0
        else:
            tt = y1 + k
            c1 = -2.0 * (a + nkl[1] - tt * math.log(tt))
        P[s] = P[s - 1] + c1
    F = np.full(n + 1, np.inf)
    F[0] = -beta
    last = np.zeros(n + 1, dtype=np.int64)
    never = np.iinfo(np.int64).max
    cand = np.zeros(n + 1, dtype=np.int64)
    kill = np.full(n + 1, never, dtype=np.int64)
    base = np.full(n + 1, -np.inf)  # -inf: not computed yet (a new candidate)
    m = 1
    cut = np.inf  # the previous step's prune threshold on base
    lim = 0  # and the step its prunes take effect
    for s in range(min_size, n + 1):
        new = s - min_size
        if new >= min_size:
            cand[m] = new
            kill[m] = never
            base[m] = -np.inf
            m += 1
        best = np.inf
        arg = 0
        skip = np.inf  # a candidate with base above this cannot beat `best`
        css = cs[s]
        ps = P[s]
        j = 0
        for i in range(m):
            ki = kill[i]
            bi = base[i]
            if bi > cut and ki > lim:  # pruned at the previous step
                ki = lim
            if ki <= s:  # its deferred prune is due
                continue
            t = cand[i]
            if bi <= skip:
                ln = s - t
                sm = css - cs[t]
                if integral:
                    a = sls[int(sm + 0.5)]
                elif sm > 0.0:
                    a = sm * math.log(sm)
                else:
                    a = 0.0
                if poisson:
                    c = -2.0 * (a - sm * logl[ln] - sm)
                else:
                    tt = sm + ln * k
                    c = -2.0 * (a + nkl[ln] - tt * math.log(tt))
                if mbic:
                    c += logl[ln] - logn
                v = F[t] + c
                bi = v - ps
                if v < best:  # strict: the first minimum, as np.argmin
                    best = v
                    arg = t
                    skip = best + 1e-9 * (1.0 + abs(best)) - ps
            cand[j] = t
            kill[j] = ki
            base[j] = bi
            j += 1
        m = j
        fs = best + beta
        F[s] = fs
        last[s] = arg
        thr = fs + 1e-9 * (1.0 + abs(fs))  # pelt_loop's prune threshold
        cut = thr + 1e-9 * (1.0 + abs(thr)) - ps
        lim = s + min_size
    return F, last


@njit(cache=True, nogil=True)
def pelt_batch(cs_all, off, ns, ks, betas, mbic, min_size, integral, lo, hi, last_all, fn):  # pragma: no cover
    """`pelt_bounded` for series lo..hi-1 of a batch: series j has cumulative sums cs_all[off[j]:off[j]+ns[j]+1];
    writes its `last` array to the same slice of last_all and its optimal cost to fn[j]. Releases the GIL, so
    two threads can run two halves of a batch on two cores."""
    for j in range(lo, hi):
        a = off[j]
        n = ns[j]
        F, last = pelt_bounded(cs_all[a : a + n + 1], n, ks[j], betas[j], mbic, min_size, integral[j])
        last_all[a : a + n + 1] = last
        fn[j] = F[n]
