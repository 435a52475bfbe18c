"""Ingest: raw files or frames -> checked, normalised rows in `events`, every other row in `rejected_rows`.

One batch per file, in one transaction: a crash or a file over the bad-row limit leaves the store as it was.
A file whose sha256 is already in `batches` is skipped. Per event_id, the same content again is "unchanged";
different content "replaces" the stored row, whose old version moves to `events_history` (valid_from = when it was
ingested, valid_to = now), so counts as of an earlier time can be rebuilt.

Series: an event counts for its actor's series (actor, country, province or ''); armed non-state groups in a
coalition with it ('ally') or on the other side ('counterpart') get their own `event_actors` row and so count in
their own series too. Governments, state forces and civilians get no row, even as the actor
(trends.normalize.is_armed_group); a group named on both sides counts once.

All checks are vectorised; names, provinces and dates are normalised once per distinct value.

Streaming: a file is read in chunks of CHUNK_ROWS rows (trends.readers.files.iter_file); each chunk is checked,
normalised and appended to connection-private temp tables; ids already staged by an earlier chunk are rejected as
duplicates naming the first row. Only then is the batch merged in one transaction, so memory does not grow with
the file (10M rows: see bench/ingest_weekly.py) and a crash still leaves the store as it was.
Relabelling: `relabel_actors` re-resolves stored events after aliases change (not a new event version).
"""
from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import importlib.resources
import logging
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from . import readers, store
from .errors import InputFileError, TooManyBadRows, UsageError
from .readers.common import SEP, map_unique, rows_unique, text, vec_unique
from .readers.files import CHUNK_ROWS, CsvLayoutError, RawTable, iter_file
from .series_weeks import refresh_series_weeks, touched_cells_sql

log = logging.getLogger(__name__)

DATE_PRECISIONS = ("day", "week", "month", "year")
ATTRIBUTIONS = ("claimed", "reported", "assessed", "unverified", "denied")
#: columns of `events`, in table order.
EVENT_COLUMNS = ["event_id", "event_date", "date_precision", "actor", "actor_raw", "actor_family", "actor_matched",
                 "counterpart", "country", "province", "province_raw", "province_matched", "location", "latitude",
                 "longitude", "event_type", "fatalities", "fatalities_low", "fatalities_high", "wounded",
                 "attribution", "source", "source_date", "source_url", "dataset", "batch_id", "record_hash",
                 "ingested_at"]
#: content that defines an event's version (record_hash); batch_id and ingested_at are bookkeeping.
_HASHED = EVENT_COLUMNS[1:24]
SAMPLE = "ucdp_ged_jihadist_events.parquet"
_KEEP_REJECTIONS = 1000


@dataclass
class Rejection:
    """One rejected row: 1-based data row (header excluded), the field at fault, and what to do about it."""

    row: int
    field: str | None
    reason: str


@dataclass
class IngestResult:
    """What one ingested file did to the store. `rejections` holds the first 1000 (all are in rejected_rows)."""

    file: str
    format: str | None = None
    dataset: str | None = None
    batch_id: int | None = None
    rows_read: int = 0
    rows_accepted: int = 0
    rows_rejected: int = 0
    rows_new: int = 0
    rows_replaced: int = 0
    rows_unchanged: int = 0
    skipped: bool = False
    rejections: list[Rejection] = field(default_factory=list)
    unmatched_actors: dict[str, int] = field(default_factory=dict)
    unmatched_provinces: dict[str, int] = field(default_factory=dict)

    def summary(self, limit: int = 20) -> str:
        """Counts, then each rejected row as `FILE:ROW: field: reason` (the first `limit`)."""
        if self.skipped:
            return f"{self.file}: already ingested as batch {self.batch_id} (same sha256); skipped"
        lines = [f"{self.file}: format {self.format}, batch {self.batch_id}: read {self.rows_read}, "
                 f"accepted {self.rows_accepted}, rejected {self.rows_rejected}; new {self.rows_new}, "
                 f"replaced {self.rows_replaced}, unchanged {self.rows_unchanged}"]
        for r in self.rejections[:limit]:
            lines.append(f"{self.file}:{r.row}: {r.field or 'row'}: {r.reason}")
        if self.rows_rejected > limit:
            lines.append(f"... and {self.rows_rejected - limit} more; see rejected_rows "
                         f"(trends sql \"select * from rejected_rows where batch_id = {self.batch_id}\")")
        for what, d in (("provinces", self.unmatched_provinces), ("actors", self.unmatched_actors)):
            if d:
                top = ", ".join(f"{k} ({v})" for k, v in list(d.items())[:8])
                more = f" and {len(d) - 8} more" if len(d) > 8 else ""
                lines.append(f"kept {sum(d.values())} events with {len(d)} unknown {what}: {top}{more}")
        if self.unmatched_actors:
            lines.append("  list them with `trends actors --unmatched`; add aliases to match them")
        return "\n".join(lines)


def sample_path() -> Path:
    """Path of the UCDP GED sample shipped inside the package (CC BY 4.0, see trends/data/ATTRIBUTION.md)."""
    return Path(str(importlib.resources.files("trends") / "data" / SAMPLE))


