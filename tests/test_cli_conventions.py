"""CLI conventions across `trends --help`, and every stdout command into a closed pipe (`| head`)."""

from __future__ import annotations

import argparse
import importlib.resources
import os
import subprocess
import sys

import pandas as pd
import pytest

from trends.cli import build_parser, main

#: commands that write rows, and the formats each offers.
ROW_COMMANDS = {
    "weekly": {"table", "csv", "json", "parquet"},
    "sql": {"table", "csv", "json"},
    "actors": {"table", "csv", "json"},
    "places": {"table", "csv", "json"},
    "changepoints": {"table", "csv", "json"},
    "forecast": {"table", "csv", "json"},
    "backtest": {"table", "csv", "json"},
    "alerts": {"table", "csv", "json"},
}


def _subparsers():
    parser = build_parser()
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return parser, action.choices


def test_flag_conventions_hold_for_every_command():
    _, subs = _subparsers()
    problems = []
    for name, p in subs.items():
        if "Example:" not in (p.description or ""):
            problems.append(f"{name}: no Example: in its help")
        opts = {o: a for a in p._actions for o in a.option_strings}
        for o, a in opts.items():
            if o.startswith("--") and (o != o.lower() or "_" in o):
                problems.append(f"{name} {o}: options are lower-case kebab-case")
            if a.help in (None, "") and not isinstance(a, argparse._HelpAction):
                problems.append(f"{name} {o}: no help text")
        if name in ROW_COMMANDS:
            fmt = opts.get("--format")
            if fmt is None or set(fmt.choices) != ROW_COMMANDS[name]:
                problems.append(f"{name}: --format {getattr(fmt, 'choices', None)}, want {ROW_COMMANDS[name]}")
            if "--out" not in opts:
                problems.append(f"{name}: writes rows but has no --out")
        if "--model" in opts or "--models" in opts:
            if opts.get("--model") is not opts.get("--models"):
                problems.append(f"{name}: --model must be an alias of --models")
        for common in ("--db", "-v", "-q"):
            if common not in opts:
                problems.append(f"{name}: lacks the common option {common}")
    assert not problems, "\n".join(problems)


def test_mistyped_flag_gets_the_subcommand_usage_and_a_did_you_mean(capsys):
    assert main(["weekly", "--actors", "JNIM"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("usage: trends weekly ")
    assert "--actors -> did you mean --actor?" in err


@pytest.fixture(scope="module")
def small_db(tmp_path_factory):
    """Mali and Burkina Faso 2018-2019 from the shipped sample: small enough for a subprocess per command."""
    from trends import store
    from trends.ingest import ingest_file

    root = tmp_path_factory.mktemp("pipe")
    df = pd.read_parquet(importlib.resources.files("trends") / "data" / "ucdp_ged_jihadist_events.parquet")
    keep = df["country"].isin(["Mali", "Burkina Faso"]) & df["date_start"].astype(str).between(
        "2017-01-01", "2019-03-31"
    )
    part = root / "slice.parquet"
    df[keep].to_parquet(part)
    db = root / "s.duckdb"
    con = store.connect(db)
    ingest_file(con, part)
    con.close()
    return db


def _report_fixture() -> str:
    from pathlib import Path

    base = Path(__file__).parent / "fixtures" / "reports"
    return str(next(p for p in sorted(base.rglob("*.txt")) if p.stem.count(".") == 0 and "README" not in p.name))


STDOUT_COMMANDS = [
    ["--help"],
    ["weekly", "--help"],
    ["weekly", "--format", "csv"],
    ["weekly"],
    ["weekly", "--format", "json"],
    ["sql", "select * from events"],
    ["sql", "--format", "csv", "select * from events"],
    ["actors"],
    ["actors", "--unmatched", "--format", "csv"],
    ["places"],
    ["places", "--format", "json"],
    ["changepoints", "--format", "csv"],
    ["changepoints"],
    ["alerts", "--week", "2019-W01"],
    ["alerts", "--week", "2019-W01", "--format", "json"],
    ["forecast", "--as-of", "2019-W01", "--models", "naive", "--horizon", "2"],
    ["backtest", "--origins", "1", "--every", "4", "--horizon", "2", "--models", "naive"],
    ["config", "--example"],
    ["extract", "@REPORT"],
]


@pytest.mark.parametrize("argv", STDOUT_COMMANDS, ids=lambda a: " ".join(a)[:40])
def test_every_stdout_command_into_a_closed_pipe_is_quiet_and_exits_0(small_db, argv):
    argv = [_report_fixture() if a == "@REPORT" else a for a in argv]
    r, w = os.pipe()
    os.close(r)  # the reader is gone, as after `| head -0`
    try:
        proc = subprocess.run(
            [
                sys.executable,
                "-m",
                "trends.cli",
                *argv,
                *(["--db", str(small_db)] if argv[0] != "--help" and "--help" not in argv else []),
            ],
            stdout=w,
            stderr=subprocess.PIPE,
            text=True,
            timeout=300,
            env={**os.environ, "MPLBACKEND": "Agg"},
        )
    finally:
        os.close(w)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "Traceback" not in proc.stderr and "BrokenPipe" not in proc.stderr, proc.stderr[-2000:]


def test_a_filter_matching_nothing_says_so_and_exits_2(small_db, capsys):
    assert main(["weekly", "--db", str(small_db), "--actor", "Nobody At All"]) == 2
    assert "no weekly counts match these filters" in capsys.readouterr().err


def test_province_is_resolved_through_the_gazetteer(small_db, capsys):
    assert main(["weekly", "--db", str(small_db), "--province", "Mopti", "--format", "csv"]) == 0
    plain = capsys.readouterr().out
    assert main(["weekly", "--db", str(small_db), "--province", "mopti region", "--format", "csv"]) == 0
    assert capsys.readouterr().out == plain and plain.count("\n") > 1
    assert set(pd.read_csv(__import__("io").StringIO(plain))["province"]) == {"Mopti"}


def test_run_without_a_config_says_which_defaults_it_used(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)  # no ./trends.toml here
    assert main(["run", "--db", str(tmp_path / "missing.duckdb")]) == 1  # then stops: no database
    lines = [ln for ln in capsys.readouterr().err.splitlines() if "no config file" in ln]
    assert len(lines) == 1 and "built-in defaults" in lines[0] and "missing.duckdb" in lines[0]
