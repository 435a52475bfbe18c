"""Speed of the full weekly pass (detect + forecast + alert) on 2,000 synthetic series, against Prophet.

Ours = what `trends run` does per week (trends/pipeline.py): detect_breaks (offline NB PELT, compiled, threads
over all cores) and online_shifts(last=8) on the last DETECT_WEEKS (156) weeks; forecast_panel with the run's
default models "auto" (per-series choice by backtest among trends.forecast's AUTO_CANDIDATES, batched models),
horizon 8, on the HISTORY_WEEKS the models read; flag_resurgences
(the four rules, default RuleConfig) for the last week. Nothing is warmed up: the first detect call loads the
compiled kernel from numba's cache (or compiles it, ~5 s, on a fresh install; the output says which, and what
`import numba` and that first call cost in a fresh process, measured after the timed pass).

Baseline = Prophet fitted on every series in the same run, forecast_panel(models=["prophet"]) with its own spawn
process pool over all cores (the same cores our pass uses), timed end to end (default, ~1.5 min on 2 cores).
`--prophet-sample N` is a quicker check: N series in one process after a warm-up fit, extrapolated as
per-series time x series / cores (perfect scaling, no pool start-up), a lower bound on Prophet's time: on a
busy 2-core machine the measured pool run took ~1.9x that bound (94 s vs 51 s for 2,000 series).

Skill: rolling-origin backtest (MASE and pinball vs naive, interval coverage) of naive, auto and prophet on the
same series and origins (`--skill-sample`, default 200 series).

    .venv/bin/python bench/models.py                     # 2,000 series x 312 weeks, Prophet on all (~2.5 min)
    .venv/bin/python bench/models.py --series 500 --prophet-sample 100 --origins 2   # about a minute
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from trends.alert import flag_resurgences  # noqa: E402
from trends.detect import detect_breaks, online_shifts  # noqa: E402
from trends.forecast import backtest, forecast_panel, summarise  # noqa: E402
from trends.forecast.panel import HISTORY_WEEKS  # noqa: E402
from trends.pipeline import DETECT_WEEKS  # noqa: E402
from trends.scope import rows_since as _since  # noqa: E402
from trends.synthetic import weekly_panel  # noqa: E402

pd.set_option("display.width", 200)


def panel(n: int, weeks: int, seed: int = 0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    base = np.exp(rng.uniform(np.log(0.1), np.log(6), n))
    breaks = {
        int(i): (int(rng.integers(weeks // 3, weeks - 8)), float(rng.choice([0.3, 2.5, 4.0])))
        for i in rng.choice(n, n // 4, replace=False)
    }
    w, _ = weekly_panel(n, weeks, breaks=breaks, base_rate=base, dispersion=3.0, seasonal_amp=0.5, seed=seed)
    return w


def cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def kernel_cache_note() -> str:
    try:
        from trends.detect import _kernel
    except ImportError:
        return "numba kernel unavailable"
    if not _kernel.AVAILABLE:
        return "numba not installed or TRENDS_NO_NUMBA set: numpy PELT"
    st = _kernel.pelt_batch.stats
    return (
        "compiled kernel compiled in this run (no cache yet)"
        if st.cache_misses and not st.cache_hits
        else "compiled kernel loaded from numba's cache"
    )


def kernel_first_call() -> str:
    """What the compiled kernel's first call costs, measured in a fresh interpreter after the timed pass (the
    pass's own times are unchanged): `import numba`, then the first detect call, which loads the kernel from the
    cache and makes numba set up its typing and lowering registries (done once per process)."""
    import subprocess

    code = (
        "import time, numpy as np, pandas, scipy.stats\n"
        "from trends.detect import _core\n"
        "t0 = time.perf_counter(); import numba; t1 = time.perf_counter()\n"
        "from trends.detect import _kernel\n"
        "_core.pelt_many([np.arange(20.0) % 3]); t2 = time.perf_counter()\n"
        "st = _kernel.pelt_batch.stats\n"
        "print(f'{t1 - t0:.2f} {t2 - t1:.2f} {len(_kernel.pelt_batch.signatures)} {sum(st.cache_hits.values())}')"
    )
    try:
        out = subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            timeout=300,
            check=True,
            cwd=Path(__file__).resolve().parents[1],
        ).stdout.split()
    except (subprocess.SubprocessError, OSError) as e:  # pragma: no cover - informative only
        return f"(not measured: {e})"
    imp, load, sigs, hits = out
    return (
        f"import numba {imp} s + first call {load} s (loads {sigs} signature(s) from the cache, {hits} hit(s); "
        "numba sets up its typing and lowering registries on the first load in a process)"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--series", type=int, default=2000, help="synthetic series (default 2000)")
    ap.add_argument("--weeks", type=int, default=312, help="weeks per series (default 312 = 6 years)")
    ap.add_argument(
        "--prophet-sample",
        type=int,
        default=0,
        metavar="N",
        help="fit Prophet on N series in one process and extrapolate (a lower bound); "
        "0 = time every series through the pool (default)",
    )
    ap.add_argument(
        "--skill-sample",
        type=int,
        default=None,
        metavar="M",
        help="series in the backtest (default: the Prophet sample, or 200 when Prophet fits all)",
    )
    ap.add_argument("--origins", type=int, default=3, help="backtest origins, 4 weeks apart (default 3)")
    ap.add_argument(
        "--ours-only",
        type=int,
        default=0,
        metavar="N",
        help="time only our pass, N times in this process, in wall and CPU seconds (no Prophet, no backtest): "
        "CPU seconds compare code versions on a loaded machine, e.g. --ours-only 3",
    )
    args = ap.parse_args()
    logging.disable(logging.WARNING)
    ncpu = cores()

    w = panel(args.series, args.weeks)
    last = w["week"].max()
    print(
        f"{args.series} synthetic series x {args.weeks} weeks (NB size 3, yearly season, 25 % with a rate "
        f"change); {ncpu} CPU(s), load average {os.getloadavg()[0]:.1f} at start"
    )

    if args.ours_only:
        for i in range(args.ours_only):
            c0, t0 = time.process_time(), time.perf_counter()
            recent = _since(w, last + pd.Timedelta(days=7) - pd.Timedelta(weeks=DETECT_WEEKS))
            detect_breaks(recent), online_shifts(recent, last=8)
            forecast_panel(
                _since(w, last + pd.Timedelta(days=7) - pd.Timedelta(weeks=HISTORY_WEEKS)), "auto", horizon=8
            )
            flag_resurgences(w, week=last)
            print(f"pass {i + 1}: {time.perf_counter() - t0:.2f} s wall, {time.process_time() - c0:.2f} s CPU")
        return

    # as trends/pipeline.py does: change points in the last DETECT_WEEKS weeks, forecasts from the HISTORY_WEEKS
    # the models read (the same forecasts as from the whole history, tests/test_pipeline.py), alerts on everything
    cutoff = last + pd.Timedelta(days=7)
    c0, t0 = time.process_time(), time.perf_counter()
    recent = _since(w, cutoff - pd.Timedelta(weeks=DETECT_WEEKS))
    br = detect_breaks(recent)
    c1, t1 = time.process_time(), time.perf_counter()
    on = online_shifts(recent, last=8)
    c2, t2 = time.process_time(), time.perf_counter()
    fc = forecast_panel(_since(w, cutoff - pd.Timedelta(weeks=HISTORY_WEEKS)), "auto", horizon=8)
    c3, t3 = time.process_time(), time.perf_counter()
    al = flag_resurgences(w, week=last)
    c4, t4 = time.process_time(), time.perf_counter()
    ours = t4 - t0
    print(f"\nOur pass, as `trends run` does it (detect on {ncpu} threads; {kernel_cache_note()}):")
    print(f"  {'':28s} {'wall':>7s}     {'CPU':>5s} (all threads; compares code versions on a busy machine)")
    for name, dt, dc, n in (
        ("detect_breaks (offline)", t1 - t0, c1 - c0, len(br)),
        ("online_shifts (last 8)", t2 - t1, c2 - c1, len(on)),
        ("forecast_panel auto, h=8", t3 - t2, c3 - c2, len(fc)),
        ("alerts (4 rules, last week)", t4 - t3, c4 - c3, len(al)),
    ):
        print(f"  {name:28s} {dt:7.2f} s {dc:7.2f} s   ({n} rows)")
    print(f"  {'total':28s} {ours:7.2f} s {c4 - c0:7.2f} s   = {1000 * ours / args.series:.2f} ms per series")
    print(f"  the kernel's first-call cost inside detect_breaks, in a fresh process: {kernel_first_call()}")

    keys = w[["actor", "country", "province"]].drop_duplicates()
    n_p = args.series if args.prophet_sample in (0, None) else min(args.prophet_sample, args.series)
    sample = keys.sample(n_p, random_state=1) if n_p < args.series else keys
    ws = w.merge(sample, on=["actor", "country", "province"])
    if n_p == args.series:
        t5 = time.perf_counter()
        fp = forecast_panel(ws, ["prophet"], horizon=8)
        prophet_all = time.perf_counter() - t5
        how = f"measured on all {args.series} series through forecast_panel's spawn pool on {ncpu} cores"
    else:
        one = ws.merge(sample.head(1), on=["actor", "country", "province"])
        forecast_panel(one, ["prophet"], horizon=8, n_jobs=1)  # warm-up: imports, Stan model load
        t5 = time.perf_counter()
        fp = forecast_panel(ws, ["prophet"], horizon=8, n_jobs=1)
        dt = time.perf_counter() - t5
        prophet_all = dt / n_p * args.series / ncpu
        how = (
            f"{dt:.1f} s for {n_p} series in one process = {1000 * dt / n_p:.0f} ms per series, "
            f"x {args.series} series / {ncpu} cores: perfect scaling, no pool start-up, so a lower bound; "
            f"one process would take {dt / n_p * args.series:.0f} s"
        )
    print(f"\nProphet forecast_panel: {prophet_all:.1f} s for {args.series} series ({how}); {len(fp)} rows")
    print(
        f"Speed ratio Prophet / our full pass: {prophet_all / ours:.1f}x  (target >= 40x); "
        f"Prophet / our forecast step alone: {prophet_all / (t3 - t2):.1f}x"
    )

    m = args.skill_sample or (n_p if n_p < args.series else min(200, args.series))
    wb = (
        ws
        if m == n_p
        else w.merge(keys.sample(min(m, args.series), random_state=1), on=["actor", "country", "province"])
    )
    t7 = time.perf_counter()
    bt = backtest(wb, ["naive", "auto", "prophet"], origins=args.origins, horizon=8)
    s = summarise(bt, groups=((1, 4), (5, 8)))
    print(
        f"\nBacktest on {m} of the same series, {args.origins} origins, horizon 8 ({time.perf_counter() - t7:.1f} s; "
        "mase/pinball scaled by naive-1 in-sample MAE, *_vs_naive < 1 = better than naive):"
    )
    print(
        s[["model", "horizons", "n", "mase", "pinball", "cov80", "cov95", "mase_vs_naive", "pinball_vs_naive"]]
        .round(3)
        .to_string(index=False)
    )


if __name__ == "__main__":
    main()
