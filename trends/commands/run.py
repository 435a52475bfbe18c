"""Run the weekly job: ingest the inbox, analyse the week, store alerts, write the report and alerts.json.

One command for cron. Ingests new files from the inbox folder (files already ingested, by SHA-256, are
skipped), computes weekly counts, change points, forecasts and alerts for the week (default: the latest complete
week in the store), stores the alerts, and writes <reports>/<week>/ (report.html, report.md, figures, alerts.csv,
alerts.json). Settings come from --config (default ./trends.toml if present; see `trends config --example`).

Re-running a week replaces that week's outputs. A run killed half-way leaves the database outputs and the
previous report as they were. A lock file beside the database (<db>.lock) stops a second run.

Exit codes:
  0   success
  1   failure (missing database, the store is unusable, a stage failed)
  2   bad configuration or arguments (the message names the key)
  3   --fail-on-alert was given and alerts at or above the level were raised
  4   the run completed, but inbox files were refused as a whole (unreadable, unknown format, a repeated
      header, too many bad rows): each was moved to <inbox>/rejected/ with a .reason file, nothing from it
      was stored, and the summary, the log and the report's issues name it (3 wins when both apply)
  75  the database is locked by another run (retry later)

Example:
  trends run --config trends.toml                    # cron: the latest complete week
  trends run --config trends.toml --week 2019-W48 --dry-run
  trends run --config trends.toml --fail-on-alert warning || notify-analysts
  trends run --config trends.toml --engine dask --scheduler tcp://10.0.0.5:8786
"""

from __future__ import annotations

import logging
import sys

from ..errors import UsageError

log = logging.getLogger(__name__)


def add_arguments(parser) -> None:
    parser.add_argument(
        "--config",
        metavar="FILE",
        help="trends.toml with paths, models and alert thresholds (default: ./trends.toml if it "
        "exists, else built-in defaults)",
    )
    parser.add_argument(
        "--week",
        metavar="WEEK",
        help="ISO week to analyse, e.g. 2019-W48 (default: run.week in the config, else the latest "
        "complete week in the store)",
    )
    parser.add_argument(
        "--dry-run",
        action="store_true",
        help="compute and print everything, write nothing (database, reports and alerts.json "
        "unchanged; inbox files are ingested into a throwaway copy)",
    )
    parser.add_argument(
        "--engine",
        choices=("local", "dask"),
        default=None,
        help="where model fits and backtests run: local (this process) or dask "
        '(dask.distributed; pip install "trends[dask]"); default: run.engine in the config, '
        "else local. Example: --engine dask --scheduler tcp://10.0.0.5:8786",
    )
    parser.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        default=None,
        help="dask scheduler address for --engine dask (default: run.scheduler in the config, else "
        "a local cluster of 2 workers). Example: --scheduler tcp://10.0.0.5:8786",
    )
    parser.add_argument(
        "--fail-on-alert",
        nargs="?",
        const="",
        default=None,
        metavar="LEVEL",
        help="exit 3 when an alert at or above LEVEL (watch < warning < alert) is raised (default: "
        'alerts.fail_on_level in the config, "warning")',
    )


def _load(args):
    from ..config import find_config
    from ..store import default_db_path

    cfg = find_config(args.config)
    if cfg.source is None:
        log.info(
            "no config file (--config, ./trends.toml): built-in defaults, database %s, no inbox, reports in "
            "%s/, week = latest complete, models auto, alert rules at their defaults (`trends config "
            "--example` shows them)",
            args.db,
            cfg.paths.reports,
        )
    # without a file, --db (or its default) is the database; with one, --db given on the command line wins over it
    if cfg.source is None or args.db != default_db_path():
        cfg = cfg.with_db(args.db)
    if args.week:
        cfg = cfg.with_week(args.week)
    if args.engine or args.scheduler:
        cfg = cfg.with_engine(args.engine, args.scheduler)
    return cfg


def _stage_hook():
    """Progress on stderr when it is a terminal (and the TRENDS_RUN_PAUSE_AT test hook): commands._common."""
    from ..pipeline import STAGES
    from ._common import stage_progress

    return stage_progress(STAGES)


def run(args) -> int:
    from ..config import alert_levels
    from ..pipeline import run as run_pipeline
    from ..pipeline import summary_text

    cfg = _load(args)
    level = None
    if args.fail_on_alert is not None:
        level = args.fail_on_alert or cfg.alerts.fail_on_level
        if level not in alert_levels():
            raise UsageError(f"--fail-on-alert: unknown level {level!r}; choose from {', '.join(alert_levels())}")
    hook, stop = _stage_hook()
    try:
        result = run_pipeline(cfg, dry_run=args.dry_run, on_stage=hook)
    finally:
        stop()
    print(summary_text(result))
    if level is not None:
        n = result.alerts_at_or_above(level)
        if n:
            print(f"{n} alert(s) at level {level!r} or above: exit 3 (--fail-on-alert)", file=sys.stderr)
            return 3
    if result.quarantined:
        where = "left in the inbox (dry run)" if args.dry_run else f"moved to {result.quarantined[0].moved_to.parent}"
        print(
            f"{len(result.quarantined)} inbox file(s) refused, nothing stored from them ({where}, each with a "
            ".reason file): exit 4; the rest of the run completed",
            file=sys.stderr,
        )
        return 4
    return 0
