"""Scoring: detection, delay and false alarms on hand-made alerts, and the simulator's truth."""

import numpy as np
import pandas as pd

from trends.evaluate import detections, false_alarms, score_alerts
from trends.simulate import simulate_panel

W = pd.date_range("2020-01-06", periods=20, freq="7D")


def _weekly(n=3):
    return pd.DataFrame(
        [
            {"series_id": i, "actor": "A", "country": "C", "province": f"P{i}", "week": w, "events": 0, "fatalities": 0}
            for i in range(n)
            for w in W
        ]
    )


def test_delay_detection_and_false_alarms_by_hand():
    truth = pd.DataFrame(
        [
            {"actor": "A", "country": "C", "province": "P0", "onset": W[5], "end": W[8]},
            {"actor": "A", "country": "C", "province": "P1", "onset": W[5], "end": W[8]},
        ]
    )
    alerts = pd.DataFrame(
        [
            {
                "actor": "A",
                "country": "C",
                "province": "P0",
                "week": W[3],
                "rule": "surge",
                "level": "watch",
                "status": "new",
            },
            {
                "actor": "A",
                "country": "C",
                "province": "P0",
                "week": W[7],
                "rule": "surge",
                "level": "alert",
                "status": "new",
            },
            {
                "actor": "A",
                "country": "C",
                "province": "P2",
                "week": W[7],
                "rule": "seasonal",
                "level": "watch",
                "status": "new",
            },
            {
                "actor": "A",
                "country": "C",
                "province": "P2",
                "week": W[8],
                "rule": "seasonal",
                "level": "watch",
                "status": "continuing",
            },
        ]
    )
    d = detections(alerts, truth, max_delay=12)
    anyd = d[d["rule"] == "any"].set_index("province")
    assert anyd.loc["P0", "delay_weeks"] == 2 and not anyd.loc["P1", "detected"]
    fa = false_alarms(alerts, truth, _weekly(), W[0], W[-1], max_delay=2).set_index("rule")
    # P0 at W3 (before onset) and P2 at W7 are false; P2's continuing week is not counted again
    assert fa.loc["any", "false_alarms"] == 2
    quiet = 3 * 20 - 2 * (8 + 2 - 5 + 1)
    assert fa.loc["any", "quiet_series_weeks"] == quiet
    s = score_alerts(alerts, truth, _weekly(), W[0], W[-1], max_delay=2).set_index("rule")
    assert s.loc["any", "pod"] == 0.5 and s.loc["seasonal", "pod"] == 0


def test_simulator_truth_matches_the_counts():
    w, truth = simulate_panel(120, 260, eval_weeks=60, seed=3)
    assert set(truth["kind"]) == {"surge", "resurgence", "expansion"}
    rates = w.groupby("series_id")["events"].mean()
    assert (rates < 1).mean() > 0.4  # realistic sparsity
    for r in truth.itertuples():
        s = w[(w["province"] == r.province)].set_index("week")["events"]
        before = s[s.index < r.onset].tail(26).mean()
        after = s[(s.index >= r.onset) & (s.index <= r.end)].mean()
        if r.kind == "expansion":
            assert s[s.index < r.onset].sum() == 0 and s[r.onset] >= 1
        assert after > before, r
    assert np.all(truth["onset"] >= w["week"].unique()[-60])
