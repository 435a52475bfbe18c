"""Reading rules for ITIC weekly reports found on the seventh round: a lead-in or heading that gives a section's
acts to a group, a lead group that ends with its section, a second dated clause after ', and', a purpose infinitive
after 'used', a force named through its service, a definite 'the forces' in the next sentence, a province heading
with a place after a dash, a province the UCDP sample lacks. Sentences are our own."""

from __future__ import annotations

from trends.extract.parse import extract

HEAD = "Spotlight on Global Jihad (May 2-15, 2024)\n\nMay 16, 2024\n\n"


def _run(body: str):
    return extract(HEAD + body, "t")


def _rows(r, *keys):
    return [tuple(e[k] for k in keys) for e in r.events]


def test_a_lead_in_that_attributes_the_list_to_a_group_gives_it_the_passive_bullets():
    r = _run(
        "Iraq\n\nAttacks in the provinces\n\nThe following attacks were attributed to ISIS by Iraqi security "
        "sources:\n\nKirkuk Province\n\n•\tOn May 4, 2024, an IED exploded against an Iraqi army patrol south of "
        "Kirkuk. One soldier was wounded (Shafaq News, May 4, 2024).\n\nCounterterrorism activity\n\n•\tOn May 6, "
        "2024, an IED exploded near a market in Kirkuk (Rudaw, May 6, 2024).\n"
    )
    assert _rows(r, "event_date", "actor") == [("2024-05-04", "Islamic State"), ("2024-05-06", "unknown")]


def test_a_heading_of_a_groups_activity_owns_its_passive_bullets_until_a_sibling_heading():
    r = _run(
        "Iraq\n\n### ISIS's activity in the various provinces\n\n#### Diyala Province\n\n- On May 5, 2024, a "
        "shepherd was shot dead near Jalawla (Rudaw, May 5, 2024).\n\n### Other events\n\n- On May 7, 2024, a "
        "farmer was shot dead near Khanaqin (Rudaw, May 7, 2024).\n"
    )
    assert _rows(r, "event_date", "actor") == [("2024-05-05", "Islamic State"), ("2024-05-07", "unknown")]


def test_a_lead_group_ends_with_its_section():
    # the West Africa Province paragraph does not name the attacker of the next section's clash in Mali
    r = _run(
        "Africa\n\n### Nigeria\n\n- ISIS's West Africa Province claimed 12 attacks in Borno State between May 1 "
        "and May 14, 2024.\n\n### Mali\n\n- On May 3, 2024, ISIS operatives clashed with JNIM operatives near "
        "Boulkessi (al-Naba, May 9, 2024).\n"
    )
    assert _rows(r, "actor", "country") == [("IS Sahel", "Mali")]


def test_a_second_clause_with_its_own_day_after_and_is_a_second_event():
    r = _run(
        "Syria\n\nISIS's claims in Deir ez-Zor\n\n•\tOn May 7, 2024, an IED was detonated against an SDF vehicle "
        "near al-Suwar, and on May 9 an SDF fighter was shot dead in al-Busayrah (al-Naba, May 10, 2024).\n"
        "•\tOn May 8, 2024, fire was opened on a PMF position near Baladruz, and on the same day an IED was "
        "detonated against a PMF force that arrived at the scene (Amaq, May 9, 2024).\n"
    )
    assert _rows(r, "event_date", "event_type") == [
        ("2024-05-07", "IED"),
        ("2024-05-09", "shooting"),
        ("2024-05-08", "shooting"),
        ("2024-05-08", "IED"),
    ]


def test_drones_used_to_attack_are_a_drone_strike_not_a_purpose():
    r = _run(
        "Nigeria\n\n•\tOn May 11, 2024, ISIS's West Africa Province operatives used two drones carrying explosives to "
        "attack a military base near Gajiram (Amaq, May 12, 2024).\n•\tOn May 12, 2024, ISWAP operatives came to "
        "Monguno to attack a base (Amaq, May 12, 2024).\n"
    )
    assert _rows(r, "event_date", "actor", "event_type") == [("2024-05-11", "ISWAP", "drone strike")]


