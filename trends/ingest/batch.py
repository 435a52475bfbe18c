"""One batch: a file (or frame) scanned, mapped, checked and staged in DuckDB, then merged in one transaction.

Staging uses temp tables and views (`_ingest_*`, private to the connection) and touches nothing another connection
can see; only the merge writes to the store, so a crash or a file over the bad-row limit leaves the store as it was.
While a batch runs DuckDB's memory limit is lowered (INGEST_MEMORY_LIMIT) so it spills to disk instead of growing.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import logging
import signal
import threading
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd

from ..errors import InputFileError, TooManyBadRows, UsageError
from . import checks, files, merge, readers, scan
from .names import Normaliser, build_maps
from .readers.common import ident, literal
from .result import Clock, IngestResult, Rejection, cut

log = logging.getLogger(__name__)

#: DuckDB memory limit while a batch is staged and merged into a database file (an in-memory one cannot spill).
#: 3 GB, not 2: at 10M events the staged batch then spills less, and the statements that read it back (names by
#: date, duplicate keys, event_actors, series_weeks) cost 9 % less CPU; peak 3.0 GB (docs/benchmarks.md)
INGEST_MEMORY_LIMIT = "3GB"
_KEEP_REJECTIONS = 1000


@dataclass(frozen=True)
class Batch:
    """How to ingest one file or frame.

    Attributes:
        file: path as given, or a label for a frame ('<frame>').
        format: auto | events | ucdp | acled | gtd.
        dataset: the events' `dataset` value (default: the format's name).
        today: events dated after this day are rejected as in the future.
        max_bad_share: store nothing when more than this share of rows is rejected.
        now: ingest time recorded in events.ingested_at and events_history.
        sha256: of the file bytes (or the frame's content), recorded in `batches`.
        replace: the file is the complete current state of `dataset`: its events missing from it are retired.
        date_format: strptime format (e.g. '%d/%m/%Y') for event_date, else the formats listed in docs/ingest.md.
        label: format shown in the summary and `batches` instead of `format` (e.g. 'report').
    """

    file: str
    format: str
    dataset: str | None
    today: dt.date
    max_bad_share: float
    now: dt.datetime
    sha256: str | None
    replace: bool = False
    date_format: str | None = None
    label: str | None = None


def make_batch(
    file,
    *,
    format="auto",
    dataset=None,
    today=None,
    max_bad_share=0.5,
    now=None,
    sha256=None,
    replace=False,
    date_format=None,
    label=None,
) -> Batch:
    """A Batch with defaults filled in and arguments checked.

    Raises:
        UsageError: max_bad_share outside 0..1, `replace` without a dataset, an unusable date_format.
    """
    if not 0 <= max_bad_share <= 1:
        raise UsageError(f"max_bad_share must be between 0 and 1, got {max_bad_share}")
    if replace and not dataset:
        raise UsageError("--replace needs --dataset NAME: the dataset whose current state the file is")
    if date_format is not None and "%" not in date_format:
        raise UsageError(f"--date-format {date_format!r} has no % codes; write e.g. %d/%m/%Y")
    today = pd.Timestamp(today).date() if today is not None else dt.date.today()
    now = now or dt.datetime.now(dt.UTC).replace(tzinfo=None)
    return Batch(str(file), format, dataset, today, max_bad_share, now, sha256, replace, date_format, label)


def already_ingested(con, batch: Batch) -> int | None:
    """The batch id that already holds this content (same sha256), else None. With `replace`, only the latest
    batch of the dataset counts: the same file again after another state must be applied again."""
    if batch.replace:
        row = con.execute(
            "select batch_id, sha256 from batches where dataset = ? order by batch_id desc limit 1", [batch.dataset]
        ).fetchone()
        return int(row[0]) if row and row[1] == batch.sha256 else None
    row = con.execute(
        "select batch_id from batches where sha256 = ? order by batch_id limit 1", [batch.sha256]
    ).fetchone()
    return int(row[0]) if row else None


def run(con, batch: Batch, scan_into: Callable) -> IngestResult:
    """Scan (`scan_into(con) -> scan.Scan`), map, check and stage the batch, then merge it in one transaction."""
    with _interruptible(con), _memory_cap(con):
        try:
            return _run(con, batch, scan_into)
        finally:
            _drop_staging(con)


def _run(con, batch: Batch, scan_into: Callable) -> IngestResult:
    timings: dict[str, float] = {}
    clock = Clock(timings)
    checks.create_macros(con)
    with clock("scan"):
        sc = scan_into(con)
    fmt = batch.format
    if fmt == "auto":
        fmt = readers.detect_format(sc.columns, batch.file)
    else:
        readers.check_columns(sc.columns, fmt, batch.file)
    dataset = batch.dataset or readers.FORMATS[fmt].DATASET
    extra = [c for c in sc.columns if c not in readers.FORMATS[fmt].COLUMNS]
    if extra and fmt == "events" and batch.label is None:
        log.warning(
            "%s: ignoring columns that are not event columns: %s", batch.file, ", ".join(cut(c, 40) for c in extra[:20])
        )
    if sc.rows_read == 0:
        log.warning("%s: no data rows (only a header)", batch.file)
    with clock("names"):
        names = Normaliser(con)
        typed = readers.canonical_view(con, fmt, sc.columns, names)
        build_maps(con, names)
    with clock("checks"):
        checks.stage(con, dataset, batch.today, batch.date_format, typed)
    with clock("duplicates and ids"):
        checks.mark_duplicates(con)
        checks.assign_ids(con, dataset)
    with clock("rejections"):
        _collect_rejections(con, sc)

    kinds = Counter(
        dict(con.execute("select _kind, count(*) from _ingest_staged where _field is not null group by 1").fetchall())
    )
    n_parse = con.execute(f"select count(*) from {scan.PARSE_REJ}").fetchall()[0][0]
    if n_parse:
        kinds["row: could not be parsed"] += n_parse
    n_bad, n_read = sum(kinds.values()), sc.rows_read
    if n_read and n_bad / n_read > batch.max_bad_share:
        top = "; ".join(f"{k} ({n})" for k, n in kinds.most_common(5))
        raise TooManyBadRows(
            f"{batch.file}: {n_bad} of {n_read} rows rejected ({n_bad / n_read:.0%}, limit "
            f"{batch.max_bad_share:.0%}); nothing was stored. Top reasons: {top}. Fix the file, or "
            "raise --max-bad-share if these rows should be skipped"
        )
    result = IngestResult(
        file=batch.file,
        format=batch.label or fmt,
        dataset=dataset,
        rows_read=n_read,
        rows_accepted=n_read - n_bad,
        rows_rejected=n_bad,
        timings=timings,
    )
    _unmatched(con, result)
    merge.merge(con, _with(batch, dataset), result, clock)
    result.rejections = [
        Rejection(int(r), f, s)
        for r, f, s in con.execute(
            f"select row_number, field, reason from _ingest_rej order by row_number limit {_KEEP_REJECTIONS}"
        ).fetchall()
    ]
    return result


def _with(batch: Batch, dataset: str) -> Batch:
    from dataclasses import replace

    return replace(batch, dataset=dataset)


def _collect_rejections(con, sc: scan.Scan) -> None:
    """`_ingest_rej`: the scanner's rejects plus every staged row that failed a check, with its raw record."""
    if sc.kind in ("jsonl", "json"):
        raw = "select _row, j as raw_record from _ingest_raw_json"
    else:
        pairs = ", ".join(f"{literal(c)}, r.{ident(c)}" for c in sc.columns)
        raw = f"select _row, json_object({pairs})::varchar as raw_record from _ingest_raw r"
    con.execute(f"""create or replace temp table _ingest_rej as
                    select row_number, raw_record, field, reason from {scan.PARSE_REJ}
                    union all
                    select s._row, r.raw_record, s._field, s._reason
                    from (select _row, _field, _reason from _ingest_staged where _field is not null) s
                    left join ({raw}) r on r._row = s._row""").fetchall()


def _unmatched(con, result: IngestResult) -> None:
    """The unmatched names of the good rows and their counts, from the good rows per name combination
    (`_ingest_nk_rows`, kept for the merge)."""
    con.execute("""create or replace temp table _ingest_nk_rows as
                   select _nk, count(*) as n from _ingest_staged where _field is null group by _nk""").fetchall()

    def counts(key, cond):
        sql = (
            f"select {key}, sum(c.n) as n from _ingest_nk_rows c join _ingest_names nm using (_nk) "
            f"where {cond} group by 1 order by n desc, 1"
        )
        return {k: int(n) for k, n in con.execute(sql).fetchall()}

    result.unmatched_actors = counts("nm.actor_raw", "not nm.actor_matched")
    result.unmatched_provinces = counts(
        "nm.country || ': ' || nm.province_raw", "nm.province_raw is not null and not nm.province_matched"
    )
    result.unmatched_countries = counts("nm.country_raw", "not nm.country_matched")


def _drop_staging(con) -> None:
    """Drop every `_ingest_*` temp table, view and macro (inside an aborted transaction the rollback does it)."""
    try:
        rows = con.execute("""select 'table', table_name from duckdb_tables() where temporary
                                and table_name like '\\_ingest%' escape '\\'
                              union all select 'view', view_name from duckdb_views() where temporary
                                and view_name like '\\_ingest%' escape '\\'""").fetchall()
        for kind, name in sorted(rows, key=lambda r: r[0] != "view"):
            con.execute(f"drop {kind} if exists {ident(name)}").fetchall()
    except duckdb.Error:
        pass
    with contextlib.suppress(Exception):
        con.unregister("_ingest_arrow")


@contextlib.contextmanager
def _interruptible(con):
    """Ctrl-C (SIGINT) stops the DuckDB statement in progress at once (`con.interrupt()`), then raises
    KeyboardInterrupt, so the batch's transaction rolls back and the CLI prints one line and exits 130. Only in the
    main thread, and not where SIGINT is ignored (a background job)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    old = signal.getsignal(signal.SIGINT)
    if old in (signal.SIG_IGN, None):
        yield
        return

    def stop(signum, frame):
        with contextlib.suppress(Exception):
            con.interrupt()
        raise KeyboardInterrupt

    signal.signal(signal.SIGINT, stop)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, old)


@contextlib.contextmanager
def _memory_cap(con):
    """Lower DuckDB's memory_limit to INGEST_MEMORY_LIMIT for a file database, and restore it afterwards."""
    try:
        path = con.execute("select path from duckdb_databases() where database_name = current_database()").fetchall()[
            0
        ][0]
        old = con.execute("select current_setting('memory_limit')").fetchall()[0][0]
    except duckdb.Error:
        path = old = None
    if not path or not old:
        yield
        return
    con.execute(f"set memory_limit = '{INGEST_MEMORY_LIMIT}'")
    try:
        yield
    finally:
        with contextlib.suppress(duckdb.Error):
            con.execute(f"set memory_limit = '{old}'")


# ---------------------------------------------------------------------------------------------------- frames
def frame_arrow(df: pd.DataFrame):
    """A pandas frame as an Arrow table DuckDB scans without copying; mixed object columns become text."""
    import pyarrow as pa

    arrays, names = [], []
    for c in df.columns:
        s = df[c]
        try:
            arr = pa.array(s, from_pandas=True)
            if pa.types.is_null(arr.type):
                arr = pa.array([None] * len(s), type=pa.string())
        except (pa.ArrowInvalid, pa.ArrowTypeError, TypeError, ValueError, OverflowError):
            arr = pa.array([None if _isna(v) else str(v) for v in s], type=pa.string())
        arrays.append(arr)
        names.append(str(c).strip())
    if len(set(names)) < len(names):
        dup = next(n for n in names if names.count(n) > 1)
        raise InputFileError(f"the frame has two columns named {dup!r}; rename one of them")
    return pa.Table.from_arrays(arrays, names=names)


def _isna(v) -> bool:
    try:
        return bool(pd.isna(v))
    except (TypeError, ValueError):
        return False


def frame_sha256(df: pd.DataFrame) -> str:
    h = hashlib.sha256("\x1f".join(map(str, df.columns)).encode())
    h.update(pd.util.hash_pandas_object(df.astype(object).where(df.notna(), None), index=False).to_numpy().tobytes())
    return "frame:" + h.hexdigest()


def scan_path(path: Path) -> Callable:
    return lambda con: scan.scan_file(con, path)


def scan_frame(df: pd.DataFrame, file: str) -> Callable:
    table = frame_arrow(df.reset_index(drop=True))
    return lambda con: scan.scan_arrow(con, table, file)


__all__ = ["Batch", "make_batch", "already_ingested", "run", "files"]
