"""Event type from the act's own clause, and non-events (ninth round, kind10). Sentences are our own."""

from __future__ import annotations

from trends.extract.event_types import event_type
from trends.extract.own_clause import own_clause, strip_others


def test_a_support_phrase_does_not_give_the_type():
    s = "On May 2, 2024, the SDF completed the takeover of the town of Hajin, supported by coalition airstrikes."
    assert "airstrike" not in strip_others(s)
    assert event_type(s) == "attack"
    assert event_type("On May 2, rebels, backed by drones, stormed the town of Kafr Nabl.") == "attack"
    # a support phrase that names no air or drone power stays: the act is after it
    assert event_type("Government troops backed by clan militias stormed the town of Buloburde on May 4.") == "attack"


def test_a_reference_to_another_act_does_not_give_the_type():
    s = (
        "On May 3, AFRICOM said it struck al-Shabaab fighters near Jilib, in what it described as a response to "
        "the market bombing."
    )
    assert event_type(s) == "airstrike"
    s = "On May 3, gunmen opened fire on a checkpoint in Hit, the site of a 2019 car bombing, wounding two."
    assert event_type(s) == "shooting"


def test_the_first_semicolon_segment_holds_the_acts_type():
    s = (
        "Al-Shabaab fighters attacked an army base in Bulo Burde on May 5, killing six soldiers; US forces "
        "conducted an airstrike nearby the same day."
    )
    assert own_clause(s).endswith("killing six soldiers")
    assert event_type(s) == "attack"


def test_an_after_lead_names_another_act():
    s = "After the May 1 suicide bombing in Quetta, claimed by the BLA, Pakistani jets struck camps in Kandahar."
    assert own_clause(s).startswith("Pakistani jets")
    assert event_type(s) == "airstrike"


def test_suicide_modifiers_make_a_suicide_attack():
    assert event_type("An ISKP suicide team stormed a Sikh temple in Kabul on May 6.") == "suicide attack"
    assert event_type("A suicide truck bombing at a checkpoint in Mogadishu killed 20 on May 6.") == "suicide attack"


def test_booby_trapped_is_an_ied():
    assert event_type("A booby-trapped car was detonated near a market in Tabqa on May 7.") == "IED"


def test_a_titled_or_named_victim_shot_dead_is_an_assassination():
    assert event_type("Gunmen shot dead Colonel Omar Salih near his home in Lawdar on May 8.") == "assassination"
    assert (
        event_type("Unidentified gunmen shot dead Ahmad al-Zoubi, a former rebel commander, in Tafas on May 8.")
        == "assassination"
    )
    assert event_type("- May 9: the mukhtar of a village near Hawl shot dead at his home") == "assassination"
    # rank-and-file victims stay a shooting
    assert event_type("Gunmen shot dead two SDF fighters near Hawl on May 9.") == "shooting"
    assert event_type("Gunmen shot dead Syrian Army soldiers near Hawl on May 9.") == "shooting"


def test_a_titled_or_named_victim_shot_dead_is_one_killed():
    from trends.extract.casualties import casualties

    assert casualties("Gunmen shot dead Colonel Omar Salih near his home in Lawdar on May 8.").killed.value == 1
    assert casualties("ISWAP executed Amina Bello, a nurse abducted in Rann, on May 8.").killed.value == 1


def test_non_events_that_name_a_violent_act():
    from trends.extract.nonevents import non_event

    assert non_event("On May 6, two shepherds were wounded when a mine left over from the war exploded near Hit.")
    assert non_event("A boy was killed by unexploded ordnance near Sirte on May 6.")
    assert non_event("The attack is the deadliest on Nigerien forces since the March 2021 attacks on Tillia.")
    assert non_event("The bombing followed a May 2 statement in which the group warned traders not to pay taxes.")
    assert non_event("The TTP issued a statement denying any involvement and condemning the attack on May 4.")
    assert non_event("The two armies traded artillery fire for days before agreeing a ceasefire on May 10.")
    assert non_event("According to the ministry, the attacks may intensify as demand for electricity peaks in July.")
    assert non_event("The editorial of al-Naba (June 10, 2021) attacked the Taliban over their talks with the US.")
    # the when-clause of a comparison, an IED left by a group and a dated clash beside a truce stay events
    assert (
        non_event("It was the deadliest attack since June 29, when suicide bombers struck Gwoza, killing 32.") is None
    )
    assert non_event("On May 6, a landmine planted by ISIS killed two shepherds near Hit.") is None
    assert non_event("Militants attacked a post on May 8, two days after a ceasefire on May 6.") is None


