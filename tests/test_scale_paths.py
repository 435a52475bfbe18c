"""The shortcuts the weekly job takes at 20k series give what the plain pandas forms give (trends.alert.rules,
trends.scope.n_series): checked on a shuffled synthetic panel, with and without series ids, and with two ids
sharing a key (where the shortcut must step aside)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from trends.alert import rules as R
from trends.frames import SERIES_KEY
from trends.scope import n_series
from trends.synthetic import weekly_panel


def _panel() -> pd.DataFrame:
    w, _ = weekly_panel(30, 60, seed=3)
    w = w.assign(actor=np.where(w["series_id"] % 3 == 0, "B", w["actor"]), province=w["province"].str.lower())
    return w.sample(frac=1.0, random_state=1).reset_index(drop=True)


def _plain(w: pd.DataFrame):
    grp = w.groupby(SERIES_KEY, sort=True, observed=True).ngroup().to_numpy()
    keys = w[SERIES_KEY].assign(_g=grp).drop_duplicates("_g").sort_values("_g").drop(columns="_g")
    return grp, keys.reset_index(drop=True)


def test_alert_panel_rows_by_series_id_equal_the_groupby():
    w = _panel()
    shared = w.assign(series_id=np.where(w["series_id"] == 4, 5, w["series_id"]))  # ids 4 and 5: two keys, one id
    merged = w.assign(series_id=w["series_id"] + 100, actor="C", province="x")  # many ids, one key
    for frame in (w, w.drop(columns="series_id"), shared, pd.concat([w, merged.iloc[:40]], ignore_index=True)):
        grp, keys = R._series_rows(frame)
        want_grp, want_keys = _plain(frame)
        assert np.array_equal(grp, want_grp)
        assert keys.equals(want_keys)


def test_n_series_counts_what_drop_duplicates_counts():
    w = _panel()
    assert n_series(w) == w[SERIES_KEY].drop_duplicates().shape[0] == 30
    assert n_series(w.drop(columns="series_id")) == 30
