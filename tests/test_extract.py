"""Report text extraction: offsets, dates, casualties, places, bad input, CLI, and measured quality on the fixtures."""

from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path

import pytest

from trends.cli import main
from trends.errors import InputFileError
from trends.extract import extract_report, periods_frame, read_report_events
from trends.extract.casualties import casualties
from trends.extract.dates import DateMention, report_period, resolve
from trends.extract.places import find_places
from trends.extract.score import score_events, score_files
from trends.extract.segment import html_to_text, read_report, sentences

FIX = Path(__file__).parent / "fixtures" / "reports"
# every annotated report (a sibling NAME.gold.jsonl) except the press sets, which are issue 13's
REPORTS = sorted(
    p
    for p in FIX.rglob("*")
    if p.suffix in (".md", ".txt", ".html")
    and p.with_suffix(".gold.jsonl").exists()
    and not p.parent.name.startswith("press")
)


@pytest.mark.parametrize("path", REPORTS, ids=lambda p: p.name)
def test_evidence_offsets_quote_the_report_text(path):
    text = read_report(path)
    res = extract_report(path)
    assert res.events
    for ev in res.events:
        e = ev["evidence"]
        assert text[e["start"] : e["end"]] == e["sentence"]
    for p in res.periods:
        assert text[p.evidence["start"] : p.evidence["end"]] == p.evidence["sentence"]


@pytest.mark.parametrize("path", REPORTS, ids=lambda p: p.name)
def test_event_ids_are_unique_and_stable(path):
    a = read_report_events(path)
    b = read_report_events(path)
    assert a["event_id"].is_unique
    assert a["event_id"].tolist() == b["event_id"].tolist()


def test_year_less_dates_resolve_against_the_report_date_across_year_end():
    ref = date(2020, 1, 3)
    assert resolve(DateMention(0, 0, 12, 30, None), ref) == date(2019, 12, 30)
    assert resolve(DateMention(0, 0, 1, 2, None), ref) == date(2020, 1, 2)
    assert resolve(DateMention(0, 0, 2, 28, None), date(2023, 3, 8)) == date(2023, 2, 28)
    assert resolve(DateMention(0, 0, 5, 1, None), None, year=2021) == date(2021, 5, 1)
    assert resolve(DateMention(0, 0, 2, 30, None), ref) is None


def test_report_period_prefers_the_data_cutoff_and_reads_a_period_across_years():
    p = report_period("Update, March 8, 2023\n\nData Cutoff: March 9, 2023, at 10 a.m.\n")
    assert p.cutoff == date(2023, 3, 9) and p.reference == date(2023, 3, 9)
    q = report_period("Spotlight on Global Jihad (December 26, 2019 – January 1, 2020)\n")
    assert (q.period_start, q.period_end) == (date(2019, 12, 26), date(2020, 1, 1))


@pytest.mark.parametrize(
    "text, killed, wounded, ambiguous",
    [
        ("Two soldiers were killed and three others were wounded", 2, 3, False),
        ("killing two soldiers and wounding four others.", 2, 4, False),
        ("killing at least 13 fighters", 13, None, False),
        ("several villagers were killed or wounded", None, None, True),
        ("Several soldiers were killed.", None, None, False),
        ("One PMF fighter was killed", 1, None, False),
        ("ISIS operatives shot dead two SDF members", 2, None, False),
        # an article before an active verb names the agent, not a count
        ("A Burkinabe drone strike killed several JNIM fighters near Arbinda", None, None, False),
        ("A Russian airstrike killed at least six ISIS fighters", 6, None, False),
        ("An IED wounded two soldiers", None, 2, False),
        ("Two gunmen killed a shepherd", 1, None, False),
        ("A soldier was killed and two others were wounded", 1, 2, False),
        ("two soldiers killed and three wounded in the blast", 2, 3, False),
        ("A soldier of the Iraqi army was sniped and killed at a post", 1, None, False),
        ("Two Christians were captured and executed near Dikwa", 2, None, False),
        ("CENTCOM killed senior ISIS leader Khalid al Jabouri in a drone strike", 1, None, False),
        ("The Taliban conducted raids that killed ISKP leaders", None, None, False),
    ],
)
def test_casualty_counts(text, killed, wounded, ambiguous):
    c = casualties(text)
    assert (c.killed.value if c.killed else None) == killed
    assert (c.wounded.value if c.wounded else None) == wounded
    assert c.ambiguous is ambiguous


