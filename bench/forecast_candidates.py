"""Quiet-series candidates tried against the default `local` on the same rows as bench/forecast_heldout.py.

The rows of docs/forecasting.md's "tried and not kept" table: each candidate replaces the default's forecast of
the quiet series (< 1 event a week over the last 52 weeks; new series keep the default's) and is scored with
the WIS of the five integer quantiles against the 13-week NB baseline, like forecast_heldout.py. The per-origin
panel matrices are built once and every candidate is scored in the same process (about a minute for dev).

    .venv/bin/python bench/forecast_candidates.py                    # dev (2016-2019), where choices are made
    .venv/bin/python bench/forecast_candidates.py --period heldout   # only for a finalist
"""

from __future__ import annotations

import argparse
import logging
import sys
import warnings
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from forecast_heldout import PERIODS, sample_weekly  # noqa: E402

from trends.forecast.backtest import _naive1_scale  # noqa: E402
from trends.forecast.base import QUANTILES, nb_ppf, nb_quantiles, order_intervals  # noqa: E402
from trends.forecast.baseline import HistoricalMean  # noqa: E402
from trends.forecast.local import LocalLevel  # noqa: E402
from trends.forecast.panel import panel_matrix  # noqa: E402
from trends.forecast.sparse import TSB  # noqa: E402
from trends.frames import SERIES_KEY  # noqa: E402

H = 8
LEVELS = [q for _, q in QUANTILES]


def origins(weekly: pd.DataFrame, period: str) -> list[dict]:
    """Per origin: keys, the panel matrix (as auto sees it), the observed counts and the MASE scale."""
    out = []
    for cutoff in pd.date_range(*PERIODS[period], freq="28D"):
        keys, Y, weeks = panel_matrix(weekly, cutoff)
        _, own, _ = panel_matrix(weekly, cutoff, backfill=False)
        keep = np.nansum(Y[:, -52:], axis=1) > 0
        keys, Y, own = keys[keep].reset_index(drop=True), Y[keep], own[keep]
        target = pd.date_range(cutoff, periods=H, freq="W-MON")
        act = weekly[weekly["week"].isin(target)].set_index(SERIES_KEY + ["week"])["events"]
        idx = pd.MultiIndex.from_arrays(
            [np.repeat(keys[c].to_numpy(), H) for c in SERIES_KEY] + [np.tile(target, len(keys))]
        )
        y = act.reindex(idx).to_numpy(dtype=float).reshape(len(keys), H)
        if not np.isnan(y).all():
            out.append({"keys": keys, "Y": Y, "weeks": weeks, "y": y, "scale": _naive1_scale(own)})
    return out


def wis(p: dict, y: np.ndarray) -> np.ndarray:
    return 2.0 * sum(np.maximum(q * (y - p[c]), (q - 1) * (y - p[c])) for c, q in QUANTILES) / len(QUANTILES)


def own_quantiles(p: dict) -> dict:
    return order_intervals(p, widen_to_mean=False)


def nb(mean: np.ndarray, alpha: np.ndarray) -> dict:
    M, A = np.repeat(mean[:, None], H, axis=1), np.repeat(alpha[:, None], H, axis=1)
    return own_quantiles(nb_quantiles(M, A) | {"mean": M})


def regime(Y: np.ndarray, onset: np.ndarray) -> np.ndarray:
    """The weeks of the current regime (before the restart onset: NaN), last 156."""
    Yr = Y[:, -156:].copy()
    Yr[np.arange(Yr.shape[1])[None, :] < onset[:, None]] = np.nan
    return Yr


# ---- candidates: f(o, state) -> prediction dict for every row (only the quiet rows are used)


def eb_rate(hl: float, k: float, extra: float, k_long: float = 20.0):
    """Gamma-Poisson: exponentially weighted sums (half-life hl) + k pseudo-weeks at the series' 156-week mean,
    itself shrunk toward the panel's rate with k_long pseudo-weeks; NB dispersion 1 / shape + extra."""

    def f(o, st):
        Y = o["Y"][:, -156:]
        w = 0.5 ** (np.arange(Y.shape[1])[::-1] / hl)
        ok = ~np.isnan(Y)
        s_w, n_w = (np.where(ok, Y, 0) * w).sum(1), (ok * w).sum(1)
        s_l, n_l = np.nansum(Y, 1), ok.sum(1)
        m0 = (s_l + k_long * s_l.sum() / n_l.sum()) / (n_l + k_long)
        shape = s_w + k * m0
        return nb(shape / (n_w + k), 1 / np.maximum(shape, 1e-9) + extra)

    return f


