"""Benchmark: ingest and weekly counts for synthetic 1M and 10M events, against floors measured in the same run.

Events are heavy-tailed over --series (actor, country, province) series (Zipf weights; default 2,000 for 1M and
20,000 for 10M), dated 2010-2023, written as canonical-events Parquet in row groups of 122,880 rows. Each phase runs
in its own child process so that its peak memory (ru_maxrss) is its own:

  ctas     DuckDB `create table t as select * from read_parquet(...)` into a fresh file: the floor for ingest
  ingest   trends.ingest.ingest_file into a fresh DuckDB file              -> rows/s, peak RSS, ratio to ctas,
           and the seconds of each stage (scan, names, checks, ..., merge: events, ...; IngestResult.timings)
  again    the same file again (skipped by its sha256)                      -> ratio to ingest (target <= 0.2)
  delta    a 5,000-row file (3,500 new events, 1,500 revisions) into the store -> seconds (target <= 1 s)
  weekly   trends.aggregate.weekly_counts over the store (zero-filled)     -> seconds, peak RSS
  pandas   the same weekly counts from the Parquet with plain pandas
           (string keys, groupby, MultiIndex reindex for the zero fill)     -> seconds, peak RSS

Targets (issue 9): ingest <= 4x ctas at <= 4 GB peak; again <= 0.2x ingest; delta <= 1 s.

Usage:
  python bench/ingest_weekly.py                 # 1M and 10M
  python bench/ingest_weekly.py --sizes 1e6     # 1M only
  python bench/ingest_weekly.py --sizes 1e7 --series 20000 --skip-weekly
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

COUNTRIES = [
    "Iraq",
    "Syria",
    "Nigeria",
    "Mali",
    "Burkina Faso",
    "Niger",
    "Afghanistan",
    "Somalia",
    "Pakistan",
    "Mozambique",
    "Cameroon",
    "Yemen",
]
ACTORS = [
    "ISIS",
    "Islamic State",
    "ISWAP",
    "IS Sahel",
    "ISKP",
    "JNIM",
    "al-Shabaab",
    "AQAP",
    "AQIM",
    "HTS",
    "Boko Haram",
    "TTP",
    "Taliban",
    "Ansar al-Sunnah",
] + [f"Local Brigade {i}" for i in range(186)]
ROW_GROUP = 122_880


def make_events(n: int, path: Path, n_series: int = 2000, seed: int = 0) -> None:
    """Write n synthetic canonical events to `path` (Parquet, row groups of ROW_GROUP rows)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from trends.normalize import Gazetteer

    rng = np.random.default_rng(seed)
    gaz = Gazetteer.load()
    pairs = [(c, p) for c in COUNTRIES for p in gaz.provinces(c)]
    keys = {(ACTORS[rng.integers(len(ACTORS))],) + pairs[rng.integers(len(pairs))] for _ in range(n_series * 3)}
    keys = sorted(keys)[:n_series]
    weights = 1.0 / np.arange(1, len(keys) + 1) ** 1.1  # heavy tail: a few series hold most events
    weights /= weights.sum()
    actor = np.array([k[0] for k in keys], dtype=object)
    country = np.array([k[1] for k in keys], dtype=object)
    prov = np.array([k[2] for k in keys], dtype=object)
    start = np.datetime64("2010-01-04")
    days = 14 * 365
    writer = None
    for lo in range(0, n, 1_000_000):
        m = min(1_000_000, n - lo)
        s = rng.choice(len(keys), size=m, p=weights)
        table = pa.table(
            {
                "event_id": pa.array(np.char.add("syn:", np.arange(lo, lo + m).astype(str))),
                "event_date": pa.array(start + rng.integers(0, days, m).astype("timedelta64[D]")),
                "actor": pa.DictionaryArray.from_arrays(pa.array(s.astype(np.int32)), pa.array(actor)),
                "country": pa.DictionaryArray.from_arrays(pa.array(s.astype(np.int32)), pa.array(country)),
                "province": pa.DictionaryArray.from_arrays(pa.array(s.astype(np.int32)), pa.array(prov)),
                "event_type": pa.array(
                    rng.choice(["armed clash", "IED", "attack on civilians"], m)
                ).dictionary_encode(),
                "fatalities": pa.array(rng.negative_binomial(1, 0.3, m).astype(np.int32)),
            }
        )
        if writer is None:
            writer = pq.ParquetWriter(path, table.schema, compression="zstd")
        writer.write_table(table, row_group_size=ROW_GROUP)
    writer.close()


