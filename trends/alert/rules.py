"""The four resurgence rules, each vectorised over a wide panel (series x weeks) and a set of target weeks.

No look-ahead by construction: for a target week t every rule reads the observation `counts[:, t]` and builds
its expectation from columns < t only. Each rule returns a "hits" frame with one row per (series row, week)
where it fires: row, t, rule, level (0 watch, 1 warning, 2 alert), observed, expected, threshold, score, detail.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import stats

from .. import farrington
from ..frames import SERIES_KEY, series_blocks, series_index
from .config import ExceedanceConfig, ExpansionConfig, LevelShiftConfig, SeasonalConfig, ShiftConfig, SurgeConfig

HIT_COLS = ["row", "t", "rule", "level", "observed", "expected", "threshold", "score", "detail"]


@dataclass
class Panel:
    """Wide view of a WEEKLY frame: counts[s, t] for series row s and week weeks[t]; NaN outside a series' span."""

    keys: pd.DataFrame  # actor, country, province (row order of counts)
    weeks: pd.DatetimeIndex  # contiguous Mondays
    counts: np.ndarray  # float (n_series, n_weeks)

    @classmethod
    def from_weekly(cls, weekly: pd.DataFrame, value: str = "events") -> Panel:
        if weekly.empty:
            return cls(pd.DataFrame(columns=SERIES_KEY), pd.DatetimeIndex([]), np.zeros((0, 0)))
        wk = weekly["week"].to_numpy()
        if wk.dtype != "datetime64[ns]":
            wk = pd.to_datetime(weekly["week"]).to_numpy(dtype="datetime64[ns]")
        w0 = wk.min()
        weeks = pd.date_range(w0, wk.max(), freq="7D")
        col = (wk - w0) // np.timedelta64(1, "D") // 7  # whole days, then weeks (as .dt.days // 7)
        grp, keys = _series_rows(weekly)
        counts = np.full((len(keys), len(weeks)), np.nan)
        counts[grp, col] = weekly[value].to_numpy(dtype=float)
        return cls(keys, weeks, counts)

    def week_index(self, week) -> int:
        return int((pd.Timestamp(week) - self.weeks[0]).days // 7)


def _series_rows(weekly: pd.DataFrame) -> tuple[np.ndarray, pd.DataFrame]:
    """Per row of `weekly`, its series' row in the panel (series sorted by key), and the keys in that order.

    With a complete `series_id` (one key per id, one id per key), the keys are sorted once per series: grouping
    ~10M rows by three strings was most of the alert stage at 20k series. A frame whose series are blocks of
    rows (trends.frames.series_blocks) needs neither. Same rows and order either way."""
    blocks = series_blocks(weekly)
    if blocks is not None:
        return series_index(weekly, blocks)
    sid = weekly["series_id"] if "series_id" in weekly else None
    if sid is not None and sid.notna().all() and weekly[SERIES_KEY].notna().all().all():
        ids = sid.to_numpy(dtype=np.int64)
        first = ~weekly["series_id"].duplicated().to_numpy()
        per = weekly.loc[first, SERIES_KEY].assign(_id=ids[first])
        per = per.sort_values(SERIES_KEY, kind="stable").reset_index(drop=True)
        if not per.duplicated(SERIES_KEY).any():  # else two ids share a key: group by the key itself
            rank = pd.Series(np.arange(len(per)), index=per["_id"].to_numpy()).reindex(ids).to_numpy()
            # and every row carries its id's key (else one id has two keys: group by the key itself)
            if all((weekly[c].to_numpy() == per[c].to_numpy()[rank]).all() for c in SERIES_KEY):
                return rank, per[SERIES_KEY]
    grp = weekly.groupby(SERIES_KEY, sort=True, observed=True).ngroup().to_numpy()
    keys = (
        weekly[SERIES_KEY]
        .assign(_g=grp)
        .drop_duplicates("_g")
        .sort_values("_g")
        .drop(columns="_g")
        .reset_index(drop=True)
    )
    return grp, keys


def _hits(row, t, rule, level, observed, expected, threshold, score, detail) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "row": np.asarray(row, dtype=int),
            "t": np.asarray(t, dtype=int),
            "rule": rule,
            "level": np.asarray(level, dtype=int),
            "observed": np.asarray(observed, dtype=float),
            "expected": np.asarray(expected, dtype=float),
            "threshold": np.asarray(threshold, dtype=float),
            "score": np.asarray(score, dtype=float),
            "detail": list(detail),
        },
        columns=HIT_COLS,
    )


