"""Run the whole weekly job on the UCDP sample shipped with trends and write a report.

Ingests trends/data/ucdp_ged_jihadist_events.parquet (UCDP GED, CC BY 4.0) into --db (skipped when already
there), then runs the same pipeline as `trends run` for one week: weekly counts, change points, forecasts,
resurgence alerts (stored in the database), and the report with alerts.json under <out>/<week>/. Prints the
alerts, the top rising series and the report path.

The default week, 2019-W48 (25 Nov - 1 Dec 2019), is the last one in which the sample's Syria (Islamic State,
SDF, HTS), Nigeria (Boko Haram, ISWAP) and Sahel (JNIM, IS Sahel) series are all live. The Syria extract ends
on 2019-11-26, so Syrian counts that week are partial; the Iraq extract ends in December 2018.

Example:
  trends demo --db trends.duckdb --out reports/            # what `make demo` runs
  trends demo --week 2019-W37                               # another week (ISWAP surge in Borno)
"""
from __future__ import annotations

import time
from pathlib import Path

DEFAULT_WEEK = "2019-W48"


def add_arguments(parser) -> None:
    parser.add_argument("--out", metavar="DIR", default="reports/",
                        help="reports folder; the report goes to DIR/<week>/ (default reports/)")
    parser.add_argument("--week", default=DEFAULT_WEEK, metavar="WEEK",
                        help=f"ISO week to report (default {DEFAULT_WEEK}; the sample covers 2001-W38 to 2021-W52)")
    parser.add_argument("--top", type=int, default=5, metavar="N", help="how many rising series to list (default 5)")


def run(args) -> int:
    from ..config import Paths, RunConfig
    from ..errors import UsageError
    from ..pipeline import demo_db, run as run_pipeline, summary_text
    from ..weeks import parse_week, week_label

    if args.top < 1:
        raise UsageError("--top must be at least 1")
    week = parse_week(args.week)
    t0 = time.monotonic()
    db = demo_db(args.db)
    cfg = RunConfig(paths=Paths(db=Path(db), inbox=None, reports=Path(args.out)), week=week)
    if week_label(week) == DEFAULT_WEEK:
        print(f"{DEFAULT_WEEK}: the last week in which the sample's Syria, Nigeria and Sahel series are all live "
              "(Syria's extract ends on 2019-11-26, mid-week; Iraq's in 2018-12). Use --week to pick another.")
    result = run_pipeline(cfg)
    print(summary_text(result, top=args.top))
    print(f"demo finished in {time.monotonic() - t0:.0f} s; explore the store with "
          f"`trends sql --db {args.db} \"select * from alerts\"` or the notebooks in notebooks/")
    return 0
