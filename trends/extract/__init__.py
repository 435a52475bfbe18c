"""Events from weekly report text (ITIC 'Spotlight on Global Jihad', CTP 'Salafi-Jihadi Movement Update' and plain
prose): `extract_report` gives events and period counts, `read_report_events` the frame `trends ingest --format
report` loads, trends.ingest.store_period_counts writes the period counts to their own table (never to events)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..errors import InputFileError, UsageError
from .counts import PERIOD_KEYS
from .parse import Extraction, PeriodCount, extract
from .periods import ATTR as _PERIODS_ATTR
from .periods import period_id, period_records
from .segment import read_report

__all__ = [
    "extract_report",
    "filter_confidence",
    "read_report_events",
    "events_frame",
    "periods_frame",
    "period_records",
    "period_id",
    "Extraction",
    "PeriodCount",
    "EVENT_COLUMNS",
    "FORMATS",
]

FORMATS = ("auto", "itic", "ctp", "text", "press")
#: event columns of the store, in the JSONL order
EVENT_COLUMNS = [
    "event_id",
    "event_date",
    "date_precision",
    "actor",
    "actor_raw",
    "counterpart",
    "country",
    "province",
    "province_raw",
    "location",
    "event_type",
    "fatalities",
    "fatalities_low",
    "fatalities_high",
    "wounded",
    "attribution",
    "source",
    "source_date",
]


def extract_report(
    path,
    *,
    format: str = "auto",
    year: int | None = None,  # noqa: A002
    published=None,
) -> Extraction:
    """Read a report file (.txt, .md, .html) and extract its events and period counts.

    Press analyses and pasted news articles (`format="press"`, or auto-detected from "Source link" lines, digest
    titles, "Published ..." lines or datelines, or whenever `published` is given) go to `press.extract_press`:
    one publication date per article, relative dates resolved against it (see docs/extraction-press.md).

    Raises InputFileError for an empty, binary or undated report (the message names the file)."""
    if format not in FORMATS:
        raise UsageError(f"unknown report format {format!r}; choose from {', '.join(FORMATS)}")
    path = Path(path)
    text = read_report(path)
    from .press import extract_press, looks_like_press

    if format == "press" or published is not None or (format == "auto" and looks_like_press(text)):
        import datetime as _dt

        pub = _dt.date.fromisoformat(str(published)) if published is not None else None
        return extract_press(text, name=path.stem, published=pub)
    from .dates import find_dates

    if not find_dates(text):
        raise InputFileError(
            f"{path}: no dates found in the report text, so no event can be dated; "
            "is this a weekly report (expected dates such as 'On November 30, 2019')?"
        )
    fmt = "ctp" if format == "text" else format
    res = extract(text, name=path.stem, fmt=fmt, year=year)
    if res.period.reference is None and year is None and any(sk.reason == "date without a year" for sk in res.skipped):
        raise InputFileError(
            f"{path}: dates without a year and no report date, period or data cutoff to take it from; pass --year YYYY"
        )
    return res


CONFIDENCE = ("low", "medium", "high")


def filter_confidence(events: list[dict], minimum: str = "low") -> list[dict]:
    """The events whose `confidence` is at least `minimum` (low < medium < high)."""
    if minimum not in CONFIDENCE:
        raise UsageError(f"unknown confidence {minimum!r}; choose from {', '.join(CONFIDENCE)}")
    k = CONFIDENCE.index(minimum)
    return [e for e in events if CONFIDENCE.index(e.get("confidence", "high")) >= k]


def events_frame(res: Extraction) -> pd.DataFrame:
    """Events as a frame with the store's columns, plus evidence_sentence/evidence_start/evidence_end."""
    rows = []
    for ev in res.events:
        r = {c: ev.get(c) for c in EVENT_COLUMNS}
        r["casualties_note"] = ev.get("casualties_note")
        r["evidence_sentence"] = ev["evidence"]["sentence"]
        r["evidence_start"] = ev["evidence"]["start"]
        r["evidence_end"] = ev["evidence"]["end"]
        rows.append(r)
    cols = EVENT_COLUMNS + ["casualties_note", "evidence_sentence", "evidence_start", "evidence_end"]
    df = pd.DataFrame(rows, columns=cols)
    df["event_date"] = pd.to_datetime(df["event_date"]).dt.date
    df["source_date"] = pd.to_datetime(df["source_date"]).dt.date
    for c in ("fatalities", "fatalities_low", "fatalities_high", "wounded", "evidence_start", "evidence_end"):
        df[c] = df[c].astype("Int64")
    return df


def periods_frame(res: Extraction) -> pd.DataFrame:
    """Period counts ('17 attacks between September 6 and 13') as a frame; never mixed into events."""
    cols = [k for k in PERIOD_KEYS if k != "evidence"] + [
        "evidence_sentence",
        "evidence_start",
        "evidence_end",
        "source",
    ]
    return pd.DataFrame(
        [
            [getattr(p, k) for k in PERIOD_KEYS if k != "evidence"]
            + [p.evidence["sentence"], p.evidence["start"], p.evidence["end"], p.source]
            for p in res.periods
        ],
        columns=cols,
    )


def read_report_events(
    path,
    *,
    format: str = "auto",
    year: int | None = None,  # noqa: A002
    published=None,
) -> pd.DataFrame:
    """The events of one report as a frame with canonical event columns and a stable event_id (for ingest).

    The report's period counts ride along in `frame.attrs["period_counts"]` (rows of the period_counts table) so
    that `store_period_counts(con, frame, batch_id)` stores them without extracting the report again."""
    res = extract_report(path, format=format, year=year, published=published)
    frame = events_frame(res)
    frame.attrs[_PERIODS_ATTR] = period_records(res, Path(path).stem, str(path))
    return frame
