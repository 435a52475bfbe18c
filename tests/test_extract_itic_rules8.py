"""Reading rules for ITIC weekly reports found on the eighth round: a heading that names any country (the 'other
theatres' sections), a claim made through the group's agency, the attacker's own end, a place the clause itself
names beside the heading's province, acts told inside an announcement. Sentences are our own."""

from __future__ import annotations

from trends.extract.event_types import event_type
from trends.extract.parse import extract

HEAD = "Spotlight on Global Jihad (May 2-15, 2024)\n\nMay 16, 2024\n\n"


def _run(body: str):
    return extract(HEAD + body, "t")


def _rows(r, *keys):
    return [tuple(e[k] for k in keys) for e in r.events]


def test_a_heading_naming_a_country_outside_the_usual_theatres_sets_it():
    r = _run(
        "Iraq\n\n•\tOn May 3, 2024, an IED exploded against an army patrol near Tuz Khurmatu.\n\nSri Lanka\n\n"
        "•\tOn May 5, 2024, a suicide bomber blew himself up at a hotel in Colombo, killing nine people.\n"
    )
    assert [c for (c,) in _rows(r, "country")] == ["Iraq", "Sri Lanka"]


def test_a_claim_made_through_the_groups_agency_marks_the_act_before_it_claimed():
    r = _run(
        "Kenya\n\n•\tOn May 6, 2024, a suicide bomber blew himself up at a bus station in Mombasa, killing four "
        "people. Al-Shabaab claimed responsibility through its Shahada news agency.\n"
    )
    assert _rows(r, "actor", "attribution") == [("al-Shabaab", "claimed")]


def test_the_attackers_own_end_does_not_give_the_acts_type():
    s = "On May 7 a man stabbed three worshippers outside a church, after he was shot dead by the local police."
    assert event_type(s.replace("after he was shot dead by the local police", "")) == "attack"
    assert event_type(s) == "attack"
    assert event_type("On May 7 gunmen opened fire on a bus before they were killed by soldiers.") == "shooting"


def test_a_heading_naming_part_of_a_province_opens_a_new_section():
    r = _run(
        "Syria\n\nRaqqa Province\n\n•\tOn May 3, 2024, an IED exploded against an SDF patrol near Tabqa.\n\n"
        "Daraa and western Rif Dimashq\n\n•\tOn May 4, 2024, a car bomb exploded near a checkpoint in Daraa city, "
        "killing three people.\n"
    )
    assert [p for (p,) in _rows(r, "province")] == ["Raqqa", "Daraa"]


def test_a_groups_province_heading_with_the_real_division_in_brackets():
    r = _run(
        "Syria\n\nISIS's activity in Wilayat al-Furat (Deir ez-Zor)\n\n•\tOn May 5, 2024, an IED was detonated "
        "against an SDF vehicle about 40 km south of al-Shaddadi.\n\nFrance\n\n•\tOn May 6, 2024, a man "
        "stabbed two policemen in Paris.\n"
    )
    assert _rows(r, "country", "province", "actor") == [
        ("Syria", "Deir ez-Zor", "Islamic State"),
        ("France", "Île-de-France", "unknown"),
    ]


def test_a_caption_written_as_a_list_item_is_a_caption():
    r = _run(
        "Iraq\n\n- On May 3, 2024, an IED exploded against an army patrol near Tuz Khurmatu (Amaq, May 3, 2024).\n"
        "  - *Photo caption: The burnt vehicle after the attack near Baiji (Telegram, May 4, 2024).*\n"
        "  - _Map: the area of the attack west of Samarra (Google Maps)_\n"
    )
    assert _rows(r, "event_date") == [("2024-05-03",)]


