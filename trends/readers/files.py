"""Read one input file (CSV, JSON Lines or Parquet) into a raw frame, keeping every row it contains.

Rows that cannot even be parsed (non-UTF-8 bytes, a line that is not JSON, a CSV row with too many fields) are not
dropped: they come back as rejections with their 1-based row number and the raw text, bytes escaped as `\\xNN`.
"""
from __future__ import annotations

import codecs
import csv
import io
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ..errors import InputFileError

# Undecodable bytes 0x80-0xFF become private-use characters U+F780-U+F7FF, so the fast C parser can still read
# the file and the affected rows can be found and rejected afterwards with their bytes shown.
_PUA_BASE = 0xF700
_PUA_RE = re.compile("[\uf780-\uf7ff]")


def _pua_handler(err: UnicodeDecodeError):
    return "".join(chr(_PUA_BASE + b) for b in err.object[err.start:err.end]), err.end


codecs.register_error("trends-pua", _pua_handler)


def escape_bytes(text: str) -> str:
    """Show the private-use stand-ins of undecodable bytes as `\\xNN` again."""
    return _PUA_RE.sub(lambda m: f"\\x{ord(m.group()) - _PUA_BASE:02x}", text)


@dataclass
class RawTable:
    """A file's rows as read. `frame` has one row per parsed data row and a 1-based `_row` column; `bad`
    lists rows that could not be parsed at all as dicts (row, raw, field, reason)."""

    path: str
    kind: str                      # csv | jsonl | parquet | frame
    frame: pd.DataFrame
    bad: list[dict] = field(default_factory=list)

    @property
    def rows_read(self) -> int:
        return len(self.frame) + len(self.bad)


def file_kind(path: Path) -> str:
    """csv | jsonl | parquet, from the extension, else from the first bytes."""
    ext = path.suffix.lower()
    if ext in (".parquet", ".pq"):
        return "parquet"
    if ext in (".jsonl", ".ndjson", ".json"):
        return "jsonl"
    if ext in (".csv", ".tsv", ".txt"):
        return "csv"
    with open(path, "rb") as fh:
        head = fh.read(64)
    if head.startswith(b"PAR1"):
        return "parquet"
    return "jsonl" if head.lstrip().startswith(b"{") else "csv"


def read_file(path) -> RawTable:
    """Read `path` into a RawTable.

    Raises:
        InputFileError: the file does not exist, is empty, or cannot be parsed at all (e.g. truncated Parquet).
    """
    path = Path(path)
    if not path.is_file():
        raise InputFileError(f"{path}: no such file")
    if path.stat().st_size == 0:
        raise InputFileError(f"{path}: the file is empty (0 bytes); nothing to ingest")
    kind = file_kind(path)
    if kind == "parquet":
        return RawTable(str(path), kind, _read_parquet(path))
    data = path.read_bytes()
    if not data.strip():
        raise InputFileError(f"{path}: the file holds only whitespace; nothing to ingest")
    text = data.decode("utf-8-sig", errors="trends-pua")
    has_bad_bytes = _PUA_RE.search(text) is not None
    if kind == "jsonl":
        table = _read_jsonl(path, text)
    else:
        table = _read_csv(path, text)
    if has_bad_bytes:
        _reject_bad_bytes(table)
    return table


def _read_parquet(path: Path) -> pd.DataFrame:
    import pyarrow.parquet as pq
    try:
        table = pq.read_table(path)
    except Exception as e:  # pyarrow raises ArrowInvalid/OSError with varied messages for damaged files
        raise InputFileError(f"{path}: cannot read it as Parquet ({e}); the file may be truncated or not Parquet: "
                             "export or download it again") from None
    # Low-cardinality text (actor, country, province...) as categoricals: normalisation then works per
    # distinct value and 10M rows fit in memory.
    df = table.to_pandas(strings_to_categorical=True, split_blocks=True, self_destruct=True)
    df.insert(0, "_row", range(1, len(df) + 1))
    return df