def file_sha256(path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def ingest_file(con, path, *, format: str = "auto", dataset: str | None = None, today=None,
                max_bad_share: float = 0.5, now: dt.datetime | None = None) -> IngestResult:
    """Ingest one file (CSV, JSON Lines or Parquet; format auto-detected from the header) as one batch.

    Args:
        format: auto | events | ucdp | acled | gtd | report (report: text read by trends.extract).
        dataset: the `dataset` value of its events (default: the format's name; 'report' for reports).
        today: events dated after this day are rejected (default: today).
        max_bad_share: raise TooManyBadRows, storing nothing, when more than this share of rows is rejected.
        now: ingest time to record (default: now, UTC); tests pass it to reproduce "as of" counts.

    Raises:
        InputFileError: the file is missing, empty, truncated or lacks a required column.
        UnknownFormatError: format auto and the header matches no format.
        TooManyBadRows: more than max_bad_share of the rows were rejected.
    """
    path = Path(path)
    if not path.is_file():
        raise InputFileError(f"{path}: no such file")
    sha = file_sha256(path)
    done = con.execute("select batch_id from batches where sha256 = ? order by batch_id limit 1", [sha]).fetchone()
    if done:
        log.debug("%s: already ingested as batch %s; skipped", path, done[0])
        return IngestResult(file=str(path), batch_id=int(done[0]), skipped=True)
    if format == "report":
        from .extract import read_report_events, store_period_counts  # lazy: optional for plain ingest
        frame = _numbered(read_report_events(path))
        # Counts over a period ("17 attacks between ...") go to period_counts, never to events; both are stored
        # in one transaction (a report is small, so staging inside it is fine).
        with store.transaction(con):
            result = _ingest(con, lambda: _frame_chunks(str(path), frame), "events", dataset or "report", sha,
                             today, max_bad_share, now, fmt_label="report")
            if frame.attrs.get("period_counts") is not None and len(frame.attrs["period_counts"]):
                store_period_counts(con, frame, result.batch_id)
        return result

    def chunks():
        """The file's chunks; a CSV with rows that do not match its header is read again row by row."""
        try:
            yield from iter_file(path, CHUNK_ROWS)
        except CsvLayoutError:
            raise _Restart(lambda: iter_file(path, CHUNK_ROWS, slow_csv=True)) from None

    return _ingest(con, chunks, format, dataset, sha, today, max_bad_share, now, check_format=True)


def ingest_frame(con, df: pd.DataFrame, *, format: str = "events", file: str = "<frame>", dataset: str | None = None,
                 today=None, max_bad_share: float = 0.5, now: dt.datetime | None = None) -> IngestResult:
    """Ingest an in-memory frame (columns of `format`, default canonical events) as one batch; see ingest_file.

    The same frame content twice is skipped like the same file (its hash is recorded as the batch's sha256).
    """
    if not isinstance(df, pd.DataFrame):
        raise UsageError(f"ingest_frame needs a pandas DataFrame, got {type(df).__name__}")
    if format == "auto":
        format = readers.detect_format(df.columns, file)
    else:
        readers.check_columns(df.columns, format, file)
    sha = _frame_sha256(df)
    done = con.execute("select batch_id from batches where sha256 = ? limit 1", [sha]).fetchone()
    if done:
        return IngestResult(file=file, batch_id=int(done[0]), skipped=True)
    frame = _numbered(df)
    return _ingest(con, lambda: _frame_chunks(file, frame), format, dataset, sha, today, max_bad_share, now)


def _frame_chunks(file: str, df: pd.DataFrame):
    for lo in range(0, max(len(df), 1), CHUNK_ROWS):
        yield RawTable(file, "frame", df.iloc[lo:lo + CHUNK_ROWS])


class _Restart(Exception):
    """Internal: start the batch again from scratch with the chunks of `chunks()`."""

    def __init__(self, chunks):
        super().__init__("restart")
        self.chunks = chunks


def _numbered(df: pd.DataFrame) -> pd.DataFrame:
    df = df.reset_index(drop=True).copy()
    df.columns = [str(c).strip() for c in df.columns]
    df.insert(0, "_row", np.arange(1, len(df) + 1))
    return df


def _frame_sha256(df: pd.DataFrame) -> str:
    h = hashlib.sha256("\x1f".join(map(str, df.columns)).encode())
    h.update(pd.util.hash_pandas_object(df.astype(object).where(df.notna(), None), index=False).to_numpy().tobytes())
    return "frame:" + h.hexdigest()


# ---------------------------------------------------------------------------------------------------- normaliser
class _Normaliser:
    """trends.normalize (H2) behind per-value caches; readers see it as `readers.Names`."""

    def __init__(self, con):
        from . import normalize
        self.registry = normalize.ActorRegistry.load(con)
        self.gazetteer = _gazetteer(con, normalize)
        self._split = getattr(normalize, "split_sides", None) or self.registry.split_sides
        self._armed = getattr(normalize, "is_armed_group", None) or self.registry.is_armed_group
        self._cache: dict = {}

    def _memo(self, kind, key, fn):
        k = (kind, key)
        if k not in self._cache:
            self._cache[k] = fn()
        return self._cache[k]

    def split(self, text):
        return self._memo("split", text, lambda: [p for p in self._split(text) if p] if text else [])

    def resolve(self, name, on=None):
        return self._memo("actor", (name, on), lambda: self.registry.resolve(name, on))

    def known(self, name):
        return bool(name) and bool(self.resolve(name).matched)

    def armed(self, name):
        return self._memo("armed", name, lambda: bool(self._armed(name)))


_GAZETTEERS: dict = {}


def _gazetteer(con, normalize):
    """Gazetteer.load takes ~0.2 s (ISO 3166-2 for every country); reuse it while province_aliases is unchanged."""
    try:
        state = con.execute("select count(*), coalesce(sum(hash(country, alias, province)), 0) "
                            "from province_aliases").fetchone()
    except Exception:  # noqa: BLE001 - an old or foreign database without the table: no user rows
        state = None
    if state not in _GAZETTEERS:
        if len(_GAZETTEERS) > 4:
            _GAZETTEERS.clear()
        _GAZETTEERS[state] = normalize.Gazetteer.load(con)
    return _GAZETTEERS[state]


# ---------------------------------------------------------------------------------------------------- checks
class _Checks:
    """First failing check per row, in the order the checks run; vectorised over whole columns."""

    def __init__(self, index):
        self.field = pd.Series(None, index=index, dtype=object)
        self.reason = pd.Series(None, index=index, dtype=object)
        self.kind = pd.Series(None, index=index, dtype=object)

    def add(self, mask, field: str, kind: str, reasons):
        m = np.asarray(mask, dtype=bool) & self.field.isna().to_numpy()
        if not m.any():
            return
        self.field[m] = field
        self.kind[m] = f"{field}: {kind}"
        if callable(reasons):
            self.reason[m] = reasons(m)
        else:
            self.reason[m] = reasons

    @property
    def bad(self) -> np.ndarray:
        return self.field.notna().to_numpy()


def _shown(values: pd.Series, m) -> list[str]:
    return [repr(v) if isinstance(v, str) else str(v) for v in values[m].astype(object)]


def _check(canon: pd.DataFrame, today: dt.date) -> tuple[pd.DataFrame, _Checks]:
    """Typed columns plus the first failing check per row."""
    chk = _Checks(canon.index)
    if canon["_field"].notna().any():
        m = canon["_field"].notna().to_numpy()
        chk.field[m], chk.reason[m] = canon["_field"][m], canon["_reason"][m]
        chk.kind[m] = [f"{f}: {r.split(' ', 1)[-1]}" for f, r in zip(canon["_field"][m], canon["_reason"][m])]
    out = pd.DataFrame(index=canon.index)

    raw_date = canon["event_date"]
    date = vec_unique(raw_date, lambda u: pd.to_datetime(u, errors="coerce", format="ISO8601"), as_category=False)
    date = date.dt.tz_localize(None) if getattr(date.dt, "tz", None) is not None else date
    date = date.dt.normalize()
    missing = raw_date.isna().to_numpy()
    chk.add(missing, "event_date", "empty", "is empty; every event needs a date (YYYY-MM-DD)")
    chk.add(date.isna().to_numpy() & ~missing, "event_date", "not a date",
            lambda m: [f"{v} is not a date; write YYYY-MM-DD" for v in _shown(raw_date, m)])
    chk.add((date > pd.Timestamp(today)).to_numpy(), "event_date", "in the future",
            lambda m: [f"{d:%Y-%m-%d} is after today ({today}); fix the date" for d in date[m]])
    out["event_date"] = date

    for col, what in (("actor", "an actor (perpetrator)"), ("country", "a country")):
        t = text(canon[col])
        chk.add(t.isna().to_numpy(), col, "empty", f"is empty; every event needs {what}")
        out[col] = t

    for col in ("fatalities", "fatalities_low", "fatalities_high", "wounded"):
        out[col] = _count_column(canon[col], col, chk)
    for col, lim in (("latitude", 90), ("longitude", 180)):
        raw = canon[col]
        num = vec_unique(raw, lambda u: pd.to_numeric(u, errors="coerce").astype(float), as_category=False)
        chk.add((num.isna() & raw.notna()).to_numpy(), col, "not a number",
                lambda m, raw=raw: [f"{v} is not a number" for v in _shown(raw, m)])
        chk.add((num.abs() > lim).to_numpy(), col, "out of range",
                lambda m, num=num, lim=lim: [f"{v} is outside -{lim}..{lim}" for v in num[m]])
        out[col] = num

    for col, allowed, default in (("date_precision", DATE_PRECISIONS, "day"),
                                  ("attribution", ATTRIBUTIONS, "reported")):
        t = vec_unique(text(canon[col]), lambda u: u.map(lambda v: v.lower() if isinstance(v, str) else default))
        chk.add(~t.isin(allowed).to_numpy(), col, "unknown value",
                lambda m, raw=canon[col]: [f"{v} is not one of {', '.join(allowed)}" for v in _shown(raw, m)])
        out[col] = t

    raw_sd = canon["source_date"]
    sd = vec_unique(raw_sd, lambda u: pd.to_datetime(u, errors="coerce", format="ISO8601"), as_category=False)
    chk.add((sd.isna() & raw_sd.notna()).to_numpy(), "source_date", "not a date",
            lambda m: [f"{v} is not a date; write YYYY-MM-DD" for v in _shown(raw_sd, m)])
    out["source_date"] = sd.dt.date if len(sd) else sd

    for col in ("counterpart", "province", "location", "event_type", "source", "source_url", "allies",
                "counterpart_groups"):
        out[col] = text(canon[col])
    out["event_id"] = canon["event_id"].astype(object).map(lambda v: v if isinstance(v, str) else
                                                           (None if pd.isna(v) else str(v))).str.strip() \
        .replace("", None) if len(canon) else canon["event_id"]
    out["_row"] = canon["_row"].to_numpy()
    return out, chk


def _count_column(raw: pd.Series, col: str, chk: _Checks) -> pd.Series:
    num = vec_unique(raw, lambda u: pd.to_numeric(u, errors="coerce").astype(float), as_category=False)
    chk.add((num.isna() & raw.notna()).to_numpy(), col, "not a number",
            lambda m: [f"{v} is not a number; write a whole number or leave it empty" for v in _shown(raw, m)])
    chk.add((num < 0).to_numpy(), col, "negative",
            lambda m: [f"{v:g} is negative; counts cannot be below 0 (leave it empty when unknown)" for v in num[m]])
    chk.add((num.notna() & (num != num.round())).to_numpy(), col, "not whole",
            lambda m: [f"{v:g} is not a whole number" for v in num[m]])
    return num.round().astype("Int64")


# ---------------------------------------------------------------------------------------------------- ingest
def _ingest(con, chunks, fmt: str, dataset: str | None, sha: str | None, today, max_bad_share: float,
            now: dt.datetime | None, fmt_label: str | None = None, check_format: bool = False) -> IngestResult:
    """Check and normalise the batch chunk by chunk into temp tables, then merge it in one transaction."""
    if not 0 <= max_bad_share <= 1:
        raise UsageError(f"max_bad_share must be between 0 and 1, got {max_bad_share}")
    today = pd.Timestamp(today).date() if today is not None else dt.date.today()
    now = now or dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)
    names = _Normaliser(con)
    with _memory_cap(con):
        return _ingest_batch(con, chunks, fmt, dataset, sha, today, max_bad_share, now, fmt_label, check_format,
                             names)


