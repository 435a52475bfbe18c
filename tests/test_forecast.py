"""Forecast models and forecast_panel on synthetic series with known rates."""

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from trends.errors import NotFittedError, SchemaError, TooFewWeeks, UsageError
from trends.forecast import MODELS, NBGLM, TSB, HistoricalMean, SeasonalNaive, forecast_panel, get_model, run_forecasts
from trends.forecast.base import order_intervals
from trends.forecast.glm import design, fit_nb_glm
from trends.forecast.sparse import is_sparse
from trends.frames import FORECASTS
from trends.synthetic import nb_draw, weekly_panel

FAST = ["naive", "mean", "nbglm", "sparse"]


def _ordered(df):
    return (
        (df["lo95"] <= df["lo80"])
        & (df["lo80"] <= df["mean"])
        & (df["mean"] <= df["hi80"])
        & (df["hi80"] <= df["hi95"])
        & (df["lo95"] >= 0)
    ).all()


@pytest.fixture(scope="module")
def panel():
    w, _ = weekly_panel(60, 200, base_rate=np.linspace(0.5, 8, 60), dispersion=4.0, seasonal_amp=0.4, seed=11)
    return w


@pytest.mark.parametrize("name", FAST)
def test_exactly_horizon_rows_per_series_ordered_and_non_negative(panel, name):
    fc = forecast_panel(panel, [name], horizon=6, active_weeks=None)
    assert list(fc.columns[: len(FORECASTS)]) == FORECASTS
    assert (fc.groupby(["actor", "country", "province", "requested"]).size() == 6).all()
    assert fc[["actor", "province"]].drop_duplicates().shape[0] == 60
    assert _ordered(fc)
    first = pd.Timestamp(panel["week"].max()) + pd.Timedelta(days=7)
    assert sorted(fc["week"].unique()) == list(pd.date_range(first, periods=6, freq="W-MON"))
    assert (fc["cutoff"] == first).all()


def test_order_intervals_widens_when_the_mean_is_above_the_80_quantile():
    # NB(mean 0.2, alpha 20) is 0 with probability > 0.9, so q90 = 0 < mean
    from trends.forecast.base import nb_quantiles

    raw = nb_quantiles(np.array([0.2]), 20.0)
    assert raw["hi80"][0] == 0
    o = order_intervals(raw)
    assert o["hi80"][0] == 1 and o["lo80"][0] == 0 and o["hi95"][0] >= 1


@pytest.mark.slow
def test_nb_glm_matches_statsmodels_glm_with_the_same_alpha():
    import statsmodels.api as sm

    rng = np.random.default_rng(0)
    weeks = pd.date_range("2018-01-01", periods=156, freq="W-MON")
    X = design(weeks, weeks[-1] + pd.Timedelta(days=7), 2)
    y = nb_draw(rng, np.exp(1.0 + 0.8 * X[:, 2]), 3.0).astype(float)
    beta, alpha, _ = fit_nb_glm(y[None], X, np.zeros((1, X.shape[1])), n_iter=20)
    ref = sm.GLM(y, X, family=sm.families.NegativeBinomial(alpha=alpha[0])).fit()
    np.testing.assert_allclose(beta[0], ref.params, atol=2e-3)
    assert 0.15 < alpha[0] < 0.7  # true alpha 1/3


@pytest.mark.parametrize("name,rate", [("mean", 3.0), ("nbglm", 3.0), ("sparse", 0.3), ("mean", 0.3)])
def test_forecast_mean_is_close_to_the_true_rate(name, rate):
    w, _ = weekly_panel(200, 156, base_rate=rate, dispersion=5.0, seed=3)
    fc = forecast_panel(w, [name], horizon=4, active_weeks=None)
    per_series = fc.groupby("actor")["mean"].mean()
    assert abs(per_series.mean() - rate) < 0.08 * rate + 0.02  # unbiased across series
    assert (per_series - rate).abs().median() < 0.25 * rate + 0.05  # and each series near the truth


def _expected_coverage(mu, k, lo_q, hi_q):
    """Exact coverage of the central integer-quantile interval of the true NB: >= nominal for counts."""
    p = k / (k + mu)
    lo, hi = stats.nbinom.ppf(lo_q, k, p), stats.nbinom.ppf(hi_q, k, p)
    return stats.nbinom.cdf(hi, k, p) - stats.nbinom.cdf(lo - 1, k, p)


