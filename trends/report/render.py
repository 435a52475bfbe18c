"""Report stage: build the weekly report from a WeekAnalysis and write it; the only code that writes report files.

`render_weekly(analysis, out_dir)` writes `<out_dir>/<2019-W48>/{report.html, report.md, report.pdf, alerts.csv,
figures/*.png}`. Everything is written to a temporary folder beside the final one and swapped in at the end, so a
run killed half-way leaves the previous report of that week as it was.
"""

from __future__ import annotations

import datetime as dt
import io
import logging
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from .. import __version__
from ..errors import TrendsError
from ..formatting import fmt_fixed
from ..frames import SERIES_KEY, WeekAnalysis, check_alerts, check_breaks, check_forecasts, check_weekly, split_issues
from ..weeks import monday, week_label
from . import figures as F
from . import publish
from .content import (
    alerts_csv_frame,
    alerts_view,
    events_geojson,
    events_in_week,
    fmt_num,
    heatmap_matrix,
    is_expansion,
    movers,
    series_frame,
    series_slug,
    series_title,
    uses_ucdp,
    week_on_week,
)
from .document import Block, Link, link_claim, rich, to_html, to_markdown
from .forecast_plot import plot_forecast
from .headline import featured_series, headline
from .pdf import build_pdf

log = logging.getLogger(__name__)

LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"
UCDP_ATTRIBUTION = (
    "Event data: UCDP Georeferenced Event Dataset (GED), Uppsala Conflict Data Program, Department of Peace and "
    "Conflict Research, Uppsala University, licensed under CC BY 4.0. The copy used here is a subset (events with a "
    "Salafi-jihadi group or the Taliban on either side). Releases used: GED Global 24.1 (Benin, Burkina Faso, "
    "Côte d'Ivoire, Mali, Niger), GED 20.1 (Nigeria, HDX extract), GED 19.1 (Iraq, HDX extract), the UCDP GED Syria "
    "release 20160101-20191130 (652.1601.1911) and GED 21.1 as a supplement. Changes made: rows restricted to "
    "events with a jihadist group on either side; columns retyped; best_est/high_est/low_est renamed to "
    "best/high/low; one corrupted country file repaired; four x_* columns added; HDX HXL tag rows dropped."
)
UCDP_CITATIONS = [
    "Sundberg, Ralph and Erik Melander (2013). Introducing the UCDP Georeferenced Event Dataset. Journal of Peace "
    "Research 50(4): 523-532.",
    "Davies, Shawn, Garoun Engström, Therese Pettersson & Magnus Öberg (2024). Organized violence 1989-2023, and the "
    "prevalence of organized crime groups. Journal of Peace Research 61(4) (GED 24.1).",
    "Davies, Shawn, Therese Pettersson & Magnus Öberg (2021). Organized violence 1989-2020, with a special emphasis "
    "on Syria. Journal of Peace Research 58(4) (GED 21.1).",
    "Pettersson, Therese & Magnus Öberg (2020). Organized violence, 1989-2019. Journal of Peace Research 57(4) "
    "(GED 20.1).",
    "Pettersson, Therese, Stina Högbladh & Magnus Öberg (2019). Organized violence, 1989-2018 and peace agreements. "
    "Journal of Peace Research 56(4) (GED 19.1 and the Syria release).",
    "Högbladh, Stina. UCDP GED Codebook, versions 19.1, 20.1, 21.1 and 24.1. Department of Peace and Conflict "
    "Research, Uppsala University.",
]
#: figure resolution: readable on screen, small enough to commit an example report.
DPI = 100
#: events listed per series section (the rest are counted).
MAX_EVENTS_LISTED = 25
MAP_WEEKS = 4
HEATMAP_WEEKS = 26


@dataclass
class Report:
    """The built report before it is written: document blocks, figures by file name, alerts.csv rows."""

    label: str
    title: str
    blocks: list[Block]
    figures: dict[str, Figure]
    alerts_csv: pd.DataFrame
    geojson: str = '{"type": "FeatureCollection", "features": []}'


def _n(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else (many or one + 's')}"


_f1 = fmt_fixed  # fixed decimals for table columns (trends.formatting)