#: DuckDB memory limit while a batch is staged and merged into a database file. DuckDB otherwise keeps up to 80% of
#: RAM of written blocks cached; with a cap it writes the staged rows out and evicts them (10M rows: see bench/).
INGEST_MEMORY_LIMIT = "1GB"


@contextlib.contextmanager
def _memory_cap(con):
    """Lower DuckDB's memory_limit to INGEST_MEMORY_LIMIT for a file database (an in-memory one cannot spill),
    and restore it afterwards."""
    try:
        path = con.execute("select path from duckdb_databases() where database_name = current_database()"
                           ).fetchall()[0][0]
        old = con.execute("select current_setting('memory_limit')").fetchall()[0][0]
    except Exception:  # noqa: BLE001 - an old DuckDB or a foreign connection: leave its settings alone
        path = old = None
    if not path or not old:
        yield
        return
    con.execute(f"set memory_limit = '{INGEST_MEMORY_LIMIT}'")
    try:
        yield
    finally:
        con.execute(f"set memory_limit = '{old}'")


def _ingest_batch(con, chunks, fmt, dataset, sha, today, max_bad_share, now, fmt_label, check_format, names):
    """Stage the chunks into temp tables (private to this connection), then merge them in one transaction."""
    while True:
        stage = _Stage(con)
        try:
            return _run_batch(con, chunks(), stage, fmt, dataset, sha, today, max_bad_share, now, fmt_label,
                              check_format, names)
        except _Restart as r:
            chunks = r.chunks
        finally:
            stage.drop()


