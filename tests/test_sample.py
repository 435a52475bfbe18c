"""The shipped UCDP sample end to end: ingest into a real DuckDB file, weekly counts equal counts computed
independently from the Parquet with plain pandas, and ingesting again changes nothing."""

import pandas as pd
import pytest

from trends import ingest, store
from trends.aggregate import weekly_counts
from trends.normalize import Gazetteer

TABLES = ["batches", "events", "events_history", "series", "event_actors", "rejected_rows"]


@pytest.fixture(scope="module")
def sample_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("sample") / "sample.duckdb"
    con = store.connect(path)
    res = ingest.ingest_file(con, ingest.sample_path(), today="2024-01-01")
    yield con, res, path
    con.close()


@pytest.fixture(scope="module")
def raw():
    df = pd.read_parquet(ingest.sample_path())
    df["week"] = pd.to_datetime(df["date_start"]).dt.to_period("W-SUN").dt.start_time
    return df


def _nonzero(df, key):
    d = df[df["events"] > 0]
    return d.set_index([key, "week"])["events"].sort_index()


def test_every_sample_row_is_stored(sample_db, raw):
    con, res, _ = sample_db
    assert (res.rows_read, res.rows_accepted, res.rows_rejected) == (len(raw), len(raw), 0)
    assert con.execute("select count(*) from events").fetchone()[0] == len(raw)
    assert (
        con.execute("select count(*) from events where province_raw is not null and not province_matched").fetchone()[0]
        == 0
    )


def test_weekly_counts_per_country_match_pandas(sample_db, raw):
    con, _, _ = sample_db
    gaz = Gazetteer.load()
    raw = raw.assign(country=raw["country"].map(gaz.country))
    expected = raw.groupby(["country", "week"]).size().rename("events").sort_index()
    got = weekly_counts(con, by=("country",))
    assert _nonzero(got, "country").equals(expected.astype(got["events"].dtype))
    # zero-filled: one row per week from each country's first week to the last week of the store
    last = raw["week"].max()
    for country, first in raw.groupby("country")["week"].min().items():
        n = len(pd.date_range(first, last, freq="W-MON"))
        assert (got["country"] == country).sum() == n


def test_weekly_counts_of_the_islamic_state_family_match_pandas(sample_db, raw):
    con, _, _ = sample_db
    is_rows = raw[raw["x_jihadist_family"].str.split("; ").map(lambda f: "IS" in f)]
    expected = is_rows.groupby("week").size().sort_index()
    got = weekly_counts(con, by=("actor_family",))
    got = got[(got["actor"] == "Islamic State") & (got["events"] > 0)].set_index("week")["events"].sort_index()
    assert got.equals(expected.astype(got.dtype))


def test_ingesting_again_changes_nothing(sample_db, tmp_path):
    con, _, _ = sample_db
    before = {t: con.execute(f"select * from {t} order by all").fetchall() for t in TABLES if t != "batches"}
    again = ingest.ingest_file(con, ingest.sample_path())
    assert again.skipped
    # the same rows in another file (CSV bytes, different sha256) are all "unchanged"
    csv = tmp_path / "sample.csv"
    pd.read_parquet(ingest.sample_path()).to_csv(csv, index=False)
    res = ingest.ingest_file(con, csv)
    assert (res.format, res.rows_new, res.rows_replaced, res.rows_unchanged) == ("ucdp", 0, 0, res.rows_read)
    after = {t: con.execute(f"select * from {t} order by all").fetchall() for t in TABLES if t != "batches"}
    assert after == before
