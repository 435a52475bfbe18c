"""Merge keys (trends.ingest.keys): id_key finds stored versions, event_id decides; record_hash decides unchanged;
a DuckDB whose hash() differs rekeys the store once; series_weeks follows a delta of revisions exactly."""

import datetime as dt
from pathlib import Path

import pandas as pd

from trends import ingest
from trends.ingest import keys
from trends.series_weeks import check_series_weeks

FIX = Path(__file__).parent / "fixtures" / "ingest"
T1, T2 = dt.datetime(2024, 1, 1, 12), dt.datetime(2024, 2, 1, 12)


def frame():
    return pd.read_csv(FIX / "events_good.csv")


def test_a_key_collision_is_a_lookup_not_a_match(con):
    ingest.ingest_frame(con, frame(), file="v1", now=T1)
    # make stored ev-001 carry the key of a new id: a collision; the new event must still be new, ev-001 untouched
    con.execute("update event_rows set id_key = hash('ev-999'::varchar) where event_id = 'ev-001'")
    con.execute("update event_groups set id_key = hash('ev-999'::varchar) where event_id = 'ev-001'")
    before = con.execute("select * exclude (id_key) from events where event_id = 'ev-001'").fetchall()
    new = frame().head(1).assign(event_id="ev-999", fatalities=77)
    res = ingest.ingest_frame(con, new, file="v2", now=T2)
    assert (res.rows_new, res.rows_replaced, res.rows_unchanged) == (1, 0, 0)
    assert con.execute("select * exclude (id_key) from events where event_id = 'ev-001'").fetchall() == before
    assert con.execute("select count(*) from event_actors where event_id = 'ev-001'").fetchone()[0] >= 1
    assert con.execute("select count(*) from events_history").fetchone()[0] == 0
    assert check_series_weeks(con) == 0


def test_stored_record_hash_is_the_one_staging_computes(con):
    ingest.ingest_frame(con, frame(), file="v1", now=T1)
    same = con.execute(
        f"select count(*) filter (where record_hash = {keys.record_hash_sql()}), count(*) from events"
    ).fetchone()
    assert same[0] == same[1] == 6


def test_names_resolved_by_date_get_their_series_and_the_hash_of_what_is_stored(con):
    """A rebranded name is resolved per event date (ingest.names._dated_variants, per interval): the stored actor,
    its series and the record_hash all follow the date's name, so the same rows again (another frame, other row
    order) are unchanged."""
    df = pd.DataFrame(
        {
            "event_id": ["a", "b", "c", "d"],
            "event_date": ["2016-06-01", "2018-03-01", "2018-03-02", "2016-06-01"],
            "actor": ["Jabhat Fateh al-Sham", "Jabhat Fateh al-Sham", "ISIS", "Jabhat Fateh al-Sham"],
            "country": ["Syria", "Syria", "Syria", "Syria"],
            "province": ["Idlib", "Idlib", "Idlib", "Aleppo"],
        }
    )
    ingest.ingest_frame(con, df, file="v1", now=T1, today="2024-06-01")
    got = con.execute(
        f"""select e.event_id, e.actor, e.actor_family, e.record_hash = {keys.record_hash_sql("e.")}, s.actor,
                   s.province
            from events e join event_actors a using (event_id) join series s using (series_id) order by 1"""
    ).fetchall()
    assert got == [
        ("a", "Jabhat al-Nusra", "HTS/Nusra", True, "Jabhat al-Nusra", "Idlib"),
        ("b", "Hayat Tahrir al-Sham", "HTS/Nusra", True, "Hayat Tahrir al-Sham", "Idlib"),
        ("c", "Islamic State", "Islamic State", True, "Islamic State", "Idlib"),
        ("d", "Jabhat al-Nusra", "HTS/Nusra", True, "Jabhat al-Nusra", "Aleppo"),
    ]
    res = ingest.ingest_frame(con, df.iloc[::-1], file="v2", now=T2, today="2024-06-01")
    assert (res.rows_unchanged, res.rows_new, res.rows_replaced) == (4, 0, 0)
    assert check_series_weeks(con) == 0


def test_a_changed_hash_function_rekeys_the_store_once(con):
    """As if the store was keyed by a DuckDB whose hash() differs: every key wrong, probe different. The next
    ingest recomputes the keys, so the same rows are unchanged (not duplicated, no history)."""
    ingest.ingest_frame(con, frame(), file="v1", now=T1)
    con.execute("update event_rows set id_key = id_key + 1, record_hash = record_hash + 1")
    con.execute("update event_groups set id_key = id_key + 1")
    con.execute("update store_keys set probe = probe + 1")
    again = frame().iloc[::-1].reset_index(drop=True)  # the same rows in another order: not skipped as a copy
    res = ingest.ingest_frame(con, again, file="v2", now=T2)
    assert (res.skipped, res.rows_new, res.rows_replaced, res.rows_unchanged) == (False, 0, 0, 6)
    assert con.execute("select count(*) from events").fetchone()[0] == 6
    assert con.execute("select count(*) from events where id_key <> hash(event_id)").fetchone()[0] == 0
    assert con.execute(f"select probe = {keys.PROBE} from store_keys").fetchall() == [(True,)]


