"""Structurally different candidates against the default `local`, on the rows of bench/forecast_heldout.py.

- a global model pooled across every series (`trends.forecast.pooled.GlobalPooled`: Poisson LightGBM or a
  Poisson GLM on lag / rolling features of the series, its country, its actor and its (actor, country), the
  horizon as a feature, one model per origin trained on every series up to it, NB intervals with a dispersion
  per predicted-mean bin from out-of-sample residuals);
- the default with its quantile levels recalibrated per horizon group and branch (busy / quiet / new) from an
  inner rolling-origin backtest (`trends.forecast.recalibrate`: the randomized PIT of the inner forecasts maps
  each nominal level to the level that had that coverage);
- the global LightGBM boosted from the default (its log mean as the offset: the trees learn pooled corrections).

`--hierarchy` scores reconciliation instead: bottom-up (the default) against WLS and MinT with a shrunk
covariance (Schaefer-Strimmer, as hierarchicalforecast's mint_shrink) of the one-step errors of the direct
`local` forecasts of every node (country > (actor, country) > series) over the 52 weeks before the origin.

Same origins (every 4 weeks, 8 weeks ahead), same rows (series with an event in the 52 weeks before the origin,
counts clipped at each country's coverage end) and same metrics as forecast_heldout.py. Choose on dev only.

    .venv/bin/python bench/forecast_global.py --period dev                 # ~20 min on 2 busy cores (LightGBM)
    .venv/bin/python bench/forecast_global.py --period heldout             # once, for the finalists
    .venv/bin/python bench/forecast_global.py --period dev --only local,recal   # a subset
    .venv/bin/python bench/forecast_global.py --period dev --hierarchy          # reconciliation
"""

from __future__ import annotations

import argparse
import logging
import sys
import time
import warnings
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from forecast_candidates import H, origins, wis  # noqa: E402
from forecast_heldout import PERIODS, sample_weekly  # noqa: E402

from trends.forecast.base import nb_quantiles, order_intervals  # noqa: E402
from trends.forecast.baseline import HistoricalMean  # noqa: E402
from trends.forecast.local import LocalLevel  # noqa: E402
from trends.forecast.pooled import GlobalPooled  # noqa: E402
from trends.forecast.recalibrate import Recalibrated  # noqa: E402


def _local(o):
    return LocalLevel().forecast_batch(o["Y"], o["weeks"], H)[0]


def _nb13(o):
    return HistoricalMean(window=13).forecast_batch(o["Y"], o["weeks"], H)[0]


def _global(**kw):
    def f(o):
        return GlobalPooled(**kw).forecast_keys(o["keys"], o["Y"], o["weeks"], H)

    return f


def _recal(**kw):
    def f(o):
        return Recalibrated(LocalLevel(), **kw).forecast_batch(o["Y"], o["weeks"], H)[0]

    return f


CANDIDATES = {
    "NB around the 13-week mean": _nb13,
    "default (local)": _local,
    "global LightGBM (Poisson), NB by mean bin": _global(),
    "global Poisson GLM, NB by mean bin": _global(engine="glm"),
    "local, levels recalibrated (inner PIT)": _recal(),
    "LightGBM boosted from local (offset), NB by mean bin": _global(offset=True),
    "LightGBM boosted from local (offset), local's dispersion": _global(offset=True, local_alpha=True),
    "LightGBM boosted from local (offset), 50 trees": _global(offset=True, n_estimators=50),
}


def score(preds: dict, o: dict) -> pd.DataFrame:
    y = o["y"]
    ok = ~np.isnan(y)
    busy = np.repeat((np.nanmean(o["Y"][:, -52:], 1) >= 1)[:, None], H, axis=1)
    sc = np.repeat(o["scale"][:, None], H, axis=1)
    in80 = (y >= preds["lo80"]) & (y <= preds["hi80"])
    in95 = (y >= preds["lo95"]) & (y <= preds["hi95"])
    return pd.DataFrame(
        {
            "wis": wis(preds, y)[ok],
            "ae": np.abs(y - preds["mean"])[ok],
            "scale": sc[ok],
            "busy": busy[ok],
            "in80": in80[ok],
            "in95": in95[ok],
        }
    )


def table(scores: dict[str, pd.DataFrame], base: str = "NB around the 13-week mean") -> pd.DataFrame:
    b = scores[base]
    rows = []
    for name, d in scores.items():
        bz = d["busy"].to_numpy()
        rows.append(
            {
                "forecaster": name,
                "MASE": (d["ae"] / d["scale"].where(d["scale"] > 0)).mean(),
                "WIS/NB13": d["wis"].mean() / b["wis"].mean(),
                "busy WIS/NB13": d["wis"][bz].mean() / b["wis"][bz].mean(),
                "quiet WIS/NB13": d["wis"][~bz].mean() / b["wis"][~bz].mean(),
                "cov80": d["in80"].mean(),
                "cov95": d["in95"].mean(),
                "cov80 busy": d["in80"][bz].mean(),
                "cov95 busy": d["in95"][bz].mean(),
                "s/origin": d.attrs.get("seconds", np.nan),
            }
        )
    return pd.DataFrame(rows)


def score_candidates(cands: dict, data: list) -> dict[str, pd.DataFrame]:
    """Each candidate's scored rows over every origin of `data`, with its mean seconds per origin in attrs."""
    parts: dict[str, list] = {k: [] for k in cands}
    secs = dict.fromkeys(cands, 0.0)
    for o in data:
        for name, f in cands.items():
            t = time.perf_counter()
            p = f(o)
            secs[name] += time.perf_counter() - t
            parts[name].append(score(p, o))
    scores = {}
    for k, v in parts.items():
        scores[k] = pd.concat(v, ignore_index=True)
        scores[k].attrs["seconds"] = secs[k] / len(data)
    return scores


