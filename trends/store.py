"""Store: DuckDB connection, schema migrations and views from sql/, transactions.

The store is the only module that reads sql/. Schema files (`sql/schema/NNN_name.sql`) are migrations applied
once each, in order, inside a transaction, and recorded in `schema_migrations`. View files
(`sql/views/NN_name.sql`, one `create or replace view name` each) are re-applied on every writable connect.
"""
from __future__ import annotations

import contextlib
import importlib.resources
import logging
import os
import re
from pathlib import Path

import duckdb

from .errors import SqlFileError, TrendsError

log = logging.getLogger(__name__)

DEFAULT_DB = "trends.duckdb"


def default_db_path() -> str:
    """`$TRENDS_DB` if set, else `trends.duckdb` in the working directory."""
    return os.environ.get("TRENDS_DB") or DEFAULT_DB


def sql_dir() -> Path:
    """The sql/ folder: inside the installed wheel (`trends/sql`), or the repo's top-level `sql/` in a checkout."""
    packaged = Path(str(importlib.resources.files("trends"))) / "sql"
    if packaged.is_dir():
        return packaged
    repo = Path(__file__).resolve().parent.parent / "sql"
    if repo.is_dir():
        return repo
    raise SqlFileError(f"cannot find the sql/ folder (looked in {packaged} and {repo}); reinstall trends")


def sql_text(name: str, sql: Path | None = None) -> str:
    """The text of `sql/<name>` (e.g. "ingest/stage.sql"): statements a stage runs itself, not migrations or views."""
    path = (sql or sql_dir()) / name
    try:
        return path.read_text(encoding="utf-8")
    except OSError as e:
        raise SqlFileError(f"{name}: cannot read it ({e}); reinstall trends") from None


def _numbered(folder: Path) -> list[Path]:
    files = sorted(folder.glob("*.sql"), key=lambda p: (int(re.match(r"(\d+)", p.name).group(1)), p.name)
                   if re.match(r"\d+", p.name) else (10**9, p.name))
    return files


def _run_file(con: duckdb.DuckDBPyConnection, path: Path) -> None:
    try:
        con.execute(path.read_text(encoding="utf-8"))
    except duckdb.Error as e:
        raise SqlFileError(f"{path.parent.name}/{path.name}: {e}") from e


def run_sql_file(con: duckdb.DuckDBPyConnection, name: str, folder: Path | None = None) -> None:
    """Execute the statements of one file under sql/ (e.g. "refresh/series_weeks.sql"); errors name the file."""
    _run_file(con, (folder or sql_dir()) / name)


def schema_version(con: duckdb.DuckDBPyConnection) -> int:
    """Highest applied migration number, 0 for an empty database."""
    try:
        rows = con.execute("select coalesce(max(version), 0) from schema_migrations").fetchall()
    except duckdb.CatalogException:
        return 0
    return int(rows[0][0])


def apply_migrations(con: duckdb.DuckDBPyConnection, folder: Path | None = None) -> list[str]:
    """Apply every schema file not yet recorded, each in its own transaction. Returns the names applied."""
    folder = (folder or sql_dir()) / "schema"
    con.execute("""create table if not exists schema_migrations (
                     version integer primary key, name varchar not null,
                     applied_at timestamp default current_timestamp)""")
    done = {r[0] for r in con.execute("select version from schema_migrations").fetchall()}
    applied = []
    for path in _numbered(folder):
        version = int(re.match(r"(\d+)", path.name).group(1))
        if version in done:
            continue
        con.execute("begin transaction")
        try:
            _run_file(con, path)
            con.execute("insert into schema_migrations (version, name) values (?, ?)", [version, path.name])
            con.execute("commit")
        except BaseException:
            con.execute("rollback")
            raise
        log.debug("applied migration %s", path.name)
        applied.append(path.name)
    return applied


def apply_views(con: duckdb.DuckDBPyConnection, folder: Path | None = None) -> list[str]:
    """(Re)create every view in sql/views, in file order. Returns the view names."""
    folder = (folder or sql_dir()) / "views"
    names = []
    for path in _numbered(folder):
        _run_file(con, path)
        names.append(re.sub(r"^\d+_", "", path.stem))
    return names


def connect(path: str | os.PathLike | None = None, *, read_only: bool = False,
            sql: Path | None = None) -> duckdb.DuckDBPyConnection:
    """Open (or create) the store at `path` and bring its schema and views up to date.

    Args:
        path: database file; None uses `default_db_path()`; ":memory:" for a throwaway store.
        read_only: open without write access (migrations are applied first by a short writable connect
            when the file is older than this version of trends).
        sql: override the sql/ folder (tests).
    """
    path = str(path if path is not None else default_db_path())
    if read_only:
        if path == ":memory:":
            raise TrendsError("a read-only in-memory database would be empty; drop read_only")
        if not Path(path).exists():
            raise TrendsError(f"database {path} does not exist; create it with `trends ingest --db {path} FILE`")
        con = duckdb.connect(path, read_only=True)
        if schema_version(con) < _latest_version(sql):
            con.close()
            connect(path, sql=sql).close()  # migrate, then reopen read-only
            con = duckdb.connect(path, read_only=True)
        return con
    try:
        con = duckdb.connect(path)
    except duckdb.IOException as e:
        raise TrendsError(f"cannot open database {path}: {e}") from e
    apply_migrations(con, sql)
    apply_views(con, sql)
    return con


def _latest_version(sql: Path | None) -> int:
    files = _numbered((sql or sql_dir()) / "schema")
    return max((int(re.match(r"(\d+)", p.name).group(1)) for p in files), default=0)


@contextlib.contextmanager
def transaction(con: duckdb.DuckDBPyConnection):
    """All-or-nothing block: commit on success, roll back on any exception (including KeyboardInterrupt).

    Re-entrant: inside an open transaction the block joins it, and the outermost block commits or rolls back
    (so a stage that writes in its own transaction can run inside a whole-run transaction).
    """
    key = id(con)
    if _open_transactions.get(key):  # already inside one of our transactions: join it
        _open_transactions[key] += 1
        try:
            yield con
        finally:
            _open_transactions[key] -= 1
        return
    con.execute("begin transaction")
    _open_transactions[key] = 1
    try:
        yield con
    except BaseException:
        con.execute("rollback")
        raise
    else:
        con.execute("commit")
    finally:
        _open_transactions.pop(key, None)


# Depth of the transaction() blocks open on each connection (keyed by id; entries removed when the block ends).
# DuckDB aborts the open transaction when a nested BEGIN fails, so nesting must be known, not probed.
_open_transactions: dict[int, int] = {}
