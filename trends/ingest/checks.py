"""Checks: every rule as SQL over the whole batch, first failing rule per row, in one statement.

`stage` turns `_ingest_canon` (canonical text columns) into `_ingest_staged`: typed event columns, canonical names
(joined from the maps of trends.ingest.names), the record hash, and `_field`/`_reason`/`_kind` of the first check
the row fails (null for a good row). `mark_duplicates` then rejects a repeated event_id (naming the first row), and
`assign_ids` gives rows without an id '<dataset>:h<hash of the content>' plus '.<n>' for the n-th identical row.
"""

from __future__ import annotations

import datetime as dt

from .. import store
from .keys import HASHED_TYPES, id_key_sql, record_hash_sql
from .readers.common import literal

DATE_PRECISIONS = ("day", "week", "month", "year")
ATTRIBUTIONS = ("claimed", "reported", "assessed", "unverified", "denied")
COUNTS = ("fatalities", "fatalities_low", "fatalities_high", "wounded")
#: content that defines an event's version (record_hash), in hash order; batch_id and ingested_at are bookkeeping.
HASHED = list(HASHED_TYPES)
#: what a row without event_id is identified by (raw names, so a relabel does not change ids)
CONTENT = [
    "event_date",
    "actor_raw",
    "counterpart",
    "country_raw",
    "province_raw",
    "location",
    "latitude",
    "longitude",
    "event_type",
    "fatalities",
    "source",
    "source_url",
]


def _checks(today: dt.date, kinds: dict[str, str] | None = None) -> list[tuple[str, str, str, str]]:
    """(condition, field, kind, reason) in the order they are tried; SQL over the columns of the `n` CTE.
    `kinds`: the canonical columns kept in their own type (trends.ingest.readers.canonical_view); the reasons
    show their text."""
    t = today.isoformat()
    kinds = kinds or {}

    def shown(c: str) -> str:
        return f"_ingest_shown({_text(c, kinds)})"

    out = [
        ("_bad_field is not null", "_bad_field", "'nested value'", "_bad_reason"),
        (
            "_fmt_field is not null",
            "_fmt_field",
            "regexp_replace(_fmt_reason, '^(''[^'']*''|\\S+) ', '')",
            "_fmt_reason",
        ),
        ("event_date is null", "'event_date'", "'empty'", "'is empty; every event needs a date (YYYY-MM-DD)'"),
        (
            "_date_err = 'ambiguous'",
            "'event_date'",
            "'ambiguous date'",
            shown("event_date") + " || ' is ambiguous (day/month or month/day?); pass --date-format %d/%m/%Y or "
            "--date-format %m/%d/%Y'",
        ),
        (
            "_date_err is not null",
            "'event_date'",
            "'not a date'",
            shown("event_date") + " || ' is not a date; write YYYY-MM-DD'",
        ),
        (
            f"_date > date '{t}'",
            "'event_date'",
            "'in the future'",
            f"strftime(_date, '%Y-%m-%d') || ' is in the future: after today ({t}); fix the date'",
        ),
        (
            "_date < date '1900-01-01'",
            "'event_date'",
            "'before 1900'",
            "strftime(_date, '%Y-%m-%d') || ' is before 1900; check the year'",
        ),
        ("actor is null", "'actor'", "'empty'", "'is empty; every event needs an actor (perpetrator)'"),
        ("country is null", "'country'", "'empty'", "'is empty; every event needs a country'"),
    ]
    for c in COUNTS:
        e, v, d = f"_e_{c}", shown(c), f"format('{{:g}}', _d_{c})"
        out += [
            (
                f"{e} = 'not a number'",
                f"'{c}'",
                "'not a number'",
                f"{v} || ' is not a number; write a whole number or leave it empty'",
            ),
            (f"{e} = 'not finite'", f"'{c}'", "'not a number'", f"{v} || ' is not a finite number'"),
            (
                f"{e} = 'negative'",
                f"'{c}'",
                "'negative'",
                f"{d} || ' is negative; counts cannot be below 0 (leave it empty when unknown)'",
            ),
            (f"{e} = 'not whole'", f"'{c}'", "'not whole'", f"{d} || ' is not a whole number'"),
            (
                f"{e} = 'too large'",
                f"'{c}'",
                "'too large'",
                f"{d} || ' is too large for a count (at most 2,147,483,647)'",
            ),
        ]
    for c, lim in (("latitude", 90), ("longitude", 180)):
        n = f"_n_{c}"
        out += [
            (
                f"{c} is not null and ({n} is null or not isfinite({n}))",
                f"'{c}'",
                "'not a number'",
                f"{shown(c)} || ' is not a number'",
            ),
            (f"abs({n}) > {lim}", f"'{c}'", "'out of range'", f"{_text(c, kinds)} || ' is outside -{lim}..{lim}'"),
        ]
    for c, allowed in (("date_precision", DATE_PRECISIONS), ("attribution", ATTRIBUTIONS)):
        lst = ", ".join(f"'{a}'" for a in allowed)
        out.append(
            (
                f"lower({c}) not in ({lst})",
                f"'{c}'",
                "'unknown value'",
                f"_ingest_shown({c}) || ' is not one of {', '.join(allowed)}'",
            )
        )
    out.append(
        (
            "source_date is not null and _source_date is null",
            "'source_date'",
            "'not a date'",
            shown("source_date") + " || ' is not a date; write YYYY-MM-DD'",
        )
    )
    return out


