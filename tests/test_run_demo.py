"""`trends demo`: the whole weekly job on the shipped sample, from an empty folder; a second demo skips ingest."""

import json

import duckdb
import pytest

from trends.cli import main


@pytest.mark.slow
def test_demo_builds_the_store_and_writes_the_report(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(["demo", "--db", "demo.duckdb", "--out", "reports/"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("2019-W01 (2018-12-31 to 2019-01-06) is the demo week")
    assert "week 2019-W01 (2018-12-31 to 2019-01-06)" in out
    assert "report: reports/2019-W01/report.html" in out
    week = tmp_path / "reports" / "2019-W01"
    assert {"report.html", "report.md", "alerts.csv", "alerts.json"} <= {p.name for p in week.iterdir()}
    alerts = json.loads((week / "alerts.json").read_text())
    con = duckdb.connect("demo.duckdb", read_only=True)
    try:
        assert con.execute("select count(*) from events").fetchall() == [(17897,)]
        stored = con.execute("select count(*) from alerts where week = date '2018-12-31'").fetchall()[0][0]
    finally:
        con.close()
    assert stored == len(alerts)
    assert f"alerts: {len(alerts)} (" in out or (not alerts and "alerts: none" in out)
    # the demo week was picked for this: every alert kind, Iraq's data ending stated, not shown as falling
    assert {a["rule"] for a in alerts} == {"seasonal", "level_shift", "expansion", "shift"}
    md = (week / "report.md").read_text()
    assert "[No data for Iraq](#coverage) after 2018-W52" in md
    # counterparts get no series of their own (they still appear as the other side of an event)
    assert not any(f"[{a} in " in md or f"### {a} in " in md or f"| {a} — " in md for a in ("SDF", "Koglweogo"))

    assert main(["demo", "--db", "demo.duckdb", "--out", "reports/", "--week", "2019-W48"]) == 0
    out = capsys.readouterr().out
    assert "week 2019-W48 (2019-11-25 to 2019-12-01)" in out and "is the demo week" not in out
    con = duckdb.connect("demo.duckdb", read_only=True)
    try:
        assert con.execute("select count(*) from batches").fetchall() == [(1,)]  # sample not ingested twice
    finally:
        con.close()
    assert sorted(p.name for p in (tmp_path / "reports").iterdir()) == ["2019-W01", "2019-W48"]
