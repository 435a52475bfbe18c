"""End to end: a report's extracted events go into the store and show up in the weekly counts."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from trends.extract import read_report_events

ingest = pytest.importorskip("trends.ingest")
aggregate = pytest.importorskip("trends.aggregate")
from trends.store import connect  # noqa: E402

REPORT = Path(__file__).parent / "fixtures" / "reports" / "dev" / "itic_yearend.md"


def test_extracted_report_events_reach_the_weekly_counts(tmp_path):
    con = connect(tmp_path / "t.duckdb")
    res = ingest.ingest_file(con, REPORT, format="report")
    frame = read_report_events(REPORT)
    assert res.rows_accepted == len(frame) == 10 and res.rows_rejected == 0
    stored = con.execute("select count(*) from events where dataset like 'report%'").fetchone()[0]
    assert stored == 10
    weekly = aggregate.weekly_counts(con, by=("actor", "province"))
    diyala = weekly[(weekly.actor == "Islamic State") & (weekly.province == "Diyala")]
    # Dec 27 and Dec 29 2019 fall in ISO week 2019-W52 (Monday Dec 23); Dec 31 in 2020-W01 (Monday Dec 30)
    by_week = dict(zip(diyala.week, diyala.events))
    assert by_week[pd.Timestamp("2019-12-23")] == 2 and by_week[pd.Timestamp("2019-12-30")] == 1
    again = ingest.ingest_file(con, REPORT, format="report")
    assert again.skipped or again.rows_new == 0
    assert con.execute("select count(*) from events").fetchone()[0] == 10
