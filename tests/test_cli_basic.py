"""CLI: weekly, sql and actors through trends.cli.main; exit codes, exact Error: lines; help for every command."""

import csv
import importlib
import io
import json

import pyarrow.parquet as pq
import pytest
from handrows import insert_events

from trends import cli, store
from trends.series_weeks import refresh_series_weeks

ROWS = [
    ("a", "2019-11-25", "Islamic State", "Syria", "Raqqa", 3, 1),
    ("b", "2019-12-04", "Islamic State", "Syria", "Raqqa", 1, 1),
    ("c", "2019-12-10", "SDF", "Syria", "Raqqa", 2, 2),
]


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "t.duckdb"
    con = store.connect(path)
    con.execute("insert into series values (1, 'Islamic State', 'Syria', 'Raqqa'), (2, 'SDF', 'Syria', 'Raqqa')")
    for eid, day, actor, country, prov, fat, sid in ROWS:
        insert_events(
            con,
            """insert into events (event_id, event_date, date_precision, actor, actor_raw, actor_matched,
                       country, province, fatalities, dataset, batch_id, record_hash, ingested_at)
                       values (?, ?, 'day', ?, ?, ?, ?, ?, ?, 'ucdp', 1, 0, '2024-01-01')""",
            [eid, day, actor, actor, actor != "SDF", country, prov, fat],
        )
        con.execute(
            "insert into event_groups (event_id, series_id, actor, actor_family, role) values (?, ?, ?, ?, 'actor')",
            [eid, sid, actor, "Islamic State" if actor == "Islamic State" else None],
        )
    refresh_series_weeks(con)  # rows written around ingest: bring the maintained weekly table up to date
    con.close()
    return str(path)


def test_weekly_csv_has_exactly_the_documented_columns(db, capsys):
    assert cli.main(["weekly", "--db", db, "--format", "csv"]) == 0
    out = capsys.readouterr().out
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0] == ["actor", "country", "province", "week", "events", "fatalities"]
    assert rows[1:] == [
        ["Islamic State", "Syria", "Raqqa", "2019-11-25", "1", "3"],
        ["Islamic State", "Syria", "Raqqa", "2019-12-02", "1", "1"],
        ["Islamic State", "Syria", "Raqqa", "2019-12-09", "0", "0"],
        ["SDF", "Syria", "Raqqa", "2019-12-09", "1", "2"],
    ]


def test_weekly_parquet_in_row_groups_and_table_labels(db, tmp_path, capsys):
    out = tmp_path / "w.parquet"
    assert cli.main(["weekly", "--db", db, "--by", "country", "--format", "parquet", "--out", str(out)]) == 0
    t = pq.read_table(out)
    assert t.column_names == ["actor", "country", "province", "week", "events", "fatalities"]
    assert t.column("events").to_pylist() == [1, 1, 1]
    assert cli.main(["weekly", "--db", db, "--from", "2019-W49"]) == 0
    shown = capsys.readouterr().out
    assert "2019-W49" in shown and "2019-W48" not in shown
    assert cli.main(["weekly", "--db", db, "--format", "parquet"]) == 2
    assert capsys.readouterr().err.strip() == "Error: --format parquet writes a binary file: add --out FILE"


def test_weekly_errors(db, tmp_path, capsys):
    assert cli.main(["weekly", "--db", db, "--by", "group"]) == 2
    assert capsys.readouterr().err.strip() == (
        "Error: cannot group by 'group'; choose from actor, actor_family, country, province"
    )
    assert cli.main(["weekly", "--db", db, "--from", "yesterday-ish"]) == 2
    err = capsys.readouterr().err.strip()
    assert err == (
        "Error: cannot read 'yesterday-ish' as a week; use an ISO week like 2019-W48 or a date like 2019-11-25"
    )
    missing = tmp_path / "none.duckdb"
    assert cli.main(["weekly", "--db", str(missing)]) == 1
    assert capsys.readouterr().err.strip() == (
        f"Error: database {missing} does not exist; create it with `trends ingest --db {missing} FILE`"
    )


def test_sql_csv_prints_header_and_rows_only(db, capsys):
    assert (
        cli.main(
            [
                "sql",
                "--db",
                db,
                "--format",
                "csv",
                "select actor, sum(events) as n from weekly_counts group by 1 order by 1",
            ]
        )
        == 0
    )
    assert capsys.readouterr().out == "actor,n\nIslamic State,2\nSDF,1\n"
    assert (
        cli.main(["sql", "--db", db, "--format", "json", "select event_id, event_date from events order by 1 limit 1"])
        == 0
    )
    assert json.loads(capsys.readouterr().out) == [{"event_id": "a", "event_date": "2019-11-25"}]


def test_sql_is_read_only_unless_write(db, capsys):
    assert cli.main(["sql", "--db", db, "delete from events"]) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith("Error: ") and err.endswith("(add --write to change the store)") and "\n" not in err
    assert cli.main(["sql", "--db", db, "--write", "delete from event_rows where event_id = 'c'"]) == 0
    capsys.readouterr()
    assert cli.main(["sql", "--db", db, "--format", "csv", "select count(*) as n from events"]) == 0
    assert capsys.readouterr().out == "n\n2\n"


def test_sql_errors_are_one_clean_line(db, capsys):
    assert cli.main(["sql", "--db", db, "select * from nope"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("Error: Catalog Error: Table with name nope does not exist!")
    assert err.count("\n") == 1 and "LINE 1" not in err


def test_actors_list_unmatched_and_add(db, capsys):
    assert cli.main(["actors", "--db", db, "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [(r["actor"], r["events"]) for r in rows] == [("Islamic State", "2"), ("SDF", "1")]
    assert cli.main(["actors", "--db", db, "--unmatched", "--format", "csv"]) == 0
    assert capsys.readouterr().out == "name,events,first,last,role\nSDF,1,2019-12-10,2019-12-10,actor\n"
    assert (
        cli.main(
            ["actors", "--db", db, "--add", "SDF", "--actor", "Syrian Democratic Forces", "--family", "other-militia"]
        )
        == 0
    )
    # the SDF event gets its new actor; the two hand-inserted IS events (family left null above) get their family
    assert "relabelled 3 stored events" in capsys.readouterr().out
    from trends.normalize import ActorRegistry

    con = store.connect(db, read_only=True)
    assert ActorRegistry.load(con).resolve("sdf") == ("Syrian Democratic Forces", "other-militia", True)
    con.close()
    assert cli.main(["actors", "--db", db, "--add", "X"]) == 2
    assert capsys.readouterr().err.strip() == "Error: --add needs --actor NAME and --family FAMILY"
    assert cli.main(["actors", "--db", db, "--family", "other"]) == 2
    assert capsys.readouterr().err.strip() == (
        "Error: --actor, --family, --valid-from and --valid-to are only used with --add ALIAS"
    )


def test_every_available_command_has_help_with_an_example(capsys):
    names = []
    for name, modname in cli.COMMANDS.items():
        try:
            mod = importlib.import_module(modname)
        except ModuleNotFoundError as e:
            if e.name != modname:
                raise
            continue
        names.append(name)
        assert "Example" in (mod.__doc__ or ""), name
        assert cli.main([name, "--help"]) == 0
        out = capsys.readouterr().out
        assert "Example" in out and "--db" in out, name
    assert {"weekly", "sql", "actors"} <= set(names)
