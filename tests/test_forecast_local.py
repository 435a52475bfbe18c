"""The default forecaster (local level): beats the 13-week NB baseline, follows change points, adds up, plots."""

import numpy as np
import pandas as pd
import pytest

from trends.errors import UsageError
from trends.forecast import MODELS, LocalLevel, backtest, forecast_panel
from trends.forecast.baseline import HistoricalMean
from trends.forecast.hierarchy import forecast_hierarchy, parse_by
from trends.forecast.local import ewma_levels, restart_onsets
from trends.synthetic import weekly_panel

QUANTS = (("lo95", 0.025), ("lo80", 0.10), ("median", 0.50), ("hi80", 0.90), ("hi95", 0.975))


def _wis(bt):
    loss = 0.0
    for col, q in QUANTS:
        d = bt["y"] - bt[col]
        loss = loss + np.maximum(q * d, (q - 1) * d)
    return 2 * loss / 5


@pytest.fixture(scope="module")
def shifting_panel():
    """Fixed synthetic panel: 60 series x 208 weeks at 0.5-8 events a week (NB size 3, a mild season), each with
    a x0.25 or x3 level shift 13-38 weeks before the end: the backtest origins fall in the weeks after a regime
    change, where a forecast must follow the new level."""
    rng = np.random.default_rng(5)
    n = 60
    rates = np.exp(rng.uniform(np.log(0.5), np.log(8), n))
    breaks = {i: (int(rng.integers(170, 195)), float(rng.choice([0.25, 3.0]))) for i in range(n)}
    w, _ = weekly_panel(n, 208, base_rate=rates, dispersion=3.0, seasonal_amp=0.3, breaks=breaks, seed=5)
    return w


@pytest.fixture(scope="module")
def quiet_panel():
    """Fixed synthetic panel of quiet, clumpy series: 60 x 208 weeks at 0.03-0.6 events a week (NB size 0.7),
    each with a x0.2 or x3 shift 13-58 weeks before the end (most real series-weeks look like this)."""
    rng = np.random.default_rng(7)
    n = 60
    rates = np.exp(rng.uniform(np.log(0.03), np.log(0.6), n))
    breaks = {i: (int(rng.integers(150, 195)), float(rng.choice([0.2, 3.0]))) for i in range(n)}
    w, _ = weekly_panel(n, 208, base_rate=rates, dispersion=0.7, seasonal_amp=0.0, breaks=breaks, seed=8)
    return w


@pytest.mark.parametrize("panel, most", [("shifting_panel", 0.97), ("quiet_panel", 0.985)])
def test_the_default_beats_the_13_week_nb_baseline_on_a_fixed_synthetic_panel(panel, most, request, monkeypatch):
    """WIS at least 3 % (busy, shifting series; measured 6 %) or 1.5 % (quiet series; measured 2.3 %, where the
    old default, the 13-week NB with intervals widened to the mean, was 0.8 % worse than the baseline) below the
    13-week NB's, and a lower MAE."""
    monkeypatch.setitem(MODELS, "nb13", lambda: HistoricalMean(window=13))
    bt = backtest(request.getfixturevalue(panel), ["auto", "nb13"], origins=6, horizon=8)
    bt = bt.assign(wis=_wis(bt))
    w = bt.groupby("model")["wis"].mean()
    mae = bt.assign(e=(bt["y"] - bt["mean"]).abs()).groupby("model")["e"].mean()
    assert w["auto"] < most * w["nb13"], w.to_dict()
    assert mae["auto"] < mae["nb13"], mae.to_dict()