@pytest.mark.parametrize("name", ["mean", "nbglm"])
def test_interval_coverage_over_many_synthetic_series(name):
    rate, k, n = 4.0, 3.0, 400
    w, _ = weekly_panel(n, 164, base_rate=rate, dispersion=k, seed=5)
    cutoff = pd.Timestamp(w["week"].min()) + pd.Timedelta(weeks=156)
    fc = forecast_panel(w, [name], horizon=8, cutoff=cutoff, active_weeks=None)
    j = fc.merge(w[["actor", "week", "events"]], on=["actor", "week"])
    assert len(j) == n * 8
    for level, (lo, hi) in {80: (0.1, 0.9), 95: (0.025, 0.975)}.items():
        cov = ((j["events"] >= j[f"lo{level}"]) & (j["events"] <= j[f"hi{level}"])).mean()
        target = _expected_coverage(rate, k, lo, hi)
        assert abs(cov - target) < 0.04, (level, cov, target)


@pytest.mark.slow
def test_nb_glm_recovers_seasonality_and_beats_the_mean_on_mase():
    from trends.forecast import backtest, summarise

    w, _ = weekly_panel(40, 260, base_rate=4.0, dispersion=10.0, seasonal_amp=1.0, seed=8)
    s = summarise(backtest(w, ["mean", "nbglm", "naive"], origins=6, horizon=12))
    g = s.groupby("model")["mase"].mean()
    assert g["nbglm"] < 0.85 * g["mean"]
    assert g["nbglm"] < g["naive"]


def test_no_look_ahead_changing_data_after_the_cutoff_changes_nothing(panel):
    cutoff = pd.Timestamp(panel["week"].min()) + pd.Timedelta(weeks=150)
    a = forecast_panel(panel, "auto", horizon=8, cutoff=cutoff)
    b_in = panel.copy()
    later = b_in["week"] >= cutoff
    b_in.loc[later, "events"] = b_in.loc[later, "events"] * 10 + 7
    b = forecast_panel(b_in, "auto", horizon=8, cutoff=cutoff)
    pd.testing.assert_frame_equal(a, b)
    c_in = panel.copy()
    c_in.loc[c_in["week"] == cutoff - pd.Timedelta(days=7), "events"] += 50  # the week before does count
    assert not forecast_panel(c_in, "auto", horizon=8, cutoff=cutoff)["mean"].equals(a["mean"])


class Exploding(HistoricalMean):
    """Fails on any batch that contains series A3 (its last week has 99 events), like a diverging fit."""

    name = "exploding"

    def _fit_batch(self, Y, weeks):
        if (Y[:, -1] == 99).any():
            raise RuntimeError("did not converge")
        return super()._fit_batch(Y, weeks)


def test_a_failing_model_falls_back_to_the_mean_and_is_recorded(panel, monkeypatch):
    monkeypatch.setitem(MODELS, "exploding", Exploding)
    w = panel.copy()
    w.loc[(w["actor"] == "A3") & (w["week"] == w["week"].max()), "events"] = 99
    res = run_forecasts(w, ["exploding"], horizon=3, active_weeks=None)
    assert res.issues[["stage", "actor", "error"]].values.tolist() == [["forecast", "A3", "exploding: RuntimeError"]]
    assert "did not converge" in res.issues["detail"].iloc[0]
    used = res.forecasts.groupby("actor")["model"].first()
    assert used["A3"] == "mean" and (used.drop("A3") == "exploding").all()
    assert (res.forecasts["requested"] == "exploding").all() and np.isfinite(res.forecasts["mean"]).all()


def test_a_too_short_series_falls_back_per_series():
    w, _ = weekly_panel(3, 120, base_rate=3.0, seed=1)
    w = w[~((w["actor"] == "A1") & (w["week"] < w["week"].max() - pd.Timedelta(weeks=20)))]  # A1: 21 weeks
    w.loc[w["actor"] == "A1", "country"] = "Elsewhere"  # no earlier data in its country: no zeros before it
    res = run_forecasts(w, ["naive"], horizon=4, active_weeks=None)
    assert list(res.issues["actor"]) == ["A1"] and "TooFewWeeks" in res.issues["error"].iloc[0]
    got = res.forecasts.groupby("actor")["model"].first()
    # a new series (21 < 26 weeks) falls back to the sparse model, not to a mean of its few busy weeks
    assert got.to_dict() == {"A0": "naive", "A1": "sparse", "A2": "naive"}
    assert "used the sparse model instead" in res.issues["detail"].iloc[0]


