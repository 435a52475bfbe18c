"""Rolling-origin backtest of every forecast model on the shipped UCDP sample and on synthetic panels.

Prints MASE (naive-1 scaled), scaled pinball loss (~CRPS) and 80 %/95 % coverage per model and horizon group,
and each model's ratio to the seasonal-naive and historical-mean baselines on the same rows.

    .venv/bin/python bench/forecast_backtest.py [--origins 12] [--models naive,mean,nbglm,sparse,ets,auto]
        [--synthetic-series 400] [--prophet-series 60] [--auto-candidates naive,mean,nbglm]

ach80/ach95 are the coverages each model's own predictive distribution promises for its integer intervals
(what a calibrated model reaches; small counts make them well above 0.80/0.95): judge cov80 against ach80.
--synthetic-series 0 skips the synthetic panel. Models in --models run on every series, prophet included.

The sample is read through the event store (trends.ingest + trends.aggregate) when those modules exist,
otherwise straight from the parquet (actor = each name in x_jihadist_actors, province = adm_1).
"""

from __future__ import annotations

import argparse
import importlib.resources
import sys
import time

import numpy as np
import pandas as pd

from trends.forecast import backtest, summarise
from trends.synthetic import weekly_panel

pd.set_option("display.width", 200)
pd.set_option("display.max_columns", 30)


def sample_weekly() -> tuple[pd.DataFrame, str]:
    try:
        from trends import aggregate, ingest, store

        con = store.connect(":memory:")
        ingest.ingest_file(con, ingest.sample_path())
        return aggregate.weekly_counts(con), "event store (ingest_file + weekly_counts)"
    except (ImportError, AttributeError):
        pass
    path = importlib.resources.files("trends") / "data" / "ucdp_ged_jihadist_events.parquet"
    ev = pd.read_parquet(path, columns=["date_start", "country", "adm_1", "x_jihadist_actors"])
    ev["actor"] = ev["x_jihadist_actors"].str.split("; ")
    ev = ev.explode("actor")
    ev["province"] = ev["adm_1"].fillna("")
    d = pd.to_datetime(ev["date_start"])
    ev["week"] = d - pd.to_timedelta(d.dt.weekday, unit="D")
    c = ev.groupby(["actor", "country", "province", "week"]).size().rename("events").reset_index()
    frames = []
    end = c["week"].max()
    for i, ((a, co, p), g) in enumerate(c.groupby(["actor", "country", "province"])):
        wk = pd.date_range(g["week"].min(), end, freq="W-MON")
        s = g.set_index("week")["events"].reindex(wk, fill_value=0)
        frames.append(
            pd.DataFrame(
                {
                    "series_id": i,
                    "actor": a,
                    "country": co,
                    "province": p,
                    "week": wk,
                    "events": s.to_numpy(),
                    "fatalities": 0,
                }
            )
        )
    return pd.concat(frames, ignore_index=True), "parquet read with pandas (store modules not available yet)"


def synthetic_weekly(n: int, seed: int = 3) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    rates = rng.gamma(0.8, 2.5, n)  # many low-rate, a few busy series
    breaks = {i: (int(rng.integers(150, 250)), float(rng.choice([0.3, 3.0]))) for i in range(0, n, 5)}
    w, _ = weekly_panel(n, 312, base_rate=rates, dispersion=2.0, seasonal_amp=0.7, breaks=breaks, seed=seed)
    return w


def run(name: str, weekly: pd.DataFrame, models: list[str], origins: int, candidates) -> None:
    t = time.perf_counter()
    bt = backtest(weekly, models, origins=origins, horizon=12, candidates=candidates)
    s = summarise(bt)
    n_series = bt.groupby(["actor", "country", "province"]).ngroups
    print(
        f"\n## {name}: {n_series} series, {origins} origins 4 weeks apart, horizon 12 ({time.perf_counter() - t:.1f} s)"
    )
    print(s.round(3).to_string(index=False))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--origins", type=int, default=12)
    ap.add_argument("--models", default="naive,mean,nbglm,sparse,ets,auto")
    ap.add_argument("--synthetic-series", type=int, default=400)
    ap.add_argument(
        "--auto-candidates",
        default="naive,mean,nbglm",
        help="models auto chooses between for non-sparse series (default: trends' AUTO_CANDIDATES)",
    )
    ap.add_argument(
        "--prophet-series",
        type=int,
        default=0,
        help="also backtest prophet on the N busiest sample series (slow: ~0.1 s per fit)",
    )
    a = ap.parse_args()
    models = a.models.split(",")
    weekly, how = sample_weekly()
    print(f"sample weekly counts from the {how}")
    cand = tuple(a.auto_candidates.split(","))
    print(f"auto candidates: {', '.join(cand)} (new and sparse series: sparse)")
    run("UCDP sample", weekly, models, a.origins, cand)
    if a.synthetic_series:
        run(
            "synthetic NB panel (seasonal, 1 in 5 with a level shift)",
            synthetic_weekly(a.synthetic_series),
            models,
            a.origins,
            cand,
        )
    if a.prophet_series:
        busiest = weekly.groupby(["actor", "country", "province"])["events"].sum().nlargest(a.prophet_series)
        sub = weekly.merge(busiest.reset_index()[["actor", "country", "province"]])
        run(
            f"UCDP sample, {a.prophet_series} busiest series, with prophet",
            sub,
            ["naive", "mean", "nbglm", "ets", "prophet", "auto"],
            a.origins,
            cand,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
