"""A busy store (another process has the DuckDB file open) exits 75 with a message, or waits with --wait; a path
that is not a DuckDB file exits 1 with a message; Ctrl-C in an ingest's merge exits 130; stale temp files go."""

import contextlib
import logging
import os
import signal
import subprocess
import sys
import textwrap
import threading
import time

import pytest

from trends import cli, store
from trends.lock import RunLock

EVENTS = """event_id,event_date,actor,country,province,fatalities
e1,2019-03-04,Islamic State,Syria,Raqqa,3
e2,2019-03-12,Islamic State,Syria,Raqqa,1
"""


class Holder:
    """A child process that opens the store (writable or read-only) and keeps it open until `release()`."""

    def __init__(self, db, *, read_only=False, run_lock=None):
        code = textwrap.dedent(f"""
            import contextlib, sys
            from trends import store
            from trends.lock import RunLock
            with contextlib.ExitStack() as stack:
                if {run_lock!r}:
                    stack.enter_context(RunLock({str(db)!r}, command={run_lock!r}))
                con = store.connect({str(db)!r}, read_only={read_only!r})
                print("open", flush=True)
                sys.stdin.read()
                con.close()
        """)
        self.proc = subprocess.Popen(
            [sys.executable, "-c", code], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
        )
        assert self.proc.stdout.readline().strip() == "open"
        self.pid = self.proc.pid

    def release(self):
        if self.proc.poll() is None:
            self.proc.stdin.close()
            self.proc.wait(timeout=60)


def _make_store(folder):
    src = folder / "events.csv"
    src.write_text(EVENTS, encoding="utf-8")
    db = folder / "t.duckdb"
    assert cli.main(["ingest", "--db", str(db), "-q", "--today", "2024-01-01", str(src)]) == 0
    return db


@pytest.fixture(scope="module")
def store_db(tmp_path_factory):
    """A small store that the module's `writer` holds open for the whole module."""
    return _make_store(tmp_path_factory.mktemp("busy"))


@pytest.fixture
def db(tmp_path):
    """A small store of this test only."""
    return _make_store(tmp_path)


@pytest.fixture(scope="module")
def writer(store_db):
    h = Holder(store_db)
    yield h
    h.release()


def _busy_line(capsys, db, pid):
    err = capsys.readouterr().err
    assert "Traceback" not in err and "IOException" not in err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith(f"Error: database {db} is busy: ")
    assert f"(pid {pid}" in lines[0]
    assert ") has it open. Try again when it has finished, or wait for it with --wait SECONDS" in lines[0]
    return lines[0]


@pytest.mark.parametrize(
    "args",
    [
        ["sql", "select count(*) from events"],
        ["weekly"],
        ["forecast"],
        ["changepoints"],
        ["alerts"],
        ["backtest"],
        ["actors"],
        ["actors", "--unmatched"],
        ["places"],
        ["report", "--week", "2019-W11"],
    ],
    ids=lambda a: " ".join(a),
)
def test_read_only_commands_while_another_process_writes_exit_75(store_db, writer, tmp_path, capsys, args):
    if args[0] == "report":
        args = args + ["--out", str(tmp_path / "reports")]
    assert cli.main(args + ["--db", str(store_db)]) == 75
    line = _busy_line(capsys, store_db, writer.pid)
    assert "python" in line  # the holder's command line, as far as it is known


@pytest.mark.parametrize(
    "args",
    [
        ["ingest", "{src}"],
        ["actors", "--add", "Daula", "--actor", "Islamic State", "--family", "Islamic State"],
        ["actors", "--renormalize"],
        ["sql", "--write", "delete from events"],
        ["alerts", "--store"],
    ],
    ids=lambda a: " ".join(a[:2]),
)
def test_writing_commands_while_another_process_reads_exit_75(db, tmp_path, capsys, args):
    src = tmp_path / "more.csv"
    src.write_text(EVENTS.replace("e1,", "e3,").replace("e2,", "e4,"), encoding="utf-8")
    reader = Holder(db, read_only=True)
    try:
        assert cli.main([a.format(src=src) for a in args] + ["--db", str(db)]) == 75
        _busy_line(capsys, db, reader.pid)
    finally:
        reader.release()
    con = store.connect(db, read_only=True)
    assert con.execute("select count(*) from events").fetchone()[0] == 2  # nothing was written
    con.close()