def silent_rate(z0: float, a0: float):
    """The default, but a silent quarter forecasts z0 x the 52-week mean with NB dispersion a0 (not 0)."""

    def f(o, st):
        m52 = np.nan_to_num(np.nanmean(o["Y"][:, -52:], axis=1))
        silent = st["mean"] == 0
        return nb(np.where(silent, z0 * m52, st["mean"]), np.where(silent, a0, st["alpha"]))

    return f


def group_trend(level: str, power: float):
    """The default's quiet mean x ((4-week + 0.5) / (52-week rate + 0.5) of the series' group) ^ power."""

    def f(o, st):
        k, Y = o["keys"], o["Y"]
        g = (k["actor"] + "|" + k["country"]).to_numpy() if level == "actor,country" else k["country"].to_numpy()
        s4 = pd.Series(np.nansum(Y[:, -4:], 1)).groupby(g).transform("sum").to_numpy()
        s52 = pd.Series(np.nansum(Y[:, -52:], 1)).groupby(g).transform("sum").to_numpy()
        return nb(st["mean"] * ((s4 / 4 + 0.5) / (s52 / 52 + 0.5)) ** power, st["alpha"])

    return f


def hurdle(w13: float):
    """P(active week) = w13 x the 13-week share + (1 - w13) x the 52-week share (0 after a silent quarter);
    size of an active week 1 + NB(mean size - 1, moment dispersion of the active weeks' sizes)."""

    def f(o, st):
        Y = o["Y"]
        act = ~np.isnan(Y) & (Y > 0)
        f13 = act[:, -13:].sum(1) / 13
        f52 = act[:, -52:].sum(1) / np.maximum((~np.isnan(Y[:, -52:])).sum(1), 1)
        pa = np.where(f13 > 0, w13 * f13 + (1 - w13) * f52, 0.0)
        sizes = np.where(act[:, -52:], Y[:, -52:], np.nan)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)
            z = np.nan_to_num(np.nanmean(sizes, 1), nan=1.0)
            vz = np.nan_to_num(np.nanvar(sizes, 1, ddof=1))
        ex = np.maximum(z - 1, 1e-6)
        a = np.clip((vz - ex) / ex**2, 1e-3, 10)
        P, EX, A = (np.repeat(v[:, None], H, axis=1) for v in (pa, ex, a))
        lv = [np.clip((q - (1 - P)) / np.maximum(P, 1e-12), 1e-9, 1 - 1e-9) for q in LEVELS]
        out = {"mean": P * (1 + EX)}
        for (c, q), v in zip(QUANTILES, nb_ppf(lv, 1 / A, EX)):
            out[c] = np.where(q <= 1 - P, 0.0, 1.0 + v)
        return own_quantiles(out)

    return f


def tsb(o, st):
    m = TSB()
    return own_quantiles(m._predict_batch(m._fit_batch(o["Y"], o["weeks"]), H))


def empirical(n_inner: int = 26, nmin: int = 200):
    """Quantiles of what happened to quiet series with the same 4/13/52-week counts (binned) at `n_inner`
    inner origins 4 weeks apart before the origin (targets observed before it), backing off to coarser bins."""
    e13 = np.array([-1, 0, 1, 2, 4, 8, 13, 20, 40, 1e9])
    e52 = np.array([0, 1, 2, 4, 8, 16, 32, 52, 100, 1e9])
    e4 = np.array([-1, 0, 1, 3, 1e9])

    def bins(X):
        s4, s13, s52 = (np.nansum(X[:, -w:], 1) for w in (4, 13, 52))
        b13 = np.searchsorted(e13, s13)
        b2 = b13 * 20 + np.searchsorted(e52, s52)
        return [b13, b2, b2 * 10 + np.searchsorted(e4, s4)]

    def f(o, st):
        Y, S = o["Y"], len(o["Y"])
        ids, outs = [], []
        for j in range(n_inner):
            t = Y.shape[1] - H - 4 * j
            if t < 60:
                break
            s52 = np.nansum(Y[:, t - 52 : t], 1)
            sel = (s52 > 0) & (s52 < 52) & ~np.isnan(Y[:, t - 52])
            ids.append([b[sel] for b in bins(Y[:, :t])])
            outs.append(Y[sel, t : t + H].reshape(-1, H))
        res = nb(st["mean"], st["alpha"])
        if not outs:
            return res
        yo = np.concatenate(outs)
        lab = [np.concatenate([i[k] for i in ids]) for k in range(3)]
        cur, done = bins(Y), np.zeros(S, bool)
        for lev in (2, 1, 0):
            for b in np.unique(cur[lev][~done]):
                vals = yo[lab[lev] == b].reshape(-1)
                vals = vals[~np.isnan(vals)]
                if vals.size < nmin:
                    continue
                rows = (cur[lev] == b) & ~done
                for (c, _), v in zip(QUANTILES, np.quantile(vals, LEVELS, method="inverted_cdf")):
                    res[c][rows] = v
                res["mean"][rows] = vals.mean()
                done |= rows
        return own_quantiles(res)

    return f


