"""CLI conventions across `trends --help`, and every stdout command into a closed pipe (`| head`)."""

from __future__ import annotations

import argparse
import importlib.resources
import os
import shutil
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


#: commands whose --format names the format of what they read, not of rows they write.
INPUT_FORMAT = {"ingest": "the input file's format", "extract": "the report's style"}


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
        if "--format" in opts and name not in ROW_COMMANDS and name not in INPUT_FORMAT:
            problems.append(f"{name}: has --format but is neither in ROW_COMMANDS nor in INPUT_FORMAT")
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
    missing = (set(ROW_COMMANDS) | set(INPUT_FORMAT)) - set(subs)
    assert not missing, f"listed here but not a command any more: {missing}"
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


#: a value of each filter option that matches nothing in the small store (Mali and Burkina Faso, 2017-2019).
NO_MATCH = {
    "--actor": ["Nobody At All"],
    "--country": ["Atlantis"],
    "--province": ["Nowhere Province"],
    "--dataset": ["no-such-dataset"],
    "--event-type": ["no-such-type"],
    "--attribution": ["denied"],
    "--as-of": ["1990-01-01"],  # before any event (weekly: ingest time; forecast: the first forecast week)
    "--week": ["1990-W01", "2090-W01"],  # before the first event, after the last
    "--from": ["1990-W01", "2090-W01"],  # with --to ten weeks later when the command has --to
    "--to": ["1990-W10"],
}
#: options of the same name that are not filters, and why.
NOT_FILTERS = {
    ("actors", "--actor"): "names the actor an --add alias stands for",
    ("ingest", "--dataset"): "labels the ingested file's events",
}


def _filter_cases() -> list[tuple[str, list[str]]]:
    """(command, argv) for every filter option of every subcommand, read from the parsers: a new command or a
    new filter on an old one is covered without editing this list."""
    _, subs = _subparsers()
    cases = []
    for name, p in subs.items():
        opts = {o for a in p._actions for o in a.option_strings}
        for flag, values in NO_MATCH.items():
            if flag not in opts or (name, flag) in NOT_FILTERS:
                continue
            if flag == "--to" and "--from" in opts:
                continue  # covered by the --from ranges
            for v in values:
                argv = [name, flag, v]
                if flag == "--from" and "--to" in opts:
                    y, w = v.split("-W")
                    argv += ["--to", f"{y}-W{int(w) + 9:02d}"]
                cases.append((name, argv))
    return cases


FILTER_CASES = _filter_cases()


def test_filter_cases_cover_the_analysis_commands():
    covered = {name for name, _ in FILTER_CASES}
    assert {"weekly", "changepoints", "forecast", "backtest", "alerts", "report", "run", "demo"} <= covered


@pytest.mark.parametrize("name,argv", FILTER_CASES, ids=[" ".join(a) for _, a in FILTER_CASES])
def test_a_filter_matching_nothing_says_so_on_stderr_and_exits_2(small_db, tmp_path, monkeypatch, capsys, name, argv):
    monkeypatch.chdir(tmp_path)  # no ./trends.toml; report/run write under here
    db = tmp_path / "copy.duckdb"
    if name in ("run", "demo"):  # they open the store for writing (run --dry-run: a copy of the copy)
        shutil.copy2(small_db, db)
    else:
        db = small_db
    extra = {"run": ["--dry-run"], "report": ["--out", str(tmp_path / "reports")], "demo": ["--out", "reports"]}
    before = small_db.stat().st_mtime_ns
    code = main([*argv, "--db", str(db), *extra.get(name, [])])
    out, err = capsys.readouterr()
    errors = [ln for ln in err.splitlines() if ln.startswith("Error: ")]
    assert code == 2, f"exit {code}; stderr: {err[-800:]}"
    assert len(errors) == 1 and out == "", (out[-400:], err[-800:])
    flag, value = argv[1], argv[2]
    said = errors[0]
    # the message names what matched nothing: the filter, its value, or says the filters matched nothing
    assert "match" in said or flag in said or value in said, said
    assert small_db.stat().st_mtime_ns == before
    assert not (tmp_path / "reports").exists() or not any((tmp_path / "reports").iterdir())


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