def _pick_model(fc: pd.DataFrame, models: pd.DataFrame | None, key) -> pd.DataFrame:
    if fc.empty:
        return fc
    if models is not None and len(models):
        m = models[
            (models["actor"] == key[0]) & (models["country"] == key[1]) & (models["province"].fillna("") == key[2])
        ]
        if len(m) and (fc["model"] == m["model"].iloc[0]).any():
            return fc[fc["model"] == m["model"].iloc[0]]
    return fc[fc["model"] == sorted(fc["model"].unique())[0]]


def _key_rows(df: pd.DataFrame | None, key) -> pd.DataFrame:
    if df is None or df.empty:
        return pd.DataFrame(columns=list(df.columns) if df is not None else [])
    prov = df["province"].fillna("")
    return df[(df["actor"] == key[0]) & (df["country"] == key[1]) & (prov == key[2])]


def _events_table(ev: pd.DataFrame, actor: str | None = None) -> Block:
    """Evidence table; 'other side' is the event's counterpart, or its primary actor when the series' group
    (`actor`) was the counterpart (so the column never repeats the group itself)."""
    cols = [
        ("date", "event_date"),
        ("type", "event_type"),
        ("location", "location"),
        ("fatalities", "fatalities"),
        ("other side", "counterpart"),
        ("source", "source"),
        ("event id", "event_id"),
    ]
    cols = [(h, c) for h, c in cols if c in ev.columns]
    rows = []
    for _, r in ev.head(MAX_EVENTS_LISTED).iterrows():
        row = []
        for _h, c in cols:
            v = r[c]
            if c == "counterpart" and actor is not None and "actor" in r and r["actor"] != actor:
                v = r["actor"]  # the series' group is the counterpart of this event
            if c == "source" and isinstance(v, str):
                v = "; ".join(dict.fromkeys(p.strip() for p in v.split(";") if p.strip()))  # 'SOHR;SOHR' -> 'SOHR'
            if c == "event_date":
                v = pd.Timestamp(v).date().isoformat()
            elif c == "fatalities":
                v = fmt_num(v)
            row.append("" if v is None or (not isinstance(v, str) and pd.isna(v)) else str(v))
        rows.append(row)
    return Block("table", ([h for h, _ in cols], rows), extra={"right": ("fatalities",)})


def _forecast_sentence(f4: pd.DataFrame) -> str:
    """'Forecast (nbglm): 0.7 events a week in 2019-W02 to 2019-W05 (80 % interval 0–2, 95 % 0–4).' A flat
    forecast is one phrase; otherwise each week is listed."""

    def iv(r):
        return (
            f"80 % interval {fmt_num(r['lo80'])}–{fmt_num(r['hi80'])}, 95 % {fmt_num(r['lo95'])}–{fmt_num(r['hi95'])}"
        )

    model = f4["model"].iloc[0]
    first, last = week_label(f4["week"].iloc[0]), week_label(f4["week"].iloc[-1])
    cols = ["mean", "lo80", "hi80", "lo95", "hi95"]
    shown = f4[cols].map(lambda v: fmt_num(v))
    if len(f4) > 1 and (shown.nunique() == 1).all():
        r = f4.iloc[0]
        return f"Forecast ({model}): {fmt_num(r['mean'])} events a week in {first} to {last} ({iv(r)})."
    return (
        f"Forecast ({model}), events a week: "
        + "; ".join(f"{week_label(r['week'])} {fmt_num(r['mean'])} ({iv(r)})" for _, r in f4.iterrows())
        + "."
    )


