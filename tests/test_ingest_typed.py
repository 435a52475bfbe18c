"""Typed columns and dated names (trends.ingest.readers.canonical_view, trends.ingest.checks, trends.ingest.names):
a Parquet DATE, integer or DOUBLE column is checked in its own type with the same rejections as its text; a name
that resolves by date is resolved per interval between the registry's change dates, as per row."""

import datetime as dt

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from trends import ingest, normalize
from trends.ingest import keys, readers

T1 = dt.datetime(2024, 1, 1, 12)
TODAY = "2024-06-01"

#: one row per case: (event_date as days since 1970-01-01, fatalities, wounded, latitude); None = empty
CASES = [
    (dt.date(2020, 3, 1), 3, None, 36.2),  # good
    (dt.date(2020, 3, 2), 0, 4, None),  # good
    (dt.date(2031, 1, 1), 1, None, 36.0),  # event_date in the future
    (dt.date(1850, 3, 1), 1, None, 36.0),  # before 1900
    (None, 1, None, 36.0),  # empty date
    (dt.date(2020, 3, 3), -3, None, 36.0),  # negative count
    (dt.date(2020, 3, 4), 3_000_000_000, None, 36.0),  # too large
    (dt.date(2020, 3, 5), 2, -1, 36.0),  # negative wounded
    (dt.date(2020, 3, 6), 2, None, 95.5),  # latitude out of range
    (dt.date(2020, 3, 7), 2, None, float("nan")),  # latitude not a number
    (dt.date(2020, 3, 8), 2, None, float("inf")),  # latitude not finite
    (dt.date(2020, 3, 9), 2, None, -12.25),  # good
]
#: dates a DATE column holds whose text is no YYYY-MM-DD (year 10000, a BC date): read from their text, as before
ODD_DAYS = [(dt.date(9999, 12, 31) - dt.date(1970, 1, 1)).days + 1, (dt.date(1, 1, 1) - dt.date(1970, 1, 1)).days - 400]


def _table(odd: bool = False) -> pa.Table:
    days = [None if d is None else (d - dt.date(1970, 1, 1)).days for d, *_ in CASES] + (ODD_DAYS if odd else [])
    n = len(days)
    pad = [None] * (n - len(CASES))
    return pa.table(
        {
            "event_id": [f"ev-{i:02d}" for i in range(n)],
            "event_date": pa.array(days, type=pa.int32()).cast(pa.date32()),
            "actor": ["ISIS"] * n,
            "country": ["Iraq"] * n,
            "province": ["Nineveh"] * n,
            "fatalities": pa.array([c[1] for c in CASES] + [1] * len(pad), type=pa.int64()),
            "wounded": pa.array([c[2] for c in CASES] + pad, type=pa.int32()),
            "latitude": pa.array([c[3] for c in CASES] + pad, type=pa.float64()),
        }
    )


def _rejected(con):
    return con.execute("select row_number, field, reason from rejected_rows order by row_number").fetchall()


def _events(con):
    return con.execute(
        "select event_id, event_date, date_precision, actor, fatalities, wounded, latitude, record_hash from events "
        "order by event_id"
    ).fetchall()


def test_the_bench_file_kind_of_columns_take_the_typed_path(tmp_path, con):
    path = tmp_path / "e.parquet"
    pq.write_table(_table(), path)
    seen = {}
    real = readers._typed_columns

    def spy(types, exprs):
        seen.update(real(types, exprs))
        return seen

    readers._typed_columns = spy
    try:
        ingest.ingest_file(con, path, now=T1, today=TODAY, max_bad_share=1)
    finally:
        readers._typed_columns = real
    assert seen == {"event_date": "date", "fatalities": "number", "wounded": "number", "latitude": "number"}


def test_typed_parquet_rejects_what_its_text_path_rejects_and_stores_the_same(tmp_path, monkeypatch):
    """The same Parquet file through the typed checks and (typed detection switched off) through the text
    checks: the same rejected rows (number, raw record, field, reason) and the same stored events, hashes too."""
    from trends import store

    path = tmp_path / "e.parquet"
    pq.write_table(_table(odd=True), path)
    out = []
    for typed in (True, False):
        con = store.connect(":memory:")
        if not typed:
            monkeypatch.setattr(readers, "_typed_columns", lambda types, exprs: {})
        res = ingest.ingest_file(con, path, now=T1, today=TODAY, max_bad_share=1)
        out.append(
            (
                res.rows_accepted,
                con.execute(
                    "select row_number, raw_record, field, reason from rejected_rows order by row_number"
                ).fetchall(),
                _events(con),
            )
        )
        con.close()
    assert out[0] == out[1]
    assert out[0][0] == 3
    reasons = {r[0]: r[3] for r in out[0][1]}
    assert reasons[13] == "'10000-01-01' is not a date; write YYYY-MM-DD"
    assert reasons[14].endswith("(BC)' is not a date; write YYYY-MM-DD")


