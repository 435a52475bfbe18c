"""Print or export zero-filled weekly counts per (actor, province), or per roll-up key.

Every series has one row per ISO week (Monday) from its first week (or --from) to --to (default: the week of the
latest event in the store); weeks without events are 0. An event between two armed groups counts in each group's
series. CSV and Parquet have the columns actor, country, province, week, events, fatalities (week = the Monday's
date; fatalities = sum of best estimates). Key columns not in --by are empty; with --by actor_family the family is
in the actor column. The table format labels weeks like 2019-W48 and shows the first --limit rows.

Example:
  trends weekly --from 2019-01-01 --to 2019-W52 --format csv --out weekly.csv
  trends weekly --by country --event-type "state-based" --format table
  trends weekly --by actor_family,province --dataset ucdp --format parquet --out family.parquet
"""
from __future__ import annotations

import sys

from .. import store
from ..errors import UsageError

CSV_COLUMNS = ["actor", "country", "province", "week", "events", "fatalities"]


def _list(values):
    if not values:
        return None
    return [p.strip() for v in values for p in v.split(",") if p.strip()]


def add_arguments(parser) -> None:
    parser.add_argument("--by", default="actor,province", metavar="KEYS",
                        help="comma-separated keys: actor, actor_family, country, province "
                             "(default actor,province = one series per actor, country and province)")
    parser.add_argument("--from", dest="start", metavar="DATE", help="first week, a date or 2019-W01")
    parser.add_argument("--to", dest="end", metavar="DATE",
                        help="last week, a date or 2019-W52 (default: week of the latest event)")
    parser.add_argument("--event-type", action="append", metavar="T",
                        help="keep only this event type (repeat or comma-separate for several)")
    parser.add_argument("--attribution", action="append", metavar="A",
                        help="keep only claimed|reported|assessed|unverified|denied (repeatable)")
    parser.add_argument("--dataset", action="append", metavar="D", help="keep only this dataset, e.g. ucdp (repeatable)")
    parser.add_argument("--country", action="append", metavar="C", help="keep only this country (repeatable)")
    parser.add_argument("--actor", action="append", metavar="NAME",
                        help="keep only this actor; aliases work ('ISIS' = 'Islamic State') (repeatable)")
    parser.add_argument("--as-of", metavar="TIME", help="counts as they stood at this ingest time (ISO timestamp)")
    parser.add_argument("--format", default="table", choices=["table", "csv", "parquet"],
                        help="table (default), csv (to stdout unless --out) or parquet (needs --out)")
    parser.add_argument("--out", metavar="FILE", help="write to FILE instead of stdout")
    parser.add_argument("--limit", type=int, default=200, metavar="N", help="rows shown by --format table (default 200)")


def run(args) -> int:
    from ..aggregate import weekly_counts

    if args.format == "parquet" and not args.out:
        raise UsageError("--format parquet writes a binary file: add --out FILE")
    con = store.connect(args.db, read_only=True)
    try:
        w = weekly_counts(con, by=args.by, start=args.start, end=args.end, event_types=_list(args.event_type),
                          attributions=_list(args.attribution), datasets=_list(args.dataset),
                          countries=_list(args.country), actors=_list(args.actor), as_of=args.as_of)
    finally:
        con.close()
    if args.format == "parquet":
        write_parquet(w, args.out)
    elif args.format == "csv":
        frame = w[CSV_COLUMNS].assign(week=w["week"].dt.strftime("%Y-%m-%d"))
        if args.out:
            frame.to_csv(args.out, index=False)
        else:
            frame.to_csv(sys.stdout, index=False, lineterminator="\n")
    else:
        _table(w, args.limit, args.out)
    if args.out:
        print(f"wrote {len(w):,} rows ({w['series_id'].nunique():,} series) to {args.out}", file=sys.stderr)
    return 0


def write_parquet(w, path, row_group_size: int = 65_536) -> None:
    """Write the weekly frame in row groups (a single row group is read on one thread)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    frame = w[CSV_COLUMNS].assign(week=w["week"].dt.date)
    pq.write_table(pa.Table.from_pandas(frame, preserve_index=False), path, row_group_size=row_group_size,
                   compression="zstd")


def _table(w, limit: int, out_path) -> None:
    from rich.console import Console
    from rich.table import Table

    from ..weeks import week_label

    t = Table("actor", "country", "province", "week", "events", "fatalities")
    for r in w.head(limit).itertuples(index=False):
        t.add_row(r.actor, r.country, r.province, week_label(r.week), str(r.events), str(r.fatalities))
    f = open(out_path, "w", encoding="utf-8") if out_path else sys.stdout
    try:
        Console(file=f, width=120).print(t)
        more = len(w) - min(limit, len(w))
        print(f"{len(w):,} rows, {w['series_id'].nunique():,} series" +
              (f"; {more:,} more rows not shown (use --format csv or --limit)" if more else ""), file=f)
    finally:
        if out_path:
            f.close()