def test_quiet_series_quantiles_are_the_distributions_own_and_mix_the_recent_and_yearly_means():
    weeks = pd.date_range("2016-01-04", periods=120, freq="W-MON")
    y = np.zeros(120)
    y[[20, 60, 80, 100, 110]] = 1.0  # 1 event in the last 13 weeks, none in the last 4, 3 in the last 52
    m = LocalLevel().fit(y, weeks)
    assert not m.state_["busy"][0]
    want = 0.45 * (1 / 13) + 0.2 * 0 + 0.35 * (3 / 52)
    p = m.predict(3)
    assert p["mean"].iloc[0] == pytest.approx(want)
    # NB(0.055, alpha 1 = the floor): P(0) = 0.948 -> the 0.90 quantile is 0 although the mean is > 0 (not
    # widened to 1), the 0.975 quantile 1
    assert (p["hi80"] == 0).all() and (p["lo80"] == 0).all() and (p["hi95"] == 1).all()
    wide = LocalLevel(widen_to_mean=True).fit(y, weeks).predict(3)
    assert (wide["hi80"] == 1).all()
    old = LocalLevel(quiet_mix=(0.0, 0.0)).fit(y, weeks).predict(1)
    assert old["mean"].iloc[0] == pytest.approx(1 / 13)
    with pytest.raises(ValueError, match="quiet_mix"):
        LocalLevel(quiet_mix=(0.7, 0.5))


def test_busy_series_follow_a_collapse_quiet_series_keep_the_13_week_mean():
    weeks = pd.date_range("2016-01-04", periods=120, freq="W-MON")
    rng = np.random.default_rng(1)
    busy = np.r_[rng.poisson(9, 112), rng.poisson(1, 8)].astype(float)  # 9 -> 1 a week, 8 weeks ago
    quiet = np.r_[rng.poisson(0.3, 107), np.zeros(13)].astype(float)  # a quiet quarter
    m = LocalLevel().fit(busy, weeks)
    assert m.state_["busy"][0] and m.state_["onset"][0] >= 0  # the online detector restarted the level
    p = m.predict(4)
    assert p["mean"].iloc[0] < 2.5 and p["hi95"].iloc[0] < 9
    q = LocalLevel().fit(quiet, weeks).predict(4)
    assert (q["mean"] == 0).all() and (q["hi95"] == 0).all()
    _, lev = ewma_levels(np.array([[np.nan, 4.0, 0.0, 0.0]]), 0.5)
    assert lev[0] == pytest.approx(1.0)
    assert restart_onsets(np.r_[np.full(60, 8.0), np.full(8, 8.0)][None], 3.0)[0] == -1


def test_bottom_up_levels_add_up_and_bound_their_means(shifting_panel):
    w = shifting_panel.copy()
    w["country"] = np.where(w["actor"].str[1:].astype(int) % 2 == 0, "C1", "C2")
    fc = forecast_panel(w, "auto", horizon=4)
    by_country = forecast_hierarchy(w, "country", 4, forecasts=fc)
    assert set(by_country["country"]) == {"C1", "C2"} and (by_country["actor"] == "").all()
    want = fc.groupby(["country", "week"])["mean"].sum()
    got = by_country.set_index(["country", "week"])["mean"]
    np.testing.assert_allclose(got.reindex(want.index), want)
    assert (
        (by_country["lo80"] <= by_country["mean"])
        & (by_country["mean"] <= by_country["hi80"])
        & (by_country["hi80"] <= by_country["hi95"])
    ).all()
    fam = forecast_hierarchy(w, "actor_family", 4, forecasts=fc, families={"A0": "F"})
    assert set(fam["actor"]) == {"F", "(unmatched)"}
    np.testing.assert_allclose(fam.groupby("week")["mean"].sum(), fc.groupby("week")["mean"].sum())
    assert parse_by("actor, country") == ("actor", "country")
    with pytest.raises(UsageError, match="unknown --by 'province'"):
        parse_by("province")


@pytest.fixture(scope="module")
def sample_db(tmp_path_factory):
    from trends import ingest, store

    path = tmp_path_factory.mktemp("db") / "sample.duckdb"
    con = store.connect(path)
    ingest.ingest_file(con, ingest.sample_path())
    con.close()
    return str(path)


