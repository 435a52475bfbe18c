"""Print or export zero-filled weekly counts per (actor, province), or per roll-up key.

Every series has one row per ISO week (Monday) from its first week (or --from) to --to (default: the week of the
latest event in the store); weeks without events are 0. An event between two armed groups counts in each group's
series. CSV and Parquet have the columns actor, country, province, week, events, fatalities (week = the Monday's
date; fatalities = sum of best estimates). Key columns not in --by are empty; with --by actor_family the family is
in the actor column. The table format labels weeks like 2019-W48 and shows the first --limit rows.

Output: --format table (boxed, default), csv, json (to stdout unless --out FILE) or parquet (needs --out).
A filter that matches nothing is an error (exit 2) that says so.

Example:
  trends weekly --from 2019-01-01 --to 2019-W52 --format csv --out weekly.csv
  trends weekly --province Ninawa --actor ISIS --from 2014-W01 --to 2014-W52   # Ninawa = Nineveh
  trends weekly --by country --event-type "state-based" --format table
  trends weekly --by actor_family,province --dataset ucdp --format parquet --out family.parquet
"""

from __future__ import annotations

from .. import store
from ..errors import UsageError

CSV_COLUMNS = ["actor", "country", "province", "week", "events", "fatalities"]


def _list(values):
    if not values:
        return None
    return [p.strip() for v in values for p in v.split(",") if p.strip()]


def add_arguments(parser) -> None:
    from ._common import add_output_args

    parser.add_argument(
        "--by",
        default="actor,province",
        metavar="KEYS",
        help="comma-separated keys: actor, actor_family, country, province "
        "(default actor,province = one series per actor, country and province), e.g. --by country",
    )
    parser.add_argument("--from", dest="start", metavar="DATE", help="first week, a date or 2019-W01")
    parser.add_argument(
        "--to", dest="end", metavar="DATE", help="last week, a date or 2019-W52 (default: week of the latest event)"
    )
    parser.add_argument(
        "--event-type",
        action="append",
        metavar="T",
        help="keep only this event type (repeat or comma-separate), e.g. --event-type state-based",
    )
    parser.add_argument(
        "--attribution",
        action="append",
        metavar="A",
        help="keep only claimed|reported|assessed|unverified|denied (repeatable), e.g. --attribution claimed",
    )
    parser.add_argument(
        "--dataset", action="append", metavar="D", help="keep only this dataset (repeatable), e.g. --dataset ucdp"
    )
    parser.add_argument(
        "--country", action="append", metavar="C", help="keep only this country (repeatable), e.g. --country Mali"
    )
    parser.add_argument(
        "--province",
        action="append",
        metavar="P",
        help="keep only this province; gazetteer names work ('Ninawa' = Nineveh) (repeatable)",
    )
    parser.add_argument(
        "--actor",
        action="append",
        metavar="NAME",
        help="keep only this actor; aliases work ('ISIS' = 'Islamic State') (repeatable)",
    )
    parser.add_argument(
        "--as-of", metavar="TIME", help="counts as they stood at this ingest time, e.g. --as-of 2026-11-30T08:00"
    )
    add_output_args(parser, ("table", "csv", "json", "parquet"), example="weekly.csv")
    parser.add_argument(
        "--limit", type=int, default=200, metavar="N", help="rows shown by --format table (default 200)"
    )


def run(args) -> int:
    from ..aggregate import weekly_counts
    from ..weeks import monday, parse_week
    from ._common import filter_provinces, nothing_matched, write_frame

    if args.format == "parquet" and (not args.out or args.out == "-"):
        raise UsageError("--format parquet writes a binary file: add --out FILE")
    filters = any(
        [
            args.start,
            args.end,
            args.event_type,
            args.attribution,
            args.dataset,
            args.country,
            args.province,
            args.actor,
            args.as_of,
        ]
    )
    con = store.connect(args.db, read_only=True)
    try:
        w = weekly_counts(
            con,
            by=args.by,
            start=args.start,
            end=args.end,
            event_types=_list(args.event_type),
            attributions=_list(args.attribution),
            datasets=_list(args.dataset),
            countries=_list(args.country),
            actors=_list(args.actor),
            as_of=args.as_of,
        )
        w = filter_provinces(con, w, _list(args.province))
        if args.start and len(w):
            last = con.execute("select max(event_date) from events").fetchone()[0]
            if parse_week(args.start) > monday(last):  # zero-filled weeks nobody recorded yet
                from ..scope import events_span

                raise nothing_matched(
                    "weekly counts", f"--from {args.start} is after the last event: {events_span(con)}"
                )
    finally:
        con.close()
    if w.empty:
        if filters:
            raise nothing_matched(
                "weekly counts",
                "check --actor/--country/--province/--from/--to (`trends weekly` with no filter lists every series)",
            )
        raise UsageError(f"the database {args.db} has no events; ingest some with `trends ingest`")
    if args.format == "parquet":
        write_parquet(w, args.out)
    else:
        frame = w[CSV_COLUMNS]
        if args.format != "table":
            frame = frame.assign(week=w["week"].dt.strftime("%Y-%m-%d"))
        write_frame(
            frame,
            args.format,
            args.out,
            week_cols=("week",),
            limit=args.limit,
            footer=f"{len(w):,} rows, {w['series_id'].nunique():,} series",
        )
    if args.out and args.out != "-":
        import sys

        print(f"wrote {len(w):,} rows ({w['series_id'].nunique():,} series) to {args.out}", file=sys.stderr)
    return 0


def write_parquet(w, path, row_group_size: int = 65_536) -> None:
    """Write the weekly frame in row groups (a single row group is read on one thread)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    frame = w[CSV_COLUMNS].assign(week=w["week"].dt.date)
    pq.write_table(
        pa.Table.from_pandas(frame, preserve_index=False), path, row_group_size=row_group_size, compression="zstd"
    )
