"""Write the weekly trend report for one ISO week (HTML, Markdown, PDF, alerts.csv, map GeoJSON, figures).

Analyses the week from the event store (weekly counts, change points, forecasts, alerts; nothing is written to
the database) and writes <out>/<week>/: report.html (self-contained, figures embedded), report.md with
figures/*.png beside it, report.pdf (the HTML laid out for A4), alerts.csv and map-events.geojson. Re-running a
week replaces that week's folder in one swap, so an interrupted run leaves the previous report as it was; what an
interrupted `trends run` or `trends report` left in the folder is repaired first. Settings (models, horizon,
alert thresholds, the reports folder) come from --config, else ./trends.toml if present, else the defaults.

Example:
  trends ingest --sample
  trends report --week 2019-W48                       # -> reports/2019-W48/report.html
  trends report --week 2019-11-27 --out /tmp/reports  # any day of the week works
  trends report --open                                # the latest complete week, opened in the browser
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from ..errors import TrendsError

log = logging.getLogger(__name__)


def add_arguments(parser) -> None:
    parser.add_argument(
        "--week",
        metavar="WEEK",
        help="ISO week like 2019-W48, or any date in it (default: the latest complete week in the store)",
    )
    parser.add_argument(
        "--out",
        metavar="DIR",
        default=None,
        help="reports folder; the report goes to DIR/<week>/ (default: paths.reports of the config, else reports)",
    )
    parser.add_argument(
        "--config",
        metavar="FILE",
        help="trends.toml with models and alert thresholds (default: ./trends.toml if it exists, "
        "else built-in defaults)",
    )
    parser.add_argument(
        "--open", action="store_true", help="open report.html in the default browser when done (where one exists)"
    )


def run(args) -> int:
    from .. import store
    from ..config import find_config
    from ..pipeline import analyse_week, committed_tokens, latest_complete_week
    from ..report import publish, render_weekly
    from ..store import default_db_path
    from ..weeks import parse_week, week_label
    from ._common import stage_progress

    config = find_config(args.config)
    out = Path(args.out) if args.out else config.paths.reports
    # as for `trends run`: the config's database unless --db is given on the command line
    db = Path(args.db) if (config.source is None or args.db != default_db_path()) else config.paths.db
    if str(db) != ":memory:" and not db.exists():
        raise TrendsError(
            f"database {db} does not exist; create it with `trends ingest --sample --db {db}` or `trends ingest FILE`"
        )
    week = parse_week(args.week) if args.week else None
    hook, stop = stage_progress(("weekly", "detect", "forecast", "alert", "report"))
    try:
        con = store.connect(str(db), read_only=True)
        try:
            # a run killed after its store commit is completed here, so the reports match the stored alerts
            publish.recover(out, committed_tokens(con), config.paths.alerts_json if config.source else None)
            week = week or latest_complete_week(con)
            log.info("analysing %s", week_label(week))
            analysis = analyse_week(con, week, config, on_stage=hook)
        finally:
            con.close()
        hook("report")
        path = render_weekly(analysis, out)
    finally:
        stop()
    n = len(analysis.alerts)
    html = path / "report.html"
    print(f"{week_label(week)}: {n} alert{'s' if n != 1 else ''}; report written to {html}")
    if args.open:
        open_in_browser(html)
    return 0


def open_in_browser(path: Path) -> bool:
    """Open `path` in the default browser; say so on stderr when there is none (a server, a cron job)."""
    import webbrowser

    try:
        ok = webbrowser.open(path.resolve().as_uri())
    except webbrowser.Error:
        ok = False
    if not ok:
        print(f"no browser found to open {path}; open it by hand", file=sys.stderr)
    return ok
