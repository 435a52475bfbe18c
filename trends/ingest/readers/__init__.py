"""Input formats: detect a file's format from its header and map its rows onto the canonical event columns.

Each format module (events, ucdp, acled, gtd) defines NAME, DATASET, REQUIRED (columns that identify the format and
must be present), COLUMNS (what it reads) and `canonical(sql) -> (expressions, rejects)`: one SQL expression per
canonical column over the raw batch, and the format's own rules as (condition, field, reason) SQL. Values are still
raw text, checked and typed later by trends.ingest.checks.
"""

from __future__ import annotations

from ...errors import InputFileError, UnknownFormatError
from . import acled, events, gtd, ucdp
from .common import Names, Sql, pick_side, sides

#: format name -> module, in the order auto-detection tries them (specific formats before the generic one).
FORMATS = {"ucdp": ucdp, "acled": acled, "gtd": gtd, "events": events}

#: canonical columns every reader gives; `allies` and `counterpart_groups` are lists of raw group names.
CANONICAL = [
    "event_id",
    "event_date",
    "date_precision",
    "actor",
    "allies",
    "counterpart",
    "counterpart_groups",
    "country",
    "province",
    "location",
    "latitude",
    "longitude",
    "event_type",
    "fatalities",
    "fatalities_low",
    "fatalities_high",
    "wounded",
    "attribution",
    "source",
    "source_date",
    "source_url",
]


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
        return (
            f"{file}: missing required column{'s' if len(missing) > 1 else ''} {', '.join(missing)} for "
            f"format {fmt!r} (it needs {', '.join(FORMATS[fmt].REQUIRED)}); found: {found}"
        )
    ranked = sorted(FORMATS.items(), key=lambda kv: sum(c not in cols for c in kv[1].REQUIRED))
    lines = [f"{file}: the header matches no known format; found columns: {found}"]
    for name, mod in ranked:
        missing = [c for c in mod.REQUIRED if c not in cols]
        lines.append(f"  {name:<7} needs {', '.join(mod.REQUIRED)} (missing: {', '.join(missing)})")
    lines.append("Rename the columns, or pass --format to say which format the file is in.")
    return "\n".join(lines)


def canonical_view(con, fmt: str, columns: list[str], names: Names) -> list[str]:
    """Create temp view `_ingest_canon` over `_ingest_raw`: the canonical columns of format `fmt` as text (allies and
    counterpart_groups as lists of raw group names), `_row`, and `_fmt_field`/`_fmt_reason` for rows a format rule
    rejects (the first failing rule). Returns the temp tables of the maps it joined (drop them afterwards)."""
    q = Sql(con, columns, names)
    exprs, rejects = FORMATS[fmt].canonical(q)
    sel = []
    for c in CANONICAL:
        e = exprs.get(c, "null")
        sel.append(f"({e})::varchar[] as {c}" if c in ("allies", "counterpart_groups") else f"({e})::varchar as {c}")
    field = " ".join(f"when {cond} then '{f}'" for cond, f, _ in rejects)
    reason = " ".join(f"when {cond} then {why}" for cond, _, why in rejects)
    sel.append(f"case {field} end as _fmt_field" if rejects else "null::varchar as _fmt_field")
    sel.append(f"case {reason} end as _fmt_reason" if rejects else "null::varchar as _fmt_reason")
    con.execute(
        f"create or replace temp view _ingest_canon as select r._row, r._bad_field, r._bad_reason, "
        f"{', '.join(sel)} from _ingest_raw r {' '.join(q.joins)}"
    ).fetchall()
    return q.tables


__all__ = [
    "FORMATS",
    "CANONICAL",
    "Names",
    "detect_format",
    "check_columns",
    "canonical_view",
    "sides",
    "pick_side",
    "InputFileError",
]
