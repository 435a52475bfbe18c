"""The inbox: the folder `trends run` ingests, each new file (by SHA-256) as its own batch."""

from __future__ import annotations

import logging
from pathlib import Path

import duckdb

from ..errors import TrendsError
from .files import file_sha256

log = logging.getLogger(__name__)

__all__ = ["inbox_files", "ingest_inbox", "file_sha256"]


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


def ingest_inbox(con: duckdb.DuckDBPyConnection, inbox: Path | None) -> tuple[list, list[Path], list[Path]]:
    """Ingest every inbox file not ingested before (by SHA-256), each in its own transaction (trends.ingest).

    Returns (ingest results, files ingested, files skipped). An unreadable file raises and stops the run; the
    files before it stay ingested.
    """
    files = inbox_files(inbox)
    if not files:
        return [], [], []
    known = {r[0] for r in con.execute("select sha256 from batches where sha256 is not null").fetchall()}
    results, new, skipped = [], [], []
    for path in files:
        if file_sha256(path) in known:
            skipped.append(path)
            continue
        from . import ingest_file

        log.info("ingesting %s", path)
        res = ingest_file(con, path)
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
    return results, new, skipped
