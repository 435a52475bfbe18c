"""Change-point costs and penalties compared: planted shifts and the shipped sample's known episodes, one run.

    .venv/bin/python bench/changepoints.py [--series 60] [--weeks 260]

1. Planted shifts on synthetic NB series (trends.synthetic.nb_draw), every cost x penalty on the same series:
   steps x10, x3, x0.3, x0.1 and a 10-week x10 pulse (like IS in Rif Dimashq 2018), from base rates 0.5, 2 and
   6 events/week, NB size k = inf (Poisson), 5 and 1.5, half of the series with a x1.35 yearly cycle. A planted
   change counts as detected when a change in the right direction is found within `MARGIN` weeks of it; the
   delay is found week - true week. False changes: changes more than MARGIN weeks from every planted change, per
   series-year, on the same series and on quiet ones (no planted change).
2. The shipped UCDP sample (counts clipped at each country's coverage end): for each method, the weeks it
   finds near the known episodes, and its number of changes per series-year over all watched series.

The table printed here is the one in docs/alerts-detect.md; the default (`ChangePointDetector()`) is chosen from it.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from trends.detect._core import pelt_many  # noqa: E402
from trends.synthetic import nb_draw  # noqa: E402

MARGIN = 4
METHODS = {  # label: (cost, penalty, dispersion)
    "poisson / bic": ("poisson", "bic", None),
    "poisson / mbic": ("poisson", "mbic", None),
    "nb lag-13 k / bic": ("nb", "bic", "lag"),
    "nb lag-13 k / mbic (old default)": ("nb", "mbic", "lag"),
    "nb profile k / bic": ("nb", "bic", "profile"),
    "nb profile k / mbic (default)": ("nb", "mbic", "profile"),
}
KINDS = {"x10": [10.0], "x3": [3.0], "x0.3": [0.3], "x0.1": [0.1], "pulse x10": [10.0, 0.1], "quiet": []}

#: known episodes of the sample: (label, actor, country, province, week, direction)
EPISODES = [
    ("IS Rif Dimashq up (W33)", "Islamic State", "Syria", "Rif Dimashq", "2018-08-13", "up"),
    ("IS Rif Dimashq down (W42)", "Islamic State", "Syria", "Rif Dimashq", "2018-10-15", "down"),
    ("IS Anbar up", "Islamic State", "Iraq", "Anbar", "2013-12-30", "up"),
    ("IS Nineveh up", "Islamic State", "Iraq", "Nineveh", "2014-06-02", "up"),
    ("IS Borno up", "Islamic State", "Nigeria", "Borno", "2018-08-27", "up"),
    ("JNIM Centre-Nord up", "JNIM", "Burkina Faso", "Centre-Nord", "2019-07-15", "up"),
    ("JNIM Sahel (BF) up", "JNIM", "Burkina Faso", "Sahel", "2019-01-07", "up"),
]


def planted(n_per_cell: int, weeks: int, seed: int = 0):
    """Series, their planted changes [(index, direction)] and cell labels."""
    rng = np.random.default_rng(seed)
    ys, truth, cells = [], [], []
    t = np.arange(weeks)
    for kind, ratios in KINDS.items():
        for rate in (0.5, 2.0, 6.0):
            for k in (np.inf, 5.0, 1.5):
                for i in range(n_per_cell):
                    amp = 0.3 if i % 2 else 0.0
                    mean = rate * np.exp(amp * np.cos(2 * np.pi * t / 52.18 + rng.uniform(0, 6.3)))
                    tr = []
                    if ratios:
                        at = int(rng.integers(weeks // 4, weeks - weeks // 4))
                        mean[at:] *= ratios[0]
                        tr.append((at, "up" if ratios[0] > 1 else "down"))
                        if len(ratios) > 1:  # a pulse: back to the base rate 10 weeks later
                            mean[at + 10 :] = mean[at + 10 :] / ratios[0]
                            tr.append((at + 10, "down"))
                    ys.append(nb_draw(rng, mean, k).astype(float))
                    truth.append(tr)
                    cells.append((kind, rate, k))
    return ys, truth, cells


def score(found: list[list[tuple[int, str]]], truth, weeks: int) -> dict:
    det, delays, false = 0, [], 0
    n_true = sum(len(t) for t in truth)
    for f, tr in zip(found, truth):
        for at, d in tr:
            near = [w for w, dd in f if dd == d and abs(w - at) <= MARGIN]
            if near:
                det += 1
                delays.append(min(near, key=lambda w: abs(w - at)) - at)
        false += sum(all(abs(w - at) > MARGIN for at, _ in tr) for w, _ in f)
    years = len(found) * weeks / 52.18
    return {
        "detected": det / n_true if n_true else np.nan,
        "median |delay|": float(np.median(np.abs(delays))) if delays else np.nan,
        "mean delay": float(np.mean(delays)) if delays else np.nan,
        "false / series-year": false / years,
    }


def directions(y, starts):
    bounds = [0, *starts, len(y)]
    return [
        (b, "up" if y[b : bounds[j + 2]].mean() > y[bounds[j] : b].mean() else "down") for j, b in enumerate(starts)
    ]


def synthetic_table(n_per_cell: int, weeks: int) -> pd.DataFrame:
    ys, truth, cells = planted(n_per_cell, weeks)
    kinds = np.array([c[0] for c in cells])
    rows = []
    for label, (cost, pen, disp) in METHODS.items():
        t = time.perf_counter()
        fits = pelt_many(ys, cost, pen, 4, disp)
        ms = (time.perf_counter() - t) / len(ys) * 1e3
        found = [directions(y, f[0]) for y, f in zip(ys, fits)]
        r = {"method": label, "ms/series": round(ms, 2)}
        for kind in KINDS:
            idx = np.flatnonzero(kinds == kind)
            s = score([found[i] for i in idx], [truth[i] for i in idx], weeks)
            if kind == "quiet":
                r["quiet: false/series-yr"] = s["false / series-year"]
            else:
                r[f"{kind}: det"] = s["detected"]
        changed = np.flatnonzero(kinds != "quiet")
        s = score([found[i] for i in changed], [truth[i] for i in changed], weeks)
        r["all: det"] = s["detected"]
        r["all: med |delay|"] = s["median |delay|"]
        r["all: false/series-yr"] = s["false / series-year"]
        # by dispersion: detection on changed series and false changes on quiet ones
        for k in (np.inf, 5.0, 1.5):
            q = [i for i in np.flatnonzero(kinds == "quiet") if cells[i][2] == k]
            r[f"quiet k={k:g}: false/yr"] = score([found[i] for i in q], [truth[i] for i in q], weeks)[
                "false / series-year"
            ]
        rows.append(r)
    return pd.DataFrame(rows).set_index("method")


def sample_table() -> pd.DataFrame:
    from trends import aggregate, ingest, store

    con = store.connect(":memory:")
    ingest.ingest_file(con, ingest.sample_path())
    weekly = aggregate.weekly_counts(con, clip_to_coverage=True)
    from trends.pipeline import watch_filter

    weekly, _ = watch_filter(con, weekly)
    con.close()
    groups = {k: g for k, g in weekly.groupby(["actor", "country", "province"])}
    keys = [k for k, g in groups.items() if len(g) >= 8]
    ys = [groups[k]["events"].to_numpy(float) for k in keys]
    wks = [pd.DatetimeIndex(groups[k]["week"]) for k in keys]
    years = sum(len(y) for y in ys) / 52.18
    rows = []
    for label, (cost, pen, disp) in METHODS.items():
        fits = pelt_many(ys, cost, pen, 4, disp)
        r = {"method": label, "changes / series-year (sample)": sum(len(f[0]) for f in fits) / years}
        for ep, actor, country, prov, week, d in EPISODES:
            j = keys.index((actor, country, prov))
            at = pd.Timestamp(week)
            found = [(wks[j][b], dd) for b, dd in directions(ys[j], fits[j][0])]
            near = [w for w, dd in found if dd == d and abs((w - at).days) <= 7 * MARGIN]
            r[ep] = f"{min(near, key=lambda w: abs((w - at).days)).isocalendar()[1]:02d}" if near else "-"
            if near:
                w = min(near, key=lambda w: abs((w - at).days))
                r[ep] = f"W{w.isocalendar()[1]:02d} ({(w - at).days // 7:+d})"
        j = keys.index(("Islamic State", "Syria", "Rif Dimashq"))
        rd = [
            f"{wks[j][b].isocalendar()[0]}-W{wks[j][b].isocalendar()[1]:02d} {dd}"
            for b, dd in directions(ys[j], fits[j][0])
            if wks[j][b].year == 2018
        ]
        r["Rif Dimashq 2018, all changes"] = ", ".join(rd)
        rows.append(r)
    return pd.DataFrame(rows).set_index("method")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--series", type=int, default=60, help="series per (kind, rate, k) cell (default 60)")
    ap.add_argument("--weeks", type=int, default=260, help="weeks per series (default 260)")
    a = ap.parse_args()
    pd.set_option("display.width", 250)
    pd.set_option("display.max_columns", 30)
    pd.set_option("display.max_colwidth", 80)
    n = a.series * 9 * len(KINDS)
    print(f"## Planted shifts: {n} series x {a.weeks} weeks; detected = right direction within {MARGIN} weeks\n")
    tab = synthetic_table(a.series, a.weeks)
    print(tab.round(3).T.to_string())
    print(
        "\n## Known episodes of the UCDP sample (week found, weeks from the episode week; - = not within "
        f"{MARGIN} weeks)\n"
    )
    print(sample_table().T.to_string())


if __name__ == "__main__":
    main()
