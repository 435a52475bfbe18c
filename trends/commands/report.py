"""Write the weekly trend report for one ISO week (HTML, Markdown, PDF, alerts.csv, figures).

Analyses the week from the event store (weekly counts, change points, forecasts, alerts; nothing is written to
the database) and writes <out>/<week>/: report.html (self-contained, figures embedded), report.md with
figures/*.png beside it, report.pdf and alerts.csv. Re-running a week replaces that week's folder in one swap, so an
interrupted run leaves the previous report as it was. Settings (models, horizon, alert thresholds) come from
--config, else ./trends.toml if present, else the built-in defaults.

Example:
  trends ingest --sample
  trends report --week 2019-W48                       # -> reports/2019-W48/report.html
  trends report --week 2019-11-27 --out /tmp/reports  # any day of the week works
  trends report                                       # the latest complete week in the store
"""
from __future__ import annotations

import logging
from pathlib import Path

from ..errors import TrendsError

log = logging.getLogger(__name__)


def add_arguments(parser) -> None:
    parser.add_argument("--week", metavar="WEEK",
                        help="ISO week like 2019-W48, or any date in it (default: the latest complete week in the "
                             "store)")
    parser.add_argument("--out", metavar="DIR", default="reports",
                        help="reports folder; the report goes to DIR/<week>/ (default: reports)")
    parser.add_argument("--config", metavar="FILE",
                        help="trends.toml with models and alert thresholds (default: ./trends.toml if it exists, "
                             "else built-in defaults)")


def run(args) -> int:
    from .. import store
    from ..report import render_weekly
    from ..weeks import parse_week, week_label

    try:  # the analysis stage (trends.pipeline, trends.config) is imported only when the command runs
        from ..config import find_config
        from ..pipeline import analyse_week, latest_complete_week
    except ImportError as e:
        raise TrendsError(f"`trends report` needs the analysis pipeline (trends.pipeline), which this installation "
                          f"lacks ({e}); reinstall trends") from None
    config = find_config(args.config)
    db = Path(args.db)
    if str(db) != ":memory:" and not db.exists():
        raise TrendsError(f"database {db} does not exist; create it with `trends ingest --sample --db {db}` "
                          "or `trends ingest FILE`")
    con = store.connect(str(db), read_only=True)
    try:
        week = parse_week(args.week) if args.week else latest_complete_week(con)
        log.info("analysing %s", week_label(week))
        analysis = analyse_week(con, week, config)
    finally:
        con.close()
    path = render_weekly(analysis, Path(args.out))
    n = len(analysis.alerts)
    print(f"{week_label(week)}: {n} alert{'s' if n != 1 else ''}; report written to {path / 'report.html'}")
    return 0