def _contradictions(analysis, ratio=3.0, recent_weeks=26):
    """Series whose latest printed change point is a fall to a third or less, with a first-week forecast nearer,
    on the log scale, to the rate before it than to the rate after it (a forecast carrying on after a collapse).
    Only change points in the `recent_weeks` before the report week count (an older segment's mean is history).
    Rises are left out: the restart is for falls only (restarting after rises cost WIS in the inner backtest)."""
    br = analysis.breaks.sort_values("week").groupby(["actor", "country", "province"]).tail(1)
    br = br[pd.to_datetime(br["week"]) > pd.Timestamp(analysis.week) - pd.Timedelta(weeks=recent_weeks)]
    fc = analysis.forecasts.sort_values("week").groupby(["actor", "country", "province"]).head(1)
    j = br.merge(fc, on=["actor", "country", "province"], suffixes=("", "_fc"))
    j = j[j["rate_ratio"] <= 1 / ratio]
    lg = lambda v: np.log(v + 0.1)  # noqa: E731
    bad = (lg(j["mean"]) - lg(j["rate_after"])).abs() > (lg(j["mean"]) - lg(j["rate_before"])).abs()
    return j.loc[bad, ["actor", "province", "week", "rate_before", "rate_after", "mean"]]


@pytest.mark.parametrize("week, province, most", [("2019-W01", "Rif Dimashq", 0.6), ("2019-W48", "Deir ez-Zor", 3.5)])
def test_report_forecasts_follow_the_change_points_the_report_prints(sample_db, week, province, most):
    from trends import store
    from trends.config import RunConfig
    from trends.pipeline import analyse_week
    from trends.weeks import parse_week

    con = store.connect(sample_db, read_only=True)
    try:
        a = analyse_week(con, parse_week(week), RunConfig(backtest=False))
    finally:
        con.close()
    f = a.forecasts[(a.forecasts["actor"] == "Islamic State") & (a.forecasts["province"] == province)]
    assert len(f) and f["mean"].max() < most, f[["week", "mean", "hi95"]]
    assert _contradictions(a).empty, _contradictions(a)


def test_plot_forecast_draws_history_bands_and_change_points(shifting_panel, tmp_path):
    from trends.detect import detect_breaks
    from trends.report.forecast_plot import plot_forecast

    s = shifting_panel[shifting_panel["actor"] == "A0"]
    fc = forecast_panel(s, "auto", horizon=8)
    br = detect_breaks(s)
    fig = plot_forecast(s, fc, br)
    ax = fig.axes[0]
    assert len(ax.patches) >= 100 and len(ax.collections) >= 2  # weekly bars; 80 % and 95 % bands
    assert len(br) and len(ax.lines) >= 2 + len(br)  # median, mean, and one line per change point
    path = tmp_path / "f.png"
    fig.savefig(path)
    assert path.stat().st_size > 10_000


def test_cli_forecast_by_country_and_plot(sample_db, tmp_path):
    from trends.cli import main

    db = sample_db
    out, png = tmp_path / "c.csv", tmp_path / "f.png"
    series = tmp_path / "s.csv"
    assert (
        main(
            [
                "forecast",
                "--db",
                db,
                "--as-of",
                "2019-W48",
                "--horizon",
                "2",
                "--format",
                "csv",
                "--out",
                str(series),
                "-q",
            ]
        )
        == 0
    )
    assert (
        main(
            [
                "forecast",
                "--db",
                db,
                "--as-of",
                "2019-W48",
                "--horizon",
                "2",
                "--by",
                "country",
                "--format",
                "csv",
                "--out",
                str(out),
                "--plot",
                str(png),
                "--plot-series",
                "2",
                "-q",
            ]
        )
        == 0
    )
    c, s = pd.read_csv(out), pd.read_csv(series)
    assert set(c["model"]) == {"bottom-up"} and c["actor"].isna().all()
    np.testing.assert_allclose(c.groupby("country")["mean"].sum(), s.groupby("country")["mean"].sum(), atol=0.01)
    assert png.stat().st_size > 10_000
    assert main(["forecast", "--db", db, "--by", "province"]) == 2
