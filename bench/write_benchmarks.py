"""Run the benchmarks and write their output to docs/benchmarks.md (what `make bench` does).

Each benchmark runs in its own process; its stdout (the printed tables and ratios) goes verbatim into the page
under a heading that says what it measures and the exact command, with the machine and the date of the run.
Numbers are measured on this machine in this run; ratios compare against a baseline timed in the same run.

    .venv/bin/python bench/write_benchmarks.py            # the full set (tens of minutes on 2 cores)
    .venv/bin/python bench/write_benchmarks.py --quick    # smaller sizes, a few minutes
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

#: (title, what it measures, arguments of the full run, arguments of --quick)
BENCHES = [
    (
        "Ingest and weekly counts",
        "Ingest rate and peak memory for synthetic event files, and weekly counts "
        "(zero-filled) against plain pandas on the same data.",
        ["bench/ingest_weekly.py"],
        ["bench/ingest_weekly.py", "--sizes", "1e6"],
    ),
    (
        "The weekly pass against Prophet",
        "Change points, forecasts and alerts for every series, as `trends run` "
        "does them, against Prophet fitted on every series in the same run; forecast skill of both.",
        ["bench/models.py"],
        ["bench/models.py", "--series", "500", "--prophet-sample", "50", "--origins", "2"],
    ),
    (
        "Alert and forecast skill",
        "Detection probability, false alarms and delay of the alert rules on simulated "
        "panels with known truth; detection delay of known escalations in the shipped sample; rolling-origin "
        "backtest of the forecast models against the naive baselines.",
        ["bench/skill.py"],
        ["bench/skill.py", "--seeds", "1", "--series", "200", "--origins", "4"],
    ),
    (
        "Change-point speed",
        "Compiled and numpy PELT against ruptures on the same series; panel throughput.",
        ["bench/detect_speed.py"],
        ["bench/detect_speed.py", "--series", "200"],
    ),
    (
        "Forecast model speed",
        "Per-series fit and predict time of every model, as a ratio to Prophet.",
        ["bench/forecast_speed.py"],
        ["bench/forecast_speed.py", "--series", "500", "--prophet-series", "5"],
    ),
    (
        "Forecast skill on the shipped sample",
        "Rolling-origin backtest of every model on the shipped UCDP sample and on synthetic panels: MASE, "
        "scaled pinball loss and interval coverage per horizon group, and each model's ratio to the naive "
        "baselines on the same rows (the forecasting reference, docs/forecasting.md, discusses them).",
        ["bench/forecast_backtest.py"],
        ["bench/forecast_backtest.py", "--origins", "2", "--synthetic-series", "0"],
    ),
    (
        "Extraction speed",
        "Extraction time of a 30,000-character report and the time ratio of 4x longer reports, with and "
        "without line breaks (linear time = a ratio of about 4).",
        ["bench/extract_speed.py", "--big", "5000000"],
        ["bench/extract_speed.py"],
    ),
    (
        "`make demo`",
        "`trends demo` from an empty folder and again on the same store, the report's PDF included.",
        ["bench/demo_time.py"],
        ["bench/demo_time.py"],
    ),
]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="smaller sizes (a few minutes)")
    ap.add_argument("--out", default=str(ROOT / "docs" / "benchmarks.md"), help="page to write")
    args = ap.parse_args(argv)
    parts, failed = [], []
    for title, what, full, quick in BENCHES:
        cmd = quick if args.quick else full
        print(f"running {' '.join(cmd)}", file=sys.stderr, flush=True)
        t0 = time.monotonic()
        p = subprocess.run(
            [sys.executable, *cmd], cwd=ROOT, capture_output=True, text=True, env={**os.environ, "PYTHONHASHSEED": "0"}
        )
        secs = time.monotonic() - t0
        out = p.stdout.strip() or "(no output)"
        err = p.stderr[-2000:].replace(str(ROOT) + os.sep, "").replace(sys.prefix, ".venv")  # no machine paths
        status = "" if p.returncode == 0 else f"\n\nExit code {p.returncode}; stderr:\n\n```\n{err}\n```"
        if p.returncode != 0:
            failed.append(title)
        parts.append(
            f"## {title}\n\n{what}\n\n`.venv/bin/python {' '.join(cmd)}` ({secs:.0f} s)\n\n```\n{out}\n```{status}\n"
        )
    head = (
        f"# Benchmarks\n\nMeasured by `make bench` (`.venv/bin/python bench/write_benchmarks.py"
        f"{' --quick' if args.quick else ''}`) on {dt.date.today().isoformat()}: {platform.machine()}, "
        f"{os.cpu_count()} cores, Python {platform.python_version()}, {platform.system()}. "
        "Every ratio compares with a baseline timed in the same run on the same data; the page is rewritten "
        "on every run, so its numbers are this machine's, not a target.\n"
    )
    Path(args.out).write_text(head + "\n" + "\n".join(parts), encoding="utf-8")
    print(f"wrote {args.out}", file=sys.stderr)
    if failed:  # the page says which and why; the exit code tells `make bench`
        print(f"failed: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
