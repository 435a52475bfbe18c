"""Set-based ingest: the same file stores the same rows whatever DuckDB's parallelism (row numbers, duplicates,
rejections), and a failure anywhere in staging leaves the store and the connection as before."""

import json
import shutil
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from trends import ingest, store
from trends.ingest import checks

FIX = Path(__file__).parent / "fixtures" / "ingest"
TODAY = "2024-06-01"
TABLES = ["events", "event_actors", "series", "rejected_rows"]


def stored(con):
    """The store's content without bookkeeping that differs between runs (batch times)."""
    out = {
        t: con.execute(
            f"select * exclude (ingested_at) from {t} order by all"
            if t == "events"
            else f"select * from {t} order by all"
        ).fetchall()
        for t in TABLES
    }
    out["batches"] = con.execute("select rows_read, rows_accepted, rows_rejected, rows_new from batches").fetchall()
    return out


def ingest_with_threads(path, threads, monkeypatch, **kw):
    """Ingest with DuckDB running `threads` threads (1: one scan in file order; more: parallel scans and joins)."""
    con = store.connect(":memory:")
    con.execute(f"set threads = {threads}")
    res = ingest.ingest_file(con, path, today=TODAY, max_bad_share=1.0, **kw)
    return con, res


@pytest.mark.parametrize(
    "name",
    ["events_bad.csv", "events_good.csv", "ucdp_small.csv", "acled_sample.csv", "gtd_sample.csv", "events.jsonl"],
)
def test_parallel_equals_serial(name, monkeypatch):
    whole, r1 = ingest_with_threads(FIX / name, 1, monkeypatch)
    chunked, r2 = ingest_with_threads(FIX / name, 4, monkeypatch)
    assert stored(chunked) == stored(whole)
    assert [(r.row, r.field, r.reason) for r in r2.rejections] == [(r.row, r.field, r.reason) for r in r1.rejections]
    assert (r2.unmatched_actors, r2.unmatched_provinces) == (r1.unmatched_actors, r1.unmatched_provinces)


def test_duplicate_id_in_a_later_chunk_is_rejected_naming_the_first_row(tmp_path, monkeypatch):
    rows = [f"d-{i:02d},2023-05-{i + 1:02d},ISIS,Iraq,Anbar,1" for i in range(10)]
    rows.append("d-03,2023-06-01,ISIS,Iraq,Anbar,7")  # row 11 repeats row 4's id, three chunks later
    p = tmp_path / "dup.csv"
    p.write_text("event_id,event_date,actor,country,province,fatalities\n" + "\n".join(rows) + "\n")
    con, res = ingest_with_threads(p, 3, monkeypatch)
    assert (res.rows_accepted, res.rows_rejected) == (10, 1)
    assert [(r.row, r.field) for r in res.rejections] == [(11, "event_id")]
    assert "the first one (kept) is row 4" in res.rejections[0].reason
    assert con.execute("select fatalities from events where event_id = 'd-03'").fetchone() == (1,)


def test_csv_row_with_extra_fields_in_a_later_chunk(tmp_path, monkeypatch):
    """DuckDB's CSV scanner rejects the long row; the rows after it keep their file row numbers."""
    rows = [f"x-{i:02d},2023-05-{i + 1:02d},ISIS,Iraq,Anbar,1" for i in range(8)]
    rows.insert(6, "x-99,2023-05-20,ISIS,Iraq,Anbar,1,unquoted, comma")
    p = tmp_path / "extra.csv"
    p.write_text("event_id,event_date,actor,country,province,fatalities\n" + "\n".join(rows) + "\n")
    con, res = ingest_with_threads(p, 2, monkeypatch)
    assert (res.rows_read, res.rows_accepted, res.rows_rejected) == (9, 8, 1)
    assert [(r.row, r.field) for r in res.rejections] == [(7, None)]
    assert con.execute("select count(*), count(distinct event_id) from events").fetchone() == (8, 8)


def test_non_utf8_bytes_in_a_later_chunk(tmp_path, monkeypatch):
    good = FIX.joinpath("events_good.csv").read_bytes()
    p = tmp_path / "latin1.csv"
    p.write_bytes(good.rstrip(b"\n") + b"\nz-1,2023-05-01,ISIS,Iraq,Sal\xe2h,1,,,,,,\n")
    con, res = ingest_with_threads(p, 2, monkeypatch)
    assert res.rows_rejected == 1
    assert "\\xe2" in res.rejections[0].reason


def test_parquet_row_groups_and_batches(tmp_path, monkeypatch):
    df = pd.read_csv(FIX / "events_good.csv")
    p = tmp_path / "e.parquet"
    pq.write_table(pa.Table.from_pandas(df, preserve_index=False), p, row_group_size=2)
    whole, _ = ingest_with_threads(p, 1, monkeypatch)
    chunked, res = ingest_with_threads(p, 4, monkeypatch)
    assert stored(chunked) == stored(whole)
    assert res.rows_read == len(df) == res.rows_accepted


def test_header_only_and_empty_jsonl(tmp_path):
    con = store.connect(":memory:")
    p = tmp_path / "h.csv"
    p.write_text("event_date,actor,country\n")
    res = ingest.ingest_file(con, p)
    assert (res.rows_read, res.format) == (0, "events")
    j = tmp_path / "e.jsonl"
    j.write_text("\n\n")
    with pytest.raises(ingest.InputFileError, match="whitespace"):
        ingest.ingest_file(con, j)


def test_jsonl_lines_split_across_read_blocks(tmp_path):
    recs = [{"event_date": "2023-05-01", "actor": "ISIS", "country": "Iraq", "location": "x" * 300_000}] * 5
    p = tmp_path / "big.jsonl"
    p.write_text("\r\n".join(json.dumps(r) for r in recs) + "\r\n")
    con = store.connect(":memory:")
    res = ingest.ingest_file(con, p, today=TODAY)
    assert (res.rows_read, res.rows_accepted, res.rows_new) == (5, 5, 5)  # identical rows: five events
    assert con.execute("select count(*), min(length(location)) from events").fetchone() == (5, 300_000)


def test_failure_in_a_later_chunk_leaves_store_as_before(monkeypatch, tmp_path):
    db = tmp_path / "s.duckdb"
    con = store.connect(db)
    ingest.ingest_file(con, FIX / "ucdp_small.csv", today=TODAY)
    before = stored(con)
    real = checks.assign_ids

    def fails(*a, **k):
        raise RuntimeError("injected failure in staging")

    monkeypatch.setattr(checks, "assign_ids", fails)
    with pytest.raises(RuntimeError, match="staging"):
        ingest.ingest_file(con, FIX / "events_good.csv", today=TODAY)
    assert stored(con) == before
    temp = con.execute("select table_name from duckdb_tables() where table_name like '\\_ingest%' escape '\\'")
    assert temp.fetchall() == []
    monkeypatch.setattr(checks, "assign_ids", real)
    res = ingest.ingest_file(con, FIX / "events_good.csv", today=TODAY)
    assert res.rows_new == 6
    con.close()
    shutil.rmtree(tmp_path, ignore_errors=True)
