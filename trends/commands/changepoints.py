"""Find the weeks where a series' rate of events changed (offline), or shifted in the latest weeks (--online).

Offline: every (actor, country, province) series in the store is segmented by PELT with a negative-binomial
(default, its dispersion fitted jointly with the segmentation) or Poisson likelihood, searching every week; the
penalty is MBIC (default), BIC or a number. Each row is a change: the first week of the new regime, the mean
weekly events before and after, their ratio and a p-value for that split (Davies' bound, which accounts for the searched week). Series shorter than 2 x --min-size weeks are
skipped and counted on stderr. Each series stops at its country's coverage end (the last event of any actor
there): the weeks after it are no data, not zeros, so the end of a source is not reported as a collapse; the
countries cut that way are named on stderr.

--online: each series' latest --last weeks are tested against the 52 weeks before them by a negative-binomial
GLR-CUSUM; a row is an alarm, with the estimated onset week and the GLR score (p_value = Davies' bound).

CSV/JSON columns: actor, country, province, week (the Monday's date), method, direction, rate_before,
rate_after, rate_ratio, p_value (+ score with --online). The table labels weeks like 2019-W48.

Example:
  trends changepoints --actor "Islamic State" --country Iraq --province Nineveh
  trends changepoints --from 2012-01-01 --to 2016-12-31 --cost poisson --penalty bic --format csv --out cp.csv
  trends changepoints --online --last 8 --format json
"""

from __future__ import annotations

import argparse
import json
import logging
import sys

from .. import store
from ..errors import UsageError

log = logging.getLogger(__name__)


def _penalty(text: str):
    t = text.strip().lower()
    if t in ("mbic", "bic"):
        return t
    try:
        v = float(t)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be mbic, bic or a number > 0, got {text!r}") from None
    if not v > 0:
        raise argparse.ArgumentTypeError(f"must be > 0, got {text!r}")
    return v


def _dispersion(text: str):
    t = text.strip().lower()
    if t in ("profile", "lag"):
        return t
    try:
        v = float(t)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be profile, lag or a number > 0, got {text!r}") from None
    if not v > 0:
        raise argparse.ArgumentTypeError(f"must be > 0, got {text!r}")
    return v


def add_arguments(parser) -> None:
    parser.add_argument(
        "--actor",
        action="append",
        metavar="A",
        help="only this actor; aliases work ('ISIS' = 'Islamic State') (repeatable)",
    )
    parser.add_argument("--country", action="append", metavar="C", help="only this country (repeatable)")
    parser.add_argument(
        "--province",
        action="append",
        metavar="P",
        help="only this province; spellings resolve as at ingest ('Ninawa' = 'Nineveh') (repeatable)",
    )
    parser.add_argument("--from", dest="start", metavar="D", help="first week analysed, a date or 2019-W01")
    parser.add_argument(
        "--to", dest="end", metavar="D", help="last week analysed (default: week of the latest event in the store)"
    )
    parser.add_argument(
        "--cost",
        default="nb",
        choices=["nb", "poisson"],
        help="segment likelihood: nb = negative binomial (default; weekly counts are "
        "overdispersed), poisson. Example: --cost poisson",
    )
    parser.add_argument(
        "--dispersion",
        default="profile",
        type=_dispersion,
        metavar="profile|lag|K",
        help="NB size k: profile = fitted jointly with the segmentation (default; a sharp jump is "
        "a change, not overdispersion), lag = lag-13 moment estimate held fixed (before "
        "2026-12), or a number. Example: --dispersion lag",
    )
    parser.add_argument(
        "--penalty",
        default="mbic",
        type=_penalty,
        metavar="mbic|bic|NUMBER",
        help="price of one more change: mbic (default, Zhang & Siegmund 2007), bic (2 log n) or a "
        "number on the -2 log-likelihood scale (larger = fewer changes)",
    )
    parser.add_argument("--min-size", type=int, default=4, metavar="N", help="shortest regime in weeks (default 4)")
    parser.add_argument(
        "--online",
        action="store_true",
        help="detect a shift in each series' latest weeks instead of segmenting the history",
    )
    parser.add_argument("--last", type=int, default=8, metavar="N", help="with --online: weeks searched (default 8)")
    parser.add_argument(
        "--threshold",
        type=float,
        default=None,
        metavar="H",
        help="with --online: GLR alarm threshold (default 8.0; docs/alerts-detect.md gives its false-alarm rate)",
    )
    parser.add_argument(
        "--format",
        default="table",
        choices=["table", "csv", "json"],
        help="table (default), csv or json (to stdout unless --out)",
    )
    parser.add_argument("--out", metavar="FILE", help="write to FILE instead of stdout")


