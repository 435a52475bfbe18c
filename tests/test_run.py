"""`trends run`: exit codes, dry run, re-runs, inbox skipping and a run killed half-way, on a small real store.

The store is a slice of the shipped UCDP sample (Sahel and Nigeria, 2015-2019) built once per worker and
copied for each test; the week analysed is 2019-W01 (the demo week: alerts of every kind).
"""

import datetime as dt
import hashlib
import importlib.resources
import json
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from trends import pipeline, store
from trends.cli import main
from trends.config import alert_levels, load_config
from trends.lock import lock_path

WEEK = "2019-W01"
MONDAY = dt.date(2018, 12, 31)


def _fast_models() -> str:
    from trends.forecast import MODELS

    for name in ("seasonal_naive", "snaive", "naive", "mean", "historical_mean"):
        if name in MODELS:
            return f'["{name}"]'
    return '"auto"'


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    """A store holding the Sahel/Nigeria 2015-2019 slice of the shipped sample, and that slice's file."""
    from trends.ingest import ingest_file

    root = tmp_path_factory.mktemp("template")
    sample = importlib.resources.files("trends") / "data" / "ucdp_ged_jihadist_events.parquet"
    df = pd.read_parquet(sample)
    keep = df["country"].isin(["Nigeria", "Burkina Faso", "Mali", "Niger"]) & df["date_start"].astype(str).between(
        "2015-01-01", "2019-12-31"
    )
    slice_ = root / "sahel_nigeria_2015_2019.parquet"
    df[keep].to_parquet(slice_)
    db = root / "t.duckdb"
    con = store.connect(db)
    ingest_file(con, slice_)
    con.close()
    return db, slice_


@pytest.fixture
def site(tmp_path, template):
    """A working folder: copy of the store, empty inbox, reports/ and a trends.toml using them."""
    db = tmp_path / "t.duckdb"
    shutil.copy2(template[0], db)
    (tmp_path / "inbox").mkdir()
    cfg = tmp_path / "trends.toml"
    cfg.write_text(f"""
[paths]
db = "t.duckdb"
inbox = "inbox"
reports = "reports"
alerts_json = "feed/alerts.json"
[run]
week = "{WEEK}"
models = {_fast_models()}
horizon = 4
backtest = false
[alerts]
fail_on_level = "{alert_levels()[0]}"
""")
    return tmp_path


def _q(db, sql, params=()):
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql, list(params)).fetchall()
    finally:
        con.close()


def _tree(folder: Path) -> dict:
    """{relative path: sha256} of every file under folder."""
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def _run(site, *extra):
    return main(["run", "--config", str(site / "trends.toml"), *extra])


def test_exit_0_writes_report_alerts_json_and_stores_the_week(site, capsys):
    assert _run(site) == 0
    out = capsys.readouterr().out
    week_dir = site / "reports" / WEEK
    assert f"week {WEEK} (2018-12-31 to 2019-01-06)" in out
    assert str(week_dir) in out
    import json

    alerts = json.loads((week_dir / "alerts.json").read_text())
    assert json.loads((site / "feed" / "alerts.json").read_text()) == alerts
    stored = _q(site / "t.duckdb", "select count(*) from runs where week = ?", [MONDAY])
    assert stored == [(1,)]
    n_alerts = _q(site / "t.duckdb", "select alerts from runs where week = ?", [MONDAY])[0][0]
    assert n_alerts == len(alerts)
    assert all(a["week"] == WEEK for a in alerts)  # the same week labels as alerts.csv
    assert not lock_path(site / "t.duckdb").exists()
    assert sorted(p.name for p in (site / "reports").iterdir()) == [WEEK]  # no temp folders left


