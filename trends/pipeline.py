"""Pipeline: the weekly job (ingest inbox -> weekly counts -> breaks -> forecasts -> alerts -> report).

This is the only module that knows the stage order. `analyse_week` computes a `WeekAnalysis` from the store
(read-only); `run_week` adds the side effects of a scheduled run in an order that survives being killed:

1. ingest new inbox files, one transaction per file (already-ingested files are skipped by SHA-256);
2. analyse the week (nothing written);
3. render the report and alerts.json into a temporary folder beside the reports folder;
4. replace the week's stored outputs (alerts, the `runs` row) in one transaction;
5. swap the temporary folder in for `<reports>/<week>/` (two renames; an interrupted swap is repaired by
   the next run, see `recover_reports`).

A run killed before step 4 commits leaves the database's outputs and the previous report as they were.
"""
from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import json
import logging
import os
import shutil
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator

import duckdb
import numpy as np
import pandas as pd

from . import __version__, store
from .config import RunConfig, WatchList, alert_levels
from .errors import LockError, TrendsError
from .frames import ALERTS, BREAKS, FORECASTS, SERIES_KEY, WeekAnalysis
from .ingest.inbox import file_sha256, inbox_files, ingest_inbox  # noqa: F401 - re-exported for callers
from .lock import RunLock
from .weeks import monday, week_label

log = logging.getLogger(__name__)

#: The stages of `run_week`, in order; `on_stage(name)` is called as each one starts (progress, tests).
STAGES = ("ingest", "weekly", "detect", "forecast", "alert", "report", "store", "publish")

#: Attribution lines for the datasets the store can hold (shown in the report's methods section).
ATTRIBUTION = {
    "ucdp": "UCDP Georeferenced Event Dataset (GED), Uppsala Conflict Data Program, Uppsala University; CC BY 4.0 "
            "(Sundberg & Melander 2013, Journal of Peace Research 50(4))",
    "acled": "Armed Conflict Location & Event Data Project (ACLED); acleddata.com, used under its terms of use",
    "gtd": "Global Terrorism Database (GTD), START, University of Maryland",
}

#: Series with events in this many weeks before the cutoff are detected and forecast (others are dormant).
ACTIVE_WEEKS = 52

StageHook = Callable[[str], None]


@dataclass
class RunResult:
    """What a run did: files ingested or skipped, the analysis, and where the outputs went."""

    week: dt.date
    analysis: WeekAnalysis
    dry_run: bool = False
    ingested: list = field(default_factory=list)          # IngestResult per new inbox file
    skipped_files: list[Path] = field(default_factory=list)
    new_files: list[Path] = field(default_factory=list)   # inbox files ingested (or, in a dry run, that would be)
    report_dir: Path | None = None
    alerts_json: Path | None = None
    seconds: float = 0.0

    def alerts_at_or_above(self, level: str) -> int:
        """Number of this week's alerts whose level is `level` or higher."""
        levels = alert_levels()
        if level not in levels:
            raise TrendsError(f"unknown alert level {level!r}; choose from {', '.join(levels)}")
        a = self.analysis.alerts
        if a is None or a.empty:
            return 0
        rank = {lv: i for i, lv in enumerate(levels)}
        return int(a["level"].map(rank).fillna(-1).ge(rank[level]).sum())


# ------------------------------------------------------------------------------------------------ the store
def latest_complete_week(con: duckdb.DuckDBPyConnection, *, today: dt.date | None = None) -> dt.date:
    """Monday of the last week fully covered by the store: its Sunday is on or before the latest event date,
    and it ended before `today`. Raises TrendsError on an empty store."""
    row = con.execute("select max(event_date) from events").fetchall()[0]
    if row is None or row[0] is None:
        raise TrendsError("the store has no events; ingest a file first (`trends ingest FILE`) or give --week")
    last = pd.Timestamp(row[0]).date()
    week = monday(last + dt.timedelta(days=1)) - dt.timedelta(days=7)
    today = today or dt.date.today()
    return min(week, monday(today) - dt.timedelta(days=7))


