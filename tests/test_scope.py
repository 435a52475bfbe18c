"""Coverage cut and filters in every analysis command, on the shipped sample (the Iraq extract ends 2018-12-25).

For each command: the weeks after a country's last event are no data (nothing reported, forecast or scored
there) and the command says what it left out; filters resolve aliases and spellings as at ingest.
"""

import json

import pandas as pd
import pytest

from trends import aggregate, ingest, store
from trends.cli import main
from trends.detect import detect_breaks
from trends.scope import analysis_weekly, resolve_provinces

IRAQ_END = pd.Timestamp("2018-12-24")  # Monday of the week of Iraq's last event in the sample


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("scope") / "s.duckdb"
    con = store.connect(str(path))
    ingest.ingest_file(con, ingest.sample_path())
    con.close()
    return str(path)


def test_filters_resolve_aliases_and_province_spellings(db):
    con = store.connect(db, read_only=True)
    try:
        assert "Nineveh" in resolve_provinces(con, ["Ninawa"], ["Iraq"])
        assert "Nineveh" in resolve_provinces(con, ["Ninawa"])  # no country given: every country tried
        a = analysis_weekly(con, actors="ISIS", countries="Iraq", provinces="Ninawa").weekly
        b = analysis_weekly(con, actors="Islamic State", countries="Iraq", provinces="Nineveh").weekly
    finally:
        con.close()
    assert len(a) > 500 and a[["actor", "province"]].drop_duplicates().values.tolist() == [["Islamic State", "Nineveh"]]
    pd.testing.assert_frame_equal(a, b)


def test_unknown_filter_names_the_closest_value(db, capsys):
    assert main(["changepoints", "--db", db, "--country", "Irak", "-q"]) == 2
    assert "did you mean 'Iraq'" in capsys.readouterr().err


def test_changepoints_do_not_report_the_end_of_the_iraq_extract(db, tmp_path, capsys):
    # what the cut prevents: zero-filled to mid-2019, the end of the extract is a "collapse" at 2018-12-31
    con = store.connect(db, read_only=True)
    filled = aggregate.weekly_counts(con, actors=["Islamic State"], countries=["Iraq"], end="2019-06-24")
    con.close()
    filled = filled[filled.province == "Nineveh"]
    assert (detect_breaks(filled).week > IRAQ_END).any()

    out = tmp_path / "cp.json"
    assert (
        main(
            [
                "changepoints",
                "--db",
                db,
                "--actor",
                "ISIS",
                "--country",
                "Iraq",
                "--province",
                "Ninawa",
                "--to",
                "2019-06-24",
                "--format",
                "json",
                "--out",
                str(out),
            ]
        )
        == 0
    )
    rows = json.loads(out.read_text())
    assert rows and {r["province"] for r in rows} == {"Nineveh"}
    assert max(r["week"] for r in rows) < "2018-12-01"
    assert "Iraq: no data after 2018-W52" in capsys.readouterr().err


def test_forecast_leaves_out_series_whose_data_ended(db, tmp_path, capsys):
    out = tmp_path / "fc.csv"
    assert (
        main(
            [
                "forecast",
                "--db",
                db,
                "--as-of",
                "2019-06-24",
                "--horizon",
                "2",
                "--model",
                "mean",
                "--format",
                "csv",
                "--out",
                str(out),
            ]
        )
        == 0
    )
    fc = pd.read_csv(out)
    err = capsys.readouterr().err
    assert len(fc) > 50 and "Iraq" not in set(fc.country) and "Syria" in set(fc.country)
    assert "not forecast:" in err and "Iraq (" in err
    # watched actors only by default; --all-series adds the others (SDF ...)
    assert (
        main(
            [
                "forecast",
                "--db",
                db,
                "--as-of",
                "2019-06-24",
                "--horizon",
                "2",
                "--model",
                "mean",
                "--format",
                "csv",
                "--out",
                str(out),
                "--all-series",
                "-q",
            ]
        )
        == 0
    )
    assert len(pd.read_csv(out)) > len(fc)
    # filters with aliases, before the extract ends
    assert (
        main(
            [
                "forecast",
                "--db",
                db,
                "--as-of",
                "2016-01-04",
                "--horizon",
                "2",
                "--model",
                "mean",
                "--actor",
                "ISIS",
                "--country",
                "Iraq",
                "--province",
                "Ninawa",
                "--format",
                "csv",
                "--out",
                str(out),
                "-q",
            ]
        )
        == 0
    )
    one = pd.read_csv(out)
    assert one[["actor", "province"]].drop_duplicates().values.tolist() == [["Islamic State", "Nineveh"]]


def test_backtest_scores_no_week_after_coverage(db, tmp_path, capsys):
    rows = tmp_path / "bt.csv"
    assert (
        main(
            [
                "backtest",
                "--db",
                db,
                "--from",
                "2018-11-05",
                "--to",
                "2018-12-03",
                "--every",
                "4",
                "--horizon",
                "8",
                "--models",
                "mean",
                "--rows",
                str(rows),
                "--format",
                "csv",
                "--out",
                str(tmp_path / "s.csv"),
            ]
        )
        == 0
    )
    bt = pd.read_csv(rows, parse_dates=["week"])
    iraq = bt[bt.country == "Iraq"]
    assert len(iraq) > 0 and iraq.week.max() <= IRAQ_END
    assert (bt[bt.country == "Syria"].week > IRAQ_END).any()  # other countries are scored on
    assert "Iraq: no data after 2018-W52" in capsys.readouterr().err


def test_alerts_say_which_countries_have_no_data(db, tmp_path, capsys):
    out = tmp_path / "a.json"
    assert (
        main(
            [
                "alerts",
                "--db",
                db,
                "--from",
                "2019-01-07",
                "--to",
                "2019-03-25",
                "--country",
                "Iraq",
                "--json",
                str(out),
                "--no-events",
            ]
        )
        == 0
    )
    assert json.loads(out.read_text()) == []
    assert "Iraq: no data after 2018-W52" in capsys.readouterr().err
    # aliases and province spellings, and alerts only in the asked-for province
    assert (
        main(
            [
                "alerts",
                "--db",
                db,
                "--from",
                "2014-05-05",
                "--to",
                "2014-07-28",
                "--actor",
                "ISIS",
                "--country",
                "Iraq",
                "--province",
                "Ninawa",
                "--json",
                str(out),
                "--no-events",
                "-q",
            ]
        )
        == 0
    )
    recs = json.loads(out.read_text())
    assert recs and {(r["actor"], r["province"]) for r in recs} == {("Islamic State", "Nineveh")}
    assert any(r["week"] in ("2014-06-02", "2014-W23") for r in recs)
