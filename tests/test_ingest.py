"""Ingest: each format from hand-written fixtures, and every kind of bad input named in issue 2."""

import json
from pathlib import Path

import pandas as pd
import pytest

from trends import ingest
from trends.errors import InputFileError, TooManyBadRows, UnknownFormatError

FIX = Path(__file__).parent / "fixtures" / "ingest"
TODAY = "2024-06-01"


def events(con, where="true"):
    return con.execute(f"select * from events where {where} order by event_id").df().set_index("event_id")


def roles(con, event_id):
    return dict(con.execute("select actor, role from event_actors where event_id = ?", [event_id]).fetchall())


def rejected(con):
    return con.execute("select row_number, field, reason, raw_record from rejected_rows order by row_number").df()


# ------------------------------------------------------------------------------------------------- formats
def test_canonical_csv_normalises_actors_provinces_and_sides(con):
    res = ingest.ingest_file(con, FIX / "events_good.csv", today=TODAY)
    assert (res.format, res.rows_read, res.rows_accepted, res.rows_rejected, res.rows_new) == ("events", 6, 6, 0, 6)
    ev = events(con)
    assert ev.loc["ev-001", ["actor", "actor_raw", "actor_family", "province", "province_raw"]].tolist() == [
        "Islamic State",
        "ISIS",
        "Islamic State",
        "Nineveh",
        "Nīnawá province",
    ]
    assert ev.loc["ev-001", ["fatalities", "fatalities_low", "fatalities_high", "wounded"]].tolist() == [3, 3, 4, 7]
    assert ev.loc["ev-001", "attribution"] == "claimed" and str(ev.loc["ev-001", "source_date"])[:10] == "2023-03-07"
    assert ev.loc["ev-003", ["actor", "date_precision"]].tolist() == ["JNIM", "week"]
    # coalition side split; armed group on the other side counts; governments and civilians do not
    assert roles(con, "ev-002") == {
        "Hayat Tahrir al-Sham": "actor",
        "Southern Front": "ally",
        "Islamic State": "counterpart",
    }
    assert roles(con, "ev-001") == {"Islamic State": "actor"}
    assert roles(con, "ev-003") == {"JNIM": "actor"}
    # unknown actor and province are kept as written, flagged and reported
    assert ev.loc["ev-004", ["actor", "actor_matched"]].tolist() == ["Katibat al-Furqan Brigade", False]
    assert ev.loc["ev-006", ["province", "province_matched"]].tolist() == ["Atlantis Oblast", False]
    assert res.unmatched_actors == {"Katibat al-Furqan Brigade": 1}
    assert res.unmatched_provinces == {"Somalia: Atlantis Oblast": 1}
    assert "unknown provinces: Somalia: Atlantis Oblast (1)" in res.summary()


def test_ucdp_csv_picks_the_jihadist_side(con):
    res = ingest.ingest_file(con, FIX / "ucdp_small.csv", today=TODAY)
    assert res.format == "ucdp" and res.rows_read == 6 and res.rows_accepted == 5
    ev = events(con)
    # state-based: government is side_a, IS (side_b) is the actor
    assert ev.loc[
        "ucdp:200001",
        [
            "actor",
            "counterpart",
            "province",
            "event_type",
            "fatalities",
            "fatalities_low",
            "fatalities_high",
            "location",
        ],
    ].tolist() == ["Islamic State", "Government of Iraq", "Nineveh", "state-based conflict", 12, 10, 15, "Mosul city"]
    # one-sided violence: side_a perpetrates
    assert ev.loc["ucdp:200003", ["actor", "counterpart", "event_type"]].tolist() == [
        "Islamic State",
        "Civilians",
        "one-sided violence",
    ]
    assert (ev["attribution"] == "reported").all() and (ev["dataset"] == "ucdp").all()
    # date_prec 2 -> week, 3 -> month, 4 -> year; first date of a multi-date source_date; dd/mm/yyyy read
    assert ev.loc[["ucdp:200002", "ucdp:200004", "ucdp:200005"], "date_precision"].tolist() == ["week", "month", "year"]
    assert str(ev.loc["ucdp:200004", "source_date"])[:10] == "2020-05-12"
    # jihadist vs jihadist: both count; coalition partner counts as ally
    assert roles(con, "ucdp:200002") == {
        "Hayat Tahrir al-Sham": "actor",
        "Southern Front": "ally",
        "Islamic State": "counterpart",
    }
    assert roles(con, "ucdp:200004") == {"JNIM": "actor"}  # two governments: no rows
    # rebrand by date: Jabhat Fateh al-Sham in 2016 stays JFS (HTS from 2017-01-28)
    assert ev.loc["ucdp:200005", "actor"] == "Jabhat Fateh al-Sham"
    assert rejected(con).iloc[0][["row_number", "field"]].tolist() == [6, "date_prec"]