def test_the_run_lock_names_the_holding_command(db, capsys):
    h = Holder(db, run_lock="trends run --week 2019-W11")
    try:
        assert cli.main(["weekly", "--db", str(db)]) == 75
    finally:
        h.release()
    line = _busy_line(capsys, db, h.pid)
    assert line.startswith(f"Error: database {db} is busy: trends run --week 2019-W11 (pid {h.pid}, started 20")


def test_wait_gives_up_after_the_time_and_says_so(store_db, writer, capsys):
    assert cli.main(["--wait", "0.2", "weekly", "--db", str(store_db)]) == 75
    err = capsys.readouterr().err.strip().splitlines()
    assert err[-1].endswith("or wait for it with --wait SECONDS (still busy after waiting 0.2 s)")
    assert cli.main(["sql", "--wait", "0.1", "--db", str(store_db), "select 1"]) == 75
    assert capsys.readouterr().err.strip().endswith("(still busy after waiting 0.1 s)")


class _ReleaseWhenWaiting(logging.Handler):
    """Releases the holder as soon as the store says it is waiting, so --wait is seen to succeed (no sleeps)."""

    def __init__(self, holder):
        super().__init__(logging.INFO)
        self.holder, self.seen = holder, False

    def emit(self, record):
        if "waiting up to" in record.getMessage() and not self.seen:
            self.seen = True
            threading.Thread(target=self.holder.release).start()


@pytest.mark.parametrize("where", ["global", "command"])
def test_wait_succeeds_once_the_writer_is_done(tmp_path, capsys, where):
    db = tmp_path / "t.duckdb"
    store.connect(db).close()
    h = Holder(db)
    handler = _ReleaseWhenWaiting(h)
    logging.getLogger("trends.lock").addHandler(handler)
    try:
        args = ["sql", "--db", str(db), "--format", "csv", "select count(*) as n from events"]
        args = ["--wait", "120"] + args if where == "global" else args[:1] + ["--wait", "120"] + args[1:]
        assert cli.main(args) == 0
    finally:
        logging.getLogger("trends.lock").removeHandler(handler)
        h.release()
    assert handler.seen
    assert capsys.readouterr().out == "n\n0\n"


def test_wait_applies_to_the_run_lock_too(tmp_path, capsys):
    db = tmp_path / "t.duckdb"
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            textwrap.dedent(f"""
        import sys
        from trends.lock import RunLock
        with RunLock({str(db)!r}, command="holder"):
            print("locked", flush=True)
            sys.stdin.read()
    """),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "locked"
        assert cli.main(["run", "--wait", "0.1", "--db", str(db)]) == 75
    finally:
        holder.stdin.close()
        holder.wait(timeout=60)
    assert capsys.readouterr().err.strip().endswith("(still busy after waiting 0.1 s)")
    with RunLock(db):
        pass


@pytest.mark.parametrize("content, what", [(b"hello, world\n" * 50, "is not a DuckDB database"), (b"", "is empty")])
@pytest.mark.parametrize(
    "args", [["weekly"], ["sql", "select 1"], ["ingest", "--sample"], ["actors", "--renormalize"]], ids=lambda a: a[0]
)
def test_db_that_is_not_a_duckdb_file_exits_1_and_is_left_alone(tmp_path, capsys, content, what, args):
    db = tmp_path / "notes.txt"
    db.write_bytes(content)
    assert cli.main(args + ["--db", str(db)]) == 1
    err = capsys.readouterr().err
    assert err == (
        f"Error: {db} {what}; --db (or $TRENDS_DB) must name the event store's DuckDB file, or a new "
        f"file name to create one\n"
    )
    assert db.read_bytes() == content and sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]