def print_scores(period: str, data: list, scores: dict[str, pd.DataFrame], seconds: float) -> None:
    """The table of every candidate's scores under a header naming the period, origins and series-weeks."""
    n = scores["NB around the 13-week mean"]
    print(f"## {period}: {len(data)} origins, {len(n)} series-weeks ({int(n['busy'].sum())} busy), {seconds:.0f} s\n")
    print(table(scores).round(3).to_string(index=False))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--period", choices=list(PERIODS), default="dev")
    ap.add_argument("--hierarchy", action="store_true", help="score bottom-up vs WLS vs MinT reconciliation instead")
    ap.add_argument("--only", help="comma-separated substrings of the candidates to run (the NB13 always runs)")
    a = ap.parse_args()
    logging.disable(logging.WARNING)
    warnings.simplefilter("ignore", RuntimeWarning)
    t0 = time.perf_counter()
    data = origins(sample_weekly(None), a.period)
    if a.hierarchy:
        d = pd.concat([x for o in data for x in hierarchy_scores(o)])
        t = d.groupby(["level", "method"], sort=False)["wis"].mean().unstack("level")
        print(f"## {a.period}: {len(data)} origins; WIS per level over bottom-up's (country > actor,country > series)")
        print((t / t.loc["bottom-up"]).round(3).to_string())
        return 0
    cands = {
        k: f
        for k, f in CANDIDATES.items()
        if k.startswith("NB around") or not a.only or any(s in k for s in a.only.split(","))
    }
    scores = score_candidates(cands, data)
    print_scores(a.period, data, scores, time.perf_counter() - t0)
    return 0


if __name__ == "__main__":
    sys.exit(main())


# ---- reconciliation (--hierarchy): bottom-up vs MinT on country > (actor, country) > series


def _summing(keys: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """Summing matrix S (nodes x series) for country > (actor, country) > series, and each node's level."""
    c = pd.factorize(keys["country"])[0]
    ac = pd.factorize(keys["actor"] + "\x1f" + keys["country"])[0]
    nb = len(keys)
    S = np.concatenate([np.eye(c.max() + 1)[c].T, np.eye(ac.max() + 1)[ac].T, np.eye(nb)])
    level = np.repeat([0, 1, 2], [c.max() + 1, ac.max() + 1, nb])
    return S, level


def _aggregate(S: np.ndarray, Y: np.ndarray) -> np.ndarray:
    out = S @ np.nan_to_num(Y)
    return np.where(S @ (~np.isnan(Y)).astype(float) > 0, out, np.nan)


def shrunk_covariance(E: np.ndarray, floor: float = 1e-2) -> np.ndarray:
    """Schäfer-Strimmer shrinkage of the (mean-zero) error covariance toward its diagonal (as MinT-shrink)."""
    T = len(E)
    cov = E.T @ E / T
    d = np.maximum(np.diag(cov), floor)
    sd = np.sqrt(d)
    Xs = E / sd
    R = Xs.T @ Xs / T
    W = Xs[:, :, None] * Xs[:, None, :]
    off = ~np.eye(E.shape[1], dtype=bool)
    v = (T / (T - 1) ** 3) * ((W - W.mean(0)) ** 2).sum(0)
    lam = float(np.clip(v[off].sum() / max((R[off] ** 2).sum(), 1e-12), 0.0, 1.0))
    shrunk_covariance.last_lambda = lam
    out = (1 - lam) * cov
    out[np.diag_indices_from(out)] = d
    return out


def reconcile(S: np.ndarray, base: np.ndarray, W: np.ndarray) -> np.ndarray:
    """MinT / WLS: bottom = (S' W^-1 S)^-1 S' W^-1 base, clipped at 0; every node = S bottom."""
    Wi = np.linalg.pinv(W)
    P = np.linalg.solve(S.T @ Wi @ S, S.T @ Wi)
    return S @ np.clip(P @ base, 0.0, None)


def hierarchy_scores(o: dict, inner: int = 52) -> list[pd.DataFrame]:
    S, level = _summing(o["keys"])
    Ya, ya = _aggregate(S, o["Y"]), _aggregate(S, o["y"])
    n = Ya.shape[1]
    model = LocalLevel()
    st = model._fit_batch(Ya, o["weeks"])
    mean, alpha = model._dist(st, H)
    # one-step errors of the base forecasts at the last `inner` weeks (for W)
    E = []
    for t in range(n - inner, n):
        s = model._fit_batch(Ya[:, :t], o["weeks"][:t])
        E.append(np.nan_to_num(Ya[:, t] - s["mean"]))
    E = np.array(E)
    W = shrunk_covariance(E)
    nb_ = (level == 2).sum()
    fc = {
        "base (direct local per node)": mean,
        "bottom-up": S @ mean[-nb_:],
        "WLS (variance of the errors)": reconcile(S, mean, np.diag(np.diag(W))),
        "MinT (shrunk covariance)": reconcile(S, mean, W),
    }
    out = []
    for name, m in fc.items():
        p = nb_quantiles(np.maximum(m, 1e-9), alpha)
        p["mean"] = m
        p = order_intervals(p, widen_to_mean=False)
        for lv, lname in enumerate(("country", "actor,country", "series")):
            r = level == lv
            ok = ~np.isnan(ya[r])
            out.append(
                pd.DataFrame({"method": name, "level": lname, "wis": wis({k: v[r] for k, v in p.items()}, ya[r])[ok]})
            )
    return out
