"""Benchmark: the weekly job and the weekly-counts reads at world scale (~20k series), against plain DuckDB.

A synthetic store of N canonical events (default 10M) over ~20,000 (actor, country, province) series in 31
countries (Zipf weights: a few series hold most events, most are sparse), dated 2010-01-04 .. 2024-12-22, is
ingested once with `trends ingest`. Each phase then runs in its own child process so its peak memory
(ru_maxrss) is its own:

  floor      the plain zero-fill query: series x calendar, left join, coalesce, into pandas (one DuckDB query)
  weekly     trends.aggregate.weekly_counts() for every series into pandas
  one        `select * from weekly_counts where actor = ? and country = ? and province = ?` (one series)
  country    a one-year roll-up from weekly_country (every country, 52 weeks)
  run        `trends run --week 2024-W51` with every series covered (watch.include_unmatched = true), per stage
  dask       the same run with --engine dask on a LocalCluster of 2 workers (with --dask)

Printed: one line per phase with seconds and peak RSS, and the ratios to the floor the issue sets targets on
(weekly <= 2x, run <= 15x, one series and the country roll-up < 1 s each).

Usage:
  python bench/weekly_job.py                       # 10M events, ~20k series (ingest ~3 min, run ~1 min)
  python bench/weekly_job.py --events 2e6 --dask   # quicker, plus the dask engine
  python bench/weekly_job.py --keep /tmp/wk        # keep (and reuse) the Parquet and the store in /tmp/wk
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
    "Philippines",
    "India",
    "Libya",
    "Egypt",
    "Chad",
    "Kenya",
    "Tunisia",
    "Algeria",
    "Democratic Republic of the Congo",
    "Bangladesh",
    "Indonesia",
    "Turkey",
    "Lebanon",
    "Sudan",
    "Ethiopia",
    "Uganda",
    "Tanzania",
    "Benin",
    "Togo",
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
] + [f"Local Brigade {i}" for i in range(46)]
WEEK = "2024-W51"


def make_events(n: int, path: Path, n_series: int = 20_000, seed: int = 0) -> None:
    """Write n synthetic canonical events to `path` (Parquet, row groups of 122,880 rows)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from trends.normalize import Gazetteer

    rng = np.random.default_rng(seed)
    gaz = Gazetteer.load()
    pairs = [(c, p) for c in COUNTRIES for p in gaz.provinces(c)]
    combos = [(a,) + cp for a in ACTORS for cp in pairs]
    pick = rng.choice(len(combos), size=min(n_series, len(combos)), replace=False)
    keys = [combos[i] for i in sorted(pick)]
    weights = 1.0 / np.arange(1, len(keys) + 1) ** 1.1  # heavy tail: a few series hold most events
    weights = rng.permutation(weights / weights.sum())
    actor = np.array([k[0] for k in keys], dtype=object)
    country = np.array([k[1] for k in keys], dtype=object)
    prov = np.array([k[2] for k in keys], dtype=object)
    start = np.datetime64("2010-01-04")
    days = int((np.datetime64("2024-12-22") - start).astype(int)) + 1
    writer = None
    step = 122_880 * 8
    for lo in range(0, n, step):
        m = min(step, n - lo)
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
        writer.write_table(table, row_group_size=122_880)
    writer.close()


def phase_ingest(parquet: Path, db: Path) -> dict:
    from trends import ingest, store

    con = store.connect(db)
    t = time.perf_counter()
    res = ingest.ingest_file(con, parquet, today="2030-01-01")
    sec = time.perf_counter() - t
    series = con.execute("select count(*) from series").fetchone()[0]
    con.close()
    return {"seconds": sec, "rows": res.rows_accepted, "series": series}


#: the floor: one plain zero-fill query (series x calendar, left join, coalesce) straight from events.
FLOOR_SQL = """
with c as (select ea.series_id, date_trunc('week', e.event_date)::date as week, count(*) as events,
                  sum(coalesce(e.fatalities, 0)) as fatalities
           from event_actors ea join events e using (event_id) group by all),
     b as (select series_id, min(week) as lo from c group by series_id),
     l as (select max(date_trunc('week', event_date))::date as hi from events),
     g as (select b.series_id, unnest(generate_series(b.lo, l.hi, interval 7 day))::date as week from b, l)
select g.series_id, s.actor, s.country, s.province, g.week, coalesce(c.events, 0) as events,
       coalesce(c.fatalities, 0) as fatalities
from g join series s using (series_id) left join c using (series_id, week)
"""


def phase_migrate(db: Path) -> None:
    from trends import store

    store.connect(db).close()


def phase_floor(db: Path) -> dict:
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    t = time.perf_counter()
    df = con.execute(FLOOR_SQL).df()
    return {"seconds": time.perf_counter() - t, "rows": len(df), "events": int(df["events"].sum())}


def phase_weekly(db: Path) -> dict:
    from trends import store
    from trends.aggregate import weekly_counts

    con = store.connect(db, read_only=True)
    t = time.perf_counter()
    w = weekly_counts(con)
    return {"seconds": time.perf_counter() - t, "rows": len(w), "events": int(w["events"].sum())}


def phase_one(db: Path) -> dict:
    from trends import store

    con = store.connect(db, read_only=True)
    a, c, p = con.execute(
        "select actor, country, province from series order by series_id limit 1 offset 100"
    ).fetchone()
    t = time.perf_counter()
    df = con.execute("select * from weekly_counts where actor = ? and country = ? and province = ?", [a, c, p]).df()
    return {"seconds": time.perf_counter() - t, "rows": len(df)}


