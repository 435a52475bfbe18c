"""`trends demo` timed from an empty folder (the sample ingested) and again on the same store (sample already in).

Each run is a fresh `trends demo` process writing into a temporary folder, as `make demo` runs it after the
install; the report's PDF layout is part of the time. Prints one line per run.

    .venv/bin/python bench/demo_time.py [--week 2019-W01]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--week", default="2019-W01", help="week reported (default 2019-W01, the demo's)")
    a = ap.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="trends-demo-bench-") as tmp:
        db, out = Path(tmp) / "demo.duckdb", Path(tmp) / "reports"
        cmd = [sys.executable, "-m", "trends.cli", "demo", "--db", str(db), "--out", str(out), "--week", a.week, "-q"]
        print("| run | seconds | report files |\n|---|---|---|")
        for what in ("empty store (sample ingested)", "second run (sample already in the store)"):
            t = time.perf_counter()
            p = subprocess.run(cmd, capture_output=True, text=True)
            secs = time.perf_counter() - t
            if p.returncode != 0:
                print(p.stderr[-2000:], file=sys.stderr)
                return p.returncode
            n = sum(1 for f in (out / a.week).rglob("*") if f.is_file())
            print(f"| {what} | {secs:.1f} | {n} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