def _run_batch(con, chunks, stage: "_Stage", fmt, dataset, sha, today, max_bad_share, now, fmt_label, check_format,
               names) -> IngestResult:
    file, n_read, kinds = None, 0, Counter()
    unmatched_a, unmatched_p = Counter(), Counter()
    for i, table in enumerate(chunks):
        raw = table.frame
        if i == 0:
            file = table.path
            cols = [c for c in raw.columns if c != "_row"]
            if check_format:
                if fmt == "auto":
                    fmt = readers.detect_format(cols, file)
                else:
                    readers.check_columns(cols, fmt, file)
            dataset = dataset or readers.FORMATS[fmt].DATASET
            extra = [c for c in cols if c not in readers.FORMATS[fmt].COLUMNS]
            if extra and fmt == "events":
                log.warning("%s: ignoring columns that are not event columns: %s", file, ", ".join(extra[:20]))
        n_read += table.rows_read
        ua, up = _chunk(table, fmt, dataset, names, today, stage, kinds)
        unmatched_a.update(ua)
        unmatched_p.update(up)
    if n_read == 0:
        log.warning("%s: no data rows (only a header)", file)

    n_bad = sum(kinds.values())
    if n_read and n_bad / n_read > max_bad_share:
        top = "; ".join(f"{k} ({n})" for k, n in kinds.most_common(5))
        raise TooManyBadRows(f"{file}: {n_bad} of {n_read} rows rejected ({n_bad / n_read:.0%}, limit "
                             f"{max_bad_share:.0%}); nothing was stored. Top reasons: {top}. Fix the file, or raise "
                             "--max-bad-share if these rows should be skipped")
    result = IngestResult(file=file, format=fmt_label or fmt, dataset=dataset, rows_read=n_read,
                          rows_accepted=stage.accepted, rows_rejected=n_bad,
                          unmatched_actors=dict(unmatched_a.most_common()),
                          unmatched_provinces=dict(unmatched_p.most_common()))
    _store(con, result, sha, now)
    result.rejections = [Rejection(int(r), f, s) for r, f, s in con.execute(
        f"select row_number, field, reason from _ingest_rej order by row_number limit {_KEEP_REJECTIONS}").fetchall()]
    return result


