"""Read one input file (CSV, JSON Lines or Parquet) into raw frames, keeping every row it contains.

`iter_file` streams a file in chunks of at most CHUNK_ROWS rows (Parquet by record batch, CSV by pandas chunks,
JSON Lines by lines), so ingest memory does not grow with the file; `read_file` reads it whole.
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
from typing import Iterator

import pandas as pd

from ..errors import InputFileError

# Undecodable bytes 0x80-0xFF become private-use characters U+F780-U+F7FF, so the fast C parser can still read
# the file and the affected rows can be found and rejected afterwards with their bytes shown.
_PUA_BASE = 0xF700
_PUA_RE = re.compile("[\uf780-\uf7ff]")


_PUA_SEEN = [0]  # how many times the handler ran: a streaming reader checks chunks for bad bytes only after one


#: rows per chunk when streaming a file (a few hundred MB of pandas at most).
CHUNK_ROWS = 500_000


class CsvLayoutError(Exception):
    """Internal: a CSV row does not match the header; the caller re-reads the file with the row-by-row reader."""


def _pua_handler(err: UnicodeDecodeError):
    _PUA_SEEN[0] += 1
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
    """Read `path` whole into one RawTable (ingest streams with `iter_file` instead).

    Raises:
        InputFileError: the file does not exist, is empty, or cannot be parsed at all (e.g. truncated Parquet).
    """
    try:
        chunks = list(iter_file(path, 1 << 62))
    except CsvLayoutError:
        chunks = list(iter_file(path, 1 << 62, slow_csv=True))
    frame = pd.concat([c.frame for c in chunks], ignore_index=True) if len(chunks) > 1 else chunks[0].frame
    return RawTable(str(path), chunks[0].kind, frame, [b for c in chunks for b in c.bad])


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


# ---------------------------------------------------------------------------------------------------- streaming
def iter_file(path, chunk_rows: int = CHUNK_ROWS, *, slow_csv: bool = False) -> Iterator[RawTable]:
    """Read `path` in chunks of at most `chunk_rows` rows; `_row` numbers are file-wide (1-based data rows).

    Always yields at least one chunk (a header-only file gives one empty frame with the header's columns).

    Raises:
        InputFileError: the file does not exist, is empty, or cannot be parsed at all (e.g. truncated Parquet).
        CsvLayoutError: a CSV row has more fields than the header (only when not `slow_csv`); read it again with
            `slow_csv=True`, which rejects such rows one by one.
    """
    path = Path(path)
    if not path.is_file():
        raise InputFileError(f"{path}: no such file")
    if path.stat().st_size == 0:
        raise InputFileError(f"{path}: the file is empty (0 bytes); nothing to ingest")
    kind = file_kind(path)
    if kind == "parquet":
        yield from _iter_parquet(path, chunk_rows)
        return
    if _only_whitespace(path):
        raise InputFileError(f"{path}: the file holds only whitespace; nothing to ingest")
    with open(path, "rb") as raw:
        fh = io.TextIOWrapper(raw, encoding="utf-8-sig", errors="trends-pua", newline="")
        seen = _PUA_SEEN[0]
        if kind == "jsonl":
            chunks = _iter_jsonl(path, fh, chunk_rows)
        elif slow_csv:
            chunks = _iter_csv_slow(path, fh, chunk_rows)
        else:
            chunks = _iter_csv(path, fh, chunk_rows)
        for table in chunks:
            if _PUA_SEEN[0] != seen:  # sticky: once bad bytes were decoded, check every later chunk for them
                _reject_bad_bytes(table)
            yield table


def _only_whitespace(path: Path) -> bool:
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 16), b""):
            if block.strip():
                return False
    return True


def _iter_parquet(path: Path, chunk_rows: int) -> Iterator[RawTable]:
    import pyarrow as pa
    import pyarrow.parquet as pq

    def damaged(e):
        return InputFileError(f"{path}: cannot read it as Parquet ({e}); the file may be truncated or not Parquet: "
                              "export or download it again")
    try:
        pf = pq.ParquetFile(path)
        batches = pf.iter_batches(batch_size=chunk_rows)
    except Exception as e:  # pyarrow raises ArrowInvalid/OSError with varied messages for damaged files
        raise damaged(e) from None
    start, any_rows = 1, False
    while True:
        try:
            batch = next(batches, None)
        except Exception as e:  # noqa: BLE001 - a damaged row group in the middle of the file
            raise damaged(e) from None
        if batch is None:
            break
        # Low-cardinality text (actor, country, province...) as categoricals: normalisation works per distinct value
        df = pa.Table.from_batches([batch]).to_pandas(strings_to_categorical=True, split_blocks=True,
                                                      self_destruct=True)
        del batch
        df.insert(0, "_row", range(start, start + len(df)))
        start += len(df)
        any_rows = True
        yield RawTable(str(path), "parquet", df)
    if not any_rows:
        df = pf.schema_arrow.empty_table().to_pandas()
        df.insert(0, "_row", pd.Series(dtype="int64"))
        yield RawTable(str(path), "parquet", df)


_EXTRA = "\x00extra"  # sentinel column: holds a value only in rows with more fields than the header


def _iter_csv(path: Path, fh, chunk_rows: int) -> Iterator[RawTable]:
    """pandas' C parser in chunks. It raises on a row with too many fields, except when that row starts a chunk
    (pandas then drops the extra fields silently), so the header gets one sentinel column more: a value there (even
    "") means the row is too long and the file is read again row by row (CsvLayoutError)."""
    sep = "\t" if path.suffix.lower() == ".tsv" else ","
    header = _header(path, sep)
    if header is None:
        raise InputFileError(f"{path}: no header line; nothing to ingest")
    names = header + [_EXTRA]
    fh.readline()  # the header line (a header with quoted line breaks is not supported)
    reader = pd.read_csv(fh, sep=sep, header=None, names=names, dtype=str, keep_default_na=False,
                         na_values={h: [""] for h in header}, skipinitialspace=False, engine="c",
                         chunksize=chunk_rows, index_col=False)
    start = 1
    with reader:
        while True:
            try:
                df = next(reader)
            except StopIteration:
                break
            except pd.errors.ParserError:
                raise CsvLayoutError(str(path)) from None
            except pd.errors.EmptyDataError:
                break
            if df[_EXTRA].notna().any():
                raise CsvLayoutError(str(path))
            if len(df) == 0:
                continue
            df = df.drop(columns=_EXTRA)
            df.insert(0, "_row", range(start, start + len(df)))
            start += len(df)
            yield RawTable(str(path), "csv", df)
    if start == 1:  # a header-only file
        yield RawTable(str(path), "csv", _header_frame(header))


def _header(path: Path, sep: str) -> list[str] | None:
    """The header's column names, stripped; repeated names get '.1', '.2' as pandas does."""
    with open(path, encoding="utf-8-sig", errors="trends-pua", newline="") as fh:
        row = next(csv.reader(fh, delimiter=sep), None)
    if not row:
        return None
    out, seen = [], {}
    for h in (str(c).strip() for c in row):
        n = seen.get(h, 0)
        seen[h] = n + 1
        out.append(f"{h}.{n}" if n else h)
    return out


def _header_frame(header: list[str]) -> pd.DataFrame:
    df = pd.DataFrame({h: pd.Series(dtype=object) for h in header})
    df.insert(0, "_row", pd.Series(dtype="int64"))
    return df


def _iter_csv_slow(path: Path, fh, chunk_rows: int) -> Iterator[RawTable]:
    """Row-by-row reading for a CSV whose rows do not all match the header: the odd rows become rejections."""
    sep = "\t" if path.suffix.lower() == ".tsv" else ","
    reader = csv.reader(fh, delimiter=sep)
    header = [h.strip() for h in next(reader)]
    good, rows, bad = [], [], []

    def table():
        df = pd.DataFrame(good, columns=header, dtype=object).replace("", None)
        df.insert(0, "_row", rows)
        return RawTable(str(path), "csv", df, list(bad))

    n_yielded = 0
    for i, rec in enumerate(reader, start=1):
        if not rec:
            continue
        if len(rec) > len(header):
            extra = header + [f"extra_{j}" for j in range(len(rec) - len(header))]
            bad.append({"row": i, "raw": json.dumps({h: escape_bytes(v) for h, v in zip(extra, rec)},
                                                    ensure_ascii=False),
                        "field": None,
                        "reason": f"has {len(rec)} fields but the header has {len(header)} "
                                  "(an unquoted comma or a stray quote?)"})
        else:
            good.append(rec + [None] * (len(header) - len(rec)))
            rows.append(i)
        if len(good) + len(bad) >= chunk_rows:
            yield table()
            n_yielded += 1
            good, rows, bad = [], [], []
    if good or bad or not n_yielded:
        yield table()


def _iter_jsonl(path: Path, fh, chunk_rows: int) -> Iterator[RawTable]:
    records, rows, bad = [], [], []
    n_records = n_bad = 0

    def table():
        df = pd.DataFrame.from_records(records) if records else pd.DataFrame()
        df = df.astype(object).where(df.notna(), None) if len(df) else df
        df.insert(0, "_row", pd.Series(rows, dtype="int64"))
        return RawTable(str(path), "jsonl", df, list(bad))

    for i, line in enumerate(_lines(fh), start=1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as e:
            bad.append({"row": i, "raw": json.dumps({"line": escape_bytes(line)}, ensure_ascii=False),
                        "field": None, "reason": f"not valid JSON ({e.msg} at column {e.colno})"})
        else:
            if isinstance(rec, dict):
                records.append(rec)
                rows.append(i)
            else:
                bad.append({"row": i, "raw": json.dumps({"line": escape_bytes(line)}, ensure_ascii=False),
                            "field": None, "reason": f"a JSON {type(rec).__name__}, not an object with named fields"})
        if len(records) + len(bad) >= chunk_rows:
            n_records, n_bad = n_records + len(records), n_bad + len(bad)
            yield table()
            records, rows, bad = [], [], []
    if not (n_records or n_bad or records or bad):
        raise InputFileError(f"{path}: no JSON records; nothing to ingest")
    if records or bad:
        yield table()


def _lines(fh):
    """Lines as str.splitlines() cuts them (\\n, \\r\\n, \\r and the other Unicode line breaks), streamed."""
    rest = ""
    for block in iter(lambda: fh.read(1 << 20), ""):
        parts = (rest + block).splitlines(keepends=True)
        rest = parts.pop() if parts and not parts[-1].endswith(("\n", "\r")) else ""
        if parts and parts[-1].endswith("\r") and not rest:
            # a \r at the end of a block may be the first half of \r\n: keep it until the next block
            rest = parts.pop()
        for p in parts:
            yield p.rstrip("\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029") if p else p
    if rest:
        for p in rest.splitlines():
            yield p