def test_typed_parquet_and_csv_of_the_same_values_reject_the_same_rows(tmp_path, con):
    path = tmp_path / "e.parquet"
    table = _table()
    pq.write_table(table, path)
    ingest.ingest_file(con, path, now=T1, today=TODAY, max_bad_share=1)
    typed, typed_events = _rejected(con), _events(con)
    csv = tmp_path / "e.csv"
    lines = ["event_id,event_date,actor,country,province,fatalities,wounded,latitude"]
    for r in table.to_pylist():
        lat = r["latitude"]
        lat = "" if lat is None else ("nan" if lat != lat else ("inf" if lat == float("inf") else repr(lat)))
        vals = [r["event_id"], r["event_date"] or "", r["actor"], r["country"], r["province"], r["fatalities"]]
        vals += ["" if r["wounded"] is None else r["wounded"], lat]
        lines.append(",".join(str(v) for v in vals))
    csv.write_text("\n".join(lines) + "\n")
    from trends import store

    con2 = store.connect(":memory:")
    ingest.ingest_file(con2, csv, now=T1, today=TODAY, max_bad_share=1)
    assert _rejected(con2) == typed
    assert _events(con2) == typed_events
    con2.close()
    fields = [f for _, f, _ in typed]
    assert fields == [
        "event_date",
        "event_date",
        "event_date",
        "fatalities",
        "fatalities",
        "wounded",
        "latitude",
        "latitude",
        "latitude",
    ]
    assert typed[0][2] == f"2031-01-01 is in the future: after today ({TODAY}); fix the date"
    assert typed[4][2] == "3e+09 is too large for a count (at most 2,147,483,647)"
    assert typed[6][2] == "95.5 is outside -90..90"


def test_a_typed_date_with_a_date_format_is_read_from_its_text(tmp_path, con):
    """--date-format applies to the text of the date, as before: a DATE column's text is YYYY-MM-DD."""
    path = tmp_path / "e.parquet"
    pq.write_table(_table().slice(0, 2), path)
    res = ingest.ingest_file(con, path, now=T1, today=TODAY, date_format="%Y-%m-%d", max_bad_share=1)
    assert res.rows_accepted == 2
    con2 = __import__("trends.store", fromlist=["connect"]).connect(":memory:")
    res = ingest.ingest_file(con2, path, now=T1, today=TODAY, date_format="%d/%m/%Y", max_bad_share=1)
    assert res.rows_accepted == 0
    assert {r[1] for r in _rejected(con2)} == {"event_date"}
    con2.close()


# ---------------------------------------------------------------------------------------------------- dated names
def test_change_dates_are_where_the_resolution_changes():
    reg = normalize.ActorRegistry.load()
    assert reg.change_dates("Jabhat Fateh al-Sham") == [dt.date(2016, 7, 28), dt.date(2017, 1, 28)]
    assert reg.change_dates("ISIS") == []  # one row: the date never matters
    assert reg.change_dates("no such group") == []
    # a name matched through its parts changes where its parts do
    assert reg.change_dates("Jabhat Fateh al-Sham (JFS)") == reg.change_dates("Jabhat Fateh al-Sham")
    for name in ("Jabhat Fateh al-Sham", "Nusra Front", "HTS"):
        cuts = reg.change_dates(name)
        days = [dt.date(2000, 1, 1)] + [c + dt.timedelta(days=k) for c in cuts for k in (-1, 0, 1)]
        for a, b in zip(days, days[1:]):
            if not any(a < c <= b for c in cuts):
                assert reg.resolve(name, a) == reg.resolve(name, b)


@pytest.mark.parametrize("name", ["Jabhat Fateh al-Sham", "Nusra Front", "Hayat Tahrir al-Sham (HTS)"])
def test_dated_names_are_stored_as_the_registry_resolves_them_on_each_date(con, name):
    import pandas as pd

    reg = normalize.ActorRegistry.load()
    cuts = reg.change_dates(name) or [dt.date(2017, 1, 28)]
    days = sorted({c + dt.timedelta(days=k) for c in cuts for k in (-400, -1, 0, 1, 400)})
    df = pd.DataFrame(
        {
            "event_id": [f"d{i}" for i in range(len(days))],
            "event_date": [d.isoformat() for d in days],
            "actor": name,
            "country": "Syria",
            "province": "Idlib",
        }
    )
    ingest.ingest_frame(con, df, file="v1", now=T1, today=TODAY, max_bad_share=1)
    got = con.execute(
        f"select event_date, actor, actor_family, actor_matched, record_hash = {keys.record_hash_sql()} "
        "from events order by event_date"
    ).fetchall()
    want = [(d, reg.resolve(name, d).actor, reg.resolve(name, d).family, True, True) for d in days]
    assert got == want
    series = con.execute(
        "select e.event_date, s.actor from events e join event_actors a using (event_id) "
        "join series s using (series_id) order by 1"
    ).fetchall()
    assert series == [(d, a) for d, a, *_ in want]
    res = ingest.ingest_frame(con, df.iloc[::-1], file="v2", now=T1, today=TODAY, max_bad_share=1)
    assert (res.rows_unchanged, res.rows_new, res.rows_replaced) == (len(days), 0, 0)
