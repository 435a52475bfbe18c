"""Pipeline: the weekly job (ingest inbox -> weekly counts -> breaks -> forecasts -> alerts -> report).

This is the only module that knows the stage order. `analyse_week` computes a `WeekAnalysis` from the store
(read-only); `run_week` adds the side effects of a scheduled run in an order that survives being killed:

1. ingest new inbox files, one transaction per file (already-ingested files are skipped by SHA-256);
2. analyse the week (nothing written);
3. render the report and alerts.json into a staging folder beside the reports folder, then mark it ready
   (`.<week>.new-<run token>`);
4. replace the week's stored outputs (alerts, the `runs` row with the same token) in one transaction;
5. swap the ready folder in for `<reports>/<week>/` (two renames) and copy alerts.json to paths.alerts_json.

A run killed before step 4 commits leaves the database's outputs and the previous report as they were; one killed
after it is completed by the next command that writes reports (trends.report.publish.recover), so the store's
alerts and the published alerts.json agree after any kill. Scope (watch list, coverage) is in trends.scope,
the inbox in trends.ingest.inbox, publishing in trends.report.publish, the printed summary in trends.summary.
"""

from __future__ import annotations

import contextlib
import ctypes
import datetime as dt
import logging
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd

from . import __version__, store
from .alert.config import LEVELS, level_rank
from .config import RunConfig
from .errors import NothingMatched, TrendsError
from .frames import BREAKS, FORECASTS, SERIES_KEY, WeekAnalysis, issues_frame
from .ingest.inbox import file_sha256, inbox_files, ingest_inbox  # noqa: F401  (re-exported: the run's first stage)
from .lock import RunLock
from .scope import (  # noqa: F401
    ACTIVE_WEEKS,
    active_rows,
    active_series,
    actor_families,
    coverage_issues,
    data_snapshot,
    data_sources,
    events_span,
    latest_complete_week,
    n_series,
    recent_events,
    rows_since,
    series_code,
    series_max,
    take_rows,
    watch_filter,
)
from .summary import summary_text, top_rising  # noqa: F401  (re-exported for trends run / demo)
from .weeks import monday, week_label

log = logging.getLogger(__name__)

#: The stages of `run_week`, in order; `on_stage(name)` is called as each one starts (progress, tests).
STAGES = ("ingest", "weekly", "detect", "forecast", "alert", "backtest", "report", "store", "publish")

#: Change points are searched in this many weeks before the cutoff: the report draws 78 weeks and its headline
#: names recent breaks, and a break needs data on both sides. A 15-year series costs PELT ~10x the time of a
#: 3-year window (23 ms vs 2 ms per series at 20k series, bench/weekly_job.py).
DETECT_WEEKS = 156

StageHook = Callable[[str], None]


@dataclass
class RunResult:
    """What a run did: files ingested or skipped, the analysis, and where the outputs went."""

    week: dt.date
    analysis: WeekAnalysis
    dry_run: bool = False
    ingested: list = field(default_factory=list)  # IngestResult per new inbox file
    skipped_files: list[Path] = field(default_factory=list)
    new_files: list[Path] = field(default_factory=list)  # inbox files ingested (or, in a dry run, that would be)
    quarantined: list = field(default_factory=list)  # ingest.inbox.Quarantined: inbox files refused as a whole
    report_dir: Path | None = None
    alerts_json: Path | None = None
    seconds: float = 0.0

    def alerts_at_or_above(self, level: str) -> int:
        """Number of this week's alerts whose level is `level` or higher."""
        rank = level_rank(level)
        a = self.analysis.alerts
        if a is None or a.empty:
            return 0
        return int(a["level"].map(lambda lv: lv in LEVELS and level_rank(lv) >= rank).sum())


def _as_week(week) -> dt.date:
    """The Monday `week` is; a `date` is expected (labels are parsed once, at the CLI or config edge)."""
    if isinstance(week, pd.Timestamp):
        week = week.date()
    if not isinstance(week, dt.date):
        raise TrendsError(f"week must be a date (the Monday), got {week!r}; parse labels with trends.weeks.parse_week")
    return monday(week)


def _empty(cols: list[str]) -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype="object") for c in cols})