def build_report(analysis: WeekAnalysis) -> Report:
    """Compute every table, sentence and figure of the weekly report (no files written).

    Args:
        analysis: the week's WeekAnalysis (weekly, breaks, forecasts, alerts, events, skill, models, sources,
            issues); frames are checked against trends.frames.

    Returns:
        Report with the document blocks, the figures (matplotlib Figures keyed by PNG file name) and the
        alerts.csv frame.
    """
    week = pd.Timestamp(monday(analysis.week))
    label = week_label(week)
    full = check_weekly(analysis.weekly)
    if full["province"].isna().any():
        full = full.assign(province=full["province"].fillna(""))
    breaks = check_breaks(analysis.breaks) if analysis.breaks is not None else None
    forecasts = check_forecasts(analysis.forecasts) if analysis.forecasts is not None else None
    alerts = check_alerts(analysis.alerts)
    panel_facts = _panel_facts(full)
    weekly = _report_rows(full, week, alerts)
    events = analysis.events if analysis.events is not None else pd.DataFrame()
    if len(events) and "province" in events:
        events = events.assign(province=events["province"].fillna(""))
    analysis = WeekAnalysis(
        week=week.date(),
        weekly=weekly,
        breaks=breaks,
        forecasts=forecasts,
        alerts=alerts,
        events=events,
        skill=analysis.skill,
        models=analysis.models,
        sources=analysis.sources,
        issues=analysis.issues,
        snapshot=analysis.snapshot,
        families=analysis.families,
    )
    sunday = (week + pd.Timedelta(days=6)).date().isoformat()
    title = f"Weekly trend report {label}"
    blocks: list[Block] = [
        Block("h1", title),
        Block(
            "p",
            f"Week {label}: events dated {week.date().isoformat()} to {sunday}. Alerts compare"
            f" this week with thresholds built from earlier weeks only; forecasts start "
            f"the week after ({week_label(week + pd.Timedelta(days=7))}).",
        ),
    ]
    blocks.append(Block("note", _provenance(analysis), "provenance"))
    figs: dict[str, Figure] = {}

    # -- headline
    claims = headline(analysis)
    blocks += [
        Block("h2", "Headline", "headline"),
        Block("ul", [link_claim(c.text, c.links) for c in claims], extra={"class": "headline"}),
    ]

    # -- week on week
    blocks.append(Block("h2", "This week against last week", "week-on-week"))
    blocks.append(
        Block(
            "p",
            f"Events and fatalities (best estimates) in {label}, in the week before, and the "
            "mean per week over the 4 and the 52 weeks before this week, for the series this report "
            "covers (an event between two covered groups counts for each).",
        )
    )
    fam = analysis.families or {}
    for by, heading in (("country", "country"), ("family", "actor family")):
        wow = week_on_week(weekly, week, by=by, families=fam)
        if wow.empty:
            continue
        head = [
            heading,
            "events",
            "last week",
            "4-wk mean",
            "52-wk mean",
            "fatalities",
            "last week ",
            "4-wk mean ",
            "52-wk mean ",
        ]
        rows = [
            [
                str(r[by]),
                fmt_num(r["events"]),
                fmt_num(r["events_prev"]),
                _f1(r["events_4w"]),
                _f1(r["events_52w"]),
                fmt_num(r["fatalities"]),
                fmt_num(r["fatalities_prev"]),
                _f1(r["fatalities_4w"]),
                _f1(r["fatalities_52w"]),
            ]
            for _, r in wow.iterrows()
        ]
        blocks.append(Block("table", (head, rows), extra={"right": tuple(head[1:]), "class": "wow"}))

    # -- alerts
    av = alerts_view(alerts)
    blocks.append(Block("h2", "Alerts", "alerts"))
    if av.empty:
        blocks.append(Block("p", "No alert was raised this week."))
    else:
        n_new = int((av["status"] == "new").sum())
        counts = ", ".join(f"{n} {lv}" for lv, n in av.groupby("level", sort=False).size().items())
        blocks.append(
            Block(
                "p",
                f"{len(av)} alert{'s' if len(av) != 1 else ''} ({counts}): {n_new} new, "
                f"{len(av) - n_new} continuing. Sorted by level, new first, then score.",
            )
        )
        blocks[-1] = Block(
            "p",
            blocks[-1].content + " Observed, expected and threshold are events in the week "
            "(or window) the rule looks at, except level shift, where they are events a week "
            "since the onset and during the lull before it; each rule's detail is in the "
            "series' section and in alerts.csv.",
        )
        head = ["level", "status", "series", "rule", "observed", "expected", "threshold", "score", "first seen"]
        rows = [
            [
                r["level"],
                r["status"],
                [Link(r["title"], f"#series-{r['slug']}")],
                str(r["rule"]).replace("_", " "),
                fmt_num(r["observed"]),
                _f1(r["expected"]),
                _f1(r["threshold"]),
                _f1(r["score"], 2),
                week_label(r["first_seen"]),
            ]
            for _, r in av.iterrows()
        ]
        blocks.append(Block("table", (head, rows), extra={"right": ("observed", "expected", "threshold", "score")}))
    exp = av[[is_expansion(r) for r in av["rule"]]] if len(av) else av
    blocks.append(Block("h3", "Expansions to new provinces", "expansions"))
    if exp.empty:
        blocks.append(Block("p", "None this week."))
    else:
        blocks.append(
            Block(
                "ul",
                [
                    rich(
                        Link(r["title"], f"#series-{r['slug']}"),
                        f": {_n(int(r['observed']), 'event')} ({r['level']}, {r['status']})"
                        + (f"; {r['detail']}" if r["detail"] else ""),
                    )
                    for _, r in exp.iterrows()
                ],
            )
        )

    # -- movers
    mv = movers(weekly, week)
    blocks.append(Block("h2", "Rising and falling series", "movers"))
    blocks.append(
        Block(
            "p",
            "Mean weekly events in the last 4 weeks (to " + label + ") against the mean of the 52 "
            "weeks before; ranked by the difference in events per week. A series needs at least 3 "
            "events on its higher side to be listed; the ratio adds 0.5 to both means. Series whose "
            "country has no data in " + label + " are not listed (see Data coverage).",
        )
    )
    if mv.empty:
        blocks.append(Block("p", "No series moved against its baseline."))
    else:
        figs["movers.png"] = F.movers_figure(mv)
        blocks.append(
            Block(
                "figure", ("movers.png", "Rising (red) and falling (blue) series: 52-week mean (grey) to 4-week mean.")
            )
        )
        head = ["direction", "series", "events/week, last 4 weeks", "events/week, 52 weeks before", "ratio (smoothed)"]
        top = pd.concat([mv[mv["direction"] == "rising"].head(8), mv[mv["direction"] == "falling"].head(8)])
        rows = [
            [
                r["direction"],
                series_title(r["actor"], r["country"], r["province"]),
                f"{r['recent_mean']:.2f}",
                f"{r['baseline_mean']:.2f}",
                f"{r['ratio']:.1f}",
            ]
            for _, r in top.iterrows()
        ]
        blocks.append(Block("table", (head, rows), extra={"right": tuple(head[2:])}))

    # -- heatmap
    mat = heatmap_matrix(weekly, week, weeks=HEATMAP_WEEKS)
    blocks.append(Block("h2", "Activity by actor and province", "activity"))
    if mat.empty:
        blocks.append(Block("p", f"No events in the {HEATMAP_WEEKS} weeks to {label}."))
    else:
        figs["activity.png"] = F.activity_heatmap(mat, week=week)
        blocks.append(
            Block(
                "figure",
                (
                    "activity.png",
                    f"Weekly events of the {len(mat)} most active series over the "
                    f"{HEATMAP_WEEKS} weeks to {label} (outlined); white = no events; "
                    f"the colour scale is the same every week "
                    f"(0 to {F.HEATMAP_MAX}+ events a week).",
                ),
            )
        )

    # -- flagged series
    featured = featured_series(analysis, claims)
    if featured:
        blocks.append(Block("h2", "Flagged series", "flagged"))
    panels = []
    featured_rows = full.loc[_key_mask(full, pd.DataFrame(featured, columns=SERIES_KEY))] if featured else full.iloc[:0]
    for key in featured:
        s = series_frame(featured_rows, *key)
        fc = _pick_model(_key_rows(forecasts, key), analysis.models, key)
        fc = fc[pd.to_datetime(fc["week"]) > week] if len(fc) else fc
        br = _key_rows(breaks, key)
        al = av[(av["actor"] == key[0]) & (av["country"] == key[1]) & (av["province"] == key[2])] if len(av) else av
        # expansion alerts have no count threshold worth drawing (any event in a new province fires them)
        al = al[[not is_expansion(r) for r in al["rule"]]] if len(al) else al
        al = al.dropna(subset=["threshold"]) if len(al) else al
        lowest = al.loc[al["threshold"].astype(float).idxmin()] if len(al) else None
        panels.append(
            dict(
                weekly_s=s,
                forecasts_s=fc,
                breaks_s=br,
                threshold=float(lowest["threshold"]) if lowest is not None else None,
                threshold_rule=str(lowest["rule"]) if lowest is not None else None,
                title=series_title(*key),
            )
        )
    if panels:
        figs["flagged.png"] = F.small_multiples(panels, week=week)
        blocks.append(
            Block(
                "figure",
                (
                    "flagged.png",
                    f"Flagged series: weekly events (red bar = {label}), forecast "
                    "with 80 % and 95 % intervals, change points (dashed) and the "
                    "lowest alert threshold and its rule (black).",
                ),
            )
        )
    for key, p in zip(featured, panels):
        slug, title_s = series_slug(*key), series_title(*key)
        s = p["weekly_s"]
        blocks.append(Block("h3", title_s, f"series-{slug}"))
        this = s[s["week"] == week]
        n = int(this["events"].iloc[0]) if len(this) else 0
        fat = int(this["fatalities"].iloc[0]) if len(this) else 0
        # weeks before a series starts had no events: the 4-week mean divides by 4 even for a new series
        r4 = s[(s["week"] <= week) & (s["week"] > week - pd.Timedelta(weeks=4))]["events"].sum() / 4
        b52 = s[(s["week"] <= week - pd.Timedelta(weeks=4)) & (s["week"] > week - pd.Timedelta(weeks=56))]["events"]
        facts = [
            f"{label}: {_n(n, 'event')}, {_n(fat, 'fatality', 'fatalities')}",
            f"last 4 weeks: {r4:.2f} events a week",
        ]
        if len(b52):
            facts.append(f"previous 52 weeks: {b52.mean():.2f} events a week")
        if len(s):
            facts.append(f"series starts {week_label(s['week'].iloc[0])}")
        items = ["; ".join(facts) + "."]
        al = av[(av["actor"] == key[0]) & (av["country"] == key[1]) & (av["province"] == key[2])] if len(av) else av
        for _, a in al.iterrows():
            items.append(
                f"Alert: {a['rule']} ({a['level']}, {a['status']}, first seen {week_label(a['first_seen'])}):"
                f" observed {fmt_num(a['observed'])}, expected {fmt_num(a['expected'])}, threshold "
                f"{fmt_num(a['threshold'])}" + (f"; {a['detail']}." if a["detail"] else ".")
            )
        br = p["breaks_s"]
        if len(br):
            br = br.assign(week=pd.to_datetime(br["week"])).sort_values("week").tail(4)
            items.append(
                "Change points (events a week before → after): "
                + "; ".join(
                    f"{week_label(r['week'])} ({r['method']}) {fmt_num(r['rate_before'])} → {fmt_num(r['rate_after'])}"
                    for _, r in br.iterrows()
                )
                + "."
            )
        fc = p["forecasts_s"]
        if len(fc):
            items.append(_forecast_sentence(fc.sort_values("week").head(4)))
        blocks.append(Block("ul", items))
        if len(fc):
            name = f"forecast-{slug}.png"
            figs[name] = plot_forecast(s, fc, br if len(br) else None, title=title_s)
            for ax in figs[name].axes:
                F.week_axis(ax)  # the report labels time with ISO weeks, as its text does
            blocks.append(
                Block(
                    "figure",
                    (
                        name,
                        f"{title_s}: weekly events, the forecast median with 80 % and 95 % "
                        f"intervals ({fc['model'].iloc[0]}) and the change points.",
                    ),
                )
            )
        ev = events_in_week(events, key, week) if len(events) else events
        # alerts carry the ids of the events behind them (also events where the group is the counterpart)
        if len(al) and "event_ids" in al and len(events) and "event_id" in events:
            ids = {i for v in al["event_ids"] if isinstance(v, (list, tuple, np.ndarray)) for i in v}
            d = pd.to_datetime(events["event_date"])
            extra = events[events["event_id"].isin(ids) & (d >= week) & (d < week + pd.Timedelta(days=7))]
            ev = pd.concat([ev, extra]).drop_duplicates("event_id").sort_values(["event_date", "event_id"])
        blocks.append(
            Block(
                "p",
                f"Events behind it ({label}): {len(ev)} in the store"
                + (f", first {MAX_EVENTS_LISTED} listed." if len(ev) > MAX_EVENTS_LISTED else "."),
                f"events-{slug}",
            )
        )
        if len(ev):
            blocks.append(_events_table(ev, key[0]))

    # -- map
    blocks.append(Block("h2", "Where events happened", "map"))
    if len(events):
        d = pd.to_datetime(events["event_date"])
        recent = events[(d >= week - pd.Timedelta(weeks=MAP_WEEKS - 1)) & (d < week + pd.Timedelta(days=7))]
    else:
        recent = events
    first = week_label(week - pd.Timedelta(weeks=MAP_WEEKS - 1))
    if len(recent) and {"latitude", "longitude"} <= set(recent.columns):
        figs["map.png"] = F.event_maps(
            recent, title=f"Events {first} to {label} (n = {len(recent)})", families=analysis.families
        )
        blocks.append(
            Block(
                "figure",
                (
                    "map.png",
                    f"Event locations in the {MAP_WEEKS} weeks {first} to {label}: "
                    "circle size = fatalities (best estimate), colour = actor (the same "
                    "colour in every report; branches of one family share a hue), grey "
                    "lines = province boundaries. The events are also in "
                    "map-events.geojson beside this report. Country outlines and "
                    "province boundaries: Natural Earth 1:10m (public domain).",
                ),
            )
        )
    else:
        blocks.append(Block("p", f"No located events in the {MAP_WEEKS} weeks {first} to {label}."))

    blocks += _methods_blocks(analysis, panel_facts)
    return Report(label, title, blocks, figs, alerts_csv_frame(alerts), events_geojson(recent))