def test_select_uses_sparse_for_sparse_series_and_records_the_choice():
    rates = np.r_[np.full(5, 0.1), np.full(5, 6.0)]
    w, _ = weekly_panel(10, 200, base_rate=rates, seasonal_amp=1.0, dispersion=8, seed=2)
    res = run_forecasts(w, "select", horizon=4, active_weeks=None)
    chosen = res.models.set_index("actor")["model"]
    assert (chosen[[f"A{i}" for i in range(5)]] == "sparse").all()
    assert not (chosen[[f"A{i}" for i in range(5, 10)]] == "sparse").any()
    assert res.models["reason"].str.len().gt(0).all()
    assert (res.forecasts.groupby("actor")["model"].first() == chosen).all()


def test_active_weeks_keeps_only_series_with_events_in_the_last_year():
    w, _ = weekly_panel(3, 160, base_rate=2.0, seed=4)
    w.loc[(w["actor"] == "A2") & (w["week"] > w["week"].max() - pd.Timedelta(weeks=60)), "events"] = 0
    fc = forecast_panel(w, ["mean"], horizon=2)
    assert sorted(fc["actor"].unique()) == ["A0", "A1"]


def test_single_series_fit_predict_and_errors():
    weeks = pd.date_range("2020-01-06", periods=80, freq="W-MON")
    y = np.random.default_rng(0).poisson(2, 80)
    p = NBGLM().fit(y, weeks).predict(5)
    assert list(p["week"]) == list(pd.date_range(weeks[-1] + pd.Timedelta(days=7), periods=5, freq="W-MON"))
    assert _ordered(p)
    with pytest.raises(NotFittedError):
        SeasonalNaive().predict(3)
    with pytest.raises(TooFewWeeks, match="53 weeks"):
        SeasonalNaive().fit(y[:30], weeks[:30])
    with pytest.raises(UsageError, match="unknown model 'arima'; choose from naive, mean"):
        get_model("arima")
    with pytest.raises(SchemaError, match="missing columns"):
        forecast_panel(pd.DataFrame({"actor": ["a"]}))


def test_seasonal_naive_repeats_last_year_and_sparse_rule():
    weeks = pd.date_range("2019-01-07", periods=104, freq="W-MON")
    y = np.tile(np.r_[np.zeros(40), np.full(12, 5.0)], 2)
    p = SeasonalNaive().fit(y, weeks).predict(14)
    np.testing.assert_array_equal(p["mean"].to_numpy(), y[52:66])  # same week last year
    assert is_sparse(np.r_[np.zeros(45), np.ones(7)][None])[0]
    assert not is_sparse(np.r_[np.zeros(30), np.ones(22)][None])[0]
    t = TSB().fit(np.r_[np.zeros(45), np.ones(7)], weeks[:52]).predict(3)
    assert (t["lo80"] == 0).all() and (t["mean"] > 0).all() and (t["mean"] < 1).all()


@pytest.mark.slow
def test_ets_forecasts_are_count_safe():
    weeks = pd.date_range("2019-01-07", periods=120, freq="W-MON")
    y = nb_draw(np.random.default_rng(1), np.full(120, 2.0), 3.0)
    p = get_model("ets").fit(y, weeks).predict(8)
    assert _ordered(p) and 0.8 < p["mean"].mean() < 4.0


@pytest.mark.slow
def test_prophet_is_really_fitted_and_count_safe():
    weeks = pd.date_range("2019-01-07", periods=110, freq="W-MON")
    rng = np.random.default_rng(4)
    y = np.r_[nb_draw(rng, np.full(80, 0.4), 2.0), nb_draw(rng, np.full(30, 6.0), 5.0)]  # a late upswing
    m = get_model("prophet").fit(y, weeks)
    fitted = m.state_["model"]
    assert fitted.history is not None and "k" in fitted.params  # Stan really ran
    p = m.predict(6)
    assert _ordered(p) and (p[["lo95", "lo80", "mean"]] >= 0).all().all()
    assert 2.5 < p["mean"].iloc[0] < 12  # follows the new level, not the long-run mean (~1.9)
    assert list(p["week"]) == list(pd.date_range("2021-02-15", periods=6, freq="W-MON"))


