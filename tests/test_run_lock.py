"""trends.lock: one run per database; stale locks from dead processes are taken over."""

import json
import logging
import os
import subprocess
import sys
import textwrap

import pytest

from trends.cli import main
from trends.errors import LockError
from trends.lock import RunLock, lock_path, read_lock


def _hold_lock(db):
    """A child process that takes the lock and waits for stdin to close."""
    code = textwrap.dedent(f"""
        import sys
        from trends.lock import RunLock
        with RunLock({str(db)!r}, command="holder"):
            print("locked", flush=True)
            sys.stdin.read()
    """)
    p = subprocess.Popen([sys.executable, "-c", code], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert p.stdout.readline().strip() == "locked"
    return p


def test_lock_file_records_the_owner_and_is_removed(tmp_path):
    db = tmp_path / "t.duckdb"
    with RunLock(db, command="trends run") as lk:
        info = read_lock(lock_path(db))
        assert lk.path == tmp_path / "t.duckdb.lock"
        assert info["pid"] == os.getpid() and info["command"] == "trends run" and "T" in info["started"]
    assert not lock_path(db).exists()


def test_second_lock_while_held_by_a_live_process(tmp_path):
    db = tmp_path / "t.duckdb"
    holder = _hold_lock(db)
    try:
        with pytest.raises(LockError, match=rf"locked by another run \(pid {holder.pid}, holder, started .*delete"):
            RunLock(db).acquire()
        assert read_lock(lock_path(db))["pid"] == holder.pid  # the holder's lock is untouched
    finally:
        holder.stdin.close()
        holder.wait(timeout=30)
    assert not lock_path(db).exists()
    with RunLock(db):  # free again
        pass


def test_trends_run_exits_75_when_locked(tmp_path, capsys):
    db = tmp_path / "t.duckdb"
    db.write_bytes(b"")  # never opened: the lock is checked first
    holder = _hold_lock(db)
    try:
        assert main(["run", "--db", str(db)]) == 75
    finally:
        holder.stdin.close()
        holder.wait(timeout=30)
    err = capsys.readouterr().err.strip().splitlines()[-1]  # after the INFO line about the config file
    assert err.startswith(f"Error: database {db} is locked by another run (pid {holder.pid}")


def test_stale_lock_from_a_dead_process_is_taken_over(tmp_path, caplog):
    db = tmp_path / "t.duckdb"
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    pid = int(dead.stdout)
    lock_path(db).write_text(json.dumps({"pid": pid, "started": "2019-11-25T06:00:00+00:00"}))
    with caplog.at_level(logging.WARNING, logger="trends.lock"):
        with RunLock(db):
            assert read_lock(lock_path(db))["pid"] == os.getpid()
    assert f"taking over a stale lock {lock_path(db)} (pid {pid}" in caplog.text


def test_half_written_lock_is_stale(tmp_path):
    db = tmp_path / "t.duckdb"
    lock_path(db).write_text('{"pid": 12')
    with RunLock(db):
        assert read_lock(lock_path(db))["pid"] == os.getpid()


def test_trends_run_exits_75_when_another_process_has_the_database_open(tmp_path, capsys):
    from trends import store

    db = tmp_path / "t.duckdb"
    store.connect(db).close()
    code = textwrap.dedent(f"""
        import sys, duckdb
        con = duckdb.connect({str(db)!r})
        print("open", flush=True)
        sys.stdin.read()
    """)
    p = subprocess.Popen([sys.executable, "-c", code], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert p.stdout.readline().strip() == "open"
        assert main(["run", "--db", str(db)]) == 75
    finally:
        p.stdin.close()
        p.wait(timeout=30)
    err = capsys.readouterr().err.strip().splitlines()[-1]  # after the INFO line about the config file
    assert err.startswith(f"Error: database {db} is busy: python -c") and f"(pid {p.pid}) has it open" in err
    assert not lock_path(db).exists()
