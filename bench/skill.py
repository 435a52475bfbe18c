"""Skill of the resurgence alerts and the forecasts: the tables quoted in docs/alerts-detect.md and the closing note.

1. Simulated panels (trends.simulate: surges, resurgences after a lull, expansions on seasonal NB baselines,
   most series under 1 event/week), the rule sets BEFORE (seasonal, level_shift, expansion, surge: the defaults
   until 2026-12) and AFTER (the defaults: surge replaced by the online-change-point rule 'shift'), plus the
   forecast-exceedance candidate, all from one evaluation of every rule on the same panels: probability of
   detection (within 12 weeks), median and mean detection delay, false alarm spells per 100 quiet series-weeks
   (an alarm spell = the weeks any rule fired on a series, merged across gaps of <= 4 weeks; false = starting
   outside every truth window), and raised false alerts per 100 quiet series-weeks (per rule, as before).
2. The shipped UCDP sample: delay of the known escalations (first alert of any rule at/after onset), per rule set.
3. Rolling-origin backtest of the forecast models on the sample (trends.forecast.backtest), per model and
   horizon group, against the naive baselines (skip with --no-backtest).

    .venv/bin/python bench/skill.py [--seeds 2] [--series 400] [--origins 8] [--no-backtest]
"""

from __future__ import annotations

import argparse
import time

import numpy as np
import pandas as pd

from trends import aggregate, ingest, store
from trends.alert import RuleConfig, alerts_between
from trends.evaluate import KNOWN_ESCALATIONS, detections, escalation_delays, false_spells, score_alerts
from trends.simulate import simulate_panel

pd.set_option("display.width", 200)
pd.set_option("display.max_columns", 20)

#: rule sets compared; each is a subset of the rules evaluated once (rules are independent per series-week).
RULE_SETS = {
    "before (seasonal, level_shift, expansion, surge)": ("seasonal", "level_shift", "expansion", "surge"),
    "after = default (seasonal, level_shift, expansion, shift)": ("seasonal", "level_shift", "expansion", "shift"),
    "candidate: exceedance for surge": ("seasonal", "level_shift", "expansion", "exceedance"),
    "candidate: both surge and shift": ("seasonal", "level_shift", "expansion", "surge", "shift"),
}
ALL = RuleConfig().with_settings({f"{r}.enabled": True for r in ("surge", "shift", "exceedance")})


def simulated(seeds: int, n_series: int):
    """(per rule-set table, per-rule table of the default set) over `seeds` panels."""
    runs = []
    for seed in range(seeds):
        w, truth = simulate_panel(n_series, 416, eval_weeks=104, seed=seed)
        weeks = w["week"].drop_duplicates().sort_values()
        start, end = weeks.iloc[-104], weeks.iloc[-1]
        runs.append((w, truth, start, end, alerts_between(w, start, end, ALL)))
    rows = []
    for name, rules in RULE_SETS.items():
        det, fs, quiet, raised = [], 0, 0, []
        for w, truth, start, end, a in runs:
            sub = a[a["rule"].isin(rules)]
            d = detections(sub, truth)
            det.append(d[d["rule"] == "any"])
            f = false_spells(sub, truth, w, start, end)
            fs, quiet = fs + f["false_spells"], quiet + f["quiet_series_weeks"]
            sc = score_alerts(sub, truth, w, start, end)
            raised.append(sc.loc[sc["rule"] == "any", "false_alarms"].iloc[0])
        d = pd.concat(det)
        r = {
            "rule set": name,
            "onsets": len(d),
            "pod": d["detected"].mean(),
            "median_delay": d["delay_weeks"].median(),
            "mean_delay": d["delay_weeks"].mean(),
        }
        for k, dk in d.groupby("kind"):
            r[f"pod_{k}"] = dk["detected"].mean()
        r["false_spells"] = fs
        r["false_spells_per_100"] = 100 * fs / max(quiet, 1)
        r["raised_false_per_100"] = 100 * sum(raised) / max(quiet, 1)
        rows.append(r)
    tab = pd.DataFrame(rows).set_index("rule set")
    base = tab["false_spells_per_100"].iloc[0]
    tab["spells_vs_before"] = tab["false_spells_per_100"] / base - 1
    default = RULE_SETS[list(RULE_SETS)[1]]
    per_rule = pd.concat(
        [
            score_alerts(a[a["rule"].isin(default)], truth, w, s, e).assign(seed=i)
            for i, (w, truth, s, e, a) in enumerate(runs)
        ]
    )
    per_rule = per_rule.groupby("rule", sort=False).agg(
        pod=("pod", "mean"), fa_per_100=("fa_per_100", "mean"), median_delay=("median_delay", "median")
    )
    return tab, per_rule