def recent_events(con: duckdb.DuckDBPyConnection, week: dt.date, n_weeks: int, actors=None) -> pd.DataFrame:
    """Events dated in the `n_weeks` weeks ending with `week` (store columns), oldest first.

    Adds `series_actors`: the canonical actors whose series the event counts in (either side), so the report can
    list an event under a group that was its counterpart. With `actors`, only events counting for one of them.
    """
    start = week - dt.timedelta(days=7 * (n_weeks - 1))
    end = week + dt.timedelta(days=7)
    df = con.execute("""
        select e.*, coalesce((select list(distinct s.actor order by s.actor) from event_actors as ea
                              join series as s on s.series_id = ea.series_id where ea.event_id = e.event_id),
                             []::varchar[]) as series_actors
        from events as e where e.event_date >= ? and e.event_date < ? order by e.event_date, e.event_id""",
                     [start, end]).df()
    if actors is not None and len(df):
        keep = set(actors)
        df = df[[bool(keep.intersection(v)) for v in df["series_actors"]]].reset_index(drop=True)
    return df


def data_sources(con: duckdb.DuckDBPyConnection) -> list[str]:
    """One attribution line per dataset present in the store."""
    names = [r[0] for r in con.execute("select distinct dataset from events order by 1").fetchall()]
    out = []
    for name in names:
        base = str(name).split(":")[0]
        out.append(ATTRIBUTION.get(base, f"{name}: events ingested by the user"))
    return out


# ------------------------------------------------------------------------------------------------ analysis
def active_series(weekly: pd.DataFrame, cutoff: dt.date, weeks: int = ACTIVE_WEEKS) -> pd.DataFrame:
    """Rows of the series with at least one event in the `weeks` weeks before `cutoff` (WEEKLY frame)."""
    lo = pd.Timestamp(cutoff) - pd.Timedelta(weeks=weeks)
    recent = weekly[(weekly["week"] >= lo) & (weekly["week"] < pd.Timestamp(cutoff)) & (weekly["events"] > 0)]
    keys = recent[SERIES_KEY].drop_duplicates()
    return weekly.merge(keys, on=SERIES_KEY, how="inner")


def actor_families(con: duckdb.DuckDBPyConnection) -> dict[str, str | None]:
    """Canonical actor of every series -> its alias-registry family as stored at ingest (None = unmatched)."""
    rows = con.execute("""select s.actor, max(ea.actor_family) from series as s
                          left join event_actors as ea on ea.series_id = s.series_id group by s.actor""").fetchall()
    return {a: f for a, f in rows}


