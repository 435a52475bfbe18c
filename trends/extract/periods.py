"""Period counts in the store: `store_period_counts` writes a report's 'N attacks between A and B' statements to the
`period_counts` table (sql/schema/005_period_counts.sql), never to `events`, so a week's event counts hold only the
events a report describes one by one."""
from __future__ import annotations

import hashlib
from pathlib import Path

import pandas as pd

from ..errors import UsageError
from .parse import Extraction

#: columns of the period_counts table that a frame supplies (stored_at is filled by the database)
PERIOD_COLUMNS = ["period_id", "report", "file", "batch_id", "actor", "counterpart", "country", "province",
                  "period_start", "period_end", "n_events", "event_type", "evidence_sentence", "evidence_start",
                  "evidence_end", "source"]
ATTR = "period_counts"   # key in DataFrame.attrs of the frame read_report_events returns


def period_id(report: str, sentence: str) -> str:
    """Stable across re-extraction: the report name plus the whitespace-normalised sentence."""
    h = hashlib.sha1(f"{report}\x1f{' '.join(sentence.split())}".encode()).hexdigest()[:16]
    return f"period:{report}:{h}"


def period_records(res: Extraction, report: str, file: str | None = None) -> list[dict]:
    """The period counts of one extraction as rows of the period_counts table (batch_id left empty)."""
    # one sentence can state several counts ('17 times between ..., and 16 times between ...')
    return [{"period_id": period_id(report, f"{p.evidence['sentence']}\x1f{p.count}\x1f{p.period_start}"),
             "report": report, "file": file,
             "batch_id": None, "actor": p.actor, "counterpart": p.target, "country": p.country,
             "province": p.province, "period_start": p.period_start, "period_end": p.period_end,
             "n_events": p.count, "event_type": None, "evidence_sentence": p.evidence["sentence"],
             "evidence_start": p.evidence["start"], "evidence_end": p.evidence["end"], "source": p.source}
            for p in res.periods]


def _records(report) -> list[dict]:
    if isinstance(report, pd.DataFrame):
        if ATTR in report.attrs:   # the events frame of read_report_events carries its report's period counts
            return [dict(r) for r in report.attrs[ATTR]]
        if {"period_start", "period_end", "n_events"} <= set(report.columns):
            return report.to_dict("records")
        raise UsageError("store_period_counts: the frame carries no period counts; pass the report path, the "
                         "frame returned by trends.extract.read_report_events, or a periods frame")
    from . import extract_report
    path = Path(report)
    return period_records(extract_report(path), path.stem, str(path))


def store_period_counts(con, report, batch_id: int | None = None) -> int:
    """Write the period counts of `report` (a path, or the frame read_report_events returned) to period_counts,
    tagged with the ingest `batch_id`; rows of the same report sentence are replaced, so calling it again (or
    ingesting a corrected report) never duplicates a count. Returns the number of rows written."""
    from ..store import transaction
    rows = _records(report)
    if not rows:
        return 0
    df = pd.DataFrame(rows)
    for c in PERIOD_COLUMNS:
        if c not in df.columns:
            df[c] = None
    if df["period_id"].isna().any():
        df["period_id"] = [period_id(r, s) for r, s in zip(df["report"], df["evidence_sentence"])]
    df = df[PERIOD_COLUMNS].drop_duplicates("period_id", keep="last").assign(
        batch_id=batch_id if batch_id is not None else df["batch_id"])
    df["batch_id"] = df["batch_id"].astype("Int64")
    for c in ("period_start", "period_end"):
        df[c] = pd.to_datetime(df[c]).dt.date
    with transaction(con):
        con.register("_w4_period_counts", df)
        try:
            con.execute("delete from period_counts where period_id in (select period_id from _w4_period_counts)")
            con.execute(f"insert into period_counts ({', '.join(PERIOD_COLUMNS)}) "
                        f"select {', '.join(PERIOD_COLUMNS)} from _w4_period_counts")
        finally:
            con.unregister("_w4_period_counts")
    return len(df)


def ingest_report(con, path, **kwargs):
    """Ingest a report's events (trends.ingest.ingest_file, format 'report') and store its period counts, in one
    transaction: the events go to `events` once, the counts only to `period_counts`. Returns the IngestResult."""
    from ..ingest import ingest_file
    from ..store import transaction
    with transaction(con):
        result = ingest_file(con, path, format="report", **kwargs)
        if not result.skipped:
            store_period_counts(con, path, result.batch_id)
    return result
