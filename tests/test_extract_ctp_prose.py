"""Reading rules for CTP-style assessment prose found on the sixth round's unseen reports (the type a sentence's own
wording gives, who acted, which act a clause tells). Sentences are our own."""

from __future__ import annotations

from trends.extract.event_types import event_type
from trends.extract.parse import extract

CUTOFF = "Salafi-Jihadi Movement Update\n\nData Cutoff: June 15, 2021\n\n"


def _events(body: str, head: str = CUTOFF):
    return extract(head + body, "t").events


def test_gunmen_who_killed_without_a_word_of_shooting_made_an_attack():
    assert event_type("Gunmen killed 12 villagers in Tondikiwindi on June 3.") == "attack"
    assert event_type("Gunmen opened fire on a market in Tondikiwindi on June 3.") == "shooting"
    ev = _events("Unidentified gunmen, likely ISIS members, shot and killed two SDF fighters near Hajin on June 3.\n")
    assert [(e["event_date"], e["event_type"]) for e in ev] == [("2021-06-03", "shooting")]


def test_a_state_force_named_by_its_institution_or_its_country_is_that_state():
    ev = _events(
        "Afghan National Directorate of Security (NDS) officers arrested three ISKP members in Jalalabad, Nangarhar "
        "province, on June 10.\n\nSyrian regime artillery fire struck the village of Iblin, Idlib province, on June "
        "11, killing four people.\n\nRwanda Defence Force (RDF) troops raided an IS Mozambique base near Mbau, Cabo "
        "Delgado province, on June 12.\n"
    )
    assert [(e["event_date"], e["actor"]) for e in ev] == [
        ("2021-06-10", "Government of Afghanistan"),
        ("2021-06-11", "Government of Syria"),
        ("2021-06-12", "Government of Rwanda"),
    ]


def test_an_act_that_came_a_week_before_the_event_just_told_is_its_own_event_dated_against_it():
    ev = _events(
        "JNIM fighters attacked a police post in Dassari, Atakora department, Benin, on June 14, killing one officer. "
        "The Dassari attack came a week after an IED struck an army patrol in Park W, Alibori department, Benin, "
        "wounding three soldiers. It came three days after the ambush near Dassari.\n"
    )
    assert [(e["event_date"], e["actor"], e["event_type"]) for e in ev] == [
        ("2021-06-14", "JNIM", "attack"),
        ("2021-06-07", "unknown", "IED"),
    ]
    assert ev[1]["province"] == "Alibori" and ev[1]["wounded"] == 3


def test_one_subject_with_two_dated_acts_in_one_sentence_makes_two_events():
    ev = _events(
        "JNIM fighters attacked a gendarmerie post in Kompienga province, Burkina Faso, on June 8 and ambushed a VDP "
        "convoy near Bourzanga, Bam province, on June 12, killing nine VDP members.\n\n"
        "ISWAP attacked a base in Marte, Borno State, on June 9 and claimed the attack on June 10.\n"
    )
    assert [(e["event_date"], e["actor"], e["event_type"], e["province"], e["fatalities"]) for e in ev] == [
        ("2021-06-08", "JNIM", "attack", "Est", None),
        ("2021-06-12", "JNIM", "ambush", "Centre-Nord", 9),
        ("2021-06-09", "ISWAP", "attack", "Borno", None),
    ]


def test_the_group_blamed_for_an_act_and_the_command_reporting_its_airstrike_are_the_actors():
    ev = _events(
        "Kenyan police blamed al Shabaab for an IED that struck a police vehicle near Kiunga, Lamu county, on June "
        "2, wounding four officers.\n\nThe US Africa Command (AFRICOM) said that an airstrike near Jilib, Middle "
        "Juba region, killed two al Shabaab militants on June 4.\n"
    )
    assert [(e["event_date"], e["actor"], e["event_type"]) for e in ev] == [
        ("2021-06-02", "al-Shabaab", "IED"),
        ("2021-06-04", "Government of United States", "airstrike"),
    ]


def test_a_paragraph_closing_on_a_claim_lead_in_gives_its_group_to_the_bullets_below():
    ev = _events(
        "JNIM militants attacked the army camp at Dioura, Mopti region, on June 1, killing 26 soldiers. JNIM "
        "claimed several more attacks on Malian forces in early June through its al Zallaqa outlet:\n\n"
        "  • A Malian army vehicle struck an IED between Boni and Hombori, Mopti region, on June 6, killing two "
        "soldiers.\n\nA Malian army vehicle struck an IED near Douentza, Mopti region, on June 9.\n"
    )
    assert [(e["event_date"], e["actor"], e["attribution"]) for e in ev] == [
        ("2021-06-01", "JNIM", "reported"),
        ("2021-06-06", "JNIM", "claimed"),
        ("2021-06-09", "unknown", "reported"),  # after the list: no lead-in, and the army was the victim
    ]