def test_ucdp_side_from_registry_when_no_hint_column(con):
    df = pd.DataFrame(
        {
            "id": [1, 2],
            "side_a": ["Government of Mali", "JNIM"],
            "side_b": ["JNIM", "Civilians"],
            "type_of_violence": [1, 3],
            "country": ["Mali", "Mali"],
            "date_start": ["2020-01-06", "2020-01-07"],
            "adm_1": ["Mopti region", "Segou region"],
            "best": [3, 4],
        }
    )
    res = ingest.ingest_frame(con, df, format="ucdp")
    assert res.rows_accepted == 2
    assert events(con)["actor"].tolist() == ["JNIM", "JNIM"]
    assert events(con)["province"].tolist() == ["Mopti", "Segou"] and events(con)["province_matched"].all()


def test_acled_export(con):
    res = ingest.ingest_file(con, FIX / "acled_sample.csv", today=TODAY)
    assert res.format == "acled" and (res.rows_read, res.rows_accepted, res.rows_rejected) == (4, 3, 1)
    ev = events(con)
    # a state force as actor1 yields to the armed group on the other side
    assert ev.loc["acled:MLI31245", ["actor", "counterpart", "event_type"]].tolist() == [
        "JNIM",
        "Military Forces of Mali (2021-)",
        "Battles: Armed clash",
    ]
    assert ev.loc["acled:MLI31245", "actor_raw"] == "JNIM: Group for Support of Islam and Muslims"
    assert roles(con, "acled:MLI31245") == {"JNIM": "actor", "Wagner Group": "counterpart"}
    # "10 February 2024" date format, time_precision 2 -> week, alias to canonical
    assert ev.loc["acled:BFO12877", ["actor", "actor_family", "date_precision", "fatalities"]].tolist() == [
        "IS Sahel",
        "Islamic State",
        "week",
        11,
    ]
    assert str(ev.loc["acled:BFO12877", "event_date"])[:10] == "2024-02-10"
    rej = rejected(con)
    assert rej.iloc[0][["row_number", "field"]].tolist() == [4, "fatalities"] and "'three'" in rej.iloc[0]["reason"]
    assert json.loads(rej.iloc[0]["raw_record"])["event_id_cnty"] == "NIG22411"


def test_gtd_zero_month_and_day_and_attribution(con):
    res = ingest.ingest_file(con, FIX / "gtd_sample.csv", today=TODAY)
    assert res.format == "gtd" and (res.rows_accepted, res.rows_rejected) == (3, 1)
    ev = events(con)
    row = ev.loc["gtd:201706140012"]
    assert [
        str(row["event_date"])[:10],
        row["date_precision"],
        row["attribution"],
        row["fatalities"],
        row["wounded"],
        row["event_type"],
        row["province"],
    ] == ["2017-06-14", "day", "claimed", 9, 14, "Bombing/Explosion", "Nineveh"]
    row = ev.loc["gtd:201703000004"]  # iday 0 -> month precision; guncertain1 -> unverified
    assert [str(row["event_date"])[:10], row["date_precision"], row["attribution"]] == [
        "2017-03-01",
        "month",
        "unverified",
    ]
    row = ev.loc["gtd:201700000007"]  # imonth 0 -> year precision; gname2 is an ally
    assert [str(row["event_date"])[:10], row["date_precision"]] == ["2017-01-01", "year"]
    assert roles(con, "gtd:201700000007")["Taliban"] == "ally"
    assert rejected(con)["field"].tolist() == ["imonth"]