def test_fail_on_alert_exit_3_only_with_the_flag(site, capsys):
    res = pipeline.run(load_config(site / "trends.toml"), dry_run=True)
    levels = alert_levels()
    present = set(res.analysis.alerts["level"])
    assert present, "the test week must raise alerts"
    top = max(present, key=levels.index)
    n_top = res.alerts_at_or_above(top)
    assert _run(site, "--dry-run") == 0  # alerts, but no flag
    assert _run(site, "--dry-run", "--fail-on-alert", top) == 3
    assert f"{n_top} alert(s) at level '{top}' or above: exit 3" in capsys.readouterr().err
    assert _run(site, "--dry-run", "--fail-on-alert") == 3  # level from the config (lowest here)
    if top != levels[-1]:  # a level above every alert raised
        assert _run(site, "--dry-run", "--fail-on-alert", levels[-1]) == 0


@pytest.mark.parametrize(
    "toml, message",
    [
        ("[run]\nhorizon = 99\n", "'run.horizon' must be an integer from 1 to 12, got 99"),
        ("[alerts]\ncooldown = 3\n", "unknown key 'alerts.cooldown'; did you mean 'alerts.cooldown_weeks'?"),
    ],
)
def test_exit_2_bad_config_names_the_key(site, capsys, toml, message):
    bad = site / "bad.toml"
    bad.write_text(toml)
    assert main(["run", "--config", str(bad)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"Error: {bad}: ") and message in err  # nothing logged before the config is read


def test_exit_2_bad_arguments(site, capsys):
    assert _run(site, "--week", "2019-W99") == 2
    assert "2019-W99" in capsys.readouterr().err
    assert _run(site, "--fail-on-alert", "apocalyptic") == 2
    assert "--fail-on-alert: unknown level 'apocalyptic'" in capsys.readouterr().err


def test_exit_1_missing_database(site, capsys):
    assert main(["run", "--config", str(site / "trends.toml"), "--db", str(site / "typo.duckdb")]) == 1
    assert f"database {site / 'typo.duckdb'} does not exist" in capsys.readouterr().err
    assert not (site / "typo.duckdb").exists()


def _bad_inbox(site, template) -> None:
    """Two files refused as a whole (binary garbage; a header naming date_start twice) and one good new file."""
    (site / "inbox" / "a-garbage.csv").write_bytes(b"\x00\x01\x02garbage\xff" * 50)
    (site / "inbox" / "b-twice.csv").write_text("id,date_start,date_start,country\n1,2019-01-01,2019-01-01,Mali\n")
    new = pd.read_parquet(template[1]).head(3).assign(id=lambda d: d["id"] + 10_000_000)
    new.to_parquet(site / "inbox" / "c-new.parquet")  # sorted after the bad ones: the run must go on to it


def test_exit_4_bad_inbox_files_are_quarantined_and_the_run_goes_on(site, template, capsys):
    db = site / "t.duckdb"
    _bad_inbox(site, template)
    n_events, n_batches = _q(db, "select (select count(*) from events), (select count(*) from batches)")[0]
    assert _run(site) == 4
    out, err = capsys.readouterr()
    # the good file was ingested, the bad ones stored nothing; the week was published
    assert _q(db, "select count(*) from events")[0][0] == n_events + 3
    assert _q(db, "select count(*) from batches")[0][0] == n_batches + 1
    assert (site / "reports" / WEEK / "alerts.json").exists() and (site / "feed" / "alerts.json").exists()
    assert "inbox: 1 new file(s) ingested (3 new events), 0 skipped (already ingested), 2 REFUSED" in out
    rejected = site / "inbox" / "rejected"
    assert "refused b-twice.csv (moved to " + str(rejected / "b-twice.csv") + "): " in out
    assert "names column 'date_start' twice" in out
    assert "2 inbox file(s) refused" in err and "exit 4" in err and "Traceback" not in err
    # each moved out of the inbox with a reason beside it
    assert sorted(p.name for p in (site / "inbox").iterdir()) == ["c-new.parquet", "rejected"]
    assert sorted(p.name for p in rejected.iterdir()) == [
        "a-garbage.csv",
        "a-garbage.csv.reason",
        "b-twice.csv",
        "b-twice.csv.reason",
    ]
    reason = (rejected / "b-twice.csv.reason").read_text()
    assert "names column 'date_start' twice" in reason
    assert hashlib.sha256((rejected / "b-twice.csv").read_bytes()).hexdigest() in reason
    # the report says so too
    md = (site / "reports" / WEEK / "report.md").read_text()
    assert "inbox file a-garbage.csv refused" in md and "inbox file b-twice.csv refused" in md
    # the next run is not stopped by them (they are out of the inbox): exit 0, the good file skipped
    assert _run(site) == 0
    assert "inbox: 0 new file(s) ingested (0 new events), 1 skipped" in capsys.readouterr().out
    # the same bad name again (a re-export still broken) does not overwrite the first one's evidence
    (site / "inbox" / "b-twice.csv").write_text("id,country,country\n2,Mali,Mali\n")
    assert _run(site) == 4
    capsys.readouterr()
    assert len(list(rejected.glob("*-b-twice.csv"))) == 1 and (rejected / "b-twice.csv").exists()
    assert not lock_path(db).exists()


def test_dry_run_names_bad_inbox_files_and_moves_nothing(site, template, capsys):
    _bad_inbox(site, template)
    before = _tree(site)
    assert _run(site, "--dry-run") == 4
    out = capsys.readouterr().out
    assert "1 new file(s) would be ingested (3 new events), 0 skipped (already ingested), 2 REFUSED" in out
    assert "refused a-garbage.csv (dry run: left in the inbox)" in out
    assert _tree(site) == before


def test_a_store_problem_still_stops_the_run(site, template, monkeypatch, capsys):
    """Only file-level errors are quarantined: an error of the store (here a failing merge) stops the run, exit
    1, with the store and the inbox as they were."""
    import duckdb as _duckdb

    from trends import ingest

    _bad_inbox(site, template)
    before = _tree(site / "inbox")

    def broken(*a, **k):
        raise _duckdb.IOException("IO Error: could not write to the database file (disk full)")

    monkeypatch.setattr(ingest, "ingest_file", broken)
    with pytest.raises(_duckdb.IOException):
        _run(site)
    assert _tree(site / "inbox") == before and not (site / "reports" / WEEK).exists()


def test_dry_run_writes_nothing(site, template, capsys):
    shutil.copy2(template[1], site / "inbox" / "again.parquet")  # already ingested: skipped
    new = pd.read_parquet(template[1]).head(3).assign(id=lambda d: d["id"] + 10_000_000)
    new.to_parquet(site / "inbox" / "new.parquet")  # three events the store has not seen
    before = _tree(site)
    assert _run(site, "--dry-run") == 0
    out = capsys.readouterr().out
    assert "inbox: 1 new file(s) would be ingested (3 new events), 1 skipped" in out
    assert "dry run: nothing written" in out
    assert _tree(site) == before


RUNS_SAME = "select * exclude (run_at, seconds, files_ingested, files_skipped) from runs"


def _alerts_table(db) -> list:
    return sorted(map(str, _q(db, "select * exclude (computed_at) from alerts")))


def _kill_at(site, stage: str) -> None:
    """Start `trends run` in a subprocess, wait until it reaches `stage`, kill -9 it."""
    env = {**os.environ, "TRENDS_RUN_PAUSE_AT": stage, "TRENDS_RUN_PAUSE_SECONDS": "120"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "trends.cli", "run", "--config", str(site / "trends.toml")],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        for line in proc.stderr:
            if f"paused at {stage}" in line:
                break
        assert proc.poll() is None, "the run ended before reaching " + stage
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL


@pytest.mark.slow
def test_killed_run_then_rerun(site, template, capsys):
    """Run, kill -9 a second run inside its output transaction, re-run: the kill changes nothing, the re-run
    takes over the stale lock, skips the already-ingested inbox file and replaces the week's outputs."""
    db = site / "t.duckdb"
    new = pd.read_parquet(template[1]).head(3).assign(id=lambda d: d["id"] + 10_000_000)
    new.to_parquet(site / "inbox" / "new.parquet")
    n_events = _q(db, "select count(*) from events")[0][0]
    assert _run(site) == 0
    assert "inbox: 1 new file(s) ingested (3 new events), 0 skipped" in capsys.readouterr().out
    assert _q(db, "select count(*) from events")[0][0] == n_events + 3
    report_before = _tree(site / "reports" / WEEK)
    runs_before = _q(db, "select * from runs")
    alerts_before = _alerts_table(db)
    batches_before = _q(db, "select count(*) from batches")
    runs_same_before = _q(db, RUNS_SAME)
    assert len(runs_before) == 1 and len(alerts_before) == runs_before[0][7]  # runs.alerts

    _kill_at(site, "store:written")  # alerts and runs rows written, not committed
    assert lock_path(db).exists()  # the dead run's lock is left behind
    assert _q(db, "select * from runs") == runs_before
    assert _alerts_table(db) == alerts_before
    assert _tree(site / "reports" / WEEK) == report_before  # byte for byte
    assert [p.name for p in (site / "reports").iterdir() if not p.name.startswith(".")] == [WEEK]

    assert _run(site) == 0  # stale lock taken over
    assert "inbox: 0 new file(s) ingested (0 new events), 1 skipped" in capsys.readouterr().out
    assert _q(db, "select count(*) from batches") == batches_before
    assert _q(db, "select count(*) from events")[0][0] == n_events + 3
    assert _q(db, RUNS_SAME) == runs_same_before and runs_same_before[0][0] == MONDAY  # one row, replaced
    assert _alerts_table(db) == alerts_before  # replaced, not added
    assert _tree(site / "reports" / WEEK).keys() == report_before.keys()
    assert _tree(site / "reports" / WEEK)["alerts.json"] == report_before["alerts.json"]
    assert sorted(p.name for p in (site / "reports").iterdir()) == [WEEK]  # temp folder of the dead run removed
    assert not lock_path(db).exists()


def _published(site) -> list:
    recs = json.loads((site / "reports" / WEEK / "alerts.json").read_text())
    return sorted((r["actor"], r["country"], r["province"], r["rule"], r["level"]) for r in recs)


def _stored(db) -> list:
    return sorted(_q(db, "select actor, country, province, rule, level from alerts where week = ?", [MONDAY]))


@pytest.mark.slow
@pytest.mark.parametrize("stage", ["store:written", "publish", "publish:swapping"])
def test_store_and_published_alerts_agree_after_a_kill(site, stage, capsys):
    """kill -9 before the store commit, after it, and between the swap's two renames: the next command that
    writes reports (here `trends report` for another week) leaves <week>/ in place and its alerts.json equal to
    the store's alerts (the new run's if it committed, the old run's if not)."""
    db = site / "t.duckdb"
    assert _run(site) == 0
    first = _published(site)
    assert first == _stored(db) and first
    rule = first[0][3]  # the killed run raises fewer alerts: one rule switched off
    cfg = site / "trends.toml"
    cfg.write_text(cfg.read_text() + f"[alerts.{rule}]\nenabled = false\n")
    _kill_at(site, stage)
    assert main(["report", "--config", str(cfg), "--week", "2018-W50"]) == 0
    names = sorted(p.name for p in (site / "reports").iterdir())
    assert names == ["2018-W50", WEEK]  # restored or completed, nothing left beside it
    assert _published(site) == _stored(db)
    committed = stage != "store:written"
    assert (_stored(db) == first) == (not committed)
    assert all(r[3] != rule for r in _stored(db)) == committed
    feed = json.loads((site / "feed" / "alerts.json").read_text())
    assert sorted((r["actor"], r["country"], r["province"], r["rule"], r["level"]) for r in feed) == _stored(db)