def phase_country(db: Path) -> dict:
    from trends import store

    con = store.connect(db, read_only=True)
    t = time.perf_counter()
    df = con.execute(
        "select country, sum(events) as events, sum(fatalities) as fatalities from weekly_country "
        "where week >= date '2024-01-01' and week < date '2025-01-01' group by country"
    ).df()
    return {"seconds": time.perf_counter() - t, "rows": len(df)}


def phase_run(db: Path, engine: str, reports: Path) -> dict:
    """`trends run` in-process (same code path as the CLI) with a stage clock."""
    import logging

    logging.disable(logging.WARNING)
    from trends import pipeline
    from trends.config import config_from_dict

    cfg = config_from_dict(
        {
            "paths": {"db": str(db), "inbox": "", "reports": str(reports)},
            "run": {"week": WEEK, "engine": engine},
            "watch": {"include_unmatched": True},
        }
    )
    marks = []

    def hook(name: str) -> None:
        marks.append((name, time.perf_counter()))

    t = time.perf_counter()
    res = pipeline.run(cfg, on_stage=hook)
    end = time.perf_counter()
    stages = {}
    for (name, s), (_, e) in zip(marks, marks[1:] + [("end", end)]):
        stages[name] = stages.get(name, 0.0) + e - s
    a = res.analysis
    return {
        "seconds": end - t,
        "stages": stages,
        "series": int(a.weekly["series_id"].nunique()),
        "forecast_series": int(a.forecasts[["actor", "country", "province"]].drop_duplicates().shape[0]),
        "alerts": len(a.alerts),
        "fc_sum": float(a.forecasts["mean"].sum()),
    }


def _child(args) -> None:
    db = Path(args.db) if args.db else None
    out = {
        "make": lambda: make_events(int(args.n), Path(args.parquet)) or {},
        "ingest": lambda: phase_ingest(Path(args.parquet), db),
        "migrate": lambda: phase_migrate(db) or {},
        "floor": lambda: phase_floor(db),
        "weekly": lambda: phase_weekly(db),
        "one": lambda: phase_one(db),
        "country": lambda: phase_country(db),
        "run": lambda: phase_run(db, args.engine, Path(args.reports)),
    }[args.phase]()
    out["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    if args.phase == "run" and args.engine == "dask":
        out["peak_mb_note"] = "scheduler process only; workers are separate processes"
    print(json.dumps(out))


def _run(phase: str, **kw) -> dict:
    cmd = [sys.executable, __file__, "--phase", phase] + [f"--{k}={v}" for k, v in kw.items()]
    done = subprocess.run(cmd, capture_output=True, text=True)
    if done.returncode:
        raise SystemExit(f"{phase} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--events", default="1e7", help="events in the synthetic store (default 1e7)")
    ap.add_argument("--series", type=int, default=20_000, help="series (default 20000)")
    ap.add_argument("--keep", metavar="DIR", help="keep the Parquet and store in DIR and reuse them when present")
    ap.add_argument("--dask", action="store_true", help="also time `trends run --engine dask` (2 local workers)")
    ap.add_argument("--only", default="", help="comma-separated phases to run (floor,weekly,one,country,run)")
    for k in ("phase", "n", "parquet", "db", "engine", "reports"):
        ap.add_argument(f"--{k}", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.phase:
        _child(args)
        return
    n = int(float(args.events))
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(args.keep) if args.keep else Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        pq_path, db = folder / f"events_{n}.parquet", folder / f"weekly_{n}.duckdb"
        if not pq_path.exists():
            _run("make", n=n, parquet=pq_path)
        if not db.exists():
            ing = _run("ingest", parquet=pq_path, db=db)
            print(
                f"ingest {n:,} events: {ing['seconds']:.1f} s, {ing['series']:,} series, peak {ing['peak_mb']:.0f} MB"
            )
        _run("migrate", db=db)  # a store built by an older trends gets its migrations (series_weeks) first
        only = set(filter(None, args.only.split(","))) or {"floor", "weekly", "one", "country", "run"}
        res = {}
        for ph in ("floor", "weekly", "one", "country"):
            if ph in only:
                res[ph] = _run(ph, db=db)
                print(
                    f"{ph:8s} {res[ph]['seconds']:8.2f} s  {res[ph]['rows']:>10,} rows  peak {res[ph]['peak_mb']:6.0f} MB"
                )
        engines = (["local"] if "run" in only else []) + (["dask"] if args.dask else [])
        for eng in engines:
            r = _run("run", db=db, engine=eng, reports=folder / f"reports_{eng}")
            res[eng] = r
            st = ", ".join(f"{k} {v:.1f}" for k, v in r["stages"].items())
            print(
                f"run/{eng:5s} {r['seconds']:7.1f} s  peak {r['peak_mb']:6.0f} MB  series {r['series']:,}, "
                f"forecast {r['forecast_series']:,}, alerts {r['alerts']}; stages (s): {st}"
            )
        if "floor" in res:
            fl = res["floor"]["seconds"]
            if "weekly" in res:
                same = "same rows" if res["weekly"]["rows"] == res["floor"]["rows"] else "ROWS DIFFER"
                print(f"weekly_counts() / floor = {res['weekly']['seconds'] / fl:.2f}x (target <= 2x; {same})")
            if "local" in res:
                print(
                    f"trends run / floor = {res['local']['seconds'] / fl:.1f}x (target <= 15x), "
                    f"peak {res['local']['peak_mb'] / 1024:.2f} GB (target <= 4 GB)"
                )
        if "local" in res and "dask" in res:
            same = (
                "same forecasts"
                if abs(res["local"]["fc_sum"] - res["dask"]["fc_sum"]) < 1e-6 * max(1.0, abs(res["local"]["fc_sum"]))
                else "FORECASTS DIFFER"
            )
            print(f"dask (2 local workers) / local = {res['dask']['seconds'] / res['local']['seconds']:.2f}x ({same})")


if __name__ == "__main__":
    main()
