"""Rolling-origin backtest, its metrics, and the forecast/backtest commands."""

import csv
import json

import numpy as np
import pandas as pd
import pytest

from trends.cli import main
from trends.forecast import backtest, coverage, mase, pinball, summarise
from trends.forecast.backtest import BACKTEST_COLUMNS, rolling_origins
from trends.synthetic import weekly_panel


@pytest.fixture(scope="module")
def panel():
    w, _ = weekly_panel(30, 220, base_rate=np.linspace(0.3, 6, 30), dispersion=3.0, seasonal_amp=0.5, seed=21)
    return w


def test_metrics_on_hand_computed_rows():
    bt = pd.DataFrame(
        {
            "y": [3.0, 0.0],
            "mean": [1.0, 0.5],
            "median": [1.0, 0.0],
            "lo80": [0.0, 0.0],
            "hi80": [2.0, 1.0],
            "lo95": [0.0, 0.0],
            "hi95": [4.0, 2.0],
            "scale": [2.0, 0.0],
        }
    )
    np.testing.assert_allclose(mase(bt), [1.0, np.nan])
    # y=3: pinball per quantile: .025*3, .1*3, .5*2, .9*1, and .025*1 for hi95=4 above y
    np.testing.assert_allclose(pinball(bt)[0], (0.075 + 0.3 + 1.0 + 0.9 + 0.025) / 5)
    np.testing.assert_allclose(pinball(bt)[1], (0.5 * 0 + 0.1 * 1 + 0.025 * 2) / 5)
    assert coverage(bt, 80).tolist() == [False, True] and coverage(bt, 95).tolist() == [True, True]


