"""`make bench`: bench/write_benchmarks.py runs each benchmark in its own process and writes the page from their
output (here with two stand-in benchmarks, so the test stays fast; the real ones are run by `make bench`)."""

import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _module():
    spec = importlib.util.spec_from_file_location("write_benchmarks", ROOT / "bench" / "write_benchmarks.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_every_bench_script_named_exists_and_has_help():
    mod = _module()
    for _, _, full, quick in mod.BENCHES:
        for cmd in (full, quick):
            assert (ROOT / cmd[0]).is_file(), cmd
    names = {full[0] for _, _, full, _ in mod.BENCHES}
    # the measured sections of the page come from these scripts
    assert {"bench/ingest_weekly.py", "bench/models.py", "bench/skill.py", "bench/demo_time.py"} <= names


def test_the_page_is_written_from_each_benchmarks_output(tmp_path, monkeypatch):
    mod = _module()
    ok = tmp_path / "ok.py"
    ok.write_text("print('| n | ratio |'); print('| 10 | 2.5x |')\n")
    bad = tmp_path / "bad.py"
    bad.write_text("import sys; print('half a table'); sys.exit('no data: bench failed')\n")
    monkeypatch.setattr(
        mod,
        "BENCHES",
        [
            ("Good bench", "What it measures.", [str(ok)], [str(ok), "--small"]),
            ("Bad bench", "Fails.", [str(bad)], [str(bad)]),
        ],
    )
    out = tmp_path / "benchmarks.md"
    assert mod.main(["--quick", "--out", str(out)]) == 1  # a benchmark failed: the page says so, make stops
    page = out.read_text()
    assert page.startswith("# Benchmarks\n") and "write_benchmarks.py --quick" in page
    assert "## Good bench\n\nWhat it measures." in page and f"`.venv/bin/python {ok} --small`" in page
    assert "| 10 | 2.5x |" in page
    assert "## Bad bench" in page and "Exit code 1" in page and "no data: bench failed" in page
    assert sys.executable not in page  # no machine paths from the interpreter
