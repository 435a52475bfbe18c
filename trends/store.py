"""Store: DuckDB connection, schema migrations and views from sql/, transactions.

The store is the only module that reads sql/. Schema files (`sql/schema/NNN_name.sql`) are migrations applied
once each, in order, inside a transaction, and recorded in `schema_migrations`. View files
(`sql/views/NN_name.sql`, one `create or replace view name` each) are re-applied on every writable connect.

Opening: DuckDB lets one process write a file, or several read it. `connect` turns its lock conflict into
StoreBusyError (exit 75, naming the holder's command and pid when known), retrying first for the `lock.waiting()`
time in force (the CLI's --wait); a path that is not a DuckDB file raises NotAStoreError. DuckDB's temporary files
left in `<db>.tmp/` by a killed process are removed on the next connect.
"""

from __future__ import annotations

import contextlib
import importlib.resources
import logging
import os
import re
from pathlib import Path

import duckdb

from . import lock
from .errors import NotAStoreError, SqlFileError, StoreBusyError, TrendsError

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


def _version(path: Path) -> int:
    """The leading number of a numbered sql/ file ('009_series_weeks.sql' -> 9)."""
    m = re.match(r"(\d+)", path.name)
    if m is None:
        raise SqlFileError(f"{path}: sql/ files must start with a number (e.g. 010_name.sql)")
    return int(m.group(1))


def _numbered(folder: Path) -> list[Path]:
    files = sorted(
        folder.glob("*.sql"),
        key=lambda p: (_version(p), p.name) if re.match(r"\d+", p.name) else (10**9, p.name),
    )
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
        version = _version(path)
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


def connect(
    path: str | os.PathLike | None = None,
    *,
    read_only: bool = False,
    sql: Path | None = None,
    wait: float | None = None,
) -> duckdb.DuckDBPyConnection:
    """Open (or create) the store at `path` and bring its schema and views up to date.

    Args:
        path: database file; None uses `default_db_path()`; ":memory:" for a throwaway store.
        read_only: open without write access (migrations are applied first by a short writable connect
            when the file is older than this version of trends).
        sql: override the sql/ folder (tests).
        wait: seconds to wait for another process to release the file (default: the `lock.waiting()` in force,
            else 0).

    Raises:
        StoreBusyError: another process has the file open (still, after `wait` seconds).
        NotAStoreError: the path is a folder or a file that is not a DuckDB database.
        TrendsError: a read-only store that does not exist, or another reason DuckDB cannot open the file.
    """
    path = str(path if path is not None else default_db_path())
    if read_only:
        if path == ":memory:":
            raise TrendsError("a read-only in-memory database would be empty; drop read_only")
        if not Path(path).exists():
            raise TrendsError(f"database {path} does not exist; create it with `trends ingest --db {path} FILE`")
        con = _open(path, True, wait)
        if schema_version(con) < _latest_version(sql):
            con.close()
            connect(path, sql=sql, wait=wait).close()  # migrate, then reopen read-only
            con = _open(path, True, wait)
        return con
    con = _open(path, False, wait)
    apply_migrations(con, sql)
    apply_views(con, sql)
    return con


