"""Press rules of the sixth round (from the press_blind3-5 study): each test is written from invented sentences."""

from trends.extract.event_types import event_type
from trends.extract.press import extract_press, non_event_reason
from trends.extract.press_actors import _actors


def _ev(text):
    return [(e["event_date"], e["actor"], e["province"], e["event_type"]) for e in extract_press(text).events]


def test_shooting_dead_an_official_is_an_assassination_even_a_police_chief():
    assert event_type("gunmen shot dead a deputy provincial police chief in Ghazni") == "assassination"
    assert event_type("gunmen shot dead Baidoa's district commissioner outside his home") == "assassination"
    assert event_type("gunmen shot dead a district commissioner in Jowhar") == "assassination"
    # a member of a force is a combatant: a shooting
    assert event_type("gunmen shot dead a police officer at a checkpoint") == "shooting"


UNCLAIMED_KILLING = """Somalia security roundup
Published March 20, 2024

Al-Shabaab fighters attacked an army base near Jowhar on Monday, killing four soldiers.

On Tuesday, gunmen shot dead a district commissioner outside his home in Balcad, police said.

Source link
"""


def test_an_unclaimed_targeted_killing_by_bare_gunmen_is_not_given_to_the_articles_group():
    evs = _ev(UNCLAIMED_KILLING)
    assert ("2024-03-18", "al-Shabaab") in [(d, a) for d, a, _, _ in evs]
    kill = [e for e in evs if e[3] == "assassination"]
    assert kill and kill[0][1] == "unknown"


def test_claimed_targeted_killing_keeps_its_claimant():
    text = UNCLAIMED_KILLING.replace("police said.", "and al-Shabaab later claimed the killing.")
    kill = [e for e in _ev(text) if e[3] == "assassination"]
    assert kill and kill[0][1] == "al-Shabaab"


def test_groups_of_the_registry_are_found_in_press_prose():
    t = "Suspected BIFF gunmen and fighters of the Maute group, backed by Abu Sayyaf members, attacked the town"
    assert [m.raw for m in _actors(t, 0, len(t))] == ["BIFF", "Maute group", "Abu Sayyaf"]


PHILIPPINES = """Mindanao briefing
Published July 8, 2021

Abu Sayyaf gunmen attacked a marine outpost in Patikul, Sulu, on Monday, killing two marines.

Source link
"""


def test_a_philippine_province_written_after_the_town_beats_the_towns_region():
    assert _ev(PHILIPPINES) == [("2021-07-05", "Abu Sayyaf", "Sulu", "attack")]


def test_us_africa_command_with_dots_is_the_us_state_and_a_province_may_end_in_del_sur():
    text = """Horn of Africa briefing
Published March 12, 2024

The U.S. Africa Command said it carried out an airstrike near Jilib, in the Middle Juba region, on Friday, killing three al-Shabaab fighters.

Abu Sayyaf gunmen attacked an army post in Piagapo, Lanao del Sur, in the southern Philippines, on Sunday.

Source link
"""
    evs = _ev(text)
    assert evs[0][:2] == ("2024-03-08", "Government of United States")
    assert evs[1][2] == "Lanao del Sur"


def test_a_suicide_bomber_of_the_when_clause_and_explosives_laden_vehicles_driven_in_make_suicide_attacks():
    text = """Afghanistan and Somalia briefing
Published March 25, 2024

When a suicide bomber walked into a crowd of soldiers outside a bank in Kandahar city on Thursday morning, killing at least 21 people, he struck at the heart of Taliban power.

Al-Shabaab militants drove two explosives-laden vehicles into an army base near Beledweyne on Friday, killing 11 soldiers.

On March 6, a magnetic bomb attached to a minibus exploded in western Kabul, killing five passengers.

Source link
"""
    assert [e[3] for e in _ev(text)] == ["suicide attack", "suicide attack", "IED"]


def test_a_town_of_two_countries_is_the_one_in_the_country_of_the_story_so_far():
    text = """Pakistan's long summer of attacks
Published August 1, 2023

TTP fighters attacked a police post in Bannu, Khyber Pakhtunkhwa, on July 27, killing three policemen.

In Tank district, TTP fighters stormed a police checkpost on Saturday night, killing two policemen.

Source link
"""
    evs = _ev(text)
    assert evs[1][:3] == ("2023-07-29", "TTP", "Khyber Pakhtunkhwa")


def test_a_video_released_of_an_act_is_no_event_but_a_video_showing_a_dated_act_tells_it():
    assert non_event_reason('On May 3 IS released a video of the assault titled "Breaking".', has_group=True) == (
        "media release about an act"
    )
    assert (
        non_event_reason(
            "IS Sahel released a video showing its fighters executing four captured VDP members on Tuesday.",
            has_group=True,
        )
        is None
    )


def test_a_force_that_is_the_subject_of_a_passive_act_is_its_victim_not_its_actor():
    text = """Lake Chad digest
Published May 12, 2025

Troops at Wajiroko, in Borno state, Nigeria, were targeted with armed drones on Saturday.

Source link
"""
    evs = extract_press(text).events
    assert evs and not evs[0]["actor"].startswith("Government of")


STORIES = """Pakistan security roundup
Published February 3, 2025

TTP fighters attacked a police post in Bajaur district on Saturday, killing two policemen. Security forces killed eight TTP fighters in an intelligence-based operation on Sunday night, ISPR said.

Source link

Cabo Delgado insurgency update
Published February 3, 2025

Insurgents attacked a village near Mocimboa da Praia, in Cabo Delgado, Mozambique, on January 28. Mozambican special forces raided an insurgent base near Chai, in Macomia district, on February 1.

Source link
"""


def test_a_bare_force_is_the_state_of_the_story_and_a_foreign_town_yields_to_the_storys_town():
    evs = _ev(STORIES)
    assert evs[1][1] == "Government of Pakistan"
    assert evs[3][1:3] == ("Government of Mozambique", "Cabo Delgado")