def watch_filter(con: duckdb.DuckDBPyConnection, weekly: pd.DataFrame, watch: WatchList | None = None
                 ) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Split a WEEKLY frame into the watched series and the rest, by the watch list (default: registry actors).

    Returns:
        (watched rows, a frame actor, family, series, events of the actors left out, most events first).
    """
    watch = watch or WatchList()
    fam = actor_families(con)
    actors = pd.Series(weekly["actor"].unique())
    keep = {a for a in actors if watch.watches(a, fam.get(a))}
    mask = weekly["actor"].isin(keep)
    out = weekly[~mask]
    left = (out.groupby("actor").agg(series=("series_id", "nunique"), events=("events", "sum")).reset_index()
            if len(out) else pd.DataFrame(columns=["actor", "series", "events"]))
    left.insert(1, "family", [fam.get(a) for a in left["actor"]])
    left = left.sort_values(["events", "actor"], ascending=[False, True], ignore_index=True)
    return weekly[mask].reset_index(drop=True), left


def coverage_issues(con: duckdb.DuckDBPyConnection, week: dt.date, countries) -> pd.DataFrame:
    """Issue rows (stage 'coverage') for the countries in `countries` whose data end before `week`'s Sunday.

    A country whose last event is before `week` has no data for the reported week: its series are left out of
    the analysis (not reported as falling). One whose last event falls inside the week is partial that week.
    Coverage = the last event of any actor in any dataset (trends.aggregate.coverage_ends).
    """
    from .aggregate import coverage_ends

    cov = coverage_ends(con)
    # countries silent for over a year before the week are dormant, not a coverage question for this report
    lo = week - dt.timedelta(weeks=ACTIVE_WEEKS)
    cov = cov[cov["country"].isin(set(countries)) & (cov["last_event"] >= lo)]
    sunday = week + dt.timedelta(days=6)
    rows = []
    for r in cov.itertuples(index=False):
        if r.last_event < week:
            rows.append(dict(stage="coverage", actor="", country=r.country, province="",
                             error=f"no data after {week_label(r.last_event)}",
                             detail=f"last event {r.last_event}; its series stop there and are left out of "
                                    f"this week's alerts, movers and forecasts"))
        elif r.last_event < sunday:
            rows.append(dict(stage="coverage", actor="", country=r.country, province="",
                             error=f"data end on {r.last_event}, inside {week_label(week)}",
                             detail="this week's counts there cover only part of the week"))
    return pd.DataFrame(rows, columns=ISSUE_COLUMNS)


#: columns of WeekAnalysis.issues.
ISSUE_COLUMNS = ["stage", "actor", "country", "province", "error", "detail"]


def _empty(cols: list[str]) -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype="object") for c in cols})


def compute_alerts(weekly: pd.DataFrame, week: dt.date, config: RunConfig) -> pd.DataFrame:
    """ALERTS frame (+ first_seen, last_seen, status, detail) for `week`, most severe first.

    The level-shift rule runs its own lull-then-shift scan (no `breaks` passed), so the run's alerts are exactly
    those of `trends alerts --from W --to W`, which evaluates each week with data before it only.
    """
    from . import alert

    out = alert.flag_resurgences(weekly, week=pd.Timestamp(week), rules=config.alerts.to_rule_config())
    if out.empty:
        return out.reset_index(drop=True)
    levels = {lv: i for i, lv in enumerate(alert_levels())}
    out = out.assign(_l=out["level"].map(levels).fillna(-1))
    return (out.sort_values(["_l", "score"], ascending=[False, False], kind="stable")
            .drop(columns="_l").reset_index(drop=True))


def analyse_week(con: duckdb.DuckDBPyConnection, week, config: RunConfig | None = None, *,
                 on_stage: StageHook | None = None) -> WeekAnalysis:
    """Everything the weekly report shows for `week`, computed from the store without writing to it.

    Args:
        con: an open store.
        week: Monday (or any day, or a label like '2019-W48') of the week to analyse.
        config: horizon, models, alert rules and how many recent weeks of events to include.
        on_stage: called with each stage name as it starts ('weekly', 'detect', 'forecast', 'alert').

    Returns:
        WeekAnalysis: weekly history up to and including `week`, breaks dated up to `week`, forecasts with
        cutoff = week + 7 days, the week's alerts, recent events, sources, and series-level issues.
    """
    from . import aggregate, detect
    from .forecast import forecast_panel
    from .weeks import parse_week

    config = config or RunConfig()
    week = parse_week(week)
    hook = on_stage or (lambda name: None)
    cutoff = week + dt.timedelta(days=7)
    issues: list[dict] = []

    hook("weekly")
    last = con.execute("select max(event_date) from events").fetchall()[0][0]
    if last is None:
        raise TrendsError("the store has no events; ingest a file first (`trends ingest FILE`)")
    if week > monday(last):
        raise TrendsError(f"week {week_label(week)} is after the latest event in the store ({last}); ingest newer "
                          f"data first or choose an earlier week")
    if week + dt.timedelta(days=6) > pd.Timestamp(last).date():
        log.warning("%s is not complete in the store (latest event %s): its counts may still grow",
                    week_label(week), last)
    # counts stop at each country's coverage end (a source that ends is not a collapse), then only the watched
    # actors' series whose country still has data in the reported week go on (see README: weekly run)
    weekly = aggregate.weekly_counts(con, end=week, clip_to_coverage=True)
    weekly = weekly[weekly["week"] <= pd.Timestamp(week)].reset_index(drop=True)
    if weekly.empty:
        raise TrendsError(f"no events on or before {week_label(week)}; nothing to analyse")
    weekly, left_out = watch_filter(con, weekly, config.watch)
    watched_actors = set(weekly["actor"])
    if weekly.empty:
        raise TrendsError(f"no series of the watched actors ({config.watch.describe()}) on or before "
                          f"{week_label(week)}; widen [watch] in the config")
    issues += coverage_issues(con, week, weekly["country"].unique()).to_dict("records")
    last_week = weekly.groupby(SERIES_KEY)["week"].transform("max")
    weekly = weekly[last_week == pd.Timestamp(week)].reset_index(drop=True)
    if len(left_out):
        top = ", ".join(f"{a} ({int(n)})" for a, n in zip(left_out["actor"].head(5), left_out["events"].head(5)))
        issues.append(dict(stage="watch", actor="", country="", province="", error=config.watch.describe(),
                           detail=f"{int(left_out['series'].sum())} series of {len(left_out)} other actors left "
                                  f"out, most events: {top}"))
    active = active_series(weekly, cutoff)
    log.info("%s: %d series, %d active in the last %d weeks", week_label(week),
             weekly[SERIES_KEY].drop_duplicates().shape[0], active[SERIES_KEY].drop_duplicates().shape[0],
             ACTIVE_WEEKS)

    hook("detect")
    if active.empty:
        breaks = _empty(BREAKS)
    else:
        parts = [detect.detect_breaks(active)]
        if hasattr(detect, "online_shifts"):
            parts.append(detect.online_shifts(active, last=8))
        parts = [p for p in parts if len(p)]
        breaks = pd.concat(parts, ignore_index=True) if parts else _empty(BREAKS)
        breaks = breaks[pd.to_datetime(breaks["week"]) <= pd.Timestamp(week)].reset_index(drop=True)

    hook("forecast")
    models = "auto" if config.models == "auto" else list(config.models)
    if active.empty:
        forecasts, chosen = _empty(FORECASTS), _empty(SERIES_KEY + ["model"])
    else:
        forecasts = forecast_panel(active, models=models, horizon=config.horizon, cutoff=pd.Timestamp(cutoff),
                                   active_weeks=ACTIVE_WEEKS)
        fc_issues = forecasts.attrs.get("issues")
        if fc_issues is not None and len(fc_issues):
            issues += fc_issues.to_dict("records")
        chosen = forecasts.attrs.get("models")
        if chosen is None or not len(chosen):
            chosen = forecasts[SERIES_KEY + ["model"]].drop_duplicates(subset=SERIES_KEY).reset_index(drop=True)

    hook("alert")
    alerts = compute_alerts(weekly, week, config)
    if len(alerts):
        from .alert import attach_events
        alerts = attach_events(con, alerts)

    skill = None
    if config.backtest and not active.empty:
        skill = _skill_summary(active, models, config.horizon, cutoff)

    return WeekAnalysis(
        week=week, weekly=weekly, breaks=breaks, forecasts=forecasts, alerts=alerts,
        events=recent_events(con, week, config.recent_weeks, watched_actors), skill=skill, models=chosen,
        sources=data_sources(con),
        issues=pd.DataFrame(issues, columns=ISSUE_COLUMNS))


def _skill_summary(active: pd.DataFrame, models, horizon: int, cutoff: dt.date) -> pd.DataFrame:
    """Rolling-origin backtest at 4 origins 13 weeks apart in the year before the cutoff, per model and horizon."""
    from .forecast.backtest import backtest, summarise

    origins = [pd.Timestamp(cutoff) - pd.Timedelta(weeks=k) for k in (52, 39, 26, 13)]
    hist = active[active["week"] < pd.Timestamp(cutoff)]
    names = ["naive", "mean"] + ([m for m in models if m not in ("naive", "mean")] if models != "auto" else ["auto"])
    return summarise(backtest(hist, names, origins, min(horizon, 12)))


# ------------------------------------------------------------------------------------------------ outputs
def alerts_records(alerts: pd.DataFrame) -> list[dict]:
    """alerts.json content: one object per alert, dates as ISO strings, numbers as JSON numbers."""
    out = []
    for row in alerts.to_dict("records"):
        rec = {}
        for k, v in row.items():
            if isinstance(v, (pd.Timestamp, dt.datetime)):
                v = v.date().isoformat()
            elif isinstance(v, dt.date):
                v = v.isoformat()
            elif isinstance(v, np.integer):
                v = int(v)
            elif isinstance(v, (float, np.floating)):
                v = round(float(v), 4) if np.isfinite(v) else None  # JSON has no NaN/Infinity
            elif v is pd.NaT or v is pd.NA:
                v = None
            rec[k] = v
        out.append(rec)
    return out


def write_alerts_json(alerts: pd.DataFrame, path: Path) -> Path:
    """Write alerts.json atomically (temp file + rename), so a reader never sees half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        json.dump(alerts_records(alerts), f, indent=1, ensure_ascii=False)
        f.write("\n")
    os.replace(tmp, path)
    return path