def _one_event_panel():
    """Ten busy series in country C since 2016, plus group X's first and only event in C's last week."""
    w, _ = weekly_panel(10, 200, base_rate=3.0, dispersion=4.0, seed=6)
    w["country"] = "C"
    last = w["week"].max()
    new = pd.DataFrame(
        {
            "series_id": 99,
            "actor": "X",
            "country": "C",
            "province": "P",
            "week": [last],
            "events": [1],
            "fatalities": [0],
        }
    )
    return pd.concat([w, new], ignore_index=True), last + pd.Timedelta(days=7)


def test_a_one_event_series_counts_zeros_before_it_while_its_country_was_covered():
    w, cutoff = _one_event_panel()
    fc = forecast_panel(w, "auto", horizon=8, cutoff=cutoff)
    x = fc[fc["actor"] == "X"]
    assert (x["model"] == "local").all()
    assert x["mean"].max() < 0.15  # one event in 188 weeks of watching, not 1 a week
    assert (x["lo80"] == 0).all() and (x["hi80"] <= 1).all() and (x["hi95"] <= 1).all()
    assert fc.attrs["models"].set_index("actor").loc["X", "reason"].startswith("local")
    s = forecast_panel(w, "select", horizon=8, cutoff=cutoff)
    assert (s.loc[s["actor"] == "X", "model"] == "sparse").all() and s.loc[s["actor"] == "X", "mean"].max() < 0.15
    assert s.attrs["models"].set_index("actor").loc["X", "reason"].startswith("sparse")
    # every model sees the zeros: the mean model's rate is 1 / 52 weeks, not 1 / 1 week
    m = forecast_panel(w, ["mean"], horizon=2, cutoff=cutoff)
    assert m.loc[m["actor"] == "X", "mean"].iloc[0] == pytest.approx(1 / 52)


def test_a_new_series_without_earlier_coverage_gets_a_rate_shrunk_toward_the_prior():
    w, cutoff = _one_event_panel()
    w.loc[w["actor"] == "X", "country"] = "D"  # nothing else was ever recorded in D: its history is unknown
    fc = forecast_panel(w, "auto", horizon=8, cutoff=cutoff)
    x = fc[fc["actor"] == "X"]
    assert (x["model"] == "local").all()
    # gamma-Poisson posterior mean: (1 event + 2 prior weeks x 0.19) / (1 week + 2), not 1 a week
    assert x["mean"].iloc[0] == pytest.approx((1 + 2 * 0.19) / 3)
    assert (x["lo80"] == 0).all() and (x["hi95"] <= 3).all()
    assert fc.attrs["models"].set_index("actor").loc["X", "reason"].startswith("new series: 1 weeks of history")
    # an explicit history_start says the sources covered D from then on
    start = cutoff - pd.Timedelta(weeks=100)
    h = forecast_panel(w, "auto", horizon=8, cutoff=cutoff, history_start=start)
    assert h.loc[h["actor"] == "X", "mean"].iloc[0] < x["mean"].iloc[0] / 2
    # a requested model that cannot fit one week falls back to the sparse model, not to a mean of 1
    g = forecast_panel(w, ["nbglm"], horizon=2, cutoff=cutoff)
    assert g.loc[g["actor"] == "X", "model"].iloc[0] == "sparse" and g.loc[g["actor"] == "X", "mean"].max() < 0.4


def test_backfill_never_invents_weeks_before_the_country_or_history_start():
    from trends.forecast.panel import panel_matrix

    w, cutoff = _one_event_panel()
    w.loc[w["actor"] == "X", "country"] = "D"
    keys, Y, weeks = panel_matrix(w, cutoff)
    x = int(np.flatnonzero(keys["actor"] == "X")[0])
    assert np.isnan(Y[x, :-1]).all() and Y[x, -1] == 1
    keys, Y, weeks = panel_matrix(w, cutoff, history_start=cutoff - pd.Timedelta(weeks=10))
    assert np.isnan(Y[x, :-10]).all() and Y[x, -10:].tolist() == [0.0] * 9 + [1.0]
    a0 = int(np.flatnonzero(keys["actor"] == "A0")[0])
    own = w[w["actor"] == "A0"].set_index("week")["events"].reindex(weeks).to_numpy(dtype=float)
    np.testing.assert_array_equal(Y[a0], own)  # a later history_start never hides a series' own weeks


