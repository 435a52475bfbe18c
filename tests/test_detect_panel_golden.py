"""detect_breaks on a fixed synthetic panel gives exactly the breaks it gave before the batched rewrite.

tests/golden/detect_breaks_panel.csv was written by the per-series implementation (trends before the batched
profile and setup, commit "detect: golden breaks of a fixed panel") with `python -m tests.test_detect_panel_golden`.
The panel mixes what the weekly job feeds the detector: series with one planted change (up and down, several
base rates and dispersions), quiet series, a series that starts mid-window, a sparse one, an all-zero one and
one too short to segment. The faster code must give the same rows (same weeks, rates and p-values up to float
rounding) and the planted changes must still be found.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from trends.detect import detect_breaks
from trends.errors import TooFewWeeks, UsageError
from trends.frames import BREAKS
from trends.synthetic import weekly_panel

GOLDEN = Path(__file__).parent / "golden" / "detect_breaks_panel.csv"


def golden_panel() -> tuple[pd.DataFrame, pd.DataFrame]:
    """The fixed panel (156 weeks, 80 series plus edge cases) and its planted changes."""
    rng = np.random.default_rng(2026)
    n, weeks = 80, 156
    base = np.exp(rng.uniform(np.log(0.05), np.log(20), n))
    breaks = {
        int(i): (int(rng.integers(20, weeks - 12)), float(rng.choice([0.2, 0.33, 3.0, 5.0])))
        for i in rng.choice(n, 30, replace=False)
    }
    parts = []
    truths = []
    for disp, seed in ((2.0, 1), (np.inf, 2)):
        w, t = weekly_panel(
            n // 2,
            weeks,
            breaks={k: v for k, v in breaks.items() if k < n // 2},
            base_rate=base[: n // 2],
            dispersion=disp,
            seasonal_amp=0.4,
            seed=seed,
        )
        tag = "nb" if np.isfinite(disp) else "poisson"
        parts.append(w.assign(actor=w["actor"] + "-" + tag))
        truths.append(t.assign(actor=t["actor"] + "-" + tag))
    w = pd.concat(parts, ignore_index=True)
    one = w[w["actor"] == "A0-nb"]
    extra = [
        one.iloc[90:].assign(actor="Late", province="L"),  # first appears mid-window
        one.assign(actor="Zero", province="Z", events=0, fatalities=0),  # no events at all
        one.assign(actor="Sparse", province="S", events=(np.arange(len(one)) % 37 == 5).astype(int)),
        one.iloc[:6].assign(actor="Short", province="Q"),  # too short: an issue, not a break
    ]
    panel = pd.concat([w, *extra], ignore_index=True)
    return panel.sample(frac=1.0, random_state=0).reset_index(drop=True), pd.concat(truths, ignore_index=True)


def test_detect_breaks_same_as_before_on_the_fixed_panel():
    panel, truth = golden_panel()
    got, issues = detect_breaks(panel, return_issues=True)
    want = pd.read_csv(GOLDEN, parse_dates=["week"], keep_default_na=False, na_values=[""])
    assert len(want) > 40  # the panel has changes to find
    assert list(got.columns) == BREAKS
    cols = ["actor", "country", "province", "week", "method", "direction"]
    assert got[cols].astype(str).values.tolist() == want[cols].astype(str).values.tolist()
    for c in ("rate_before", "rate_after", "rate_ratio", "p_value"):
        np.testing.assert_allclose(got[c].to_numpy(float), want[c].to_numpy(float), rtol=1e-9, atol=1e-12)
    assert issues["actor"].tolist() == ["Short"]
    # the planted changes are found (within 4 weeks, right direction) in half the series at least (18 of 32 when
    # written: many base rates are tiny)
    hit = 0
    for _, t in truth.iterrows():
        b = got[(got["actor"] == t["actor"]) & (got["province"] == t["province"])]
        near = b[(b["week"] - t["week"]).abs() <= pd.Timedelta(weeks=4)]
        hit += bool(len(near)) and (near["direction"].iloc[0] == ("up" if t["rate_ratio"] > 1 else "down"))
    assert hit >= 0.5 * len(truth), f"{hit} of {len(truth)} planted changes found"


@pytest.mark.parametrize("n_jobs", [1, 2])
def test_detect_breaks_threads_do_not_change_the_breaks(n_jobs, monkeypatch):
    monkeypatch.setattr("trends.detect._core.THREAD_MIN_WORK", 0)
    panel, _ = golden_panel()
    assert detect_breaks(panel, n_jobs=n_jobs).equals(detect_breaks(panel, n_jobs=1))


if __name__ == "__main__":  # regenerate the golden file (only when the detector's results are meant to change)
    p, _ = golden_panel()
    detect_breaks(p).to_csv(GOLDEN, index=False)
    print(f"wrote {GOLDEN}")


def test_batched_profile_steps_equal_the_per_series_ones():
    """setup_many and loglik_grids (the batched profile) give bit for bit what _setup and nb_loglik_grid give
    series by series, for NB, Poisson and fixed k, integer and fractional counts, zeros and random segmentations."""
    from trends.detect import _batch, _core

    r = np.random.default_rng(1)
    ys = []
    for i in range(300):
        y = r.negative_binomial(r.uniform(0.3, 5), 0.5, int(r.choice([8, 9, 38, 40, 156, 300]))).astype(float)
        y = y * 0.37 if i % 7 == 0 else y
        y[: len(y) // 2] = 0 if i % 13 == 0 else y[: len(y) // 2]
        ys.append(np.zeros(len(y)) if i % 11 == 0 else y)
    for cost, disp in (("nb", None), ("nb", "lag"), ("poisson", None), ("nb", 2.5)):
        for a, b in zip(
            [_core._setup(y, cost, "mbic", 4, disp) for y in ys], _batch.setup_many(ys, cost, "mbic", 4, disp)
        ):
            assert a[1:5] == b[1:5] and np.array_equal(a[5], b[5])
    prep = _batch.setup_many(ys, "nb", "mbic", 4, None)
    prep = [(p[0], p[1], np.inf if i % 5 == 0 else p[2], *p[3:]) for i, p in enumerate(prep)]
    starts = [sorted(set(r.integers(4, p[1] - 4, r.integers(0, 10)).tolist())) if p[1] > 8 else [] for p in prep]
    grids = _batch.loglik_grids(prep, starts)
    for p, st, g in zip(prep, starts, grids):
        assert np.array_equal(g, _core.nb_loglik_grid(p[0], st, np.r_[_core.K_GRID, p[2]]))
    with pytest.raises(TooFewWeeks):
        _batch.setup_many([np.ones(20), np.ones(5)], "nb", "mbic", 4, None)
    with pytest.raises(UsageError, match="NaN"):
        _batch.setup_many([np.ones(20), np.r_[np.ones(9), np.nan]], "nb", "mbic", 4, None)
