"""Press rules of the seventh round (date, place, clause cuts; from the press_blind3-6 study): each test is written
from invented sentences."""

from datetime import date

from trends.extract.press import extract_press
from trends.extract.relative import find_relative


def _ev(text):
    return [(e["event_date"], e["actor"], e["province"], e["event_type"]) for e in extract_press(text).events]


def test_the_same_day_is_the_day_told_before_not_the_publication_day():
    t = "The same night, gunmen attacked a checkpoint."
    (r,) = find_relative(t, 0, len(t), date(2024, 3, 20), date(2024, 3, 12))
    assert (r.kind, r.value) == ("same day", date(2024, 3, 12))
    t = "The parliament and the shrine were attacked on the same morning."
    (r,) = find_relative(t, 0, len(t), date(2024, 3, 20), date(2024, 3, 12))
    assert r.value == date(2024, 3, 12)


def test_a_year_ago_today_is_a_day_one_year_back():
    t = "Exactly a year ago today, fighters stormed the garrison town."
    (r,) = find_relative(t, 0, len(t), date(2025, 5, 12), None)
    assert (r.value, r.precision) == (date(2024, 5, 12), "day")


SAME_DAY = """Borno security roundup
Published May 20, 2024

ISWAP fighters attacked an army base in Monguno, Borno state, on Tuesday, killing six soldiers.

The same day, Boko Haram fighters attacked the village of Gwoza, killing four farmers.

Source link
"""


def test_a_sentence_opening_the_same_day_is_an_event_of_that_day():
    evs = _ev(SAME_DAY)
    assert [d for d, *_ in evs] == ["2024-05-14", "2024-05-14"]


TWO_CLAUSES = """Libya roundup
Published June 8, 2016

LNA aircraft bombed positions of the Derna Mujahideen Shura Council in Derna on Saturday; in Benghazi, a car bomb
killed three soldiers at a checkpoint the same day.

Source link
""".replace("\nkilled", " killed")


def test_a_semicolon_clause_with_its_own_act_and_same_day_date_is_its_own_event():
    evs = _ev(TWO_CLAUSES)
    assert len(evs) == 2
    assert {d for d, *_ in evs} == {"2016-06-04"}
    assert [t for *_, t in evs] == ["airstrike", "IED"]


def test_a_claim_after_the_semicolon_is_no_clause_of_its_own():
    text = TWO_CLAUSES.replace(
        "; in Benghazi, a car bomb killed three soldiers at a checkpoint the same day",
        "; the army said the group had claimed it the same evening",
    )
    assert len(_ev(text)) == 1


SOMALIA = """Somalia roundup
Published August 16, 2018

Al-Shabaab fighters attacked an army base at Qorioley, Middle Shabelle, before dawn on Wednesday, killing 16 soldiers.

Source link
"""


def test_a_place_then_its_province_after_a_comma_gives_the_province():
    from trends.extract.press_places import _named_province

    assert _named_province("an army base at Bariire, Lower Shabelle, before dawn", "Somalia") == "Shabeellaha Hoose"
    assert _named_province("churches in Surabaya, East Java, killing 15", "Indonesia") == "East Java"
    # a country after the comma is no province
    assert _named_province("a mosque in Peshawar, Pakistan, on Friday", "Pakistan") is None
    evs = _ev(SOMALIA.replace("Qorioley", "Bariire"))
    assert [(d, p) for d, _, p, _ in evs] == [("2018-08-15", "Shabeellaha Dhexe")]


def test_the_country_named_by_its_adjective_owns_the_stated_province():
    text = """Sabah briefing
Published May 2, 2000

On April 23, 2000, Abu Sayyaf gunmen abducted 21 people from the Malaysian diving island of Sipadan, in Sabah.

Source link
"""
    ev = extract_press(text).events
    assert [(e["country"], e["province"]) for e in ev] == [("Malaysia", "Sabah")]


def test_a_suicide_to_escape_capture_is_no_attack():
    from trends.extract.press_acts import non_event_reason

    s = "The commander detonated an explosive vest the following day rather than be captured."
    assert non_event_reason(s, has_group=False) == "suicide to escape capture, no attack"
    assert non_event_reason("A suicide bomber detonated an explosive vest at the gate.", has_group=False) is None


def test_the_relative_clause_that_tells_how_an_attack_was_done_gives_its_kind():
    text = """Kenya roundup
Published January 9, 2020

Police blamed al-Shabaab for the January 2 attack on a bus at Nyongoro, in Lamu County, in which gunmen opened fire
and killed three passengers.

Source link
""".replace("\nand", " and")
    assert [t for *_, t in _ev(text)] == ["shooting"]


def test_a_planted_bomb_is_an_ied():
    from trends.extract.event_types import event_type

    assert event_type("the group brought down the plane with a bomb hidden on board, killing 224") == "IED"
    assert event_type("militants planted a bomb under the bridge") == "IED"


def test_a_month_and_a_day_of_that_month_in_one_sentence_date_the_act_to_the_day():
    text = """Kabul roundup
Published January 20, 2025

ISKP's last major attack in the capital came in December, when a suicide bomber killed six people inside the
ministry compound in Kabul on December 11.

Source link
""".replace("the\nministry", "the ministry")
    assert [(d, t) for d, _, _, t in _ev(text)] == [("2024-12-11", "suicide attack")]