# ------------------------------------------------------------------------------------------------ analysis
def trim_heap() -> None:
    """Give the memory the last stage freed back to the OS before the next one starts.

    glibc keeps freed heap pages of the many mid-sized arrays a stage allocates (at 20k series several hundred
    MB after the alert stage), so each stage's peak would stack on the one before; malloc_trim returns them.
    A no-op where the C library has no malloc_trim (macOS, musl).
    """
    try:
        ctypes.CDLL(None).malloc_trim(0)
    except (OSError, AttributeError):
        pass


def compute_alerts(weekly: pd.DataFrame, week: dt.date, config: RunConfig) -> pd.DataFrame:
    """ALERTS frame (+ first_seen, last_seen, status, detail) for `week`, most severe first.

    The level-shift rule runs its own lull-then-shift scan (no `breaks` passed), so the run's alerts are exactly
    those of `trends alerts --from W --to W`, which evaluates each week with data before it only.
    """
    from . import alert

    out = alert.flag_resurgences(weekly, week=pd.Timestamp(week), rules=config.alerts.to_rule_config())
    if out.empty:
        return out.reset_index(drop=True)
    out = out.assign(_l=out["level"].map(level_rank))
    return (
        out.sort_values(["_l", "score"], ascending=[False, False], kind="stable")
        .drop(columns="_l")
        .reset_index(drop=True)
    )


def analyse_week(
    con: duckdb.DuckDBPyConnection, week, config: RunConfig | None = None, *, on_stage: StageHook | None = None
) -> WeekAnalysis:
    """Everything the weekly report shows for `week`, computed from the store without writing to it.

    Args:
        con: an open store.
        week: Monday of the week to analyse (parse labels with trends.weeks.parse_week at the edge).
        config: horizon, models, alert rules and how many recent weeks of events to include.
        on_stage: called with each stage name as it starts ('weekly', 'detect', 'forecast', 'alert').

    Returns:
        WeekAnalysis: weekly history up to and including `week`, breaks dated up to `week`, forecasts with
        cutoff = week + 7 days, the week's alerts, recent events, sources, and series-level issues.
    """
    from . import engine as engines

    config = config or RunConfig()
    with contextlib.closing(engines.make_engine(config.engine, config.scheduler)) as eng:
        return _analyse(con, week, config, on_stage, eng)


