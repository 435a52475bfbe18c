"""Forecast weekly event counts per (actor, province), with 80 % and 95 % prediction intervals.

Uses only events dated before the --as-of week, and forecasts --horizon weeks starting with the as-of week
itself, for every series with at least one event in the 52 weeks before it. Like the weekly report it covers the
watched actors (those the alias registry knows; --all-series for every series) and respects coverage: a series
whose country's data end before the as-of week (its last event of any actor) is not forecast from the weeks
nobody recorded; it is left out and named on stderr. Output columns: actor, country,
province, week (the Monday's date), model, mean, lo80, hi80, lo95, hi95. Intervals are quantiles of a count
distribution (never negative); `model` names the model that produced the row: with --model auto it is each
series' choice (best pinball loss in its own rolling-origin backtest; the sparse model for series with >= 75 %
zero weeks in the last year); a model that fails on a series falls back to `mean` and a warning is logged.

Models: naive (same week last year), mean (last 52 weeks), nbglm (negative-binomial GLM, trend + yearly
seasonality), ets (exponential smoothing on log1p), prophet (Prophet on log1p, slow), sparse (TSB + hurdle NB).

Example:
  trends forecast --as-of 2019-06-24 --horizon 8 --format csv --out forecasts.csv
  trends forecast --as-of 2019-W26 --model nbglm --format table
  trends forecast --actor ISIS --country Iraq --province Ninawa --as-of 2016-W01
"""
from __future__ import annotations

import datetime as dt
import json
import logging
import sys

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
    parser.add_argument("--model", default="auto", choices=["auto", *MODELS],
                        help="model for every series, or auto = per-series choice by backtest skill (default)")
    parser.add_argument("--format", default="table", choices=["csv", "table", "json"],
                        help="csv, table (default) or json (a list of row objects)")
    parser.add_argument("--out", metavar="FILE", help="write to FILE instead of stdout")
    parser.add_argument("--actor", action="append", metavar="A",
                        help="only this actor; aliases work ('ISIS' = 'Islamic State') (repeatable). "
                             "Example: --actor ISIS")
    parser.add_argument("--country", action="append", metavar="C",
                        help="only this country; spellings work ('Ivory Coast') (repeatable). Example: --country Iraq")
    parser.add_argument("--province", action="append", metavar="P",
                        help="only this province; spellings resolve as at ingest ('Ninawa' = 'Nineveh') "
                             "(repeatable). Example: --province Ninawa")
    parser.add_argument("--all-series", action="store_true",
                        help="forecast every series, not only the watched actors' (the report's watch list)")
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
    if fmt == "csv":
        text = out.to_csv(index=False)
    elif fmt == "json":
        text = json.dumps(out.to_dict("records"), ensure_ascii=False, indent=1) + "\n"
    else:
        text = out.to_string(index=False) + "\n" if len(out) else "(no series)\n"
    if path:
        with open(path, "w", encoding="utf-8", newline="") as f:
            f.write(text)
    else:
        sys.stdout.write(text)


def run(args) -> int:
    from ..forecast import run_forecasts
    from ..scope import analysis_weekly, current_series

    if not 1 <= args.horizon <= 12:
        raise TrendsError(f"--horizon must be between 1 and 12 weeks, got {args.horizon}")
    con = store.connect(args.db, read_only=True)
    try:
        if args.as_of is not None:
            as_of = parse_week(args.as_of)
            end = as_of - dt.timedelta(days=7)
        else:
            last = con.execute("select max(event_date) from events").fetchone()[0]
            if last is None:
                raise TrendsError(f"database {args.db} has no events; ingest some with `trends ingest`")
            end = parse_week(last)
            as_of = end + dt.timedelta(days=7)
        first = con.execute("select min(event_date) from events").fetchone()[0]
        if first is None or pd.Timestamp(first) >= pd.Timestamp(as_of):
            raise TrendsError(f"no events dated before {as_of}; pick a later --as-of")
        scope = current_series(analysis_weekly(con, end=end, actors=args.actor, countries=args.country,
                                               provinces=args.province, all_series=args.all_series), as_of)
    finally:
        con.close()
    for note in scope.notes:
        log.info("%s", note)
    weekly = scope.weekly[scope.weekly["week"] < pd.Timestamp(as_of)]
    if weekly.empty:
        raise TrendsError(f"no series with data up to {as_of - dt.timedelta(days=7)} match; pick an earlier "
                          f"--as-of or other filters")
    res = run_forecasts(weekly, args.model, args.horizon, as_of, n_jobs=args.jobs)
    for r in res.issues.itertuples():
        log.warning("%s / %s / %s: %s (%s)", r.actor, r.country, r.province or "-", r.error, r.detail)
    out = format_rows(res.forecasts)
    log.info("forecast %d series x %d weeks from %s with %s", out[["actor", "country", "province"]]
             .drop_duplicates().shape[0], args.horizon, as_of, args.model)
    write(out, args.format, args.out)
    return 0
