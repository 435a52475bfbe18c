"""Read a file with DuckDB's own scanners into `_ingest_raw`: `_row` (1-based data row), the file's columns, and
`_bad_field`/`_bad_reason` for a value that cannot be an event field at all (a JSON object, a Parquet list).

Rows the scanner cannot parse (a CSV row with too many or too few fields, an unclosed quote, non-UTF-8 bytes, a
line that is not JSON) go to `_ingest_parse_rej` with their row number, the raw text (bytes shown as `\\xNN`), the
field when known and a reason. CSV and JSON are parsed once into a temp table (DuckDB spills it to disk when memory
runs short); Parquet and frames are scanned in place through a view.
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from pathlib import Path

import duckdb

from ..errors import InputFileError
from . import files
from .readers.common import ident, literal

#: longest CSV or JSON line read (bytes); a longer one is a rejected row
MAX_LINE = 16 << 20
PARSE_REJ = "_ingest_parse_rej"


@dataclass
class Scan:
    """What the scanner read: file kind, column names (file order), data rows read (good + unparseable)."""

    kind: str
    columns: list[str]
    rows_read: int


def scan_file(con, path: Path) -> Scan:
    """Create `_ingest_raw` and `_ingest_parse_rej` from `path`.

    Raises:
        InputFileError: the file is a directory, empty, not text or Parquet, has a repeated header name, or is
            Parquet that cannot be read (truncated).
    """
    files.check_path(path)
    kind = files.file_kind(path)
    _new_parse_rej(con)
    if kind == "parquet":
        return _scan_parquet(con, path)
    if kind == "csv":
        return _scan_csv(con, path)
    return _scan_json(con, path, kind)


def scan_arrow(con, table, file: str) -> Scan:
    """`_ingest_raw` over an Arrow table (an in-memory frame), rows numbered from 1."""
    _new_parse_rej(con)
    con.register("_ingest_arrow", table)
    cols = [c for c in table.column_names]
    bad = _nested_check(con, "_ingest_arrow", cols)
    con.execute(f"""create or replace temp view _ingest_raw as
                    select (row_number() over ())::bigint as _row, {bad}, {", ".join(ident(c) for c in cols) or "null as _none"}
                    from _ingest_arrow""").fetchall()
    return Scan("frame", cols, table.num_rows)


def _new_parse_rej(con) -> None:
    con.execute(f"""create or replace temp table {PARSE_REJ} (row_number bigint, raw_record varchar, field varchar,
                    reason varchar)""").fetchall()


def _nested_check(con, source: str, cols: list[str]) -> str:
    """`_bad_field, _bad_reason` expressions: the first column holding a list, struct or map value."""
    types = dict(con.execute(f"select column_name, column_type from (describe select * from {source})").fetchall())
    nested = [c for c in cols if any(t in str(types.get(c, "")) for t in ("[]", "STRUCT", "MAP", "UNION"))]
    if not nested:
        return "null::varchar as _bad_field, null::varchar as _bad_reason"
    field = " ".join(f"when {ident(c)} is not null then {literal(c)}" for c in nested)
    reason = " ".join(
        f"when {ident(c)} is not null then {literal('is a list or record (' + str(types[c]) + ')')}"
        f" || ', not a single value; flatten the column before ingesting'"
        for c in nested
    )
    return f"case {field} end as _bad_field, case {reason} end as _bad_reason"


# ---------------------------------------------------------------------------------------------------- parquet
def _scan_parquet(con, path: Path) -> Scan:
    src = f"read_parquet({literal(str(path))}, file_row_number = true)"
    try:
        cols = [
            r[0]
            for r in con.execute(f"select column_name from (describe select * from {src})").fetchall()
            if r[0] != "file_row_number"
        ]
        n = con.execute(f"select count(*) from read_parquet({literal(str(path))})").fetchall()[0][0]
    except duckdb.Error as e:
        raise InputFileError(
            f"{path}: cannot read it as Parquet ({_first_line(e)}); the file may be truncated or "
            "not Parquet: export or download it again"
        ) from None
    bad = _nested_check(con, src, cols)
    sel = ", ".join(ident(c) for c in cols)
    con.execute(f"""create or replace temp view _ingest_raw as
                    select file_row_number + 1 as _row, {bad}, {sel} from {src}""").fetchall()
    return Scan("parquet", cols, int(n))


def _first_line(e: Exception) -> str:
    return str(e).strip().splitlines()[0][:300]


# ---------------------------------------------------------------------------------------------------- csv
_REASONS = {
    "TOO MANY COLUMNS": "has {found} fields but the header has {want} (an unquoted comma or a stray quote?)",
    "MISSING COLUMNS": "has {found} fields but the header has {want} (a line cut short?)",
    "UNQUOTED VALUE": 'has a quoted field that is never closed (a missing closing "; the file may be cut short)',
    "LINE SIZE OVER MAXIMUM": "is longer than 16 MB; a missing closing quote?",
}


def _scan_csv(con, path: Path) -> Scan:
    sep = files.csv_delimiter(path)
    header = files.csv_header(path, sep)
    cols = "{" + ", ".join(f"{literal(h)}: 'VARCHAR'" for h in header) + "}"
    try:
        con.execute(f"""create or replace temp table _ingest_raw0 as
            select * from read_csv({literal(str(path))}, columns = {cols}, header = true, auto_detect = false,
                delim = {literal(sep)}, quote = '"', escape = '"', null_padding = false, strict_mode = true,
                store_rejects = true, rejects_table = '_ingest_csv_errors', rejects_scan = '_ingest_csv_scans',
                rejects_limit = 0, max_line_size = {MAX_LINE}, buffer_size = {4 * MAX_LINE})""").fetchall()
    except duckdb.Error as e:
        raise InputFileError(f"{path}: cannot read it as CSV ({_first_line(e)})") from None
    bad = _line_errors(con, path, header, sep)
    n_good = con.execute("select count(*) from _ingest_raw0").fetchall()[0][0]
    _numbered_view(con, "_ingest_raw0", header, bad)
    return Scan("csv", header, n_good + len(bad))


def _line_errors(con, path: Path, header: list[str], sep: str) -> list[int]:
    """Move the scanner's rejected lines to _ingest_parse_rej; returns their data row numbers (line - 1)."""
    rows = con.execute("""select line, arg_min(error_type, column_idx), arg_min(column_name, column_idx),
                                 min(line_byte_position)
                          from _ingest_csv_errors group by line order by line""").fetchall()
    con.execute("drop table if exists _ingest_csv_errors").fetchall()
    con.execute("drop table if exists _ingest_csv_scans").fetchall()
    out, recs = [], []
    with open(path, "rb") as fh:
        for line, etype, column, pos in rows:
            raw = files.decode(_line_at(fh, int(pos)))
            fields = next(csv.reader([raw], delimiter=sep), []) or [raw]
            names = header + [f"extra_{j}" for j in range(1, len(fields) - len(header) + 1)]
            record = json.dumps(dict(zip(names, fields)), ensure_ascii=False)
            etype = str(etype).upper()
            if "ENCODING" in etype or "UNICODE" in etype:
                col = column if column in header else next((h for h, v in zip(names, fields) if "\\x" in v), None)
                value = dict(zip(names, fields)).get(col, raw)
                reason = f"non-UTF-8 bytes in '{value}'; save the file as UTF-8 (the bytes are shown as \\xNN)"
                field = col
            else:
                reason = _REASONS.get(etype, f"cannot be read as CSV ({etype.lower()})")
                reason = reason.format(found=len(fields), want=len(header))
                field = None
            recs.append((int(line) - 1, record, field, reason))
            out.append(int(line) - 1)
    if recs:
        con.executemany(f"insert into {PARSE_REJ} values (?, ?, ?, ?)", recs)
    return out


