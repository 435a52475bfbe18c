"""Profile: where an ingest's time goes, statement by statement, against the CTAS floor of the same file.

Makes the synthetic canonical-events Parquet of bench/ingest_weekly.py (--n events over --series series), then in
one process: the CTAS floor (`create table as select * from read_parquet(...)` into a fresh file), then
`trends.ingest.ingest_file` into a fresh store with every SQL statement timed (wall and CPU seconds of the process;
CPU is what matters on a shared machine, where wall time follows the load). Prints the ingest's stages
(IngestResult.timings), the statements that took most CPU, and the totals as ratios to the CTAS.

With --columns, also what writing `event_rows` costs by itself (sql/schema/011_event_names.sql: the events' own
columns and one integer per name combination), from the staged batch just before the merge writes it: the table
as it is, only its dense per-event columns, and each column alone.

Usage:
  python bench/ingest_profile.py --n 2e6 --series 20000 --columns
  python bench/ingest_profile.py --n 1e7 --series 20000
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from ingest_weekly import make_events  # noqa: E402

#: columns of `event_rows` that differ from event to event in a typical file
DENSE = ["event_id", "event_date", "name_id", "fatalities", "batch_id", "record_hash", "ingested_at", "id_key"]


class Tracer:
    """Times every `execute` on DuckDB connections (wall and process CPU seconds) while active."""

    def __init__(self):
        import duckdb

        self.cls = duckdb.DuckDBPyConnection
        self.orig = self.cls.execute
        self.rows: list[tuple[float, float, str]] = []

    def __enter__(self):
        orig, rows = self.orig, self.rows

        def execute(con, query, *args, **kw):
            t, c = time.perf_counter(), time.process_time()
            out = orig(con, query, *args, **kw)
            rows.append((time.perf_counter() - t, time.process_time() - c, str(query)))
            return out

        self.cls.execute = execute
        return self

    def __exit__(self, *exc):
        self.cls.execute = self.orig


def timed(con, sql: str) -> tuple[float, float]:
    t, c = time.perf_counter(), time.process_time()
    con.execute(sql).fetchall()
    return time.perf_counter() - t, time.process_time() - c


STAGE = "create or replace temp table _ingest_staged as"


def column_costs(con, stage_sql: str | None) -> list[tuple[str, float, float]]:
    """Write costs of `event_rows` (sql/schema/011_event_names.sql) from `_ingest_staged` (good rows) into scratch
    tables, dropped afterwards: the table as it is, only its dense per-event columns, and each column alone; with
    `stage_sql` (the statement that staged the batch) also the narrow pass that finds the rejected rows alone.
    Needs the batch's `_ingest_nk_map` (made by the merge before it writes the rows)."""
    from trends.ingest import rows

    def sel(cols):
        return ", ".join(
            {
                "batch_id": "1::integer",
                "ingested_at": "now()::timestamp",
                "name_id": "m.name_id",
                "groups": "m.multi",
            }.get(c, f"s.{c}")
            for c in cols
        )

    good = "(select * from _ingest_staged where _field is null) s join _ingest_nk_map m using (_nk)"
    cols = list(rows.ROW_COLUMNS)
    variants = [("event_rows as it is", cols), ("event_rows, dense columns", DENSE)] + [
        (f"  column {c} alone", [c]) for c in cols
    ]
    out = []
    for label, cs in variants:
        con.execute(f"create or replace table _bench_ev as select {', '.join(cs)} from event_rows limit 0").fetchall()
        w, c = timed(con, f"insert into _bench_ev select {sel(cs)} from {good}")
        out.append((label, w, c))
    if stage_sql:
        body = stage_sql.split(STAGE, 1)[1].rstrip().rstrip(";")
        w, c = timed(
            con,
            f"create or replace temp table _bench_ev_bad as select _row, _field, _reason from ({body}) "
            "where _field is not null",
        )
        out.append(("narrow pass: the rejected rows alone", w, c))
        con.execute("drop table if exists _bench_ev_bad").fetchall()
    con.execute("drop table if exists _bench_ev").fetchall()
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", default="2e6", help="events in the file (default 2e6)")
    ap.add_argument("--series", type=int, default=20000, help="(actor, country, province) series (default 20000)")
    ap.add_argument("--top", type=int, default=15, help="statements listed, most CPU first (default 15)")
    ap.add_argument("--columns", action="store_true", help="also the write cost of events, per column and variant")
    ap.add_argument(
        "--memory-limit",
        help="DuckDB memory limit while the batch is staged and merged, e.g. 3GB (default: the ingest's own, "
        "trends.ingest.batch.INGEST_MEMORY_LIMIT)",
    )
    args = ap.parse_args()
    import duckdb

    from trends import ingest, store
    from trends.ingest import batch, rows

    if args.memory_limit:
        batch.INGEST_MEMORY_LIMIT = args.memory_limit

    n = int(float(args.n))
    with tempfile.TemporaryDirectory() as tmp:
        pq = Path(tmp) / "events.parquet"
        make_events(n, pq, args.series)
        floor = duckdb.connect(str(Path(tmp) / "ctas.duckdb"))
        ctas_w, ctas_c = timed(floor, f"create table t as select * from read_parquet('{pq}')")
        w, c = timed(floor, "checkpoint")
        ctas_w, ctas_c = ctas_w + w, ctas_c + c
        floor.close()
        con = store.connect(Path(tmp) / "store.duckdb")
        costs: list = []
        tr = Tracer()
        real = rows.insert_rows

        def measured(con_, *a, **kw):
            stage = next((q for _, _, q in tr.rows if STAGE in q), None)
            costs.extend(column_costs(con_, stage))
            return real(con_, *a, **kw)

        if args.columns:
            rows.insert_rows = measured
        try:
            t, c = time.perf_counter(), time.process_time()
            with tr:
                res = ingest.ingest_file(con, pq, today="2030-01-01")
            con.execute("checkpoint").fetchall()
            ing_w, ing_c = time.perf_counter() - t, time.process_time() - c
        finally:
            rows.insert_rows = real
        con.close()
    # the scratch writes of --columns ran inside the ingest: take them out of its totals and statements
    scratch = [r for r in tr.rows if "_bench_ev" in r[2]]
    tr.rows[:] = [r for r in tr.rows if "_bench_ev" not in r[2]]
    ing_w -= sum(r[0] for r in scratch)
    ing_c -= sum(r[1] for r in scratch)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"{n:,} events over {args.series:,} series; {res.rows_accepted:,} stored; memory limit "
        f"{batch.INGEST_MEMORY_LIMIT}, peak {peak:.0f} MB (whole process)"
    )
    print(f"ctas     wall {ctas_w:7.2f} s  cpu {ctas_c:7.2f} s")
    print(
        f"ingest   wall {ing_w:7.2f} s  cpu {ing_c:7.2f} s  = {ing_w / ctas_w:.1f}x ctas wall, "
        f"{ing_c / ctas_c:.1f}x ctas cpu (target <= 4x)"
    )
    print("stages (wall s): " + ", ".join(f"{k} {v:.2f}" for k, v in res.timings.items()))
    if costs:
        print("\nwriting event_rows from the staged batch (not part of the ingest above):")
        for label, w, c in costs:
            print(f"  {label:42s} wall {w:6.2f}  cpu {c:6.2f}  = {c / ctas_c:.2f}x ctas cpu")
    print(f"\nstatements by CPU (top {args.top} of {len(tr.rows)}):")
    for w, c, q in sorted(tr.rows, key=lambda r: -r[1])[: args.top]:
        print(f"  wall {w:6.2f}  cpu {c:6.2f}  {' '.join(q.split())[:120]}")


if __name__ == "__main__":
    main()
