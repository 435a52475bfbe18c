"""`trends changepoints` on the shipped UCDP sample ingested into a temporary store."""

import json

import pytest

from trends import ingest, store
from trends.cli import main


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("cp") / "t.duckdb"
    con = store.connect(str(path))
    ingest.ingest_file(con, ingest.sample_path())
    con.close()
    return str(path)


def test_offline_json_finds_is_in_nineveh_2014(db, tmp_path):
    out = tmp_path / "cp.json"
    assert (
        main(
            [
                "changepoints",
                "--db",
                db,
                "--country",
                "Iraq",
                "--province",
                "nineveh",
                "--format",
                "json",
                "--out",
                str(out),
                "-q",
            ]
        )
        == 0
    )
    rows = [r for r in json.loads(out.read_text()) if r["actor"] == "Islamic State"]
    near = [r for r in rows if "2014-04-21" <= r["week"] <= "2014-07-14"]
    assert len(near) == 1 and near[0]["direction"] == "up" and near[0]["rate_ratio"] > 3
    assert set(near[0]) >= {
        "actor",
        "country",
        "province",
        "week",
        "method",
        "rate_before",
        "rate_after",
        "rate_ratio",
        "p_value",
    }


def test_table_labels_iso_weeks_and_online_runs(db, capsys):
    assert main(["changepoints", "--db", db, "--actor", "Islamic State", "--province", "Nineveh", "-q"]) == 0
    out = capsys.readouterr().out
    assert any(f"2014-W{w}" in out for w in range(19, 27)), out  # the June 2014 rise (onset 2014-W23)
    assert (
        main(
            ["changepoints", "--db", db, "--online", "--to", "2014-06-30", "--country", "Iraq", "--format", "csv", "-q"]
        )
        == 0
    )
    csv = capsys.readouterr().out.splitlines()
    assert csv[0].endswith("p_value,score") and any("Salah al-Din" in line and ",up," in line for line in csv[1:])


def test_bad_filters_and_penalty(db, capsys):
    assert main(["changepoints", "--db", db, "--country", "Atlantis"]) == 2
    assert "no weekly counts match" in capsys.readouterr().err
    assert main(["changepoints", "--db", db, "--penalty", "aic"]) == 2
    assert "--penalty: must be mbic, bic or a number" in capsys.readouterr().err