def _empty() -> pd.DataFrame:
    return pd.DataFrame(columns=HIT_COLS)


def _cum(counts: np.ndarray):
    """Zero-padded cumulative sums of counts (NaN as 0) and of 'has data', shape (S, T+1)."""
    return _cumsum0(np.nan_to_num(counts)), _weeks_cum(counts)


def _cumsum0(x: np.ndarray) -> np.ndarray:
    """Cumulative sums along the weeks with a zero column first (float, as the hstack with a float zero column
    gave), written in place rather than copied."""
    out = np.zeros((x.shape[0], x.shape[1] + 1))
    np.cumsum(x, 1, out=out[:, 1:])
    return out


def _weeks_cum(counts: np.ndarray) -> np.ndarray:
    """Zero-padded cumulative count of the weeks with data (`_cum`'s second part alone)."""
    return _cumsum0(np.isfinite(counts))


def _rows(panel: Panel, rows: np.ndarray) -> np.ndarray:
    """panel.counts[rows], without the copy when `rows` is every row in order (the weekly run's first pass)."""
    if len(rows) == len(panel.counts) and (rows == np.arange(len(rows))).all():
        return panel.counts
    return panel.counts[rows]


def seasonal(panel: Panel, rows: np.ndarray, targets: np.ndarray, cfg: SeasonalConfig) -> pd.DataFrame:
    """Farrington-flexible exceedance; fits only the (series, week) pairs whose count reaches `min_count`."""
    sub = panel.counts[np.ix_(rows, targets)]
    rr, tt = np.nonzero(np.nan_to_num(sub) >= max(cfg.min_count, 1))
    if len(rr) == 0:
        return _empty()
    s, t = rows[rr], targets[tt]
    # only fit problems whose baseline can have enough weeks of data
    N = _weeks_cum(panel.counts)
    hi = np.clip(t - cfg.exclude_recent + 1, 0, None)
    lo = np.clip(t - 52 * cfg.years - cfg.window, 0, None)
    enough = (N[s, hi] - N[s, lo]) >= cfg.min_baseline_weeks
    s, t = s[enough], t[enough]
    if len(s) == 0:
        return _empty()
    obs = panel.counts[s, t]
    fit = farrington.fit_batch(
        panel.counts,
        s,
        t,
        years=cfg.years,
        window=cfg.window,
        n_levels=cfg.n_levels,
        exclude_recent=cfg.exclude_recent,
        trend_p=cfg.trend_p,
        reweight_threshold=cfg.reweight_threshold,
    )
    q = np.vstack([fit.quantile(qq) for qq in cfg.quantiles])
    ok = (fit.n_baseline >= cfg.min_baseline_weeks) & (fit.n_nonzero >= cfg.min_nonzero_weeks) & (obs > q[0])
    if not ok.any():
        return _empty()
    level = (obs[None, :] > q).sum(0) - 1
    mu, thr = fit.expected, q[0]
    score = (obs - mu) / np.maximum(thr - mu, 0.5)
    pval = fit.upper_tail(obs)
    idx = np.nonzero(ok)[0]
    detail = [
        f"{obs[i]:.0f} events vs {mu[i]:.2f} expected from {fit.n_baseline[i]:.0f} baseline weeks; "
        f"{cfg.quantiles[0]:.0%} threshold {thr[i]:.0f}, P(>= observed) = {pval[i]:.1e}, "
        f"dispersion {fit.phi[i]:.1f}, trend {'kept' if fit.trend[i] else 'not significant'}"
        for i in idx
    ]
    return _hits(s[idx], t[idx], "seasonal", level[idx], obs[idx], mu[idx], thr[idx], score[idx], detail)