def test_db_that_is_a_folder_exits_1(tmp_path, capsys):
    for args in (["weekly"], ["ingest", "--sample"]):
        assert cli.main(args + ["--db", str(tmp_path)]) == 1
        assert capsys.readouterr().err == (
            f"Error: {tmp_path} is a folder; --db (or $TRENDS_DB) must name the event "
            f"store's DuckDB file, e.g. {tmp_path / 'trends.duckdb'}\n"
        )


def test_db_in_a_missing_folder_exits_1(tmp_path, capsys):
    db = tmp_path / "nope" / "t.duckdb"
    assert cli.main(["ingest", "--sample", "--db", str(db)]) == 1
    assert capsys.readouterr().err == f"Error: cannot create database {db}: folder {db.parent} does not exist\n"


# ------------------------------------------------------------------------------------------------ interruption
MERGE_THEN_SIGINT = """
import contextlib, signal, sys
signal.signal(signal.SIGINT, signal.default_int_handler)  # a background job may inherit SIGINT ignored
from trends import cli, store

real = store.transaction


@contextlib.contextmanager
def slow(con):
    # the batch's merge transaction, made slow so that Ctrl-C lands in it, mid-merge
    with real(con):
        con.execute("insert into batches (batch_id, file, format, dataset, rows_read, started_at) "
                    "values (999, 'partial', 'events', 'x', 0, now())")
        print("merging", flush=True)
        for _ in range(10**6):  # DuckDB statements until Ctrl-C lands, in one of them or between two
            con.execute("select count(*) from events").fetchall()
        yield con


store.transaction = slow
sys.exit(cli.main(sys.argv[1:]))
"""


