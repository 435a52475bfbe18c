"""Who did it, read as a reader of report prose would: an unnamed attacker is not the section's group unless the
event is that group's claim; an actor never carries over a sentence with no agent of its own; a later sentence
that assesses, blames or attributes names the author of the event before it. Sentences are our own."""

from __future__ import annotations

import pytest

from trends.extract.parse import extract

HEAD = "Weekly update, June 20, 2024\n\n"


def _events(body: str):
    return extract(HEAD + body, "t").events


@pytest.mark.parametrize(
    "subject",
    ["gunmen", "unidentified gunmen", "a suicide bomber", "assailants on motorbikes"],
)
def test_an_unnamed_attacker_under_a_group_heading_is_unknown_unless_claimed(subject):
    body = (
        "## ISWAP (Nigeria)\n\n"
        f"- On June 12, 2024, {subject} attacked a market in Gwoza, "
        "killing nine traders (Daily Trust, June 13, 2024).\n"
    )
    ev = _events(body)
    assert len(ev) == 1 and ev[0]["actor"] == "unknown"
    claimed = _events(body.replace("Daily Trust", "Amaq"))
    if subject.startswith("unidentified"):
        assert claimed[0]["actor"] == "unknown"  # 'unidentified' says the author is not known, whoever reports it
    else:
        assert claimed[0]["actor"] == "ISWAP" and claimed[0]["attribution"] == "claimed"


def test_an_actor_does_not_carry_over_a_passive_sentence_without_agent():
    ev = _events(
        "Syria. The SDF raided a farm near Shaddadi on June 8, 2024 and arrested two ISIS members. "
        "A roadside bomb hit an SDF patrol near Markada on June 9, 2024, wounding four fighters.\n"
    )
    assert [e["event_date"] for e in ev] == ["2024-06-08", "2024-06-09"]
    assert ev[0]["actor"] == "SDF"
    assert ev[1]["actor"] == "unknown"  # the patrol is the target; the SDF of the sentence before is not the bomber


def test_the_object_of_an_instrument_subject_is_the_target_not_the_actor():
    ev = _events("Iraq. An IED struck a Peshmerga vehicle near Makhmur on June 5, 2024, killing two.\n")
    assert len(ev) == 1 and ev[0]["actor"] == "unknown"


@pytest.mark.parametrize(
    "follow_up, actor, attribution",
    [
        ("CTP assesses that ISIS cells conducted it.", "IS Somalia", "assessed"),
        ("No group claimed it, but local officials blamed al-Shabaab.", "al-Shabaab", "reported"),
        ("Residents attributed the killing to al-Shabaab.", "al-Shabaab", "reported"),
        ("In the ITIC's assessment, the attack was carried out by al-Shabaab.", "al-Shabaab", "assessed"),
        ("According to al-Shabaab, 11 soldiers died.", "al-Shabaab", "claimed"),
    ],
)
def test_a_follow_up_that_assesses_blames_or_attributes_names_the_author(follow_up, actor, attribution):
    ev = _events(
        f"Somalia. Gunmen killed a district commissioner and his two guards in Afgooye on June 3, 2024. {follow_up}\n"
    )
    assert len(ev) == 1
    assert ev[0]["actor"] == actor and ev[0]["attribution"] == attribution


def test_a_follow_up_never_replaces_an_actor_the_text_named():
    ev = _events(
        "Somalia. Al-Shabaab fighters stormed a police station in Balcad on June 3, 2024. "
        "Police officials blamed ISIS for an unrelated bombing.\n"
    )
    assert len(ev) == 1 and ev[0]["actor"] == "al-Shabaab"


def test_a_pronoun_subject_of_a_that_clause_is_the_main_clause_subject():
    ev = _events(
        "Nigeria. ISWAP claimed that it burned a church in Chibok on June 12, 2024, "
        "although the claim could not be verified.\n"
    )
    assert len(ev) == 1 and ev[0]["actor"] == "ISWAP"


def test_a_state_adjective_on_the_strike_noun_is_the_agent_of_a_passive():
    ev = _events("Mali. A JNIM commander was killed in a French airstrike near Gossi on June 4, 2024.\n")
    assert len(ev) == 1
    assert ev[0]["actor"] == "Government of France" and ev[0]["event_type"] == "airstrike"


def test_an_assessment_that_looks_ahead_names_no_author():
    ev = _events(
        "Syria. Gunmen shot a pharmacist in Tafas on June 3, 2024. "
        "CTP assesses that ISIS will likely attempt more such killings in Daraa.\n"
    )
    assert len(ev) == 1 and ev[0]["actor"] == "unknown"


@pytest.mark.parametrize(
    "sentence, etype",
    [
        ("Fire was opened at an army checkpoint near Tal Afar.", "shooting"),
        ("The fighters attacked the barracks with rifles and hand grenades.", "attack"),
        ("They hit the outpost with machine guns and rocket-propelled grenades.", "attack"),
        ("A suicide truck-borne bomb exploded at the gate of the airport.", "suicide attack"),
        ("A car bomb exploded at the gate of the airport.", "IED"),
    ],
)
def test_event_types_of_passive_fire_mixed_weapons_and_vehicle_borne_suicide_bombs(sentence, etype):
    from trends.extract.event_types import event_type

    assert event_type(sentence) == etype


def test_a_state_force_assaulting_a_group_camp_is_a_raid():
    ev = _events("Mozambique. Tanzanian troops assaulted an IS Mozambique camp near Nangade on June 6, 2024.\n")
    assert len(ev) == 1
    assert ev[0]["event_type"] == "arrest/raid" and ev[0]["counterpart"] == "IS Mozambique"
    ev = _events("Mozambique. IS Mozambique fighters assaulted an army camp near Nangade on June 6, 2024.\n")
    assert ev[0]["event_type"] == "attack"  # a group's assault on a base is an attack, not a raid


def test_a_group_named_in_the_sentences_own_lead_in_is_the_author_of_its_passive():
    ev = _events(
        "## Somalia\n\n### IS Somalia\n\n"
        "- Al-Shabaab's claims of responsibility: Rockets were fired at a base in Baidoa on June 8, 2024 "
        "(Shahada News Agency, June 8, 2024).\n"
    )
    assert len(ev) == 1 and ev[0]["actor"] == "al-Shabaab"


def test_the_governments_security_service_is_the_state():
    ev = _events(
        "Syria. The transitional government's intelligence service arrested three ISIS members in Homs on "
        "June 2, 2024.\n"
    )
    assert len(ev) == 1 and ev[0]["actor"] == "Government of Syria" and ev[0]["event_type"] == "arrest/raid"


def test_a_map_caption_and_a_mocking_editorial_are_not_events():
    ev = _events(
        "## Iraq\n\nMap of ISIS attacks in Diyala, June 10-16, 2024 (map based on open sources)\n\n"
        "The editorial of the weekly mocked the French airstrikes in Mali on June 12, 2024 and said they killed "
        "only herders.\n"
    )
    assert ev == []
