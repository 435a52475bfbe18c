"""Weekly counts: zero fill, roll-ups, filters, as-of, events_for; property tests against a direct count."""

import datetime as dt

import numpy as np
import pandas as pd
import pytest
from handrows import insert_events
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from trends import store
from trends.aggregate import actor_summary, coverage_ends, events_for, unmatched_actors, weekly_counts
from trends.errors import UsageError
from trends.frames import WEEKLY, check_weekly
from trends.series_weeks import refresh_series_weeks, touched_cells_sql

FAMILY = {"Islamic State": "Islamic State", "Hayat Tahrir al-Sham": "HTS/Nusra", "JNIM": "al-Qaida", "SDF": None}


def load(con, rows, ingested_at="2024-01-01 00:00:00"):
    """Insert events as ingest would: one events row each, one event_actors row per armed group, series ids.

    rows: dicts with id, date, actors (list; first = primary), country, province, and optional fatalities,
    event_type, attribution, dataset.
    """
    series = {
        tuple(r[1:]): r[0] for r in con.execute("select series_id, actor, country, province from series").fetchall()
    }
    ev, ea, new = [], [], []
    for r in rows:
        prov = r.get("province")
        a0 = r["actors"][0]
        ev.append(
            [
                r["id"],
                r["date"],
                a0,
                a0,
                FAMILY.get(a0),
                FAMILY.get(a0) is not None,
                r["country"],
                prov,
                r.get("event_type", "attack"),
                r.get("fatalities"),
                r.get("attribution", "reported"),
                r.get("dataset", "ucdp"),
                ingested_at,
            ]
        )
        for i, a in enumerate(r["actors"]):
            k = (a, r["country"], prov or "")
            if k not in series:
                series[k] = len(series) + 1
                new.append([series[k], *k])
            ea.append([r["id"], series[k], a, FAMILY.get(a), "actor" if i == 0 else "counterpart"])
    insert_events(
        con,
        """insert into events (event_id, event_date, date_precision, actor, actor_raw, actor_family,
                       actor_matched, country, province, event_type, fatalities, attribution, dataset, batch_id,
                       record_hash, ingested_at) values (?, ?, 'day', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, 0, ?)""",
        ev,
        many=True,
    )
    if new:
        con.executemany("insert into series values (?, ?, ?, ?)", new)
    con.executemany(
        "insert into event_groups (event_id, series_id, actor, actor_family, role) values (?, ?, ?, ?, ?)", ea
    )
    # as ingest does: recompute only the series-weeks these events touch in the maintained table
    con.execute(
        "create or replace temp table _loaded as select unnest(?::varchar[]) as event_id", [[r["id"] for r in rows]]
    )
    refresh_series_weeks(con, touched_cells_sql("_loaded"))


ROWS = [
    dict(id="e1", date="2019-11-25", actors=["Islamic State"], country="Syria", province="Raqqa", fatalities=3),
    dict(id="e2", date="2019-12-01", actors=["Islamic State"], country="Syria", province="Raqqa", fatalities=None),
    dict(
        id="e3",
        date="2019-12-17",
        actors=["Islamic State", "Hayat Tahrir al-Sham"],
        country="Syria",
        province="Idlib",
        fatalities=10,
        event_type="clash",
    ),
    dict(
        id="e4",
        date="2019-12-30",
        actors=["JNIM"],
        country="Mali",
        province=None,
        fatalities=1,
        attribution="claimed",
        dataset="report",
    ),
    dict(
        id="e5",
        date="2019-12-18",
        actors=["SDF", "Islamic State"],
        country="Syria",
        province="Raqqa",
        fatalities=2,
        event_type="clash",
    ),
]


@pytest.fixture
def db(con):
    load(con, ROWS)
    return con


def test_zero_filled_per_series_from_first_week_to_store_end(db):
    w = check_weekly(weekly_counts(db))
    assert list(w.columns) == WEEKLY
    raqqa = w[(w.actor == "Islamic State") & (w.province == "Raqqa")]
    # e1 (Mon 2019-11-25) and e2 (Sun 2019-12-01) share an ISO week; e5 on 12-18; store ends week of 12-30
    assert raqqa.week.dt.strftime("%Y-%m-%d").tolist() == [
        "2019-11-25",
        "2019-12-02",
        "2019-12-09",
        "2019-12-16",
        "2019-12-23",
        "2019-12-30",
    ]
    assert raqqa.events.tolist() == [2, 0, 0, 1, 0, 0]
    assert raqqa.fatalities.tolist() == [3, 0, 0, 2, 0, 0]
    mali = w[w.actor == "JNIM"]
    assert mali.province.tolist() == [""] and mali.events.tolist() == [1]
    # the IS-vs-HTS event counts in both groups' series
    idlib = w[(w.province == "Idlib") & (w.week == "2019-12-16")]
    assert sorted(idlib.actor) == ["Hayat Tahrir al-Sham", "Islamic State"] and idlib.events.tolist() == [1, 1]
    assert (w.week.dt.dayofweek == 0).all()


