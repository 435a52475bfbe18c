"""trends.pipeline pieces that need no model: week choice, inbox, report swap, alerts.json, rising series."""

import datetime as dt
import json
import os

import numpy as np
import pandas as pd
import pytest
from handrows import insert_events

from trends import pipeline
from trends.errors import TrendsError
from trends.report import publish
from trends.synthetic import weekly_panel


def _add_event(con, day, event_id="e1"):
    insert_events(
        con,
        """insert into events (event_id, event_date, date_precision, actor, country, dataset, batch_id,
                   record_hash, ingested_at) values (?, ?, 'day', 'IS', 'Iraq', 'events', 1, 0, now())""",
        [event_id, day],
    )


@pytest.mark.parametrize(
    "last, expected",
    [
        ("2019-12-01", "2019-11-25"),  # a Sunday: its week is complete
        ("2019-11-30", "2019-11-18"),  # a Saturday: its week is not, the one before is
        ("2019-11-25", "2019-11-18"),  # a Monday
    ],
)
def test_latest_complete_week(con, last, expected):
    _add_event(con, last)
    got = pipeline.latest_complete_week(con, today=dt.date(2025, 1, 1))
    assert got == dt.date.fromisoformat(expected)


def test_latest_complete_week_is_never_the_current_week(con):
    _add_event(con, "2019-12-01")
    assert pipeline.latest_complete_week(con, today=dt.date(2019, 11, 27)) == dt.date(2019, 11, 18)


def test_latest_complete_week_of_an_empty_store(con):
    with pytest.raises(TrendsError, match="the store has no events"):
        pipeline.latest_complete_week(con)


def test_inbox_lists_files_and_skips_hidden_and_partial(tmp_path):
    for name in ("b.csv", "a.parquet", ".hidden.csv", "c.csv.part"):
        (tmp_path / name).write_text("x")
    (tmp_path / "sub").mkdir()
    assert [p.name for p in pipeline.inbox_files(tmp_path)] == ["a.parquet", "b.csv"]
    assert pipeline.inbox_files(None) == []
    with pytest.raises(TrendsError, match="inbox folder .*nope does not exist"):
        pipeline.inbox_files(tmp_path / "nope")


def test_already_ingested_inbox_files_are_skipped_by_checksum(con, tmp_path):
    f = tmp_path / "week48.csv"
    f.write_text("anything")
    con.execute(
        "insert into batches (batch_id, file, sha256) values (1, 'elsewhere/old-name.csv', ?)",
        [pipeline.file_sha256(f)],
    )
    results, new, skipped, refused = pipeline.ingest_inbox(con, tmp_path)  # never reaches trends.ingest
    assert (results, new, skipped, refused) == ([], [], [f], [])


def test_swap_replaces_the_week_folder(tmp_path):
    final = tmp_path / "2019-W48"
    final.mkdir()
    (final / "report.md").write_text("old")
    new = publish.staging_dir(tmp_path, "2019-W48")
    (new / "report.md").write_text("new")
    publish.swap_in(new, final)
    assert (final / "report.md").read_text() == "new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["2019-W48"]
    assert oct(final.stat().st_mode & 0o777) == "0o755"


def test_swap_interrupted_between_renames_is_repaired(tmp_path):
    final = tmp_path / "2019-W48"
    final.mkdir()
    (final / "report.md").write_text("old")
    new = publish.staging_dir(tmp_path, "2019-W48")

    def die(stage):
        if stage == "publish:swapping":
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        publish.swap_in(new, final, die)
    assert not final.exists()  # killed between the two renames
    publish.recover(tmp_path)
    assert (final / "report.md").read_text() == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["2019-W48"]  # the staging folder removed too


@pytest.mark.parametrize("committed", [True, False])
def test_a_staged_report_is_published_only_if_its_run_committed(tmp_path, committed):
    """A run killed after staging: its report goes in if the store has its run (by token), else it is dropped."""
    final = tmp_path / "2019-W48"
    final.mkdir()
    (final / "report.md").write_text("old")
    token = publish.run_token(dt.datetime(2026, 1, 5, 9, 30, 1, 123456))
    ready = publish.mark_ready(publish.staging_dir(tmp_path, "2019-W48"), "2019-W48", token)
    (ready / "report.md").write_text("new")
    (ready / "alerts.json").write_text("[]\n")
    feed = tmp_path / "feed" / "alerts.json"
    done = publish.recover(tmp_path, lambda label: token if committed else "20260105T093000000000", feed)
    assert (final / "report.md").read_text() == ("new" if committed else "old")
    assert done == (["2019-W48"] if committed else [])
    assert feed.exists() == committed
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != "feed") == ["2019-W48"]


def test_recover_restores_the_old_naming_scheme_too(tmp_path):
    (tmp_path / ".2019-W48.old-1234").mkdir()  # left by releases that used `.old-<pid>`
    publish.recover(tmp_path)
    assert [p.name for p in tmp_path.iterdir()] == ["2019-W48"]


