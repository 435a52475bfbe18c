"""Forecast skill on held-out weeks of the shared UCDP sample: the default against the naive baselines.

Origins every 4 weeks, 8 weeks ahead, every series with an event in the 52 weeks before an origin; counts stop
at each country's coverage end (`weekly_counts(clip_to_coverage=True)`), so weeks after a source ends are
never scored as zeros. Two periods:

    --period dev       origins 2016-01-04 .. 2019-10-28 (used to choose the model; all countries)
    --period heldout   origins 2020-01-06 .. 2021-11-01 (2020-2021: only the West African extract covers them;
                       looked at once, for the final choice)

Columns: MASE = |y - mean| over the series' in-sample naive-1 MAE (156 weeks before the origin), mean over
series-weeks with a non-zero scale; MASE_med the same for the median; WIS = weighted interval score from the
median and the 80 % and 95 % intervals (Bracher et al. 2021: (|y - m| / 2 + sum_k alpha_k / 2 IS_alpha_k) / 2.5),
in events; cov80/cov95 = share inside the intervals, overall and on series with >= 1 event a week in the year
before the origin ("busy"); WIS/NB13 = WIS over the 13-week NB baseline's on the same rows. Last week, same week
last year and the 52-week mean are point forecasts (no WIS). The randomized PIT histogram (10 bins, Czado et al.
2009: u = F(y-1) + V (F(y) - F(y-1))) is printed for the default and the NB baseline; flat = calibrated.

Hierarchy: per (actor, country) and per country, the bottom-up sums of the default's series forecasts against
direct forecasts of the aggregate series (local and the 13-week NB), same metrics.

The ablation rows are the default with one ingredient removed, the candidates that were tried and not kept
(quantile-averaged ensemble; the old per-series choice `select`), each on the same rows.

    .venv/bin/python bench/forecast_heldout.py --period dev
    .venv/bin/python bench/forecast_heldout.py --period heldout
"""

from __future__ import annotations

import argparse
import logging
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from trends import aggregate, ingest, store  # noqa: E402
from trends.forecast import LocalLevel, get_model, run_forecasts  # noqa: E402
from trends.forecast.backtest import _naive1_scale  # noqa: E402
from trends.forecast.base import valid_length  # noqa: E402
from trends.forecast.baseline import HistoricalMean  # noqa: E402
from trends.forecast.hierarchy import aggregate_weekly, forecast_hierarchy  # noqa: E402
from trends.forecast.panel import panel_matrix  # noqa: E402
from trends.forecast.sparse import NEW_SERIES_WEEKS  # noqa: E402
from trends.frames import SERIES_KEY  # noqa: E402

pd.set_option("display.width", 220)
pd.set_option("display.max_columns", 30)
QUANTS = (("lo95", 0.025), ("lo80", 0.10), ("median", 0.50), ("hi80", 0.90), ("hi95", 0.975))
PERIODS = {"dev": ("2016-01-04", "2019-10-28"), "heldout": ("2020-01-06", "2021-11-01")}
#: variants of the default scored in the ablation (name -> LocalLevel keywords)
ABLATION = {
    "local - wider lower bounds (every level from one NB)": dict(level_alpha=(1.0, 1.0, 1.0, 1.0, 1.0)),
    "local - restart": dict(restart_ratio=0.0),
    "local - restart - pooling": dict(restart_ratio=0.0, pool_strength=0.0),
    "local - EWMA (quiet rule everywhere)": dict(busy_rate=np.inf),
    "local - unwidened quantiles (intervals widened to the mean)": dict(widen_to_mean=True),
    "local - quiet mix (13-week mean only)": dict(quiet_mix=(0.0, 0.0)),
    "local - dispersion floor 1": dict(quiet_alpha_min=0.0),
    "local - new-series prior (no shrinkage)": dict(new_weeks=0),
    "local, smoothing 0.2": dict(smoothing=0.2),
    "local, busy from 0.5/week": dict(busy_rate=0.5),
}
#: the default before the quiet-series changes (widened intervals, 13-week NB on quiet series, sparse for new)
PREVIOUS = dict(
    widen_to_mean=True, quiet_mix=(0.0, 0.0), quiet_alpha_min=0.0, new_weeks=0, level_alpha=(1.0, 1.0, 1.0, 1.0, 1.0)
)