def _text(c: str, kinds: dict[str, str], prefix: str = "") -> str:
    """SQL of canonical column `c` as the text the checks read: the column, or its text when it is typed."""
    return f"{prefix}{c}" if c not in kinds else f"({prefix}{c})::varchar"


#: a typed date whose text is 'YYYY-MM-DD' (or a timestamp's 'YYYY-MM-DD hh:mm:ss'), so that the text rules
#: read it as this very date, with day precision
_PLAIN_DATE = "{c} between date '0001-01-01' and date '9999-12-31'"


def _parsed(kinds: dict[str, str], fmt: str) -> tuple[str, str]:
    """The select list of the stage's `c0` CTE (the dates and numbers the checks test, from `_ingest_canon c`) and
    the `_date_err` expression of its `c` CTE. A typed column (`kinds`) is taken as it is where its text would
    read as the same value (a date in years 1..9999, any number), else read from its text like any other
    (an exotic date, or any typed date with --date-format): the same values, errors and reasons either way."""

    def date(c: str, f: str) -> tuple[str, str]:
        text = (f"_ingest_date({_text(c, kinds, 'c.')}, {f})", f"_ingest_date_precision({_text(c, kinds, 'c.')}, {f})")
        if kinds.get(c) != "date" or f != "null":
            return text
        plain = _PLAIN_DATE.format(c=f"c.{c}")
        return (
            f"case when {plain} then c.{c}::date else {text[0]} end",
            f"case when {plain} then 'day' else {text[1]} end",
        )

    def number(c: str) -> str:
        return f"c.{c}::double" if kinds.get(c) == "number" else f"try_cast(c.{c} as double)"

    d, prec = date("event_date", fmt)
    out = [
        f"{d} as _date",
        f"{prec} as _date_prec",
        f"{date('source_date', 'null')[0]} as _source_date",
        *(f"{number(c)} as _n_{c}" for c in ("latitude", "longitude")),
        *(f"{number(c)} as _d_{c}" for c in COUNTS),
    ]
    if "event_date" in kinds:
        err = f"case when _date is null then _ingest_date_error(event_date::varchar, {fmt}, _date) end"
    else:
        err = f"_ingest_date_error(event_date, {fmt}, _date)"
    return ", ".join(out), err


def create_macros(con) -> None:
    con.execute(store.sql_text("ingest/macros.sql")).fetchall()