def _provenance(analysis: WeekAnalysis) -> str:
    """'Generated 2026-12-01 10:59 UTC by trends 0.1.0; data as of the latest ingest 2026-11-30 08:00 (ucdp: last
    event 2021-12-31, 17,897 events).'"""
    snap = analysis.snapshot or {}
    gen = snap.get("generated_at") or dt.datetime.now(dt.UTC)
    gen = pd.Timestamp(gen)
    gen = gen.tz_convert("UTC") if gen.tzinfo else gen
    text = f"Generated {gen:%Y-%m-%d %H:%M} UTC by trends {__version__}"
    if snap.get("latest_ingest") is not None:
        text += f"; data as of the latest ingest, {pd.Timestamp(snap['latest_ingest']):%Y-%m-%d %H:%M}"
    ds = snap.get("datasets") or []
    if ds:
        text += (
            " ("
            + "; ".join(
                f"{d}: {n:,} events, last event {pd.Timestamp(last).date().isoformat()}" for d, _first, last, n in ds
            )
            + ")"
        )
    return text + "."


#: weeks before the reported one that the report's tables look at: the movers' 4 recent and 52 baseline weeks
#: (week on week needs 53, the heatmap 26). Older rows are kept only for the series the report draws.
TABLE_WEEKS = 56