@pytest.mark.slow
def test_batched_ets_matches_statsmodels_ets_ann():
    from statsmodels.tsa.exponential_smoothing.ets import ETSModel

    from trends.forecast.ets import fit_ses

    rng = np.random.default_rng(2)
    weeks = pd.date_range("2019-01-07", periods=120, freq="W-MON")
    y = np.r_[nb_draw(rng, np.full(60, 1.0), 3.0), nb_draw(rng, np.full(60, 5.0), 3.0)]  # a level shift
    x = pd.Series(np.log1p(y.astype(float)), index=weeks)
    ref = ETSModel(x, error="add").fit(disp=False)
    got = fit_ses(x.to_numpy()[None])
    assert got["alpha"][0] == pytest.approx(ref.params.iloc[0], abs=0.011)
    assert got["sigma2"][0] == pytest.approx(ref.mse, rel=0.01)
    pr = ref.get_prediction(start=ref.nobs, end=ref.nobs + 7)
    p = get_model("ets").fit(y, weeks).predict(8)
    m = np.asarray(pr.predicted_mean)
    sd = np.sqrt(np.asarray(pr.var_pred_mean))
    np.testing.assert_allclose(p["hi95"], np.expm1(m + 1.959964 * sd), rtol=0.03)
    np.testing.assert_allclose(p["lo80"], np.clip(np.expm1(m - 1.281552 * sd), 0, None), rtol=0.03, atol=0.02)
    assert p["hi95"].iloc[-1] > p["hi95"].iloc[0]  # the variance grows with the horizon


@pytest.mark.parametrize("name", ["mean", "nbglm", "sparse"])  # naive, ets: their own claims are off here
def test_interval_mass_is_the_achievable_coverage_on_known_nb_series(name):
    # stationary NB(1.5, k=2): the model's own mass of its integer interval should match what the truth gives
    rate, k, n = 1.5, 2.0, 300
    w, _ = weekly_panel(n, 164, base_rate=rate, dispersion=k, seed=9)
    cutoff = pd.Timestamp(w["week"].min()) + pd.Timedelta(weeks=156)
    fc = forecast_panel(w, [name], horizon=8, cutoff=cutoff, active_weeks=None)
    j = fc.merge(w[["actor", "week", "events"]], on=["actor", "week"])
    p = k / (k + rate)
    true_mass = stats.nbinom.cdf(j["hi80"], k, p) - stats.nbinom.cdf(j["lo80"] - 1, k, p)
    if name in ("mean", "nbglm", "sparse"):  # exact count quantiles: integer bounds hold at least 80 %
        assert (j["mass80"] >= 0.8 - 1e-9).all()
    assert abs(j["mass80"].mean() - true_mass.mean()) < 0.05, (j["mass80"].mean(), true_mass.mean())
    cov = ((j["events"] >= j["lo80"]) & (j["events"] <= j["hi80"])).mean()
    assert abs(cov - j["mass80"].mean()) < 0.05


def _one_series(y, start="2015-01-05"):
    weeks = pd.date_range(start, periods=len(y), freq="W-MON")
    return pd.DataFrame(
        {
            "series_id": 0,
            "actor": "A",
            "country": "C",
            "province": "P",
            "week": weeks,
            "events": np.asarray(y, dtype=int),
            "fatalities": 0,
        }
    )


def _burst_then_silence(seed=0):
    """Two quiet years (~0.3 a week), a 14-week campaign a year before the cutoff (~6 a week), a tail, then 20
    zero weeks: one episode, no recurring season."""
    rng = np.random.default_rng(seed)
    y = rng.poisson(0.3, 156)
    y[104:118] = rng.poisson(6.0, 14)
    y[-20:] = 0
    return y