def test_a_report_sentence_about_an_old_mine_is_no_event():
    from trends.extract.parse import extract

    text = (
        "Spotlight on Global Jihad (May 2-15, 2024)\n\nMay 16, 2024\n\nIraq\n\n"
        "•\tOn May 6, 2024, two shepherds were wounded when an explosive device left over from the war against "
        "ISIS exploded near Al-Qaim.\n"
    )
    r = extract(text, "t")
    assert r.events == []
    assert [k.reason for k in r.skipped if "remnant" in k.reason] == ["explosive remnant of war"]


def test_a_claim_whose_claimer_has_a_bracketed_acronym_is_no_new_event():
    from trends.extract.clauses import skip_reason

    s = "Al Qaeda's Sahelian affiliate, Jama'at Nusrat al Islam wal Muslimin (JNIM), claimed the attack two days later."
    assert skip_reason(s) == "claim of an event told before"


def test_a_closing_statement_date_is_no_date_of_the_act():
    from trends.extract.press import extract_press

    text = (
        "Hotel siege in Kismayo\n\nPublished July 14, 2019\n\n"
        "Al-Shabaab militants stormed a hotel in the port city of Kismayo on Friday, setting off a siege that left "
        "at least 20 people dead, officials said.\n\n"
        "A suicide bomber rammed a car packed with explosives into the gate of the hotel before gunmen forced "
        "their way inside, the regional president told reporters on Saturday.\n\n"
        "Separately, Islamic State claimed responsibility on Saturday for two bombings at a market in Bosaso.\n"
    )
    r = extract_press(text)
    assert [(e["event_date"], e["event_type"]) for e in r.events] == [("2019-07-12", "suicide attack")]


def test_jets_firing_missiles_and_explosives_laden_drones():
    assert event_type("On May 7, Indian jets fired missiles at a militant complex in Bahawalpur.") == "airstrike"
    assert event_type("Two explosives-laden drones were flown into a camp in Mudiyah on May 8.") == "drone strike"


def test_press_after_lead_and_a_second_dated_clause_are_events_of_their_own():
    from trends.extract.press import extract_press

    text = (
        "Kashmir and after\n\nPublished May 20, 2025\n\n"
        "After the February 14, 2019 suicide bombing in Pulwama, claimed by Jaish-e-Mohammed, which killed 40 "
        "policemen, Indian jets struck Balakot twelve days later.\n\n"
        "On May 13, Indian troops killed three militants in Shopian, the army said, and on Saturday police in "
        "Jammu arrested two men accused of couriering cash to Jaish-e-Mohammed.\n"
    )
    r = extract_press(text)
    got = [(e["event_date"], e["event_type"]) for e in r.events]
    assert ("2019-02-14", "suicide attack") in got and ("2019-02-26", "airstrike") in got
    assert ("2025-05-17", "arrest/raid") in got and len(got) == 4


_ITIC = "Spotlight on Global Jihad (May 2-15, 2024)\n\nMay 16, 2024\n\n"


def _report(body: str):
    from trends.extract.parse import extract

    return [(e["event_date"], e["actor"], e["event_type"]) for e in extract(_ITIC + body, "t").events]


def test_an_air_force_dropping_a_bomb_is_an_airstrike():
    assert event_type("On May 3, 2024, the US Air Force dropped a GBU-43 bomb on ISIS tunnels in Achin.") == "airstrike"
    assert event_type("On May 3, 2024, army helicopters dropped leaflets over Achin.") is None


def test_a_second_act_of_the_same_bullet_is_its_own_event():
    rows = _report(
        "Tunisia\n\n•\tOn May 4, 2024, a suicide bomber blew himself up next to a police patrol in central Tunis, "
        "killing a police officer. A short time later, a second suicide bomber blew himself up at the gate of a "
        "National Guard base in the capital, wounding four policemen.\n\n"
        "Iraq\n\n•\tOn May 5, 2024, a PMF position near Tuz Khurmatu was shelled with mortars; in another attack "
        "that day, a policeman was killed by sniper fire in Baiji.\n"
    )
    assert [(d, t) for d, _, t in rows] == [
        ("2024-05-04", "suicide attack"),
        ("2024-05-04", "suicide attack"),
        ("2024-05-05", "mortar/rocket"),
        ("2024-05-05", "shooting"),
    ]


