"""General reading rules (grammar, not fixture strings): event types from weapon and victim wording, claims of
responsibility told after the attack, disasters and appointments that are not events, the IS branch of the country,
pronoun agents ('its forces'), and bounded joins on reports flattened to one line. Sentences are our own."""

from __future__ import annotations

import pytest

from trends.extract.branches import branch_actor
from trends.extract.clauses import skip_reason
from trends.extract.event_types import event_type
from trends.extract.parse import _NEAR, extract

HEAD = "Weekly update, June 20, 2024\n\n"


def _events(body: str):
    return extract(HEAD + body, "t").events


@pytest.mark.parametrize(
    "sentence, etype",
    [
        ("Three attackers blew themselves up at the gate of the base.", "suicide attack"),
        ("The bombers detonated explosive belts among the crowd.", "suicide attack"),
        ("A drone fired three missiles at a car near the border.", "drone strike"),
        ("A village elder's son was shot dead outside the mosque.", "assassination"),
        ("A school in the village was set on fire.", "attack"),
        ("The militants attacked the post with machine guns and RPGs.", "attack"),
        ("The fighters attacked the post with machine guns.", "shooting"),
        ("The group's men raided the village and took its cattle.", "attack"),
    ],
)
def test_event_type_from_weapon_and_victim_wording(sentence, etype):
    assert event_type(sentence) == etype


def test_a_later_claim_of_responsibility_names_the_actor_and_is_no_new_event():
    evs = _events(
        "• On June 10, 2024, a suicide bomber blew himself up at a wedding hall in Kandahar, killing 12 people. "
        "On June 11, 2024, ISIS claimed responsibility, saying that one of its men had carried out the attack.\n"
    )
    assert len(evs) == 1
    assert evs[0]["event_date"] == "2024-06-10" and evs[0]["actor"] != "unknown"
    assert evs[0]["attribution"] == "claimed"


@pytest.mark.parametrize(
    "sentence, reason",
    [
        ("The floods of June 2, 2024, which hit the north of the country, killed more than 300 people.", "disaster"),
        ("An earthquake on May 3 killed 40 villagers near the border.", "disaster"),
        (
            "The government appointed a new police chief in Kunar on June 3, replacing the one whom the TTP "
            "killed in May.",
            "appointment",
        ),
    ],
)
def test_disasters_and_appointments_are_not_events(sentence, reason):
    assert skip_reason(sentence) == reason
    assert _events(sentence + "\n") == []


@pytest.mark.parametrize(
    "actor, country, province, want",
    [
        ("Islamic State", "Mozambique", "Cabo Delgado", "IS Mozambique"),
        ("ISCAP", "Mozambique", None, "IS Mozambique"),
        ("ISCAP", "DR Congo", None, "ISCAP"),
        ("Islamic State", "Somalia", None, "IS Somalia"),
        ("Islamic State", "Niger", "Diffa", "ISWAP"),
        ("Islamic State", "Niger", "Tillaberi", "IS Sahel"),
        ("Islamic State", "Iraq", "Anbar", "Islamic State"),
        ("Islamic State", "Syria", None, "Islamic State"),
        ("JNIM", "Mali", None, "JNIM"),
    ],
)
def test_the_branch_of_the_country(actor, country, province, want):
    assert branch_actor(actor, country, province) == want


def test_a_generic_isis_attack_in_a_one_branch_country_is_that_branch():
    evs = _events("Mozambique\n\n• On June 12, 2024, ISIS operatives attacked an army post near Macomia.\n")
    assert [e["actor"] for e in evs] == ["IS Mozambique"]


def test_its_forces_after_a_statement_are_the_sayers_forces():
    evs = _events(
        "Afghanistan. The Taliban's intelligence service said on June 6 that its forces killed four ISKP "
        "militants in a raid in Kunduz city on June 5.\n"
    )
    assert len(evs) == 1 and evs[0]["actor"] == "Taliban" and evs[0]["counterpart"] == "ISKP"


def test_joins_stay_local_on_a_report_flattened_to_one_line():
    para = (
        "On June {d}, 2024, ISIS operatives attacked an army post near Hawija. Two soldiers were killed. "
        "The group said the attack was revenge. "
    )
    text = HEAD + "".join(para.format(d=1 + i % 5) for i in range(200))
    evs = extract(text, "t").events
    assert evs
    assert max(e["evidence"]["end"] - e["evidence"]["start"] for e in evs) < 2 * _NEAR


