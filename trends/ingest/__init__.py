"""Ingest: files or frames -> checked, normalised rows in `events`, every other row in `rejected_rows`.

One batch per file, in one transaction: a crash or a file over the bad-row limit leaves the store as it was.
A file whose sha256 is already in `batches` is skipped. Per event_id, the same content again is "unchanged";
different content "replaces" the stored row, whose old version moves to `events_history` (valid_from = when it was
ingested, valid_to = now), so counts as of an earlier time can be rebuilt. With `replace=True` the file is the whole
current state of its dataset: that dataset's stored events missing from it are retired to `events_history`.

Series: an event counts for its actor's series (actor, country, province or ''); armed non-state groups in a
coalition with it ('ally') or on the other side ('counterpart') get their own `event_actors` row and so count in
their own series too. Governments, state forces and civilians get no row (trends.normalize.is_armed_group).

Set-based: the file is read by DuckDB's scanners (trends.ingest.scan), every check is SQL over the whole batch
(trends.ingest.checks), names are resolved once per distinct value in Python and joined back in SQL
(trends.ingest.names), and the merge touches only the rows of the batch (trends.ingest.merge).
Modules: files (what a file is), scan, readers/ (formats), names, checks, merge, batch (the orchestration),
relabel (re-resolve stored names), periods (report period counts), inbox (the folder `trends run` ingests).
"""

from __future__ import annotations

import datetime as dt
import importlib.resources
import logging
from pathlib import Path

import pandas as pd

from ..errors import InputFileError, UsageError
from . import readers
from .batch import Batch, already_ingested, frame_sha256, make_batch, run, scan_frame, scan_path
from .checks import ATTRIBUTIONS, DATE_PRECISIONS
from .files import check_path, file_sha256
from .merge import on_events_upserted
from .periods import ingest_report, store_period_counts
from .relabel import RelabelResult, relabel_actors
from .result import IngestResult, Rejection
from .rows import EVENT_COLUMNS

log = logging.getLogger(__name__)

SAMPLE = "ucdp_ged_jihadist_events.parquet"

__all__ = [
    "ingest_file",
    "ingest_frame",
    "ingest_report",
    "store_period_counts",
    "relabel_actors",
    "sample_path",
    "file_sha256",
    "IngestResult",
    "Rejection",
    "RelabelResult",
    "Batch",
    "EVENT_COLUMNS",
    "DATE_PRECISIONS",
    "ATTRIBUTIONS",
    "InputFileError",
    "on_events_upserted",
]


def sample_path() -> Path:
    """Path of the UCDP GED sample shipped inside the package (CC BY 4.0, see trends/data/ATTRIBUTION.md)."""
    return Path(str(importlib.resources.files("trends") / "data" / SAMPLE))


def ingest_file(
    con,
    path,
    *,
    format: str = "auto",
    dataset: str | None = None,
    today=None,  # noqa: A002
    max_bad_share: float = 0.5,
    now: dt.datetime | None = None,
    replace: bool = False,
    date_format: str | None = None,
) -> IngestResult:
    """Ingest one file (CSV, JSON Lines, a JSON array or Parquet; format auto-detected from the header) as one batch.

    Args:
        format: auto | events | ucdp | acled | gtd | report (report: text read by trends.extract).
        dataset: the `dataset` value of its events (default: the format's name; 'report' for reports).
        today: events dated after this day are rejected (default: today).
        max_bad_share: raise TooManyBadRows, storing nothing, when more than this share of rows is rejected.
        now: ingest time to record (default: now, UTC); tests pass it to reproduce "as of" counts.
        replace: the file is the complete current state of `dataset` (required): events of that dataset that are
            not in it are retired to events_history. Without it, files append.
        date_format: strptime format of event_date (e.g. '%d/%m/%Y'), for dates like 01/02/2019.

    Raises:
        InputFileError: the file is missing, a folder, empty, not text or Parquet, or lacks a required column.
        UnknownFormatError: format auto and the header matches no format.
        TooManyBadRows: more than max_bad_share of the rows were rejected.
    """
    path = Path(path)
    check_path(path)
    if format == "report":
        from .periods import ingest_report_file

        return ingest_report_file(
            con, path, dataset=dataset, today=today, max_bad_share=max_bad_share, now=now, replace=replace
        )
    batch = make_batch(
        path,
        format=format,
        dataset=dataset,
        today=today,
        max_bad_share=max_bad_share,
        now=now,
        sha256=file_sha256(path),
        replace=replace,
        date_format=date_format,
    )
    done = already_ingested(con, batch)
    if done is not None:
        log.debug("%s: already ingested as batch %s; skipped", path, done)
        return IngestResult(file=str(path), batch_id=done, skipped=True)
    return run(con, batch, scan_path(path))


def ingest_frame(
    con,
    df: pd.DataFrame,
    *,
    format: str = "events",
    file: str = "<frame>",  # noqa: A002
    dataset: str | None = None,
    today=None,
    max_bad_share: float = 0.5,
    now: dt.datetime | None = None,
    replace: bool = False,
    date_format: str | None = None,
    label: str | None = None,
) -> IngestResult:
    """Ingest an in-memory frame (columns of `format`, default canonical events) as one batch; see ingest_file.

    The same frame content twice is skipped like the same file (its hash is recorded as the batch's sha256).
    """
    if not isinstance(df, pd.DataFrame):
        raise UsageError(f"ingest_frame needs a pandas DataFrame, got {type(df).__name__}")
    if format == "auto":
        format = readers.detect_format(df.columns, file)
    else:
        readers.check_columns(df.columns, format, file)
    batch = make_batch(
        file,
        format=format,
        dataset=dataset,
        today=today,
        max_bad_share=max_bad_share,
        now=now,
        sha256=frame_sha256(df),
        replace=replace,
        date_format=date_format,
        label=label,
    )
    done = already_ingested(con, batch)
    if done is not None:
        return IngestResult(file=file, batch_id=done, skipped=True)
    return run(con, batch, scan_frame(df, file))
