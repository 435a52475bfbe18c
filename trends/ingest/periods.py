"""Period counts in the store: a report's 'N attacks between A and B' statements go to `period_counts`
(sql/schema/005_period_counts.sql), never to `events`, so a week's event counts hold only the events a report
describes one by one. A report's events and its period counts are stored in one transaction."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from .. import store
from ..errors import UsageError
from ..extract.periods import PERIOD_COLUMNS  # the row shape is made there; stored here


def ingest_report_file(con, path: Path, *, dataset=None, today=None, max_bad_share=0.5, now=None, replace=False):
    """Ingest a report's events (text read by trends.extract) as one batch labelled 'report', and store its period
    counts in the same transaction. The same file again is skipped (same sha256)."""
    from ..extract import events_frame, extract_report, period_records
    from .batch import already_ingested, make_batch, run, scan_frame
    from .files import file_sha256
    from .result import IngestResult

    batch = make_batch(
        path,
        format="events",
        dataset=dataset or "report",
        today=today,
        max_bad_share=max_bad_share,
        now=now,
        sha256=file_sha256(path),
        replace=replace,
        label="report",
    )
    done = already_ingested(con, batch)
    if done is not None:
        return IngestResult(file=str(path), batch_id=done, skipped=True)
    res = extract_report(path)
    frame = events_frame(res)
    periods = period_records(res, path.stem, str(path))
    with store.transaction(con):
        result = run(con, batch, scan_frame(frame, str(path)))
        if periods:
            store_period_counts(con, pd.DataFrame(periods), result.batch_id)
    return result


def ingest_report(con, path, **kwargs):
    """Ingest a report's events and store its period counts, in one transaction: the events go to `events` once,
    the counts only to `period_counts`. Returns the IngestResult."""
    from . import ingest_file

    return ingest_file(con, path, format="report", **kwargs)


def _records(report) -> list[dict]:
    if isinstance(report, pd.DataFrame):
        if "period_counts" in report.attrs:  # the events frame of trends.extract.read_report_events
            return [dict(r) for r in report.attrs["period_counts"]]
        if {"period_start", "period_end", "n_events"} <= set(report.columns):
            return report.to_dict("records")
        raise UsageError(
            "store_period_counts: the frame carries no period counts; pass the report path, the "
            "frame returned by trends.extract.read_report_events, or a periods frame"
        )
    from ..extract import extract_report, period_records

    path = Path(report)
    return period_records(extract_report(path), path.stem, str(path))


def store_period_counts(con, report, batch_id: int | None = None) -> int:
    """Write the period counts of `report` (a path, a periods frame, or the frame read_report_events returned) to
    period_counts, tagged with the ingest `batch_id`; rows of the same report sentence are replaced, so calling it
    again (or ingesting a corrected report) never duplicates a count. Returns the number of rows written."""
    from ..extract import period_id

    rows = _records(report)
    if not rows:
        return 0
    df = pd.DataFrame(rows)
    for c in PERIOD_COLUMNS:
        if c not in df.columns:
            df[c] = None
    if df["period_id"].isna().any():
        df["period_id"] = [period_id(r, s) for r, s in zip(df["report"], df["evidence_sentence"])]
    df = (
        df[PERIOD_COLUMNS]
        .drop_duplicates("period_id", keep="last")
        .assign(batch_id=batch_id if batch_id is not None else df["batch_id"])
    )
    df["batch_id"] = df["batch_id"].astype("Int64")
    for c in ("period_start", "period_end"):
        df[c] = pd.to_datetime(df[c]).dt.date
    with store.transaction(con):
        con.register("_ingest_period_counts", df)
        try:
            con.execute("delete from period_counts where period_id in (select period_id from _ingest_period_counts)")
            con.execute(
                f"insert into period_counts ({', '.join(PERIOD_COLUMNS)}) "
                f"select {', '.join(PERIOD_COLUMNS)} from _ingest_period_counts"
            )
        finally:
            con.unregister("_ingest_period_counts")
    return len(df)