def test_series_ids_are_the_store_ids(db):
    w = weekly_counts(db)
    ids = dict(((a, c, p), s) for s, a, c, p in db.execute("select * from series").fetchall())
    assert all(ids[(r.actor, r.country, r.province)] == r.series_id for r in w.itertuples())


def test_rollups_count_each_event_once_per_key(db):
    c = weekly_counts(db, by=("country",))
    syria = c[c.country == "Syria"]
    assert set(c.actor) == {""} and set(c.province) == {""}
    assert syria.events.sum() == 4  # e1, e2, e3, e5: e3 and e5 have two series each but are one event
    assert syria.fatalities.sum() == 15
    fam = weekly_counts(db, by=("actor_family", "province"))
    assert set(fam.actor) == {"Islamic State", "HTS/Nusra", "al-Qaida", "(unmatched)"}
    assert fam[fam.actor == "Islamic State"].events.sum() == 4
    per_actor = weekly_counts(db, by="actor")
    assert set(per_actor.country) == {""} and per_actor[per_actor.actor == "Islamic State"].events.sum() == 4
    assert per_actor.groupby("actor").series_id.nunique().eq(1).all()


def test_filters_and_window(db):
    assert weekly_counts(db, event_types=["clash"]).events.sum() == 4  # e3 x2 series, e5 x2
    assert weekly_counts(db, datasets="report").actor.unique().tolist() == ["JNIM"]
    assert weekly_counts(db, attributions=["claimed"]).events.sum() == 1
    assert set(weekly_counts(db, countries=["Syrian Arab Republic"]).country) == {"Syria"}
    isis = weekly_counts(db, actors=["ISIS"])
    assert set(isis.actor) == {"Islamic State"} and isis.events.sum() == 4
    w = weekly_counts(db, start="2019-W50", end="2019-12-22")
    assert w.week.min() == pd.Timestamp("2019-12-09") and w.week.max() == pd.Timestamp("2019-12-16")
    # the Raqqa series is quiet in the window start but still filled from the window start
    raqqa = w[(w.actor == "Islamic State") & (w.province == "Raqqa")]
    assert raqqa.events.tolist() == [0, 1]
    assert "JNIM" not in set(w.actor)  # its first event is after `end`
    with pytest.raises(UsageError, match="start week 2020-01-06 is after end week 2019-12-30"):
        weekly_counts(db, start="2020-01-06", end="2019-12-30")
    with pytest.raises(UsageError, match="cannot group by 'group'"):
        weekly_counts(db, by=("group",))


def test_clip_to_coverage_stops_series_at_their_countrys_last_event(db):
    # Syria's last event (any actor) is e5 on 2019-12-18; Mali's is e4 on 2019-12-30 (the store's end)
    cov = coverage_ends(db)
    assert dict(zip(cov.country, cov.last_event.astype(str))) == {"Syria": "2019-12-18", "Mali": "2019-12-30"}
    full = weekly_counts(db)
    clipped = weekly_counts(db, clip_to_coverage=True)
    assert full.week.max() == clipped.week.max() == pd.Timestamp("2019-12-30")
    syria = clipped[clipped.country == "Syria"]
    assert syria.week.max() == pd.Timestamp("2019-12-16")  # the two zero weeks after 12-18 are not data
    raqqa = syria[(syria.actor == "Islamic State") & (syria.province == "Raqqa")]
    assert raqqa.events.tolist() == [2, 0, 0, 1]
    # nothing else changes: the clipped frame is the full frame minus Syria's weeks after its coverage end
    dropped = full[(full.country == "Syria") & (full.week > pd.Timestamp("2019-12-16"))]
    assert len(full) - len(clipped) == len(dropped) > 0 and dropped.events.sum() == 0
    assert (
        clipped[clipped.country == "Mali"]
        .reset_index(drop=True)
        .equals(full[full.country == "Mali"].reset_index(drop=True))
    )
    # a roll-up without a country key is not clipped (coverage is per country)
    assert weekly_counts(db, by="actor", clip_to_coverage=True).equals(weekly_counts(db, by="actor"))
    # a Syrian event from another actor (no series of its own) extends Syria's coverage
    insert_events(
        db,
        """insert into events (event_id, event_date, date_precision, actor, actor_raw, country, province,
                  event_type, attribution, dataset, batch_id, record_hash, ingested_at)
                  values ('e6', '2019-12-31', 'day', 'Government of Syria', 'Government of Syria', 'Syria', 'Homs',
                  'attack', 'reported', 'ucdp', 1, 0, '2024-01-01')""",
    )
    assert weekly_counts(db, clip_to_coverage=True).equals(full)


def test_empty_store_gives_an_empty_weekly_frame(con):
    w = weekly_counts(con)
    assert w.empty and list(w.columns) == WEEKLY and check_weekly(w) is w