def _panel_facts(weekly: pd.DataFrame) -> tuple[int, pd.Timestamp | None, pd.Timestamp | None]:
    """(number of series, first week, last week) of a WEEKLY frame, for Methods; with `series_id`, the series
    are counted over one row per id (a 20k-series panel has ~10M rows; grouping them all by three strings costs
    more than the rest of the report)."""
    if not len(weekly):
        return 0, None, None
    rows = weekly.loc[~weekly["series_id"].duplicated(), SERIES_KEY] if "series_id" in weekly else weekly[SERIES_KEY]
    return rows.groupby(SERIES_KEY, sort=False).ngroups, weekly["week"].min(), weekly["week"].max()


def _report_rows(weekly: pd.DataFrame, week: pd.Timestamp, alerts: pd.DataFrame) -> pd.DataFrame:
    """The rows of `weekly` the tables and the headline read: every series' last TABLE_WEEKS weeks, and the
    whole history of the alerted series (the headline compares this week with their past), in the frame's
    order. The featured series' sections take their history from the whole panel (`_key_mask`)."""
    recent = weekly["week"].to_numpy() >= np.datetime64(week - pd.Timedelta(weeks=TABLE_WEEKS))
    if recent.all() or not len(alerts):
        return weekly if recent.all() else weekly[recent]
    want = alerts[SERIES_KEY].assign(province=alerts["province"].fillna("")).drop_duplicates()
    return weekly[recent | _key_mask(weekly, want, skip=recent)]


