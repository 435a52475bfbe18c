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
        ("The fighters attacked the post with machine guns.", "attack"),  # a post, not people shot
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
        (
            "• On June 3, 2024, a drone fired a missile at a house in the Sherpur neighborhood of Kabul.\n",
            "Afghanistan",
            "Kabul",
        ),
        # a big city needs no locative word before it
        (
            "Pakistan\n\n• On June 3, 2024, TTP fighters stormed the Karachi airport terminal, killing four guards.\n",
            "Pakistan",
            "Sindh",
        ),
        # the heading's group names the country ('Al-Shabaab (Somalia)'): no homonym abroad
        (
            "Al-Shabaab (Somalia)\n\n• On June 3, 2024, al-Shabaab fighters fired mortar shells at the Aden Adde "
            "airport in Mogadishu.\n",
            "Somalia",
            "Banaadir",
        ),
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
    assert [(e["province"], e["confidence_reason"]) for e in evs] == [("Balochistan", "province from a regional name")]
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


# ------------------------------------------------------------------------------------------------ period counts
from datetime import date  # noqa: E402

from trends.extract import dates as D  # noqa: E402
from trends.extract.counts import find_counts  # noqa: E402

_P = D.report_period("Weekly report (May 8 – 14, 2024)\n")


def _counts(sentence):
    return [(m.group().strip(), rng) for m, rng, _ in find_counts(sentence, _P)]


@pytest.mark.parametrize(
    "sentence, n, start, end",
    [
        ("Since the beginning of April 2024, JNIM has claimed at least 30 attacks in Mali.", 1, date(2024, 4, 1), None),
        ("Since the start of the year al-Shabaab has claimed about forty attacks.", 1, date(2024, 1, 1), None),
        ("Since the beginning of the month ISWAP has claimed six attacks in Borno.", 1, date(2024, 5, 1), None),
        (
            "In 2022 ISWAP claimed about 300 attacks in Nigeria, its highest annual number since 2016.",
            1,
            date(2022, 1, 1),
            date(2022, 12, 31),
        ),
        (
            "ISKP claimed 12 attacks in March, more than in any month since June 2022.",
            1,
            date(2024, 3, 1),
            date(2024, 3, 31),
        ),
        ("It was the fourth Turkish drone strike in northern Iraq in 2023.", 1, date(2023, 1, 1), date(2023, 12, 31)),
        (
            "The raid was the second French strike in Mali since the junta took power on May 24, 2021.",
            1,
            date(2021, 5, 24),
            None,
        ),
    ],
)
def test_period_wording(sentence, n, start, end):
    got = _counts(sentence)
    assert len(got) == n and got[0][1] == (start, end)


def test_the_second_count_of_an_ellipsis_shares_the_noun_and_the_period():
    got = _counts("During the past week ISWAP claimed eleven attacks in Nigeria and four in Cameroon.")
    assert [rng for _, rng in got] == [(date(2024, 5, 8), date(2024, 5, 14))] * 2


def test_a_comparison_after_the_count_keeps_its_own_period():
    got = _counts("JNIM claimed 40 attacks between January 1 and March 31, compared with 90 attacks in all of 2023.")
    assert [rng for _, rng in got] == [(date(2024, 1, 1), date(2024, 3, 31)), (date(2023, 1, 1), date(2023, 12, 31))]


@pytest.mark.parametrize(
    "sentence",
    [
        "The group may strike again once it rebuilds its cells, CTP assessed in March 2024.",
        "The minister visited the region twice since the beginning of April to meet the governors.",
    ],
)
def test_no_count_without_a_violent_act(sentence):
    assert _counts(sentence) == []


@pytest.mark.parametrize(
    "body, actor",
    [
        ("Mali. The FLA said that it fought Malian forces six times in Kidal region between May 1 and May 9.\n", "FLA"),
        (
            "Syria. The Liwa al-Quds militia, a group with ties to the regime, attacked ISIS cells seven times "
            "between May 1 and May 9.\n",
            "Liwa al-Quds militia",
        ),
        ("Iraq. CTP recorded 31 ISIS attacks in Iraq in April.\n", "Islamic State"),
        ("Iraq. It was the third US strike on ISIS leaders in Iraq in 2024.\n", "Government of United States"),
        (
            "Syria. Arab tribal fighters loyal to a local sheikh attacked SDF positions nine times between May 1 and "
            "May 9.\n",
            "tribal forces",
        ),
    ],
)
def test_the_actor_of_a_count_is_the_subject_of_its_clause(body, actor):
    ps = extract(HEAD + body, "t").periods
    assert [p.actor.lower() for p in ps] == [actor.lower()]


@pytest.mark.parametrize(
    "sentence, etype",
    [
        ("A PMF member was shot dead at the edge of the village.", "shooting"),
        ("A member of the Popular Defense Forces, a local militia, was shot dead near the bridge.", "shooting"),
        ("The fighters took over the port after two days of fighting.", "attack"),
    ],
)
def test_more_wording(sentence, etype):
    assert event_type(sentence) == etype


def test_a_town_before_the_word_district_is_a_place():
    from trends.extract.places import find_places

    s = "Gunmen stopped a bus at Wadi Hassan, Lawdar district, on June 2."
    towns = [p for p in find_places(s, 0, len(s), "Yemen") if p.kind == "town"]
    assert [(p.name, p.province_raw) for p in towns] == [("Lawdar", "Abyan")]


def test_a_group_heading_naming_other_countries_replaces_the_heading_before_it():
    evs = _events(
        "Tillaberi Region (Niger)\n\nJNIM (Burkina Faso and Mali)\n\n"
        "• On June 4, 2024, JNIM operatives attacked an army post near Djibo.\n"
    )
    assert [(e["country"], e["province"]) for e in evs] == [("Burkina Faso", "Sahel")]


@pytest.mark.parametrize(
    "sentence",
    [
        "ISIS Claimed At Least 12 Attacks Since June 1.",
        "İstanbul aside, ISIS claimed at least 12 attacks since June 1.",  # lower() changes the length: fallback
    ],
)
def test_counts_read_the_same_whatever_the_letter_case(sentence):
    got = [(m.group().strip().lower(), rng) for m, rng, _ in find_counts(sentence, _P)]
    assert got == [("at least 12 attacks", (date(2024, 6, 1), None))]


def test_a_city_named_like_the_last_word_of_a_personal_name_is_no_place():
    from trends.extract.places import find_places

    s = "Iraqi President Latif Rashid said that the army killed a commander."
    assert [p.name for p in find_places(s, 0, len(s), "Iraq") if p.kind == "town"] == []
    s = "Gunmen attacked the Karachi police headquarters."
    assert [p.province_raw for p in find_places(s, 0, len(s), "Pakistan") if p.kind == "town"] == ["Sindh"]
