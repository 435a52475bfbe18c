"""What a file is before it is read: its kind from its first bytes, its CSV header, its sha256.

A file that cannot be events at all (a folder, gzip, a workbook, UTF-16 text, only whitespace) gets one clear
InputFileError naming what it is; nothing is read as "columns" from binary bytes.
"""

from __future__ import annotations

import csv
import hashlib
import re
from pathlib import Path

from ..errors import InputFileError

#: kinds of file the scanners read
KINDS = ("csv", "jsonl", "json", "parquet")

_PUA_BASE = 0xF700
_PUA_RE = re.compile("[\uf780-\uf7ff]")


def escape_bytes(text: str) -> str:
    """Show the private-use stand-ins of undecodable bytes (see `decode`) as `\\xNN`."""
    return _PUA_RE.sub(lambda m: f"\\x{ord(m.group()) - _PUA_BASE:02x}", text)


def decode(raw: bytes) -> str:
    """UTF-8 text with each undecodable byte 0xNN as a private-use character (shown again by escape_bytes)."""
    out, i = [], 0
    while True:
        try:
            out.append(raw[i:].decode("utf-8"))
            return escape_bytes("".join(out))
        except UnicodeDecodeError as e:
            out.append(raw[i : i + e.start].decode("utf-8"))
            out.extend(chr(_PUA_BASE + b) for b in raw[i + e.start : i + e.end])
            i += e.end


def file_sha256(path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def check_path(path: Path) -> None:
    """Raise InputFileError when `path` is missing, a directory or empty."""
    if path.is_dir():
        raise InputFileError(f"{path}: is a directory, not a file; pass the files in it (e.g. {path}/*.csv)")
    if not path.exists():
        raise InputFileError(f"{path}: no such file")
    if not path.is_file():
        raise InputFileError(f"{path}: not a regular file")
    if path.stat().st_size == 0:
        raise InputFileError(f"{path}: the file is empty (0 bytes); nothing to ingest")


def file_kind(path: Path) -> str:
    """csv | jsonl | json (one JSON array of records) | parquet, from the first bytes, else the extension.

    Raises:
        InputFileError: the bytes are gzip, a ZIP or Excel workbook, UTF-16/UTF-32 text, or only whitespace.
    """
    with open(path, "rb") as fh:
        head = fh.read(4096)
    if head.startswith(b"PAR1"):
        return "parquet"
    what = _binary_kind(head)
    if what:
        raise InputFileError(f"{path}: is {what}, not CSV, JSON Lines or Parquet; {_advice(what)}")
    body = head.lstrip(b"\xef\xbb\xbf").lstrip()
    if not body and _only_whitespace(path):
        raise InputFileError(f"{path}: the file holds only whitespace; nothing to ingest")
    ext = path.suffix.lower()
    if ext in (".parquet", ".pq"):
        raise InputFileError(
            f"{path}: named .parquet but not Parquet (no PAR1 magic bytes); the file may be "
            "truncated or another format: export or download it again"
        )
    if body.startswith(b"["):
        return "json"
    if body.startswith(b"{"):
        return "jsonl"
    if ext in (".jsonl", ".ndjson", ".json"):
        return "jsonl"
    return "csv"


def _binary_kind(head: bytes) -> str | None:
    if head.startswith(b"\x1f\x8b"):
        return "a gzip-compressed file"
    if head.startswith(b"PK\x03\x04"):
        return "an Excel workbook (.xlsx)" if b"xl/" in head or b"[Content_Types]" in head else "a ZIP archive"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return "an old Excel workbook (.xls)"
    if head.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        return "UTF-32 text"
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "UTF-16 text"
    sample = head[:512]
    if len(sample) >= 8 and sample.count(b"\x00") > len(sample) // 4:
        return (
            "UTF-16 text"
            if sample[1::2].count(b"\x00") > len(sample) // 3 or sample[0::2].count(b"\x00") > len(sample) // 3
            else "a binary file"
        )
    return None


def _advice(what: str) -> str:
    if "gzip" in what:
        return "unpack it first (gunzip FILE) and ingest the result"
    if "Excel" in what:
        return "save the sheet as CSV (UTF-8) and ingest that"
    if "ZIP" in what:
        return "unpack it and ingest the files inside"
    if "UTF" in what:
        return "save it as UTF-8 text and ingest that"
    return "export it as CSV, JSON Lines or Parquet"


def _only_whitespace(path: Path) -> bool:
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 16), b""):
            if block.strip():
                return False
    return True


def csv_delimiter(path: Path) -> str:
    return "\t" if path.suffix.lower() == ".tsv" else ","


def csv_header(path: Path, sep: str) -> list[str]:
    """The header's column names, stripped.

    Raises:
        InputFileError: no header line, an empty column name, or a name that appears twice.
    """
    with open(path, "rb") as fh:
        first = fh.readline(1 << 20)
    text = decode(first.removeprefix(b"\xef\xbb\xbf"))
    row = next(csv.reader([text.rstrip("\r\n")], delimiter=sep), None)
    if not row or not any(c.strip() for c in row):
        raise InputFileError(f"{path}: no header line; the first line must name the columns")
    names = [c.strip() for c in row]
    seen: dict[str, int] = {}
    for i, n in enumerate(names, start=1):
        if n in seen:
            raise InputFileError(
                f"{path}: the header names column {n!r} twice (columns {seen[n]} and {i}); rename one of them"
            )
        seen[n] = i
    if "" in seen:
        names = [n or f"column_{i}" for i, n in enumerate(names, start=1)]
    return names
