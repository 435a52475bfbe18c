"""The public API: `import trends` is cheap and every name in `trends.__all__` resolves."""

from __future__ import annotations

import json
import subprocess
import sys

import pandas as pd

import trends

HEAVY = (
    "matplotlib",
    "statsmodels",
    "prophet",
    "numba",
    "trends.extract",
    "trends.forecast",
    "trends.report",
    "duckdb",
)


def _fresh(code: str) -> str:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout


def test_import_trends_loads_no_heavy_module():
    loaded = json.loads(_fresh("import json, sys, trends; print(json.dumps(sorted(sys.modules)))"))
    heavy = [m for m in loaded if m.split(".")[0] in HEAVY or any(m.startswith(h + ".") or m == h for h in HEAVY)]
    assert heavy == [], heavy


def test_every_public_name_resolves_in_a_fresh_interpreter():
    out = _fresh(
        "import trends; missing = [n for n in trends.__all__ if getattr(trends, n, None) is None]; "
        "print(','.join(missing))"
    )
    assert out.strip() == ""


def test_unknown_name_is_an_attribute_error():
    try:
        trends.no_such_stage  # noqa: B018
    except AttributeError as e:
        assert "no_such_stage" in str(e)
    else:
        raise AssertionError("trends.no_such_stage should raise AttributeError")


def test_the_documented_stages_run_end_to_end(tmp_path):
    con = trends.connect(str(tmp_path / "t.duckdb"))
    res = trends.ingest_file(con, trends.sample_path())
    assert res.rows_accepted > 0 and res.rows_rejected == 0
    weekly = trends.weekly_counts(con, end="2019-12-30")
    assert list(weekly.columns) == trends.WEEKLY and trends.check_weekly(weekly) is weekly
    one = weekly[(weekly["actor"] == "Islamic State") & (weekly["province"] == "Nineveh")]
    assert one["events"].sum() > 0
    breaks = trends.detect_breaks(one)
    assert list(breaks.columns) == trends.BREAKS
    fc = trends.forecast_panel(one[one["week"] < pd.Timestamp("2018-01-01")], "auto", horizon=4, cutoff="2018-01-01")
    assert len(fc) == 4 and set(trends.FORECASTS) <= set(fc.columns)
    con.close()