def test_as_of_reproduces_counts_before_a_correction(db):
    before = weekly_counts(db)
    # a later batch moves e1 from Raqqa to Deir ez-Zor and adds e6; the old e1 version goes to history
    db.execute("""insert into events_history by name
                  select *, ingested_at as valid_from, timestamp '2024-02-01' as valid_to, 2 as replaced_by_batch
                  from events where event_id = 'e1'""")
    db.execute("create temp table _old_cells as " + touched_cells_sql("(select 'e1' as event_id)"))
    db.execute("delete from event_rows where event_id = 'e1'")
    db.execute("delete from event_groups where event_id = 'e1'")
    load(
        db,
        [
            dict(ROWS[0], province="Deir ez-Zor"),
            dict(id="e6", date="2020-01-08", actors=["JNIM"], country="Mali", province="Mopti"),
        ],
        ingested_at="2024-02-01 00:00:00",
    )
    refresh_series_weeks(db, "_old_cells")  # the cell e1 left
    after = weekly_counts(db)
    assert after[after.province == "Deir ez-Zor"].events.sum() == 1
    assert after[(after.province == "Raqqa") & (after.actor == "Islamic State")].events.sum() == 2  # e2, e5
    then = weekly_counts(db, as_of="2024-01-15")
    pd.testing.assert_frame_equal(then.reset_index(drop=True), before.reset_index(drop=True))
    assert weekly_counts(db, as_of="2023-01-01").empty


def test_events_for_returns_the_events_behind_a_cell(db):
    ev = events_for(db, "Islamic State", "Syria", "Raqqa", "2019-11-25", "2019-11-25")
    assert ev.event_id.tolist() == ["e1", "e2"] and set(ev.role) == {"actor"}
    ev = events_for(db, "Islamic State", "Syria", "Raqqa", "2019-W51", None)
    assert ev.event_id.tolist() == ["e5"] and ev.role.tolist() == ["counterpart"]
    assert events_for(db, "JNIM", "Mali", "").event_id.tolist() == ["e4"]
    assert events_for(db, family="HTS/Nusra").event_id.tolist() == ["e3"]


def test_actor_summary_and_unmatched(db):
    s = actor_summary(db).set_index("actor")
    assert s.loc["Islamic State", "events"] == 4 and s.loc["Islamic State", "series"] == 2
    u = unmatched_actors(db)
    assert u.name.tolist() == ["SDF"] and u.events.tolist() == [1]
    assert str(u["first"].iloc[0])[:10] == "2019-12-18"


# ----------------------------------------------------------------------------------------- properties

_events = st.lists(
    st.tuples(
        st.integers(0, 400),  # day offset from 2018-01-01
        st.sampled_from(["Islamic State", "JNIM", "Hayat Tahrir al-Sham"]),
        st.sampled_from(["Raqqa", "Idlib", ""]),
        st.integers(0, 50),
        st.booleans(),
    ),  # has an SDF counterpart
    min_size=1,
    max_size=60,
)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(evs=_events, lo=st.integers(0, 400), span=st.integers(0, 400))
def test_counts_sum_to_events_in_range_and_weeks_are_contiguous(evs, lo, span):
    con = store.connect(":memory:")
    try:
        day0 = dt.date(2018, 1, 1)
        rows = [
            dict(
                id=f"e{i}",
                date=day0 + dt.timedelta(days=d),
                actors=[a] + (["SDF"] if sdf else []),
                country="Syria",
                province=p or None,
                fatalities=f,
            )
            for i, (d, a, p, f, sdf) in enumerate(evs)
        ]
        load(con, rows)
        start = day0 + dt.timedelta(days=lo)
        end = start + dt.timedelta(days=span)
        w = weekly_counts(con, start=start, end=end)
        s_mon = start - dt.timedelta(days=start.weekday())
        e_next = end - dt.timedelta(days=end.weekday()) + dt.timedelta(days=7)
        in_range = [r for r in rows if s_mon <= r["date"] < e_next]
        # one count per (event, series): primary actor plus SDF counterpart
        assert w.events.sum() == sum(len(r["actors"]) for r in in_range)
        assert w.fatalities.sum() == sum(r["fatalities"] * len(r["actors"]) for r in in_range)
        assert not w.duplicated(["series_id", "week"]).any()
        for _, g in w.groupby("series_id"):
            steps = np.diff(g.week.to_numpy()).astype("timedelta64[D]").astype(int)
            assert (steps == 7).all()
            assert g.week.max() == pd.Timestamp(e_next - dt.timedelta(days=7))
        c = weekly_counts(con, by=("country",), start=start, end=end)
        assert c.events.sum() == len(in_range)
        # the Python function and the SQL view agree on the full range
        v = con.execute("select * from weekly_counts order by series_id, week").df()
        full = weekly_counts(con).sort_values(["series_id", "week"], ignore_index=True)
        assert v.events.tolist() == full.events.tolist() and v.series_id.tolist() == full.series_id.tolist()
    finally:
        con.close()