def test_a_sources_citation_date_yields_to_the_acts_own_weekday():
    text = """Borno roundup
Published May 14, 2025

The army base in Marte was overrun on Friday night; Amaq said dozens of soldiers were killed (Amaq, May 10, 2025).

Source link
"""
    assert [d for d, *_ in _ev(text)] == ["2025-05-09"]


def _counts(sentence, ref):
    from trends.extract import dates as D
    from trends.extract.counts import find_counts

    return [(m.group().strip(), rng) for m, rng, _ in find_counts(sentence, D.ReportPeriod(ref), ref.year)]


def test_a_count_between_two_months_or_so_far_this_month_has_its_period():
    got = _counts("The group claimed 73 attacks in Cabo Delgado between January and April.", date(2024, 5, 20))
    assert got == [("73 attacks", (date(2024, 1, 1), date(2024, 4, 30)))]
    got = _counts("AQAP has claimed 23 attacks in Abyan so far this month.", date(2018, 8, 16))
    assert got == [("23 attacks", (date(2018, 8, 1), date(2018, 8, 16)))]
    got = _counts(
        "The insurgents carried out at least 570 violent events between January and October.", date(2020, 11, 2)
    )
    assert got == [("at least 570 violent events", (date(2020, 1, 1), date(2020, 10, 31)))]


def test_bombs_are_counted_but_not_the_devices_of_one_blast():
    assert _counts("The militants have set off at least 20 bombs in the city since January.", date(2019, 6, 1)) == [
        ("at least 20 bombs", (date(2019, 1, 1), None))
    ]
    assert _counts("In October 2022, two car bombs exploded minutes apart at a junction.", date(2023, 3, 1)) == []


def test_a_press_period_count_of_the_family_goes_to_the_countrys_branch():
    text = """Mozambique roundup
Published June 20, 2023

The Islamic State was responsible for about 25 attacks in Macomia district so far this year, according to a monitor.

Source link
"""
    (p,) = extract_press(text).periods
    assert (p.actor, p.count, p.period_start) == ("IS Mozambique", 25, date(2023, 1, 1))


def test_a_summary_line_and_a_wave_of_attacks_are_no_events():
    from trends.extract.press_acts import non_event_reason

    assert non_event_reason("In brief: IS fighters killed five SDF fighters on Saturday.", has_group=True) == (
        "summary of the article"
    )
    # main's 'several acts told together' rule and this one's 'summed up' both class it as no single act
    assert non_event_reason("AQAP claimed a string of attacks in Shabwa this week.", has_group=True).startswith(
        "several acts"
    )
    assert non_event_reason("The group launched a wave of raids on the town.", has_group=True).startswith(
        "several acts"
    )
    # 'the latest in a string of attacks' after a real act keeps the act
    s = "Gunmen killed four soldiers on Sunday, the latest in a string of attacks along the border."
    assert non_event_reason(s, has_group=False) is None


def test_a_noun_phrase_that_names_the_act_again_is_no_clause_of_its_own():
    text = """Iran roundup
Published January 10, 2024

On January 3, two suicide bombers struck a crowd in Kerman, killing more than 90 people, an attack the group
claimed in a statement the following day.

Source link
""".replace("group\nclaimed", "group claimed")
    assert [(d, t) for d, _, _, t in _ev(text)] == [("2024-01-03", "suicide attack")]


def test_a_negation_after_the_acts_clause_does_not_negate_the_act():
    from trends.extract.press_acts import non_event_reason

    s = "On Wednesday, gunmen shot dead a district official in Mueda; police have not said who they suspect."
    assert non_event_reason(s, has_group=False) is None
    assert non_event_reason("Militants did not attack the base on Sunday.", has_group=True) == "negated"


def test_an_unnamed_act_that_no_group_claimed_keeps_no_actor():
    text = """Far North roundup
Published May 12, 2025

Boko Haram fighters attacked an army post in Kolofata on Friday, killing three soldiers.

Gunmen shot dead two vigilantes in Tourou, in the Far North region, on Saturday night; no group has claimed the attack.

Source link
"""
    evs = _ev(text)
    assert [(d, a) for d, a, _, _ in evs] == [("2025-05-09", "Boko Haram"), ("2025-05-10", "unknown")]


def test_since_a_date_when_an_act_happened_dates_that_act():
    text = """Peshawar roundup
Published March 5, 2023

The rally bombing was the deadliest in the province since January 30, when a suicide bomber killed more than 80
people inside a mosque in Peshawar.

Source link
""".replace("80\npeople", "80 people")
    evs = _ev(text)
    assert ("2023-01-30", "suicide attack") in [(d, t) for d, _, _, t in evs]


def test_a_group_that_has_attacked_n_villages_so_far_this_month_is_a_period_count():
    text = """Burkina roundup
Published January 20, 2025

JNIM has attacked at least 8 villages in the Nouna area so far this month, local officials said.

Source link
"""
    res = extract_press(text)
    assert res.events == []
    assert [(p.actor, p.count, p.period_start) for p in res.periods] == [("JNIM", 8, date(2025, 1, 1))]