def _chunk(table: RawTable, fmt: str, dataset: str, names: "_Normaliser", today: dt.date, stage: "_Stage",
           kinds: Counter) -> tuple[dict, dict]:
    """Check, normalise and stage one chunk; count its rejections by kind into `kinds`."""
    raw = table.frame
    canon = readers.to_canonical(raw, fmt, names)
    ev, chk = _check(canon, today)

    # ids: given, else a hash of the content; duplicates among otherwise good rows -> the later one is rejected,
    # naming the first row, whether that is in this chunk or an earlier one
    no_id = ev["event_id"].isna().to_numpy()
    if no_id.any():
        ev.loc[no_id, "event_id"] = _content_ids(ev.loc[no_id], dataset)
    ok = ~chk.bad
    ids = ev["event_id"].where(ok)
    earlier = stage.first_rows(ids[ok])  # event_id -> row number, for ids an earlier chunk already staged
    first_here = pd.Series(ev["_row"].to_numpy()[ok], index=ids[ok].to_numpy()).groupby(level=0).first()
    dup = (ids.duplicated(keep="first").to_numpy() | ids.isin(earlier.index).to_numpy()) & ok
    if dup.any():
        chk.add(dup, "event_id", "duplicate",
                lambda m: [f"duplicate event_id {i!r}; the first one (kept) is row "
                           f"{earlier[i] if i in earlier.index else first_here[i]}" for i in ids[m]])
    ok = ~chk.bad
    kinds.update(chk.kind[~ok].value_counts().to_dict())
    if table.bad:
        kinds["row: could not be parsed"] += len(table.bad)

    good = ev.loc[ok]
    events, actors, unmatched_a, unmatched_p = _normalise(good, names, dataset)
    rejected = _rejected_frame(table, raw, chk, ~ok, table.path)
    events.insert(0, "_row", good["_row"].to_numpy())
    stage.add(events, actors, rejected)
    return unmatched_a, unmatched_p


class _Stage:
    """Tables holding a batch's checked rows until the merge: `_ingest_new` (events + record_hash + _row),
    `_ingest_actors` (event_actors rows with their series key) and `_ingest_rej` (rejections).

    They are temp tables (private to the connection, gone with it), so staging touches nothing another connection
    or a later session can see; only _store's transaction writes to the store. While a batch runs, DuckDB's memory
    limit is lowered (_memory_cap) so it spills them to its temp directory instead of holding 10M rows in memory."""

    def __init__(self, con):
        self.con, self.accepted = con, 0
        cols = ", ".join(_HASHED)
        self.drop()
        con.execute(f"""create temp table _ingest_new as
                        select 0::bigint as _row, event_id, {cols}, dataset, record_hash from events limit 0""").fetchall()
        con.execute("""create temp table _ingest_actors (event_id varchar, actor varchar, actor_family varchar,
                       role varchar, country varchar, province varchar)""").fetchall()
        con.execute("""create temp table _ingest_rej (file varchar, row_number bigint, raw_record varchar,
                       field varchar, reason varchar)""").fetchall()

    def first_rows(self, ids: pd.Series) -> pd.Series:
        """event_id -> first row number, for the ids of `ids` already staged by an earlier chunk."""
        if not self.accepted or not len(ids):
            return pd.Series(dtype="int64")
        import pyarrow as pa
        self.con.register("_ingest_ids", pa.table({"event_id": pa.array(ids.astype(object).to_numpy(),
                                                                         type=pa.string())}))
        try:
            hit = self.con.execute("""select n.event_id, min(n._row) from _ingest_new n
                                      semi join _ingest_ids i using (event_id) group by 1""").fetchall()
        finally:
            self.con.unregister("_ingest_ids")
        return pd.Series([int(r) for _, r in hit], index=[i for i, _ in hit], dtype="int64")

    def add(self, events: pd.DataFrame, actors: pd.DataFrame, rejected: pd.DataFrame) -> None:
        con = self.con
        cols = ", ".join(_HASHED)
        hashed = " , ".join(f"coalesce(cast({c} as varchar), '\u2400')" for c in _HASHED)
        if len(events):
            con.register("_ingest_events", _arrow(events))
            con.execute(f"""insert into _ingest_new by name
                            select _row, event_id, {cols}, dataset, md5(concat_ws('\u241f', {hashed})) as record_hash
                            from _ingest_events""").fetchall()
            con.unregister("_ingest_events")
            self.accepted += len(events)
        if len(actors):
            con.register("_ingest_actors_chunk", _arrow(actors))
            con.execute("insert into _ingest_actors by name select event_id, actor, actor_family, role, country, "
                        "province from _ingest_actors_chunk").fetchall()
            con.unregister("_ingest_actors_chunk")
        if len(rejected):
            con.register("_ingest_rej_chunk", _arrow(rejected))
            con.execute("insert into _ingest_rej by name select file, row_number, raw_record, field, reason "
                        "from _ingest_rej_chunk").fetchall()
            con.unregister("_ingest_rej_chunk")

    def drop(self) -> None:
        import duckdb
        for t in ("_ingest_new", "_ingest_actors", "_ingest_rej"):
            try:
                self.con.execute(f"drop table if exists {t}").fetchall()
            except duckdb.Error:  # inside a caller's aborted transaction: its rollback removes them
                pass


def _content_ids(ev: pd.DataFrame, dataset: str) -> np.ndarray:
    """'<dataset>:h<16 hex>': a hash of what the row says, stable across runs and file types."""
    cols = ["event_date", "actor", "counterpart", "country", "province", "location", "latitude", "longitude",
            "event_type", "fatalities", "source", "source_url"]
    as_text = pd.DataFrame({c: vec_unique(ev[c], lambda u: u.map(lambda v: "" if v is None or pd.isna(v) else
                                                                  (f"{v:%Y-%m-%d}" if isinstance(v, pd.Timestamp)
                                                                   else str(v))))
                            for c in cols})
    h = pd.util.hash_pandas_object(as_text, index=False, categorize=False).to_numpy().astype(">u8")
    hexs = np.frombuffer(h.tobytes().hex().encode(), dtype="S16").astype("U16")
    return np.char.add(f"{dataset}:h", hexs)