def stage(con, dataset: str, today: dt.date, date_format: str | None, kinds: dict[str, str] | None = None) -> None:
    """Create `_ingest_staged` from `_ingest_canon` and the name maps (sql/ingest/stage.sql). `kinds`: the
    canonical columns `_ingest_canon` keeps in their own type (trends.ingest.readers.canonical_view)."""
    kinds = kinds or {}
    checks = _checks(today, kinds)
    check = "case " + " ".join(f"when {c} then {i}" for i, (c, _, _, _) in enumerate(checks)) + " end"
    field = "case _check " + " ".join(f"when {i} then {f}" for i, (_, f, _, _) in enumerate(checks)) + " end"
    kind = (
        "case _check " + " ".join(f"when {i} then {f} || ': ' || {k}" for i, (_, f, k, _) in enumerate(checks)) + " end"
    )
    reason = "case _check " + " ".join(f"when {i} then {r}" for i, (_, _, _, r) in enumerate(checks)) + " end"
    parsed, date_err = _parsed(kinds, literal(date_format))
    counts = ", ".join(f"_ingest_count_error({c}, _d_{c}) as _e_{c}" for c in COUNTS)
    typed = ", ".join(f"case when _e_{c} is null then _d_{c}::integer end as {c}" for c in COUNTS)
    content = ", ".join(f"coalesce(cast({c} as varchar), '')" for c in CONTENT)
    sql = store.sql_text("ingest/stage.sql").format(
        parsed=parsed,
        date_err=date_err,
        counts=counts,
        typed_counts=typed,
        check=check,
        field=field,
        kind=kind,
        reason=reason,
        record_hash=record_hash_sql(names_hash="_names_hash"),
        id_key=id_key_sql(),
        content=content,
    )
    con.execute(sql).fetchall()


def mark_duplicates(con) -> None:
    """Reject each good row whose event_id an earlier good row of the batch has, naming that row."""
    # repeated keys first (a hash aggregate over the 8-byte keys: usually none, and then no event_id is read), then
    # event_id compared on their rows only
    con.execute("""create or replace temp table _ingest_dup_keys as
                   select id_key from _ingest_staged where _field is null and event_id is not null
                   group by id_key having count(*) > 1""").fetchall()
    none = "" if con.execute("select count(*) from _ingest_dup_keys").fetchall()[0][0] else "limit 0"
    con.execute(f"""create or replace temp table _ingest_dups as
                   select event_id, min(_row) as first_row from _ingest_staged
                   where _field is null and event_id is not null
                     and id_key in (select id_key from _ingest_dup_keys)
                   group by event_id having count(*) > 1 {none}""").fetchall()
    con.execute("drop table if exists _ingest_dup_keys").fetchall()
    if con.execute("select count(*) from _ingest_dups").fetchall()[0][0]:
        con.execute("""update _ingest_staged set _field = 'event_id', _kind = 'event_id: duplicate',
                           _reason = 'duplicate event_id ''' || d.event_id || '''; the first one (kept) is row '
                                     || d.first_row
                       from _ingest_dups d
                       where _ingest_staged.event_id = d.event_id and _ingest_staged._row > d.first_row
                         and _ingest_staged._field is null""").fetchall()
    con.execute("drop table if exists _ingest_dups").fetchall()


def assign_ids(con, dataset: str) -> None:
    """Rows without event_id: '<dataset>:h<16 hex of the content>', '.2', '.3' ... for repeats in file order, so
    identical rows are separate events and the same file again gives the same ids."""
    if not con.execute("select count(*) from _ingest_staged where event_id is null and _field is null").fetchall()[0][
        0
    ]:
        return
    con.execute(f"""update _ingest_staged set event_id = x.id, id_key = {id_key_sql("x.id")}
                    from (select _row, {literal(dataset + ":h")} || _content ||
                                 case when k > 1 then '.' || k else '' end as id
                          from (select _row, _content,
                                       row_number() over (partition by _content order by _row) as k
                                from _ingest_staged where event_id is null and _field is null)) x
                    where _ingest_staged._row = x._row""").fetchall()
