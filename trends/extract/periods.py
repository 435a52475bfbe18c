"""Period counts as rows: a report's 'N attacks between A and B' statements as rows of the `period_counts` table
(storing them is trends.ingest.periods.store_period_counts: extract only turns text into rows)."""

from __future__ import annotations

import hashlib

from .parse import Extraction

#: columns of the period_counts table that a frame supplies (stored_at is filled by the database)
PERIOD_COLUMNS = [
    "period_id",
    "report",
    "file",
    "batch_id",
    "actor",
    "counterpart",
    "country",
    "province",
    "period_start",
    "period_end",
    "n_events",
    "event_type",
    "evidence_sentence",
    "evidence_start",
    "evidence_end",
    "source",
]
ATTR = "period_counts"  # key in DataFrame.attrs of the frame read_report_events returns


def period_id(report: str, sentence: str) -> str:
    """Stable across re-extraction: the report name plus the whitespace-normalised sentence."""
    h = hashlib.sha1(f"{report}\x1f{' '.join(sentence.split())}".encode()).hexdigest()[:16]
    return f"period:{report}:{h}"


def period_records(res: Extraction, report: str, file: str | None = None) -> list[dict]:
    """The period counts of one extraction as rows of the period_counts table (batch_id left empty)."""
    # one sentence can state several counts ('17 times between ..., and 16 times between ...')
    return [
        {
            "period_id": period_id(report, f"{p.evidence['sentence']}\x1f{p.count}\x1f{p.period_start}"),
            "report": report,
            "file": file,
            "batch_id": None,
            "actor": p.actor,
            "counterpart": p.target,
            "country": p.country,
            "province": p.province,
            "period_start": p.period_start,
            "period_end": p.period_end,
            "n_events": p.count,
            "event_type": None,
            "evidence_sentence": p.evidence["sentence"],
            "evidence_start": p.evidence["start"],
            "evidence_end": p.evidence["end"],
            "source": p.source,
        }
        for p in res.periods
    ]