def make_delta(parquet: Path, path: Path, n_new: int = 3500, n_rev: int = 1500, seed: int = 1) -> None:
    """A weekly delta: n_new new events and n_rev revisions (fatalities + 1) of events in `parquet`."""
    import duckdb

    rng = np.random.default_rng(seed)
    con = duckdb.connect()
    n = con.execute(f"select count(*) from read_parquet('{parquet}')").fetchone()[0]
    rev = sorted(rng.choice(n, size=n_rev, replace=False).tolist())
    new = rng.choice(n, size=n_new, replace=False).tolist()
    con.execute("create table pick (i bigint, kind varchar)")
    con.executemany("insert into pick values (?, ?)", [(i, "rev") for i in rev] + [(i, "new") for i in new])
    con.execute(f"""copy (select case when p.kind = 'new' then 'syn:new:' || p.i else e.event_id end as event_id,
                                 e.event_date, e.actor, e.country, e.province, e.event_type,
                                 e.fatalities + case when p.kind = 'rev' then 1 else 0 end as fatalities
                          from read_parquet('{parquet}', file_row_number = true) e
                          join pick p on p.i = e.file_row_number)
                    to '{path}' (format parquet)""")


def phase_ctas(parquet: Path, db: Path) -> dict:
    import duckdb

    con = duckdb.connect(str(db))
    t = time.perf_counter()
    con.execute(f"create table t as select * from read_parquet('{parquet}')")
    con.execute("checkpoint")
    sec = time.perf_counter() - t
    con.close()
    return {"seconds": sec}


def phase_delta(parquet: Path, db: Path) -> dict:
    from trends import ingest, store

    con = store.connect(db)
    t = time.perf_counter()
    res = ingest.ingest_file(con, parquet, today="2030-01-01")
    sec = time.perf_counter() - t
    con.close()
    return {
        "seconds": sec,
        "new": res.rows_new,
        "replaced": res.rows_replaced,
        "skipped": res.skipped,
        "stages": res.timings,
    }


def _watch_spill(folder: Path, stop, out: dict) -> None:
    """Largest total size (MB) of DuckDB's temporary files in `folder` while the ingest runs (polled)."""
    while not stop.wait(0.25):
        try:
            size = sum(f.stat().st_size for f in folder.iterdir() if f.is_file())
        except OSError:
            continue
        out["spill_mb"] = max(out.get("spill_mb", 0.0), size / 2**20)


def phase_ingest(parquet: Path, db: Path) -> dict:
    import threading

    from trends import ingest, store

    con = store.connect(db)
    spill: dict = {}
    stop = threading.Event()
    watch = threading.Thread(target=_watch_spill, args=(Path(f"{db}.tmp"), stop, spill), daemon=True)
    watch.start()
    t = time.perf_counter()
    res = ingest.ingest_file(con, parquet, today="2030-01-01")
    con.execute("checkpoint")
    sec = time.perf_counter() - t
    stop.set()
    watch.join()
    series = con.execute("select count(*) from series").fetchone()[0]
    con.close()
    return {
        "seconds": sec,
        "rows": res.rows_accepted,
        "rejected": res.rows_rejected,
        "series": series,
        "skipped": res.skipped,
        "stages": res.timings,
        "spill_mb": spill.get("spill_mb", 0.0),
    }


def phase_weekly(db: Path) -> dict:
    from trends import store
    from trends.aggregate import weekly_counts

    con = store.connect(db, read_only=True)
    t = time.perf_counter()
    w = weekly_counts(con)
    sec = time.perf_counter() - t
    return {"seconds": sec, "rows": len(w), "events": int(w["events"].sum())}


