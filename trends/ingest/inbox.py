"""The inbox: the folder `trends run` ingests, each new file (by SHA-256) as its own batch."""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from pathlib import Path

import duckdb

from ..errors import InputFileError, SchemaError, TooManyBadRows, TrendsError
from .files import file_sha256

log = logging.getLogger(__name__)

__all__ = ["QUARANTINE_DIR", "Quarantined", "inbox_files", "ingest_inbox", "file_sha256"]

#: sub-folder of the inbox that files refused as a whole are moved to, each with a `<name>.reason` beside it.
QUARANTINE_DIR = "rejected"

#: file-level errors that set one file aside and let the run go on (a store problem still stops the run).
FILE_ERRORS = (InputFileError, TooManyBadRows, SchemaError)


@dataclass(frozen=True)
class Quarantined:
    """An inbox file refused as a whole: where it was (and, unless a dry run, where it went) and why."""

    file: Path
    moved_to: Path | None
    reason: str


def inbox_files(inbox: Path | None) -> list[Path]:
    """Regular files in the inbox folder, by name; hidden files and partial downloads (.part, .tmp) excluded."""
    if inbox is None:
        return []
    if not inbox.is_dir():
        raise TrendsError(f'inbox folder {inbox} does not exist; create it or set paths.inbox = "" in the config')
    return sorted(
        p
        for p in inbox.iterdir()
        if p.is_file() and not p.name.startswith(".") and p.suffix not in (".part", ".tmp", ".crdownload")
    )


def ingest_inbox(
    con: duckdb.DuckDBPyConnection, inbox: Path | None, *, move: bool = True
) -> tuple[list, list[Path], list[Path], list[Quarantined]]:
    """Ingest every inbox file not ingested before (by SHA-256), each in its own transaction (trends.ingest).

    A file refused as a whole (unreadable, unknown format, a repeated header, too many bad rows: FILE_ERRORS)
    changes nothing in the store; it is moved to `<inbox>/rejected/` with a `<name>.reason` text file (unless
    `move` is False, as in a dry run) and the other files are still ingested, so one bad file cannot stop every
    later run. Other errors (the store is busy, a disk is full) stop the run as before.

    Returns (ingest results, files ingested, files skipped, files quarantined).
    """
    files = inbox_files(inbox)
    if not files:
        return [], [], [], []
    known = {r[0] for r in con.execute("select sha256 from batches where sha256 is not null").fetchall()}
    results, new, skipped, refused = [], [], [], []
    for path in files:
        sha = file_sha256(path)
        if sha in known:
            skipped.append(path)
            continue
        from . import ingest_file

        log.info("ingesting %s", path)
        try:
            res = ingest_file(con, path)
        except FILE_ERRORS as e:
            q = Quarantined(path, _quarantine(path, sha, str(e)) if move else None, str(e))
            log.warning(
                "%s refused, nothing stored from it%s: %s",
                path.name,
                f"; moved to {q.moved_to}" if q.moved_to else " (dry run: not moved)",
                q.reason,
            )
            refused.append(q)
            continue
        if getattr(res, "skipped", False):
            skipped.append(path)
            continue
        results.append(res)
        new.append(path)
        log.info(
            "%s: %d rows read, %d new, %d replaced, %d rejected",
            path.name,
            res.rows_read,
            res.rows_new,
            res.rows_replaced,
            res.rows_rejected,
        )
    if skipped:
        log.info("skipped %d inbox file(s) already ingested", len(skipped))
    return results, new, skipped, refused


def _quarantine(path: Path, sha: str, reason: str) -> Path:
    """Move `path` into <inbox>/rejected/ (a different file of the same name gets its hash as a prefix) and
    write `<name>.reason` beside it: when, the SHA-256 and the error."""
    folder = path.parent / QUARANTINE_DIR
    folder.mkdir(exist_ok=True)
    target = folder / path.name
    if target.exists() or target.with_name(target.name + ".reason").exists():
        target = folder / f"{sha[:12]}-{path.name}"
    path.replace(target)
    stamp = dt.datetime.now().astimezone().isoformat(timespec="seconds")
    target.with_name(target.name + ".reason").write_text(
        f"refused by trends run at {stamp}; nothing from it was stored\n"
        f"file: {path.name}\nsha256: {sha}\nreason: {reason}\n"
        f"to retry: fix the file and put it back in {path.parent}\n",
        encoding="utf-8",
    )
    return target