def test_at_least_is_a_lower_bound_without_an_upper_bound():
    k = casualties("at least four SDF fighters were killed").killed
    assert (k.value, k.low, k.high) == (4, 4, None)


def _one_report(tmp_path, body: str, name="weekly.txt"):
    f = tmp_path / name
    f.write_text("Salafi-Jihadi Movement Update, March 10, 2023\n\nData Cutoff: March 10, 2023\n\n" + body + "\n")
    return extract_report(f)


def test_month_only_dates_are_events_with_month_precision(tmp_path):
    res = _one_report(
        tmp_path,
        "Iraq. ISIS fighters kidnapped two shepherds near Hawija in early March 2023.[1] "
        "ISIS militants ambushed a PMF patrol near Baiji in late February.[2] "
        "ISIS claimed 30 attacks in Iraq in February.[3]",
    )
    got = [(e["event_date"], e["date_precision"], e["event_type"]) for e in res.events]
    assert got == [("2023-03-01", "month", "kidnapping"), ("2023-02-01", "month", "ambush")]
    # a count over a month is a period count, never an event
    assert [(p.count, p.period_start, p.period_end, p.attribution) for p in res.periods] == [
        (30, date(2023, 2, 1), date(2023, 2, 28), "claimed")
    ]
    assert ("period count", "ISIS claimed 30 attacks in Iraq in February.[3]") in [s[:2] for s in res.skipped]


def test_several_dates_joined_in_one_sentence_are_several_events(tmp_path):
    res = _one_report(
        tmp_path,
        "Iraq. ISIS detonated IEDs against army patrols near Hawija on March 3 and again on "
        "March 5, killing a soldier in the second attack.[1] ISIS fighters attacked PMF posts "
        "near Baiji on March 6 and 8, wounding four fighters.[2] ISIS attacked the SDF 9 "
        "times between March 1 and March 7.[3]",
    )
    got = [(e["event_date"], e["event_type"], e["fatalities"], e["wounded"]) for e in res.events]
    assert got == [
        ("2023-03-03", "IED", None, None),
        ("2023-03-05", "IED", 1, None),
        ("2023-03-06", "attack", None, None),
        ("2023-03-08", "attack", None, None),
    ]
    # casualties stated for two events together are not given to either (never counted twice), but noted
    assert all("not split: wounded 4" in e["casualties_note"] for e in res.events[2:])
    assert len({e["event_id"] for e in res.events}) == 4
    assert [p.n_events for p in res.periods] == [9]


def test_endnotes_are_citations_not_events(tmp_path):
    res = _one_report(
        tmp_path,
        "Syria. ISIS gunmen killed two SDF fighters in al-Shuhayl on March 5.[6]\n\n"
        'Endnotes:\n\n[6] "ISIS gunmen kill two SDF fighters," Local Outlet, March 5, 2023.\n'
        '[7] "Four soldiers killed in attack," Other Outlet, March 6, 2023.',
    )
    assert [(e["event_date"], e["fatalities"]) for e in res.events] == [("2023-03-05", 2)]


def test_relative_location_finds_the_town_and_its_province():
    text = "an IED was activated about 15 km northeast of Baqubah."
    towns = [p for p in find_places(text, 0, len(text), "Iraq") if p.kind == "town"]
    assert towns and towns[0].name == "Baqubah" and "Diy" in towns[0].province_raw