def _open(path: str, read_only: bool, wait: float | None) -> duckdb.DuckDBPyConnection:
    """duckdb.connect with DuckDB's errors turned into the store's; waits while another process holds the file."""

    def once():
        try:
            return duckdb.connect(path, read_only=read_only)
        except duckdb.IOException as e:
            msg = str(e)
            if "Could not set lock" in msg or "Conflicting lock" in msg:
                raise StoreBusyError(
                    f"database {path} is busy: {_holder(path, msg)} has it open. Try again when "
                    f"it has finished, or wait for it with --wait SECONDS"
                ) from None
            if "not a valid DuckDB database file" in msg:
                size = Path(path).stat().st_size if Path(path).is_file() else 0
                what = "is empty" if size == 0 else "is not a DuckDB database"
                raise NotAStoreError(
                    f"{path} {what}; --db (or $TRENDS_DB) must name the event store's DuckDB file, "
                    f"or a new file name to create one"
                ) from None
            if "Is a directory" in msg or Path(path).is_dir():
                raise NotAStoreError(
                    f"{path} is a folder; --db (or $TRENDS_DB) must name the event store's DuckDB "
                    f"file, e.g. {Path(path) / DEFAULT_DB}"
                ) from None
            if not Path(path).parent.is_dir():
                raise TrendsError(f"cannot create database {path}: folder {Path(path).parent} does not exist") from None
            raise TrendsError(f"cannot open database {path}: {msg.removeprefix('IO Error: ')}") from None
        except duckdb.ConnectionException as e:  # same process, the other mode (read-only vs writable)
            raise TrendsError(
                f"cannot open database {path} {'read-only' if read_only else 'writable'}: it is "
                f"already open in this process the other way; close that connection first ({e})"
            ) from None

    if path == ":memory:":
        return duckdb.connect(path)
    con = lock.poll(once, seconds=wait, what=f"database {path}")
    try:
        _clean_temp(con, path, exclusive=not read_only)
    except OSError as e:  # cleaning is a courtesy: never fail an open for it
        log.debug("could not clean DuckDB temporary files: %s", e)
    return con


def _holder(path: str, msg: str) -> str:
    """Who holds the file: the run lock's command when it is that process, else the command line of the PID DuckDB
    names, else 'another process'."""
    m = re.search(r"\(PID (\d+)\)", msg)
    pid = int(m.group(1)) if m else None
    run = lock.read_lock(lock.lock_path(path)) or {}
    rpid = run.get("pid")
    if isinstance(rpid, int) and (pid is None or rpid == pid) and lock.pid_alive(rpid):
        return f"{run.get('command') or 'trends run'} (pid {rpid}, started {run.get('started', '?')})"
    if pid is None:
        return "another process"
    cmd = lock.command_of(pid)
    return f"{cmd} (pid {pid})" if cmd else f"process {pid}"


# DuckDB's temporary files carry the creating process's id: duckdb_temp_<pid>_<n>_storage_...tmp, ..._owner.
_TEMP_FILE = re.compile(r"^duckdb_temp_(\d+)_")


def _clean_temp(con: duckdb.DuckDBPyConnection, db: str, *, exclusive: bool) -> list[Path]:
    """Remove DuckDB temporary files that a killed process left in the store's temp folder (`<db>.tmp/`).

    Files whose process is gone are removed on any open (readers share the folder, each with its own files). With
    `exclusive` (a writable open: no other process has the store open) and the store's own folder (not a
    temp_directory shared with other databases), files without a process id that this connection does not use are
    removed too, and the folder if it is then empty. Returns the files removed.
    """
    setting = con.execute("select current_setting('temp_directory')").fetchall()[0][0]
    folder = Path(setting) if setting else None  # '' = spilling switched off (Path('') would be the cwd)
    if folder is None or not folder.is_dir():
        return []
    exclusive = exclusive and folder.resolve() == Path(db + ".tmp").resolve()
    in_use = {Path(r[0]).name for r in con.execute("select path from duckdb_temporary_files()").fetchall()}
    removed = []
    for f in folder.iterdir():
        if not f.name.startswith("duckdb_temp") or f.name in in_use or not f.is_file():
            continue
        m = _TEMP_FILE.match(f.name)
        if m:
            pid = int(m.group(1))
            if pid == os.getpid() or lock.pid_alive(pid):
                continue
        elif not exclusive:
            continue
        f.unlink(missing_ok=True)
        removed.append(f)
    if removed:
        log.info("removed %d temporary file(s) left in %s by a process that was stopped", len(removed), folder)
    if exclusive:
        with contextlib.suppress(OSError):
            folder.rmdir()  # only if empty
    return removed


def _latest_version(sql: Path | None) -> int:
    files = _numbered((sql or sql_dir()) / "schema")
    return max((_version(p) for p in files), default=0)


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