def _normalise(good: pd.DataFrame, names: _Normaliser, dataset: str):
    """Canonical actor, family, country and province per distinct value; `events` rows and `event_actors` rows."""
    gaz = names.gazetteer
    country = map_unique(good["country"], lambda v: gaz.country(v) if v else v)
    prov = rows_unique(pd.DataFrame({"c": country, "p": good["province"]}),
                       lambda r: _province(gaz, r["c"], r["p"]), ["province", "matched"])
    actor = _resolve_actors(good["actor"], good["event_date"], names)
    ev = pd.DataFrame({
        "event_id": good["event_id"].astype(object), "event_date": good["event_date"].dt.date,
        "date_precision": good["date_precision"], "actor": actor["actor"], "actor_raw": good["actor"],
        "actor_family": actor["family"], "actor_matched": actor["matched"].astype("boolean"),
        "counterpart": good["counterpart"], "country": country, "province": prov["province"],
        "province_raw": good["province"], "province_matched": prov["matched"].astype("boolean"),
        "location": good["location"], "latitude": good["latitude"], "longitude": good["longitude"],
        "event_type": good["event_type"], "fatalities": good["fatalities"],
        "fatalities_low": good["fatalities_low"], "fatalities_high": good["fatalities_high"],
        "wounded": good["wounded"], "attribution": good["attribution"], "source": good["source"],
        "source_date": good["source_date"], "source_url": good["source_url"], "dataset": dataset,
    }, index=good.index)

    # event_actors: the actor, plus allies and counterpart groups (already filtered to armed groups by readers)
    armed = map_unique(good["actor"], names.armed, as_category=False).astype(bool).to_numpy()
    parts = [pd.DataFrame({"event_id": ev["event_id"], "actor": ev["actor"], "actor_family": ev["actor_family"],
                           "role": "actor", "country": country, "province": prov["province"]})[armed]]
    for col, role in (("allies", "ally"), ("counterpart_groups", "counterpart")):
        has = good[col].notna().to_numpy()
        if not has.any():
            continue
        sub = pd.DataFrame({"event_id": ev["event_id"][has].to_numpy(),
                            "name": good[col][has].astype(object).str.split(SEP).to_numpy(),
                            "country": country[has].to_numpy(), "province": prov["province"][has].to_numpy()})
        sub = sub.explode("name", ignore_index=True)
        m = map_unique(sub["name"], lambda v: names.resolve(v), as_category=False)
        sub["actor"] = map_unique(sub["name"], lambda v: names.resolve(v).actor)
        sub["actor_family"] = map_unique(sub["name"], lambda v: names.resolve(v).family)
        del m
        sub["role"] = role
        parts.append(sub[["event_id", "actor", "actor_family", "role", "country", "province"]])
    actors = pd.concat([p.astype({c: object for c in ("actor", "actor_family", "country", "province")})
                        for p in parts], ignore_index=True)
    actors["province"] = actors["province"].where(actors["province"].notna(), "")
    if len(parts) > 1:
        actors = actors.drop_duplicates(["event_id", "actor"], keep="first")  # a group on both sides counts once

    unmatched_a = ev.loc[~ev["actor_matched"].fillna(False), "actor_raw"].astype(object).value_counts().to_dict()
    pm = ev["province_matched"].fillna(True) | ev["province_raw"].isna()
    unmatched_p = (ev.loc[~pm, "country"].astype(str) + ": " + ev.loc[~pm, "province_raw"].astype(str)) \
        .value_counts().to_dict()
    return ev, actors, unmatched_a, unmatched_p


def _province(gaz, country, raw):
    if raw is None:
        return None, None
    m = gaz.resolve(country, raw)
    return (m.province if m.matched else (m.province or raw)), bool(m.matched)


def _resolve_actors(raw: pd.Series, dates: pd.Series, names: _Normaliser) -> pd.DataFrame:
    """ActorMatch per distinct raw name; names whose match depends on the date (rebrands with validity dates, found
    by probing the first and last event date) are resolved once per distinct (name, date)."""
    out = pd.DataFrame({"actor": map_unique(raw, lambda v: names.resolve(v).actor).astype(object),
                        "family": map_unique(raw, lambda v: names.resolve(v).family).astype(object),
                        "matched": map_unique(raw, lambda v: bool(names.resolve(v).matched), as_category=False)},
                       index=raw.index)
    span = pd.DataFrame({"n": raw.astype(object), "d": dates}).groupby("n", observed=True)["d"].agg(["min", "max"])
    sensitive = [n for n, lo, hi in span.itertuples()
                 if {names.resolve(n, lo.date()).actor, names.resolve(n, hi.date()).actor} != {names.resolve(n).actor}]
    if sensitive:
        m = raw.isin(sensitive).to_numpy()
        sub = rows_unique(pd.DataFrame({"n": raw[m], "d": dates[m]}),
                          lambda r: (lambda a: (a.actor, a.family, bool(a.matched)))(
                              names.resolve(r["n"], pd.Timestamp(r["d"]).date())),
                          ["actor", "family", "matched"])
        out.loc[m, "actor"], out.loc[m, "family"] = sub["actor"].astype(object), sub["family"].astype(object)
        out.loc[m, "matched"] = sub["matched"].astype(bool)
    out["actor"] = vec_unique(out["actor"], lambda u: u)
    out["family"] = vec_unique(out["family"], lambda u: u)
    return out


