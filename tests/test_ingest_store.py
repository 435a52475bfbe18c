"""Ingest store semantics: idempotency, corrections with history, all-or-nothing batches, series ids, CLI."""

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from trends import cli, ingest, store
from trends.ingest import batch, merge

FIX = Path(__file__).parent / "fixtures" / "ingest"
TABLES = ["batches", "events", "events_history", "series", "event_actors", "rejected_rows"]
T1, T2 = dt.datetime(2024, 1, 1, 12), dt.datetime(2024, 2, 1, 12)


def snapshot(con):
    return {t: con.execute(f"select * from {t} order by all").fetchall() for t in TABLES}


def frame(changes=None):
    df = pd.read_csv(FIX / "events_good.csv")
    for (eid, col), val in (changes or {}).items():
        df.loc[df["event_id"] == eid, col] = val
    return df


def test_same_file_twice_changes_nothing(con):
    ingest.ingest_file(con, FIX / "events_good.csv", today="2024-06-01")
    before = snapshot(con)
    res = ingest.ingest_file(con, FIX / "events_good.csv", today="2024-06-01")
    assert res.skipped and res.batch_id == 1 and "skipped" in res.summary()
    assert snapshot(con) == before


def test_same_content_in_another_file_is_unchanged(con, tmp_path):
    ingest.ingest_file(con, FIX / "events_good.csv", today="2024-06-01")
    events_before = con.execute("select * from events order by event_id").fetchall()
    other = tmp_path / "copy.csv"
    other.write_text((FIX / "events_good.csv").read_text() + "\n")  # different bytes, same rows
    res = ingest.ingest_file(con, other, today="2024-06-01")
    assert (res.skipped, res.rows_new, res.rows_replaced, res.rows_unchanged) == (False, 0, 0, 6)
    assert con.execute("select * from events order by event_id").fetchall() == events_before


def test_correction_replaces_and_keeps_history_for_as_of_counts(con):
    ingest.ingest_frame(con, frame(), file="v1", now=T1)
    v2 = frame({("ev-002", "fatalities"): 30, ("ev-005", "actor"): "JAS"})
    res = ingest.ingest_frame(con, v2, file="v2", now=T2)
    assert (res.rows_new, res.rows_replaced, res.rows_unchanged) == (0, 2, 4)
    assert con.execute("select fatalities from events where event_id = 'ev-002'").fetchone()[0] == 30
    hist = con.execute(
        "select event_id, fatalities, actor, valid_from, valid_to, replaced_by_batch "
        "from events_history order by event_id"
    ).fetchall()
    assert hist == [("ev-002", 12, "Hayat Tahrir al-Sham", T1, T2, 2), ("ev-005", 20, "ISWAP", T1, T2, 2)]
    # the series of the corrected actor moved: ISWAP lost the event, Boko Haram (JAS) has it now as actor
    assert dict(con.execute("select actor, role from event_actors where event_id = 'ev-005'").fetchall()) == {
        "Boko Haram": "actor"
    }
    # "as of" between the two batches reproduces the first version's numbers
    q = (
        "select count(distinct event_id), sum(fatalities) from (select distinct event_id, fatalities "
        "from event_series_as_of(?::timestamp) where role = 'actor')"
    )
    assert con.execute(q, [T1 + dt.timedelta(days=1)]).fetchone() == (6, 48)  # ev-006 has no fatalities
    assert con.execute(q, [T2 + dt.timedelta(days=1)]).fetchone() == (6, 66)
    assert (
        con.execute(
            "select count(*) from event_series_as_of(?::timestamp) where event_id = 'ev-005' and actor = 'ISWAP'",
            [T1 + dt.timedelta(days=1)],
        ).fetchone()[0]
        == 1
    )


