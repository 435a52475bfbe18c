"""Run lock: one scheduled run per database at a time, via a lock file beside the DuckDB file.

The lock file `<db>.lock` holds the owner's pid, host and start time as JSON. It is created atomically
(O_CREAT | O_EXCL), so two runs starting together cannot both get it. A lock left by a process that no longer
exists (killed run, reboot) is taken over with a warning; a lock held by a live process raises `LockError`
(exit 75, EX_TEMPFAIL: a scheduler may retry later).
"""
from __future__ import annotations

import datetime as dt
import json
import logging
import os
import socket
from pathlib import Path

from .errors import LockError

log = logging.getLogger(__name__)


def lock_path(db_path: str | os.PathLike) -> Path:
    """`trends.duckdb` -> `trends.duckdb.lock`."""
    p = Path(db_path)
    return p.with_name(p.name + ".lock")


def _pid_alive(pid: int) -> bool:
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # exists, owned by another user
        return True
    return True


def read_lock(path: str | os.PathLike) -> dict | None:
    """The owner recorded in a lock file ({pid, host, started, command}), or None if there is none."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    try:
        info = json.loads(text)
        return info if isinstance(info, dict) else {}
    except json.JSONDecodeError:
        return {}  # half-written by a process killed while creating it: treat as stale


class RunLock:
    """Context manager holding `<db>.lock` for the duration of a run.

    Example:
        with RunLock("trends.duckdb", command="trends run"):
            ...  # nobody else runs on this database here
    """

    def __init__(self, db_path: str | os.PathLike, *, command: str = "trends run"):
        self.path = lock_path(db_path)
        self.db_path = Path(db_path)
        self.command = command
        self.held = False

    def acquire(self) -> "RunLock":
        """Take the lock, taking over a stale one. Raises LockError when a live process holds it."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        for _ in range(3):
            try:
                fd = os.open(self.path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
            except FileExistsError:
                self._handle_existing()
                continue
            info = {"pid": os.getpid(), "host": socket.gethostname(),
                    "started": dt.datetime.now().astimezone().isoformat(timespec="seconds"), "command": self.command}
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                json.dump(info, f)
            self.held = True
            return self
        raise LockError(f"could not take the lock {self.path}: it keeps being re-created by another process")

    def _handle_existing(self) -> None:
        info = read_lock(self.path)
        if info is None:  # released between our open and read
            return
        pid, host = info.get("pid"), info.get("host")
        same_host = host in (None, socket.gethostname())
        if isinstance(pid, int) and (not same_host or _pid_alive(pid)):
            where = f"pid {pid}" + ("" if same_host else f" on {host}")
            raise LockError(
                f"database {self.db_path} is locked by another run ({where}, {info.get('command', 'trends')}, "
                f"started {info.get('started', '?')}). Wait for it to finish; if no run is active, "
                f"delete {self.path}")
        log.warning("taking over a stale lock %s (pid %s, started %s, no longer running)",
                    self.path, pid, info.get("started", "?"))
        # Move it aside atomically rather than unlinking: if another process took the lock over in the meantime,
        # what we moved is its fresh lock, and it goes back.
        aside = self.path.with_name(f"{self.path.name}.stale-{os.getpid()}")
        try:
            os.rename(self.path, aside)
        except FileNotFoundError:
            return
        if read_lock(aside) != info:
            os.rename(aside, self.path)
        else:
            aside.unlink(missing_ok=True)

    def release(self) -> None:
        """Remove the lock file if this process still owns it."""
        if not self.held:
            return
        info = read_lock(self.path)
        if info and info.get("pid") == os.getpid():
            self.path.unlink(missing_ok=True)
        self.held = False

    def __enter__(self) -> "RunLock":
        return self.acquire()

    def __exit__(self, *exc) -> None:
        self.release()