def _rejected_frame(table: RawTable, raw: pd.DataFrame, chk: _Checks, bad: np.ndarray, file: str) -> pd.DataFrame:
    idx = np.flatnonzero(bad)
    rec = raw.iloc[idx].drop(columns="_row")
    json_lines = rec.to_json(orient="records", lines=True, date_format="iso", default_handler=str,
                             force_ascii=False).splitlines() if len(rec) else []
    parts = [pd.DataFrame({"row_number": raw["_row"].to_numpy()[idx], "raw_record": json_lines,
                           "field": chk.field.to_numpy()[idx], "reason": chk.reason.to_numpy()[idx]})]
    if table.bad:
        parts.append(pd.DataFrame({"row_number": [b["row"] for b in table.bad], "raw_record": [b["raw"] for b in table.bad],
                                   "field": [b["field"] for b in table.bad], "reason": [b["reason"] for b in table.bad]}))
    out = pd.concat(parts, ignore_index=True).sort_values("row_number", kind="stable", ignore_index=True)
    out.insert(0, "file", file)
    return out


# ---------------------------------------------------------------------------------------------------- store
def _store(con, result: IngestResult, sha: str | None, now: dt.datetime) -> None:
    """Merge the staged batch (temp tables of _Stage) into the store in one transaction (all or nothing)."""
    with store.transaction(con):
        batch = con.execute("select coalesce(max(batch_id), 0) + 1 from batches").fetchone()[0]
        result.batch_id = int(batch)
        con.execute("insert into batches (batch_id, file, sha256, format, dataset, rows_read, started_at) "
                    "values (?, ?, ?, ?, ?, ?, ?)",
                    [batch, result.file, sha, result.format, result.dataset, result.rows_read, now]).fetchall()
        counts = con.execute("""
            select count(*) filter (where e.event_id is null),
                   count(*) filter (where e.event_id is not null and e.record_hash <> n.record_hash),
                   count(*) filter (where e.record_hash = n.record_hash)
            from _ingest_new n left join events e using (event_id)""").fetchone()
        result.rows_new, result.rows_replaced, result.rows_unchanged = map(int, counts)
        con.execute("""create or replace temp table _ingest_changed as
                       select n.event_id from _ingest_new n left join events e using (event_id)
                       where e.event_id is null or e.record_hash <> n.record_hash""").fetchall()
        # series_weeks: the cells the replaced versions counted in (before they go), then those of the new ones
        con.execute(f"create or replace temp table _ingest_cells as {touched_cells_sql('_ingest_changed')}").fetchall()
        if result.rows_replaced:
            con.execute("""insert into events_history by name
                           select e.*, e.ingested_at as valid_from, ?::timestamp as valid_to,
                                  ?::integer as replaced_by_batch
                           from events e join _ingest_new n using (event_id)
                           where e.record_hash <> n.record_hash""", [now, batch]).fetchall()
            con.execute("""delete from events where event_id in (
                             select n.event_id from _ingest_new n join events e using (event_id)
                             where e.record_hash <> n.record_hash)""").fetchall()
            con.execute("delete from event_actors where event_id in (select event_id from _ingest_changed)").fetchall()
        con.execute("""insert into events by name
                       select n.* exclude (_row), ?::integer as batch_id, ?::timestamp as ingested_at
                       from _ingest_new n semi join _ingest_changed c using (event_id)""", [batch, now]).fetchall()
        _write_event_actors(con)
        con.execute(f"insert into _ingest_cells {touched_cells_sql('_ingest_changed')}").fetchall()
        refresh_series_weeks(con, "_ingest_cells")
        con.execute("drop table if exists _ingest_cells").fetchall()
        if result.rows_rejected:
            con.execute("""insert into rejected_rows by name
                           select ?::integer as batch_id, file, row_number, raw_record, field, reason
                           from _ingest_rej order by row_number""", [batch]).fetchall()
        con.execute("""update batches set rows_accepted = ?, rows_rejected = ?, rows_new = ?, rows_replaced = ?,
                       rows_unchanged = ?, finished_at = ? where batch_id = ?""",
                    [result.rows_accepted, result.rows_rejected, result.rows_new, result.rows_replaced,
                     result.rows_unchanged, dt.datetime.now(dt.timezone.utc).replace(tzinfo=None), batch]).fetchall()
        con.execute("drop table if exists _ingest_changed").fetchall()


def _arrow(df: pd.DataFrame):
    """DuckDB scans Arrow in parallel; pandas object columns are scanned on one thread."""
    import pyarrow as pa
    return pa.Table.from_pandas(df, preserve_index=False)


def _write_event_actors(con) -> None:
    """New series get the next integer ids (never reused); then one event_actors row per changed event and group."""
    con.execute("""create or replace temp table _ingest_ea as
                   select a.* from _ingest_actors a semi join _ingest_changed c using (event_id)""").fetchall()
    con.execute("""insert into series (series_id, actor, country, province)
                   select (select coalesce(max(series_id), 0) from series)
                          + row_number() over (order by actor, country, province), actor, country, province
                   from (select distinct actor::varchar as actor, country::varchar as country,
                                province::varchar as province from _ingest_ea
                         except select actor, country, province from series)""").fetchall()
    con.execute("""insert into event_actors (event_id, series_id, actor, actor_family, role)
                   select a.event_id, s.series_id, a.actor, a.actor_family, a.role
                   from _ingest_ea a join series s
                     on s.actor = a.actor::varchar and s.country = a.country::varchar
                    and s.province = a.province::varchar""").fetchall()
    con.execute("drop table if exists _ingest_ea").fetchall()