def _key_mask(weekly: pd.DataFrame, want: pd.DataFrame, skip: np.ndarray | None = None) -> np.ndarray:
    """Rows of `weekly` whose (actor, country, province) is a row of `want` (rows in `skip` are not looked at):
    one pass per key column over the panel for a superset, then the exact keys on those rows only."""
    hit = np.ones(len(weekly), dtype=bool) if skip is None else ~skip
    for c in SERIES_KEY:
        hit &= weekly[c].isin(want[c].unique()).to_numpy()
    out = np.zeros(len(weekly), dtype=bool)
    idx = np.flatnonzero(hit)
    if len(idx):
        sub = weekly[SERIES_KEY].iloc[idx]
        out[idx[pd.MultiIndex.from_frame(sub).isin(pd.MultiIndex.from_frame(want[SERIES_KEY]))]] = True
    return out


def _methods_blocks(analysis: WeekAnalysis, facts=None) -> list[Block]:
    out = [Block("h2", "Methods and data", "methods")]
    n_series, first, last = facts if facts is not None else _panel_facts(analysis.weekly)
    out.append(
        Block(
            "p",
            f"Weekly counts: {n_series} series (actor, country, province), ISO weeks from Monday, "
            f"{week_label(first)} to {week_label(last)}. An event between two armed "
            "groups counts once in each group's series. Weeks are written 2019-W48, dates as ISO "
            "2019-11-25."
            if first is not None
            else "No weekly counts.",
        )
    )
    items = []
    if analysis.models is not None and len(analysis.models):
        counts = analysis.models.groupby("model").size().sort_values(ascending=False)
        items.append(
            "Forecast model per series (chosen by backtest skill): "
            + ", ".join(f"{m} for {n} series" for m, n in counts.items())
            + "."
        )
    elif analysis.forecasts is not None and len(analysis.forecasts):
        items.append("Forecast models: " + ", ".join(sorted(analysis.forecasts["model"].unique())) + ".")
    if analysis.breaks is not None and len(analysis.breaks):
        items.append(
            "Change points: "
            + ", ".join(f"{m} ({n})" for m, n in analysis.breaks.groupby("method").size().items())
            + "."
        )
    if len(analysis.alerts):
        items.append("Alert rules that fired: " + ", ".join(sorted(map(str, analysis.alerts["rule"].unique()))) + ".")
    coverage, watch, _ = split_issues(analysis.issues)
    if len(watch):
        items.append(
            f"Actors covered: {watch['error'].iloc[0]} (set in trends.toml [watch]); "
            f"{watch['detail'].iloc[0]}. `trends weekly` has every series."
        )
    if items:
        out.append(Block("ul", items))
    out.append(Block("h3", "Data coverage", "coverage"))
    out.append(
        Block(
            "p",
            "Each country's data end at its last event in the store (any actor, any dataset); series "
            "are not zero-filled after it, so a source that ends is not read as a collapse. Limit: a "
            "real lull in which nobody in a country was recorded looks the same as the end of the "
            "data.",
        )
    )
    if len(coverage):
        out.append(Block("ul", [f"{r['country']}: {r['error']} ({r['detail']})." for _, r in coverage.iterrows()]))
    else:
        out.append(Block("p", "Every country with events in the past year has data in this week."))
    out.append(Block("h3", "Backtest skill", "skill"))
    sk = analysis.skill
    if sk is None or len(sk) == 0:
        out.append(Block("p", "No backtest was run for this report."))
    else:
        sk = (
            sk.reset_index(drop=not any(n is not None for n in sk.index.names))
            if not isinstance(sk.index, pd.RangeIndex)
            else sk
        )
        # the columns an analyst reads; the *_vs_mean and pinball ratios are in `trends backtest`
        names = {
            "model": "model",
            "horizons": "horizon (weeks)",
            "n": "forecasts",
            "mase": "MASE",
            "pinball": "pinball loss",
            "cov80": "80 % coverage",
            "cov95": "95 % coverage",
            "mase_vs_naive": "MASE / naive",
        }
        keep = [c for c in names if c in sk.columns] or list(sk.columns)
        sk = sk[keep]
        head = [names.get(str(c), str(c)) for c in sk.columns]
        num = [c for c in sk.columns if pd.api.types.is_float_dtype(sk[c])]
        pct = {"cov80", "cov95"}
        rows = [
            [
                (f"{100 * v:.0f} %" if c in pct and pd.notna(v) else f"{v:.2f}" if c in num and pd.notna(v) else str(v))
                for c, v in r.items()
            ]
            for _, r in sk.head(40).iterrows()
        ]
        out.append(
            Block(
                "p",
                "Rolling-origin backtest: 4 forecast origins 13 weeks apart in the year before this "
                "week, over the series covered here. MASE: mean absolute error over that of a "
                "one-step naive forecast in-sample (lower is better; below 1 beats it); MASE / naive "
                "compares with the seasonal-naive model on the same origins. Interval coverage should "
                "be close to the nominal 80 % and 95 %.",
            )
        )
        out.append(Block("table", (head, rows), extra={"right": tuple(names.get(str(c), str(c)) for c in num)}))
    _, _, iss = split_issues(analysis.issues)
    if len(iss):
        out.append(Block("h3", "Series-level issues", "issues"))
        head = [c for c in ("stage", "actor", "country", "province", "error", "detail") if c in iss.columns]
        rows = [[str(r[c]) if pd.notna(r[c]) else "" for c in head] for _, r in iss.head(50).iterrows()]
        out.append(Block("table", (head, rows)))
        if len(iss) > 50:
            out.append(Block("note", f"{len(iss) - 50} more issues not shown."))
    out.append(Block("h3", "Data sources", "sources"))
    src = [s for s in (analysis.sources or []) if s]
    if src:
        out.append(Block("ul", list(src)))
    if uses_ucdp(analysis):
        out.append(Block("p", rich(UCDP_ATTRIBUTION, " Licence: ", Link("CC BY 4.0", LICENCE_URL), "."), "attribution"))
        out.append(Block("ul", UCDP_CITATIONS))
    elif not src:
        out.append(Block("p", "No source information was given for these data."))
    return out


