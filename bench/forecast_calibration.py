"""Interval width, ensembles and restarts of the default `local`, on the rows of bench/forecast_heldout.py.

Three families of candidates (issue 11, last round), each against the default and the 13-week NB baseline:

- narrower busy-series intervals: the NB dispersion of the busy series from the one-step errors of a shorter,
  recent window (26 / 52 weeks instead of 104), a robust (median-based) dispersion, a fixed scale on it, and
  the quantile levels recalibrated by count level (cells = bins of the forecast mean) from an inner
  rolling-origin backtest instead of by horizon;
- quantile averages (Vincentization: the mean of the reported quantiles and of the means) of `local` with the
  13-week NB baseline, with other fitted models and with the global pooled Poisson GLM
  (`trends.forecast.pooled`, fitted once per origin and shared by its rows: ~10 s an origin, so the `pooled`
  rows take ~10 min on dev; its time is counted in the first of them), at several weights;
- the restart of the level after a detected change point in both directions (the default restarts after falls
  only), at other rate ratios, or only on busy series.

Same origins (every 4 weeks, 8 weeks ahead), rows, metrics and table as bench/forecast_global.py (WIS of the
five reported quantiles over the NB13's on the same rows; MASE; 80 % / 95 % coverage, all and on series with
>= 1 event a week). Choose on dev only; the held-out years are scored once, for the finalists.

    .venv/bin/python bench/forecast_calibration.py --period dev                  # every row (~15 min)
    .venv/bin/python bench/forecast_calibration.py --period dev --only disp,ens  # a subset (substrings)
    .venv/bin/python bench/forecast_calibration.py --period heldout --only final # once, the finalists
"""

from __future__ import annotations

import argparse
import logging
import pickle
import sys
import time
import warnings
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from forecast_candidates import H, origins  # noqa: E402
from forecast_global import print_scores, score_candidates  # noqa: E402
from forecast_heldout import PERIODS, sample_weekly  # noqa: E402

from trends.forecast import get_model  # noqa: E402
from trends.forecast.base import QUANTILES, order_intervals  # noqa: E402
from trends.forecast.baseline import HistoricalMean  # noqa: E402
from trends.forecast.local import LocalLevel  # noqa: E402
from trends.forecast.recalibrate import Recalibrated  # noqa: E402

COLS = ["mean", *[c for c, _ in QUANTILES]]


#: the default before this bench (every quantile level from the one NB); the variant rows start from it
PREVIOUS = dict(level_alpha=(1.0, 1.0, 1.0, 1.0, 1.0))


def _local(**kw):
    """The previous default with `kw` changed."""

    def f(o):
        return LocalLevel(**(PREVIOUS | kw)).forecast_batch(o["Y"], o["weeks"], H)[0]

    return f


def _default(o):
    return LocalLevel().forecast_batch(o["Y"], o["weeks"], H)[0]


def _nb13(o):
    return HistoricalMean(window=13).forecast_batch(o["Y"], o["weeks"], H)[0]


def _model(name):
    def f(o):
        return get_model(name).forecast_batch(o["Y"], o["weeks"], H)[0]

    return f


def _recal(**kw):
    def f(o):
        return Recalibrated(LocalLevel(**PREVIOUS), **kw).forecast_batch(o["Y"], o["weeks"], H)[0]

    return f


_POOLED: dict = {}


def _pooled(o):
    """The global pooled Poisson GLM (trends.forecast.pooled, engine "glm"), fitted once per origin."""
    from trends.forecast.pooled import GlobalPooled

    key = id(o)
    if key not in _POOLED:
        _POOLED.clear()
        _POOLED[key] = GlobalPooled(engine="glm").forecast_keys(o["keys"], o["Y"], o["weeks"], H)
    return _POOLED[key]


def _average(parts: dict, weights: dict, busy_only: bool = False) -> dict:
    """Weighted mean of the quantiles (and means) of several forecasts (Vincentization), ordered."""
    names = list(weights)
    w = np.array([weights[n] for n in names], dtype=float)
    w = w / w.sum()
    out = {c: sum(wi * np.nan_to_num(parts[n][c]) for wi, n in zip(w, names)) for c in COLS}
    return order_intervals(out, widen_to_mean=False)


def _ens(other, w_local: float, busy_only: bool = False, rounded: bool = False):
    """Quantile average of `local` (weight w_local) and `other` (a candidate function)."""

    def f(o):
        loc, oth = _local()(o), other(o)
        p = _average({"local": loc, "other": oth}, {"local": w_local, "other": 1 - w_local})
        if rounded:
            p = {c: (np.round(v) if c != "mean" else v) for c, v in p.items()}
        if busy_only:
            busy = np.nanmean(o["Y"][:, -52:], 1) >= 1
            p = {c: np.where(busy[:, None], p[c], loc[c]) for c in COLS}
        return p

    return f