def sample_weekly(path: str | None) -> pd.DataFrame:
    con = store.connect(":memory:")
    ingest.ingest_file(con, path or ingest.sample_path())
    return aggregate.weekly_counts(con, clip_to_coverage=True)


def wis(df: pd.DataFrame) -> pd.Series:
    """Weighted interval score of the median, 80 % and 95 % intervals = 2 x the mean pinball loss of the five."""
    loss = 0.0
    for col, q in QUANTS:
        d = df["y"] - df[col]
        loss = loss + np.maximum(q * d, (q - 1) * d)
    return 2.0 * loss / len(QUANTS)


def _frame(name, keys, cutoff, h, pred, y, scale, rate):
    n = len(keys)
    out = keys.loc[np.repeat(np.arange(n), h)].reset_index(drop=True)
    out["model"], out["cutoff"], out["h"] = name, cutoff, np.tile(np.arange(1, h + 1), n)
    out["y"], out["scale"], out["rate"] = y.reshape(-1), np.repeat(scale, h), np.repeat(rate, h)
    for c in ["mean", "median", "lo80", "hi80", "lo95", "hi95"]:
        out[c] = pred[c].reshape(-1) if c in pred else np.nan
    return out


def _pit(model, Y, weeks, h, y, rng) -> np.ndarray:
    """Randomized PIT of the observed counts under a batched model's predictive CDF (NaN where y is missing)."""
    state = model._fit_batch(Y, weeks)
    k = np.nan_to_num(y)
    lo, hi = model._cdf_batch(state, h, k - 1), model._cdf_batch(state, h, k)
    u = lo + rng.uniform(size=lo.shape) * (hi - lo)
    return np.where(np.isnan(y), np.nan, u)


