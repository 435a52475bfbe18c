"""Reading rules of the fourth round (from the misses of the ctp_blind2 / itic_blind2 development sets), each
with sentences of our own: a force's statement of its own dated operation is an event; a claim that describes
its act in full is the event when nothing was told before it; a sentence whose agent is another actor is not a
follow-up; event types of launched drones, of active-voice killings of civilian figures and of a dated act
followed by 'and later ...'; lead-ins of claim lists; state counter-terrorism departments; dates told against the
data cutoff; districts, spellings and natural features in the gazetteer; the IS branch of the Congo."""

from __future__ import annotations

import pytest

from trends.extract.event_types import event_type
from trends.extract.parse import extract
from trends.extract.places import canonical_province, town_candidates
from trends.extract.score import score_events

HEAD = "Weekly update, June 20, 2024\n\n"
CTP_HEAD = "Movement Update, March 20, 2023\n\nData Cutoff: March 20, 2023, at 10 a.m.\n\n"


def _events(body: str, head: str = HEAD):
    return extract(head + body, "t").events


@pytest.mark.parametrize(
    "sentence, actor, etype",
    [
        (
            "AFRICOM said a US airstrike killed two al-Shabaab commanders near Jilib on June 11.",
            "Government of United States",
            "airstrike",
        ),
        (
            "The Nigerien army announced that on June 9, 2024, its aircraft struck an ISWAP camp near Diffa.",
            "Government of Niger",
            "airstrike",
        ),
        (
            "Iraq. The Iraqi defense ministry stated that on June 10, 2024, the security forces killed four ISIS "
            "operatives in a raid near Rutba.",
            "Government of Iraq",
            "arrest/raid",
        ),
    ],
)
def test_a_force_stating_its_own_dated_operation_is_an_event(sentence, actor, etype):
    ev = _events(sentence + "\n")
    assert [(e["actor"], e["event_type"]) for e in ev] == [(actor, etype)]


def test_a_force_stating_someone_elses_plans_stays_a_statement():
    assert _events("The Iraqi army said on June 10, 2024 that ISIS cells killed a shepherd near Rutba.\n") == []


def test_a_claim_that_describes_its_act_in_full_is_the_event():
    body = (
        "## Somalia\n\n"
        "- ISIS's Somalia Province claimed the killing of a shopkeeper in the Hodan district of Mogadishu "
        "(Amaq, June 14, 2024).\n"
    )
    ev = _events(body)
    assert len(ev) == 1 and ev[0]["event_date"] == "2024-06-14" and ev[0]["actor"] == "IS Somalia"
    # a claim right after the event it claims stays a claim of that event, not a second one
    told = _events(
        "Somalia. Gunmen killed a shopkeeper in Mogadishu on June 13, 2024. ISIS's Somalia Province claimed "
        "the killing of the shopkeeper.\n"
    )
    assert len(told) == 1 and told[0]["attribution"] == "claimed"


def test_a_sentence_whose_agent_is_another_actor_is_not_a_follow_up():
    ev = _events(
        "Afghanistan. ISKP gunmen opened fire on worshippers in Herat on June 12, 2024, killing four people. "
        "The Taliban arrested five ISKP members in Herat afterwards.\n"
    )
    assert len(ev) == 1
    assert ev[0]["event_type"] == "shooting"  # the arrests are the Taliban's, not part of the shooting
    assert "arrested" not in ev[0]["evidence"]["sentence"]


@pytest.mark.parametrize(
    "sentence, etype",
    [
        ("The Houthis launched an explosive-laden drone at a checkpoint in Marib on June 2.", "drone strike"),
        ("Gunmen shot and killed a tribal elder in the village of X on June 2.", "assassination"),
        ("Gunmen shot dead a local council member in the town of X on June 2.", "assassination"),
        ("Gunmen shot and killed a former police officer in the town of X on June 2.", "assassination"),
        ("Gunmen shot and killed an SDF fighter in the town of X on June 2.", "shooting"),
        # a commander or official of a force is a target of its own (4 of 5 annotated cases; heldout3 says shooting)
        ("Gunmen shot and killed an SDF commander in the town of X on June 2.", "assassination"),
        ("Gunmen shot and killed a member of the SDF-run town council in X on June 2.", "assassination"),
        ("Gunmen shot and killed a farmer in the town of X on June 2.", "shooting"),
    ],
)
def test_event_types_of_launched_drones_and_active_voice_killings(sentence, etype):
    assert event_type(sentence) == etype


def test_the_type_is_the_dated_acts_not_a_later_ones():
    ev = _events(
        "Syria. ISIS fighters abducted two truck drivers near Palmyra on June 8, 2024 and later published "
        "a video of the beheading of one of them.\n"
    )
    assert [e["event_type"] for e in ev] == ["kidnapping"]


def test_a_lead_in_announcing_the_following_claims_gives_the_passive_bullets_its_group():
    body = (
        "Iraq\n\n"
        "ISIS claimed the following attacks in Kirkuk province this week:\n"
        "  • A policeman was shot dead near Hawija on June 15, 2024.\n"
    )
    ev = _events(body)
    assert len(ev) == 1 and ev[0]["actor"] == "Islamic State" and ev[0]["attribution"] == "claimed"
    plain = _events(body.replace("ISIS claimed the following attacks in", "The following attacks happened in"))
    assert plain[0]["actor"] == "unknown"


def test_a_countrys_counter_terrorism_department_is_the_state():
    ev = _events("Pakistan. Pakistan's Counter Terrorism Department raided a TTP hideout in Bannu on June 4.\n")
    assert len(ev) == 1 and ev[0]["actor"] == "Government of Pakistan" and ev[0]["event_type"] == "arrest/raid"


