"""Period counts ('attacked SDF forces 14 times between February 28 and March 6') go to period_counts, never to
events: a report that states a count and also describes some of those attacks stores each described attack once."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from trends.errors import UsageError
from trends.extract import read_report_events
from trends.ingest import ingest_report, store_period_counts
from trends.store import connect

ingest = pytest.importorskip("trends.ingest")
aggregate = pytest.importorskip("trends.aggregate")

# ctp_march: "ISIS attacked SDF forces 14 times in Deir ez-Zor province between February 28 and March 6", and in the
# same paragraph two of that week's Deir ez-Zor attacks one by one (March 1 assassination, March 3 shooting).
REPORT = Path(__file__).parent / "fixtures" / "reports" / "dev" / "ctp_march.txt"


def _deir_ez_zor_events(con):
    return con.execute("""select event_date, event_type from events where province = 'Deir ez-Zor'
                          and event_date between '2023-02-28' and '2023-03-06' order by event_date""").fetchall()


def _check_stored_once(con, frame):
    assert con.execute("select count(*) from events").fetchone()[0] == len(frame) == 10
    assert _deir_ez_zor_events(con) == [(date(2023, 3, 1), "assassination"), (date(2023, 3, 3), "shooting")]
    pc = con.execute(
        "select actor, counterpart, country, province, period_start, period_end, n_events, "
        "evidence_sentence, source, batch_id from period_counts order by n_events desc"
    ).fetchall()
    # '14 times between February 28 and March 6, compared with nine attacks in the previous week': two counts
    assert len(pc) == 2
    assert pc[1][4:7] == (date(2023, 2, 21), date(2023, 2, 27), 9)
    actor, counterpart, country, province, a, b, n, sentence, source, batch = pc[0]
    assert (actor, counterpart, country, province, a, b, n) == (
        "Islamic State",
        "SDF",
        "Syria",
        "Deir ez-Zor",
        date(2023, 2, 28),
        date(2023, 3, 6),
        14,
    )
    assert "14 times" in sentence and source == "ctp_march [10]"
    assert batch == con.execute("select max(batch_id) from batches").fetchone()[0]
    # the weekly counts see the two described attacks, not 14 or 16
    weekly = aggregate.weekly_counts(con, by=("actor", "province"))
    dz = weekly[(weekly.actor == "Islamic State") & (weekly.province == "Deir ez-Zor")]
    assert dz.events.sum() == 2
    assert not con.execute("select count(*) from events where source like '%[10]'").fetchone()[0]


def test_ingest_report_stores_events_once_and_the_period_count_only_in_period_counts(tmp_path):
    con = connect(tmp_path / "t.duckdb")
    res = ingest_report(con, REPORT)
    _check_stored_once(con, read_report_events(REPORT))
    again = ingest_report(con, REPORT)  # same file: skipped by ingest, nothing added anywhere
    assert again.skipped
    _check_stored_once(con, read_report_events(REPORT))
    assert res.batch_id == again.batch_id


def test_the_call_ingest_makes_stores_the_frames_period_counts_idempotently(tmp_path):
    # the integration path: ingest_file(format='report') then store_period_counts(con, frame, batch_id)
    con = connect(tmp_path / "t.duckdb")
    frame = read_report_events(REPORT)
    assert [r["n_events"] for r in frame.attrs["period_counts"]] == [14, 9]
    res = ingest.ingest_file(con, REPORT, format="report")
    assert store_period_counts(con, frame, res.batch_id) == 2
    assert store_period_counts(con, frame, res.batch_id) == 2  # replaced, not duplicated
    assert store_period_counts(con, REPORT, res.batch_id) == 2  # from the path: same period_id
    _check_stored_once(con, frame)


def test_a_frame_without_period_counts_is_a_usage_error(con):
    with pytest.raises(UsageError, match="no period counts"):
        store_period_counts(con, pd.DataFrame({"event_id": ["x"]}), 1)
    assert store_period_counts(con, pd.DataFrame(columns=["period_start", "period_end", "n_events"]), 1) == 0


def test_trends_ingest_format_report_stores_the_period_counts_too(tmp_path, capsys):
    # what a user runs: `trends ingest --format report REPORT` (no separate call for the period counts)
    from trends.cli import main

    db = tmp_path / "t.duckdb"
    assert main(["ingest", "--db", str(db), "--format", "report", str(REPORT)]) == 0
    con = connect(db)
    _check_stored_once(con, read_report_events(REPORT))