def _line_at(fh, pos: int) -> bytes:
    """The line DuckDB's rejects table places at byte `pos` (1-based there: the line starts at pos - 1 when the byte
    before that is a line break or the file's start)."""
    start = max(pos - 2, 0)
    fh.seek(start)
    head = fh.read(2)
    if pos >= 1 and (pos - 1 == 0 or head[:1] in (b"\n", b"\r")):
        start = pos - 1
    else:
        start = pos
    fh.seek(start)
    return fh.readline(MAX_LINE + 1).rstrip(b"\r\n")


def _numbered_view(con, table: str, cols: list[str], bad_rows: list[int], select_cols: str | None = None) -> None:
    """`_ingest_raw` over `table` (in file order): row k of it gets the k-th data row number not taken by a
    rejected row."""
    sel = select_cols or ", ".join(f"t.{ident(c)}" for c in cols)
    nulls = "null::varchar as _bad_field, null::varchar as _bad_reason"
    if not bad_rows:
        con.execute(f"""create or replace temp view _ingest_raw as
                        select t.rowid + 1 as _row, {nulls}, {sel} from {table} t""").fetchall()
        return
    # for the i-th rejected row r_i (sorted), r_i - i good rows come before it; good row k is numbered k plus
    # the number of rejected rows whose gap is below k
    gaps = sorted(r - i for i, r in enumerate(sorted(bad_rows), start=1))
    con.execute("create or replace temp table _ingest_gaps (g bigint, n bigint)").fetchall()
    counts: dict[int, int] = {}
    for i, g in enumerate(gaps, start=1):
        counts[g] = i
    con.executemany("insert into _ingest_gaps values (?, ?)", list(counts.items()))
    con.execute(f"""create or replace temp view _ingest_raw as
                    select t.rowid + 1 + coalesce(g.n, 0) as _row, {nulls}, {sel}
                    from {table} t asof left join _ingest_gaps g on t.rowid + 1 > g.g""").fetchall()


