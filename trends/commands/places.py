"""List the places in the store with event counts, or the country and province names the gazetteer did not know.

Countries and provinces are normalised at ingest with the gazetteer (ISO 3166 and 3166-2 plus the shipped and user
province aliases). Names it does not know are kept as written with country_matched / province_matched false; their
series get no expansion alerts. --unmatched lists them with event counts and first/last dates.

Example:
  trends places                    # countries and provinces in the store, most events first
  trends places --unmatched        # country and province names the gazetteer did not know
  trends places --unmatched --format csv > unknown_places.csv
"""

from __future__ import annotations

from .. import store


def add_arguments(parser) -> None:
    parser.add_argument(
        "--unmatched",
        action="store_true",
        help="list unknown country and province names with counts and first/last dates "
        "(example: trends places --unmatched)",
    )
    from ._common import add_output_args

    add_output_args(parser, example="places.csv")


def run(args) -> int:
    con = store.connect(args.db, read_only=True)
    try:
        if args.unmatched:
            rows = con.execute("""
                select 'country' as kind, country as name, null as country, count(*) as events,
                       min(event_date)::varchar as first, max(event_date)::varchar as last
                from events where country_matched = false group by country
                union all
                select 'province', province_raw, country, count(*), min(event_date)::varchar, max(event_date)::varchar
                from events where province_matched = false and province_raw is not null group by province_raw, country
                order by events desc, name""").fetchall()
            cols = ["kind", "name", "country", "events", "first", "last"]
        else:
            rows = con.execute("""select country, coalesce(province, '') as province, count(*) as events,
                                         min(event_date)::varchar as first, max(event_date)::varchar as last
                                  from events group by all order by events desc, country, province""").fetchall()
            cols = ["country", "province", "events", "first", "last"]
    finally:
        con.close()
    from ._common import output
    from .sql import write_rows

    with output(args.out) as f:
        write_rows(cols, rows, args.format, f)
    return 0
