"""`trends sql` without --write writes nothing, anywhere: every attack is refused and leaves every file as it was;
reading files stays allowed."""

import hashlib
import os

import duckdb
import pytest
from handrows import insert_events

from trends import cli, sqlguard, store
from trends.sqlguard import QueryOnlyError

HINT = "Without --write, trends sql runs queries only (add --write to change the store)"


@pytest.fixture
def folder(tmp_path, monkeypatch):
    """A store with two events, a hard link to it, another DuckDB file and a CSV, in the working directory."""
    monkeypatch.chdir(tmp_path)
    con = store.connect("store.duckdb")
    insert_events(
        con,
        """insert into events (event_id, event_date, date_precision, actor, country, dataset, batch_id,
                   record_hash, ingested_at) values
                   ('a', '2019-11-25', 'day', 'Islamic State', 'Syria', 'x', 1, 0, '2024-01-01'),
                   ('b', '2019-12-02', 'day', 'JNIM', 'Mali', 'x', 1, 0, '2024-01-01')""",
    )
    con.execute("checkpoint")
    con.close()
    os.link("store.duckdb", "hardlink.duckdb")
    other = duckdb.connect("other.duckdb")
    other.execute("create table t as select 1 as x")
    other.close()
    (tmp_path / "mine.csv").write_text("actor,note\nJNIM,watch\n", encoding="utf-8")
    return tmp_path


def snapshot(folder):
    """Every file and folder under `folder`, with a hash of each file's bytes."""
    out = {}
    for root, dirs, files in os.walk(folder):
        for d in dirs:
            out[os.path.relpath(os.path.join(root, d), folder)] = "dir"
        for f in files:
            p = os.path.join(root, f)
            out[os.path.relpath(p, folder)] = hashlib.sha256(open(p, "rb").read()).hexdigest()
    return out


ATTACKS = [
    # the four: a hard link to the store attached writable, COPY over the store, EXPORT, ATTACH writable
    ("ATTACH 'hardlink.duckdb' AS w (READ_ONLY false); DELETE FROM w.events", "ATTACH opens another database"),
    ("COPY (SELECT 1) TO 'store.duckdb' (FORMAT csv, USE_TMP_FILE false)", "COPY writes a file"),
    ("EXPORT DATABASE 'dump'", "EXPORT writes files"),
    ("ATTACH 'other.duckdb' (READ_ONLY false)", "ATTACH opens another database"),
    ("ATTACH 'new.duckdb' AS n", "ATTACH opens another database"),
    ("COPY (SELECT * FROM events) TO 'out.parquet' (FORMAT parquet)", "COPY writes a file"),
    ("COPY events FROM 'mine.csv'", "COPY writes a file"),
    ("EXPLAIN ANALYZE COPY (SELECT 1) TO 'e.csv'", "EXPLAIN of a statement that is not a query"),
    ("select 1; copy (select 2) to 'later.csv'", "COPY writes a file"),
    ("/* comment */ COPY (SELECT 1) TO 'c.csv'", "COPY writes a file"),
    ("IMPORT DATABASE 'dump'", "IMPORT DATABASE writes into the database"),
    ("PRAGMA import_database('dump')", "PRAGMA import_database is not a read-only pragma"),
    ("COPY FROM DATABASE memory TO store", "COPY FROM writes into the database"),
    ("INSTALL httpfs", "INSTALL installs or loads an extension"),
    ("LOAD json", "LOAD installs or loads an extension"),
    ("SET log_query_path = 'queries.log'", "SET changes the session"),
    ("SET lock_configuration = false", "SET changes the session"),
    ("RESET lock_configuration", "RESET changes the session"),
    ("PRAGMA profiling_output = 'profile.json'", "PRAGMA changes the session"),  # parsed as SET
    ("PRAGMA enable_profiling", "PRAGMA enable_profiling is not a read-only pragma"),
    ("USE memory", "USE changes the session"),
    ("CREATE TEMP TABLE t AS SELECT 1", "CREATE creates an object"),
    ("CREATE SECRET s (TYPE s3, KEY_ID 'k', SECRET 's')", "CREATE creates an object"),
    ("INSERT INTO events (event_id) VALUES ('z')", "INSERT changes the store"),
    ("UPDATE events SET actor = 'x'", "UPDATE changes the store"),
    ("DELETE FROM events", "DELETE changes the store"),
    ("DROP TABLE events", "DROP drops an object"),
    ("ALTER TABLE events ADD COLUMN y INTEGER", "ALTER changes an object"),
    ("CALL checkpoint()", "CALL runs a table function"),
    ("CHECKPOINT", "CHECKPOINT runs a table function"),
    ("VACUUM", "VACUUM rewrites tables"),
    ("BEGIN TRANSACTION", "BEGIN is not a query"),
    ("PREPARE p AS COPY (SELECT 1) TO 'p.csv'", "PREPARE is not a query"),
    ("UPDATE EXTENSIONS", "UPDATE EXTENSIONS is of a statement type trends does not know"),
]


