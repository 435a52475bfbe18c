"""Forecast weekly event counts per (actor, province), with 80 % and 95 % prediction intervals.

Uses only events dated before the --as-of week, and forecasts --horizon weeks starting with the as-of week
itself, for every series with at least one event in the 52 weeks before it. Output columns: actor, country,
province, week (the Monday's date), model, mean, lo80, hi80, lo95, hi95. Intervals are quantiles of a count
distribution (never negative); `model` names the model that produced the row: with --models auto it is each
series' choice (best pinball loss in its own rolling-origin backtest; the sparse model for series with >= 75 %
zero weeks in the last year); a model that fails on a series falls back to `mean` and a warning is logged.

Models: naive (same week last year), mean (last 52 weeks), nbglm (negative-binomial GLM, trend + yearly
seasonality), ets (exponential smoothing on log1p), prophet (Prophet on log1p, slow), sparse (TSB + hurdle NB).

Example:
  trends forecast --as-of 2019-06-24 --horizon 8 --format csv --out forecasts.csv
  trends forecast --as-of 2019-W26 --models nbglm --format table
  trends forecast --as-of 2019-W26 --models naive,nbglm --format json --out fc.json   # each series, both models
"""
from __future__ import annotations

import datetime as dt
import logging

import pandas as pd

from .. import store
from ..errors import TrendsError
from ..forecast import MODELS
from ..weeks import parse_week

log = logging.getLogger(__name__)
COLUMNS = ["actor", "country", "province", "week", "model", "mean", "lo80", "hi80", "lo95", "hi95"]


def add_arguments(parser) -> None:
    parser.add_argument("--as-of", metavar="WEEK",
                        help="first forecast week, a Monday date or 2019-W26; only events dated before it are used "
                             "(default: the week after the latest event)")
    parser.add_argument("--horizon", type=int, default=8, metavar="H", help="weeks to forecast, 1-12 (default 8)")
    from ._common import add_models_arg, add_output_args

    add_models_arg(parser, "auto", MODELS, help_default="auto = per-series choice by backtest skill")
    add_output_args(parser, example="forecasts.csv")
    parser.add_argument("--jobs", type=int, default=None, metavar="N",
                        help="processes for ets/prophet (default: all cores)")


def format_rows(fc: pd.DataFrame) -> pd.DataFrame:
    """The user-facing columns, weeks as ISO dates and means rounded to 3 decimals."""
    out = fc[COLUMNS].copy()
    out["week"] = pd.to_datetime(out["week"]).dt.strftime("%Y-%m-%d")
    out["mean"] = out["mean"].round(3)
    for c in ["lo80", "hi80", "lo95", "hi95"]:
        out[c] = out[c].round(3)
    return out.sort_values(["actor", "country", "province", "week"], ignore_index=True)


def write(out: pd.DataFrame, fmt: str, path: str | None) -> None:
    from ._common import write_frame

    if fmt == "table":
        out = out.assign(week=pd.to_datetime(out["week"]))
    write_frame(out, fmt, path, week_cols=("week",), footer=f"{len(out):,} rows")


def run(args) -> int:
    from ..aggregate import weekly_counts
    from ..forecast import run_forecasts

    if not 1 <= args.horizon <= 12:
        raise TrendsError(f"--horizon must be between 1 and 12 weeks, got {args.horizon}")
    con = store.connect(args.db, read_only=True)
    try:
        if args.as_of is not None:
            as_of = parse_week(args.as_of)
            weekly = weekly_counts(con, end=as_of - dt.timedelta(days=7))
        else:
            weekly = weekly_counts(con)
            if weekly.empty:
                raise TrendsError(f"database {args.db} has no events; ingest some with `trends ingest`")
            as_of = (pd.Timestamp(weekly["week"].max()) + pd.Timedelta(days=7)).date()
    finally:
        con.close()
    weekly = weekly[weekly["week"] < pd.Timestamp(as_of)]
    if weekly.empty:
        raise TrendsError(f"no events dated before {as_of}; pick a later --as-of")
    from ._common import parse_models

    models = parse_models(args.models, MODELS)
    res = run_forecasts(weekly, models if len(models) > 1 else models[0], args.horizon, as_of, n_jobs=args.jobs)
    for r in res.issues.itertuples():
        log.warning("%s / %s / %s: %s (%s)", r.actor, r.country, r.province or "-", r.error, r.detail)
    out = format_rows(res.forecasts)
    log.info("forecast %d series x %d weeks from %s with %s", out[["actor", "country", "province"]]
             .drop_duplicates().shape[0], args.horizon, as_of, ",".join(models))
    write(out, args.format, args.out)
    return 0
