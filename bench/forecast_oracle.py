"""How much could any forecaster gain? Oracle bounds on the rows of bench/forecast_heldout.py.

Each oracle knows something about the 8 weeks it forecasts that no forecaster can know at the origin, and
keeps the rest of the default (`local`): NB quantiles with the default's dispersion of that series and origin,
the default's wider lower tail (`level_alpha`), the NB's own quantiles (not widened to the mean). Scored like
bench/forecast_heldout.py (same origins every 4 weeks, 8 weeks ahead, same series and weeks; WIS from the
median and the 80 % / 95 % intervals; MASE over the in-sample naive-1 MAE), as WIS over the 13-week NB's:

    (a) level = the realised mean of the 8 forecast weeks of that series and origin (a perfect level);
    (b) level = the realised mean of weeks 1-4 for h = 1-4 and of weeks 5-8 for h = 5-8;
    (c) level = one constant per series, the realised mean of all its scored weeks in the period (the best
        constant in hindsight, same for every origin);
    (d) level = the realised mean of the other 7 forecast weeks (leave-one-out: the future regime without the
        scored week's own noise, which the realised mean of (a) contains; the honest form of the bound);
    (e) the default's level updated with (d): (7 x (d) + k x the default's mean) / (7 + k), k = 4, 8, 13, 26
        pseudo-weeks (the posterior of a rate known from the past, then told the other 7 future weeks);
    (a') (a) with the dispersion x 0.5 and x 0 (Poisson around the perfect level), and with the realised
        dispersion of the 8 weeks (moment estimate; the NB that fits the 8 weeks best by moments).

`--decay D[,D...]` adds a candidate that sees only the past (not an oracle): the default with the busy
series' level decaying toward their 156-week (`--decay-window`) mean with the horizon, mean_h = D^h x level +
(1 - D^h) x long-run mean (chosen on dev: D = 0.99).

If even (a) is only a few % below the NB13, no model of the level can meet a target 10 % below it.

    .venv/bin/python bench/forecast_oracle.py --period dev       # 50 origins 2016-2019 (~1 min)
    .venv/bin/python bench/forecast_oracle.py --period heldout   # 24 origins 2020-2021
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

from forecast_candidates import H, origins, wis  # noqa: E402
from forecast_heldout import PERIODS, sample_weekly  # noqa: E402

from trends.forecast.base import order_intervals  # noqa: E402
from trends.forecast.baseline import HistoricalMean, _moment_alpha  # noqa: E402
from trends.forecast.local import LocalLevel, level_quantiles  # noqa: E402
from trends.frames import SERIES_KEY  # noqa: E402

#: pseudo-weeks of the default's level in the (e) oracles
POST_K = (4, 8, 13, 26)


def nb_at(mean: np.ndarray, alpha: np.ndarray, multipliers: tuple[float, ...]) -> dict:
    """NB quantiles around an (S, H) mean with per-series dispersion `alpha` (S,), the default's tail shape."""
    A = np.repeat(np.asarray(alpha, dtype=float)[:, None], mean.shape[1], axis=1)
    out = level_quantiles(mean, A, multipliers)
    out["mean"] = mean
    return order_intervals(out, widen_to_mean=False)


