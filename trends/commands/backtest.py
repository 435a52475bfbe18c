"""Score the forecast models by rolling-origin backtest: MASE, pinball loss and interval coverage.

At each origin every model forecasts every series active in the year before it, using only earlier weeks,
and is scored against what happened. The table has one row per model and horizon group (1-4, 5-8, 9-12):
mase = |y - mean| / the series' in-sample naive-1 MAE; pinball = mean pinball loss over the quantiles 0.025,
0.1, 0.5, 0.9, 0.975, scaled the same way (a discrete CRPS); cov80/cov95 = share of outcomes inside the
intervals (integer intervals of small counts cover a bit more than nominal); *_vs_naive and *_vs_mean = the
model's score over the baseline's on the same series, origins and weeks (< 1 = better than the baseline).
Coverage: each series stops at its country's last event in the store; weeks after it are no data, never zeros,
so no forecast is scored against weeks nobody recorded (the countries cut are named on stderr).

Example:
  trends backtest --origins 12 --horizon 12 --format table
  trends backtest --from 2017-01-02 --to 2019-06-24 --every 8 --models naive,mean,nbglm,auto --format csv --out skill.csv
"""

from __future__ import annotations

import logging
import sys

import pandas as pd

from .. import store
from ..errors import TrendsError, UsageError
from ..forecast import MODELS

log = logging.getLogger(__name__)


def add_arguments(parser) -> None:
    parser.add_argument(
        "--origins",
        type=int,
        default=None,
        metavar="N",
        help="the last N origins, --every weeks apart, the latest leaving --horizon observed weeks "
        "(default 8 unless --from/--to are given)",
    )
    parser.add_argument("--from", dest="start", metavar="DATE", help="first origin (a date or 2017-W01)")
    parser.add_argument("--to", dest="end", metavar="DATE", help="last origin (a date or 2019-W26)")
    parser.add_argument("--every", type=int, default=4, metavar="K", help="weeks between origins (default 4)")
    parser.add_argument("--horizon", type=int, default=12, metavar="H", help="weeks ahead, 1-12 (default 12)")
    from ._common import add_models_arg, add_output_args

    add_models_arg(
        parser,
        "naive,mean,nbglm,sparse,auto",
        ["select", *MODELS],
        help_default="naive,mean,nbglm,sparse,auto; auto is the default model (local level), select the "
        "per-series choice by inner backtest",
    )
    add_output_args(parser, example="skill.csv")
    parser.add_argument("--rows", metavar="FILE", help="also write every scored forecast (long CSV) to FILE")


def _progress(n: int):
    """A rich progress callback when stderr is a terminal, else None."""
    if not sys.stderr.isatty():
        return None, None
    from rich.progress import Progress

    p = Progress(transient=True)
    task = p.add_task("backtest origins", total=n)
    p.start()
    return (lambda i, _n: p.update(task, completed=i)), p


def run(args) -> int:
    from ..errors import NothingMatched
    from ..forecast.backtest import backtest, rolling_origins, summarise
    from ..scope import analysis_weekly, events_span
    from ..weeks import parse_week

    if not 1 <= args.horizon <= 12:
        raise UsageError(f"--horizon must be between 1 and 12 weeks, got {args.horizon}")
    if args.origins is not None and (args.start or args.end):
        raise UsageError("use either --origins N or --from/--to, not both")
    from ._common import parse_models

    models = parse_models(args.models, ["select", *MODELS])
    con = store.connect(args.db, read_only=True)
    try:
        if con.execute("select count(*) from events").fetchone()[0] == 0:
            raise TrendsError(f"database {args.db} has no events; ingest some with `trends ingest`")
        scope = analysis_weekly(con, all_series=True)
        span = events_span(con)  # for the message when no origin can be scored
    finally:
        con.close()
    for note in scope.notes:
        log.info("%s; not scored there", note)
    weekly = scope.weekly
    try:
        origins = rolling_origins(
            weekly,
            n=args.origins or 8,
            start=parse_week(args.start) if args.start else None,
            end=parse_week(args.end) if args.end else None,
            every=args.every,
            horizon=args.horizon,
        )
    except ValueError as e:
        if args.start or args.end:
            raise NothingMatched(f"{e} (--from/--to)") from None
        raise UsageError(str(e)) from None
    cb, bar = _progress(len(origins))
    try:
        bt = backtest(weekly, models, origins, args.horizon, progress=cb)
    finally:
        if bar is not None:
            bar.stop()
    log.info(
        "backtest: %d origins %s..%s, %d scored forecasts", len(origins), origins[0].date(), origins[-1].date(), len(bt)
    )
    if bt.empty:
        raise NothingMatched(
            f"no forecast to score at the origins {origins[0].date()}..{origins[-1].date()} (--from/--to, "
            f"--origins): no series has data before and after them; {span}"
        )
    if args.rows:
        bt.to_csv(args.rows, index=False)
    from ._common import write_frame

    table = summarise(bt)
    table = table.reset_index() if not isinstance(table.index, pd.RangeIndex) else table
    write_frame(
        table if args.format != "table" else table.round(3),
        args.format,
        args.out,
        footer=f"{len(origins)} origins, {len(bt):,} scored forecasts",
    )
    return 0