def known(weekly: pd.DataFrame) -> pd.DataFrame:
    alerts = []
    for _, actor, country, _prov, onset in KNOWN_ESCALATIONS:
        on = pd.Timestamp(onset)
        sub = weekly[(weekly["actor"] == actor) & (weekly["country"] == country)]
        alerts.append(alerts_between(sub, on - pd.Timedelta(weeks=4), on + pd.Timedelta(weeks=12), ALL))
    a = pd.concat(alerts)
    out = None
    for name, rules in RULE_SETS.items():
        d = escalation_delays(a[a["rule"].isin(rules)])
        col = d["delay_weeks"].map(lambda x: "-" if np.isnan(x) else f"{x:.0f}") + " " + d["first_rule"].fillna("")
        if out is None:
            out = d[["label", "onset"]].copy()
        out[name.split(" (")[0].split(":")[-1].strip()] = col.str.strip()
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seeds", type=int, default=2)
    ap.add_argument("--series", type=int, default=400)
    ap.add_argument("--origins", type=int, default=8)
    ap.add_argument("--no-backtest", action="store_true", help="skip the forecast backtest (section 3)")
    args = ap.parse_args()

    t = time.perf_counter()
    print(f"## Simulated alerts: {args.seeds} panels x {args.series} series x 416 weeks, last 104 weeks evaluated")
    print(
        "(pod = share of planted onsets alerted within 12 weeks; delays in weeks; false spells = alarm spells "
        "starting outside every truth window, per 100 quiet series-weeks; raised = raised false alerts of all "
        "rules per 100 quiet series-weeks)\n"
    )
    tab, per_rule = simulated(args.seeds, args.series)
    print(tab.round(3).T.to_string())
    print("\nPer rule, default set:")
    print(per_rule.round(3).to_string())
    print(f"[{time.perf_counter() - t:.1f} s]\n")

    t = time.perf_counter()
    con = store.connect(":memory:")
    ingest.ingest_file(con, ingest.sample_path())
    weekly = aggregate.weekly_counts(con, clip_to_coverage=True)
    print(
        f"## Known escalations in the UCDP sample ({weekly[['actor', 'country', 'province']].drop_duplicates().shape[0]}"
        " series; weeks from onset to the first alert of any rule, and that rule; - = none within 12 weeks)\n"
    )
    print(known(weekly).to_string(index=False))
    print(f"[{time.perf_counter() - t:.1f} s]\n")
    if args.no_backtest:
        return

    t = time.perf_counter()
    from trends.forecast import backtest, summarise

    bt = backtest(weekly, ["naive", "mean", "nbglm", "sparse", "auto"], origins=args.origins, horizon=12)
    s = summarise(bt)
    print(
        f"## Forecast backtest on the UCDP sample: {args.origins} origins 4 weeks apart, horizon 12, series with an "
        "event in the year before each origin (mase/pinball scaled by in-sample naive-1 MAE; *_vs_naive < 1 = better "
        "than seasonal naive)\n"
    )
    print(s.round(3).to_string(index=False))
    print(f"[{time.perf_counter() - t:.1f} s]")


if __name__ == "__main__":
    main()
