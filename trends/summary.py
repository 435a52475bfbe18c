"""The run summary printed by `trends run` and `trends demo` (text only; the numbers come from the RunResult)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import pandas as pd

from .alert.config import LEVELS
from .formatting import fmt_num
from .frames import SERIES_KEY
from .weeks import week_label

if TYPE_CHECKING:
    from .pipeline import RunResult


def summary_text(result: RunResult, *, top: int = 5) -> str:
    """The run summary printed by `trends run` and `trends demo`: week, inbox, series, alerts, top rising, paths."""
    a = result.analysis
    wk = result.week
    lines = [f"week {week_label(wk)} ({wk} to {wk + dt.timedelta(days=6)})"]
    refused = getattr(result, "quarantined", [])
    if result.new_files or result.skipped_files or refused:
        verb = "would be ingested" if result.dry_run else "ingested"
        new_rows = sum(getattr(r, "rows_new", 0) for r in result.ingested)
        lines.append(
            f"inbox: {len(result.new_files)} new file(s) {verb} ({new_rows} new events), "
            f"{len(result.skipped_files)} skipped (already ingested)"
            + (f", {len(refused)} REFUSED (nothing stored from them)" if refused else "")
        )
        for q in refused:
            where = f"moved to {q.moved_to}" if q.moved_to else "dry run: left in the inbox"
            lines.append(f"  refused {q.file.name} ({where}): {q.reason.splitlines()[0]}")
    n_series = a.weekly[SERIES_KEY].drop_duplicates().shape[0]
    this_week = a.weekly[a.weekly["week"] == pd.Timestamp(wk)]
    n_fc = a.forecasts[SERIES_KEY].drop_duplicates().shape[0] if len(a.forecasts) else 0
    lines.append(
        f"series: {n_series}; this week {int(this_week['events'].sum())} events in "
        f"{int((this_week['events'] > 0).sum())} series; forecasts for {n_fc} active series"
    )
    al = a.alerts
    if al is None or al.empty:
        lines.append("alerts: none")
    else:
        by_level = al["level"].value_counts()
        levels = [lv for lv in reversed(LEVELS) if lv in by_level] + [lv for lv in by_level.index if lv not in LEVELS]
        parts = ", ".join(f"{by_level[lv]} {lv}" for lv in levels)
        status = ""
        if "status" in al:
            st = al["status"].value_counts()
            status = "; " + ", ".join(f"{st[s]} {s}" for s in st.index)
        lines.append(f"alerts: {len(al)} ({parts}{status})")
        for r in al.head(10).itertuples(index=False):
            where = f"{r.country}/{r.province}" if r.province else r.country
            extra = f" [{r.status}]" if "status" in al else ""
            lines.append(
                f"  {r.level:<8} {r.actor} in {where}: {r.rule}, observed {(fmt_num(r.observed) or '-')}, "
                f"expected {(fmt_num(r.expected) or '-')}, threshold {(fmt_num(r.threshold) or '-')}{extra}"
            )
        if len(al) > 10:
            lines.append(f"  ... and {len(al) - 10} more (see alerts.json)")
    rising = top_rising(a.weekly, wk, n=top)
    if len(rising):
        lines.append("top rising series (last 4 weeks vs the 52 weeks before, events/week):")
        for r in rising.itertuples(index=False):
            where = f"{r.country}/{r.province}" if r.province else r.country
            lines.append(
                f"  {r.actor} in {where}: {r.recent_mean:.1f} (was {r.baseline_mean:.1f}), "
                f"{r.recent_events} events in 4 weeks"
            )
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
