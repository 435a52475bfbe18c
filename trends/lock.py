"""Run lock: one scheduled run per database at a time, via a lock file beside the DuckDB file.

The lock file `<db>.lock` holds the owner's pid, host and start time as JSON. It is created atomically
(O_CREAT | O_EXCL), so two runs starting together cannot both get it. A lock left by a process that no longer
exists (killed run, reboot) is taken over with a warning; a lock held by a live process raises `LockError`
(exit 75, EX_TEMPFAIL: a scheduler may retry later).

Waiting: inside `with waiting(seconds):` (the CLI's --wait), `poll()` retries an action that raises LockError
until it succeeds or the time is up; the run lock and `store.connect` (DuckDB's own file lock) both use it.
"""

from __future__ import annotations

import contextlib
import contextvars
import datetime as dt
import json
import logging
import os
import socket
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from .errors import LockError

log = logging.getLogger(__name__)

T = TypeVar("T")
_WAIT: contextvars.ContextVar[float] = contextvars.ContextVar("trends_lock_wait", default=0.0)


@contextlib.contextmanager
def waiting(seconds: float | None):
    """Within the block, `poll()` (and so `store.connect` and `RunLock`) waits up to `seconds` for a busy database
    instead of failing at once. The CLI wraps every command in it with the value of --wait."""
    token = _WAIT.set(max(0.0, float(seconds or 0.0)))
    try:
        yield
    finally:
        _WAIT.reset(token)


def poll(try_once: Callable[[], T], *, seconds: float | None = None, what: str = "the database") -> T:
    """`try_once()`, retried while it raises LockError, for up to `seconds` (default: the `waiting()` in force).

    Retries back off from 0.05 s to 1 s. When the time is up the last LockError is raised, its message saying how
    long it waited.
    """
    seconds = _WAIT.get() if seconds is None else max(0.0, seconds)
    deadline = time.monotonic() + seconds
    delay, told = 0.05, False
    while True:
        try:
            return try_once()
        except LockError as e:
            left = deadline - time.monotonic()
            if left <= 0:
                if seconds > 0:
                    e.args = (f"{e.args[0] if e.args else e} (still busy after waiting {seconds:g} s)",)
                raise
            if not told:
                log.info("%s is busy; waiting up to %g s for it", what, seconds)
                told = True
            time.sleep(min(delay, left))
            delay = min(2 * delay, 1.0)


def lock_path(db_path: str | os.PathLike) -> Path:
    """`trends.duckdb` -> `trends.duckdb.lock`."""
    p = Path(db_path)
    return p.with_name(p.name + ".lock")


def pid_alive(pid: int) -> bool:
    """True when a process with this id exists (on this host)."""
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # exists, owned by another user
        return True
    return True


def command_of(pid: int) -> str | None:
    """The command line of a live process, shortened ("trends ingest big.csv"); None when unknown (not Linux)."""
    try:
        argv = Path(f"/proc/{pid}/cmdline").read_bytes().decode("utf-8", "replace").split("\0")
    except OSError:
        return None
    argv = [a for a in argv if a]
    if not argv:
        return None
    names = [os.path.basename(a) for a in argv]
    if "trends" in names:  # the console script, run by its interpreter
        argv = ["trends"] + argv[names.index("trends") + 1 :]
    else:
        argv = [names[0]] + argv[1:]
    text = " ".join(" ".join(argv).split())  # a `python -c` program is one line here
    return text if len(text) <= 80 else text[:77] + "..."


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

    def acquire(self) -> RunLock:
        """Take the lock, taking over a stale one. Raises LockError when a live process holds it (after the
        `waiting()` time in force, if any)."""
        return poll(self._acquire, what=f"the run lock {self.path}")

    def _acquire(self) -> RunLock:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        for _ in range(3):
            try:
                fd = os.open(self.path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
            except FileExistsError:
                self._handle_existing()
                continue
            info = {
                "pid": os.getpid(),
                "host": socket.gethostname(),
                "started": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
                "command": self.command,
            }
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
        if isinstance(pid, int) and (not same_host or pid_alive(pid)):
            where = f"pid {pid}" + ("" if same_host else f" on {host}")
            raise LockError(
                f"database {self.db_path} is locked by another run ({where}, {info.get('command', 'trends')}, "
                f"started {info.get('started', '?')}). Wait for it to finish; if no run is active, "
                f"delete {self.path}"
            )
        log.warning(
            "taking over a stale lock %s (pid %s, started %s, no longer running)",
            self.path,
            pid,
            info.get("started", "?"),
        )
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

    def __enter__(self) -> RunLock:
        return self.acquire()

    def __exit__(self, *exc) -> None:
        self.release()
