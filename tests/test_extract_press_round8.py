"""Press rules of the eighth round (dates, places, non-events; from the press_blind7 study): each test is written
from invented sentences of the class, not the fixture's."""

import pytest

from trends.extract.documents import dateline_end
from trends.extract.press import extract_press, non_event_reason


def _ev(text):
    return [
        (e["event_date"], e["actor"], e["country"], e["province"], e["event_type"]) for e in extract_press(text).events
    ]


def test_a_dateline_with_any_agency_mark_is_a_dateline():
    t = "GAROUA, Cameroon, Oct 9 (CNA) – Gunmen attacked a village on Sunday."
    end = dateline_end(t, 0, len(t))
    assert end is not None and t[end:].lstrip().startswith("Gunmen")


WIRE = """Gunmen kill nine in Cameroon's Far North
By A. Reporter, Sahel Wire
Published October 10, 2024

GAROUA, Cameroon, Oct 10 (SHW) – Boko Haram fighters stormed a market in Mora, in the Far North region, on Monday,
killing nine traders, the governor said.

Source link
""".replace(",\nkilling", ", killing")


def test_a_weekday_after_a_dateline_is_the_one_before_it_not_the_dateline_day():
    assert [e[0] for e in _ev(WIRE)] == ["2024-10-07"]  # Oct 10, 2024 is a Thursday


STATEMENT_DAY = """Sahel update
Published October 10, 2024

In a video posted by its media arm on Wednesday, the group said its fighters had beheaded four herders near
Dori on Saturday.

Source link
""".replace("near\nDori", "near Dori")


def test_the_day_a_statement_came_out_is_not_the_day_of_the_act():
    assert [e[0] for e in _ev(STATEMENT_DAY)] == ["2024-10-05"]


LAST_MONTH = """Talking to a Sahel analyst
Published 12 May 2022

A: Last month, jihadists killed 30 villagers near Seytenga, in the Sahel region (Telegram, April 27, 2022).

Source link
"""


def test_last_month_keeps_month_precision_over_a_source_citation_day():
    ex = extract_press(LAST_MONTH)
    (e,) = ex.events
    assert (e["event_date"], e["date_precision"]) == ("2022-04-01", "month")


PRECEDING_CLAUSE = """Explainer: the end of a warlord
Published July 2, 2020

On June 3, rival fighters cornered the commander in a forest camp; rather than surrender, he blew himself up
with a grenade, his rivals said in a recording released on Monday.

Source link
""".replace("up\nwith", "up with")


def test_an_act_keeps_the_date_of_its_sentences_first_clause_and_a_refusal_is_no_surrender():
    evs = _ev(PRECEDING_CLAUSE)
    assert [e[0] for e in evs] == ["2020-06-03"]
    assert evs[0][4] != "surrender"


@pytest.mark.parametrize(
    "sentence, country, province",
    [
        # a place named with a province word fixes the country of the sentence's other towns
        ("On Monday, Turkish drones struck a village near Gara in Duhok province.", "Iraq", "Duhok"),
        # a place named with its country
        (
            "On Monday, an IED killed four rangers in the Pendjari park, in Benin's Atacora department.",
            "Benin",
            "Atacora",
        ),
        # Balochistan's districts and passes the gazetteer lacked
        ("On Monday, militants blew up a gas pipeline in the Bolan Pass.", "Pakistan", "Balochistan"),
        ("On Monday, BLA fighters attacked a post in Bela, in Lasbela district.", "Pakistan", "Balochistan"),
        # a first word of a longer name ('Wadi' of 'Wadi Hawran') yields to a whole town of another country
        ("On Monday, IS fighters ambushed a patrol in the Wadi al-Tharthar area north of Ramadi.", "Iraq", "Anbar"),
    ],
)
def test_places_resolve_inside_the_country_the_clause_names(sentence, country, province):
    text = f"Iraq and the region\nPublished June 14, 2024\n\n{sentence}\n\nSource link\n"
    (e,) = _ev(text)
    assert (e[2], e[3]) == (country, province)


@pytest.mark.parametrize(
    "sentence",
    [
        "A fire at a crowded hospital ward in Nasiriyah on Monday killed 60 patients.",
        "A gold mine collapse in Kayes region on Tuesday killed 15 diggers.",
        "A gas explosion at a bakery in Kabul on Sunday killed four people.",
        "- Caption: Soldiers guard the market after the attack on June 2 (Photo: Army)",
        "Caption: Police inspect the wreckage of the bombed bus on Friday.",
    ],
)
def test_accidents_and_captions_are_never_events(sentence):
    assert non_event_reason(sentence, has_group=False) is not None


WAVE = """Militants strike across Niger's west
By A. Reporter, Sahel Wire
Published March 15, 2023

NIAMEY, Niger, March 15 (SHW) - Jihadists carried out a series of attacks across the Tillaberi region on Monday,
killing at least 30 people, officials said. IS Sahel claimed the attacks in a statement.

In the worst of them, IS Sahel fighters on motorbikes shot dead 19 villagers at a well near Tera.

Elsewhere, IS Sahel fighters ambushed a gendarmerie patrol near Ayorou, killing six gendarmes.

Security forces said they killed 14 militants in sweeps across the region on Tuesday.

Source link
""".replace("Monday,\nkilling", "Monday, killing")


def test_the_acts_told_after_a_lead_that_sums_up_a_day_take_its_day():
    evs = _ev(WAVE)
    # the lead and its claim of 'the attacks' are no events; each act told next is, on the lead's Monday
    assert [(e[0], e[4]) for e in evs[:2]] == [("2023-03-13", "shooting"), ("2023-03-13", "ambush")]
    assert all(e[3] == "Tillaberi" for e in evs)
    # 'across the region': the province of the story's previous event
    assert evs[2][0] == "2023-03-14" and len(evs) == 3


def test_an_undated_act_far_from_any_summing_lead_stays_undated():
    text = WAVE.replace(
        "Jihadists carried out a series of attacks across the Tillaberi region on Monday",
        "Jihadists have long been active across the Tillaberi region",
    )
    assert [e[0] for e in _ev(text)] == ["2023-03-14"]


LABELS = """Morning Digest: June 3, 2024

NIGERIA

Borno – market raid (ISWAP)
- ISWAP fighters raided a market on Saturday and killed four traders.
- Troops killed six fighters in a sweep on Sunday, the army said.

- Kebbi: Bandits abducted 20 villagers on Sunday.

Source link
"""


def test_a_line_label_or_a_heading_ending_in_a_parenthesis_places_the_lines_under_it():
    evs = _ev(LABELS)
    assert [(e[2], e[3]) for e in evs] == [("Nigeria", "Borno")] * 2 + [("Nigeria", "Kebbi")]


THAT_YEAR = """Analysis: a long war
Published March 1, 2024

Kenyan troops, sent into Somalia in October 2011 at the request of its government, captured the port of Kismayo in
September the following year.

Source link
""".replace("in\nSeptember", "in September")


def test_a_month_of_that_year_takes_the_sentences_year_and_a_participle_aside_keeps_its_own_date():
    ex = extract_press(THAT_YEAR)
    (e,) = ex.events
    assert (e["event_date"], e["date_precision"]) == ("2012-09-01", "month")