def recover_reports(reports: Path) -> None:
    """Repair what an interrupted run left in the reports folder (call while holding the run lock).

    A swap killed between its two renames leaves `.<week>.old` without `<week>`: it is renamed back. Leftover
    temporary folders (`.tmp-*`) and superseded `.old` folders are removed.
    """
    if not reports.is_dir():
        return
    for p in reports.iterdir():
        if p.name.startswith(".tmp-") and p.is_dir():
            shutil.rmtree(p, ignore_errors=True)
        elif p.name.startswith(".") and p.name.endswith(".old") and p.is_dir():
            final = reports / p.name[1:-4]
            if final.exists():
                shutil.rmtree(p, ignore_errors=True)
            else:
                log.warning("restoring the previous report %s (an earlier run was interrupted)", final)
                os.rename(p, final)


def _swap_in(new: Path, final: Path, hook: StageHook) -> None:
    old = final.with_name(f".{final.name}.old")
    if old.exists():
        shutil.rmtree(old)
    if final.exists():
        os.rename(final, old)
    hook("publish:swapping")
    os.rename(new, final)
    shutil.rmtree(old, ignore_errors=True)


def render_report(analysis: WeekAnalysis, out_dir: Path) -> Path:
    """Render the report for `analysis` into `out_dir` (created) and return the folder holding report.html."""
    from .report import render_weekly

    out_dir.mkdir(parents=True, exist_ok=True)
    produced = Path(render_weekly(analysis, out_dir))
    return produced if produced.is_dir() else produced.parent