def test_backtest_rows_are_the_series_origins_and_horizons(panel):
    origins = rolling_origins(panel, n=3, every=4, horizon=6)
    bt = backtest(panel, ["naive", "mean"], origins, horizon=6)
    assert list(bt.columns) == BACKTEST_COLUMNS
    assert sorted(bt["cutoff"].unique()) == origins
    per = bt.groupby(["actor", "cutoff", "model"]).size()
    assert (per == 6).all() and len(per) == 30 * 3 * 2
    assert (bt["h"] == ((bt["week"] - bt["cutoff"]).dt.days // 7 + 1)).all()
    truth = panel.set_index(["actor", "week"])["events"]
    assert (bt.set_index(["actor", "week"])["y"] == truth.reindex(bt.set_index(["actor", "week"]).index)).all()
    assert origins[-1] + pd.Timedelta(weeks=5) == panel["week"].max()  # the last origin's horizon is observed


def test_summarise_compares_every_model_with_the_baselines_on_the_same_rows(panel):
    bt = backtest(panel, ["naive", "mean", "nbglm", "auto"], origins=4, horizon=12)
    s = summarise(bt)
    assert set(s["horizons"]) == {"1-4", "5-8", "9-12"} and set(s["model"]) == {"naive", "mean", "nbglm", "auto"}
    base = s[s["model"] == "naive"]
    np.testing.assert_allclose(base["mase_vs_naive"], 1.0)
    row = s[(s["model"] == "nbglm") & (s["horizons"] == "1-4")].iloc[0]
    sub = bt[(bt["h"] <= 4) & (bt["scale"] > 0)]
    ratio = mase(sub[sub["model"] == "nbglm"]).mean() / mase(sub[sub["model"] == "naive"]).mean()
    assert row["mase_vs_naive"] == pytest.approx(ratio)
    assert ((s["cov80"] > 0.7) & (s["cov95"] > 0.88)).all()
    # on seasonal NB data the NB GLM beats the seasonal naive on both scores
    assert (s[s["model"] == "nbglm"][["mase_vs_naive", "pinball_vs_naive"]] < 1).all().all()
    assert (bt[bt["model"] == "auto"]["fitted"].isin(["local", "sparse"])).all()


def test_rolling_origins_between_dates(panel):
    o = rolling_origins(panel, start="2019-01-07", end="2019-03-04", every=2)
    assert o == list(pd.date_range("2019-01-07", "2019-03-04", freq="14D"))
    with pytest.raises(ValueError, match="no backtest origin"):
        rolling_origins(panel, start="2019-03-04", end="2019-01-07")


@pytest.fixture(scope="module")
def sample_db(tmp_path_factory):
    ingest = pytest.importorskip("trends.ingest")
    pytest.importorskip("trends.aggregate")
    from trends import store

    path = tmp_path_factory.mktemp("db") / "sample.duckdb"
    con = store.connect(path)
    ingest.ingest_file(con, ingest.sample_path())
    con.close()
    return str(path)


def test_cli_forecast_writes_the_csv_with_exactly_those_columns(sample_db, tmp_path):
    out = tmp_path / "fc.csv"
    assert (
        main(
            [
                "forecast",
                "--db",
                sample_db,
                "--as-of",
                "2019-06-24",
                "--horizon",
                "8",
                "--format",
                "csv",
                "--out",
                str(out),
                "-q",
            ]
        )
        == 0
    )
    rows = list(csv.DictReader(out.open()))
    assert list(rows[0]) == ["actor", "country", "province", "week", "model", "mean", "lo80", "hi80", "lo95", "hi95"]
    df = pd.DataFrame(rows)
    assert set(df["week"]) == {str(d.date()) for d in pd.date_range("2019-06-24", periods=8, freq="W-MON")}
    assert (df.groupby(["actor", "country", "province"]).size() == 8).all()
    num = df[["mean", "lo80", "hi80", "lo95", "hi95"]].astype(float)
    assert (num["lo95"] >= 0).all() and (num["lo95"] <= num["lo80"]).all() and (num["hi80"] <= num["hi95"]).all()
    assert set(df["model"]) <= {"local", "sparse"}
    # every watched series with an event in the 52 weeks before the as-of week and data up to the week before
    # it (Iraq's extract ends in 2018-12: not forecast from filled-in zeros), and no other
    from trends import store
    from trends.aggregate import weekly_counts
    from trends.pipeline import watch_filter

    con = store.connect(sample_db, read_only=True)
    w, _ = watch_filter(con, weekly_counts(con, end="2019-06-17", clip_to_coverage=True))
    con.close()
    w = w[w.groupby(["actor", "country", "province"])["week"].transform("max") == pd.Timestamp("2019-06-17")]
    assert "Iraq" not in set(df["country"])
    recent = w[w["week"] >= pd.Timestamp("2019-06-24") - pd.Timedelta(weeks=52)]
    active = recent.groupby(["actor", "country", "province"])["events"].sum()
    assert len(df.groupby(["actor", "country", "province"])) == int((active > 0).sum())


def test_cli_forecast_json_one_model_and_bad_model(sample_db, tmp_path, capsys):
    out = tmp_path / "fc.json"
    assert (
        main(
            [
                "forecast",
                "--db",
                sample_db,
                "--as-of",
                "2018-W10",
                "--horizon",
                "2",
                "--model",
                "mean",
                "--format",
                "json",
                "--out",
                str(out),
                "-q",
            ]
        )
        == 0
    )
    recs = json.loads(out.read_text())
    assert recs and {r["model"] for r in recs} == {"mean"} and recs[0]["week"] == "2018-03-05"
    assert main(["forecast", "--db", sample_db, "--model", "arima"]) == 2


@pytest.mark.slow
def test_cli_backtest_table(sample_db, tmp_path):
    out = tmp_path / "skill.csv"
    assert (
        main(
            [
                "backtest",
                "--db",
                sample_db,
                "--origins",
                "2",
                "--horizon",
                "4",
                "--models",
                "naive,mean",
                "--format",
                "csv",
                "--out",
                str(out),
                "-q",
            ]
        )
        == 0
    )
    s = pd.read_csv(out)
    assert list(s["model"]) == ["mean", "naive"] and list(s["horizons"]) == ["1-4", "1-4"]
    assert main(["backtest", "--db", sample_db, "--origins", "2", "--from", "2019-01-07"]) == 2