def test_rows_written_without_a_key_are_found(con):
    ingest.ingest_frame(con, frame(), file="v1", now=T1)
    con.execute("update event_rows set id_key = null where event_id = 'ev-002'")
    con.execute("update event_groups set id_key = null where event_id = 'ev-002'")
    v2 = frame()
    v2.loc[v2["event_id"] == "ev-002", "fatalities"] = 30
    res = ingest.ingest_frame(con, v2, file="v2", now=T2)
    assert (res.rows_new, res.rows_replaced, res.rows_unchanged) == (0, 1, 5)
    assert con.execute("select count(*) from events where event_id = 'ev-002'").fetchone()[0] == 1
    assert (
        con.execute("select count(*) from event_actors where event_id = 'ev-002' and id_key is null").fetchone()[0] == 0
    )
    assert check_series_weeks(con) == 0


def test_series_weeks_follow_a_delta_of_revisions_and_new_events(con):
    """A generated store and a delta that revises fatalities, dates, provinces and adds events (some with
    counterpart groups, so events count in several series): the maintained table equals a recount."""
    import numpy as np

    rng = np.random.default_rng(3)
    n = 400
    base = pd.DataFrame(
        {
            "event_id": [f"g{i}" for i in range(n)],
            "event_date": pd.Timestamp("2020-01-01") + pd.to_timedelta(rng.integers(0, 300, n), unit="D"),
            "actor": rng.choice(["ISIS", "JNIM", "al-Shabaab", "HTS"], n),
            "counterpart": rng.choice(["Civilians", "HTS", "Government of Syria", "ISIS"], n),
            "country": rng.choice(["Syria", "Iraq"], n),
            "province": rng.choice(["Idlib", "Aleppo", "Nineveh", "Anbar"], n),
            "fatalities": rng.integers(0, 9, n),
        }
    )
    ingest.ingest_frame(con, base, file="base", now=T1, today="2030-01-01")
    assert check_series_weeks(con) == 0
    delta = base.sample(120, random_state=1).copy()
    delta["fatalities"] = delta["fatalities"] + 1
    delta.loc[delta.index[:40], "event_date"] += pd.Timedelta(days=9)
    delta.loc[delta.index[40:80], "province"] = "Raqqa"
    new = base.sample(50, random_state=2).assign(event_id=lambda d: "n" + d["event_id"])
    res = ingest.ingest_frame(con, pd.concat([delta, new]), file="delta", now=T2, today="2030-01-01")
    assert (res.rows_new, res.rows_replaced) == (50, 120)
    assert check_series_weeks(con) == 0


def test_history_is_the_same_whether_stored_rows_are_fetched_whole_or_slim(monkeypatch):
    from trends import store
    from trends.ingest import merge

    def run(limit):
        monkeypatch.setattr(merge, "FULL_FETCH_MAX", limit)
        con = store.connect(":memory:")
        ingest.ingest_frame(con, frame(), file="v1", now=T1)
        v2 = frame()
        v2.loc[v2["event_id"] == "ev-002", "fatalities"] = 30
        res = ingest.ingest_frame(con, v2, file="v2", now=T2, dataset="events")
        v3 = v2[v2["event_id"] != "ev-003"]  # the complete state: ev-003 is retired
        ingest.ingest_frame(con, v3, file="v3", now=T2 + dt.timedelta(days=1), dataset="events", replace=True)
        hist = con.execute("select * from events_history order by all").fetchall()
        assert check_series_weeks(con) == 0
        con.close()
        return res.rows_replaced, hist

    whole, slim = run(10**6), run(0)
    assert whole == slim and whole[0] == 1 and len(whole[1]) == 2


def test_the_gazetteer_is_built_once_and_then_read_from_the_cache(tmp_path, monkeypatch):
    from trends import normalize
    from trends.ingest import names

    monkeypatch.setenv("TRENDS_CACHE_DIR", str(tmp_path))
    builds = []

    def build():
        builds.append(1)
        return normalize.Gazetteer.load()

    first = names._disk_cached((0, 0), normalize, build)
    files = list(tmp_path.glob("gazetteer-*.pickle"))
    assert len(builds) == 1 and len(files) == 1
    again = names._disk_cached((0, 0), normalize, build)
    assert len(builds) == 1  # read back, not built
    assert again.resolve("Iraq", "Ninawa") == first.resolve("Iraq", "Ninawa") == ("Nineveh", True)
    assert again.country("Syrian Arab Republic") == "Syria"
    names._disk_cached((1, 5), normalize, build)  # other province_aliases rows: another entry
    assert len(builds) == 2 and len(list(tmp_path.glob("gazetteer-*.pickle"))) == 2
    files[0].write_bytes(b"not a pickle")  # a damaged cache is rebuilt
    names._disk_cached((0, 0), normalize, build)
    assert len(builds) == 3
