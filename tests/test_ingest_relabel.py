"""`trends actors --add/--renormalize`: stored events are relabelled in place, not versioned."""

import datetime as dt

import pandas as pd

from trends import cli, ingest, store
from trends.aggregate import weekly_counts
from trends.normalize import add_actor_alias

T1 = dt.datetime(2024, 1, 1, 12)
ROWS = pd.DataFrame(
    {
        "event_id": ["r1", "r2", "r3", "r4"],
        "event_date": ["2023-03-06", "2023-03-07", "2023-03-14", "2023-03-15"],
        "actor": ["Wilayat Tarabulus", "Wilayat Tarabulus", "ISIS", "Local Brigade"],
        "counterpart": ["Government of Libya", "Wilayat Tarabulus", "Wilayat Tarabulus", "Wilayat Tarabulus"],
        "country": ["Libya", "Libya", "Libya", "Libya"],
        "province": ["Tripoli", "Tripoli", "Tripoli", "Tripoli"],
        "fatalities": [1, 2, 3, 4],
    }
)


def ea(con):
    return sorted(con.execute("select event_id, actor, actor_family, role from event_actors").fetchall(), key=str)


def test_relabel_updates_events_series_and_keeps_versions(con):
    ingest.ingest_frame(con, ROWS, today="2024-06-01", now=T1)
    assert con.execute("select count(*) from events where actor_matched = false").fetchone()[0] == 3
    hist_before = con.execute("select count(*) from events_history").fetchone()[0]
    add_actor_alias(con, "Wilayat Tarabulus", "IS Libya", "Islamic State")
    res = ingest.relabel_actors(con)
    assert (res.events, res.event_actors) == (2, 4)  # r1, r2 as actor; r2 dup, r3, r4 as counterpart
    ev = dict(
        con.execute("select event_id, actor || '/' || actor_family || '/' || actor_matched from events").fetchall()
    )
    assert ev["r1"] == ev["r2"] == "IS Libya/Islamic State/true"
    assert ev["r3"] == "Islamic State/Islamic State/true"
    # r2: IS Libya on both sides counts once (as actor); r3, r4: IS Libya counts as counterpart
    assert ea(con) == sorted(
        [
            ("r1", "IS Libya", "Islamic State", "actor"),
            ("r2", "IS Libya", "Islamic State", "actor"),
            ("r3", "Islamic State", "Islamic State", "actor"),
            ("r3", "IS Libya", "Islamic State", "counterpart"),
            ("r4", "Local Brigade", None, "actor"),
            ("r4", "IS Libya", "Islamic State", "counterpart"),
        ],
        key=str,
    )
    # series ids: every event_actors row points at the series of its own (actor, country, province)
    bad = con.execute("""select count(*) from event_actors a join series s using (series_id)
                         where s.actor <> a.actor""").fetchone()[0]
    assert bad == 0
    w = weekly_counts(con)
    assert w.loc[w["actor"] == "IS Libya", "events"].sum() == 4
    assert "Wilayat Tarabulus" not in set(w["actor"][w["events"] > 0])
    # not a new version: no history rows, same batch and ingest time; same file again changes nothing
    assert con.execute("select count(*) from events_history").fetchone()[0] == hist_before
    assert con.execute("select distinct batch_id, ingested_at from events").fetchall() == [(1, T1)]
    again = ingest.ingest_frame(con, ROWS.assign(source="copy"), today="2024-06-01")
    assert again.rows_replaced == 4 and again.rows_new == 0  # only the source changed
    assert ingest.relabel_actors(con).events == 0  # and a second relabel finds nothing to do


def test_reingest_after_relabel_is_unchanged(con):
    ingest.ingest_frame(con, ROWS, today="2024-06-01", now=T1)
    add_actor_alias(con, "Wilayat Tarabulus", "IS Libya", "Islamic State")
    ingest.relabel_actors(con)
    res = ingest.ingest_frame(con, ROWS.iloc[::-1], today="2024-06-01")  # same content, different frame hash
    assert (res.rows_unchanged, res.rows_replaced, res.rows_new) == (4, 0, 0)


def test_cli_add_relabels_and_renormalize(tmp_path, capsys):
    db = str(tmp_path / "t.duckdb")
    con = store.connect(db)
    ingest.ingest_frame(con, ROWS, today="2024-06-01")
    con.close()
    assert (
        cli.main(
            ["actors", "--db", db, "--add", "Wilayat Tarabulus", "--actor", "IS Libya", "--family", "Islamic State"]
        )
        == 0
    )
    out = capsys.readouterr().out
    assert "relabelled 2 stored events and 4 series rows" in out
    assert cli.main(["actors", "--db", db, "--renormalize"]) == 0
    assert "relabelled 0 stored events" in capsys.readouterr().out
    con = store.connect(db)
    con.execute("delete from actor_aliases where source = 'user'")  # the user drops the alias by SQL
    con.close()
    assert cli.main(["actors", "--db", db, "--renormalize"]) == 0
    assert "relabelled 2 stored events" in capsys.readouterr().out
    con = store.connect(db, read_only=True)
    assert con.execute("select actor, actor_matched from events where event_id = 'r1'").fetchone() == (
        "Wilayat Tarabulus",
        False,
    )
    con.close()


def test_relabel_failure_changes_nothing(con, monkeypatch):
    ingest.ingest_frame(con, ROWS, today="2024-06-01", now=T1)
    add_actor_alias(con, "Wilayat Tarabulus", "IS Libya", "Islamic State")
    before = {t: con.execute(f"select * from {t} order by all").fetchall() for t in ("events", "event_actors")}
    real = con.execute

    class Boom:
        def __getattr__(self, name):
            return getattr(con, name)

        def execute(self, sql, *a):
            if "delete from event_groups" in sql:  # event_actors rows of events with groups (011)
                raise RuntimeError("injected")
            return real(sql, *a)

    wrapped = Boom()
    try:
        ingest.relabel_actors(wrapped)
    except RuntimeError:
        pass
    else:
        raise AssertionError("the injected failure did not happen")
    after = {t: con.execute(f"select * from {t} order by all").fetchall() for t in ("events", "event_actors")}
    assert after == before