def store_outputs(con: duckdb.DuckDBPyConnection, analysis: WeekAnalysis, result: RunResult,
                  config: RunConfig, hook: StageHook, started: float) -> None:
    """Replace the week's alerts and its `runs` row in one transaction."""
    from . import alert

    with store.transaction(con):
        # store_alerts' own transaction joins this one (store.transaction is re-entrant): one commit for all outputs
        alert.store_alerts(con, analysis.alerts, weeks=[analysis.week])
        con.execute("delete from runs where week = ?", [analysis.week])
        a = analysis.alerts
        con.execute(
            "insert into runs (week, run_at, config, trends_version, files_ingested, files_skipped, series, "
            "alerts, alerts_new, report_dir, seconds) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [analysis.week, dt.datetime.now(), str(config.source) if config.source else None, __version__,
             len(result.new_files), len(result.skipped_files),
             int(analysis.weekly[SERIES_KEY].drop_duplicates().shape[0]), int(len(a)),
             int((a["status"] == "new").sum()) if "status" in a and len(a) else int(len(a)),
             str(result.report_dir) if result.report_dir else None, round(time.monotonic() - started, 2)])
        hook("store:written")  # everything is written but not committed (tests kill the run here)


def run_week(con: duckdb.DuckDBPyConnection, config: RunConfig, *, dry_run: bool = False,
             on_stage: StageHook | None = None, today: dt.date | None = None) -> RunResult:
    """The scheduled weekly job on an open store; see the module docstring for the order and guarantees.

    Args:
        con: the store (in a dry run, a throwaway copy: see `run`).
        config: paths, week (None = latest complete week), horizon, models, alert rules.
        dry_run: compute everything, write no report, store no outputs.
        on_stage: called with each stage name as it starts (STAGES), for progress display and tests.

    Returns:
        RunResult with the analysis, the inbox files ingested/skipped and the output paths.
    """
    started = time.monotonic()
    hook = on_stage or (lambda name: None)
    reports = config.paths.reports

    hook("ingest")
    ingested, new, skipped = ingest_inbox(con, config.paths.inbox)
    week = config.week or latest_complete_week(con, today=today)
    log.info("analysing %s (%s to %s)", week_label(week), week, week + dt.timedelta(days=6))
    analysis = analyse_week(con, week, config, on_stage=hook)
    result = RunResult(week=week, analysis=analysis, dry_run=dry_run, ingested=ingested, skipped_files=skipped,
                       new_files=new)
    if dry_run:
        result.seconds = time.monotonic() - started
        return result

    hook("report")
    recover_reports(reports)
    reports.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".tmp-", dir=reports))
    try:
        try:
            produced = render_report(analysis, tmp)
        except ImportError:
            log.warning("the report stage (trends.report) is not installed; writing alerts.json only")
            produced = tmp
        write_alerts_json(analysis.alerts, produced / "alerts.json")
        final = reports / week_label(week)
        result.report_dir = final
        result.alerts_json = final / "alerts.json"

        hook("store")
        store_outputs(con, analysis, result, config, hook, started)

        hook("publish")
        _swap_in(produced, final, hook)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    if config.paths.alerts_json:
        write_alerts_json(analysis.alerts, config.paths.alerts_json)
        result.alerts_json = config.paths.alerts_json
    result.seconds = time.monotonic() - started
    log.info("done in %.1f s: %d alert(s), report in %s", result.seconds, len(analysis.alerts), result.report_dir)
    return result