@pytest.mark.parametrize(
    "sentence, etype",
    [
        ("A tax collector who worked for the council was shot dead in the market.", "assassination"),
        ("A Peshmerga fighter was shot dead at his post.", "shooting"),
        ("A member of the local Tribal Mobilization was shot dead near the river.", "shooting"),
    ],
)
def test_shot_dead_is_an_assassination_unless_the_victim_is_a_combatant(sentence, etype):
    assert event_type(sentence) == etype


def test_its_forces_of_a_named_state_force():
    evs = _events(
        "Iraq. The Iraqi Counter-Terrorism Service announced on June 9 that its forces had arrested two ISIS "
        "couriers in Mosul on June 8.\n"
    )
    assert [(e["actor"], e["event_type"]) for e in evs] == [("Government of Iraq", "arrest/raid")]


@pytest.mark.parametrize(
    "body, country, province",
    [
        # the container of a neighbourhood wins, even over a homonym in another country
        ("• On June 3, 2024, a drone fired a missile at a house in the Sherpur neighborhood of Kabul.\n",
         "Afghanistan", "Kabul"),
        # a big city needs no locative word before it
        ("Pakistan\n\n• On June 3, 2024, TTP fighters stormed the Karachi airport terminal, killing four guards.\n",
         "Pakistan", "Sindh"),
        # the heading's group names the country ('Al-Shabaab (Somalia)'): no homonym abroad
        ("Al-Shabaab (Somalia)\n\n• On June 3, 2024, al-Shabaab fighters fired mortar shells at the Aden Adde "
         "airport in Mogadishu.\n", "Somalia", "Banaadir"),
    ],
)
def test_where_from_containers_cities_and_group_headings(body, country, province):
    evs = _events(body)
    assert [(e["country"], e["province"]) for e in evs] == [(country, province)]


def test_diphthong_spellings_of_one_town_match():
    from trends.extract.places import town_candidates

    a = town_candidates("Sheikh Zuweid", "Egypt")
    assert a and a[0].province == town_candidates("Shaykh Zuwayd", "Egypt")[0].province


def test_the_follow_up_sentence_gives_the_place_and_the_inclusive_death_toll():
    evs = _events(
        "Pakistan. TTP fighters killed a district judge in an attack in Pakistan on June 2. The gunmen first "
        "stormed his guesthouse in Bannu. A bomb then hit his car, killing the judge and two other passengers.\n"
    )
    assert len(evs) == 1
    assert (evs[0]["province"], evs[0]["fatalities"]) == ("Khyber Pakhtunkhwa", 3)


def test_a_regional_name_that_means_one_province():
    evs = _events("Pakistan. ISPP bombed a rally in southwestern Pakistan on June 4.\n")
    assert [(e["province"], e["confidence_reason"]) for e in evs] == [
        ("Balochistan", "province from a regional name")
    ]
    # a region spanning several provinces names none
    evs = _events("Syria. ISIS fighters attacked a checkpoint in northeastern Syria on June 4.\n")
    assert [e["province"] for e in evs] == [None]


def test_a_town_followed_by_its_country_is_looked_up_in_that_country():
    evs = _events("Afghanistan\n\nTTP fighters crossed the border in a raid into Chitral, Pakistan, on June 6.\n")
    assert [(e["country"], e["province"]) for e in evs] == [("Pakistan", "Khyber Pakhtunkhwa")]


def test_a_group_named_before_an_event_noun_is_its_agent():
    evs = _events("Syria. The town was the site of a March 2023 ISIS prison break that freed 40 fighters.\n")
    assert [e["actor"] for e in evs] == ["Islamic State"]


def test_a_sentence_with_no_place_right_after_an_event_of_its_section_happened_there():
    evs = _events(
        "Mozambique\n\n• On June 5, 2024, ISIS operatives attacked an army post near Macomia.\n"
        "• On June 7, 2024, Rwandan forces clashed with ISIS operatives, killing three operatives.\n"
    )
    assert [e["province"] for e in evs] == ["Cabo Delgado", "Cabo Delgado"]
    assert evs[1]["confidence_reason"] == "province from the previous event of the section"
    # a month or more apart: no inheritance
    evs = _events(
        "Mozambique\n\n• On June 5, 2024, ISIS operatives attacked an army post near Macomia.\n"
        "• The last such clash with Rwandan forces was in January 2022.\n"
    )
    assert all(e["province"] in ("Cabo Delgado",) for e in evs[:1]) and all(e["province"] is None for e in evs[1:])
