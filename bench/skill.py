"""Skill of the resurgence alerts and the forecasts: the tables quoted in the README and the closing note.

1. Simulated panels (trends.simulate: surges, resurgences after a lull, expansions on seasonal NB baselines,
   most series under 1 event/week): per rule and combined, probability of detection (within 12 weeks),
   false alarms per 100 quiet series-weeks (raised alerts only), median detection delay in weeks.
2. The shipped UCDP sample: detection delay of known escalations (first alert of any rule at/after onset).
3. Rolling-origin backtest of the forecast models on the sample (trends.forecast.backtest), per model and
   horizon group, against the naive baselines.

    .venv/bin/python bench/skill.py [--seeds 2] [--series 400] [--origins 8]
"""
from __future__ import annotations

import argparse
import time

import pandas as pd

from trends import aggregate, ingest, store
from trends.alert import RuleConfig, alerts_between
from trends.evaluate import KNOWN_ESCALATIONS, escalation_delays, score_alerts
from trends.simulate import simulate_panel

pd.set_option("display.width", 200)
pd.set_option("display.max_columns", 20)


def simulated(seeds: int, n_series: int, min_level: str | None) -> pd.DataFrame:
    out = []
    for seed in range(seeds):
        w, truth = simulate_panel(n_series, 416, eval_weeks=104, seed=seed)
        weeks = w["week"].drop_duplicates().sort_values()
        start, end = weeks.iloc[-104], weeks.iloc[-1]
        a = alerts_between(w, start, end, RuleConfig(), min_level=min_level)
        out.append(score_alerts(a, truth, w, start, end).assign(seed=seed))
    df = pd.concat(out)
    cols = ["onsets", "false_alarms"]
    agg = df.groupby("rule", sort=False).agg(
        onsets=("onsets", "sum"), pod=("pod", "mean"), fa_per_100=("fa_per_100", "mean"),
        median_delay=("median_delay", "median"), pod_surge=("pod_surge", "mean"),
        pod_resurgence=("pod_resurgence", "mean"), pod_expansion=("pod_expansion", "mean"))
    del cols
    return agg.round(3)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seeds", type=int, default=2)
    ap.add_argument("--series", type=int, default=400)
    ap.add_argument("--origins", type=int, default=8)
    args = ap.parse_args()

    t = time.perf_counter()
    print(f"## Simulated alerts: {args.seeds} panels x {args.series} series x 416 weeks, last 104 weeks evaluated")
    print("(pod = share of planted onsets alerted within 12 weeks; fa_per_100 = raised alerts outside truth windows "
          "per 100 quiet series-weeks; delays in weeks)\n")
    print("All levels:")
    print(simulated(args.seeds, args.series, None).to_string())
    print("\nLevel >= warning:")
    print(simulated(args.seeds, args.series, "warning").to_string())
    print(f"[{time.perf_counter() - t:.1f} s]\n")

    t = time.perf_counter()
    con = store.connect(":memory:")
    ingest.ingest_file(con, ingest.sample_path())
    weekly = aggregate.weekly_counts(con)
    alerts = []
    for _, actor, country, prov, onset in KNOWN_ESCALATIONS:
        on = pd.Timestamp(onset)
        alerts.append(alerts_between(weekly, on - pd.Timedelta(weeks=4), on + pd.Timedelta(weeks=12)))
    print(f"## Known escalations in the UCDP sample ({weekly[['actor', 'country', 'province']].drop_duplicates().shape[0]}"
          " series; first alert of any rule at or after onset, within 12 weeks)\n")
    print(escalation_delays(pd.concat(alerts)).to_string(index=False))
    print(f"[{time.perf_counter() - t:.1f} s]\n")

    t = time.perf_counter()
    from trends.forecast import backtest, summarise
    bt = backtest(weekly, ["naive", "mean", "nbglm", "sparse", "auto"], origins=args.origins, horizon=12)
    s = summarise(bt)
    print(f"## Forecast backtest on the UCDP sample: {args.origins} origins 4 weeks apart, horizon 12, series with an "
          "event in the year before each origin (mase/pinball scaled by in-sample naive-1 MAE; *_vs_naive < 1 = better "
          "than seasonal naive)\n")
    print(s.round(3).to_string(index=False))
    print(f"[{time.perf_counter() - t:.1f} s]")


if __name__ == "__main__":
    main()