def _save_png(fig: Figure) -> bytes:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=DPI)
    return buf.getvalue()


def write_report(analysis: WeekAnalysis, folder) -> Report:
    """Write the report files for `analysis` into `folder` (which must exist; nothing is swapped).

    Writes report.html (self-contained), report.md with figures/*.png, report.pdf, alerts.csv and
    map-events.geojson. Used by `render_weekly` and by the weekly run (which publishes the folder itself,
    see trends.report.publish).
    """
    report = build_report(analysis)
    folder = Path(folder)
    (folder / "figures").mkdir(exist_ok=True)
    images = {}
    for name, fig in report.figures.items():
        images[name] = _save_png(fig)
        _write_bytes(folder / "figures" / name, images[name])
    html_text = to_html(report.blocks, title=report.title, images=images)
    _write_bytes(folder / "report.md", to_markdown(report.blocks).encode("utf-8"))
    _write_bytes(folder / "report.html", html_text.encode("utf-8"))
    _write_bytes(folder / "alerts.csv", report.alerts_csv.to_csv(index=False, lineterminator="\n").encode("utf-8"))
    _write_bytes(folder / "map-events.geojson", report.geojson.encode("utf-8"))
    _write_bytes(
        folder / "report.pdf",
        build_pdf(report.blocks, report.figures, title=report.title, html_text=html_text, label=report.label),
    )
    return report