def surge(panel: Panel, rows: np.ndarray, targets: np.ndarray, cfg: SurgeConfig) -> pd.DataFrame:
    """ACLED-style surge bands: latest window vs trailing short and long means, floored (low-baseline guard)."""
    X = _rows(panel, rows)
    C, N = _cum(X)
    w, ks, kl = cfg.window, cfg.short_weeks, cfg.long_weeks
    t = targets[None, :]
    end, start = t + 1, t + 1 - w  # observation window [t-w+1, t]
    valid = start >= 0
    s0 = np.clip(start, 0, None)
    obs = np.take_along_axis(C, np.broadcast_to(end, (len(rows), len(targets))), 1) - np.take_along_axis(
        C, np.broadcast_to(s0, (len(rows), len(targets))), 1
    )

    def trailing(k):
        a = np.broadcast_to(np.clip(start - k, 0, None), obs.shape)
        b = np.broadcast_to(s0, obs.shape)
        tot = np.take_along_axis(C, b, 1) - np.take_along_axis(C, a, 1)
        n = np.take_along_axis(N, b, 1) - np.take_along_axis(N, a, 1)
        return tot / np.maximum(n, 1) * w, n

    m_short, n_short = trailing(ks)
    m_long, n_long = trailing(kl)
    # spread of the long window's weekly counts (for the overdispersion guard)
    C2 = _cumsum0(np.nan_to_num(X) ** 2)
    a_ = np.broadcast_to(np.clip(start - kl, 0, None), obs.shape)
    b_ = np.broadcast_to(s0, obs.shape)
    sq = (np.take_along_axis(C2, b_, 1) - np.take_along_axis(C2, a_, 1)) / np.maximum(n_long, 1)
    sd_long = np.sqrt(np.maximum(sq - (m_long / w) ** 2, 0) * w)
    expected = np.maximum(np.maximum(m_short, m_long), cfg.baseline_floor * w)
    ratio = obs / expected
    cur = np.isfinite(X[:, targets])
    fire = (
        valid
        & cur
        & (n_short >= ks)
        & (obs >= cfg.min_count)
        & (ratio >= cfg.bands[0])
        & (obs > m_long + cfg.sd_factor * sd_long)
    )
    rr, tt = np.nonzero(fire)
    if len(rr) == 0:
        return _empty()
    r = ratio[rr, tt]
    level = (r[None, :] >= np.asarray(cfg.bands)[:, None]).sum(0) - 1
    detail = [
        f"{o:.0f} events in {w} week(s) = {x:.1f}x the baseline (4-week mean {a:.2f}, 52-week mean {b:.2f}, "
        f"floor {cfg.baseline_floor * w:g}, 52-week sd {sd:.2f})"
        for o, x, a, b, sd in zip(obs[rr, tt], r, m_short[rr, tt], m_long[rr, tt], sd_long[rr, tt])
    ]
    return _hits(
        rows[rr], targets[tt], "surge", level, obs[rr, tt], expected[rr, tt], expected[rr, tt] * cfg.bands[0], r, detail
    )