def test_a_single_burst_then_silence_gets_no_seasonal_or_rising_forecast():
    for seed in range(3):
        y = _burst_then_silence(seed)
        w = _one_series(y)
        a = forecast_panel(w, "auto", horizon=8)["mean"].to_numpy()
        assert a.max() < 0.1 * y.mean() and np.all(np.diff(a) <= 1e-9), (seed, a.round(3))  # the default: ~0, flat
        fc = forecast_panel(w, "select", horizon=8)
        m = fc["mean"].to_numpy()
        assert m.max() < y.mean(), (seed, m.round(2), y.mean())  # select: low and flat
        assert np.all(np.diff(m) <= 1e-9), (seed, m.round(3))
        assert fc.attrs["models"]["model"].iloc[0] == "sparse"
        assert fc.attrs["models"]["reason"].iloc[0].startswith("dormant")
        g = forecast_panel(w, ["nbglm"], horizon=8)["mean"].to_numpy()  # the GLM itself: flat, near the mean
        assert g[-1] <= 1.01 * g[0] and g.max() < 1.1 * y.mean(), (seed, g.round(2))
        old = NBGLM(season_test=False, dormant_weeks=0).fit(y, w["week"]).predict(8)["mean"].to_numpy()
        assert old[-1] > 1.2 * old[0]  # the unguarded GLM turns the campaign into a coming season


def test_the_season_test_rejects_one_episode_and_keeps_a_recurring_season():
    from trends.forecast.glm import seasonal_support

    rng = np.random.default_rng(4)
    weeks = pd.date_range("2016-01-04", periods=156, freq="W-MON")
    X = design(weeks, weeks[-1] + pd.Timedelta(days=7), 2)
    pen = np.zeros((2, X.shape[1]))
    pen[:, 1] = 50.0
    episode = _burst_then_silence(4).astype(float)
    doy = 2 * np.pi * (weeks.dayofyear.to_numpy() - 1) / 365.25
    seasonal = rng.poisson(np.exp(0.3 + 1.5 * np.cos(doy - 1.0))).astype(float)
    ok = seasonal_support(np.vstack([episode, seasonal]), X, pen)
    assert ok.tolist() == [False, True]
    # and the fitted model without the guard would have used the episode as a season
    assert not NBGLM().fit(episode, weeks).seasonal_[0]
    assert NBGLM(season_test=False, dormant_weeks=0).fit(episode, weeks).seasonal_[0]


def test_a_seasonal_series_quiet_in_its_off_season_still_forecasts_its_peak():
    """Four years of spring campaigns (Feb-May) and near-silent autumns: at a January cutoff the last 13+ weeks
    are zero, but the GLM expects that (off-season), keeps its season and forecasts the coming rise."""
    rng = np.random.default_rng(2)
    weeks = pd.date_range("2015-01-05", "2019-01-07", freq="W-MON", inclusive="left")
    doy = 2 * np.pi * (weeks.dayofyear.to_numpy() - 1) / 365.25
    rate = np.exp(-0.5 + 2.2 * np.cos(doy - 2 * np.pi * 90 / 365.25))  # peak around day 90
    y = rng.poisson(rate)
    y[-16:] = 0  # Sep-Dec quiet (off-season)
    w = _one_series(y, "2015-01-05")
    fc = forecast_panel(w, ["nbglm"], horizon=12, cutoff="2019-01-07")
    m = fc["mean"].to_numpy()
    assert m[-1] > 3 * m[0] and m[-1] > y.mean(), m.round(2)
    auto = forecast_panel(w, "auto", horizon=12, cutoff="2019-01-07")
    assert auto.attrs["models"]["model"].iloc[0] != "sparse" or auto["mean"].iloc[-1] > auto["mean"].iloc[0]


def test_dormant_and_silence_probability():
    from trends.forecast.glm import dormant, silence_probability

    Y = np.array([[np.nan, 1, 2] + [0] * 13, [0] * 16, [1] * 3 + [0] * 12 + [1]], dtype=float)
    assert dormant(Y, 13).tolist() == [True, False, False]  # never-active and just-active rows are not dormant
    p = silence_probability(Y, np.full(Y.shape, 0.5), np.full(3, 1e-6))
    np.testing.assert_allclose(p, [np.exp(-0.5 * 13), np.exp(-0.5 * 16), 1.0], rtol=1e-4)