@pytest.mark.parametrize(
    "when, day", [("three days before the data cutoff", "2023-03-17"), ("the day before the cutoff", "2023-03-19")]
)
def test_a_date_told_against_the_data_cutoff(when, day):
    ev = _events(f"Syria. The SDF raided an ISIS cell in Hajin {when}, arresting two men.\n", CTP_HEAD)
    assert [e["event_date"] for e in ev] == [day]


def test_districts_that_geonames_lacks_and_analyst_spellings_of_provinces():
    assert [c.province for c in town_candidates("Bajaur", "Pakistan")][:1] == ["Khyber Pakhtunkhwa"]
    assert [c.province for c in town_candidates("Muidumbe", "Mozambique")][:1] == ["Cabo Delgado"]
    assert canonical_province("Somalia", "Galgaduud") == canonical_province("Somalia", "Galguduud")


def test_a_town_beside_a_mountain_range_says_which_province():
    ev = _events(
        "Iraq. On June 3, 2024, Iraqi forces raided ISIS hideouts in the Hamrin Mountains, north of Jalawla.\n"
    )
    assert len(ev) == 1 and ev[0]["province"] == canonical_province("Iraq", "Diyala")


def test_isis_in_the_congo_is_the_central_africa_province():
    ev = _events("DR Congo. ISIS operatives attacked a village near Beni on June 5, 2024, killing six villagers.\n")
    assert len(ev) == 1 and ev[0]["actor"] == "ISCAP"


def test_the_scorer_reads_a_state_by_its_canonical_country():
    ev = {"event_date": "2024-06-01", "actor": "Government of DR Congo", "country": "DR Congo", "event_type": "attack"}
    gold = dict(ev, actor="Government of Democratic Republic of the Congo")
    assert score_events([ev], [gold]).n_matched == 1
    assert score_events([ev], [dict(ev, actor="Government of Uganda")]).n_matched == 0


def test_a_states_statement_of_its_operations_results_is_its_raid():
    ev = _events(
        "Egypt. On June 4, 2024, the Egyptian army announced that 11 ISIS operatives had been killed in raids "
        "near Rafah.\n"
    )
    assert [(e["actor"], e["event_type"]) for e in ev] == [("Government of Egypt", "arrest/raid")]


def test_taking_over_a_town_is_an_attack():
    ev = _events("Mozambique. On June 6, 2024, IS Mozambique fighters took over the town of Macomia.\n")
    assert [(e["event_date"], e["event_type"]) for e in ev] == [("2024-06-06", "attack")]


def test_a_post_attacked_with_guns_is_an_attack_and_people_shot_a_shooting():
    # the post is the target, not people shot (annotation of the newer sets)
    assert event_type("An army checkpoint was attacked with light weapons near X.") == "attack"
    assert event_type("On May 3 a police post outside the town was attacked with machineguns.") == "attack"
    assert event_type("Gunmen attacked a militia outpost near Y with small arms on June 2.") == "attack"
    # people shot stay a shooting
    assert event_type("A Peshmerga post was attacked with sniper fire and machine guns.") == "shooting"
    assert event_type("A militia checkpoint near Z was targeted with machine gun fire.") == "shooting"


def test_a_titled_or_ranked_victim_shot_dead_is_an_assassination():
    assert event_type(
        "The imam of the big mosque in the old quarter of the town, north of the river, was shot dead."
    ) == ("assassination")
    assert event_type("On June 4 the head of a district water committee was shot dead outside his office.") == (
        "assassination"
    )
    assert event_type("A police captain was killed by gunfire near his home.") == "assassination"
    assert event_type("Gunmen shot dead an army colonel in the market.") == "assassination"
    # a rank-and-file victim is a shooting
    assert event_type("A militia fighter was killed by gunfire near the bridge.") == "shooting"


def test_drones_dropping_explosives_and_fighter_planes_striking():
    assert event_type("Militants used two drones to drop grenades on an army camp on May 1.") == "drone strike"
    assert event_type("On May 2 the air force said its fighter planes struck hideouts in the forest.") == "airstrike"


def test_the_dated_act_after_came_after_gives_the_type():
    ev = _events(
        "Somalia. The shelling of the airport came two days after al-Shabaab fighters stormed an army base "
        "in Jowhar on June 3, 2024.\n"
    )
    assert [e["event_type"] for e in ev] == ["attack"]


@pytest.mark.parametrize(
    "sentence, country, province",
    [
        ("Syria. ISIS operatives attacked a checkpoint in Sayyida Zaynab on June 2, 2024.\n", "Syria", "Rif Dimashq"),
        (
            "Somalia. IS Somalia fighters attacked Puntland forces in the Cal Miskaad mountains on June 2, 2024.\n",
            "Somalia",
            "Bari",
        ),
    ],
)
def test_towns_and_ranges_that_geonames_lacks(sentence, country, province):
    ev = _events(sentence)
    assert len(ev) == 1 and ev[0]["province"] == canonical_province(country, province)


def test_the_scorer_reads_a_bare_country_actor_as_its_state():
    ev = {"event_date": "2024-06-01", "actor": "Government of Russia", "country": "Syria", "event_type": "airstrike"}
    assert score_events([ev], [dict(ev, actor="Russia")]).n_matched == 1


def test_aircraft_far_from_their_verb_explosive_charges_and_guns_with_mortars():
    assert event_type("On May 3, French aircraft flying in support of the Malian army struck a JNIM camp.") == (
        "airstrike"
    )
    assert event_type("Explosive charges were detonated against a railway bridge near X.") == "IED"
    assert event_type("An army camp was attacked with rifles and mortars on May 4.") == "attack"
    assert event_type("An army camp was targeted with mortars on May 4.") == "mortar/rocket"