def exceedance(panel: Panel, rows: np.ndarray, targets: np.ndarray, cfg: ExceedanceConfig) -> pd.DataFrame:
    """The week's count against the NB forecast from the weeks before it (see ExceedanceConfig)."""
    X = _rows(panel, rows)
    C, N = _cum(X)
    C2 = _cumsum0(np.nan_to_num(X) ** 2)
    obs = np.nan_to_num(X[:, targets])
    t = np.broadcast_to(targets[None, :], obs.shape)

    def window(k, M):
        a = np.clip(t - k, 0, None)
        return np.take_along_axis(M, t, 1) - np.take_along_axis(M, a, 1)

    n_long = window(cfg.long_weeks, N)
    cand = (obs >= cfg.min_count) & (n_long >= cfg.min_weeks) & np.isfinite(X[:, targets])
    if not cand.any():
        return _empty()
    n_short = np.maximum(window(cfg.short_weeks, N), 1)
    m_short = window(cfg.short_weeks, C) / n_short
    m_long = window(cfg.long_weeks, C) / np.maximum(n_long, 1)
    var = window(cfg.long_weeks, C2) / np.maximum(n_long, 1) - m_long**2
    mu = np.maximum(np.maximum(m_short, m_long), cfg.baseline_floor)
    with np.errstate(divide="ignore", invalid="ignore"):
        k = np.where(var > m_long, m_long**2 / (var - m_long), np.inf)
    k = np.clip(np.nan_to_num(k, nan=cfg.k_max), cfg.k_min, cfg.k_max)
    rr, tt = np.nonzero(cand)
    o, m, kk = obs[rr, tt], mu[rr, tt], k[rr, tt]
    p = stats.nbinom.sf(o - 1, kk, kk / (kk + m))
    thr_p = np.asarray(cfg.p_values)
    fire = p < thr_p[0]
    if not fire.any():
        return _empty()
    rr, tt, o, m, kk, p = rr[fire], tt[fire], o[fire], m[fire], kk[fire], p[fire]
    level = (p[None, :] < thr_p[:, None]).sum(0) - 1
    thr = stats.nbinom.isf(thr_p[0], kk, kk / (kk + m)) + 1  # smallest count that fires at watch
    detail = [
        f"{x:.0f} events vs an NB forecast of {mm:.2f} (size {k_:.1f}) from the weeks before: P(>= observed) = {pp:.1e}"
        for x, mm, k_, pp in zip(o, m, kk, p)
    ]
    return _hits(rows[rr], targets[tt], "exceedance", level, o, m, thr, -np.log10(np.maximum(p, 1e-300)), detail)


def shift(panel: Panel, rows: np.ndarray, targets: np.ndarray, cfg: ShiftConfig) -> pd.DataFrame:
    """Upward online GLR shift as of each target week (see ShiftConfig); all (series, week) pairs in one batch."""
    from ..detect.online import glr_scores

    L, B = cfg.last, cfg.baseline
    X = panel.counts[rows]
    obs = np.nan_to_num(X[:, targets])
    ok_t = targets - L + 1 - B >= 0
    rr, tt = np.nonzero((obs > 0) & ok_t[None, :] & np.isfinite(X[:, targets]))
    if len(rr) == 0:
        return _empty()
    t = targets[tt]
    w0 = t - L + 1
    win = X[rr[:, None], w0[:, None] + np.arange(L)[None, :]]
    base = X[rr[:, None], (w0 - B)[:, None] + np.arange(B)[None, :]]
    good = (np.isfinite(base).sum(1) >= cfg.min_baseline_weeks) & np.isfinite(win).all(1)
    rr, tt, win, base = rr[good], tt[good], win[good], base[good]
    if len(rr) == 0:
        return _empty()
    r = glr_scores(base, win, direction="up", min_count=cfg.min_count)
    ratio = r["mu1"] / np.maximum(r["mu0"], cfg.rate_floor)
    fire = (r["score"] > cfg.threshold) & (ratio >= cfg.factor)
    if not fire.any():
        return _empty()
    idx = np.flatnonzero(fire)
    ratio = ratio[idx]
    level = (ratio[None, :] >= cfg.factor * np.array([1, 2, 4])[:, None]).sum(0) - 1
    onset = targets[tt[idx]] - L + 1 + r["onset"][idx]
    detail = [
        f"online change point {panel.weeks[o].date()}: rate {a:.2f} -> {b:.2f}/week (x{x:.1f}), "
        f"GLR {g:.1f} > {cfg.threshold:g}, Davies p = {p:.1e}"
        for o, a, b, x, g, p in zip(onset, r["mu0"][idx], r["mu1"][idx], ratio, r["score"][idx], r["p"][idx])
    ]
    return _hits(
        rows[rr[idx]],
        targets[tt[idx]],
        "shift",
        level,
        obs[rr[idx], tt[idx]],
        r["mu0"][idx],
        np.maximum(r["mu0"][idx], cfg.rate_floor) * cfg.factor,
        r["score"][idx],
        detail,
    )


