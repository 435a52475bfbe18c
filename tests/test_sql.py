"""SQL files: idempotent, one relation per file named after it, views correct on hand-written rows."""

import re

import duckdb
import pytest
from handrows import insert_events

from trends import store
from trends.series_weeks import refresh_series_weeks

VIEW_DIR = store.sql_dir() / "views"


def _rows(con):
    con.execute("""insert into series values (1, 'Islamic State', 'Syria', 'Raqqa'),
                   (2, 'Hayat Tahrir al-Sham', 'Syria', 'Idlib'), (3, 'Islamic State', 'Syria', 'Idlib'),
                   (4, 'JNIM', 'Mali', '')""")
    insert_events(
        con,
        """insert into events (event_id, event_date, date_precision, actor, country, province, fatalities,
                   dataset, batch_id, record_hash, ingested_at) values
                   ('a', '2019-11-25', 'day', 'Islamic State', 'Syria', 'Raqqa', 3, 'ucdp', 1, 0, '2024-01-01'),
                   ('b', '2019-12-15', 'day', 'Islamic State', 'Syria', 'Idlib', null, 'ucdp', 1, 0, '2024-01-01'),
                   ('c', '2019-12-16', 'day', 'JNIM', 'Mali', null, 4, 'ucdp', 2, 0, '2024-03-01')""",
    )
    con.execute("""insert into event_groups (event_id, series_id, actor, actor_family, role) values ('a', 1, 'Islamic State', 'Islamic State', 'actor'),
                   ('b', 3, 'Islamic State', 'Islamic State', 'actor'),
                   ('b', 2, 'Hayat Tahrir al-Sham', 'HTS/Nusra', 'counterpart'),
                   ('c', 4, 'JNIM', null, 'actor')""")
    refresh_series_weeks(con)  # rows written around ingest: bring the maintained weekly table up to date


def test_every_sql_file_applies_twice_to_an_empty_db():
    con = duckdb.connect(":memory:")
    store.apply_migrations(con)
    for _ in range(2):
        assert store.apply_views(con)
    con.close()


@pytest.mark.parametrize("path", sorted(VIEW_DIR.glob("*.sql")), ids=lambda p: p.name)
def test_each_file_defines_one_relation_named_after_it(path, con):
    text = path.read_text(encoding="utf-8")
    name = re.sub(r"^\d+_", "", path.stem)
    made = re.findall(r"create or replace (view|macro) (\w+)", text)
    assert [m[1] for m in made] == [name]
    assert not re.search(r"\b(SELECT|FROM|WHERE|CREATE)\b", text), "keywords are lowercase"
    assert text.startswith("-- "), "a comment giving units and conventions comes first"
    kinds = {r[0] for r in con.execute("select view_name from duckdb_views() where not internal").fetchall()}
    macros = {
        r[0]
        for r in con.execute(
            "select function_name from duckdb_functions() where function_type = 'table_macro'"
        ).fetchall()
    }
    assert name in (kinds if made[0][0] == "view" else macros)


def test_weekly_counts_view_is_zero_filled_to_the_store_end(con):
    _rows(con)
    got = con.execute(
        "select series_id, week::varchar, events, fatalities from weekly_counts order by series_id, week"
    ).fetchall()
    assert got == [
        (1, "2019-11-25", 1, 3),
        (1, "2019-12-02", 0, 0),
        (1, "2019-12-09", 0, 0),
        (1, "2019-12-16", 0, 0),
        (2, "2019-12-09", 1, 0),
        (2, "2019-12-16", 0, 0),
        (3, "2019-12-09", 1, 0),
        (3, "2019-12-16", 0, 0),
        (4, "2019-12-16", 1, 4),
    ]


def test_country_and_family_views_count_an_event_once(con):
    _rows(con)
    syria = con.execute(
        "select week::varchar, events from weekly_country where country = 'Syria' order by week"
    ).fetchall()
    assert syria == [("2019-11-25", 1), ("2019-12-02", 0), ("2019-12-09", 1), ("2019-12-16", 0)]
    fam = con.execute(
        "select actor_family, province, sum(events) from weekly_family group by all order by all"
    ).fetchall()
    assert fam == [
        ("(unmatched)", "", 1),
        ("HTS/Nusra", "Idlib", 1),
        ("Islamic State", "Idlib", 1),
        ("Islamic State", "Raqqa", 1),
    ]


def test_as_of_macros_see_the_store_as_it_was(con):
    _rows(con)
    # event b was first ingested with province Raqqa on 2023-12-01 and corrected on 2024-01-01
    con.execute("""insert into events_history (event_id, event_date, date_precision, actor, country, province,
                   fatalities, dataset, batch_id, record_hash, ingested_at, valid_from, valid_to, replaced_by_batch)
                   values ('b', '2019-12-15', 'day', 'Islamic State', 'Syria', 'Raqqa', 9, 'ucdp', 0, 0,
                           '2023-12-01', '2023-12-01', '2024-01-01', 1)""")
    then = con.execute(
        "select series_id, event_id, fatalities from event_series_as_of(timestamp '2023-12-15') order by all"
    ).fetchall()
    assert then == [(1, "b", 9)]
    now = con.execute("select count(*) from event_series_as_of(timestamp '2024-02-01')").fetchone()[0]
    assert now == 3  # a, b in two series; c was ingested after that time
    w = con.execute(
        "select series_id, week::varchar, events, fatalities "
        "from weekly_counts_as_of(timestamp '2023-12-15') order by all"
    ).fetchall()
    assert w == [(1, "2019-12-09", 1, 9)]


def test_series_weeks_refresh_by_ranges_of_series_equals_one_statement(con, monkeypatch):
    from trends import series_weeks

    _rows(con)
    before = con.execute("select * from series_weeks order by all").fetchall()
    monkeypatch.setattr(series_weeks, "CHUNK_CELLS", 1)  # every series in its own statement
    assert refresh_series_weeks(con) == 4  # cells: (1, 11-25), (2, 12-09), (3, 12-09), (4, 12-16)
    assert con.execute("select * from series_weeks order by all").fetchall() == before
    assert series_weeks.check_series_weeks(con) == 0