def test_ctrl_c_during_the_merge_exits_130_with_one_line_and_keeps_the_store(tmp_path):
    db = tmp_path / "t.duckdb"
    first, second = tmp_path / "first.csv", tmp_path / "second.csv"
    first.write_text(EVENTS, encoding="utf-8")
    second.write_text(EVENTS.replace("e1,", "e3,").replace("e2,", "e4,"), encoding="utf-8")
    assert cli.main(["ingest", "-q", "--db", str(db), "--today", "2024-01-01", str(first)]) == 0
    p = subprocess.Popen(
        [
            sys.executable,
            "-c",
            MERGE_THEN_SIGINT,
            "ingest",
            "-q",
            "--db",
            str(db),
            "--today",
            "2024-01-01",
            str(second),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert p.stdout.readline().strip() == "merging"
        p.send_signal(signal.SIGINT)
        out, err = p.communicate(timeout=120)
    finally:
        if p.poll() is None:
            p.kill()
    assert p.returncode == 130, err
    assert err == "Interrupted; the step in progress was rolled back (the database is as it was before it).\n"
    con = store.connect(db, read_only=True)
    assert con.execute("select event_id from events order by 1").fetchall() == [("e1",), ("e2",)]
    assert con.execute("select count(*) from batches").fetchone()[0] == 1
    con.close()


@pytest.mark.parametrize("exc", [RuntimeError("Query interrupted"), KeyboardInterrupt()], ids=["duckdb", "python"])
def test_interrupt_in_the_merge_query_is_one_line_and_exit_130(tmp_path, capsys, monkeypatch, exc):
    """What DuckDB raises when Ctrl-C lands inside a query (RuntimeError), and Python's own KeyboardInterrupt."""
    db = tmp_path / "t.duckdb"
    src = tmp_path / "e.csv"
    src.write_text(EVENTS, encoding="utf-8")
    real = store.transaction

    @contextlib.contextmanager
    def interrupted(con):
        with real(con):
            con.execute(
                "insert into batches (batch_id, file, format, dataset, rows_read, started_at) "
                "values (999, 'partial', 'events', 'x', 0, now())"
            )
            raise exc
            yield con

    monkeypatch.setattr(store, "transaction", interrupted)
    assert cli.main(["ingest", "-q", "--db", str(db), "--today", "2024-01-01", str(src)]) == 130
    assert capsys.readouterr().err == (
        "Interrupted; the step in progress was rolled back (the database is as it was before it).\n"
    )
    monkeypatch.undo()
    con = store.connect(db, read_only=True)
    assert con.execute("select (select count(*) from events) + (select count(*) from batches)").fetchone()[0] == 0
    con.close()


# ------------------------------------------------------------------------------------------------ temp files
SPILL = """
import sys, duckdb
con = duckdb.connect(sys.argv[1])
con.execute("set memory_limit = '64MB'; set threads = 1; set enable_progress_bar = false; "
            "set preserve_insertion_order = false")
con.execute("create table big as select md5(r::varchar) as h from range(5000000) t(r) order by h")
"""


def test_temp_files_of_a_killed_process_are_removed_on_the_next_open(tmp_path):
    db = tmp_path / "t.duckdb"
    store.connect(db).close()
    tmp = tmp_path / "t.duckdb.tmp"
    p = subprocess.Popen([sys.executable, "-c", SPILL, str(db)])
    try:
        while p.poll() is None and not (tmp.is_dir() and any(f.suffix == ".tmp" for f in tmp.iterdir())):
            os.sched_yield()
    finally:
        p.kill()
        p.wait(timeout=60)
    left = sorted(f.name for f in tmp.iterdir())
    assert left and all(f.startswith(f"duckdb_temp_{p.pid}_") for f in left), left
    con = store.connect(db)
    con.close()
    assert not tmp.exists()


def test_temp_files_of_live_processes_stay(tmp_path):
    db = tmp_path / "t.duckdb"
    store.connect(db).close()
    tmp = tmp_path / "t.duckdb.tmp"
    tmp.mkdir()
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    stale = tmp / f"duckdb_temp_{int(dead.stdout)}_0_storage_DEFAULT-0.tmp"
    live = tmp / f"duckdb_temp_{os.getppid()}_0_storage_DEFAULT-0.tmp"
    mine = tmp / "my_notes.txt"
    for f in (stale, live, mine):
        f.write_bytes(b"x")
    store.connect(db, read_only=True).close()  # a reader removes only the dead process's files
    assert sorted(f.name for f in tmp.iterdir()) == sorted([live.name, mine.name])
    store.connect(db).close()  # the writer too; the folder stays: it is not empty
    assert sorted(f.name for f in tmp.iterdir()) == sorted([live.name, mine.name])


LONG_STATEMENT_THEN_SIGINT = """
import signal, sys
signal.signal(signal.SIGINT, signal.default_int_handler)  # a background job may inherit SIGINT ignored
from trends import cli
from trends.ingest import checks

real = checks.stage


def slow(con, *a, **k):
    # one DuckDB statement that would run for hours, while the batch is staged: Ctrl-C must stop it at once
    print("staging", flush=True)
    con.execute("select sum(hash(i)) from range(10000000000000) t(i)").fetchall()
    return real(con, *a, **k)


checks.stage = slow
sys.exit(cli.main(sys.argv[1:]))
"""


def test_ctrl_c_during_one_long_statement_stops_it_and_exits_130(tmp_path):
    db = tmp_path / "t.duckdb"
    first, second = tmp_path / "first.csv", tmp_path / "second.csv"
    first.write_text(EVENTS, encoding="utf-8")
    second.write_text(EVENTS.replace("e1,", "e3,").replace("e2,", "e4,"), encoding="utf-8")
    assert cli.main(["ingest", "-q", "--db", str(db), "--today", "2024-01-01", str(first)]) == 0
    p = subprocess.Popen(
        [
            sys.executable,
            "-c",
            LONG_STATEMENT_THEN_SIGINT,
            "ingest",
            "--db",
            str(db),
            "--today",
            "2024-01-01",
            str(second),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert p.stdout.readline().strip() == "staging"
        time.sleep(0.5)  # inside the statement
        p.send_signal(signal.SIGINT)
        out, err = p.communicate(timeout=120)  # the statement alone would take hours
    finally:
        if p.poll() is None:
            p.kill()
    assert p.returncode == 130, err
    assert err == "Interrupted; the step in progress was rolled back (the database is as it was before it).\n"
    con = store.connect(db, read_only=True)
    assert con.execute("select event_id from events order by 1").fetchall() == [("e1",), ("e2",)]
    assert con.execute("select count(*) from batches").fetchone()[0] == 1
    con.close()
