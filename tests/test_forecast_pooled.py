"""Candidates tried against the default (docs/forecasting.md, "Global model"): known rates on synthetic panels."""

import numpy as np
import pandas as pd
import pytest

from trends.forecast.base import nb_quantiles
from trends.forecast.local import LocalLevel
from trends.forecast.pooled import GlobalPooled
from trends.forecast.recalibrate import Recalibrated


def _panel(rates, n_weeks, seed, dispersion=None):
    rng = np.random.default_rng(seed)
    lam = np.repeat(np.asarray(rates, float)[:, None], n_weeks, axis=1)
    if dispersion:
        lam = lam * rng.gamma(1 / dispersion, dispersion, lam.shape)
    return rng.poisson(lam).astype(float)


def _keys(n):
    return pd.DataFrame(
        {
            "actor": [f"a{i % 6}" for i in range(n)],
            "country": [f"c{i % 3}" for i in range(n)],
            "province": [f"p{i}" for i in range(n)],
        }
    )


@pytest.mark.parametrize("engine", ["glm", "lightgbm"])
def test_the_global_model_recovers_known_rates_and_covers_them(engine):
    """90 stationary Poisson series at 0.2 / 1 / 5 a week: the pooled model's mean is within 15 % of each
    group's rate (GLM; 25 % for LightGBM, whose Poisson steps are capped: 0.24 for 0.2 measured) and its 80 %
    intervals cover 70-95 % of fresh weeks."""
    if engine == "lightgbm":
        pytest.importorskip("lightgbm")
    rates = np.repeat([0.2, 1.0, 5.0], 30)
    n_weeks, h = 188, 8
    full = _panel(rates, n_weeks + h, seed=3)
    Y, future = full[:, :n_weeks], full[:, n_weeks:]
    weeks = pd.date_range("2015-01-05", periods=n_weeks, freq="W-MON")
    p = GlobalPooled(engine=engine).forecast_keys(_keys(len(rates)), Y, weeks, h)
    for r in (0.2, 1.0, 5.0):
        m = p["mean"][rates == r].mean()
        assert abs(m / r - 1) < (0.15 if engine == "glm" else 0.25), (r, m)
    inside = (future >= p["lo80"]) & (future <= p["hi80"])
    assert 0.70 <= inside.mean() <= 0.95, inside.mean()
    assert (p["lo95"] <= p["lo80"]).all() and (p["hi80"] <= p["hi95"]).all()


def test_the_global_model_follows_a_group_level_it_has_seen_before():
    """Features of the series' country matter: a fixed panel where every series of country c0 doubles its
    rate in the same weeks the country total does: the pooled mean of c0 after a country-wide rise is above the
    mean of the other countries with the same own history (0.5 a week)."""
    rng = np.random.default_rng(11)
    n, n_weeks = 60, 188
    keys = _keys(n)
    lam = np.full((n, n_weeks), 0.5)
    c0 = (keys["country"] == "c0").to_numpy()
    for start in range(20, n_weeks, 40):  # country-wide surges of 8 weeks, repeated
        lam[c0, start : start + 8] = 3.0
    Y = rng.poisson(lam).astype(float)
    Y[c0, -3:] = rng.poisson(3.0, (c0.sum(), 3))  # a surge has just started in c0
    weeks = pd.date_range("2015-01-05", periods=n_weeks, freq="W-MON")
    p = GlobalPooled(engine="glm").forecast_keys(keys, Y, weeks, 4)
    assert p["mean"][c0, 0].mean() > 1.3 * p["mean"][~c0, 0].mean()


class _FixedNB(LocalLevel):
    """A base model with a known, deliberately wrong dispersion: mean = the series' 52-week mean."""

    def __init__(self, alpha=1.0, **kw):
        super().__init__(**kw)
        self.fixed_alpha = alpha

    def _fit_batch(self, Y, weeks):
        m = np.nanmean(Y[:, -52:], axis=1)
        return {
            "mean": m,
            "alpha": np.full(len(Y), self.fixed_alpha),
            "busy": m >= 1,
            "new": np.zeros(len(Y), bool),
            "onset": np.full(len(Y), -1),
        }

    def new(self):
        return _FixedNB(self.fixed_alpha)


def test_recalibration_narrows_intervals_that_are_too_wide_and_widens_ones_too_narrow():
    """Poisson(4) series forecast with NB alpha 1 (far too wide: 80 % interval ~0-9 instead of 2-7) or alpha
    0.001 forecast for NB(4, alpha 0.5) counts (too narrow): the inner-PIT levels bring the 80 % coverage of
    fresh weeks to 0.72-0.90 in both cases (Poisson(4)'s own integer 80 % interval 2-7 holds 0.857), from > 0.95 and < 0.7."""
    h, n_weeks = 8, 188
    weeks = pd.date_range("2015-01-05", periods=n_weeks, freq="W-MON")
    for alpha_model, alpha_true in ((1.0, None), (0.001, 0.5)):
        full = _panel(np.full(80, 4.0), n_weeks + h, seed=1, dispersion=alpha_true)
        Y, future = full[:, :n_weeks], full[:, n_weeks:]
        base = _FixedNB(alpha_model)
        raw = base.forecast_batch(Y, weeks, h)[0]
        rec = Recalibrated(base).forecast_batch(Y, weeks, h)[0]
        cov_raw = ((future >= raw["lo80"]) & (future <= raw["hi80"])).mean()
        cov_rec = ((future >= rec["lo80"]) & (future <= rec["hi80"])).mean()
        assert (cov_raw > 0.95) if alpha_true is None else (cov_raw < 0.7), cov_raw
        assert 0.72 <= cov_rec <= 0.90, (alpha_model, cov_raw, cov_rec)
        np.testing.assert_array_equal(rec["mean"], raw["mean"])  # only the quantiles move


def test_nb_quantiles_used_by_the_candidates_are_the_distributions_own():
    p = nb_quantiles(np.array([[4.0]]), 1e-6)
    assert p["lo80"][0, 0] == 2 and p["hi80"][0, 0] == 7  # Poisson(4): 0.10 / 0.90 quantiles