def _analyse(con, week, config: RunConfig, on_stage, eng) -> WeekAnalysis:
    """analyse_week with the engine `eng` open (trends.engine)."""
    from . import aggregate, detect
    from . import engine as engines
    from .forecast.panel import HISTORY_WEEKS

    week = _as_week(week)
    hook = on_stage or (lambda name: None)
    cutoff = week + dt.timedelta(days=7)
    issues: list[dict] = []

    hook("weekly")
    last = con.execute("select max(event_date) from events").fetchall()[0][0]
    if last is None:
        raise TrendsError("the store has no events; ingest a file first (`trends ingest FILE`)")
    if week > monday(last):
        raise NothingMatched(
            f"week {week_label(week)} is after the latest event in the store ({last}); ingest newer "
            f"data first or choose an earlier week (--week)"
        )
    if week + dt.timedelta(days=6) > pd.Timestamp(last).date():
        log.warning(
            "%s is not complete in the store (latest event %s): its counts may still grow", week_label(week), last
        )
    # counts stop at each country's coverage end (a source that ends is not a collapse), then only the watched
    # actors' series whose country still has data in the reported week go on (see README: weekly run)
    weekly = aggregate.weekly_counts(con, end=week, clip_to_coverage=True)
    weekly = take_rows(weekly, weekly["week"].to_numpy() <= np.datetime64(pd.Timestamp(week)))
    if weekly.empty:
        raise NothingMatched(
            f"no events on or before {week_label(week)}; nothing to analyse: choose a later week (--week); "
            + events_span(con)
        )
    weekly, left_out = watch_filter(con, weekly, config.watch)
    watched_actors = set(weekly["actor"])
    if weekly.empty:
        raise TrendsError(
            f"no series of the watched actors ({config.watch.describe()}) on or before "
            f"{week_label(week)}; widen [watch] in the config"
        )
    issues += coverage_issues(con, week, weekly["country"].unique()).to_dict("records")
    weekly = take_rows(weekly, series_max(weekly, "week") == np.datetime64(pd.Timestamp(week), "ns"))
    if len(left_out):
        top = ", ".join(f"{a} ({int(n)})" for a, n in zip(left_out["actor"].head(5), left_out["events"].head(5)))
        issues.append(
            dict(
                stage="watch",
                actor="",
                country="",
                province="",
                error=config.watch.describe(),
                detail=f"{int(left_out['series'].sum())} series of {len(left_out)} other actors left "
                f"out, most events: {top}",
            )
        )
    # the active series' rows as a mask: each stage takes the rows it reads from `weekly` (a copy of the active
    # rows themselves would hold nearly every row twice)
    act = active_rows(weekly, cutoff)
    wk = weekly["week"].to_numpy()
    log.info(
        "%s: %d series, %d active in the last %d weeks",
        week_label(week),
        n_series(weekly),
        _count_series(weekly, act),
        ACTIVE_WEEKS,
    )
    no_active = not act.any()

    def active_since(first: pd.Timestamp) -> pd.DataFrame:  # rows_since(active_series(weekly, cutoff), first)
        return take_rows(weekly, act & (wk >= np.datetime64(first, "ns")))

    trim_heap()
    hook("detect")
    if no_active:
        breaks = _empty(BREAKS)
    else:
        recent = active_since(pd.Timestamp(cutoff) - pd.Timedelta(weeks=DETECT_WEEKS))
        parts = [detect.detect_breaks(recent), detect.online_shifts(recent, last=8)]
        parts = [p for p in parts if len(p)]
        breaks = pd.concat(parts, ignore_index=True) if parts else _empty(BREAKS)
        breaks = breaks[pd.to_datetime(breaks["week"]) <= pd.Timestamp(week)].reset_index(drop=True)
        del recent, parts  # a copy of the last DETECT_WEEKS of every series (~3M rows at 20k series)

    trim_heap()
    hook("forecast")
    models = "auto" if config.models == "auto" else list(config.models)
    if no_active:
        forecasts, chosen = _empty(FORECASTS), _empty(SERIES_KEY + ["model"])
    else:
        # per-series fitting on the configured engine (run.engine: local, or dask.distributed)
        window = active_since(pd.Timestamp(cutoff) - pd.Timedelta(weeks=HISTORY_WEEKS))
        forecasts = engines.forecast(
            eng, window, models=models, horizon=config.horizon, cutoff=pd.Timestamp(cutoff), active_weeks=ACTIVE_WEEKS
        )
        del window
        fc_issues = forecasts.attrs.get("issues")
        if fc_issues is not None and len(fc_issues):
            issues += fc_issues.to_dict("records")
        chosen = forecasts.attrs.get("models")
        if chosen is None or not len(chosen):
            chosen = forecasts[SERIES_KEY + ["model"]].drop_duplicates(subset=SERIES_KEY).reset_index(drop=True)

    trim_heap()
    hook("alert")
    alerts = compute_alerts(weekly, week, config)
    if len(alerts):
        from .alert import attach_events, drop_unmatched_expansions

        alerts = attach_events(con, drop_unmatched_expansions(con, alerts))

    trim_heap()
    hook("backtest")
    skill = None
    if config.backtest and not no_active:
        skill = _skill_summary(weekly, act, models, config.horizon, cutoff, eng)

    return WeekAnalysis(
        week=week,
        weekly=weekly,
        breaks=breaks,
        forecasts=forecasts,
        alerts=alerts,
        events=recent_events(con, week, config.recent_weeks, watched_actors),
        skill=skill,
        models=chosen,
        sources=data_sources(con),
        issues=issues_frame(issues),
        families=actor_families(con),
        snapshot={**data_snapshot(con), "generated_at": dt.datetime.now(dt.UTC)},
    )


def _count_series(weekly: pd.DataFrame, rows: np.ndarray) -> int:
    """Number of series with a row in the mask `rows` (by trends.scope.series_code)."""
    code = series_code(weekly)
    if not rows.any():
        return 0
    return int(np.count_nonzero(np.bincount(code[rows] - code.min())))