def test_a_semicolon_clause_of_another_force_the_same_day_is_its_own_event():
    from trends.extract.parse import extract

    text = (
        "Salafi-Jihadi Movement Update\n\nData Cutoff: May 14, 2024\n\n"
        "Al Shabaab fighters attacked SNA positions in Galcad, Galguduud region, on May 6, killing seven soldiers; "
        "US forces conducted an airstrike near Galcad the same day that killed 30 al Shabaab fighters.\n"
    )
    rows = [(e["event_date"], e["actor"], e["event_type"]) for e in extract(text, "t").events]
    assert rows == [
        ("2024-05-06", "al-Shabaab", "attack"),
        ("2024-05-06", "Government of United States", "airstrike"),
    ]


def test_a_state_force_acting_against_a_group_is_the_actor():
    from trends.extract.press import extract_press

    text = (
        "Counter-terrorism round-up\n\nPublished May 13, 2024\n\n"
        "Rwandan troops, who have been deployed in the province since 2021, said they killed 11 insurgents in an "
        "ambush near Mbau, in Mocimboa da Praia district, on Saturday.\n\n"
        "On Sunday, interior ministry forces raided an Islamic State cell in Harasta, in Rif Dimashq province, "
        "arresting six suspects, the Syrian ministry said.\n"
    )
    rows = [(e["event_date"], e["actor"], e["event_type"]) for e in extract_press(text).events]
    assert rows == [
        ("2024-05-11", "Government of Rwanda", "ambush"),
        ("2024-05-12", "Government of Syria", "arrest/raid"),
    ]


def test_the_act_of_a_came_when_frame_is_the_when_clause():
    s = "Its deadliest attack came at Barsalogho on August 24, when its fighters shot dead 133 civilians."
    assert own_clause(s).startswith("its fighters")
    from trends.extract.press_kinds import refine_type

    assert refine_type(s, s, "shooting", False, False) == "shooting"


def test_a_day_counted_from_an_act_the_article_told_before():
    from trends.extract.press import extract_press

    text = (
        "Bank bombing in Kandahar\n\nPublished March 25, 2024\n\n"
        "On March 21, an ISKP suicide bomber blew himself up outside a bank in Kandahar city, killing 21 people.\n\n"
        "On January 6, ISKP fighters planted a bomb on a minibus in Kabul, killing five people.\n\n"
        "Two days before the Kandahar bombing, Taliban intelligence operatives raided an ISKP safe house in "
        "Mazar-e Sharif, detaining four suspects.\n"
    )
    rows = [(e["event_date"], e["event_type"]) for e in extract_press(text).events]
    assert ("2024-03-19", "arrest/raid") in rows


def test_a_force_killing_militants_outside_a_clash_is_a_counter_terrorism_act():
    from trends.extract.press_kinds import refine_type

    s = "On May 13, Indian troops killed three militants in a gunfight in Shopian, the army said."
    assert refine_type(s, s, "attack", True, False) == "arrest/raid"
    s = "Security forces ended the siege on Wednesday, killing all 33 attackers, the military said."
    assert refine_type(s, s, "attack", True, False) == "arrest/raid"
    s = "Two days later, security forces killed 12 insurgents in a firefight near Palma."
    assert refine_type(s, s, "attack", True, False) == "attack"
    assert event_type("On July 7, US MQ-9 Reaper drones killed an Islamic State leader in Aleppo.") == "drone strike"


def test_a_storming_done_by_shooting_and_people_seized():
    from trends.extract.press_kinds import refine_type

    s = "On May 12, gunmen stormed a clinic in Kabul, shooting dead 24 people, including newborns."
    assert refine_type(s, s, "shooting", False, False) == "shooting"
    s = "On May 12, gunmen stormed a village near Lamu and set fire to several houses."
    assert refine_type(s, s, "attack", False, False) == "attack"
    assert event_type("Armed men seized two Kenyan truck drivers on Tuesday outside Beled Hawo.") == "kidnapping"
    assert event_type("Militants seized the town of Mocimboa da Praia on Tuesday.") == "attack"
    from trends.extract.casualties import casualties

    assert casualties("Gunmen stormed a clinic in Kabul on May 12, shooting dead 24 people.").killed.value == 24


def test_the_targets_own_end_and_helicopters_or_us_forces_striking():
    s = (
        "ISWAP fighters attacked Shekau's camp in Sambisa Forest on May 18, and Shekau died by detonating his "
        "explosive vest as they closed in."
    )
    assert event_type(s) == "attack"
    s = "Security forces and helicopters operated by a private contractor struck insurgent positions near Awasse."
    assert event_type(s) == "airstrike"
    assert event_type("US forces struck a Hurras al-Din meeting west of Aleppo on June 30.") == "airstrike"