@pytest.mark.parametrize("fail_in", [(merge, "_write_event_actors"), (batch, "_collect_rejections")])
def test_failure_mid_batch_leaves_store_as_before(con, monkeypatch, fail_in):
    ingest.ingest_frame(con, frame(), file="v1", now=T1)
    before = snapshot(con)

    def boom(*a, **k):
        raise RuntimeError("injected failure")

    monkeypatch.setattr(*fail_in, boom)
    v2 = frame({("ev-002", "fatalities"): 30}).assign(event_id=lambda d: d["event_id"] + "-new")
    v2 = pd.concat([v2, frame({("ev-001", "fatalities"): 99})])
    with pytest.raises(RuntimeError, match="injected"):
        ingest.ingest_frame(con, v2, file="v2", now=T2)
    assert snapshot(con) == before
    monkeypatch.undo()
    res = ingest.ingest_frame(con, v2, file="v2", now=T2)  # and the same batch works afterwards
    assert (res.batch_id, res.rows_new, res.rows_replaced) == (2, 6, 1)


def test_series_ids_are_stable_and_never_reused(con):
    ingest.ingest_file(con, FIX / "events_good.csv", today="2024-06-01")
    first = dict(((a, c, p), i) for i, a, c, p in con.execute("select * from series").fetchall())
    ingest.ingest_file(con, FIX / "ucdp_small.csv", today="2024-06-01")
    after = dict(((a, c, p), i) for i, a, c, p in con.execute("select * from series").fetchall())
    assert all(after[k] == v for k, v in first.items())
    assert min(v for k, v in after.items() if k not in first) > max(first.values())
    assert len(set(after.values())) == len(after)
    # province '' (not null) when the event has no admin-1
    assert ("Jabhat Fateh al-Sham", "Syria", "") in after


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["2020-01-06", "2020-02-30", "", "2020-03-01", "2099-01-01"]),
            st.sampled_from(["ISIS", "JNIM", "", "Brand New Group", "HTS, Southern Front"]),
            st.sampled_from(["1", "-2", "x", "", "3.5", "0"]),
            st.sampled_from(["a", "b", "c", "d", None]),
        ),
        min_size=1,
        max_size=30,
    )
)
def test_every_row_read_is_stored_or_rejected(rows):
    con = _shared_con()
    for t in ("batches", "event_rows", "event_names", "events_history", "series", "event_groups", "rejected_rows"):
        con.execute(f"delete from {t}")  # the tables under the views events and event_actors (011)
    df = pd.DataFrame(rows, columns=["event_date", "actor", "fatalities", "event_id"]).assign(country="Iraq")
    df = df.replace("", None)
    res = ingest.ingest_frame(con, df, today="2024-06-01", max_bad_share=1.0)
    n_ev = con.execute("select count(*) from events").fetchone()[0]
    rows_rej = [r for (r,) in con.execute("select row_number from rejected_rows").fetchall()]
    assert res.rows_read == len(df) == res.rows_accepted + res.rows_rejected
    assert n_ev == res.rows_new == res.rows_accepted and len(rows_rej) == res.rows_rejected
    assert len(set(rows_rej)) == len(rows_rej) and set(rows_rej) <= set(range(1, len(df) + 1))


_CON = []


def _shared_con():
    if not _CON:
        _CON.append(store.connect(":memory:"))
    return _CON[0]


def test_cli_ingest_prints_summary_and_fails_only_the_bad_file(tmp_path, capsys):
    db = tmp_path / "t.duckdb"
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    code = cli.main(["ingest", "--db", str(db), "--today", "2024-06-01", str(FIX / "gtd_sample.csv"), str(empty)])
    out, err = capsys.readouterr()
    assert code == 1
    assert "format gtd, batch 1: read 4, accepted 3, rejected 1; new 3, replaced 0, unchanged 0" in out
    assert f"{FIX / 'gtd_sample.csv'}:4: imonth: '13' is not a month" in out
    assert "empty.csv: the file is empty" in err and "1 of 2 file(s) not ingested" in err
    con = store.connect(db, read_only=True)
    assert con.execute("select count(*) from events").fetchone()[0] == 3
    con.close()
    assert cli.main(["ingest", "--db", str(db)]) == 2