def _skill_summary(
    weekly: pd.DataFrame, active: np.ndarray, models, horizon: int, cutoff: dt.date, eng=None
) -> pd.DataFrame:
    """Rolling-origin backtest at 4 origins 13 weeks apart in the year before the cutoff, per model and horizon,
    on the series of `weekly` whose rows the mask `active` marks (scope.active_rows)."""
    from . import engine as engines
    from .forecast.backtest import summarise
    from .forecast.panel import HISTORY_WEEKS

    origins = [pd.Timestamp(cutoff) - pd.Timedelta(weeks=k) for k in (52, 39, 26, 13)]
    # one copy of the rows the backtest reads (the weeks before the cutoff, from HISTORY_WEEKS before the first
    # origin: rows_since says why that gives the same numbers) and only the columns it reads; the backtest
    # turns them into one (series x weeks) panel for all origins (trends.forecast.matrix)
    wk = weekly["week"].to_numpy()
    first = np.datetime64(origins[0] - pd.Timedelta(weeks=HISTORY_WEEKS), "ns")
    keep = active & (wk < np.datetime64(pd.Timestamp(cutoff), "ns")) & (wk >= first)
    del wk
    cols = SERIES_KEY + ["week", "events", "fatalities"]
    hist = pd.DataFrame({c: weekly[c].to_numpy()[keep] for c in cols}, copy=False)
    del keep
    names = ["naive", "mean"] + ([m for m in models if m not in ("naive", "mean")] if models != "auto" else ["auto"])
    return summarise(
        engines.backtest(eng or engines.LocalEngine(), hist, models=names, origins=origins, horizon=min(horizon, 12))
    )


# ------------------------------------------------------------------------------------------------ the run
def store_outputs(
    con: duckdb.DuckDBPyConnection,
    analysis: WeekAnalysis,
    result: RunResult,
    config: RunConfig,
    hook: StageHook,
    started: float,
    run_at: dt.datetime,
) -> None:
    """Replace the week's alerts and its `runs` row (run_at = the staged report's token) in one transaction."""
    from . import alert

    with store.transaction(con):
        # store_alerts' own transaction joins this one (store.transaction is re-entrant): one commit for all outputs
        alert.store_alerts(con, analysis.alerts, weeks=[analysis.week])
        con.execute("delete from runs where week = ?", [analysis.week])
        a = analysis.alerts
        con.execute(
            "insert into runs (week, run_at, config, trends_version, files_ingested, files_skipped, series, "
            "alerts, alerts_new, report_dir, seconds) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                analysis.week,
                run_at,
                str(config.source) if config.source else None,
                __version__,
                len(result.new_files),
                len(result.skipped_files),
                n_series(analysis.weekly),
                int(len(a)),
                int((a["status"] == "new").sum()) if "status" in a and len(a) else int(len(a)),
                str(result.report_dir) if result.report_dir else None,
                round(time.monotonic() - started, 2),
            ],
        )
        hook("store:written")  # everything is written but not committed (tests kill the run here)


def committed_tokens(con: duckdb.DuckDBPyConnection) -> Callable[[str], str | None]:
    """label -> publish token of that week's committed run (for trends.report.publish.recover)."""
    from .report.publish import run_token
    from .weeks import parse_week

    def token(label: str) -> str | None:
        try:
            week = parse_week(label)
        except TrendsError:
            return None
        row = con.execute("select run_at from runs where week = ?", [week]).fetchone()
        return run_token(row[0]) if row and row[0] is not None else None

    return token


