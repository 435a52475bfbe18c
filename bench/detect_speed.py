"""Change-point speed and online run-length behaviour, measured in one run on this machine.

    python bench/detect_speed.py            # speed: compiled and numpy PELT vs ruptures, panel, JIT, online batch
    python bench/detect_speed.py --arl      # also ARL0 (false alarms) and detection delay of online_shifts' GLR

Speed is per 520-week series (10 years), the baseline is timed on the same series in the same run, and the
ratio is printed. Then per series on a panel like bench/models.py (312 weeks, NB size 3, seasonal): the numpy
recursion (`pelt_numpy`, the fallback), the compiled one a series at a time (`pelt`), and `detect_breaks`
(one compiled batch on 1 thread and on all cores, BREAKS frame included). Last, the numba JIT cost a CLI
run pays: first call with an empty cache (compile) and with the cache filled, each in a fresh process.
ARL0: quiet NB series monitored week by week with the defaults (last 8, baseline 52, both
directions); delay: weeks from a planted doubling/tripling to the alarm.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from trends.detect._core import pelt, pelt_numpy  # noqa: E402
from trends.detect.online import THRESHOLD, first_alarms, glr_scores  # noqa: E402
from trends.synthetic import nb_draw  # noqa: E402


def _time(f, reps):
    f()
    t = time.perf_counter()
    for _ in range(reps):
        f()
    return (time.perf_counter() - t) / reps


def speed(n_weeks=520, reps=10):
    r = np.random.default_rng(0)
    mean = np.r_[np.full(200, 2.0), np.full(150, 6.0), np.full(170, 3.0)][:n_weeks]
    y = nb_draw(r, mean, 5.0).astype(float)
    print(f"one {n_weeks}-week NB series with 2 planted changes (weeks 200, 350)")
    for cost in ("nb", "poisson"):
        t = _time(lambda cost=cost: pelt(y, cost, "mbic", 4), reps)
        print(f"  PELT cost={cost:7s} penalty=mbic:          {t * 1e3:7.1f} ms   breaks {pelt(y, cost, 'mbic', 4)[0]}")
    t = _time(lambda: pelt_numpy(y, "nb", "mbic", 4), max(1, reps // 2))
    print(
        f"  numpy PELT (fallback, no numba) nb:        {t * 1e3:7.1f} ms   breaks {pelt_numpy(y, 'nb', 'mbic', 4)[0]}"
    )
    ours = _time(lambda: pelt(y, "nb", "mbic", 4), reps)
    try:
        import ruptures as rpt
    except ImportError:
        print("  ruptures not installed (pip install ruptures); no baseline")
    else:
        pen = 3 * np.log(n_weeks) * y.var()
        rp = _time(lambda: rpt.Pelt(model="l2", jump=1, min_size=4).fit(y).predict(pen=pen), 2)
        print(f"  ruptures Pelt(model='l2', jump=1, min_size=4): {rp * 1e3:7.1f} ms")
        print(f"  ratio ruptures / PELT (nb): {rp / ours:5.1f}x faster")
    n = 2000
    Y = nb_draw(np.random.default_rng(1), np.full((n, 60), 2.0), 5.0).astype(float)
    t = _time(lambda: glr_scores(Y[:, :52], Y[:, 52:]), 5)
    print(f"online GLR (last 8, baseline 52), batch of {n} series: {t * 1e3:.1f} ms = {t / n * 1e6:.1f} us per series")


def panel_speed(n=400, weeks=312):
    import logging

    import pandas as pd

    from trends.detect import detect_breaks
    from trends.detect._core import _n_jobs
    from trends.synthetic import weekly_panel

    logging.disable(logging.WARNING)
    rng = np.random.default_rng(0)
    base = np.exp(rng.uniform(np.log(0.1), np.log(6), n))
    brk = {
        int(i): (int(rng.integers(weeks // 3, weeks - 8)), float(rng.choice([0.3, 2.5, 4.0])))
        for i in rng.choice(n, n // 4, replace=False)
    }
    w, _ = weekly_panel(n, weeks, breaks=brk, base_rate=base, dispersion=3.0, seasonal_amp=0.5, seed=0)
    ys = [g.to_numpy(float) for _, g in w.groupby("series_id")["events"]]
    print(f"\n{n} series x {weeks} weeks (bench/models.py panel), per series:")
    sub = ys[: max(n // 8, 1)]
    t = time.perf_counter()
    for y in sub:
        pelt_numpy(y)
    t_np = (time.perf_counter() - t) / len(sub)
    print(f"  numpy PELT, one series at a time ({len(sub)} series):  {t_np * 1e3:7.2f} ms")
    t = time.perf_counter()
    for y in ys:
        pelt(y)
    t_c = (time.perf_counter() - t) / n
    print(f"  compiled PELT, one series at a time:           {t_c * 1e3:7.2f} ms   ({t_np / t_c:.0f}x)")
    jobs = _n_jobs(None)
    for j in sorted({1, jobs}):
        t = time.perf_counter()
        b = detect_breaks(w, n_jobs=j)
        dt = (time.perf_counter() - t) / n
        print(
            f"  detect_breaks (batch, BREAKS frame), {j} thread(s): {dt * 1e3:6.2f} ms   ({t_np / dt:.0f}x; "
            f"{len(b)} breaks)"
        )
    assert isinstance(b, pd.DataFrame)


def jit_cost():
    import os
    import subprocess
    import tempfile

    code = (
        "import time; t = time.perf_counter(); import numpy as np; from trends.detect._core import pelt; "
        "t1 = time.perf_counter(); pelt(np.arange(30.)); print(time.perf_counter() - t1, t1 - t)"
    )
    root = str(Path(__file__).resolve().parents[1])
    with tempfile.TemporaryDirectory() as cache:
        env = {**os.environ, "NUMBA_CACHE_DIR": cache, "PYTHONPATH": root}
        print("\nnumba JIT cost in a fresh process (first pelt call; import of trends.detect + numpy apart):")
        for label in ("empty cache (compiles, once per install)", "cache filled (every later run)"):
            out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
            first, imp = (float(x) for x in out.stdout.split())
            print(f"  {label:42s} {first:6.2f} s   (imports {imp:.2f} s)")


def arl(n=500, weeks=1000):
    start = 52 + 8 - 1
    print(f"\nARL0 with threshold {THRESHOLD} ({n} quiet series x {weeks} monitored weeks per cell)")
    print("  rate  k     P(false alarm within 52 wk)  median run length (wk)  mean run length (wk, censored)")
    for rate in (0.5, 2.0, 8.0):
        for k in (np.inf, 5.0, 2.0):
            Y = nb_draw(np.random.default_rng(7), np.full((n, start + weeks), rate), k).astype(float)
            fa = first_alarms(Y)
            rl = np.where(fa < 0, weeks, fa - start + 1)
            med = np.median(rl)
            med_s = f">{weeks}" if med >= weeks else f"{med:.0f}"
            print(f"  {rate:4.1f}  {k:4.0f}  {np.mean(rl <= 52):27.3f}  {med_s:>22s}  {rl.mean():>10.0f}")
    print("\ndetection delay (weeks from onset to alarm; 0 = alarm in the onset week), baseline rate x ratio, k=5")
    print("  rate  ratio  P(alarm within 4 wk)  P(within 8 wk)  median delay  onset estimate within 2 wk")
    for rate in (0.5, 2.0, 8.0):
        for ratio in (2.0, 3.0):
            tau = 100
            mean = np.r_[np.full(tau, rate), np.full(40, rate * ratio)]
            Y = nb_draw(np.random.default_rng(8), np.broadcast_to(mean, (n, len(mean))), 5.0).astype(float)
            fa = first_alarms(Y, start=tau)
            d = np.where(fa < 0, 99, fa - tau)
            onset_ok = []
            for i in np.flatnonzero((fa >= 0) & (fa - tau < 8)):
                t = fa[i]
                r = glr_scores(Y[i : i + 1, t - 8 + 1 - 52 : t - 8 + 1], Y[i : i + 1, t - 8 + 1 : t + 1])
                onset_ok.append(abs(t - 8 + 1 + r["onset"][0] - tau) <= 2)
            print(
                f"  {rate:4.1f}  {ratio:5.1f}  {np.mean(d < 4):20.2f}  {np.mean(d < 8):14.2f}  {np.median(d):12.0f}"
                f"  {np.mean(onset_ok) if onset_ok else float('nan'):26.2f}"
            )


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--arl", action="store_true", help="also measure ARL0 and detection delay (about a minute)")
    ap.add_argument("--series", type=int, default=400, help="panel size for the per-series timing (default 400)")
    a = ap.parse_args()
    speed()
    panel_speed(a.series)
    jit_cost()
    if a.arl:
        arl()