def test_airstrikes_so_far_in_a_year_and_the_figure_compared_with_are_period_counts_not_events():
    res = extract(
        CUTOFF + "AFRICOM has conducted five airstrikes in Somalia so far in June.\n\nUS Africa Command has "
        "conducted at least 24 airstrikes in Somalia so far in 2021, compared with 47 in all of 2020.\n\nISIS "
        "claimed at least nine attacks in Diyala province so far in June, compared with five in all of May.\n",
        "t",
    )
    assert res.events == []
    assert sorted((p.count, str(p.period_start)) for p in res.periods) == [
        (5, "2021-05-01"),
        (5, "2021-06-01"),
        (9, "2021-06-01"),
        (24, "2021-01-01"),
        (47, "2020-01-01"),
    ]


def test_leaders_shot_dead_are_assassinated_and_a_device_left_by_a_group_is_its_act():
    assert event_type("Two clan elders were shot dead in Beledweyne, Hiraan region, on June 8.") == "assassination"
    assert (
        event_type("Gunmen shot and killed a member of the SDF-backed Deir ez Zor Civil Council in Dhiban on June 8.")
        == "assassination"
    )
    assert event_type("Two soldiers were shot dead at a checkpoint on June 8.") == "shooting"
    ev = _events("A landmine left by ISIS killed two shepherds near al Shula, Deir ez Zor province, on June 7.\n")
    assert [(e["event_date"], e["actor"], e["event_type"]) for e in ev] == [("2021-06-07", "Islamic State", "IED")]


def test_a_group_named_in_apposition_and_tehreek_e_jihad_pakistan_are_their_own_actors():
    ev = _events(
        "A newly formed militant group, Jaish-e-Fursan-e-Muhammad, claimed a suicide car bombing on an army post in "
        "Mir Ali, North Waziristan district, Khyber Pakhtunkhwa, on June 6.\n\nA TJP suicide bomber drove a truck "
        "into a police station in Daraban, Dera Ismail Khan district, Khyber Pakhtunkhwa, on June 12.\n"
    )
    assert [(e["event_date"], e["actor"]) for e in ev] == [
        ("2021-06-06", "Jaish-e-Fursan-e-Muhammad"),
        ("2021-06-12", "Tehreek-e-Jihad Pakistan"),
    ]


def test_a_town_in_a_persons_name_is_no_place_of_the_event():
    ev = _events(
        "US special operations forces killed ISIS leader Abu Bakr al Baghdadi in a raid on a compound in Barisha, "
        "Idlib province, on June 6.\n"
    )
    assert [(e["actor"], e["country"], e["province"]) for e in ev] == [
        ("Government of United States", "Syria", "Idlib")
    ]


def test_a_state_forces_clearing_operation_is_a_raid_even_against_unnamed_militants():
    ev = _events(
        "Burkinabe troops killed 32 militants in a clearing operation around Kain, Yatenga province, on June 2.\n"
    )
    assert [(e["actor"], e["event_type"], e["fatalities"]) for e in ev] == [
        ("Government of Burkina Faso", "arrest/raid", 32)
    ]


def test_an_event_that_names_no_place_happened_where_its_paragraph_said_not_where_the_last_one_did():
    ev = _events(
        "ISIS detonated an IED against an SDF vehicle in al-Busayrah, Deir ez-Zor province, on June 6.\n\n"
        "Violence in al-Hol camp in Hasakah province continues to rise. Unidentified assailants shot and killed a "
        "man in the camp's fifth sector on June 9.\n"
    )
    assert [(e["event_date"], e["province"]) for e in ev] == [("2021-06-06", "Deir ez-Zor"), ("2021-06-09", "Hasakah")]


def test_a_second_act_told_days_later_after_the_first_acts_casualties_is_its_own_event():
    ev = _events(
        "The TTP claimed that its fighters ambushed an army patrol near Mir Ali, North Waziristan, on June 4, killing "
        "four soldiers, and attacked a police checkpoint in Dera Ismail Khan district two days later.\n"
    )
    assert [(e["event_date"], e["actor"], e["event_type"], e["fatalities"]) for e in ev] == [
        ("2021-06-04", "TTP", "ambush", 4),
        ("2021-06-06", "TTP", "attack", None),
    ]