def phase_pandas(parquet: Path) -> dict:
    t = time.perf_counter()
    df = pd.read_parquet(parquet, columns=["actor", "country", "province", "event_date", "fatalities"])
    for c in ("actor", "country", "province"):
        df[c] = df[c].astype(str)  # plain pandas: string keys
    df["week"] = pd.to_datetime(df["event_date"]).dt.to_period("W-SUN").dt.start_time
    keys = ["actor", "country", "province"]
    sparse = df.groupby(keys + ["week"]).agg(events=("fatalities", "size"), fatalities=("fatalities", "sum"))
    first = sparse.reset_index().groupby(keys)["week"].min()
    last = df["week"].max()
    n_weeks = ((last - first) // pd.Timedelta(weeks=1)).to_numpy() + 1
    offsets = np.arange(n_weeks.sum()) - np.repeat(np.cumsum(n_weeks) - n_weeks, n_weeks)
    grid = first.index.to_frame(index=False).loc[np.repeat(np.arange(len(first)), n_weeks)].reset_index(drop=True)
    grid["week"] = np.repeat(first.to_numpy(), n_weeks) + pd.to_timedelta(offsets * 7, unit="D")
    full = sparse.reindex(pd.MultiIndex.from_frame(grid), fill_value=0).reset_index()
    sec = time.perf_counter() - t
    return {"seconds": sec, "rows": len(full), "events": int(full["events"].sum())}


def _stages(phase: dict) -> str:
    """The ingest's seconds per stage (IngestResult.timings), e.g. 'scan 0.01, names 1.2, checks 4.0, ...'."""
    return ", ".join(f"{k} {v:.2f}" for k, v in phase.get("stages", {}).items())


def _child(args) -> None:
    out = {
        "ingest": lambda: phase_ingest(Path(args.parquet), Path(args.db)),
        "ctas": lambda: phase_ctas(Path(args.parquet), Path(args.db)),
        "delta": lambda: phase_delta(Path(args.parquet), Path(args.db)),
        "makedelta": lambda: make_delta(Path(args.parquet), Path(args.db)) or {},
        "weekly": lambda: phase_weekly(Path(args.db)),
        "pandas": lambda: phase_pandas(Path(args.parquet)),
        "make": lambda: make_events(int(args.n), Path(args.parquet), int(args.series)) or {},
    }[args.phase]()
    out["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(out))


def _run(phase: str, **kw) -> dict:
    cmd = [sys.executable, __file__, "--phase", phase] + [f"--{k}={v}" for k, v in kw.items()]
    done = subprocess.run(cmd, capture_output=True, text=True)
    if done.returncode:
        raise SystemExit(f"{phase} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="1e6,1e7", help="comma-separated event counts (default 1e6,1e7)")
    ap.add_argument("--series", type=int, help="number of series (default 2,000 below 5M events, else 20,000)")
    ap.add_argument("--skip-weekly", action="store_true", help="only the ingest phases")
    ap.add_argument("--phase", help=argparse.SUPPRESS)
    ap.add_argument("--n", help=argparse.SUPPRESS)
    ap.add_argument("--parquet", help=argparse.SUPPRESS)
    ap.add_argument("--db", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.phase:
        _child(args)
        return
    for n in (int(float(s)) for s in args.sizes.split(",")):
        with tempfile.TemporaryDirectory() as tmp:
            pq_path, db = Path(tmp) / "events.parquet", Path(tmp) / "bench.duckdb"
            delta = Path(tmp) / "delta.parquet"
            series = args.series or (2000 if n < 5_000_000 else 20_000)
            _run("make", n=n, parquet=pq_path, series=series)
            _run("makedelta", parquet=pq_path, db=delta)
            ctas = _run("ctas", parquet=pq_path, db=Path(tmp) / "ctas.duckdb")
            (Path(tmp) / "ctas.duckdb").unlink()
            ing = _run("ingest", parquet=pq_path, db=db)
            again = _run("ingest", parquet=pq_path, db=db)
            if not args.skip_weekly:  # before the delta, so both count the events of the same file
                wk = _run("weekly", db=db)
                pdx = _run("pandas", parquet=pq_path)
            dlt = _run("delta", parquet=delta, db=db)
        print(f"{n:>11,} events  ctas    {ctas['seconds']:7.1f} s                      peak {ctas['peak_mb']:6.0f} MB")
        print(
            f"{'':>18} ingest  {ing['seconds']:7.1f} s  {ing['rows'] / ing['seconds']:>9,.0f} rows/s  "
            f"peak {ing['peak_mb']:6.0f} MB  ({ing['series']} series)  = {ing['seconds'] / ctas['seconds']:.1f}x ctas "
            "(target <= 4x, <= 4096 MB)"
        )
        print(f"{'':>18}         stages (s): {_stages(ing)}; spilled at most {ing['spill_mb']:.0f} MB")
        print(
            f"{'':>18} again   {again['seconds']:7.2f} s  skipped={again['skipped']}  "
            f"= {again['seconds'] / ing['seconds']:.3f}x ingest (target <= 0.2x)"
        )
        print(
            f"{'':>18} delta   {dlt['seconds']:7.2f} s  new {dlt['new']}, replaced {dlt['replaced']}  "
            f"peak {dlt['peak_mb']:6.0f} MB (target <= 1 s)"
        )
        print(f"{'':>18}         stages (s): {_stages(dlt)}")
        if args.skip_weekly:
            continue
        print(f"{'':>18} weekly  {wk['seconds']:7.2f} s  {wk['rows']:>9,} rows    peak {wk['peak_mb']:6.0f} MB")
        print(f"{'':>18} pandas  {pdx['seconds']:7.2f} s  {pdx['rows']:>9,} rows    peak {pdx['peak_mb']:6.0f} MB")
        same = "same totals" if pdx["events"] == wk["events"] else f"TOTALS DIFFER {pdx['events']} vs {wk['events']}"
        print(
            f"{'':>18} weekly counts: pandas / trends = {pdx['seconds'] / wk['seconds']:.1f}x time, "
            f"{pdx['peak_mb'] / wk['peak_mb']:.1f}x peak memory ({same})"
        )


if __name__ == "__main__":
    main()