def test_jsonl_bad_line_is_rejected_with_its_text(con):
    res = ingest.ingest_file(con, FIX / "events.jsonl", today=TODAY)
    assert (res.rows_read, res.rows_accepted, res.rows_rejected) == (4, 3, 1)
    rej = rejected(con).iloc[0]
    assert rej["row_number"] == 4 and "not valid JSON" in rej["reason"] and "Kabul" in rej["raw_record"]
    ev = events(con)
    assert sorted(ev["actor"]) == ["ISKP", "TTP", "al-Shabaab"]
    assert ev.loc[ev["actor"] == "TTP", "counterpart"].tolist() == ["Government of Pakistan"]


def test_parquet_and_csv_give_the_same_events(con, tmp_path):
    df = pd.read_csv(FIX / "events_good.csv").drop(columns="event_id")  # ids come from the content hash
    df.to_parquet(tmp_path / "a.parquet")
    df.to_csv(tmp_path / "a.csv", index=False)
    r1 = ingest.ingest_file(con, tmp_path / "a.parquet", today=TODAY)
    r2 = ingest.ingest_file(con, tmp_path / "a.csv", today=TODAY)
    assert (r1.rows_new, r2.rows_new, r2.rows_unchanged) == (6, 0, 6)
    assert all(i.startswith("events:h") for i in events(con).index)


# ------------------------------------------------------------------------------------------------- bad input
def test_bad_rows_each_rejected_with_row_field_and_reason(con):
    res = ingest.ingest_file(con, FIX / "events_bad.csv", today=TODAY, max_bad_share=0.9)
    assert (res.rows_read, res.rows_accepted, res.rows_rejected) == (12, 5, 7)
    rej = rejected(con).set_index("row_number")
    assert rej["field"].to_dict() == {
        2: "event_date",
        3: "event_date",
        4: "fatalities",
        5: "fatalities",
        6: "event_id",
        9: "attribution",
        10: "actor",
    }
    assert "'31/02/2023' is not a date" in rej.loc[2, "reason"]
    assert "after today (2024-06-01)" in rej.loc[3, "reason"]
    assert "negative" in rej.loc[4, "reason"] and "'several' is not a number" in rej.loc[5, "reason"]
    assert "first one (kept) is row 1" in rej.loc[6, "reason"]
    assert json.loads(rej.loc[6, "raw_record"])["event_date"] == "2023-05-04"
    # unknown actor and unknown province are kept
    ev = events(con)
    assert ev.loc["b-07", "actor_matched"] == False and ev.loc["b-08", "province_matched"] == False  # noqa: E712
    text = res.summary()
    assert f"{FIX / 'events_bad.csv'}:2: event_date: '31/02/2023' is not a date" in text
    # every row read is in events or rejected_rows
    n_rej = con.execute("select count(*) from rejected_rows").fetchone()[0]
    assert len(ev) + n_rej == res.rows_read


def test_summary_lists_first_20_then_points_to_rejected_rows(con):
    df = pd.DataFrame({"event_date": ["2020-01-01"] * 5 + ["not a date"] * 25, "actor": "ISIS", "country": "Iraq"})
    df["event_id"] = [f"x{i}" for i in range(30)]
    res = ingest.ingest_frame(con, df, max_bad_share=1.0)
    lines = res.summary().splitlines()
    assert sum(": event_date: " in line for line in lines) == 20
    assert "... and 5 more; see rejected_rows" in res.summary()


