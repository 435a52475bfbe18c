"""Engines: the dask engine (a LocalCluster of 2 workers) gives the same forecasts and backtests as local."""

import numpy as np
import pandas as pd
import pytest

from trends import engine
from trends.errors import UsageError
from trends.synthetic import weekly_panel


def _panel():
    w, _ = weekly_panel(
        24,
        200,
        breaks={3: (150, 4.0), 7: (120, 0.2)},
        base_rate=np.linspace(0.2, 6, 24),
        dispersion=3.0,
        seasonal_amp=0.5,
        seed=3,
    )
    # spread the series over four countries so the panel splits into several parts
    countries = np.array(["Iraq", "Syria", "Mali", "Niger"])
    code = w.groupby(["actor", "country", "province"], sort=False).ngroup().to_numpy() % 4
    return w.assign(country=countries[code])


def test_split_by_country_keeps_countries_whole_and_loses_no_row():
    w = _panel()
    parts = engine.split_by_country(w, 3)
    assert 1 < len(parts) <= 3 and sum(len(p) for p in parts) == len(w)
    owners = [set(p["country"]) for p in parts]
    assert all(not (a & b) for i, a in enumerate(owners) for b in owners[i + 1 :])
    assert engine.split_by_country(w, 1)[0] is w


def test_unknown_engine_names_the_choices():
    with pytest.raises(UsageError, match="choose from local, dask"):
        engine.make_engine("spark")


@pytest.fixture(scope="module")
def dask_engine():
    pytest.importorskip("distributed")
    eng = engine.make_engine("dask", n_workers=2)
    yield eng
    eng.close()


@pytest.mark.slow
def test_dask_engine_gives_the_local_forecasts(dask_engine):
    w = _panel()
    local = engine.forecast(engine.LocalEngine(), w, models="auto", horizon=4)
    remote = engine.forecast(dask_engine, w, models="auto", horizon=4)
    assert len(remote) == len(local) == 24 * 4
    pd.testing.assert_frame_equal(remote.reset_index(drop=True), local.reset_index(drop=True), rtol=1e-9)
    pd.testing.assert_frame_equal(remote.attrs["models"], local.attrs["models"].reset_index(drop=True))
    assert set(remote["country"]) == {"Iraq", "Syria", "Mali", "Niger"}


def test_only_per_series_models_split_the_panel():
    # the default pools its NB dispersion over the panel's busy series: splitting it would change intervals
    assert not engine._per_series("auto") and not engine._per_series(["naive", "auto"])
    assert engine._per_series(["prophet"]) and not engine._per_series(["prophet", "local"])


@pytest.mark.slow
def test_dask_engine_gives_the_local_backtest(dask_engine):
    w = _panel()
    origins = [w["week"].max() - pd.Timedelta(weeks=k) for k in (20, 10)]
    kw = dict(models=["naive", "auto"], origins=origins, horizon=4)
    local = engine.backtest(engine.LocalEngine(), w, **kw)
    remote = engine.backtest(dask_engine, w, **kw)
    assert len(local) > 0
    pd.testing.assert_frame_equal(remote, local.reset_index(drop=True), rtol=1e-9)