def test_footnote_stays_with_its_sentence():
    text = "ISIS ambushed a patrol on May 2.[7] The group also kidnapped two men on May 3.[8] Done."
    spans = [text[a:b] for a, b in sentences(text, 0, len(text))]
    assert spans[:2] == ["ISIS ambushed a patrol on May 2.[7]", "The group also kidnapped two men on May 3.[8]"]


def test_html_keeps_headings_and_drops_scripts():
    t = html_to_text(
        "<html><script>var a='On May 1, 2020, ISIS attacked';</script><h2>Iraq</h2>"
        "<h3>Diyala Province</h3><ul><li>On May 2, 2020, ISIS attacked a post.</li></ul></html>"
    )
    assert "## Iraq" in t and "### Diyala Province" in t and "var a" not in t and "- On May 2" in t


def test_captions_and_repeated_lines_do_not_become_events():
    res = extract_report(FIX / "dev" / "itic_yearend.md")
    dates = [(e["event_date"], e["event_type"]) for e in res.events]
    assert dates.count(("2019-12-27", "IED")) == 1
    assert dates.count(("2019-12-31", "shooting")) == 1
    assert not any(e["evidence"]["sentence"].startswith(("Photo", "Right")) for e in res.events)


def test_killed_or_wounded_is_recorded_as_unknown_and_doubtful_claims_as_unverified():
    res = extract_report(FIX / "dev" / "itic_yearend.md")
    ev = next(e for e in res.events if e["event_type"] == "mortar/rocket")
    assert ev["fatalities"] is None and ev["wounded"] is None and "killed or wounded" in ev["casualties_note"]
    assert ev["attribution"] == "unverified"
    assert ev["source"] == "Telegram" and ev["source_date"] == "2020-01-01"


def test_period_counts_are_kept_apart_from_events():
    res = extract_report(FIX / "dev" / "ctp_march.txt")
    pf = periods_frame(res)
    # '14 times between February 28 and March 6, compared with nine attacks in the previous week': two counts
    assert pf["count"].tolist() == [14, 9] and pf.loc[0, "target"] == "SDF"
    assert (pf.loc[0, "period_start"], pf.loc[0, "period_end"]) == (date(2023, 2, 28), date(2023, 3, 6))
    assert not any("14 times" in e["evidence"]["sentence"] for e in res.events)


def test_scorer_counts_matches_on_date_actor_province_type():
    gold = [
        {
            "event_date": "2020-01-01",
            "actor": "ISIS",
            "country": "Iraq",
            "province": "Diyala",
            "event_type": "IED",
            "fatalities": 2,
            "wounded": None,
        }
    ]
    pred = [
        dict(gold[0], actor="Islamic State", province="Diyālá province", fatalities=3),
        dict(gold[0], event_type="shooting"),
    ]
    s = score_events(pred, gold)
    assert (s.n_matched, s.precision, s.recall, s.killed_accuracy, s.wounded_accuracy) == (1, 0.5, 1.0, 0.0, 1.0)