def test_alerts_json_is_plain_json(tmp_path):
    alerts = pd.DataFrame(
        {
            "actor": ["IS"],
            "country": ["Iraq"],
            "province": ["Nineveh"],
            "week": pd.to_datetime(["2014-06-02"]),
            "rule": ["surge"],
            "level": ["alert"],
            "observed": np.array([9], dtype="int64"),
            "expected": [2.123456],
            "threshold": [np.nan],
            "score": np.float32([3.5]),
            "first_seen": [dt.date(2014, 5, 26)],
        }
    )
    path = publish.write_alerts_json(alerts, tmp_path / "out" / "alerts.json")
    got = json.loads(path.read_text())
    assert got == [
        {
            "level": "alert",
            "status": "new",
            "actor": "IS",
            "country": "Iraq",
            "province": "Nineveh",
            "week": "2014-W23",
            "rule": "surge",
            "observed": 9,
            "expected": 2.12,
            "threshold": None,
            "score": 3.5,
            "first_seen": "2014-W22",
            "last_seen": "2014-W23",
            "detail": "",
            "event_ids": [],
        }
    ]
    assert os.listdir(tmp_path / "out") == ["alerts.json"]  # no temp file left
    assert oct(path.stat().st_mode & 0o777) == "0o644"


def test_active_series_keeps_only_series_with_recent_events():
    weekly, _ = weekly_panel(n_series=2, n_weeks=120, base_rate=3.0, seed=2)
    weekly.loc[
        (weekly["actor"] == "A0") & (weekly["week"] >= weekly["week"].min() + pd.Timedelta(weeks=60)), "events"
    ] = 0
    cutoff = (weekly["week"].max() + pd.Timedelta(days=7)).date()
    act = pipeline.active_series(weekly, cutoff)
    assert set(act["actor"]) == {"A1"} and len(act) == 120


def test_a_week_after_the_latest_event_is_refused(con):
    from trends.config import RunConfig

    _add_event(con, "2019-11-27")
    with pytest.raises(TrendsError, match=r"week 2019-W49 is after the latest event in the store \(2019-11-27\)"):
        pipeline.analyse_week(con, dt.date(2019, 12, 2), RunConfig())


@pytest.fixture(scope="module")
def sample_store(tmp_path_factory):
    from trends import store
    from trends.ingest import ingest_file, sample_path

    con = store.connect(tmp_path_factory.mktemp("sample") / "s.duckdb")
    ingest_file(con, sample_path())
    yield con
    con.close()


def test_watch_list_and_coverage_on_the_sample(sample_store):
    from trends.aggregate import weekly_counts
    from trends.config import WatchList

    con = sample_store
    week = dt.date(2019, 11, 25)  # 2019-W48: Iraq's data ended in 2018-12, Syria's end on Tuesday 2019-11-26
    weekly = weekly_counts(con, end=week, clip_to_coverage=True)
    watched, left = pipeline.watch_filter(con, weekly)
    fam = pipeline.actor_families(con)
    assert watched["actor"].map(fam).notna().all()  # only registry actors by default
    assert {"SDF", "Koglweogo"} <= set(left["actor"]) and left["family"].isna().all()
    assert len(watched) + len(weekly[weekly["actor"].isin(left["actor"])]) == len(weekly)
    assert "SDF" in set(pipeline.watch_filter(con, weekly, WatchList(actors=("SDF",)))[0]["actor"])
    # Iraq's series stop at its last event instead of reading as a collapse to zero
    iraq = weekly[weekly["country"] == "Iraq"]
    assert iraq["week"].max() == pd.Timestamp("2018-12-24")
    cov = pipeline.coverage_issues(con, week, watched["country"].unique())
    notes = dict(zip(cov["country"], cov["error"]))
    assert notes["Iraq"] == "no data after 2018-W52"
    assert notes["Syria"] == "data end on 2019-11-26, inside 2019-W48"
    assert "Nigeria" not in notes and "Mali" not in notes


def test_forecasts_and_backtests_from_the_trimmed_window_equal_those_from_the_whole_history():
    from trends.forecast import backtest, forecast_panel
    from trends.forecast.panel import HISTORY_WEEKS

    weekly, _ = weekly_panel(n_series=6, n_weeks=400, base_rate=np.linspace(0.3, 5, 6), seed=4)
    # two countries; one series starts late in its (long covered) country, one country starts late
    weekly["country"] = np.where(weekly["actor"].isin(["A0", "A1", "A2"]), "Iraq", "Mali")
    late = (weekly["actor"] == "A1") & (weekly["week"] < weekly["week"].min() + pd.Timedelta(weeks=300))
    young = weekly["country"].eq("Mali") & (weekly["week"] < weekly["week"].min() + pd.Timedelta(weeks=330))
    weekly = weekly[~late & ~young].reset_index(drop=True)
    cutoff = weekly["week"].max() + pd.Timedelta(days=7)
    trimmed = pipeline.rows_since(weekly, cutoff - pd.Timedelta(weeks=HISTORY_WEEKS))
    assert len(trimmed) < len(weekly) / 1.5
    full, part = forecast_panel(weekly, "auto", horizon=4), forecast_panel(trimmed, "auto", horizon=4)
    pd.testing.assert_frame_equal(part, full)
    origins = [cutoff - pd.Timedelta(weeks=k) for k in (26, 13)]
    first = pipeline.rows_since(weekly, origins[0] - pd.Timedelta(weeks=HISTORY_WEEKS))
    pd.testing.assert_frame_equal(
        backtest(first, ["naive", "auto"], origins, 4), backtest(weekly, ["naive", "auto"], origins, 4)
    )