def test_too_many_bad_rows_stores_nothing(con):
    with pytest.raises(TooManyBadRows) as e:
        ingest.ingest_file(con, FIX / "events_bad.csv", today=TODAY)
    assert "7 of 12 rows rejected" in str(e.value) and "event_date: not a date (1)" in str(e.value)
    assert (
        con.execute(
            "select (select count(*) from events) + (select count(*) from batches)"
            " + (select count(*) from rejected_rows)"
        ).fetchone()[0]
        == 0
    )


def test_missing_required_column_names_column_and_file(con, tmp_path):
    p = tmp_path / "noactor.csv"
    p.write_text("event_date,country\n2020-01-01,Iraq\n")
    with pytest.raises(InputFileError) as e:
        ingest.ingest_file(con, p, format="events")
    assert "noactor.csv" in str(e.value) and "missing required column actor" in str(e.value)
    with pytest.raises(UnknownFormatError) as e:
        ingest.ingest_file(con, p)
    msg = str(e.value)
    assert "noactor.csv" in msg and "events  needs event_date, actor, country (missing: actor)" in msg
    assert "ucdp" in msg and "eventid" in msg and "found columns: country, event_date" in msg


def test_empty_and_header_only_files(con, tmp_path):
    p = tmp_path / "empty.csv"
    p.write_bytes(b"")
    with pytest.raises(InputFileError, match="empty.csv: the file is empty"):
        ingest.ingest_file(con, p)
    h = tmp_path / "header.csv"
    h.write_text("event_date,actor,country\n")
    res = ingest.ingest_file(con, h)
    assert (res.rows_read, res.rows_accepted, res.batch_id) == (0, 0, 1)


def test_non_utf8_bytes_reject_only_that_row(con, tmp_path):
    p = tmp_path / "latin1.csv"
    p.write_bytes(
        b"event_id,event_date,actor,country,province\n"
        b"a,2020-01-06,ISIS,Iraq,Anbar\n"
        + b"b,2020-01-07,ISIS,Iraq,Sal\xe2h ad Din\n"
        + "c,2020-01-08,ISIS,Mali,Ménaka\n".encode()
    )
    res = ingest.ingest_file(con, p)
    assert (res.rows_read, res.rows_accepted, res.rows_rejected) == (3, 2, 1)
    rej = rejected(con).iloc[0]
    assert rej["row_number"] == 2 and rej["field"] == "province" and "\\xe2" in rej["reason"]
    assert "Sal\\xe2h ad Din" in json.loads(rej["raw_record"])["province"]
    assert events(con).loc["c", "province_raw"] == "Ménaka"  # valid UTF-8 around it is read as UTF-8


def test_truncated_parquet_is_a_clear_error(con, tmp_path):
    good = tmp_path / "good.parquet"
    pd.DataFrame({"event_date": ["2020-01-01"] * 50, "actor": "ISIS", "country": "Iraq"}).to_parquet(good)
    bad = tmp_path / "cut.parquet"
    bad.write_bytes(good.read_bytes()[:300])
    with pytest.raises(InputFileError, match=r"cut.parquet: cannot read it as Parquet.*truncated"):
        ingest.ingest_file(con, bad)
    assert con.execute("select count(*) from batches").fetchone()[0] == 0


def test_csv_row_with_extra_fields_is_rejected_not_dropped(con, tmp_path):
    p = tmp_path / "ragged.csv"
    p.write_text(
        "event_date,actor,country\n2020-01-06,ISIS,Iraq\n2020-01-07,ISIS,Iraq,extra,more\n2020-01-08,JNIM,Mali\n"
    )
    res = ingest.ingest_file(con, p)
    assert (res.rows_read, res.rows_accepted, res.rows_rejected) == (3, 2, 1)
    assert rejected(con).iloc[0]["row_number"] == 2 and "5 fields" in rejected(con).iloc[0]["reason"]