# Measured quality (python -m trends.extract.score tests/fixtures/reports/<split>); the floors sit a few points under
# the figures measured when the structure-aware reader was finished (docs/extraction.md has them): they guard
# against regressions, they are not the targets. itic_dev/ctp_dev were tuned on; itic_heldout/ctp_heldout
# were scored at the end, untuned: strict F1 0.709 / 0.821 with the UCDP town list, 0.794 / 0.769 after merging the
# GeoNames gazetteer (CTP strict precision 0.789 then: one event's province changed); the older dev/heldout* sets
# were written for the previous extractor.
@pytest.mark.parametrize(
    "split, min_f1, min_cas, min_precision",
    [
        ("dev", 0.99, 0.9, 0.0),  # tenth round (places11) 1.000
        ("heldout", 0.88, 0.9, 0.0),
        ("heldout2", 0.95, 0.9, 0.0),
        ("heldout3", 0.89, 0.85, 0.0),
        # itic_dev 0.986 -> 0.944 in the eighth round: its annotators typed a post 'attacked with machine guns' a
        # shooting, the newer sets' annotators (itic_blind3, itic_blind7, itic_blind7b) an attack; the code follows
        # the newer ones
        ("itic_dev", 0.95, 0.85, 0.0),  # ninth round (places) 0.958
        ("ctp_dev", 0.96, 0.9, 0.99),
        ("itic_heldout", 0.95, 0.9, 0.0),
        ("ctp_heldout", 0.93, 0.9, 0.99),
        # scored blind once, then studied (third round): itic_blind 0.957, ctp_blind 0.939 (P 0.939); after the
        # fourth round's rules 0.986 / 1.000
        ("itic_blind", 0.99, 0.9, 0.0),
        ("ctp_blind", 0.99, 0.9, 0.99),
        # the fourth round's blind sets, untuned: itic_blind2 0.870, ctp_blind2 0.744 (P 0.784); then studied as
        # development sets (fourth round): 1.000 / 1.000
        ("itic_blind2", 0.97, 0.9, 0.0),
        ("ctp_blind2", 0.99, 0.9, 0.99),
        # the third round's blind press set, studied in the fourth: P 0.343 F1 0.324 -> P 0.974 F1 0.974
        ("press_blind2", 0.96, 0.9, 0.96),
        # the fifth round: itic_blind3/ctp_blind3/press_blind3 scored frozen (0.596 / P 0.759 / P 0.167) and then
        # studied as development sets (0.852 / P 0.800 / P 0.400); itic_blind4/ctp_blind4/press_blind4 written at the
        # same time, kept out of all tuning and scored once on the round's final code (frozen 0.540 / P 0.676 /
        # P 0.351 -> 0.693 / P 0.732 / P 0.556); the floors sit just under the final figures
        ("itic_blind3", 0.98, 0.8, 0.0),
        ("ctp_blind3", 0.94, 0.9, 0.94),
        ("press_blind3", 0.96, 0.9, 0.96),
        ("itic_blind4", 0.96, 0.9, 0.0),
        ("ctp_blind4", 0.97, 0.9, 0.99),
        ("press_blind4", 0.97, 0.9, 0.99),
        # the sixth round's development sets, written blind before any change of the round and scored frozen
        # (6bdc3ca): itic_blind5 F1 0.687 (P 0.694), ctp_blind5 F1 0.756 (P 0.739), press_blind5 F1 0.545 (P 0.562);
        # after the sixth round's CTP clause rules (studied): ctp_blind3 0.881 (P 0.925), ctp_blind4 0.967 (P 0.978),
        # ctp_blind5 1.000 (P 1.000); after its press rules: press_blind3 F1 0.500 (P 0.514), press_blind4 0.632
        # (P 0.667), press_blind5 0.653 (P 0.681); after its ITIC structure and clause rules: itic_blind5 0.970
        # (P 0.980), itic_blind4 0.824, itic_blind3 0.870
        ("itic_blind5", 0.98, 0.85, 0.0),  # ninth round (places) 0.990
        ("ctp_blind5", 0.99, 0.9, 0.99),
        ("press_blind5", 0.91, 0.9, 0.92),
        # the sixth round's held-out sets, kept out of that round's tuning and scored on its final code (itic_blind6
        # F1 0.837, ctp_blind6 P 0.857, press_blind6 P 0.231 with the annotator's Philippine regions, P 0.385 with
        # the provinces of the committed copy); studied from the seventh round on
        # seventh round, ITIC (itic_blind6 studied; section ownership, compound clauses, counts of the clause's own
        # subject, next-sentence authors): itic_blind6 1.000, itic_blind4 0.932, itic_blind3 0.889, itic_blind5 0.970
        ("itic_blind6", 0.99, 0.9, 0.0),
        # seventh round (ctp_blind6 studied): ctp_blind6 0.960 (P 0.960), ctp_blind3 0.920 (P 0.930)
        ("ctp_blind6", 0.95, 0.9, 0.95),
        # seventh round, press (press_blind3-6 studied; with the actor resolution across sentences and the date,
        # place, clause and non-event rules of the round): press_blind3 F1 0.865 (P 0.865), press_blind4 0.805
        # (P 0.838), press_blind5 0.816 (P 0.851), press_blind6 0.824 (P 0.854)
        ("press_blind6", 0.85, 0.85, 0.87),  # tenth round (places11) 0.860 (P 0.881)
        # the seventh round's held-out sets, scored on its frozen (9e67248) and final (ba3f4bb) code, TOTAL only:
        # itic_blind7 F1 0.812 -> 0.832, itic_blind7b 0.604 -> 0.785, ctp_blind7 P 0.875 -> 0.918 (F1 0.874),
        # press_blind7 P 0.500 -> 0.510 (F1 0.510); studied from the eighth round on
        # eighth round, press dates/places/non-events/lead-day acts (press_blind7 studied): press_blind7 F1 0.653
        # (P 0.653; date, province, invented and missed errors 0), press_blind3 0.946, press_blind5 0.900
        # eighth round (itic_blind7 and itic_blind7b studied: type, heading, agent, count and announcement rules):
        # itic_blind7 0.980, itic_blind7b 0.991
        ("itic_blind7", 0.97, 0.9, 0.0),
        ("itic_blind7b", 0.99, 0.85, 0.0),
        # eighth round, CTP (ctp_blind7 studied: hyphenated adjectives, subordinate and second passive clauses,
        # relative dates across bullets, denied claims, bombings): ctp_blind7 0.981 (P 0.981)
        ("ctp_blind7", 0.99, 0.9, 0.99),  # ninth round (kind10) 1.000
        # eighth round (press_blind7 studied; actors: passive victims, list lead-ins, generic state forces of the
        # article's theatre, unclaimed gunmen, nested claim lists, raids a speaker recalls): press_blind7 F1 0.510 -> 0.653
        # (P 0.653), press_blind4 0.831 -> 0.857, press_blind5 0.840 -> 0.860
        # both merged: press_blind7 F1 0.857 (P 0.857), press_blind5 0.920 (P 0.939), press_blind3 0.946
        ("press_blind7", 0.93, 0.9, 0.93),
        # the eighth round's held-out sets, scored on its frozen (7ebdf43) and final (1a68a8a) code, TOTAL only:
        # itic_blind8 F1 0.748 -> 0.778, itic_blind8b 0.875 -> 0.887, ctp_blind8 P 0.750 -> 0.768 (F1 0.782),
        # press_blind8 P 0.604 -> 0.667 (F1 0.667), press_blind8b P 0.585 -> 0.683 (F1 0.629); studied from the
        # ninth round on
        # ninth round, types from the act's own clause and non-events (kind10): itic_blind8 F1 0.862, itic_blind8b
        # 0.938, ctp_blind8 0.852 (P 0.852), press_blind8 0.842 (P 0.851), press_blind8b 0.745 (P 0.761); press_blind7
        # 0.939
        # ninth round, places (bare divisions, run-in and list division labels, distance references, named roads):
        # itic_blind8 0.796, ctp_blind8 0.818 (P 0.804), press_blind8 0.708 (P 0.708), press_blind8b 0.719 (P 0.780)
        # ninth round, one event per attack (merge10): itic_blind8 F1 0.778 -> 0.789, itic_blind8b 0.887 -> 0.907,
        # ctp_blind8 P 0.768 -> 0.852 (F1 0.852), press_blind8 P 0.667 -> 0.723 (F1 0.716), press_blind8b P 0.683 ->
        # 0.696 (F1 0.681), itic_blind7b 0.991 -> 1.000, ctp_blind3 0.920 -> 0.932, press_blind6 0.824 -> 0.837
        # ninth round, actor attribution (back-references, outlets, aliases; all five studied): itic_blind8 F1 0.881,
        # itic_blind8b 0.948, ctp_blind8 0.944 (P 0.944), press_blind8 0.771 (P 0.771), press_blind8b 0.682 (P 0.750)
        # ninth round, press dates and period counts (dates10; press_blind8/8b studied): press_blind8 F1 0.729 (P
        # 0.729), press_blind8b 0.681 (P 0.696), press_blind4 0.911 (P 0.923), press_blind6 0.837 (P 0.857)
        ("itic_blind8", 0.96, 0.85, 0.0),
        ("itic_blind8b", 0.96, 0.9, 0.0),
        ("ctp_blind8", 0.99, 0.9, 0.99),
        ("press_blind8", 0.96, 0.85, 0.96),  # tenth round (places11) 0.979 (P 0.979)
        ("press_blind8b", 0.88, 0.85, 0.88),
        # the ninth round's held-out sets, studied in the tenth round (places11: consonant key, buildings, ranges;
        # press11: the year of a yearless dateline): itic_blind10 0.850 -> 0.917, ctp_blind10 0.873 -> 0.889 (P
        # 0.889), press_blind10 0.681 -> 0.766 (P 0.783), press_blind10b 0.208 -> 0.617 (P 0.600)
        # itic11 (agents "of" their owner, time phrases, names, bold labels): itic_blind10 0.950, itic_blind10b 0.748 -> 0.862,
        # ctp_blind10 0.921 (P 0.921)
        ("itic_blind10", 0.94, 0.9, 0.0),
        ("itic_blind10b", 0.86, 0.9, 0.0),  # twelfth round (places12: world cities) 0.878
        ("ctp_blind10", 0.91, 0.9, 0.91),
        ("press_blind10", 0.80, 0.9, 0.80),  # thirteenth round (forces13) 0.812 (P 0.812)
        # twelfth round (places12: the article's country, world cities, sites named before): press_blind10b 0.729 (P
        # 0.709), press_blind11 0.538 (P 0.610), press_blind11b 0.549 (P 0.641)
        # eleventh round (killed in a state's strike or raid) 0.636 (P 0.618); twelfth, merged: 0.785 (P 0.764)
        ("press_blind10b", 0.77, 0.9, 0.75),
        # the tenth round's held-out sets, scored on its frozen (d733d46) and final (e2338c1) code, TOTAL only:
        # itic_blind11 F1 0.826 -> 0.860, ctp_blind11 P 0.814 -> 0.814 (F1 0.833), press_blind11 P 0.417 (F1 0.341),
        # press_blind11b P 0.615 (F1 0.527); development sets from the eleventh round on
        # eleventh round, a wire date line with an abbreviated weekday ('Wed Jun 17, 2015 4:52pm EDT') dates its
        # article: press_blind11 F1 0.341 -> 0.344, P 0.417 -> 0.390 (5 more events found, 1 more matched; the new
        # ones' actors are read wrong, which is the next round's work)
        ("itic_blind11", 0.85, 0.85, 0.0),
        ("ctp_blind11", 0.82, 0.85, 0.80),
        # twelfth round, all branches merged: press_blind11 0.727 (P 0.766), press_blind11b 0.693 (P 0.714)
        ("press_blind11", 0.73, 0.75, 0.77),  # thirteenth round (claims13) 0.747 (P 0.787)
        ("press_blind11b", 0.68, 0.8, 0.70),
        # twelfth round: press_blind12 held out until scored at the session base (F1 0.281, P 0.391), then studied:
        # 0.756 (P 0.756; killed 0.77: the per-target hotel rows carry no toll of their own)
        ("press_blind12", 0.76, 0.75, 0.75),  # thirteenth round (acts13) 0.771 (P 0.762)
        # the twelfth round's held-out sets, scored (TOTAL only) on its base c1d8546 and final 1e4da49: press_blind12b
        # 0.256 -> 0.278 (P 0.314), press_blind13 0.429 -> 0.487 (P 0.543), press_blind13b 0.282 -> 0.329 (P 0.351)
        # thirteenth round, studied (all five branches merged): press_blind12b 0.575 (P 0.639), press_blind13 0.727 (P
        # 0.711), press_blind13b 0.610 (P 0.625; killed 0.84 over 25 matches, was 0.92 over 13: the floor 0.80)
        ("press_blind12b", 0.56, 0.85, 0.63),
        ("press_blind13", 0.71, 0.9, 0.70),
        ("press_blind13b", 0.60, 0.80, 0.61),
    ],
)
def test_measured_quality(split, min_f1, min_cas, min_precision):
    out = io.StringIO()
    s = score_files(
        sorted(f for f in (FIX / split).glob("*.gold.jsonl") if not f.name.endswith(".periods.gold.jsonl")), out=out
    )
    assert s.n_gold >= 10
    assert s.f1 >= min_f1, out.getvalue()
    assert s.precision >= min_precision, out.getvalue()  # CTP prose: invented events are the worst error
    assert s.killed_accuracy >= min_cas and s.wounded_accuracy >= min_cas, out.getvalue()


