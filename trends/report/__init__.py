"""Report stage: the weekly trend report (HTML, Markdown, PDF, alerts.csv, figures) from a WeekAnalysis."""

from . import publish
from .render import build_report, render_weekly, write_report

__all__ = ["build_report", "render_weekly", "write_report", "publish"]