@contextlib.contextmanager
def open_store(db: Path, *, dry_run: bool = False) -> Iterator[duckdb.DuckDBPyConnection]:
    """Open the store for a run; for a dry run, open a throwaway copy so nothing in `db` can change.

    Raises:
        TrendsError: the database does not exist (a scheduled run never creates one: a typo in the path
            must not start an empty store).
        LockError: another process (a notebook, `trends sql`) has the DuckDB file open for writing.
    """
    if not db.exists():
        raise TrendsError(f"database {db} does not exist; create it with `trends ingest --db {db} FILE` "
                          f"or `trends demo --db {db}`")
    with contextlib.ExitStack() as stack:
        path = db
        if dry_run:
            tmpdir = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="trends-dry-run-")))
            path = tmpdir / db.name
            shutil.copy2(db, path)
            wal = db.with_name(db.name + ".wal")
            if wal.exists():
                shutil.copy2(wal, path.with_name(path.name + ".wal"))
        try:
            con = store.connect(path)
        except TrendsError as e:
            if "lock" in str(e).lower():
                raise LockError(f"database {db} is open in another process: {e}") from None
            raise
        stack.callback(con.close)
        yield con


def run(config: RunConfig, *, dry_run: bool = False, on_stage: StageHook | None = None,
        today: dt.date | None = None) -> RunResult:
    """`trends run`: take the lock beside the database, open it (a copy for a dry run) and run the week."""
    with RunLock(config.paths.db, command="trends run" + (" --dry-run" if dry_run else "")):
        with open_store(config.paths.db, dry_run=dry_run) as con:
            return run_week(con, config, dry_run=dry_run, on_stage=on_stage, today=today)