CANDIDATES = {
    "gamma-Poisson rate, half-life 8, 2 pseudo-weeks, dispersion + 1.5": eb_rate(8, 2, 1.5),
    "gamma-Poisson rate, half-life 4, 2 pseudo-weeks, dispersion + 0.5": eb_rate(4, 2, 0.5),
    "gamma-Poisson rate, half-life 13, 8 pseudo-weeks, dispersion + 0.5": eb_rate(13, 8, 0.5),
    "silent quarter: 0.25 x 52-week mean, dispersion 10": silent_rate(0.25, 10.0),
    "silent quarter: 0.5 x 52-week mean, dispersion 5": silent_rate(0.5, 5.0),
    "x actor-country trend ^ 0.25": group_trend("actor,country", 0.25),
    "x country trend ^ 0.25": group_trend("country", 0.25),
    "hurdle, active share 0.5 x 13-week + 0.5 x 52-week": hurdle(0.5),
    "TSB (the sparse model)": tsb,
    "empirical quantiles of binned inner outcomes": empirical(),
}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--period", choices=list(PERIODS), default="dev")
    a = ap.parse_args()
    logging.disable(logging.WARNING)
    warnings.simplefilter("ignore", RuntimeWarning)
    data = origins(sample_weekly(None), a.period)
    scores: dict[str, list] = {"NB around the 13-week mean": [], "default (local)": [], **{c: [] for c in CANDIDATES}}
    for o in data:
        Y, y = o["Y"], o["y"]
        model = LocalLevel()
        st = model._fit_batch(Y, o["weeks"])
        quiet = ~st["busy"] & ~st["new"]
        default = model._forecast(st, H)
        preds = {"NB around the 13-week mean": HistoricalMean(13).forecast_batch(Y, o["weeks"], H)[0]}
        preds["default (local)"] = default
        for name, f in CANDIDATES.items():
            p = f(o, st)
            preds[name] = {c: np.where(quiet[:, None], p[c], default[c]) for c in ["mean", *[c for c, _ in QUANTILES]]}
        ok = ~np.isnan(y)
        busy = np.repeat((np.nanmean(Y[:, -52:], 1) >= 1)[:, None], H, axis=1)
        sc = np.repeat(o["scale"][:, None], H, axis=1)
        for name, p in preds.items():
            scores[name].append(
                pd.DataFrame({"wis": wis(p, y)[ok], "ae": np.abs(y - p["mean"])[ok], "scale": sc[ok], "busy": busy[ok]})
            )
    base = pd.concat(scores["NB around the 13-week mean"])
    rows = []
    for name, parts in scores.items():
        d = pd.concat(parts)
        q = ~d["busy"].to_numpy()
        rows.append(
            {
                "forecaster": name,
                "MASE": (d["ae"] / d["scale"].where(d["scale"] > 0)).mean(),
                "WIS/NB13": d["wis"].mean() / base["wis"].mean(),
                "quiet WIS/NB13": d["wis"].to_numpy()[q].mean() / base["wis"].to_numpy()[q].mean(),
            }
        )
    print(f"## {a.period}: {len(data)} origins, {len(base)} series-weeks")
    print(pd.DataFrame(rows).round(3).to_string(index=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