def _read_csv(path: Path, text: str) -> RawTable:
    sep = "\t" if path.suffix.lower() == ".tsv" else ","
    try:
        df = pd.read_csv(io.StringIO(text), sep=sep, dtype=str, keep_default_na=False, na_values=[""],
                         skipinitialspace=False, engine="c")
    except pd.errors.EmptyDataError:
        raise InputFileError(f"{path}: no header line; nothing to ingest") from None
    except pd.errors.ParserError:
        return _read_csv_slow(path, text, sep)
    df.columns = [str(c).strip() for c in df.columns]
    df.insert(0, "_row", range(1, len(df) + 1))
    return RawTable(str(path), "csv", df)


def _read_csv_slow(path: Path, text: str, sep: str) -> RawTable:
    """Row-by-row reading for a CSV whose rows do not all match the header: the odd rows become rejections."""
    reader = csv.reader(io.StringIO(text), delimiter=sep)
    header = [h.strip() for h in next(reader)]
    good, rows, bad = [], [], []
    for i, rec in enumerate(reader, start=1):
        if not rec:
            continue
        if len(rec) > len(header):
            bad.append({"row": i, "raw": json.dumps({h: escape_bytes(v) for h, v in zip(header + [f"extra_{j}" for j in range(
                            len(rec) - len(header))], rec)}, ensure_ascii=False),
                        "field": None,
                        "reason": f"has {len(rec)} fields but the header has {len(header)} "
                                  "(an unquoted comma or a stray quote?)"})
            continue
        good.append(rec + [None] * (len(header) - len(rec)))
        rows.append(i)
    df = pd.DataFrame(good, columns=header, dtype=object).replace("", None)
    df.insert(0, "_row", rows)
    return RawTable(str(path), "csv", df, bad)


def _read_jsonl(path: Path, text: str) -> RawTable:
    lines = text.splitlines()
    records, rows, bad = [], [], []
    for i, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as e:
            bad.append({"row": i, "raw": json.dumps({"line": escape_bytes(line)}, ensure_ascii=False),
                        "field": None, "reason": f"not valid JSON ({e.msg} at column {e.colno})"})
            continue
        if not isinstance(rec, dict):
            bad.append({"row": i, "raw": json.dumps({"line": escape_bytes(line)}, ensure_ascii=False),
                        "field": None, "reason": f"a JSON {type(rec).__name__}, not an object with named fields"})
            continue
        records.append(rec)
        rows.append(i)
    if not records and not bad:
        raise InputFileError(f"{path}: no JSON records; nothing to ingest")
    df = pd.DataFrame.from_records(records) if records else pd.DataFrame()
    df = df.astype(object).where(df.notna(), None) if len(df) else df
    df.insert(0, "_row", rows)
    return RawTable(str(path), "jsonl", df, bad)


def _reject_bad_bytes(table: RawTable) -> None:
    """Move rows holding undecodable bytes from the frame to `bad`, naming the first field with them."""
    df = table.frame
    hit = pd.Series(False, index=df.index)
    first_field = pd.Series(None, index=df.index, dtype=object)
    for col in df.columns:
        if col == "_row" or df[col].dtype != object:
            continue
        m = df[col].astype("string").str.contains(_PUA_RE.pattern, regex=True, na=False).to_numpy(dtype=bool)
        first_field[m & ~hit.to_numpy()] = col
        hit |= m
    if not hit.any():
        return
    for idx in df.index[hit.to_numpy()]:
        rec = df.loc[idx].drop("_row")
        raw = {k: (None if pd.isna(v) else escape_bytes(v) if isinstance(v, str) else v) for k, v in rec.items()}
        col = first_field[idx]
        table.bad.append({
            "row": int(df.at[idx, "_row"]),
            "raw": json.dumps(raw, ensure_ascii=False, default=str),
            "field": col,
            "reason": f"non-UTF-8 bytes in {escape_bytes(str(df.at[idx, col]))!r}; save the file as UTF-8 "
                      "(the bytes are shown as \\xNN)"})
    table.frame = df.loc[~hit.to_numpy()]