def realised_means(y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(a) the mean of the observed target weeks; (b) the means of weeks 1-4 and 5-8, each over its block."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        m8 = np.nan_to_num(np.nanmean(y, axis=1))
        b1, b2 = np.nanmean(y[:, :4], axis=1), np.nanmean(y[:, 4:], axis=1)
    b1, b2 = np.where(np.isnan(b1), m8, b1), np.where(np.isnan(b2), m8, b2)
    a = np.repeat(m8[:, None], y.shape[1], axis=1)
    b = np.concatenate([np.repeat(b1[:, None], 4, axis=1), np.repeat(b2[:, None], y.shape[1] - 4, axis=1)], axis=1)
    return a, b


def leave_one_out(y: np.ndarray) -> np.ndarray:
    """(d) for each target week, the mean of the series' other observed target weeks (its own week left out)."""
    ok = ~np.isnan(y)
    s, n = np.nansum(y, axis=1, keepdims=True), ok.sum(axis=1, keepdims=True)
    own, k = np.nan_to_num(y), n - ok
    return np.where(k > 0, (s - np.where(ok, own, 0.0)) / np.maximum(k, 1), 0.0)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--period", choices=list(PERIODS), default="dev", help="dev (2016-2019) or heldout (2020-2021)")
    ap.add_argument("--decay", default="", help="busy-level decay factors per week of horizon, e.g. 0.99,0.95")
    ap.add_argument("--decay-window", type=int, default=156, help="weeks of the long-run mean (default 156)")
    a = ap.parse_args()
    decays = [float(x) for x in a.decay.split(",") if x]
    logging.disable(logging.WARNING)
    warnings.simplefilter("ignore", RuntimeWarning)
    data = origins(sample_weekly(None), a.period)
    model = LocalLevel()
    mult = model.level_alpha
    # (c) needs every scored week of the period first: the realised mean per series over all origins
    tot: dict[tuple, list[float]] = {}
    for o in data:
        for key, row in zip(o["keys"][SERIES_KEY].itertuples(index=False, name=None), o["y"]):
            v = row[~np.isnan(row)]
            t = tot.setdefault(key, [0.0, 0.0])
            t[0], t[1] = t[0] + v.sum(), t[1] + v.size
    const = {k: s / n if n else 0.0 for k, (s, n) in tot.items()}
    names = [
        "NB around the 13-week mean",
        "default (local)",
        "(a) oracle: realised 8-week mean, default dispersion",
        "(b) oracle: realised means of weeks 1-4 / 5-8, default dispersion",
        "(c) oracle: best constant per series over the period, default dispersion",
        "(d) oracle: realised mean of the other 7 forecast weeks, default dispersion",
        *[f"(e) oracle: default level + the other 7 forecast weeks, k = {k}" for k in POST_K],
        "(a') realised 8-week mean, default dispersion x 0.5",
        "(a') realised 8-week mean, Poisson (dispersion 0)",
        "(a') realised 8-week mean, realised dispersion of the 8 weeks",
        "(a') realised 8-week mean, realised dispersion, plain NB (no wider lower tail)",
    ]
    cand = [f"candidate: busy level decays to the {a.decay_window}-week mean, {d}^h" for d in decays]
    scores: dict[str, list[pd.DataFrame]] = {n: [] for n in names + cand}
    for o in data:
        Y, y = o["Y"], o["y"]
        st = model._fit_batch(Y, o["weeks"])
        alpha = st["alpha"]
        ma, mb = realised_means(y)
        mc = np.repeat(
            np.array([const[k] for k in o["keys"][SERIES_KEY].itertuples(index=False, name=None)])[:, None], H, axis=1
        )
        _, a8 = _moment_alpha(y)
        loo = leave_one_out(y)
        n7 = (~np.isnan(y)).sum(axis=1, keepdims=True) - (~np.isnan(y))
        dm = np.repeat(st["mean"][:, None], H, axis=1)
        preds = {
            names[0]: HistoricalMean(13).forecast_batch(Y, o["weeks"], H)[0],
            names[1]: model._forecast(st, H),
            names[2]: nb_at(ma, alpha, mult),
            names[3]: nb_at(mb, alpha, mult),
            names[4]: nb_at(mc, alpha, mult),
            names[5]: nb_at(loo, alpha, mult),
            **{
                names[6 + j]: nb_at((n7 * loo + k * dm) / np.maximum(n7 + k, 1e-9), alpha, mult)
                for j, k in enumerate(POST_K)
            },
            names[-4]: nb_at(ma, 0.5 * alpha, mult),
            names[-3]: nb_at(ma, np.zeros_like(alpha), mult),
            names[-2]: nb_at(ma, a8, mult),
            names[-1]: nb_at(ma, a8, (1.0,) * len(mult)),
        }
        long = np.nan_to_num(np.nanmean(Y[:, -a.decay_window :], axis=1))[:, None]
        hh = np.arange(1, H + 1)[None, :]
        for d, name in zip(decays, cand):
            lev = np.where(st["busy"][:, None], d**hh * st["mean"][:, None] + (1 - d**hh) * long, st["mean"][:, None])
            preds[name] = nb_at(lev, alpha, mult)
        ok = ~np.isnan(y)
        busy = np.repeat((np.nanmean(Y[:, -52:], 1) >= 1)[:, None], H, axis=1)
        sc = np.repeat(o["scale"][:, None], H, axis=1)
        for name, p in preds.items():
            inside = (y >= p["lo80"]) & (y <= p["hi80"])
            scores[name].append(
                pd.DataFrame(
                    {
                        "wis": wis(p, y)[ok],
                        "ae": np.abs(y - p["mean"])[ok],
                        "scale": sc[ok],
                        "busy": busy[ok],
                        "in80": inside[ok],
                    }
                )
            )
    base = pd.concat(scores[names[0]])
    bq, bb = ~base["busy"].to_numpy(), base["busy"].to_numpy()
    rows = []
    for name, parts in scores.items():
        d = pd.concat(parts)
        w, busy = d["wis"].to_numpy(), d["busy"].to_numpy()
        rows.append(
            {
                "forecaster": name,
                "MASE": (d["ae"] / d["scale"].where(d["scale"] > 0)).mean(),
                "WIS": w.mean(),
                "WIS/NB13": w.mean() / base["wis"].mean(),
                "busy WIS/NB13": w[busy].mean() / base["wis"].to_numpy()[bb].mean(),
                "quiet WIS/NB13": w[~busy].mean() / base["wis"].to_numpy()[bq].mean(),
                "cov80": d["in80"].mean(),
                "cov80 busy": d["in80"][busy].mean(),
            }
        )
    print(
        f"## {a.period}: {len(data)} origins, {len(base)} series-origin-weeks, {int(bb.sum())} on busy series "
        f"(>= 1 event a week in the year before the origin)"
    )
    print(pd.DataFrame(rows).round(3).to_string(index=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
