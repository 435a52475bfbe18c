"""Speed of the full weekly pass (detect + forecast + alert) on 2,000 synthetic series, against Prophet.

Ours: H3's detect_breaks (offline NB PELT) and online_shifts, H4's forecast_panel with the fast batched models
("auto": naive / mean / NB GLM / TSB chosen per series), and the four alert rules (flag_resurgences) for the
last week. Baseline: Prophet fitted on every series in the same run (forecast_panel(models=["prophet"])).
Prophet on all 2,000 series takes minutes; `--prophet-sample N` times N series and extrapolates linearly (the
output says so). Skill: rolling-origin backtest of auto and prophet on the same sample of series.

    .venv/bin/python bench/models.py [--series 2000] [--weeks 312] [--prophet-sample 200] [--origins 3]
"""
from __future__ import annotations

import argparse
import logging
import time

import numpy as np
import pandas as pd

from trends.alert import flag_resurgences
from trends.detect import detect_breaks, online_shifts
from trends.forecast import backtest, forecast_panel, summarise
from trends.synthetic import weekly_panel

pd.set_option("display.width", 200)


def panel(n: int, weeks: int, seed: int = 0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    base = np.exp(rng.uniform(np.log(0.1), np.log(6), n))
    breaks = {int(i): (int(rng.integers(weeks // 3, weeks - 8)), float(rng.choice([0.3, 2.5, 4.0])))
              for i in rng.choice(n, n // 4, replace=False)}
    w, _ = weekly_panel(n, weeks, breaks=breaks, base_rate=base, dispersion=3.0, seasonal_amp=0.5, seed=seed)
    return w


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--series", type=int, default=2000)
    ap.add_argument("--weeks", type=int, default=312)
    ap.add_argument("--prophet-sample", type=int, default=200, metavar="N",
                    help="fit Prophet on N series and extrapolate to all (0 = every series)")
    ap.add_argument("--origins", type=int, default=3)
    args = ap.parse_args()
    logging.disable(logging.WARNING)

    w = panel(args.series, args.weeks)
    last = w["week"].max()
    print(f"{args.series} synthetic series x {args.weeks} weeks (NB size 3, yearly season, 25 % with a rate change)")

    t0 = time.perf_counter()
    br = detect_breaks(w)
    t1 = time.perf_counter()
    on = online_shifts(w, last=8)
    t2 = time.perf_counter()
    fc = forecast_panel(w, "auto", horizon=8)
    t3 = time.perf_counter()
    al = flag_resurgences(w, week=last)
    t4 = time.perf_counter()
    ours = t4 - t0
    print("\nOur pass (one process for detect/alerts; forecast_panel uses its own pool):")
    for name, dt, n in (("detect_breaks (offline)", t1 - t0, len(br)), ("online_shifts", t2 - t1, len(on)),
                        ("forecast_panel auto, h=8", t3 - t2, len(fc)), ("alerts (4 rules, last week)", t4 - t3, len(al))):
        print(f"  {name:28s} {dt:7.2f} s   ({n} rows)")
    print(f"  {'total':28s} {ours:7.2f} s   = {1000 * ours / args.series:.2f} ms per series")

    keys = w[["actor", "country", "province"]].drop_duplicates()
    n_p = args.series if args.prophet_sample in (0, None) else min(args.prophet_sample, args.series)
    sample = keys.sample(n_p, random_state=1) if n_p < args.series else keys
    ws = w.merge(sample, on=["actor", "country", "province"])
    t5 = time.perf_counter()
    fp = forecast_panel(ws, ["prophet"], horizon=8)
    t6 = time.perf_counter()
    prophet_all = (t6 - t5) * args.series / n_p
    how = "measured on all series" if n_p == args.series else \
        f"measured on {n_p} series ({t6 - t5:.1f} s) and extrapolated linearly to {args.series}"
    print(f"\nProphet forecast_panel: {prophet_all:.1f} s for {args.series} series ({how}); {len(fp)} rows")
    print(f"Speed ratio Prophet / our full pass: {prophet_all / ours:.1f}x  (target >= 20x)")

    t7 = time.perf_counter()
    bt = backtest(ws, ["naive", "auto", "prophet"], origins=args.origins, horizon=8)
    s = summarise(bt, groups=((1, 4), (5, 8)))
    print(f"\nBacktest on the same {n_p} series, {args.origins} origins, horizon 8 ({time.perf_counter() - t7:.1f} s):")
    print(s[["model", "horizons", "n", "mase", "pinball", "cov80", "cov95", "mase_vs_naive",
             "pinball_vs_naive"]].round(3).to_string(index=False))


if __name__ == "__main__":
    main()