# ---------------------------------------------------------------------------------------------------- relabel
@dataclass
class RelabelResult:
    """What `relabel_actors` changed: events whose actor/family/matched changed, event_actors rows relabelled."""

    events: int = 0
    event_actors: int = 0
    new_series: int = 0


def relabel_actors(con) -> RelabelResult:
    """Re-resolve stored events' actors from `actor_raw` (and their groups' series) with the current registry.

    Run after adding aliases: events keep their id, batch, ingest time and version (no events_history row: a
    relabel corrects a name, it is not a new report of the event), so "as of" counts before the relabel also use the
    new names. record_hash is recomputed so re-ingesting the source file still counts its rows as unchanged.
    In event_actors, 'actor' rows follow the event; 'ally'/'counterpart' rows are re-resolved from their stored
    name (undated, as at ingest), so groups kept as written get their canonical name. A group that now appears
    twice for one event counts once (actor before ally before counterpart). One transaction: all or nothing.
    """
    names = _Normaliser(con)
    res = RelabelResult()
    pairs = con.execute("select distinct actor_raw, event_date from events where actor_raw is not null").df()
    groups = con.execute("select distinct actor from event_actors where role <> 'actor'").df()
    with store.transaction(con):
        if len(pairs):
            dates = pd.to_datetime(pairs["event_date"])
            m = _resolve_actors(pairs["actor_raw"].astype(object), dates, names)
            mapping = pd.DataFrame({"actor_raw": pairs["actor_raw"].astype(object), "event_date": dates.dt.date,
                                    "actor": m["actor"].astype(object), "family": m["family"].astype(object),
                                    "matched": m["matched"].astype(bool)})
            con.register("_relabel_map", _arrow(mapping))
            con.execute("""create or replace table _relabel_ev as
                           select e.event_id, m.actor, m.family, m.matched from events e join _relabel_map m
                             on e.actor_raw = m.actor_raw and e.event_date = m.event_date
                           where e.actor is distinct from m.actor or e.actor_family is distinct from m.family
                              or e.actor_matched is distinct from m.matched""").fetchall()
            con.unregister("_relabel_map")
            res.events = con.execute("select count(*) from _relabel_ev").fetchall()[0][0]
        else:
            con.execute("create or replace table _relabel_ev (event_id varchar, actor varchar, family varchar, "
                        "matched boolean)").fetchall()
        hashed = " , ".join(f"coalesce(cast(e.{c} as varchar), '\u2400')" for c in _HASHED)
        if res.events:
            con.execute("""update events set actor = r.actor, actor_family = r.family, actor_matched = r.matched
                           from _relabel_ev r where events.event_id = r.event_id""").fetchall()
            con.execute(f"""update events set record_hash = h.record_hash
                            from (select e.event_id, md5(concat_ws('\u241f', {hashed})) as record_hash
                                  from events e semi join _relabel_ev r using (event_id)) h
                            where events.event_id = h.event_id""").fetchall()
        gm = pd.DataFrame({"old": groups["actor"].astype(object)})
        gm["actor"] = [names.resolve(v).actor for v in gm["old"]]
        gm["family"] = [names.resolve(v).family for v in gm["old"]]
        gm = gm[gm["actor"] != gm["old"]]
        con.register("_relabel_groups", _arrow(gm if len(gm) else
                                               pd.DataFrame({c: pd.Series(dtype=object) for c in ("old", "actor",
                                                                                                   "family")})))
        con.execute("""create or replace table _relabel_ea as
                       select a.rowid as rid, a.event_id, a.role, s.country, s.province, r.actor, r.family
                       from event_actors a join _relabel_ev r using (event_id) join series s using (series_id)
                       where a.role = 'actor'
                       union all
                       select a.rowid, a.event_id, a.role, s.country, s.province, g.actor, g.family
                       from event_actors a join _relabel_groups g on a.actor = g.old join series s using (series_id)
                       where a.role <> 'actor'""").fetchall()
        con.unregister("_relabel_groups")
        res.event_actors = con.execute("select count(*) from _relabel_ea").fetchall()[0][0]
        if res.event_actors:
            before = con.execute("select count(*) from series").fetchall()[0][0]
            con.execute("""insert into series (series_id, actor, country, province)
                           select (select coalesce(max(series_id), 0) from series)
                                  + row_number() over (order by actor, country, province), actor, country, province
                           from (select distinct actor, country, province from _relabel_ea
                                 except select actor, country, province from series)""").fetchall()
            res.new_series = con.execute("select count(*) from series").fetchall()[0][0] - before
            con.execute("""update event_actors set actor = x.actor, actor_family = x.family, series_id = s.series_id
                           from _relabel_ea x join series s using (actor, country, province)
                           where event_actors.rowid = x.rid""").fetchall()
            con.execute("""delete from event_actors where rowid in (
                             select rowid from (select rowid, row_number() over (
                                 partition by event_id, actor
                                 order by case role when 'actor' then 0 when 'ally' then 1 else 2 end) as k
                               from event_actors where event_id in (select event_id from _relabel_ea)) where k > 1)""").fetchall()
        con.execute("drop table if exists _relabel_ev").fetchall()
        con.execute("drop table if exists _relabel_ea").fetchall()
        if res.events or res.event_actors:
            refresh_series_weeks(con)  # series ids moved: rebuild the weekly table (a relabel is rare)
    return res