CANDIDATES = {
    "NB around the 13-week mean": _nb13,
    "default (local)": _default,
    "previous default (every level from the one NB)": _local(),
    # (1) busy-series dispersion / calibration
    "disp: busy dispersion from the last 52 weeks' errors": _local(disp_weeks=52),
    "disp: busy dispersion from the last 26 weeks' errors": _local(disp_weeks=26),
    "disp: busy dispersion x 0.8": _local(busy_alpha_scale=0.8),
    "disp: busy dispersion x 0.6": _local(busy_alpha_scale=0.6),
    "disp: busy dispersion x 1.25": _local(busy_alpha_scale=1.25),
    "disp: busy dispersion pooled only (pool_strength inf)": _local(pool_strength=1e12),
    "disp: busy dispersion own only (pool_strength 0)": _local(pool_strength=0.0),
    "disp: busy dispersion from 8-week-ahead errors": _local(disp_lag=8),
    "disp: busy dispersion from 4-week-ahead errors": _local(disp_lag=4),
    "recal: levels by mean bin (inner PIT)": _recal(by="level"),
    "recal: levels by horizon (the previous round's)": _recal(),
    "level: dispersion x (3, 1.5, 2, 1, 1) at levels (0.025, 0.1, 0.5, 0.9, 0.975)": _local(
        level_alpha=(3, 1.5, 2, 1, 1)
    ),
    "final: level: the same, not on new series": _local(level_alpha=(3, 1.5, 2, 1, 1), level_alpha_new=False),
    "level: dispersion x 2 for the median only": _local(level_alpha=(1, 1, 2, 1, 1)),
    "level: dispersion x (3, 1.5) for the lower bounds only (busy and quiet; the new default)": _local(
        level_alpha=(3, 1.5, 1, 1, 1)
    ),
    "level: dispersion x (4, 1.5, 2, 0.85, 1)": _local(level_alpha=(4, 1.5, 2, 0.85, 1)),
    # (2) quantile averages
    "ens: 0.5 local + 0.5 NB13": _ens(_nb13, 0.5),
    "ens: 0.7 local + 0.3 NB13": _ens(_nb13, 0.7),
    "ens: 0.85 local + 0.15 NB13": _ens(_nb13, 0.85),
    "ens: 0.5 local + 0.5 NB13, rounded quantiles": _ens(_nb13, 0.5, rounded=True),
    "ens: 0.7 local + 0.3 nbglm": _ens(_model("nbglm"), 0.7),
    "ens: 0.7 local + 0.3 mean (52 weeks)": _ens(_model("mean"), 0.7),
    "pooled: 0.7 local + 0.3 global Poisson GLM": _ens(_pooled, 0.7),
    "pooled: 0.5 local + 0.5 global Poisson GLM": _ens(_pooled, 0.5),
    "pooled: global Poisson GLM alone": _pooled,
    # (3) restart
    "restart: both directions": _local(restart_direction="both"),
    "restart: falls, ratio 2": _local(restart_ratio=2.0),
    "restart: falls, ratio 4": _local(restart_ratio=4.0),
    "restart: both directions, ratio 4": _local(restart_direction="both", restart_ratio=4.0),
    "restart: busy series only": _local(restart_busy_only=True),
    "restart: none": _local(restart_ratio=0.0),
}


def load_origins(period: str, cache: str | None) -> list[dict]:
    if cache and Path(cache).exists():
        with open(cache, "rb") as fh:
            return pickle.load(fh)
    data = origins(sample_weekly(None), period)
    if cache:
        with open(cache, "wb") as fh:
            pickle.dump(data, fh)
    return data


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--period", choices=list(PERIODS), default="dev")
    ap.add_argument("--only", help="comma-separated substrings of the candidates to run (NB13 and default always)")
    ap.add_argument("--cache", metavar="FILE", help="pickle of the per-origin matrices (built once, then reused)")
    ap.add_argument("--every", type=int, default=1, help="score every k-th origin only (a quicker first look)")
    a = ap.parse_args()
    logging.disable(logging.WARNING)
    warnings.simplefilter("ignore", RuntimeWarning)
    t0 = time.perf_counter()
    data = load_origins(a.period, a.cache)[:: a.every]
    cands = {
        k: f
        for k, f in CANDIDATES.items()
        if k.startswith(("NB around", "default", "previous default"))
        or not a.only
        or any(s in k for s in a.only.split(","))
    }
    scores = score_candidates(cands, data)
    print_scores(a.period, data, scores, time.perf_counter() - t0)
    return 0


if __name__ == "__main__":
    sys.exit(main())