def _write_bytes(path: Path, data: bytes) -> None:
    path.write_bytes(data)
    os.chmod(path, publish.FILE_MODE)


def render_weekly(analysis: WeekAnalysis, out_dir) -> Path:
    """Write the weekly report for `analysis.week` under `out_dir`, replacing that week's previous report.

    Leftovers of an interrupted command in `out_dir` are repaired first (trends.report.publish.recover); the
    report is written to a staging folder and swapped in, so a failure leaves the previous report as it was.

    Args:
        analysis: WeekAnalysis from trends.pipeline.analyse_week (or built by hand, see tests/test_report.py).
        out_dir: reports folder; the report goes to `<out_dir>/<2019-W48>/`.

    Returns:
        Path of the week's folder, holding report.html (self-contained), report.md, report.pdf, alerts.csv,
        map-events.geojson and figures/*.png.

    Raises:
        SchemaError: a frame of `analysis` lacks contract columns.
        TrendsError: the output folder cannot be written.
    """
    out_dir = Path(out_dir)
    label = week_label(analysis.week)
    final = out_dir / label
    try:
        publish.recover(out_dir)
        tmp = publish.staging_dir(out_dir, label)
    except OSError as e:
        raise TrendsError(f"cannot write the report to {out_dir}: {e}") from None
    try:
        report = write_report(analysis, tmp)
        publish.swap_in(tmp, final)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    log.info("report for %s written to %s (%d figures)", report.label, final, len(report.figures))
    return final
