"""Weekly report: sentences true of the data, figure data, golden Markdown/CSV, self-contained HTML, atomic re-render.

Golden files live in tests/golden/; rewrite them after an intended change with
`TRENDS_UPDATE_GOLDEN=1 pytest tests/test_report.py` and review the diff.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from pathlib import Path

import matplotlib
import numpy as np
import pandas as pd
import pytest

matplotlib.use("Agg")

from trends.frames import ALERTS, BREAKS, FORECASTS, WeekAnalysis  # noqa: E402
from trends.report import build_report, content, figures, render, render_weekly  # noqa: E402  # noqa: E402
from trends.report import headline as hl
from trends.report.basemap import shapes_path  # noqa: E402
from trends.report.headline import featured_series, headline  # noqa: E402
from trends.synthetic import weekly_panel  # noqa: E402
from trends.weeks import week_label  # noqa: E402

GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("TRENDS_UPDATE_GOLDEN") == "1"


def make_analysis(*, dataset: str = "ucdp", sources=("UCDP GED 24.1 (CC BY 4.0)",)) -> WeekAnalysis:
    """6 synthetic series over 120 weeks; A0 surges 3x from week 112, A2 falls to 0.25x from week 80."""
    weekly, _ = weekly_panel(6, 120, breaks={0: (112, 3.0), 2: (80, 0.25)}, base_rate=2.0, seed=7)
    week = weekly["week"].max()
    keys = weekly[["actor", "country", "province"]].drop_duplicates()
    fc = [
        (a, c, p, week + pd.Timedelta(weeks=h), "nbglm", 2.0 + h / 10, 1.0, 3.5, 0.0, 5.5, week + pd.Timedelta(days=7))
        for a, c, p in keys.itertuples(index=False)
        for h in range(1, 9)
    ]
    weeks = weekly["week"].drop_duplicates().sort_values().to_list()
    breaks = pd.DataFrame(
        [
            ("A0", "Testland", "P0", weeks[112], "offline", "up", 2.0, 6.0, 3.0, 0.0004),
            ("A2", "Testland", "P2", weeks[80], "offline", "down", 2.0, 0.5, 0.25, 0.001),
        ],
        columns=BREAKS,
    )
    a0_now = int(weekly[(weekly["actor"] == "A0") & (weekly["week"] == week)]["events"].iloc[0])
    alerts = pd.DataFrame(
        [
            ("A0", "Testland", "P0", week, "seasonal", "alert", a0_now, 2.1, 4.6, 3.2),
            ("A3", "Testland", "P3", week, "expansion", "warning", 2, 0.0, 0.0, 1.0),
            ("A5", "Testland", "P5", week, "surge", "watch", 4, 2.0, 3.5, 1.4),
        ],
        columns=ALERTS,
    )
    alerts["first_seen"] = [week, week - pd.Timedelta(weeks=2), week]
    alerts["last_seen"] = week
    alerts["status"] = ["new", "continuing", "new"]
    alerts["detail"] = ["", "", "4-week mean 4.0 vs 52-week mean 2.0"]
    rng = np.random.default_rng(3)
    n = 30
    events = pd.DataFrame(
        {
            "event_id": [f"{dataset}:{1000 + i}" for i in range(n)],
            "event_date": (week - pd.to_timedelta(rng.integers(0, 22, n), unit="D") + pd.Timedelta(days=6)).date,
            "actor": rng.choice(["A0", "A1", "A3"], n),
            "country": "Testland",
            "province": rng.choice(["P0", "P1", "P3"], n),
            "location": "somewhere",
            "latitude": rng.uniform(10, 14, n).round(3),
            "longitude": rng.uniform(5, 12, n).round(3),
            "fatalities": rng.integers(0, 30, n),
            "event_type": "state-based conflict",
            "dataset": dataset,
            "counterpart": "Government of Testland",
            "source": "wire",
        }
    )
    events.loc[0, ["latitude", "longitude"]] = np.nan
    models = keys.assign(model="nbglm")
    skill = pd.DataFrame(
        {"model": ["naive", "nbglm"], "horizon": [1, 1], "mase": [1.0, 0.82], "coverage80": [0.71, 0.79]}
    )
    return WeekAnalysis(
        week=week.date(),
        weekly=weekly,
        breaks=breaks,
        forecasts=pd.DataFrame(fc, columns=FORECASTS),
        alerts=alerts,
        events=events,
        skill=skill,
        models=models,
        sources=list(sources),
        issues=pd.DataFrame(
            [("forecast", "A4", "Testland", "P4", "fit failed", "fell back to mean")],
            columns=["stage", "actor", "country", "province", "error", "detail"],
        ),
        families={"A0": "Islamic State", "A1": "Islamic State", "A3": "al-Qaida"},
        snapshot={
            "generated_at": dt.datetime(2026, 1, 5, 9, 30, tzinfo=dt.UTC),
            "latest_ingest": dt.datetime(2026, 1, 5, 8, 0),
            "datasets": [(dataset, dt.date(2018, 1, 1), dt.date(2020, 4, 19), 1234)],
        },
    )


@pytest.fixture(scope="module")
def analysis():
    return make_analysis()


@pytest.fixture(scope="module")
def rendered(analysis, tmp_path_factory):
    return render_weekly(analysis, tmp_path_factory.mktemp("reports"))


# ------------------------------------------------------------------ sentences and tables true of the data
def test_highest_since_on_hand_made_series():
    weeks = pd.date_range("2019-01-07", periods=6, freq="W-MON")
    assert content.highest_since(weeks, [3, 9, 2, 5, 4, 7], weeks[5]) == ("since", weeks[1])
    assert content.highest_since(weeks, [5, 2, 1, 1, 1, 5], weeks[5]) == ("since", weeks[0])  # ties count
    assert content.highest_since(weeks, [1, 2, 3, 2, 1, 4], weeks[5]) == ("record", weeks[0])
    assert content.highest_since(weeks, [1, 2, 3, 2, 1, 0], weeks[5]) == ("none", None)


def _one_series(counts, actor="Islamic State", province="Borno"):
    weeks = pd.date_range("2015-12-28", periods=len(counts), freq="W-MON")
    return pd.DataFrame(
        {
            "series_id": 0,
            "actor": actor,
            "country": "Nigeria",
            "province": province,
            "week": weeks,
            "events": counts,
            "fatalities": 0,
        }
    )


def test_headline_highest_since_and_threshold_claim():
    counts = [0] * 3 + [10] + [1, 2, 0, 3] * 12 + [9]  # 10 in 2016-W03, then nothing above 3 until 9
    w = _one_series(counts)
    week = w["week"].iloc[-1]
    alerts = pd.DataFrame(
        [("Islamic State", "Nigeria", "Borno", week, "seasonal", "alert", 9, 2.0, 5.0, 3.0)], columns=ALERTS
    )
    an = WeekAnalysis(
        week=week.date(),
        weekly=w,
        breaks=pd.DataFrame(columns=BREAKS),
        forecasts=pd.DataFrame(columns=FORECASTS),
        alerts=alerts,
        events=pd.DataFrame(),
    )
    claims = hl.headline(an)
    c = claims[0]
    assert c.text.startswith(
        "Islamic State in Borno (Nigeria): 9 events (0 fatalities) this week, the highest since 2016-W03; "
        "above the seasonal threshold of 5 (level alert, new)."
    )
    assert ("9 events (0 fatalities) this week", "events-islamic-state-nigeria-borno") in c.links
    # one more week at 11 beats everything: a record since the series start
    w2 = _one_series(counts + [11])
    an2 = WeekAnalysis(
        week=w2["week"].iloc[-1].date(),
        weekly=w2,
        breaks=an.breaks,
        forecasts=an.forecasts,
        alerts=alerts.assign(week=w2["week"].iloc[-1], observed=11),
        events=an.events,
    )
    assert "the most in any week since the series starts in 2015-W53" in hl.headline(an2)[0].text


def test_overall_claim_numbers(analysis):
    c = next(c for c in hl.headline(analysis) if c.kind == "overall")
    w, week = analysis.weekly, pd.Timestamp(analysis.week)
    total = int(w[w["week"] == week]["events"].sum())
    past = w[(w["week"] < week) & (w["week"] >= week - pd.Timedelta(weeks=52))].groupby("week")["events"].sum()
    fat = int(w[w["week"] == week]["fatalities"].sum())
    assert f"{total} events ({fat} fatalities) this week" in c.text
    assert f"52-week average of {content.fmt_num(past.mean())}" in c.text


def test_movers_finds_planted_rise_and_fall(analysis):
    mv = content.movers(analysis.weekly, analysis.week)
    assert mv.iloc[0]["actor"] == "A0" and mv.iloc[0]["direction"] == "rising"
    assert "A2" in set(mv[mv["direction"] == "falling"]["actor"])
    s = content.series_frame(analysis.weekly, "A0", "Testland", "P0")
    assert mv.iloc[0]["recent_mean"] == pytest.approx(s["events"].iloc[-4:].mean())
    assert mv.iloc[0]["baseline_mean"] == pytest.approx(s["events"].iloc[-56:-4].mean())
    assert set(mv[mv["direction"] == "rising"]["actor"]).isdisjoint({"A1", "A2", "A4"})


def test_heatmap_matrix_counts_and_order(analysis):
    mat = content.heatmap_matrix(analysis.weekly, analysis.week, weeks=26, top=4)
    assert mat.shape == (4, 26) and mat.columns[-1] == pd.Timestamp(analysis.week)
    w = analysis.weekly[analysis.weekly["week"] >= mat.columns[0]]
    totals = w.groupby("actor")["events"].sum().sort_values(ascending=False)
    assert [lab.split(" — ")[0] for lab in mat.index] == list(totals.index[:4])
    assert mat.sum(axis=1).tolist() == totals.iloc[:4].astype(float).tolist()


def test_alerts_sorted_by_level_then_status():
    wk = pd.Timestamp("2019-11-25")
    a = pd.DataFrame(
        [
            ("B", "X", "p", wk, "surge", "watch", 3, 1, 2, 9.0),
            ("A", "X", "p", wk, "seasonal", "alert", 5, 1, 2, 1.0),
            ("C", "X", "p", wk, "seasonal", "alert", 5, 1, 2, 2.0),
        ],
        columns=ALERTS,
    )
    a["status"] = ["new", "continuing", "new"]
    assert content.alerts_view(a)["actor"].tolist() == ["C", "A", "B"]


# ------------------------------------------------------------------ figures: the data behind them
def test_series_panel_draws_its_data(analysis):
    key = ("A0", "Testland", "P0")
    s = content.series_frame(analysis.weekly, *key)
    fc = analysis.forecasts[analysis.forecasts["actor"] == "A0"]
    fig = figures.series_panel(
        s,
        week=pd.Timestamp(analysis.week),
        forecasts_s=fc,
        breaks_s=analysis.breaks.iloc[:1],
        threshold=4.6,
        history=52,
    )
    ax = fig.axes[0]
    heights = [r.get_height() for r in ax.patches]
    assert heights == s["events"].iloc[-52:].tolist()
    mean_line = next(line for line in ax.lines if line.get_label().startswith("forecast"))
    assert mean_line.get_ydata().tolist() == fc.sort_values("week")["mean"].tolist()
    bands = {c.get_label(): c for c in ax.collections if c.get_label().endswith("interval")}
    assert set(bands) == {"95 % interval", "80 % interval"}
    top95 = bands["95 % interval"].get_paths()[0].vertices[:, 1].max()
    assert top95 == pytest.approx(fc["hi95"].max())
    thr = next(c for c in ax.collections if c.get_label().startswith("alert threshold"))
    assert thr.get_segments()[0][0][1] == pytest.approx(4.6)
    labels = [t.get_text() for t in ax.get_xticklabels()]
    assert labels and all(re.fullmatch(r"\d{4}-W\d{2}", t) for t in labels if t)


def test_week_locator_labels_are_iso_weeks():
    loc = figures.WeekLocator(max_ticks=6)
    import matplotlib.dates as mdates

    ticks = loc.tick_values(mdates.date2num(pd.Timestamp("2018-06-01")), mdates.date2num(pd.Timestamp("2021-02-01")))
    labels = [week_label(mdates.num2date(t)) for t in ticks]
    assert labels and all(lab.endswith(("W01", "W27")) or lab.endswith("W01") for lab in labels)
    assert all(pd.Timestamp(mdates.num2date(t).date()).weekday() == 0 for t in ticks)


def test_heatmap_figure_shows_the_matrix(analysis):
    mat = content.heatmap_matrix(analysis.weekly, analysis.week)
    ax = figures.activity_heatmap(mat).axes[0]
    shown = np.ma.filled(ax.images[0].get_array(), 0)
    assert np.array_equal(shown, mat.to_numpy())
    assert [t.get_text() for t in ax.get_yticklabels()] == list(mat.index)


def test_event_map_points_and_outlines(analysis):
    ev = analysis.events
    fig = figures.event_map(ev)
    ax = fig.axes[0]
    pts = np.vstack([c.get_offsets() for c in ax.collections if c.get_label().startswith(("A0", "A1", "A3"))])
    located = ev.dropna(subset=["latitude"])
    assert len(pts) == len(located)
    assert sorted(map(tuple, pts.round(3))) == sorted(zip(located["longitude"], located["latitude"]))
    notes = " ".join(t.get_text() for t in ax.texts)
    assert "1 event without coordinates not shown" in notes
    if shapes_path() is not None:
        assert "Natural Earth" in notes
    plain = figures.event_map(ev, outlines=False).axes[0]
    assert figures.NO_OUTLINES_NOTE in " ".join(t.get_text() for t in plain.texts)


def test_map_regions_split_far_apart_clusters():
    # two panels at most (the widest gap splits): the Sahel and Nigeria share one, Syria and Iraq get the other
    assert figures.map_regions(np.array([-2.0, 1.0, 13.0, 38.0, 42.0])) == [(-2.0, 13.0), (38.0, 42.0)]
    assert figures.map_regions(np.array([-2.0, 1.0, 13.0, 38.0, 42.0]), max_regions=3) == [
        (-2.0, 1.0),
        (13.0, 13.0),
        (38.0, 42.0),
    ]
    assert figures.map_regions(np.array([1.0, 5.0, 9.0])) == [(1.0, 9.0)]


# ------------------------------------------------------------------ rendered files
def test_outputs_exist_and_figures_are_pngs(rendered):
    assert rendered.name == "2020-W16"
    for name in ("report.html", "report.md", "report.pdf", "alerts.csv"):
        assert (rendered / name).stat().st_size > 0
    pngs = sorted((rendered / "figures").glob("*.png"))
    names = {p.name for p in pngs}
    assert {"movers.png", "activity.png", "flagged.png", "map.png"} <= names
    forecasts = {n for n in names if n.startswith("forecast-")}  # one forecast figure per flagged series
    assert names - forecasts == {"movers.png", "activity.png", "flagged.png", "map.png"} and forecasts
    for p in pngs:
        data = p.read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 5000
    md = (rendered / "report.md").read_text()
    for ref in re.findall(r"\]\((figures/[^)]+)\)", md):
        assert (rendered / ref).exists()
    pdf = (rendered / "report.pdf").read_bytes()
    assert pdf[:5] == b"%PDF-" and len(pdf) > 50_000
    assert (rendered / "map-events.geojson").exists()


def test_golden_markdown_and_alerts_csv(rendered):
    for name in ("report.md", "alerts.csv"):
        got = (rendered / name).read_text()
        gold = GOLDEN / name
        if UPDATE or not gold.exists():
            GOLDEN.mkdir(exist_ok=True)
            gold.write_text(got)
        assert got == gold.read_text(), f"{name} differs from {gold}; if intended, rerun with TRENDS_UPDATE_GOLDEN=1"


def test_alerts_csv_order_and_format(rendered):
    df = pd.read_csv(rendered / "alerts.csv", dtype=str, keep_default_na=False)
    assert list(df.columns) == content.ALERTS_CSV
    assert df["level"].tolist() == ["alert", "warning", "watch"]
    assert df["week"].tolist() == ["2020-W16"] * 3 and df["first_seen"].tolist()[1] == "2020-W14"
    assert all(re.fullmatch(r"\d+\.\d\d", x) for x in df["threshold"])


def test_html_is_self_contained_and_links_resolve(rendered):
    page = (rendered / "report.html").read_text()
    ids = set(re.findall(r'\bid="([^"]+)"', page))
    for src in re.findall(r'\bsrc="([^"]*)"', page):
        assert src.startswith("data:image/png;base64,")
    hrefs = re.findall(r'\bhref="([^"]*)"', page)
    assert hrefs
    for href in hrefs:
        if href.startswith("#"):
            assert href[1:] in ids, f"broken anchor {href}"
        else:
            assert href == render.LICENCE_URL
    assert "<link" not in page and "@import" not in page and "url(" not in page
    # every headline claim about a series links to its section and its events list
    assert 'href="#series-a0-testland-p0"' in page and 'href="#events-a0-testland-p0"' in page


def test_weeks_shown_as_iso_labels(rendered):
    md = (rendered / "report.md").read_text()
    assert re.findall(r"\b\d{4}-W\d{2}\b", md)
    assert not re.search(r"(?<!\d{4}-)\bW\d{1,2}\b", md)  # no bare "W15"
    assert not re.search(r"\b\d{1,2}/\d{1,2}/\d{2,4}\b", md)  # no locale dates
    body = "\n".join(ln for ln in md.splitlines() if not ln.startswith("*Generated "))  # provenance has times
    assert not re.search(r"\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}", body)  # no timestamps


def test_ucdp_attribution_only_when_ucdp_data(analysis):
    text = "\n".join(str(b.content) for b in build_report(analysis).blocks)
    assert "CC BY 4.0" in text and "Sundberg" in text
    other = make_analysis(dataset="events", sources=("my notes",))
    text2 = "\n".join(str(b.content) for b in build_report(other).blocks)
    assert "Sundberg" not in text2 and "my notes" in text2


def test_rerender_replaces_outputs(analysis, tmp_path):
    first = render_weekly(analysis, tmp_path)
    (first / "stale.txt").write_text("from an older run")
    quiet = WeekAnalysis(**{**analysis.__dict__, "alerts": analysis.alerts.iloc[:0]})
    second = render_weekly(quiet, tmp_path)
    assert second == first and not (second / "stale.txt").exists()
    assert pd.read_csv(second / "alerts.csv").empty
    assert [p.name for p in tmp_path.iterdir()] == ["2020-W16"]


def test_failed_render_leaves_previous_report(analysis, tmp_path, monkeypatch):
    done = render_weekly(analysis, tmp_path)
    before = {p.name: p.read_bytes() for p in done.iterdir() if p.is_file()}

    def boom(*a, **k):
        raise RuntimeError("killed while writing the PDF")

    monkeypatch.setattr(render, "build_pdf", boom)
    with pytest.raises(RuntimeError):
        render_weekly(WeekAnalysis(**{**analysis.__dict__, "alerts": analysis.alerts.iloc[:1]}), tmp_path)
    assert {p.name: p.read_bytes() for p in done.iterdir() if p.is_file()} == before
    assert [p.name for p in tmp_path.iterdir()] == ["2020-W16"]


def test_interrupted_swap_is_repaired(analysis, tmp_path):
    done = render_weekly(analysis, tmp_path)
    done.rename(tmp_path / ".2020-W16.old-1234")  # killed between the two renames of the swap
    again = render_weekly(analysis, tmp_path)
    assert (again / "report.html").exists() and [p.name for p in tmp_path.iterdir()] == ["2020-W16"]


# ------------------------------------------------------------------ print layout, colours, new tables
def test_pdf_is_the_html_on_a4_pages(rendered):
    """The PDF is the HTML laid out by WeasyPrint: A4 pages, running title with the week, page numbers."""
    weasyprint = pytest.importorskip("weasyprint")
    html = (rendered / "report.html").read_text()
    doc = weasyprint.HTML(string=html).render()
    assert len(doc.pages) >= 3
    for page in doc.pages:
        assert (round(page.width * 25.4 / 96), round(page.height * 25.4 / 96)) == (210, 297)  # A4 in mm
    assert "string-set:doctitle" in html and 'counter(page) " of " counter(pages)' in html
    assert "break-inside:avoid" in html


def test_pdf_falls_back_with_a_warning_where_weasyprint_is_missing(analysis, tmp_path, monkeypatch, caplog):
    from trends.report import pdf as pdfmod

    real = pdfmod.html_to_pdf

    def no_pango(html_text):
        import builtins

        orig = builtins.__import__

        def fake(name, *a, **k):
            if name == "weasyprint":
                raise OSError("cannot load library 'libpango-1.0-0'")
            return orig(name, *a, **k)

        monkeypatch.setattr(builtins, "__import__", fake)
        try:
            return real(html_text)
        finally:
            monkeypatch.setattr(builtins, "__import__", orig)

    monkeypatch.setattr(pdfmod, "html_to_pdf", no_pango)
    with caplog.at_level("WARNING"):
        out = render_weekly(analysis, tmp_path)
    pdf = (out / "report.pdf").read_bytes()
    assert pdf[:5] == b"%PDF-" and len(re.findall(rb"/Type\s*/Page\b", pdf)) >= 5  # matplotlib pages
    assert "WeasyPrint is not usable here" in caplog.text and "libpango" in caplog.text


def test_actor_colours_are_stable_and_families_share_a_hue():
    import colorsys

    from matplotlib.colors import to_rgb

    from trends.report.colors import actor_color

    assert actor_color("JNIM", "al-Qaida") == actor_color("JNIM", "al-Qaida")  # same in every week
    branches = ["Islamic State", "ISWAP", "IS Sahel", "IS Sinai", "ISKP"]
    cols = [actor_color(a, "Islamic State") for a in branches]
    assert len(set(cols)) == len(cols)  # distinguishable
    hues = [colorsys.rgb_to_hsv(*to_rgb(c))[0] for c in cols]
    assert all(h < 0.12 or h > 0.88 for h in hues)  # all reds/oranges
    jnim_hue = colorsys.rgb_to_hsv(*to_rgb(actor_color("JNIM", "al-Qaida")))[0]
    assert 0.5 < jnim_hue < 0.75  # al-Qaida is blue


def test_week_on_week_table_numbers(analysis):
    w, week = analysis.weekly, pd.Timestamp(analysis.week)
    wow = content.week_on_week(w, week, by="country")
    row = wow.iloc[0]
    per_week = w.groupby("week")[["events", "fatalities"]].sum()
    assert row["events"] == per_week.loc[week, "events"]
    assert row["events_prev"] == per_week.loc[week - pd.Timedelta(weeks=1), "events"]
    prev4 = per_week.loc[week - pd.Timedelta(weeks=4) : week - pd.Timedelta(weeks=1)]
    assert row["events_4w"] == pytest.approx(prev4["events"].sum() / 4)
    assert row["fatalities_4w"] == pytest.approx(prev4["fatalities"].sum() / 4)
    fam = content.week_on_week(w, week, by="family", families=analysis.families)
    assert set(fam["family"]) <= {"Islamic State", "al-Qaida", "(unmatched)"}
    is_rows = w[(w["week"] == week) & w["actor"].isin(["A0", "A1"])]
    assert fam.set_index("family").loc["Islamic State", "events"] == is_rows["events"].sum()


def test_report_has_week_on_week_provenance_and_geojson(rendered, analysis):
    md = (rendered / "report.md").read_text()
    assert "This week against last week" in md and "52-wk mean" in md
    assert "*Generated 2026-01-05 09:30 UTC by trends " in md
    assert "ucdp: 1,234 events, last event 2020-04-19" in md
    assert "Releases used" in md and "ATTRIBUTION.md" not in md  # full text, not a path
    gj = json.loads((rendered / "map-events.geojson").read_text())
    located = analysis.events.dropna(subset=["latitude"])
    assert gj["type"] == "FeatureCollection" and len(gj["features"]) == len(located)
    f = gj["features"][0]
    assert f["geometry"]["type"] == "Point" and {"event_id", "actor", "fatalities"} <= set(f["properties"])


def test_no_flagged_section_when_nothing_is_flagged(analysis):
    quiet = WeekAnalysis(
        **{**analysis.__dict__, "alerts": analysis.alerts.iloc[:0], "breaks": analysis.breaks.iloc[:0]}
    )
    blocks = build_report(quiet).blocks
    titles = [b.content for b in blocks if b.kind == "h2"]
    flagged = [k for k in featured_series(quiet, headline(quiet))]
    assert ("Flagged series" in titles) == bool(flagged)


def test_alerts_json_and_csv_have_the_same_columns_and_weeks(rendered, analysis, tmp_path):
    from trends.report.publish import write_alerts_json

    a = analysis.alerts.assign(event_ids=[["ucdp:1", "ucdp:2"], [], ["ucdp:3"]])
    path = write_alerts_json(a, tmp_path / "alerts.json")
    recs = json.loads(path.read_text())
    csv = content.alerts_csv_frame(a)
    assert list(recs[0]) == list(csv.columns) == content.ALERTS_CSV
    assert [r["week"] for r in recs] == list(csv["week"])
    assert [r["score"] for r in recs] == [float(x) for x in csv["score"]]
    assert recs[0]["event_ids"] == csv["event_ids"].iloc[0].split(";")
    assert oct(path.stat().st_mode & 0o777) == "0o644"
