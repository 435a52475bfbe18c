import duckdb
import pytest

from trends import store
from trends.errors import SqlFileError


def test_connect_applies_every_migration_once(tmp_path):
    db = tmp_path / "t.duckdb"
    c = store.connect(db)
    v = store.schema_version(c)
    assert v >= 1
    n = c.execute("select count(*) from schema_migrations").fetchone()[0]
    c.close()
    c = store.connect(db)  # second connect applies nothing new
    assert store.schema_version(c) == v
    assert c.execute("select count(*) from schema_migrations").fetchone()[0] == n


def test_older_database_is_migrated(tmp_path):
    sql = tmp_path / "sql"
    (sql / "schema").mkdir(parents=True)
    (sql / "views").mkdir()
    (sql / "schema" / "001_a.sql").write_text("create table a (x integer);")
    db = tmp_path / "t.duckdb"
    store.connect(db, sql=sql).close()
    (sql / "schema" / "002_b.sql").write_text("alter table a add column y integer;")
    c = store.connect(db, sql=sql)
    assert store.schema_version(c) == 2
    assert [r[0] for r in c.execute("describe a").fetchall()] == ["x", "y"]


def test_broken_migration_names_the_file_and_leaves_nothing(tmp_path):
    sql = tmp_path / "sql"
    (sql / "schema").mkdir(parents=True)
    (sql / "views").mkdir()
    (sql / "schema" / "001_ok.sql").write_text("create table a (x integer);")
    (sql / "schema" / "002_bad.sql").write_text("create table b (y integer); select * from no_such_table;")
    db = tmp_path / "t.duckdb"
    with pytest.raises(SqlFileError, match="002_bad.sql"):
        store.connect(db, sql=sql)
    c = duckdb.connect(str(db))
    assert store.schema_version(c) == 1
    assert c.execute("select count(*) from information_schema.tables where table_name = 'b'").fetchone()[0] == 0


def test_transaction_rolls_back_on_error(con):
    con.execute("create table t (x integer)")
    with pytest.raises(RuntimeError):
        with store.transaction(con):
            con.execute("insert into t values (1)")
            raise RuntimeError("boom")
    assert con.execute("select count(*) from t").fetchone()[0] == 0


def test_nested_transaction_joins_the_outer_one(con):
    con.execute("create table t (x integer)")
    with pytest.raises(RuntimeError):
        with store.transaction(con):
            with store.transaction(con):
                con.execute("insert into t values (1)")
            con.execute("insert into t values (2)")
            raise RuntimeError("outer fails after the inner block finished")
    assert con.execute("select count(*) from t").fetchone()[0] == 0
    with store.transaction(con):
        with store.transaction(con):
            con.execute("insert into t values (3)")
    assert con.execute("select count(*) from t").fetchone()[0] == 1


def test_read_only_connection_is_usable_with_sql(tmp_path):
    db = tmp_path / "t.duckdb"
    store.connect(db).close()
    c = store.connect(db, read_only=True)
    assert c.sql("select count(*) from events").fetchall() == [(0,)]
    with pytest.raises(duckdb.Error):
        c.execute("create table x (y integer)")