def test_a_service_of_a_state_ministry_is_the_states_force():
    r = _run(
        "Syria\n\n•\tOn May 6, 2024, the General Security Service of the Syrian Ministry of Interior raided an ISIS "
        "cell south of Damascus and arrested four operatives (SANA, May 6, 2024).\n"
    )
    assert _rows(r, "actor", "event_type") == [("Government of Syria", "arrest/raid")]


def test_the_forces_of_the_next_sentence_are_the_force_just_named():
    r = _run(
        "Iraq\n\n•\tOn May 11, 2024, Iraqi security forces raided an ISIS hideout in the Hamrin Mountains. The next "
        "day, the forces arrested two ISIS operatives who had fled the hideout (Iraqi Security Media Cell, May 12, "
        "2024).\n"
    )
    assert _rows(r, "event_date", "actor", "event_type") == [
        ("2024-05-11", "Government of Iraq", "arrest/raid"),
        ("2024-05-12", "Government of Iraq", "arrest/raid"),
    ]


def test_a_province_heading_with_a_place_after_a_dash():
    r = _run(
        "Syria\n\n#### Hasakah Province - the al-Hol camp\n\n- On May 9, 2024, unidentified gunmen shot dead a "
        "refugee in the camp (North Press, May 9, 2024).\n"
    )
    assert _rows(r, "actor", "province") == [("unknown", "Hasakah")]


def test_a_named_province_the_ucdp_sample_lacks_wins_over_a_district_of_the_same_name():
    r = _run(
        "Afghanistan\n\n- On May 10, 2024, Taliban forces raided an ISIS hideout in the Behsud district of "
        "Nangarhar Province and killed four ISIS operatives.\n"
    )
    assert _rows(r, "actor", "province") == [("Taliban", "Nangarhar")]


def _periods(r):
    return [
        (p.actor, p.count, p.period_start.isoformat(), p.period_end and p.period_end.isoformat()) for p in r.periods
    ]


def test_a_count_whose_subject_refers_back_to_the_group_that_owns_the_source():
    r = _run(
        "Iraq\n\n•\tAccording to ISIS's weekly al-Naba, during the week of May 2-8, 2024, its operatives carried "
        "out 21 attacks against the Iraqi security forces (al-Naba, May 9, 2024).\n"
        "•\tAccording to ISIS's weekly al-Naba, the organization claimed responsibility for 11 attacks in Iraq "
        "during the week of May 9-15, 2024, compared with 14 attacks in the previous week (al-Naba, May 16, 2024).\n"
    )
    assert _periods(r) == [
        ("Islamic State", 21, "2024-05-02", "2024-05-08"),
        ("Islamic State", 11, "2024-05-09", "2024-05-15"),
        ("Islamic State", 14, "2024-05-02", "2024-05-08"),
    ]


def test_a_count_reported_by_a_force_is_the_attackers_not_the_reporters():
    r = _run(
        "Syria\n\n•\tThe SDF reported that ISIS operatives had carried out at least 12 attacks against its forces in "
        "Deir ez-Zor Province during April 2024 (Hawar News Agency, May 2, 2024).\n"
    )
    assert [(p.actor, p.count, p.count_qualifier) for p in r.periods] == [("Islamic State", 12, "at least")]


def test_a_year_after_a_month_is_not_a_count():
    r = _run(
        "Iraq\n\n•\tAccording to an ITIC count, during April 2024 ISIS claimed 113 attacks in Iraq, compared to 79 "
        "attacks in March 2024.\n"
    )
    assert [(p.count, p.period_start.isoformat()) for p in r.periods] == [(113, "2024-04-01"), (79, "2024-03-01")]


def test_in_the_same_period_takes_the_period_of_the_count_before():
    r = _run(
        "Iraq\n\nISIS claimed 31 attacks in Iraq between May 1 and May 14. The ITIC assesses that ISIS carried out "
        "at least 45 attacks in Iraq in the same period. In the same period, Iraqi forces carried out 22 operations "
        "against ISIS in the northern provinces.\n"
    )
    assert [(p.actor, p.count, p.period_start.isoformat(), p.attribution) for p in r.periods] == [
        ("Islamic State", 31, "2024-05-01", "claimed"),
        ("Islamic State", 45, "2024-05-01", "assessed"),
        ("Government of Iraq", 22, "2024-05-01", "reported"),
    ]


