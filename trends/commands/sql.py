"""Run ad-hoc SQL over the event store (read-only unless --write).

The views in sql/views are available: event_series, weekly_counts, weekly_country, weekly_family, and the table
macros event_series_as_of(t) and weekly_counts_as_of(t). `--format csv` prints a header line and the rows, nothing
else, so scripts can read it; `--format json` prints a JSON array of row objects.

Without --write only queries run, and nothing is written anywhere: SELECT (WITH, FROM-first, VALUES, DESCRIBE,
SHOW, SUMMARIZE), EXPLAIN [ANALYZE] of a query, and read-only PRAGMAs (table_info, show_tables, database_size, ...).
Refused: INSERT/UPDATE/DELETE/CREATE/DROP/ALTER, COPY (TO writes a file), EXPORT/IMPORT DATABASE, ATTACH/DETACH,
INSTALL/LOAD, SET/RESET/USE and every other statement type; the configuration is locked, so no query can change a
setting. Reading files stays allowed: read_csv('mine.csv'), read_parquet('x.parquet'), read_json('x.jsonl'), e.g.
to join your own list against the store. See docs/cli-safety.md.

Example:
  trends sql "select actor, province, sum(events) as n from weekly_counts where week >= date '2019-01-01' group by all order by n desc limit 10"
  trends sql --format csv "select * from weekly_country where country = 'Syria'" > syria.csv
  trends sql "select w.* from weekly_counts w join read_csv('watch.csv') l using (actor) where w.events > 0"
  trends sql --write "insert into actor_aliases values ('Wilayat Sina', 'wilayat sina', 'IS Sinai', 'Islamic State', null, null, 'user')"
"""

from __future__ import annotations

from .. import sqlguard, store
from ..errors import TrendsError


def add_arguments(parser) -> None:
    parser.add_argument("query", metavar="SQL", help="one SQL statement (quote it for the shell)")
    parser.add_argument(
        "--format",
        default="table",
        choices=["table", "csv", "json"],
        help="table (default, for people), csv (header + rows) or json (array of objects), e.g. --format csv",
    )
    parser.add_argument("--out", metavar="FILE", help="write to FILE instead of stdout, e.g. --out result.csv")
    parser.add_argument(
        "--write",
        action="store_true",
        help="open the database writable and run any statement (default: queries only, so a "
        "typo or a pasted script cannot change the store or write files)",
    )


def clean_duckdb_message(e: Exception) -> str:
    """DuckDB's message on one line, without the 'LINE 1:' echo and caret."""
    lines = [ln.strip() for ln in str(e).splitlines()]
    keep, skip = [], False
    for ln in lines:
        if ln.startswith("LINE "):
            skip = True
            continue
        if skip or not ln:
            continue
        keep.append(ln)
    return " ".join(keep) or type(e).__name__


def run(args) -> int:
    import duckdb

    con = store.connect(args.db, read_only=not args.write)
    try:
        try:
            if not args.write:
                sqlguard.lock_down(con)
                sqlguard.check_query_only(con, args.query)
            rel = con.execute(args.query)
            cols = [d[0] for d in rel.description] if rel.description else []
            rows = rel.fetchall() if cols else []
        except duckdb.Error as e:
            msg = clean_duckdb_message(e)
            if not args.write and "read-only" in msg:
                msg += " (add --write to change the store)"
            elif not args.write and "configuration has been locked" in msg:
                msg += " (trends sql without --write locks it)"
            raise TrendsError(msg) from None
    finally:
        con.close()
    from ._common import output

    with output(args.out) as f:
        write_rows(cols, rows, args.format, f)
    return 0


def write_rows(cols: list[str], rows: list[tuple], fmt: str, out) -> None:
    """Print a result set as a rich table, CSV (header + rows) or JSON."""
    if fmt == "csv":
        import csv

        w = csv.writer(out, lineterminator="\n")
        w.writerow(cols)
        w.writerows(["" if v is None else v for v in r] for r in rows)
    elif fmt == "json":
        import json

        json.dump([dict(zip(cols, r)) for r in rows], out, default=str, ensure_ascii=False)
        out.write("\n")
    else:
        from rich.table import Table

        if not cols:
            print("OK", file=out)
            return
        from rich import box

        t = Table(*cols, show_lines=False, box=box.SQUARE, header_style="bold")
        for r in rows:
            t.add_row(*["" if v is None else str(v) for v in r])
        from ._common import render

        out.write(render(t, max(80, min(200, sum(len(c) + 12 for c in cols)))))
        print(f"{len(rows)} row{'s' if len(rows) != 1 else ''}", file=out)
