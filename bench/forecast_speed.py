"""Per-series fit+predict time of every forecast model, as a ratio to Prophet on the same series.

    .venv/bin/python bench/forecast_speed.py [--series 2000] [--weeks 520] [--prophet-series 20]

Batched models (naive, mean, nbglm, sparse, ets, local, auto, select) forecast all --series synthetic series in one
run_forecasts call; prophet is timed one series at a time on the first --prophet-series series (after a
warm-up fit, so its import and Stan model load are not counted).
"""

from __future__ import annotations

import argparse
import sys
import time

import numpy as np

from trends.forecast import get_model, run_forecasts
from trends.forecast.panel import panel_matrix
from trends.synthetic import weekly_panel


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--series", type=int, default=2000)
    ap.add_argument("--weeks", type=int, default=520)
    ap.add_argument("--prophet-series", type=int, default=20)
    a = ap.parse_args()
    rng = np.random.default_rng(0)
    w, _ = weekly_panel(
        a.series, a.weeks, base_rate=rng.gamma(0.8, 2.5, a.series), dispersion=2.0, seasonal_amp=0.7, seed=1
    )
    keys, Y, weeks = panel_matrix(w, w["week"].max() + np.timedelta64(7, "D"), n_weeks=a.weeks)
    per = {}
    for name in ["prophet"]:
        m = get_model(name)
        if name == "prophet":
            m.new().fit(Y[0], weeks).predict(8)  # warm-up: import + Stan model load
        t = time.perf_counter()
        for i in range(a.prophet_series):
            m.new().fit(Y[i], weeks).predict(8)
        per[name] = (time.perf_counter() - t) / a.prophet_series
    for name in ["naive", "mean", "nbglm", "sparse", "ets", "local", "auto", "select"]:
        t = time.perf_counter()
        run_forecasts(w, name, horizon=8, active_weeks=None)
        per[name] = (time.perf_counter() - t) / a.series
    print(f"{a.series} synthetic series x {a.weeks} weeks, horizon 8 (prophet on {a.prophet_series} series)")
    print(f"{'model':8s} {'ms/series':>10s} {'x faster than prophet':>22s}")
    for name, s in per.items():
        print(f"{name:8s} {s * 1e3:10.2f} {per['prophet'] / s:22.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