def test_people_killed_or_detained_since_a_date_are_a_count_of_the_subject():
    r = _run(
        "Syria\n\nAssailants have killed 14 camp residents since April 1, according to the camp administration. "
        "HTS has detained at least 12 Hurras al-Din members since March, according to local monitors. On May 3, "
        "2024, ISIS operatives killed four soldiers near Palmyra.\n"
    )
    assert _periods(r) == [("unknown", 14, "2024-04-01", None), ("Hayat Tahrir al-Sham", 12, "2024-03-01", None)]
    assert [(e["event_date"], e["fatalities"]) for e in r.events] == [("2024-05-03", 4)]


def test_an_act_announced_later_takes_the_time_of_the_complement():
    r = _run(
        "Egypt\n\n•\tOn May 5, 2024, the Egyptian Ministry of Interior announced that during April 2024 its forces "
        "had arrested 12 ISIS supporters in Ismailia Governorate.\n"
    )
    assert _rows(r, "event_date", "date_precision", "actor", "event_type") == [
        ("2024-04-01", "month", "Government of Egypt", "arrest/raid")
    ]


def test_the_author_named_in_the_next_sentence():
    r = _run(
        "Burkina Faso\n\n•\tOn May 10, 2024, a military convoy was ambushed near Titao. According to local sources, "
        "the attackers were JNIM operatives.\n•\tOn May 12, 2024, unidentified gunmen killed two soldiers near Dori. "
        "JNIM was behind the killing, according to security sources.\n•\tOn May 13, 2024, a bus hit a landmine near "
        "Kaya. Nine passengers were killed. The Burkinabe authorities blamed JNIM.\n•\tOn May 14, 2024, gunmen "
        "killed three soldiers near Djibo. ISIS was possibly behind the attack.\n"
    )
    assert _rows(r, "event_date", "actor") == [
        ("2024-05-10", "JNIM"),
        ("2024-05-12", "JNIM"),
        ("2024-05-13", "JNIM"),
        ("2024-05-14", "unknown"),
    ]


def test_a_claim_with_a_relative_clause_about_the_group_is_a_claim_of_the_event_before():
    r = _run(
        "Somalia\n\n•\tOn May 12, 2024, a car bomb exploded near a police station in Mogadishu. Five people were "
        "killed. Al-Shabaab, which frequently carries out such attacks, claimed responsibility (Shahada, May 12, "
        "2024).\n"
    )
    assert _rows(r, "actor", "event_type", "attribution") == [("al-Shabaab", "IED", "claimed")]


def test_an_unnamed_device_after_a_time_adverbial_in_a_claim_list_is_the_groups():
    r = _run(
        "Iraq\n\n### ISIS's claims in the provinces\n\n- On May 9, 2024, an IED was detonated against a PMF vehicle "
        "east of Tikrit (Telegram, May 9, 2024). Two days later, an IED exploded near the same area, wounding two "
        "PMF fighters (Telegram, May 11, 2024).\n"
    )
    assert _rows(r, "event_date", "actor") == [("2024-05-09", "Islamic State"), ("2024-05-11", "Islamic State")]


def test_a_second_victim_of_another_act_is_a_second_event():
    r = _run(
        "Iraq\n\n### ISIS's activity in the various provinces\n\n- On May 8, 2024, a shepherd was shot dead and "
        "another shepherd was kidnapped east of Samarra (Rudaw, May 8, 2024).\n- On May 9, 2024, two soldiers were "
        "killed and three were wounded near Tarmiyah (Telegram, May 9, 2024).\n"
    )
    assert _rows(r, "event_date", "event_type", "fatalities") == [
        ("2024-05-08", "shooting", 1),
        ("2024-05-08", "kidnapping", None),
        ("2024-05-09", "attack", 2),
    ]