def score_origin(weekly, cutoff, h, extra_models, rng):
    """All forecasters at one origin: long frame of scored rows, and the PIT values of auto and NB13."""
    keys, Y, weeks = panel_matrix(weekly, cutoff)
    _, own, _ = panel_matrix(weekly, cutoff, backfill=False)
    keep = np.nansum(Y[:, -52:], axis=1) > 0
    keys, Y, own = keys[keep].reset_index(drop=True), Y[keep], own[keep]
    target = pd.date_range(cutoff, periods=h, freq="W-MON")
    act = weekly[weekly["week"].isin(target)].set_index(SERIES_KEY + ["week"])["events"]
    idx = pd.MultiIndex.from_arrays(
        [np.repeat(keys[c].to_numpy(), h) for c in SERIES_KEY] + [np.tile(target, len(keys))]
    )
    y = act.reindex(idx).to_numpy(dtype=float).reshape(len(keys), h)
    if np.isnan(y).all():
        return [], {}, []
    scale = _naive1_scale(own)
    rate = np.nanmean(Y[:, -52:], axis=1)
    rows = []

    def point(v):
        v = np.repeat(np.nan_to_num(v)[:, None], h, axis=1) if v.ndim == 1 else np.nan_to_num(v)
        return {"mean": v, "median": v}

    rows.append(_frame("last week", keys, cutoff, h, point(Y[:, -1]), y, scale, rate))
    rows.append(_frame("same week last year", keys, cutoff, h, point(Y[:, -52:][:, :h]), y, scale, rate))
    rows.append(_frame("52-week mean", keys, cutoff, h, point(rate), y, scale, rate))
    nb13 = HistoricalMean(window=13)
    rows.append(
        _frame("NB around the 13-week mean", keys, cutoff, h, nb13.forecast_batch(Y, weeks, h)[0], y, scale, rate)
    )
    res = run_forecasts(weekly, ["auto"] + list(extra_models), h, cutoff, active_weeks=52)
    fc = res.forecasts
    pos = pd.Series(np.arange(len(keys)), index=pd.MultiIndex.from_frame(keys))
    for name, g in fc.groupby("requested", sort=False):
        i = pos.reindex(pd.MultiIndex.from_frame(g[SERIES_KEY])).to_numpy()
        pred = {c: np.full((len(keys), h), np.nan) for c in ["mean", "median", "lo80", "hi80", "lo95", "hi95"]}
        col = ((g["week"] - cutoff).dt.days // 7).to_numpy()
        ok = ~np.isnan(i)
        for c in pred:
            pred[c][i[ok].astype(int), col[ok]] = g[c].to_numpy()[ok]
        label = {"auto": "trends default (auto = local)", "select": "old default (select: per-series choice)"}.get(
            name, name
        )
        rows.append(_frame(label, keys, cutoff, h, pred, y, scale, rate))
    for name, kw in ABLATION.items():
        rows.append(_frame(name, keys, cutoff, h, LocalLevel(**kw).forecast_batch(Y, weeks, h)[0], y, scale, rate))
    prev = LocalLevel(**PREVIOUS).forecast_batch(Y, weeks, h)[0]
    new = valid_length(Y) < NEW_SERIES_WEEKS
    if new.any():
        sp = get_model("sparse").forecast_batch(Y[new], weeks, h)[0]
        for c in prev:
            prev[c][new] = sp[c]
    rows.append(
        _frame("previous default (widened; 13-week NB on quiet; sparse for new)", keys, cutoff, h, prev, y, scale, rate)
    )
    # quantile-averaged ensemble of the default and the fitted models (tried, not kept)
    parts = []
    for m in ("local", "nbglm", "sparse", "mean"):
        parts.append(get_model(m).forecast_batch(Y, weeks, h)[0])
    ens = {c: np.mean([np.nan_to_num(p[c]) for p in parts], axis=0) for c in parts[0]}
    rows.append(_frame("ensemble: mean quantiles of local, nbglm, sparse, mean", keys, cutoff, h, ens, y, scale, rate))
    hier = []
    for level in HIER_LEVELS:
        hier += _hierarchy_rows(weekly, fc[fc["requested"] == "auto"], level, cutoff, h)
    # PIT of the default (local; sparse for new series) and of the NB baseline
    pits = {"NB around the 13-week mean": _pit(nb13, Y, weeks, h, y, rng)}
    pits["trends default (auto = local)"] = _pit(LocalLevel(), Y, weeks, h, y, rng)
    return rows, pits, hier


#: levels of the hierarchy scored: bottom-up sums of the default against direct forecasts of the aggregate.
HIER_LEVELS = ("actor,country", "country")


def _hierarchy_rows(weekly, fc_auto, level, cutoff, h):
    """Bottom-up (sum of the series' default forecasts) vs direct forecasts of each aggregate series."""
    past = weekly[weekly["week"] < cutoff]
    agg = aggregate_weekly(weekly, level)
    keys, Y, weeks = panel_matrix(agg, cutoff, backfill=False)
    keep = np.nansum(Y[:, -52:], axis=1) > 0
    keys, Y = keys[keep].reset_index(drop=True), Y[keep]
    if not len(keys):
        return []
    target = pd.date_range(cutoff, periods=h, freq="W-MON")
    act = agg[agg["week"].isin(target)].set_index(SERIES_KEY + ["week"])["events"]
    idx = pd.MultiIndex.from_arrays(
        [np.repeat(keys[c].to_numpy(), h) for c in SERIES_KEY] + [np.tile(target, len(keys))]
    )
    y = act.reindex(idx).to_numpy(dtype=float).reshape(len(keys), h)
    scale = _naive1_scale(Y)
    rate = np.nanmean(Y[:, -52:], axis=1)
    bu = forecast_hierarchy(past, level, h, cutoff, forecasts=fc_auto)
    bu = keys.merge(bu, on=SERIES_KEY, how="left")
    pred = {
        c: bu[c].to_numpy(dtype=float).reshape(len(keys), h) for c in ["mean", "median", "lo80", "hi80", "lo95", "hi95"]
    }
    out = [_frame(f"{level}: bottom-up (default)", keys, cutoff, h, pred, y, scale, rate)]
    for name, model in ((f"{level}: direct local", LocalLevel()), (f"{level}: direct NB13", HistoricalMean(window=13))):
        out.append(_frame(name, keys, cutoff, h, model.forecast_batch(Y, weeks, h)[0], y, scale, rate))
    return out


def table(bt: pd.DataFrame, base: str = "NB around the 13-week mean") -> pd.DataFrame:
    out = []
    bt = bt.assign(wis=wis(bt), busy=bt["rate"] >= 1)
    b_wis = bt[bt["model"] == base]["wis"].mean()
    b_busy = bt[(bt["model"] == base) & bt["busy"]]["wis"].mean()
    for m, g in bt.groupby("model", sort=False):
        sc = g["scale"].where(g["scale"] > 0)
        has_q = g["lo80"].notna().all()
        inside80 = (g["y"] >= g["lo80"]) & (g["y"] <= g["hi80"])
        inside95 = (g["y"] >= g["lo95"]) & (g["y"] <= g["hi95"])
        busy = g["busy"]
        out.append(
            {
                "forecaster": m,
                "MASE": ((g["y"] - g["mean"]).abs() / sc).mean(),
                "MASE_med": ((g["y"] - g["median"]).abs() / sc).mean(),
                "WIS": g["wis"].mean() if has_q else np.nan,
                "WIS/NB13": g["wis"].mean() / b_wis if has_q else np.nan,
                "WIS busy/NB13": g.loc[busy, "wis"].mean() / b_busy if has_q else np.nan,
                "cov80": inside80.mean() if has_q else np.nan,
                "cov95": inside95.mean() if has_q else np.nan,
                "cov80 busy": inside80[busy].mean() if has_q else np.nan,
                "cov95 busy": inside95[busy].mean() if has_q else np.nan,
            }
        )
    return pd.DataFrame(out)


def pit_histogram(pits: dict[str, list[np.ndarray]], bins: int = 10) -> pd.DataFrame:
    rows = {}
    for name, parts in pits.items():
        u = np.concatenate([p.reshape(-1) for p in parts])
        u = u[~np.isnan(u)]
        rows[name] = np.histogram(u, bins=bins, range=(0, 1))[0] / len(u) * bins
    return pd.DataFrame(rows, index=[f"{i / bins:.1f}-{(i + 1) / bins:.1f}" for i in range(bins)]).T


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--period", choices=list(PERIODS), default="dev")
    ap.add_argument("--data", help="events file (default: the sample shipped in the package, same as the shared one)")
    ap.add_argument("--every", type=int, default=4, help="weeks between origins (default 4)")
    ap.add_argument("--horizon", type=int, default=8)
    ap.add_argument("--select", action="store_true", help="also score the old per-series choice (select; slower)")
    ap.add_argument("--rows", metavar="FILE", help="write every scored row (parquet) to FILE")
    a = ap.parse_args()
    logging.disable(logging.WARNING)
    t0 = time.perf_counter()
    weekly = sample_weekly(a.data)
    start, end = PERIODS[a.period]
    origins = pd.date_range(start, end, freq=f"{7 * a.every}D")
    rng = np.random.default_rng(0)
    rows, pits, hier = [], {}, []
    for o in origins:
        r, p, hr = score_origin(weekly, o, a.horizon, ["select"] if a.select else [], rng)
        rows += r
        hier += hr
        for k, v in p.items():
            pits.setdefault(k, []).append(v)
    bt = pd.concat(rows, ignore_index=True)
    bt = bt[bt["y"].notna()]
    if a.rows:
        bt.to_parquet(a.rows)
    n = bt[bt["model"] == "last week"]
    print(
        f"## {a.period}: {len(origins)} origins {origins[0]:%Y-%m-%d}..{origins[-1]:%Y-%m-%d} every {a.every} weeks, "
        f"{a.horizon} weeks ahead; {len(n)} series-origin-weeks scored, {n.groupby(SERIES_KEY).ngroups} series, "
        f"{int((n['rate'] >= 1).sum())} of them on series with >= 1 event a week; countries: "
        f"{', '.join(sorted(n['country'].unique()))} ({time.perf_counter() - t0:.0f} s)\n"
    )
    print(table(bt).round(3).to_string(index=False))
    hb = pd.concat(hier, ignore_index=True)
    hb = hb[hb["y"].notna()]
    for level in HIER_LEVELS:
        g = hb[hb["model"].str.startswith(level + ":")]
        t = table(g.assign(model=g["model"].str.replace(f"{level}: ", "")), base="direct NB13")
        print(
            f"\nHierarchy, {level} ({g[g['model'].str.endswith('bottom-up (default)')].groupby(SERIES_KEY).ngroups} "
            f"aggregates; WIS/NB13 here = over the direct 13-week NB of the aggregate):"
        )
        print(t.round(3).to_string(index=False))
    print("\nRandomized PIT histogram (density per bin; 1.0 everywhere = calibrated):")
    print(pit_histogram(pits).round(2).to_string())
    return 0


if __name__ == "__main__":
    sys.exit(main())