@pytest.mark.parametrize("sql, why", ATTACKS, ids=[a[0][:40] for a in ATTACKS])
def test_statements_that_could_write_are_refused_and_touch_nothing(folder, capsys, sql, why):
    before = snapshot(folder)
    assert cli.main(["sql", "--db", "store.duckdb", sql]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"Error: {why}") and err.endswith(f"{HINT}\n") and err.count("\n") == 1, err
    assert snapshot(folder) == before
    assert cli.main(["sql", "--db", "hardlink.duckdb", "--format", "csv", "select count(*) as n from events"]) == 0
    assert capsys.readouterr().out == "n\n2\n"


@pytest.mark.parametrize(
    "sql",
    [
        "select * from enable_logging(storage = 'file', storage_path = 'logs')",
        "select * from enable_profiling()",
    ],
)
def test_the_configuration_is_locked_for_table_functions_too(folder, capsys, sql):
    before = snapshot(folder)
    assert cli.main(["sql", "--db", "store.duckdb", sql]) == 1
    err = capsys.readouterr().err
    assert "the configuration has been locked (trends sql without --write locks it)" in err
    assert snapshot(folder) == before


@pytest.mark.parametrize(
    "sql, out",
    [
        ("select actor, note from events join read_csv('mine.csv') using (actor)", "actor,note\nJNIM,watch\n"),
        ("with x as (select count(*) as n from events) select n from x", "n\n2\n"),
        ("from events select event_id order by 1", "event_id\na\nb\n"),
        ("select count(*) as n from 'mine.csv'", "n\n1\n"),
        ("pragma table_info('batches')", None),
        ("describe events", None),
        ("show tables", None),
        ("summarize select 1 as x", None),
        ("explain select * from events", None),
        ("explain analyze select count(*) from events", None),
        ("select 1 as a; select 2 as b", "b\n2\n"),
    ],
)
def test_queries_and_reading_files_stay_allowed(folder, capsys, sql, out):
    before = snapshot(folder)
    assert cli.main(["sql", "--db", "store.duckdb", "--format", "csv", sql]) == 0
    got = capsys.readouterr().out
    if out is not None:
        assert got == out
    else:
        assert got.count("\n") >= 2
    assert snapshot(folder) == before


def test_write_still_writes(folder, capsys):
    assert cli.main(["sql", "--db", "store.duckdb", "--write", "delete from event_rows where event_id = 'a'"]) == 0
    assert cli.main(["sql", "--db", "store.duckdb", "--write", "copy (select 1 as x) to 'x.csv'"]) == 0
    capsys.readouterr()
    assert (folder / "x.csv").read_text() == "x\n1\n"
    assert cli.main(["sql", "--db", "store.duckdb", "--format", "csv", "select count(*) as n from events"]) == 0
    assert capsys.readouterr().out == "n\n1\n"


def test_library_check_refuses_before_anything_runs(con):
    with pytest.raises(QueryOnlyError, match=r"^COPY writes a file .*\(add --write to change the store\)$"):
        sqlguard.check_query_only(con, "select 1; copy (select 1) to 'x.csv'")
    sqlguard.check_query_only(con, "select 1; from events; explain select 2; pragma version")
    with pytest.raises(duckdb.ParserException):  # a syntax error is DuckDB's to report
        sqlguard.check_query_only(con, "selec 1")