def expansion(panel: Panel, rows: np.ndarray, targets: np.ndarray, cfg: ExpansionConfig) -> pd.DataFrame:
    """First events of an actor in a province for `cfg.weeks` weeks (watch) or ever (warning)."""
    has = panel.counts > 0  # NaN (no data) is no event
    S, T = has.shape
    actor_codes = pd.factorize(panel.keys["actor"])[0]
    first_ev = np.where(has.any(1), np.argmax(has, axis=1), T)
    actor_first = pd.Series(first_ev).groupby(actor_codes).transform("min").to_numpy()
    obs = np.nan_to_num(panel.counts[np.ix_(rows, targets)])
    # the last event index before each target week (-1: none), only at the target weeks
    H = has if len(rows) == S and (rows == np.arange(S)).all() else has[rows]
    lb = np.full((len(rows), len(targets)), -1, dtype=np.int64)
    for j, tj in enumerate(targets):
        if tj > 0:
            seen = H[:, :tj]
            lb[:, j] = np.where(seen.any(1), tj - 1 - np.argmax(seen[:, ::-1], axis=1), -1)
    t = targets[None, :]
    never = lb < 0
    gap = t - lb
    fire = (obs > 0) & (never | (gap > cfg.weeks))
    fire &= (panel.keys["province"].to_numpy()[rows] != "")[:, None]
    if cfg.known_actor_only:
        fire &= actor_first[rows][:, None] < t
    rr, tt = np.nonzero(fire)
    if len(rr) == 0:
        return _empty()
    o = obs[rr, tt]
    nv = never[rr, tt]
    level = np.where(nv, 1, 0) + (o >= cfg.strong_count)
    g = gap[rr, tt]
    wk = panel.weeks
    detail = [
        f"first {x:.0f} event(s) of this actor in the province "
        + ("in the data" if n else f"since {wk[ti - gg].date()} ({gg} weeks)")
        for x, n, gg, ti in zip(o, nv, g, targets[tt])
    ]
    return _hits(
        rows[rr],
        targets[tt],
        "expansion",
        np.minimum(level, 2),
        o,
        np.zeros(len(o)),
        np.zeros(len(o)),
        np.where(nv, np.inf, g).astype(float),
        detail,
    )


def _poisson_lr_p(x1, n1, x2, n2):
    """p-value of a Poisson likelihood-ratio test of one rate vs two (x events in n weeks each)."""
    lam = (x1 + x2) / (n1 + n2)

    def ll(x, n, r):
        with np.errstate(divide="ignore", invalid="ignore"):
            return np.where(x > 0, x * np.log(np.where(r > 0, r, 1.0)), 0.0) - n * r

    lr = 2 * (ll(x1, n1, x1 / n1) + ll(x2, n2, x2 / n2) - ll(x1, n1, lam) - ll(x2, n2, lam))
    return stats.chi2.sf(np.maximum(lr, 0), 1)


def level_shift(panel: Panel, rows: np.ndarray, targets: np.ndarray, cfg: LevelShiftConfig) -> pd.DataFrame:
    """Lull-then-shift scan: for onsets b within `max_age` weeks of t, the rate over [b, t] against the
    `lull_weeks` weeks before b (a two-segment Poisson change point at b, tested by likelihood ratio)."""
    X = _rows(panel, rows)
    C, N = _cum(X)
    K = cfg.lull_weeks
    S = len(rows)
    cur = np.nan_to_num(X[:, targets])
    best_p = np.ones((S, len(targets)))
    best = {k: np.zeros((S, len(targets))) for k in ("after", "m", "lull", "ratio")}
    for m in range(1, cfg.max_age + 1):
        b = targets - m + 1
        okb = b - K >= 0
        bb = np.clip(b, 0, None)
        after = C[:, targets + 1] - C[:, bb]
        lull_tot = C[:, bb] - C[:, np.clip(b - K, 0, None)]
        lull_n = N[:, bb] - N[:, np.clip(b - K, 0, None)]
        lull_rate = lull_tot / K
        rate = after / m
        ratio = rate / np.maximum(lull_rate, cfg.rate_floor)
        ok = (
            okb[None, :]
            & (lull_n >= K)
            & (lull_rate <= cfg.lull_rate)
            & (after >= cfg.min_count)
            & (ratio >= cfg.factor)
            & (cur > 0)
        )
        p = np.ones_like(ratio)  # the LR test only where the rest holds (the chi-square tail is the costly part)
        p[ok] = _poisson_lr_p(lull_tot[ok], K, after[ok], m)
        ok &= p < cfg.p_value
        better = ok & (p < best_p)
        best_p = np.where(better, p, best_p)
        for k, v in (("after", after), ("m", np.full_like(after, m)), ("lull", lull_rate), ("ratio", ratio)):
            best[k] = np.where(better, v, best[k])
    rr, tt = np.nonzero(best_p < cfg.p_value)
    if len(rr) == 0:
        return _empty()
    ratio = best["ratio"][rr, tt]
    level = (ratio[None, :] >= cfg.factor * np.array([1, 2, 4])[:, None]).sum(0) - 1
    m = best["m"][rr, tt].astype(int)
    lull = best["lull"][rr, tt]
    onset = [panel.weeks[targets[t] - mm + 1].date() for t, mm in zip(tt, m)]
    detail = [
        f"rate {a / mm:.2f}/week since {o} ({a:.0f} events in {mm} week(s)) after a {K}-week lull at "
        f"{lu:.2f}/week: x{x:.1f}, LR p = {p:.1e}"
        for a, mm, o, lu, x, p in zip(best["after"][rr, tt], m, onset, lull, ratio, best_p[rr, tt])
    ]
    return _hits(rows[rr], targets[tt], "level_shift", level, cur[rr, tt], lull, lull * cfg.factor, ratio, detail)