def run(args) -> int:
    from ..detect import ChangePointDetector, detect_breaks, online_shifts
    from ..detect.online import THRESHOLD
    from ..scope import analysis_weekly

    if args.min_size < 1:
        raise UsageError(f"--min-size must be >= 1, got {args.min_size}")
    con = store.connect(args.db, read_only=True)
    try:
        scope = analysis_weekly(
            con,
            start=args.start,
            end=args.end,
            actors=args.actor,
            countries=args.country,
            provinces=args.province,
            all_series=True,
        )
    finally:
        con.close()
    for note in scope.notes:
        log.info("%s", note)
    weekly = scope.weekly
    n_series = weekly.groupby(["actor", "country", "province"]).ngroups
    if args.online:
        breaks, issues = online_shifts(
            weekly,
            last=args.last,
            return_issues=True,
            threshold=THRESHOLD if args.threshold is None else args.threshold,
        )
    else:
        det = ChangePointDetector(
            cost=args.cost,
            penalty=args.penalty,
            min_size=args.min_size,
            dispersion=args.dispersion if args.cost == "nb" else None,
        )
        breaks, issues = detect_breaks(weekly, det, return_issues=True)
    breaks = breaks.sort_values(["actor", "country", "province", "week"]).reset_index(drop=True)
    log.info("%d change(s) in %d series; %d series too short, skipped", len(breaks), n_series, len(issues))
    _write(breaks, args.format, args.out)
    if args.out:
        print(
            f"wrote {len(breaks):,} rows ({n_series:,} series examined, {len(issues):,} too short) to {args.out}",
            file=sys.stderr,
        )
    return 0


def _write(breaks, fmt: str, out) -> None:
    import numpy as np

    if fmt in ("csv", "json"):
        frame = breaks.assign(week=breaks["week"].dt.strftime("%Y-%m-%d"))
        if fmt == "csv":
            text = frame.to_csv(index=False, lineterminator="\n")
        else:
            recs = frame.replace([np.inf, -np.inf], None).astype(object).where(frame.notna(), None)
            text = json.dumps(recs.to_dict(orient="records"), indent=1, ensure_ascii=False, default=float) + "\n"
        if out:
            with open(out, "w", encoding="utf-8") as f:
                f.write(text)
        else:
            sys.stdout.write(text)
        return
    _table(breaks, out)


def _table(b, out) -> None:
    from rich.table import Table

    from ..weeks import week_label

    cols = ["actor", "country", "province", "week", "method", "dir", "before", "after", "ratio", "p_value"]
    online = "score" in b.columns
    t = Table(*cols, *(["score"] if online else []))
    for r in b.itertuples(index=False):
        cells = [
            r.actor,
            r.country,
            r.province,
            week_label(r.week),
            r.method,
            r.direction,
            f"{r.rate_before:.2f}",
            f"{r.rate_after:.2f}",
            "new" if r.rate_ratio == float("inf") else f"x{r.rate_ratio:.2f}",
            f"{r.p_value:.2g}",
        ]
        if online:
            cells.append(f"{r.score:.1f}")
        t.add_row(*cells)
    f = open(out, "w", encoding="utf-8") if out else sys.stdout
    try:
        from ._common import render

        f.write(render(t, 140))  # as text: a closed pipe then ends quietly (trends.cli)
        print(f"{len(b):,} change(s); weekly rates are mean events per week; ratio 'new' = from zero", file=f)
    finally:
        if out:
            f.close()