def test_a_second_act_after_a_semicolon_dated_n_days_later():
    r = _run(
        "Syria\n\nISIS's activity in Deir ez-Zor Province\n\n- On May 4, 2024, an SDF fighter was shot dead near "
        "Hajin; two days later mortar shells were fired at an SDF base near al-Busayrah, wounding three SDF "
        "fighters (Telegram, May 6, 2024).\n"
    )
    assert _rows(r, "event_date", "event_type") == [("2024-05-04", "shooting"), ("2024-05-06", "mortar/rocket")]


def test_a_force_named_as_the_victim_of_a_passive_is_not_the_agent():
    r = _run(
        "Iraq\n\n### ISIS's activity in the various provinces\n\nISIS claimed the following attacks in its Telegram "
        "channels:\n\n#### Kirkuk Province\n\n- Four Peshmerga fighters were wounded by machine-gun fire near "
        "Makhmur (Telegram, May 5, 2024).\n"
    )
    assert _rows(r, "actor") == [("Islamic State",)]


def test_the_subject_after_a_leading_in_clashes_phrase_is_the_agent():
    r = _run(
        "Syria\n\n### ISIS's activity in Deir ez-Zor Province\n\n- During fierce clashes on May 6, 2024, near the "
        "village of Hajin, the SDF killed four ISIS operatives (Hawar News, May 7, 2024).\n"
    )
    assert _rows(r, "actor", "event_date") == [("SDF", "2024-05-06")]


def test_a_rivals_charge_or_a_blame_with_another_possible_author_names_no_actor():
    r = _run(
        "Syria\n\nIdlib\n\n- On May 8, 2024, an IED exploded near a checkpoint in Sarmada, killing two people. "
        "No group claimed the bombing; HTS blamed ISIS cells.\n\n"
        "- On May 9, 2024, a motorcycle bomb exploded near a mosque in Dana, killing three people. Local officials "
        "blamed ISIS, but the bombing could also have been the work of regime agents.\n\n"
        "- On May 10, 2024, a car bomb exploded near a bakery in Atarib, killing four people. Local officials "
        "blamed ISIS.\n"
    )
    assert _rows(r, "event_date", "actor") == [
        ("2024-05-08", "unknown"),
        ("2024-05-09", "unknown"),
        ("2024-05-10", "Islamic State"),
    ]


def test_a_group_storming_in_a_second_clause_owns_the_unnamed_bombing():
    r = _run(
        "Somalia\n\n- On May 9, 2024, a suicide bomber drove a truck bomb into the gate of a military base in "
        "Baidoa, in the Bay region, and al-Shabaab fighters then stormed the base.\n\n- On May 10, 2024, a suicide "
        "bomber blew himself up at a restaurant in Baidoa, and soldiers sealed off the area.\n"
    )
    assert _rows(r, "event_date", "actor") == [("2024-05-09", "al-Shabaab"), ("2024-05-10", "unknown")]


def test_a_sourced_period_statement_is_a_count_not_an_event():
    r = _run(
        "Syria\n\n- According to local activists, since the beginning of May ISIS cells have carried out at least "
        "nine attacks in eastern Homs (Deir ez-Zor 24, May 14, 2024).\n"
    )
    assert r.events == []
    assert [(p.actor, p.count, p.count_qualifier, str(p.period_start)) for p in r.periods] == [
        ("Islamic State", 9, "at least", "2024-05-01")
    ]


def test_an_act_told_inside_a_forces_announcement_of_the_previous_day():
    r = _run(
        "Nigeria\n\n- The Nigerian army announced on May 9, 2024 that the previous day its troops had killed six "
        "ISWAP operatives in a raid on a camp near Damboa, in Borno State (PRNigeria, May 9, 2024).\n\n- AFRICOM "
        "announced on May 11, 2024 that the previous day Nigerian forces, together with US advisers, had carried "
        "out a raid near Bama, in Borno State, detaining two ISWAP commanders (AFRICOM, May 11, 2024).\n"
    )
    assert _rows(r, "event_date", "event_type") == [("2024-05-08", "arrest/raid"), ("2024-05-10", "arrest/raid")]