def level_shift_from_breaks(
    panel: Panel, rows: np.ndarray, targets: np.ndarray, cfg: LevelShiftConfig, breaks: pd.DataFrame
) -> pd.DataFrame:
    """Level-shift rule read from a BREAKS frame (H3's detect_breaks / online_shifts): an upward break with
    rate_ratio >= factor, not older than `max_age` weeks at the target week, after a `lull_weeks` lull.

    The caller must pass breaks computed without data after the target weeks (e.g. online_shifts as of each
    week); the lull itself is checked here on the panel's past columns.
    """
    if breaks is None or breaks.empty:
        return _empty()
    b = breaks[(breaks["direction"] == "up") & (breaks["rate_ratio"] >= cfg.factor)]
    if "p_value" in b and b["p_value"].notna().any():
        b = b[b["p_value"].fillna(0) < cfg.p_value]
    keys = panel.keys.assign(row=np.arange(len(panel.keys)))
    b = b.merge(keys, on=SERIES_KEY, how="inner")
    b = b[b["row"].isin(rows)]
    if b.empty:
        return _empty()
    C, N = _cum(panel.counts)
    bi = ((pd.to_datetime(b["week"]) - panel.weeks[0]).dt.days // 7).to_numpy()
    r = b["row"].to_numpy()
    K = cfg.lull_weeks
    okb = (bi - K >= 0) & (bi < len(panel.weeks))
    bc = np.clip(bi, 0, len(panel.weeks))
    lull_rate = (C[r, bc] - C[r, np.clip(bi - K, 0, None)]) / K
    keep = okb & (lull_rate <= cfg.lull_rate)
    out = []
    tset = set(int(x) for x in targets)
    for j in np.nonzero(keep)[0]:
        for age in range(cfg.max_age):
            t = bi[j] + age
            if t in tset and np.nan_to_num(panel.counts[r[j], t]) > 0:
                ratio = float(b["rate_ratio"].iloc[j])
                lvl = int((ratio >= cfg.factor * np.array([1, 2, 4])).sum() - 1)
                out.append(
                    (
                        r[j],
                        t,
                        lvl,
                        panel.counts[r[j], t],
                        b["rate_before"].iloc[j],
                        b["rate_before"].iloc[j] * cfg.factor,
                        ratio,
                        f"{b['method'].iloc[j]} change point {panel.weeks[bi[j]].date()}: rate "
                        f"{b['rate_before'].iloc[j]:.2f} -> {b['rate_after'].iloc[j]:.2f}/week after a "
                        f"{K}-week lull at {lull_rate[j]:.2f}/week",
                    )
                )
    if not out:
        return _empty()
    cols = list(zip(*out))
    return _hits(cols[0], cols[1], "level_shift", cols[2], cols[3], cols[4], cols[5], cols[6], cols[7])