def run_week(
    con: duckdb.DuckDBPyConnection,
    config: RunConfig,
    *,
    dry_run: bool = False,
    on_stage: StageHook | None = None,
    today: dt.date | None = None,
) -> RunResult:
    """The scheduled weekly job on an open store; see the module docstring for the order and guarantees.

    Args:
        con: the store (in a dry run, a throwaway copy: see `run`).
        config: paths, week (None = latest complete week), horizon, models, alert rules.
        dry_run: compute everything, write no report, store no outputs.
        on_stage: called with each stage name as it starts (STAGES), for progress display and tests.

    Returns:
        RunResult with the analysis, the inbox files ingested/skipped and the output paths.
    """
    from .report import publish, write_report

    started = time.monotonic()
    hook = on_stage or (lambda name: None)
    reports = config.paths.reports

    hook("ingest")
    ingested, new, skipped, refused = ingest_inbox(con, config.paths.inbox, move=not dry_run)
    week = config.week or latest_complete_week(con, today=today)
    log.info("analysing %s (%s to %s)", week_label(week), week, week + dt.timedelta(days=6))
    analysis = analyse_week(con, week, config, on_stage=hook)
    if refused:  # the report says so too (Methods, issues), not only the run summary
        analysis.issues = issues_frame([*analysis.issues.to_dict("records"), *(_refused_issue(q) for q in refused)])
    result = RunResult(
        week=week,
        analysis=analysis,
        dry_run=dry_run,
        ingested=ingested,
        skipped_files=skipped,
        new_files=new,
        quarantined=refused,
    )
    if dry_run:
        result.seconds = time.monotonic() - started
        return result

    trim_heap()
    hook("report")
    label = week_label(week)
    publish.recover(reports, committed_tokens(con), config.paths.alerts_json)
    run_at = dt.datetime.now()
    tmp = publish.staging_dir(reports, label)
    try:
        write_report(analysis, tmp)
        publish.write_alerts_json(analysis.alerts, tmp / "alerts.json")
        ready = publish.mark_ready(tmp, label, publish.run_token(run_at))
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    final = reports / label
    result.report_dir = final
    result.alerts_json = final / "alerts.json"

    hook("store")
    try:
        store_outputs(con, analysis, result, config, hook, started, run_at)
    except BaseException:
        shutil.rmtree(ready, ignore_errors=True)  # not committed: the staged report must not be published
        raise

    hook("publish")
    publish.swap_in(ready, final, hook)
    if config.paths.alerts_json:
        publish.copy_alerts_json(final / "alerts.json", config.paths.alerts_json)
        result.alerts_json = config.paths.alerts_json
    result.seconds = time.monotonic() - started
    log.info("done in %.1f s: %d alert(s), report in %s", result.seconds, len(analysis.alerts), result.report_dir)
    return result


def _refused_issue(q) -> dict:
    """An ISSUES row for an inbox file refused as a whole (trends.ingest.inbox.Quarantined)."""
    where = f"moved to {q.moved_to}" if q.moved_to else "dry run: left in the inbox"
    return {
        "stage": "ingest",
        "error": f"inbox file {q.file.name} refused, nothing stored from it",
        "detail": f"{q.reason} ({where})",
    }


@contextlib.contextmanager
def open_store(db: Path, *, dry_run: bool = False) -> Iterator[duckdb.DuckDBPyConnection]:
    """Open the store for a run; for a dry run, open a throwaway copy so nothing in `db` can change.

    Raises:
        TrendsError: the database does not exist (a scheduled run never creates one: a typo in the path
            must not start an empty store).
        StoreBusyError: another process (a notebook, `trends sql`) has the DuckDB file open.
    """
    if not db.exists():
        raise TrendsError(
            f"database {db} does not exist; create it with `trends ingest --db {db} FILE` or `trends demo --db {db}`"
        )
    with contextlib.ExitStack() as stack:
        path = db
        if dry_run:
            tmpdir = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="trends-dry-run-")))
            path = tmpdir / db.name
            shutil.copy2(db, path)
            wal = db.with_name(db.name + ".wal")
            if wal.exists():
                shutil.copy2(wal, path.with_name(path.name + ".wal"))
        con = store.connect(path)  # StoreBusyError (a LockError, exit 75) when another process has it open
        stack.callback(con.close)
        yield con


def run(
    config: RunConfig, *, dry_run: bool = False, on_stage: StageHook | None = None, today: dt.date | None = None
) -> RunResult:
    """`trends run`: take the lock beside the database, open it (a copy for a dry run) and run the week."""
    with RunLock(config.paths.db, command="trends run" + (" --dry-run" if dry_run else "")):
        with open_store(config.paths.db, dry_run=dry_run) as con:
            return run_week(con, config, dry_run=dry_run, on_stage=on_stage, today=today)


def demo_db(path: str | os.PathLike) -> Path:
    """A store at `path` holding the UCDP sample shipped with trends (ingested once; skipped when already there).

    Used by `trends demo` and the notebooks (when $TRENDS_DB is not set).
    """
    from .ingest import ingest_file, sample_path

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    con = store.connect(path)
    try:
        res = ingest_file(con, sample_path())
        if getattr(res, "skipped", False):
            log.info("the shipped sample is already in %s", path)
        else:
            log.info("ingested the shipped sample into %s: %d events", path, res.rows_new)
    finally:
        con.close()
    return path