def summary_text(result: RunResult, *, top: int = 5) -> str:
    """The run summary printed by `trends run` and `trends demo`: week, inbox, series, alerts, top rising, paths."""
    a = result.analysis
    wk = result.week
    lines = [f"week {week_label(wk)} ({wk} to {wk + dt.timedelta(days=6)})"]
    if result.new_files or result.skipped_files:
        verb = "would be ingested" if result.dry_run else "ingested"
        new_rows = sum(getattr(r, "rows_new", 0) for r in result.ingested)
        lines.append(f"inbox: {len(result.new_files)} new file(s) {verb} ({new_rows} new events), "
                     f"{len(result.skipped_files)} skipped (already ingested)")
    n_series = a.weekly[SERIES_KEY].drop_duplicates().shape[0]
    this_week = a.weekly[a.weekly["week"] == pd.Timestamp(wk)]
    n_fc = a.forecasts[SERIES_KEY].drop_duplicates().shape[0] if len(a.forecasts) else 0
    lines.append(f"series: {n_series}; this week {int(this_week['events'].sum())} events in "
                 f"{int((this_week['events'] > 0).sum())} series; forecasts for {n_fc} active series")
    al = a.alerts
    if al is None or al.empty:
        lines.append("alerts: none")
    else:
        by_level = al["level"].value_counts()
        levels = [lv for lv in reversed(alert_levels()) if lv in by_level] + \
                 [lv for lv in by_level.index if lv not in alert_levels()]
        parts = ", ".join(f"{by_level[lv]} {lv}" for lv in levels)
        status = ""
        if "status" in al:
            st = al["status"].value_counts()
            status = "; " + ", ".join(f"{st[s]} {s}" for s in st.index)
        lines.append(f"alerts: {len(al)} ({parts}{status})")
        for r in al.head(10).itertuples(index=False):
            where = f"{r.country}/{r.province}" if r.province else r.country
            extra = f" [{getattr(r, 'status')}]" if "status" in al else ""
            lines.append(f"  {r.level:<8} {r.actor} in {where}: {r.rule}, observed {_num(r.observed)}, "
                         f"expected {_num(r.expected)}, threshold {_num(r.threshold)}{extra}")
        if len(al) > 10:
            lines.append(f"  ... and {len(al) - 10} more (see alerts.json)")
    rising = top_rising(a.weekly, wk, n=top)
    if len(rising):
        lines.append("top rising series (last 4 weeks vs the 52 weeks before, events/week):")
        for r in rising.itertuples(index=False):
            where = f"{r.country}/{r.province}" if r.province else r.country
            lines.append(f"  {r.actor} in {where}: {r.recent_mean:.1f} (was {r.baseline_mean:.1f}), "
                         f"{r.recent_events} events in 4 weeks")
    if result.dry_run:
        lines.append("dry run: nothing written (database, reports and alerts.json unchanged)")
    else:
        if result.report_dir:
            report = result.report_dir / "report.html"
            lines.append(f"report: {report if report.exists() else result.report_dir}")
        if result.alerts_json:
            lines.append(f"alerts.json: {result.alerts_json}")
    return "\n".join(lines)


def top_rising(weekly: pd.DataFrame, week, n: int = 5) -> pd.DataFrame:
    """The report's rising series (trends.report.content.movers), at most `n`; the summary and report agree."""
    from .report.content import movers

    m = movers(weekly, week)
    return m[m["direction"] == "rising"].head(n).reset_index(drop=True)


def _num(v) -> str:
    if v is None or (isinstance(v, float) and np.isnan(v)):
        return "-"
    v = float(v)
    return f"{v:.0f}" if v == int(v) else f"{v:.1f}"


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