def test_who_was_shot_dead_decides_assassination_or_shooting():
    r = _run(
        "Syria\n\n### ISIS's activity in Deir ez-Zor\n\n- On May 4, 2024, ISIS operatives shot dead an SDF commander "
        "in al-Shuhayl (Telegram, May 4, 2024).\n- On May 5, 2024, a member of the local council was shot dead near "
        "his home in Dhiban (Telegram, May 5, 2024).\n- On May 6, 2024, a shepherd was shot dead near al-Busayrah "
        "(Telegram, May 6, 2024).\n- On May 7, 2024, ISIS operatives shot dead two SDF fighters at a checkpoint "
        "(Telegram, May 7, 2024).\n"
    )
    assert _rows(r, "event_date", "event_type") == [
        ("2024-05-04", "assassination"),
        ("2024-05-05", "assassination"),
        ("2024-05-06", "shooting"),
        ("2024-05-07", "shooting"),
    ]


def test_wordings_of_claim_list_acts():
    r = _run(
        "Iraq\n\n### ISIS's activity in the various provinces\n\n- An IED was activated against an Iraqi army "
        "vehicle near Baqubah (Telegram, May 9, 2024). At the same time, a force that arrived at the scene was fired "
        "upon (Telegram, May 9, 2024).\n- An electricity pylon was blown up near al-Rutbah (Telegram, May 10, "
        "2024).\n"
    )
    assert _rows(r, "event_date", "event_type") == [
        ("2024-05-09", "IED"),
        ("2024-05-09", "shooting"),
        ("2024-05-10", "IED"),
    ]


def test_a_forces_kill_of_named_militants_is_its_operation_and_a_clash_is_an_attack():
    r = _run(
        "Egypt\n\n•\tOn May 8, 2024, the Egyptian army spokesman announced that security forces had killed 14 "
        "terrorists in central Sinai.\n•\tOn May 9, 2024, Egyptian soldiers killed six militants in clashes near "
        "Rafah.\n"
    )
    assert _rows(r, "event_date", "actor", "event_type") == [
        ("2024-05-08", "Government of Egypt", "arrest/raid"),
        ("2024-05-09", "Government of Egypt", "attack"),
    ]


def test_a_claim_two_days_later_names_the_author_of_the_bombing_before():
    r = _run(
        "Pakistan\n\n•\tOn May 10, 2024, a suicide bomber blew himself up at a rally in Bajaur district, Khyber "
        "Pakhtunkhwa. At least 40 people were killed. ISKP claimed responsibility two days later (Amaq, May 12, "
        "2024).\n"
    )
    assert _rows(r, "event_date", "actor", "attribution") == [("2024-05-10", "ISKP", "claimed")]


def test_a_closing_lead_in_of_a_groups_listed_acts_owns_the_province_lists():
    r = _run(
        "Iraq\n\n### ISIS attacks\n\nAccording to ISIS claims, its operatives carried out the following attacks:\n\n"
        "#### Diyala Province\n\n- On May 8, 2024, an IED exploded against an Iraqi army vehicle north of "
        "Muqdadiyah.\n"
    )
    assert _rows(r, "event_date", "actor") == [("2024-05-08", "Islamic State")]


def test_the_previous_day_in_an_announcement_dates_the_act():
    r = _run(
        "Iraq\n\n- On May 14, 2024, the Iraqi Security Media Cell announced that Iraqi aircraft had struck ISIS "
        "hideouts in the Makhoul Mountains the previous day, killing six operatives.\n"
    )
    assert _rows(r, "event_date", "actor", "event_type") == [("2024-05-13", "Government of Iraq", "airstrike")]


def test_a_three_letter_town_with_its_article_and_authors_believed_or_responsible():
    r = _run(
        "Syria\n\n### The camps\n\n- On May 11, 2024, the body of a refugee who had been shot in the head was found "
        "in the al-Hol camp. ISIS is believed to have carried out the killing.\n- On May 15, 2024, a car bomb "
        "exploded near a shrine in Sayyida Zaynab, killing seven people. The Syrian Ministry of Interior said ISIS "
        "was responsible.\n"
    )
    assert _rows(r, "event_date", "actor", "province", "attribution") == [
        ("2024-05-11", "Islamic State", "Hasakah", "assessed"),
        ("2024-05-15", "Islamic State", "Rif Dimashq", "reported"),
    ]
