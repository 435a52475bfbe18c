"""The vectorised numerical kernels of the forecast stage agree with the library functions they replace."""

import warnings

import numpy as np
import pytest
from scipy import stats

from trends.forecast import TSB
from trends.forecast.base import PPF_GRID, nb_ppf, nb_quantiles
from trends.forecast.baseline import row_quantiles
from trends.forecast.glm import design, fit_nb_glm

LEVELS = [0.025, 0.10, 0.50, 0.90, 0.975]


def _scipy_ppf(q, size, mean):
    return stats.nbinom.ppf(q, size, size / (size + mean))


@pytest.mark.parametrize("lo, hi", [(1e-9, 1.0), (0.5, 40.0), (50.0, 3000.0)])
def test_nb_ppf_equals_scipy_nbinom_ppf(lo, hi):
    rng = np.random.default_rng(int(hi))
    mean = np.exp(rng.uniform(np.log(lo), np.log(hi), 4000))
    size = 1.0 / np.exp(rng.uniform(np.log(1e-6), np.log(20.0), 4000))
    got = nb_ppf(LEVELS, size, mean)
    want = np.stack([_scipy_ppf(q, size, mean) for q in LEVELS])
    np.testing.assert_array_equal(got, want)
    if hi > PPF_GRID:  # the far tail beyond the summed grid took scipy's path and still agrees
        assert (got > PPF_GRID).any()


def test_nb_ppf_per_element_levels_and_shape():
    rng = np.random.default_rng(7)
    mean = rng.gamma(1.0, 3.0, (30, 8)) + 1e-6
    size = np.full((30, 8), 2.5)
    q = rng.uniform(1e-9, 1 - 1e-9, (30, 8))
    got = nb_ppf([q, 0.5], size, mean)
    assert got.shape == (2, 30, 8)
    np.testing.assert_array_equal(got[0], _scipy_ppf(q, size, mean))
    np.testing.assert_array_equal(got[1], _scipy_ppf(0.5, size, mean))


def test_nb_quantiles_and_hurdle_quantiles_unchanged():
    rng = np.random.default_rng(3)
    mean, alpha = rng.gamma(1.0, 4.0, (50, 6)), rng.uniform(0.0, 3.0, (50, 6))
    out = nb_quantiles(mean, alpha)
    m, a = np.clip(mean, 1e-9, None), np.clip(alpha, 1e-6, None)
    for col, q in zip(["lo95", "lo80", "median", "hi80", "hi95"], LEVELS):
        np.testing.assert_array_equal(out[col], _scipy_ppf(q, 1 / a, m))
    # the hurdle model's quantiles: 0 below the zero mass, else 1 + the NB quantile of the active-week excess
    p, z, al = rng.uniform(0.05, 0.95, 40), rng.uniform(1.0, 9.0, 40), rng.uniform(1e-4, 5.0, 40)
    got = TSB()._predict_batch((p, z, al), 3)
    excess, size = np.maximum(z - 1, 1e-6)[:, None], 1 / al[:, None]
    for col, q in zip(["lo95", "lo80", "median", "hi80", "hi95"], LEVELS):
        qq = np.clip((q - (1 - p[:, None])) / p[:, None], 1e-9, 1 - 1e-9)
        want = np.where(q <= 1 - p[:, None], 0.0, 1.0 + _scipy_ppf(qq, size, excess))
        np.testing.assert_array_equal(got[col], np.broadcast_to(want, (40, 3)))


def test_row_quantiles_equals_nanquantile_with_leading_nans_and_empty_rows():
    rng = np.random.default_rng(0)
    D = rng.integers(-15, 15, (400, 104)).astype(float)
    start = rng.integers(0, 110, 400)
    D[np.arange(104)[None, :] < start[:, None]] = np.nan
    assert (start >= 104).any()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        want = np.stack([np.nan_to_num(np.nanquantile(D, q, axis=1)) for q in LEVELS])
    np.testing.assert_array_equal(row_quantiles(D, LEVELS), want)


