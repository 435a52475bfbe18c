"""Input formats: detect a file's format from its header and map its rows onto the canonical event columns.

Each format module (events, ucdp, acled, gtd) defines NAME, DATASET, REQUIRED (columns that identify the format and
must be present), COLUMNS (what it reads) and `canonical(sql) -> (expressions, rejects)`: one SQL expression per
canonical column over the raw batch, and the format's own rules as (condition, field, reason) SQL. Values are still
raw text, checked and typed later by trends.ingest.checks.
"""

from __future__ import annotations

import re

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


#: canonical columns that name who and where (resolved per distinct value by trends.ingest.names)
NAME_COLUMNS = ["actor", "allies", "counterpart_groups", "country", "province"]
_RAW_REF = re.compile(r'\br\.("(?:[^"]|"")*")')
_MAP_REF = re.compile(r"\bm_\w+(?=\.)")


def canonical_view(con, fmt: str, columns: list[str], names: Names) -> dict[str, str]:
    """Create temp view `_ingest_canon` over `_ingest_raw`: the canonical columns of format `fmt` as text (allies and
    counterpart_groups as lists of raw group names), `_row`, `_nk` (the row's combination of raw name values),
    `_names_hash`, `_date_breaks`, `_date_nks`, `_date_hashes` (null here; trends.ingest.names fills them: the
    hash of the names for the record hash, and the combinations of names resolved by date) and
    `_fmt_field`/`_fmt_reason` for rows a format rule rejects (the first failing rule).

    A date, count or coordinate column that is a file column as it is, already typed (a Parquet DATE or
    TIMESTAMP, an integer or DOUBLE; see TYPED), stays in its type instead of becoming text: the checks then test
    it as a value (trends.ingest.checks), with the same results and messages as for its text. Returns those
    columns: canonical column -> 'date' or 'number'.

    Per distinct value: the raw columns the name columns (NAME_COLUMNS) and the format's maps read are collected
    once into `_ingest_names_raw` (`_nk`, those columns, and as `_c_<name>` every canonical column computed from
    them alone), the
    maps run over that table, and each row of the file is joined to it once on the raw values; so trims, casts and
    maps of names run a few thousand times, not once per row."""
    types = {
        str(n): str(t)
        for n, t in con.execute("select column_name, column_type from (describe select * from _ingest_raw)").fetchall()
    }
    q = Sql(con, columns, names, types)
    exprs, rejects = FORMATS[fmt].canonical(q)
    typed = {}
    for c in CANONICAL:
        e = exprs.get(c, "null")
        typed[c] = f"({e})::varchar[]" if c in ("allies", "counterpart_groups") else f"({e})::varchar"
    kinds = _typed_columns(types, exprs)
    for c in kinds:
        typed[c] = "r." + _PLAIN.fullmatch(exprs[c]).group(1)  # type: ignore[union-attr]
    raw = sorted({m for c in NAME_COLUMNS for m in _RAW_REF.findall(typed[c])} | _refs(q.key_sql()))
    con.execute(f"""create or replace temp table _ingest_names_raw as
                    select (row_number() over ())::integer as _nk, *
                    from (select distinct {", ".join(f"r.{c}" for c in raw) or "null as _none"} from _ingest_raw r)
                 """).fetchall()
    q.run_maps("_ingest_names_raw")
    # a column is computed per name combination when it reads raw name columns (or maps) and nothing else
    pre = [
        c
        for c in CANONICAL
        if c in NAME_COLUMNS or ((_refs([typed[c]]) or _MAP_REF.search(typed[c])) and _refs([typed[c]]) <= set(raw))
    ]
    con.execute(f"""create or replace temp table _ingest_names_raw as
                    select r.*, {", ".join(f"{typed[c]} as _c_{c}" for c in pre)},
                           null::ubigint as _names_hash, null::date[] as _date_breaks,
                           null::integer[] as _date_nks, null::ubigint[] as _date_hashes
                    from _ingest_names_raw r {" ".join(q.joins)}""").fetchall()
    field = " ".join(f"when {cond} then '{f}'" for cond, f, _ in rejects)
    reason = " ".join(f"when {cond} then {why}" for cond, _, why in rejects)
    sel = [f"k._c_{c} as {c}" if c in pre else f"{typed[c]} as {c}" for c in CANONICAL]
    sel.append(f"case {field} end as _fmt_field" if rejects else "null::varchar as _fmt_field")
    sel.append(f"case {reason} end as _fmt_reason" if rejects else "null::varchar as _fmt_reason")
    per_row = " ".join([typed[c] for c in CANONICAL if c not in pre] + [x for r in rejects for x in (r[0], r[2])])
    joins = [j for (_, alias, _, _, _), j in zip(q.maps, q.joins) if re.search(rf"\b{alias}\.", per_row)]
    match = " and ".join(f"k.{c} is not distinct from r.{c}" for c in raw) or "true"
    con.execute(
        "create or replace temp view _ingest_canon as select r._row, r._bad_field, r._bad_reason, k._nk, "
        f"k._names_hash, k._date_breaks, k._date_nks, k._date_hashes, "
        f"{', '.join(sel)} from _ingest_raw r left join _ingest_names_raw k on {match} {' '.join(joins)}"
    ).fetchall()
    return kinds


#: canonical column -> what it is when typed, and the DuckDB types it keeps ('date': DATE and TIMESTAMP, whose
#: text in years 1..9999 is read as the date itself; 'number': integers up to BIGINT and DOUBLE, whose text reads
#: back as the same double. FLOAT, DECIMAL, HUGEINT, UBIGINT and time-zoned or other timestamps stay text.)
TYPED = {
    **{c: "date" for c in ("event_date", "source_date")},
    **{c: "number" for c in ("fatalities", "fatalities_low", "fatalities_high", "wounded", "latitude", "longitude")},
}
_TYPES = {
    "date": {"DATE", "TIMESTAMP"},
    "number": {"TINYINT", "SMALLINT", "INTEGER", "BIGINT", "UTINYINT", "USMALLINT", "UINTEGER", "DOUBLE"},
}
#: a reader's expression for a file column taken as it is (Sql.col of a column that is not text)
_PLAIN = re.compile(r"""nullif\(trim\(r\.("(?:[^"]|"")*")::varchar\), ''\)""")


def _typed_columns(types: dict[str, str], exprs: dict[str, str]) -> dict[str, str]:
    """The TYPED canonical columns whose expression is a file column (`types`: name -> DuckDB type) of one of the
    types their kind keeps."""
    out = {}
    for c, kind in TYPED.items():
        m = _PLAIN.fullmatch(exprs.get(c, ""))
        if m and str(types.get(m.group(1)[1:-1].replace('""', '"'))) in _TYPES[kind]:
            out[c] = kind
    return out


def _refs(sql: list[str]) -> set[str]:
    """The raw columns (quoted identifiers after `r.`) the SQL expressions read."""
    return {m for e in sql for m in _RAW_REF.findall(e)}


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