# ---------------------------------------------------------------------------------------------------- json
def _scan_json(con, path: Path, kind: str) -> Scan:
    if kind == "json":
        try:
            con.execute(f"""create or replace temp table _ingest_json as
                            select (row_number() over ())::bigint as _row, json::varchar as j
                            from read_json_objects({literal(str(path))}, format = 'array')""").fetchall()
        except duckdb.Error as e:
            raise InputFileError(
                f"{path}: starts with '[' but is not a valid JSON array of records "
                f"({_first_line(e)}); fix the file or write one JSON object per line"
            ) from None
        lines_bad: list[int] = []
    else:
        con.execute(f"""create or replace temp table _ingest_lines as
            select line from read_csv({literal(str(path))}, columns = {{'line': 'VARCHAR'}}, header = false,
                auto_detect = false, delim = '\x1f', quote = '', escape = '', strict_mode = false,
                store_rejects = true, rejects_table = '_ingest_csv_errors', rejects_scan = '_ingest_csv_scans',
                rejects_limit = 0, max_line_size = {MAX_LINE}, buffer_size = {4 * MAX_LINE})""").fetchall()
        lines_bad = _json_line_errors(con, path)
        _numbered_view(con, "_ingest_lines", ["line"], lines_bad)
        con.execute("""create or replace temp table _ingest_json as
                       select _row, line as j from _ingest_raw where line is not null""").fetchall()
        bad = con.execute("""select _row, j from _ingest_json
                             where not json_valid(j) or json_type(j) <> 'OBJECT'""").fetchall()
        recs = []
        for row, text in bad:
            try:
                val = json.loads(text)
                reason = f"a JSON {type(val).__name__}, not an object with named fields"
            except json.JSONDecodeError as e:
                reason = f"not valid JSON ({e.msg} at column {e.colno})"
            recs.append((row, json.dumps({"line": text}, ensure_ascii=False), None, reason))
        if recs:
            con.executemany(f"insert into {PARSE_REJ} values (?, ?, ?, ?)", recs)
            con.execute("delete from _ingest_json where not json_valid(j) or json_type(j) <> 'OBJECT'").fetchall()
    if kind == "json":
        recs = con.execute("select _row, j from _ingest_json where json_type(j) <> 'OBJECT'").fetchall()
        if recs:
            con.executemany(
                f"insert into {PARSE_REJ} values (?, ?, ?, ?)",
                [(r, j, None, "an array element that is not an object with named fields") for r, j in recs],
            )
            con.execute("delete from _ingest_json where json_type(j) <> 'OBJECT'").fetchall()
    keys = [
        r[0]
        for r in con.execute("""select k from (select unnest(json_keys(j)) as k, _row from _ingest_json)
                                         group by k order by min(_row), k""").fetchall()
    ]
    n_good = con.execute("select count(*) from _ingest_json").fetchall()[0][0]
    n_bad = con.execute(f"select count(*) from {PARSE_REJ}").fetchall()[0][0]
    if n_good + n_bad == 0:
        raise InputFileError(f"{path}: no JSON records; nothing to ingest")
    paths = "[" + ", ".join(literal("$." + json.dumps(k)) for k in keys) + "]"
    if keys:
        names = "[" + ", ".join(literal(k) for k in keys) + "]"
        cols = ", ".join(f"v[{i}] as {ident(k)}" for i, k in enumerate(keys, start=1))
        con.execute(f"""create or replace temp table _ingest_raw_json as
            select _row, {names}[list_position(list_transform(t, lambda x: x in ('OBJECT', 'ARRAY')), true)] as _bad_field,
                   j, {cols}
            from (select _row, j, json_extract_string(j, {paths}) as v, json_type(j, {paths}) as t
                  from _ingest_json)""").fetchall()
        sel = ", ".join(ident(k) for k in keys)
        con.execute(f"""create or replace temp view _ingest_raw as
            select _row, _bad_field,
                   case when _bad_field is not null then 'is a JSON ' ||
                        lower(json_type(j, '$.' || to_json(_bad_field)::varchar)) ||
                        ', not a single value' end as _bad_reason, {sel}
            from _ingest_raw_json""").fetchall()
    else:
        con.execute("""create or replace temp view _ingest_raw as
                       select _row, null::varchar as _bad_field, null::varchar as _bad_reason from _ingest_json""")
    return Scan(kind if kind == "jsonl" else "json", keys, n_good + n_bad)


def _json_line_errors(con, path: Path) -> list[int]:
    """Lines the line reader rejected (non-UTF-8 bytes, a 0x1F byte) into _ingest_parse_rej; their line numbers."""
    rows = con.execute("""select line, arg_min(error_type, column_idx), min(line_byte_position)
                          from _ingest_csv_errors group by line order by line""").fetchall()
    con.execute("drop table if exists _ingest_csv_errors").fetchall()
    con.execute("drop table if exists _ingest_csv_scans").fetchall()
    recs = []
    with open(path, "rb") as fh:
        for line, etype, pos in rows:
            text = files.decode(_line_at(fh, int(pos)))
            etype = str(etype).upper()
            reason = (
                "non-UTF-8 bytes in the line; save the file as UTF-8 (the bytes are shown as \\xNN)"
                if "ENCODING" in etype or "UNICODE" in etype
                else "not valid JSON (a control character)"
            )
            recs.append((int(line), json.dumps({"line": text}, ensure_ascii=False), None, reason))
    if recs:
        con.executemany(f"insert into {PARSE_REJ} values (?, ?, ?, ?)", recs)
    return [r[0] for r in recs]
