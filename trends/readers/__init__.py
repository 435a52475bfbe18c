"""Input formats: detect a file's format from its header and map its rows onto the canonical event columns.

Each format module (events, ucdp, acled, gtd) defines NAME, DATASET, REQUIRED (columns that identify the format and
must be present), COLUMNS (what it reads) and `to_canonical(raw, names) -> frame`. The canonical frame
has the columns in `CANONICAL`; values are still raw text or numbers, checked and typed later by trends.ingest.
"""
from __future__ import annotations

import pandas as pd

from ..errors import InputFileError, UnknownFormatError
from . import acled, events, gtd, ucdp
from .common import SEP, Names, pick_side, sides

#: format name -> module, in the order auto-detection tries them (specific formats before the generic one).
FORMATS = {"ucdp": ucdp, "acled": acled, "gtd": gtd, "events": events}

#: columns of the frame every reader returns; `allies` and `counterpart_groups` hold raw group names joined by SEP.
CANONICAL = ["_row", "event_id", "event_date", "date_precision", "actor", "allies", "counterpart",
             "counterpart_groups", "country", "province", "location", "latitude", "longitude", "event_type",
             "fatalities", "fatalities_low", "fatalities_high", "wounded", "attribution", "source", "source_date",
             "source_url"]


def detect_format(columns, file: str) -> str:
    """The first format whose required columns are all in `columns`.

    Raises:
        UnknownFormatError: none matches; the message lists what each format needs and what the file has.
    """
    cols = {str(c).strip() for c in columns}
    for name, mod in FORMATS.items():
        if all(c in cols for c in mod.REQUIRED):
            return name
    raise UnknownFormatError(_format_message(cols, file, None))


def check_columns(columns, fmt: str, file: str) -> None:
    """Raise InputFileError naming the missing required column(s) of `fmt` in `file`."""
    if fmt not in FORMATS:
        raise UnknownFormatError(f"unknown format {fmt!r}; choose from auto, {', '.join(FORMATS)}, report")
    cols = {str(c).strip() for c in columns}
    missing = [c for c in FORMATS[fmt].REQUIRED if c not in cols]
    if missing:
        raise InputFileError(_format_message(cols, file, fmt))


def _format_message(cols: set, file: str, fmt: str | None) -> str:
    found = ", ".join(sorted(c for c in cols if c != "_row")[:40]) or "(no columns)"
    if fmt is not None:
        missing = [c for c in FORMATS[fmt].REQUIRED if c not in cols]
        return (f"{file}: missing required column{'s' if len(missing) > 1 else ''} {', '.join(missing)} for "
                f"format {fmt!r} (it needs {', '.join(FORMATS[fmt].REQUIRED)}); found: {found}")
    ranked = sorted(FORMATS.items(), key=lambda kv: sum(c not in cols for c in kv[1].REQUIRED))
    lines = [f"{file}: the header matches no known format; found columns: {found}"]
    for name, mod in ranked:
        missing = [c for c in mod.REQUIRED if c not in cols]
        lines.append(f"  {name:<7} needs {', '.join(mod.REQUIRED)} (missing: {', '.join(missing)})")
    lines.append("Rename the columns, or pass --format to say which format the file is in.")
    return "\n".join(lines)


def to_canonical(raw: pd.DataFrame, fmt: str, names: Names) -> pd.DataFrame:
    """Map a raw frame of format `fmt` to the canonical columns, plus `_field`/`_reason` for rows that a
    format-specific rule already rejects (None when the row is fine so far)."""
    frame = FORMATS[fmt].to_canonical(raw, names)
    for c in CANONICAL + ["_field", "_reason"]:
        if c not in frame.columns:
            frame[c] = None
    return frame[CANONICAL + ["_field", "_reason"]]


__all__ = ["FORMATS", "CANONICAL", "SEP", "Names", "detect_format", "check_columns", "to_canonical", "sides",
           "pick_side", "InputFileError"]