@pytest.mark.parametrize(
    "content, needle",
    [
        (b"", "empty"),
        (b"   \n\n", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        (b"ISIS attacked a checkpoint and killed two soldiers.", "no dates"),
    ],
)
def test_bad_input_names_the_file_and_the_problem(tmp_path, content, needle):
    f = tmp_path / "weekly.txt"
    f.write_bytes(content)
    with pytest.raises(InputFileError) as e:
        extract_report(f)
    assert "weekly.txt" in str(e.value) and needle in str(e.value)


def test_cli_writes_jsonl_and_periods(tmp_path, capsys):
    out, per = tmp_path / "events.jsonl", tmp_path / "periods.jsonl"
    rc = main(["extract", str(FIX / "dev" / "ctp_march.txt"), "--out", str(out), "--periods-out", str(per)])
    assert rc == 0
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert len(rows) == 10 and {"event_date", "actor", "evidence", "event_id", "date_precision"} <= rows[0].keys()
    first = json.loads(per.read_text().splitlines()[0])
    assert list(first) == [
        "actor",
        "target",
        "country",
        "province",
        "count",
        "count_qualifier",
        "period_start",
        "period_end",
        "attribution",
        "evidence",
    ]
    assert (first["count"], first["count_qualifier"], first["period_start"]) == (14, "exact", "2023-02-28")
    assert main(["extract", str(tmp_path / "missing.txt")]) == 1
    assert "missing.txt: no such file" in capsys.readouterr().err


def test_cli_score_prints_precision_recall_f1(capsys):
    assert main(["extract", "--score", str(FIX / "dev")]) == 0
    out = capsys.readouterr().out
    assert "TOTAL" in out and "F1" in out and "killed" in out


def test_scorer_reports_relaxed_matches_province_accuracy_and_period_recall():
    gold = [
        {"event_date": "2022-04-02", "actor": "ISIS", "country": "Iraq", "province": "Diyala", "event_type": "IED"},
        {"event_date": "2022-04-03", "actor": "ISIS", "country": "Iraq", "province": "Kirkuk", "event_type": "IED"},
    ]
    pred = [dict(gold[0], event_type="shooting"), dict(gold[1], province="Salah al-Din")]
    gp = [
        {"actor": "ISIS", "count": 17, "period_start": "2023-09-06"},
        {"actor": "tribal forces", "count": 16, "period_start": "2023-09-14"},
    ]
    pp = [
        {"actor": "Islamic State", "count": 17, "period_start": "2023-09-06"},
        {"actor": "Islamic State", "count": 16, "period_start": "2023-09-14"},
    ]  # right count, wrong actor
    s = score_events(pred, gold, pp, gp)
    assert (s.n_matched, s.n_relaxed, s.n_located, s.province_right) == (0, 1, 2, 1)
    assert (s.relaxed_f1, s.province_accuracy, s.period_recall, s.period_precision) == (0.5, 0.5, 0.5, 0.5)
