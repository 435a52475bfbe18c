"""sql/schema/011_event_names.sql: a store written by the old schema (events and event_actors as tables) becomes
event_rows + event_names + event_groups under views of the same names, without losing or changing a row."""

import shutil
from pathlib import Path

import duckdb
import pandas as pd

from trends import ingest, store
from trends.aggregate import weekly_counts
from trends.series_weeks import check_series_weeks

FIX = Path(__file__).parent / "fixtures" / "ingest"
OLD = ["events", "event_actors", "events_history", "series", "series_weeks", "batches", "store_keys"]


def _old_store(tmp_path, src) -> Path:
    """A store at schema 010 (the migrations before 011 only) holding the rows of `src`'s tables."""
    folder = tmp_path / "sql010"
    (folder / "schema").mkdir(parents=True)
    for f in sorted((store.sql_dir() / "schema").glob("*.sql")):
        if int(f.name[:3]) < 11:
            shutil.copy(f, folder / "schema" / f.name)
    path = tmp_path / "old.duckdb"
    old = duckdb.connect(str(path))
    store.apply_migrations(old, folder)
    assert store.schema_version(old) == 10
    for t in OLD:
        old.register("_src", src[t])
        old.execute(f"insert into {t} by name select * from _src")
        old.unregister("_src")
    # series_weeks as the old schema kept it (the count of sql/schema/009_series_weeks.sql)
    text = (folder / "schema" / "009_series_weeks.sql").read_text(encoding="utf-8")
    old.execute("delete from series_weeks")
    old.execute(text[text.index("insert into series_weeks") :])
    old.close()
    return path


def _tables(con):
    return {t: con.execute(f"select * from {t}").df() for t in OLD}


def _same(a: pd.DataFrame, b: pd.DataFrame) -> bool:
    """Same columns in the same order and the same rows in any order (integer widths aside)."""
    cols = list(a.columns)
    if list(b.columns) != cols:
        return False
    try:
        pd.testing.assert_frame_equal(
            a.sort_values(cols).reset_index(drop=True), b.sort_values(cols).reset_index(drop=True), check_dtype=False
        )
    except AssertionError:
        return False
    return True


def test_a_store_of_the_old_schema_keeps_every_row(tmp_path):
    # real content: the fixture events (one with a counterpart group), a revision (history) and odd rows that the
    # old schema allowed: an event with no series (unarmed actor), one whose stored 'actor' row is not the series
    # its names imply, and one with an extra ally row
    con = store.connect(tmp_path / "src.duckdb")
    df = pd.read_csv(FIX / "events_good.csv")
    ingest.ingest_frame(con, df, file="v1", today="2024-06-01")
    ingest.ingest_frame(con, df.assign(fatalities=df["fatalities"].fillna(0) + 1), file="v2", today="2024-06-01")
    src = _tables(con)
    con.close()
    ev = src["events"]
    odd = ev.iloc[:3].copy()
    odd["event_id"] = ["odd-none", "odd-moved", "odd-ally"]
    odd["actor"] = ["Government of Iraq", odd["actor"].iloc[1], odd["actor"].iloc[2]]
    src["events"] = pd.concat([ev, odd], ignore_index=True)
    ea = src["event_actors"]
    first = ea[ea["event_id"] == ev["event_id"].iloc[2]].iloc[:1]
    other_series = int(src["series"]["series_id"].max()) + 1
    src["series"] = pd.concat(
        [
            src["series"],
            pd.DataFrame({"series_id": [other_series], "actor": ["Other"], "country": ["Iraq"], "province": [""]}),
        ],
        ignore_index=True,
    )
    moved = first.assign(event_id="odd-moved", series_id=other_series, actor="Other")
    ally = pd.concat(
        [
            first.assign(event_id="odd-ally"),
            first.assign(event_id="odd-ally", series_id=other_series, actor="Other", role="ally"),
        ]
    )
    src["event_actors"] = pd.concat([ea, moved, ally], ignore_index=True)

    path = _old_store(tmp_path, src)
    con = store.connect(path)
    assert store.schema_version(con) >= 11
    after = _tables(con)
    for t in OLD:
        if t != "series_weeks":
            assert _same(src[t], after[t]), t
    assert con.execute("select count(*) from event_names").fetchone()[0] < len(src["events"])
    # only the events whose rows are not what their names imply keep stored event_actors rows
    stored = {r[0] for r in con.execute("select distinct event_id from event_groups").fetchall()}
    assert {"odd-moved", "odd-ally"} <= stored and "odd-none" not in stored
    assert len(stored) < len(src["events"])
    # the store works on: weekly counts agree with a recount, the same file again changes nothing
    assert check_series_weeks(con) == 0
    w = weekly_counts(con)
    assert int(w["events"].sum()) == len(src["event_actors"])
    again = df.assign(fatalities=df["fatalities"].fillna(0) + 1).iloc[::-1]  # another frame, same rows
    res = ingest.ingest_frame(con, again, file="v2 again", today="2024-06-01")
    assert (res.rows_new, res.rows_replaced, res.rows_unchanged) == (0, 0, len(df))
    assert _same(after["events"], con.execute("select * from events").df())
    con.close()
