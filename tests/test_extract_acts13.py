"""Round 13 (acts13): the steps of one coordinated attack told as a sequence, and event types read from the act's
wording. Every sentence here is invented for the test, none is a fixture's."""

from trends.extract.event_types import event_type
from trends.extract.press import extract_press
from trends.extract.press_kinds import refine_type
from trends.extract.press_sequence import step_of


def _article(body: str, published: str = "March 14, 2024") -> str:
    # March 14, 2024 is a Thursday
    return f"Regional briefing\nBy A. Reporter\nPublished {published}\n\n{body}\n\nSource link\n"


def _ev(text):
    return [(e["event_date"], e["actor"], e["event_type"]) for e in extract_press(text).events]


def _kind(sent: str, by_state: bool = False) -> str | None:
    t = event_type(sent) or event_type(sent, by_state=True)
    return refine_type(sent, sent, t, by_state, False) if t else None


def test_aircraft_firing_on_a_target_is_an_airstrike():
    assert event_type("Army helicopters fired on a column of trucks near the river, killing nine fighters.") == (
        "airstrike"
    )
    assert event_type("Two gunships opened fire on boats crossing the bay.") == "airstrike"
    # gunmen firing on a bus stay a shooting
    assert event_type("Gunmen fired on a bus near the border, killing four.") == "shooting"


def test_a_bomb_fixed_to_a_vehicle_a_vehicle_that_blew_up_and_an_explosion_through_a_place_are_ieds():
    assert event_type("A bomb strapped to a taxi exploded near the market, killing three.") == "IED"
    assert event_type("A van blew up outside the bank, wounding six.") == "IED"
    assert event_type("An explosion tore through a crowded shrine during evening prayers, killing 12.") == "IED"


def test_a_vehicle_bomb_driven_into_its_target_is_a_suicide_attack_a_parked_one_an_ied():
    assert _kind("Insurgents driving a pickup laden with explosives rammed the gate of the barracks.") == (
        "suicide attack"
    )
    assert _kind("Her husband drove the lorry, packed with explosives, into the wall of the police station.") == (
        "suicide attack"
    )
    assert _kind("A car packed with explosives blew up in a car park near the court.") == "IED"


def test_killing_people_in_the_killers_power_is_an_execution():
    assert event_type(
        "The rebels killed 14 villagers who refused to join them, shooting some and beheading others."
    ) == ("execution")
    assert event_type("The kidnappers shot dead two hostages before fleeing.") == "execution"
    assert event_type("The gunmen killed two soldiers at the checkpoint.") == "attack"


def test_detainees_are_people_held_not_an_arrest():
    assert event_type("Inmates and detainees overpowered the guards and took three officers hostage.") == "kidnapping"
    assert event_type("Police detained four men in the market.", by_state=True) == "arrest/raid"


def test_state_forces_storming_a_camp_of_the_group_raid_it_a_town_they_fight_for():
    assert _kind("Soldiers stormed a rebel camp near the lake, killing six rebels and freeing hostages.", True) == (
        "arrest/raid"
    )
    assert _kind("Soldiers stormed the town, killing six rebels.", True) == "attack"


def test_the_openings_of_a_sequence_step():
    assert step_of("First, two men rode a scooter into the yard of the temple and set off their bombs.")
    assert step_of("Minutes after the first explosion, gunmen opened fire on a cafe terrace.")
    assert step_of("At 10.15pm a fourth attacker set off his belt at the station.")
    assert step_of("A third bomber blew himself up at the gate of the hospital.")
    assert step_of("The bloodiest attack came at the theatre, where gunmen opened fire on the audience.")
    assert not step_of("At least 12 people were killed at the theatre.")
    assert not step_of("The attack came as the city prepared for the festival.")


def test_the_steps_of_a_sequence_share_the_day_and_author_of_the_step_before():
    t = _article(
        "Al-Shabaab fighters attacked the port of Kismayo on Tuesday evening, setting off a car bomb at the customs "
        "gate and killing four guards.\n\n"
        "Minutes after the first blast, gunmen opened fire on the queue of lorries at the weighbridge, killing "
        "seven drivers.\n\n"
        "At 9.30pm a third attacker set off his suicide vest at the harbour office, wounding 11 clerks."
    )
    evs = _ev(t)
    assert ("2024-03-12", "al-Shabaab", "shooting") in evs  # the adjunct's blast is the step before
    assert ("2024-03-12", "al-Shabaab", "suicide attack") in evs
    assert len(evs) == 3


def _rows(text):
    return [(e["event_date"], e["event_type"], e["province"]) for e in extract_press(text).events]


def test_an_ordinal_step_of_acts_already_counted_is_no_further_event():
    t = _article(
        "Two car bombs exploded minutes apart outside the education ministry in Baidoa on Tuesday, killing 30 "
        "people, police said. The second blast went off as rescuers gathered at the scene."
    )
    assert len(_rows(t)) == 1


def test_an_ordinal_step_typed_only_as_an_attack_shares_the_kind_of_the_steps_before():
    t = _article(
        "On Sunday morning a suicide bomber blew himself up at a church in Kaduna, killing 10 worshippers.\n\n"
        "Minutes later, another attacker blew himself up at a church in Zaria, killing eight.\n\n"
        "A third bomber struck a chapel in Kafanchan as the service was ending, killing five people."
    )
    kinds = [k for _, k, _ in _rows(t)]
    assert kinds == ["suicide attack"] * 3


def test_a_first_step_with_no_place_of_its_own_is_at_the_place_of_the_attack_the_lede_names():
    t = _article(
        "Police are still hunting the planners of last Tuesday's attacks in Nairobi, officials said on Wednesday.\n\n"
        "The first explosion came at 8pm on Tuesday, when a bomber blew himself up outside the gate of the "
        "national stadium, killing two guards."
    )
    first = [e for e in extract_press(t).events if e["event_type"] == "suicide attack"]
    assert first and first[0]["event_date"] == "2024-03-12" and first[0]["province"] == "Nairobi City"
    assert "place of the attack the sequence tells" in first[0]["confidence_reason"]
