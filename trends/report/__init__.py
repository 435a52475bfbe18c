"""Report stage: the weekly trend report (HTML, Markdown, PDF, alerts.csv, figures) from a WeekAnalysis."""
from .render import build_report, render_weekly

__all__ = ["build_report", "render_weekly"]
