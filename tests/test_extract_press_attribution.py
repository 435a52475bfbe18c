"""Actor attribution in the press reader: the author told after the act ('officials said X was behind it'), a
blame that stands though nobody claimed, a possessive pronoun opening the sentence, a list's outlet lead-in over
headline-style passive items, ministry forces and a force's own ambush. Invented sentences of the class of text
that caused the error."""

from trends.extract.press import extract_press


def _ev(text):
    return [(e["event_date"], e["actor"], e["event_type"], e["attribution"]) for e in extract_press(text).events]


def _article(body: str) -> str:
    return f"Region in focus\nPublished June 30, 2025\n\n{body}\n\nSource link\n"


def test_the_author_said_after_the_act_in_its_sentence():
    got = _ev(
        _article(
            "In March 2017, a suicide bomber struck a bus station in Antalya, killing 12 people; the governor said "
            "the Islamic State was behind it."
        )
    )
    assert got == [("2017-03-01", "Islamic State", "suicide attack", "reported")]


def test_an_assessment_that_a_group_carried_it_out():
    got = _ev(
        _article(
            "On June 2, a car bomb exploded at a market in Manbij, killing nine people, and officials issued an "
            "assessment that ISIS cells carried it out."
        )
    )
    assert got == [("2025-06-02", "Islamic State", "IED", "assessed")]


def test_a_blame_stands_when_the_group_has_not_claimed():
    got = _ev(
        _article(
            "On Sunday, a suicide bomber blew himself up inside a church in Homs, killing 11 people. The interior "
            "ministry blamed the Islamic State; the group itself has not claimed the bombing."
        )
    )
    assert got == [("2025-06-29", "Islamic State", "suicide attack", "reported")]


def test_a_possessive_pronoun_opening_the_sentence_is_the_group_just_named():
    got = _ev(
        _article(
            "Islamic State Khorasan Province (ISKP) emerged in 2015 in Nangarhar. Its worst atrocity remains the "
            "August 26, 2021 suicide bombing outside Kabul airport, which killed more than 180 people."
        )
    )
    assert [(d, a) for d, a, _, _ in got] == [("2021-08-26", "ISKP")]


def test_headline_style_items_under_an_outlets_list_are_its_claims_not_the_victims_acts():
    got = _ev(
        _article(
            "The group's weekly al-Naba newsletter listed these attacks:\n"
            "- June 3: five SDF fighters shot dead at a checkpoint near Busayrah, Deir ez-Zor."
        )
    )
    assert [(d, a) for d, a, _, _ in got] == [("2025-06-03", "Islamic State")]


def test_interior_ministry_forces_are_the_states():
    got = _ev(
        _article(
            "DAMASCUS (Reuters) - On June 24, interior ministry forces raided an Islamic State cell in Harasta, in "
            "Rif Dimashq province, arresting six suspects, the ministry said."
        )
    )
    assert [(a, t) for _, a, t, _ in got] == [("Government of Syria", "arrest/raid")]


def test_a_force_that_killed_militants_in_an_ambush_made_the_ambush():
    got = _ev(
        _article(
            "PEMBA, Mozambique (Reuters) - Rwandan troops said they killed 11 insurgents in an ambush near Mbau, in "
            "Cabo Delgado province, on June 28."
        )
    )
    assert [(a, t) for _, a, t, _ in got] == [("Government of Rwanda", "ambush")]


def test_a_group_linked_to_another_is_the_one_named_second():
    got = _ev(
        _article(
            "ZAMBOANGA, Philippines (AFP) - A bomb exploded at a market in Jolo, Sulu, on June 29, killing five "
            "people, in an attack the military blamed on the Islamic State-linked Abu Sayyaf group."
        )
    )
    assert [(a, t) for _, a, t, _ in got] == [("Abu Sayyaf", "IED")]


RECALL = """Twin blasts kill 14 in Jolo
Published August 25, 2020

ZAMBOANGA, Philippines (AFP) - A bomb exploded at a market in Jolo, Sulu, on Monday, killing 14 people, in an attack the military blamed on Abu Sayyaf.

Source link

Marawi bombing kills four
Published December 4, 2023

MARAWI, Philippines (Reuters) - A bomb exploded during Mass at a university gymnasium in Marawi on Sunday, killing four people.

Soldiers sealed off the campus after the blast. It also recalled the August 24, 2020 twin bombings in Jolo, which killed 14 people.

Source link
"""


def test_an_earlier_act_recalled_by_name_is_a_retelling_not_a_new_event():
    got = [(d, a) for d, a, _, _ in _ev(RECALL)]
    assert got == [("2020-08-24", "Abu Sayyaf"), ("2023-12-03", "unknown")]


def test_a_state_strike_named_after_the_act_gives_it_the_state():
    got = _ev(
        _article(
            "On Tuesday, an explosion in a suburb of Beirut killed a Hamas commander and two guards. Lebanese "
            "officials said it was an Israeli drone strike; Israel did not comment."
        )
    )
    assert [(d, a, t) for d, a, t, _ in got] == [("2025-06-24", "Government of Israel", "drone strike")]
