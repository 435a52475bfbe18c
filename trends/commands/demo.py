"""Run the whole weekly job on the UCDP sample shipped with trends and write a report.

Ingests trends/data/ucdp_ged_jihadist_events.parquet (UCDP GED, CC BY 4.0) into --db (skipped when already
there), then runs the same pipeline as `trends run` with the default settings for one week: weekly counts, change
points, forecasts (models auto, 8 weeks), resurgence alerts (stored in the database), and writes <out>/<week>/:
report.html, report.pdf, report.md, figures/*.png, alerts.csv, alerts.json and map-events.geojson (the map shows
the 4 weeks up to the reported one). Prints the alerts, the top rising series and the report path.

The default week, 2019-W01 (31 Dec 2018 - 6 Jan 2019), was picked from the data: the Syria, Nigeria and Sahel
sources are all live (Syria's ends 2019-11-26), and the week raises all four default alert kinds: HTS's offensive
in Aleppo (level shift and seasonal exceedance), online shifts for IS in Yobe, Burkina Faso's Sahel and Borno,
JNIM's first event in Burkina Faso's Centre-Nord (expansion) and a seasonal exceedance for HTS in Idlib. The Iraq extract ends the week before (2018-12-25), so
the report also shows how a source that ends is stated ("no data for Iraq after 2018-W52") rather than shown as
a collapse. A retrospective scan (`trends alerts --from 2018-06-04 --to 2019-11-18`) found no week in the
sample with more alert kinds.

Example:
  trends demo --db trends.duckdb --out reports/            # what `make demo` runs
  trends demo --week 2019-W48                               # the issue's example week (no alert today)
"""

from __future__ import annotations

import time
from pathlib import Path

DEFAULT_WEEK = "2019-W01"
#: printed before the run: why the default week (see the module docstring).
WHY_DEFAULT = (
    f"{DEFAULT_WEEK} (2018-12-31 to 2019-01-06) is the demo week: Syria, Nigeria and the Sahel all have "
    "data, and it raises every default alert kind (HTS in Aleppo: level shift, seasonal; IS in Yobe: "
    "shift; JNIM's first event in Centre-Nord: expansion); Iraq's data end the week before, which the report states. "
    "Use --week to pick another (2019-W48 is the issue's example)."
)


def add_arguments(parser) -> None:
    parser.add_argument(
        "--out",
        metavar="DIR",
        default="reports/",
        help="reports folder; the report goes to DIR/<week>/ (default reports/)",
    )
    parser.add_argument(
        "--week",
        default=DEFAULT_WEEK,
        metavar="WEEK",
        help=f"ISO week to report (default {DEFAULT_WEEK}; the sample covers 2001-W38 to 2021-W52)",
    )
    parser.add_argument("--top", type=int, default=5, metavar="N", help="how many rising series to list (default 5)")


def run(args) -> int:
    from ..config import Paths, RunConfig
    from ..errors import UsageError
    from ..pipeline import demo_db, summary_text
    from ..pipeline import run as run_pipeline
    from ..weeks import parse_week, week_label

    if args.top < 1:
        raise UsageError("--top must be at least 1")
    week = parse_week(args.week)
    _check_week_in_sample(week)  # before a minute of ingesting
    t0 = time.monotonic()
    db = demo_db(args.db)
    cfg = RunConfig(paths=Paths(db=Path(db), inbox=None, reports=Path(args.out)), week=week)
    if week_label(week) == DEFAULT_WEEK:
        print(WHY_DEFAULT)
    result = run_pipeline(cfg)
    print(summary_text(result, top=args.top))
    print(
        f"demo finished in {time.monotonic() - t0:.0f} s; explore the store with "
        f'`trends sql --db {args.db} "select * from alerts"` or the notebooks in notebooks/'
    )
    return 0


def _check_week_in_sample(week) -> None:
    """NothingMatched (exit 2) for a --week outside the weeks the shipped sample covers."""
    import pyarrow.parquet as pq

    from ..errors import NothingMatched
    from ..ingest import sample_path
    from ..weeks import monday, week_label

    t = pq.read_table(sample_path(), columns=["date_start", "date_end"]).to_pandas()
    first, last = (monday(t["date_start"].min()), monday(t["date_end"].max()))
    if not first <= week <= last:
        raise NothingMatched(
            f"--week {week_label(week)}: the shipped sample covers {week_label(first)} to {week_label(last)}; "
            f"pick a week in that range (default {DEFAULT_WEEK})"
        )