def test_batched_irls_equals_the_per_series_normal_equations():
    """fit_nb_glm's GEMM form of X'WX gives the same fit as solving each series' own equations."""
    import pandas as pd

    rng = np.random.default_rng(5)
    weeks = pd.date_range("2018-01-01", periods=120, freq="W-MON")
    X = design(weeks, weeks[-1], 2)
    Y = rng.poisson(np.exp(0.5 + 0.8 * X[:, 2])[None, :] * rng.uniform(0.3, 3, (25, 1))).astype(float)
    Y[:5, :40] = np.nan
    pen = np.tile([1e-6, 50.0, 1.0, 1.0, 1.0, 1.0], (25, 1))
    beta, alpha, cov = fit_nb_glm(Y, X, pen)
    for i in (0, 7, 24):
        ok = ~np.isnan(Y[i])
        b1, a1, c1 = fit_nb_glm(Y[i : i + 1, ok], X[ok], pen[i : i + 1])
        np.testing.assert_allclose(beta[i], b1[0], rtol=1e-9, atol=1e-9)
        np.testing.assert_allclose(alpha[i], a1[0], rtol=1e-9)
        np.testing.assert_allclose(cov[i], c1[0], rtol=1e-7, atol=1e-12)
    assert abs(beta[:, 2].mean() - 0.8) < 0.2  # and it recovers the planted seasonal coefficient


def _season_panel():
    """Rows: a recurring spring season, one campaign then a lower level, flat noise, and a 60-week series."""
    import pandas as pd

    rng = np.random.default_rng(11)
    weeks = pd.date_range("2016-01-04", periods=200, freq="W-MON")
    doy = 2 * np.pi * (weeks.dayofyear.to_numpy() - 1) / 365.25
    seasonal = rng.poisson(np.exp(0.5 + 1.5 * np.cos(doy - 1.0)))
    episode = rng.poisson(0.6, 200)
    episode[120:135] += rng.poisson(8, 15)
    flat = rng.poisson(2.0, 200)
    young = np.r_[np.full(140, np.nan), rng.poisson(1.5, 60)]
    return np.vstack([seasonal, episode, flat, young]).astype(float), weeks


def test_season_support_is_the_test_fit_runs_and_with_support_reuses_it_exactly():
    from trends.forecast import NBGLM

    Y, weeks = _season_panel()
    m = NBGLM(dormant_weeks=0)
    support = m.season_support(Y, weeks)
    assert support[0] == 1.0 and np.isnan(support[3])  # the season is kept; 60 weeks: the test does not apply
    fitted = m.new()
    state = fitted._fit_batch(Y, weeks)
    np.testing.assert_array_equal(fitted.seasonal_[:3], support[:3] > 0.5)
    again = m.with_support(support)
    reused = again._fit_batch(Y, weeks)
    np.testing.assert_array_equal(reused["beta"], state["beta"])
    # a given answer is used instead of the test: forcing "no season" drops the yearly terms
    off = m.with_support(np.array([0.0, np.nan, np.nan, np.nan]))
    s_off = off._fit_batch(Y, weeks)
    assert not off.seasonal_[0] and np.abs(s_off["beta"][0, 2:]).max() < 1e-3
    assert abs(state["beta"][0, 2:]).max() > 0.5


def test_auto_tests_the_season_at_its_earliest_inner_origin_only(monkeypatch):
    """auto's inner backtest runs nbglm's season test once, on the weeks before its earliest origin."""
    import trends.forecast.glm as glm
    from trends.forecast import choose_models

    Y, weeks = _season_panel()
    seen = []
    real = glm.seasonal_support

    def spy(Yw, X, *a, **k):
        seen.append(Yw.shape)
        return real(Yw, X, *a, **k)

    monkeypatch.setattr(glm, "seasonal_support", spy)
    names, _ = choose_models(Y, weeks, 8)
    # one call for the earliest origin (200 - 8 - 12 = 180 weeks, window 156) and none at the other three
    assert len(seen) == 1 and seen[0][1] == 156
    assert names[0] == "nbglm"
