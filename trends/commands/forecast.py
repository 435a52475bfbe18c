"""Forecast weekly event counts per (actor, province), with 80 % and 95 % prediction intervals.

Uses only events dated before the --as-of week, and forecasts --horizon weeks starting with the as-of week
itself, for every series with at least one event in the 52 weeks before it. Like the weekly report it covers the
watched actors (those the alias registry knows; --all-series for every series) and respects coverage: a series
whose country's data end before the as-of week (its last event of any actor) is not forecast from the weeks
nobody recorded; it is left out and named on stderr. Output columns: actor, country,
province, week (the Monday's date), model, mean, lo80, hi80, lo95, hi95. Intervals are quantiles of a count
distribution (never negative); `model` names the model that produced the row: with --model auto (the default)
it is `local` (exponentially weighted level for series with >= 1 event a week, a mix of the 4-, 13- and 52-week
means for quieter ones, a rate shrunk toward a prior for series with under 26 weeks of history, restarted after
a strong recent change point; see docs/forecasting.md). Its intervals are the NB's own quantiles, so a quiet
series may show a mean of 0.1 with an 80 % interval 0-0. --model select is the per-series choice by inner
backtest that was the default before.

--by sums the series' forecasts to a level of the hierarchy (bottom-up, so levels add up exactly): actor,country
/ actor / country / actor_family / actor_family,country. --plot FILE draws the busiest forecast series (history,
median, 80 % and 95 % bands, change points) to a PNG.

Models: naive (same week last year), mean (last 52 weeks), nbglm (negative-binomial GLM, trend + yearly
seasonality), local (the default's model), ets (exponential smoothing on log1p), prophet (Prophet on log1p,
slow), sparse (TSB + hurdle NB).

Example:
  trends forecast --as-of 2019-06-24 --horizon 8 --format csv --out forecasts.csv
  trends forecast --as-of 2019-W26 --models nbglm --format table
  trends forecast --actor ISIS --country Iraq --province Ninawa --as-of 2016-W01
  trends forecast --as-of 2019-W48 --by actor,country
  trends forecast --as-of 2019-W48 --plot forecast.png --plot-series 4
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
    parser.add_argument(
        "--as-of",
        metavar="WEEK",
        help="first forecast week, a Monday date or 2019-W26; only events dated before it are used "
        "(default: the week after the latest event)",
    )
    parser.add_argument("--horizon", type=int, default=8, metavar="H", help="weeks to forecast, 1-12 (default 8)")
    from ._common import add_models_arg, add_output_args, add_series_filters

    add_models_arg(
        parser,
        "auto",
        ["select", *MODELS],
        help_default="auto = local level, sparse for new series; select = per-series choice by backtest "
        "skill; several names forecast each series with each model",
    )
    parser.add_argument(
        "--by",
        default="actor,province",
        metavar="LEVEL",
        help="level of the output, bottom-up sums of the series: actor,province (default, the series), "
        "actor,country, actor, country, actor_family, actor_family,country (e.g. --by country)",
    )
    parser.add_argument(
        "--plot", metavar="FILE", help="also draw the busiest forecast series to FILE (PNG), e.g. --plot forecast.png"
    )
    parser.add_argument(
        "--plot-series",
        type=int,
        default=6,
        metavar="N",
        help="series drawn by --plot: the N with the most forecast events (default 6, e.g. --plot-series 3)",
    )
    add_series_filters(parser, "series")
    parser.add_argument(
        "--all-series",
        action="store_true",
        help="forecast every series, not only the watched actors' (the report's watch list)",
    )
    add_output_args(parser, example="forecasts.csv")
    parser.add_argument(
        "--jobs", type=int, default=None, metavar="N", help="processes for ets/prophet (default: all cores)"
    )


def format_rows(fc: pd.DataFrame) -> pd.DataFrame:
    """The user-facing columns, weeks as ISO dates and means rounded to 3 decimals."""
    out = fc[COLUMNS].copy()
    out["week"] = pd.to_datetime(out["week"]).dt.strftime("%Y-%m-%d")
    for c in ["mean", "lo80", "hi80", "lo95", "hi95"]:
        out[c] = out[c].round(3) + 0.0  # + 0.0 turns -0.0 into 0.0
    return out.sort_values(["actor", "country", "province", "week"], ignore_index=True)


def write(out: pd.DataFrame, fmt: str, path: str | None) -> None:
    from ._common import write_frame

    if fmt == "table":
        out = out.assign(week=pd.to_datetime(out["week"]))
    write_frame(out, fmt, path, week_cols=("week",), footer=f"{len(out):,} rows")


def run(args) -> int:
    from ..errors import NothingMatched
    from ..forecast import run_forecasts
    from ..forecast.hierarchy import LEVELS, forecast_hierarchy, parse_by
    from ..scope import analysis_weekly, current_series, events_span

    if not 1 <= args.horizon <= 12:
        raise TrendsError(f"--horizon must be between 1 and 12 weeks, got {args.horizon}")
    by = parse_by(args.by)
    con = store.connect(args.db, read_only=True)
    families = None
    try:
        if "actor_family" in by:
            from ..pipeline import actor_families

            families = actor_families(con)
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
            raise NothingMatched(f"no events dated before {as_of}; pick a later --as-of ({events_span(con)})")
        scope = current_series(
            analysis_weekly(
                con,
                end=end,
                actors=args.actor,
                countries=args.country,
                provinces=args.province,
                all_series=args.all_series,
            ),
            as_of,
        )
    finally:
        con.close()
    for note in scope.notes:
        log.info("%s", note)
    weekly = scope.weekly[scope.weekly["week"] < pd.Timestamp(as_of)]
    if weekly.empty:
        raise NothingMatched(
            f"no series with data up to {as_of - dt.timedelta(days=7)} match; pick an earlier --as-of or other filters"
        )
    from ._common import parse_models

    models = parse_models(args.models, ["select", *MODELS])
    res = run_forecasts(weekly, models if len(models) > 1 else models[0], args.horizon, as_of, n_jobs=args.jobs)
    for r in res.issues.itertuples():
        log.warning("%s / %s / %s: %s (%s)", r.actor, r.country, r.province or "-", r.error, r.detail)
    fc = res.forecasts
    if by != LEVELS["actor,province"]:
        fc = forecast_hierarchy(weekly, by, args.horizon, as_of, families=families, forecasts=fc)
    out = format_rows(fc)
    log.info(
        "forecast %d %s x %d weeks from %s with %s",
        out[["actor", "country", "province"]].drop_duplicates().shape[0],
        "series" if by == LEVELS["actor,province"] else f"aggregates ({args.by})",
        args.horizon,
        as_of,
        ",".join(models),
    )
    write(out, args.format, args.out)
    if args.plot:
        path = plot_busiest(weekly, res.forecasts, args.plot, args.plot_series)
        log.info("wrote %s", path)
    return 0


def plot_busiest(weekly: pd.DataFrame, forecasts: pd.DataFrame, path: str, n: int) -> str:
    """Draw the `n` series with the most forecast events (history, bands, change points) to the PNG `path`."""
    from matplotlib.figure import Figure

    from ..detect import detect_breaks, online_shifts
    from ..report.forecast_plot import plot_forecast

    if n < 1:
        raise TrendsError(f"--plot-series must be >= 1, got {n}")
    key = ["actor", "country", "province"]
    if "requested" in forecasts:  # several models asked for: draw the first one's
        forecasts = forecasts[forecasts["requested"] == forecasts["requested"].iloc[0]]
    top = forecasts.groupby(key)["mean"].sum().nlargest(n).reset_index()[key]
    if top.empty:
        raise TrendsError("no series to plot: nothing was forecast")
    w = weekly.merge(top, on=key)
    breaks = pd.concat(
        [b for b in (detect_breaks(w), online_shifts(w, last=8)) if len(b)] or [pd.DataFrame(columns=key)],
        ignore_index=True,
    )
    fig = Figure(figsize=(9, 2.9 * len(top)), layout="constrained")
    axes = fig.subplots(len(top), 1, squeeze=False)[:, 0]
    for ax, k in zip(axes, top.itertuples(index=False)):
        sel = dict(zip(key, k))

        def pick(d: pd.DataFrame, sel: dict = sel) -> pd.DataFrame:
            return d[
                (d["actor"] == sel["actor"]) & (d["country"] == sel["country"]) & (d["province"] == sel["province"])
            ]

        plot_forecast(pick(w), pick(forecasts), pick(breaks) if len(breaks) else None, ax=ax)
    fig.savefig(path, dpi=110)
    return path
