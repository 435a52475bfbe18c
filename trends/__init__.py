"""trends: weekly trends, change points, forecasts and resurgence alerts for political-violence events.

One entry point per pipeline stage, for notebooks and scripts (see docs/api.md):

    import trends
    con = trends.connect("trends.duckdb")
    trends.ingest_file(con, trends.sample_path())
    weekly = trends.weekly_counts(con, end="2019-12-30")
    breaks = trends.detect_breaks(weekly)
    fc = trends.forecast_panel(weekly, "auto", horizon=8, cutoff="2020-01-06")

`import trends` is cheap: each name below loads its module on first use, so DuckDB, matplotlib, statsmodels,
prophet, numba and the extractor are imported only when the function that needs them is called.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from .errors import ConfigError, InputFileError, SchemaError, TrendsError, UsageError  # noqa: F401

__version__ = "0.1.0"

#: public name -> module that defines it, or "module:name" when the module calls it otherwise (imported lazily,
#: PEP 562)
_LAZY: dict[str, str] = {
    # store
    "connect": "trends.store",
    "transaction": "trends.store",
    # ingest
    "ingest_file": "trends.ingest",
    "ingest_frame": "trends.ingest",
    "ingest_report": "trends.ingest",
    "relabel_actors": "trends.ingest",
    "sample_path": "trends.ingest",
    "IngestResult": "trends.ingest",
    # weekly counts
    "weekly_counts": "trends.aggregate",
    "events_for": "trends.aggregate",
    # change points
    "ChangePointDetector": "trends.detect",
    "detect_breaks": "trends.detect",
    "online_shifts": "trends.detect",
    # forecasts
    "forecast_panel": "trends.forecast",
    "run_forecasts": "trends.forecast",
    "backtest": "trends.forecast.backtest",
    # alerts
    "flag_resurgences": "trends.alert",
    "RuleConfig": "trends.alert",
    # extraction (text -> frames)
    "extract_report": "trends.extract",
    "extract_events": "trends.extract:read_report_events",  # the events of a report as a frame
    # report and weekly job
    "render_weekly": "trends.report.render",
    "analyse_week": "trends.pipeline",
    "run_week": "trends.pipeline",
    "demo_db": "trends.pipeline",
    "RunConfig": "trends.config",
    "load_config": "trends.config",
    # frame contracts
    "SERIES_KEY": "trends.frames",
    "WEEKLY": "trends.frames",
    "BREAKS": "trends.frames",
    "FORECASTS": "trends.frames",
    "ALERTS": "trends.frames",
    "ISSUES": "trends.frames",
    "check_weekly": "trends.frames",
    "check_breaks": "trends.frames",
    "check_forecasts": "trends.frames",
    "check_alerts": "trends.frames",
}

__all__ = ["TrendsError", "UsageError", "InputFileError", "ConfigError", "SchemaError", "__version__", *_LAZY]


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'trends' has no attribute {name!r}")
    module, _, attr = module.partition(":")
    value = getattr(importlib.import_module(module), attr or name)
    globals()[name] = value  # later lookups skip __getattr__
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))


if TYPE_CHECKING:  # for type checkers and IDEs; never executed
    from .aggregate import events_for, weekly_counts
    from .alert import RuleConfig, flag_resurgences
    from .config import RunConfig, load_config
    from .detect import ChangePointDetector, detect_breaks, online_shifts
    from .extract import extract_report
    from .extract import read_report_events as extract_events
    from .forecast import forecast_panel, run_forecasts
    from .forecast.backtest import backtest
    from .frames import (
        ALERTS,
        BREAKS,
        FORECASTS,
        ISSUES,
        SERIES_KEY,
        WEEKLY,
        check_alerts,
        check_breaks,
        check_forecasts,
        check_weekly,
    )
    from .ingest import IngestResult, ingest_file, ingest_frame, ingest_report, relabel_actors, sample_path
    from .pipeline import analyse_week, demo_db, run_week
    from .report.render import render_weekly
    from .store import connect, transaction
