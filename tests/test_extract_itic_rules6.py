"""Reading rules for ITIC weekly reports found on the sixth round of unseen reports: a sentence that opens with its
period is a count, never an event; a claim list keeps its group across a paragraph of counts; a source parenthesis
with a day range; an attacker named 'unknown' after a passive verb. Sentences are our own."""

from __future__ import annotations

from trends.extract.parse import extract

HEAD = "Spotlight on Global Jihad (March 8-14, 2017)\n\nMarch 15, 2017\n\n"


def _run(body: str):
    return extract(HEAD + body, "t")


def test_a_sentence_that_opens_with_its_period_is_a_count_not_an_event():
    r = _run(
        "Egypt\n\nSinai\n\n•\tBetween March 1 and March 14, 2017, ISIS's Sinai Province claimed responsibility "
        "for 14 attacks against the Egyptian security forces in northern Sinai.\n"
    )
    assert r.events == []
    assert [(p.count, p.period_start.isoformat(), p.period_end.isoformat()) for p in r.periods] == [
        (14, "2017-03-01", "2017-03-14")
    ]


def test_a_count_of_compound_attack_nouns_since_a_dated_beginning():
    r = _run(
        "Iraq\n\n•\tSince the beginning of the campaign for western Mosul on February 19, 2017, ISIS has claimed at "
        "least 60 suicide car bomb attacks against the Iraqi forces (Amaq, March 13, 2017).\n"
    )
    assert r.events == []
    assert [(p.count, p.count_qualifier, p.period_start.isoformat(), p.period_end) for p in r.periods] == [
        (60, "at least", "2017-02-19", None)
    ]


def test_a_period_whose_start_has_no_year_takes_the_year_of_its_end():
    r = _run("Syria\n\n•\tBetween January 1 and February 21, 2016, ISIS claimed 14 attacks in Syria.\n")
    assert [(p.count, p.period_start.isoformat()) for p in r.periods] == [(14, "2016-01-01")]


def test_one_of_the_deadliest_attacks_is_no_count():
    r = _run(
        "Mali\n\nOn March 10, 2017, JNIM fighters killed 12 soldiers in an attack on a base in Boulkessi, one of the "
        "deadliest attacks on the army since the coup in August 2016.\n"
    )
    assert r.periods == [] and [e["actor"] for e in r.events] == ["JNIM"]


def test_a_claim_list_keeps_its_group_after_a_paragraph_of_counts_and_a_day_range_source():
    r = _run(
        "Syria\n\nISIS's claims of responsibility in eastern Syria\n\nBetween March 1 and March 14, 2017, ISIS "
        "claimed responsibility for 11 attacks in Syria. ISIS's claims this week included the following:\n\n"
        "•\tOn March 12, 2017, an IED was detonated against an SDF vehicle near Diban; an SDF commander was "
        "killed (Telegram, March 12-13, 2017).\n"
    )
    assert [(e["event_date"], e["actor"], e["attribution"]) for e in r.events] == [
        ("2017-03-12", "Islamic State", "claimed")
    ]


def test_a_passive_act_by_unknown_gunmen_is_unknown_even_under_a_claim_list():
    r = _run(
        "Syria\n\nISIS's claims of responsibility in the various provinces:\n\n"
        "•\tOn March 12, 2017, a Syrian army soldier was shot dead near the town of al-Mayadeen by unknown "
        "gunmen (Deir ez-Zor 24, March 12, 2017).\n"
    )
    assert [(e["event_date"], e["actor"]) for e in r.events] == [("2017-03-12", "unknown")]


def test_operatives_of_a_named_province_are_that_province_not_the_heading_group():
    r = _run(
        "Africa\n\nISWAP\n\n•\tOn March 12, 2017, operatives of ISIS's Mozambique Province beheaded three villagers "
        "near the village of Chai, Cabo Delgado Province (Telegram, March 13, 2017).\n"
    )
    assert [(e["event_date"], e["actor"]) for e in r.events] == [("2017-03-12", "IS Mozambique")]


def test_the_east_asia_province_is_one_group_name():
    r = _run(
        "Philippines\n\n•\tOn March 12, 2017, ISIS's East Asia Province operatives ambushed a Philippine army "
        "patrol near Patikul, killing two soldiers (Amaq, March 13, 2017).\n"
    )
    assert [e["actor"] for e in r.events] == ["IS East Asia"]


MD = "# Spotlight on Global Jihad (March 8-14, 2017)\n\nMarch 15, 2017\n\n## Iraq\n\n### ISIS's activity in the various provinces\n\n"


def test_a_bold_label_bullet_is_a_province_heading_over_its_sub_bullets():
    from trends.extract.tree import document

    text = (
        MD + "The following were the attacks claimed by ISIS:\n\n- **Diyala Province**\n"
        "  - On March 12, 2017, a PMF position in the Hamrin mountains, about 30 km southeast of Tuz Khurmatu, "
        "was attacked; three PMF fighters were killed (Telegram, March 12, 2017).\n"
    )
    heads = [text[n.start : n.end] for n in document(text) if n.kind == "heading"]
    assert heads[-1] == "Diyala Province"
    ev = extract(text, "t").events
    assert [(e["actor"], e["province"], e["attribution"]) for e in ev] == [("Islamic State", "Diyala", "claimed")]


def test_a_source_parenthesis_with_a_list_of_days_dates_and_claims_the_bullet():
    ev = extract(
        MD + "The following were the attacks claimed by ISIS:\n\n- **Kirkuk Province**\n"
        "  - On March 9, 2017, two policemen were shot dead near the village of Zghaytun, southwest of Kirkuk. "
        "On March 11, 2017, an IED was detonated against a PMF vehicle near Daquq; one PMF fighter was killed "
        "(Telegram, March 9, 11, 2017).\n",
        "t",
    ).events
    assert [(e["event_date"], e["actor"]) for e in ev] == [
        ("2017-03-09", "Islamic State"),
        ("2017-03-11", "Islamic State"),
    ]


def test_a_markdown_image_and_its_italic_caption_are_captions():
    from trends.extract.tree import document

    text = MD + "![Weapons seized](w.jpg)\n*Weapons found in an ISIS hideout near Kirkuk (INA, March 9, 2017)*\n"
    assert [n.kind for n in document(text)][-2:] == ["caption", "caption"]


def test_a_semicolon_clause_with_its_own_date_is_a_second_event_of_the_bullet():
    ev = extract(
        MD + "The following were the attacks claimed by ISIS:\n\n- **Kirkuk Province**\n"
        "  - On March 9, 2017, an Iraqi Army post near Hawija was attacked and two soldiers were killed; on the "
        "same day, a PMF fighter was killed by sniper fire near Daquq; on March 11, 2017, an IED was detonated "
        "against a police vehicle near Kirkuk (Telegram, March 11, 2017).\n",
        "t",
    ).events
    assert [(e["event_date"], e["actor"], e["fatalities"]) for e in ev] == [
        ("2017-03-09", "Islamic State", 2),
        ("2017-03-09", "Islamic State", 1),
        ("2017-03-11", "Islamic State", None),
    ]


def test_n_days_later_counts_from_the_date_told_before():
    ev = _run(
        "Iraq\n\n•\tOn March 11, 2017, ISIS fired mortar shells at Iraqi Army forces in western Mosul; 12 soldiers "
        "were wounded (Rudaw, March 11, 2017). Two days later, ISIS fired several rockets at the Hammam al-Alil "
        "camp, south of Mosul, wounding seven civilians (Rudaw, March 14, 2017).\n"
    ).events
    assert [(e["event_date"], e["wounded"]) for e in ev] == [("2017-03-11", 12), ("2017-03-13", 7)]


def test_a_dated_noun_bullet_under_a_claim_list_is_the_listing_groups_claim():
    ev = _run(
        "West Africa\n\nBorno State\n\nISWAP claimed the following attacks:\n\n"
        "•\tMarch 10, 2017: An attack on a Nigerian army base in the town of Malam Fatori, in northern Borno. Five "
        "soldiers were killed (al-Naba, Issue 351).\n"
    ).events
    assert [(e["event_date"], e["actor"], e["fatalities"]) for e in ev] == [("2017-03-10", "ISWAP", 5)]


def test_an_is_channel_claim_in_another_country_is_that_countrys_branch():
    ev = _run(
        "West Africa\n\nNigeria\n\nISWAP claimed the following attacks:\n\n•\tOn March 9, 2017, ISWAP operatives attacked a Nigerian army base in Monguno "
        "(Amaq, March 9, 2017).\n\nAfghanistan\n\nKabul Province\n\n•\tOn March 11, 2017, an IED exploded in a "
        "crowded street in western Kabul. Eight people were killed (Amaq, March 11, 2017).\n"
    ).events
    assert [(e["event_date"], e["actor"]) for e in ev] == [("2017-03-09", "ISWAP"), ("2017-03-11", "ISKP")]


def test_a_states_ministry_or_security_agency_announcing_its_arrests_is_that_state():
    ev = _run(
        "Libya\n\n•\tOn March 12, 2017, Libya's Internal Security Agency announced that it had arrested an ISIS "
        "cell of five operatives in Tripoli.\n"
    ).events
    assert [(e["actor"], e["event_type"]) for e in ev] == [("Government of Libya", "arrest/raid")]


def test_a_ministrys_announced_airstrike_under_a_claim_lead_is_the_states_not_the_groups():
    ev = _run(
        "Afghanistan\n\nISKP claimed the following attacks:\n\n•\tOn March 12, 2017, the Afghan Ministry of "
        "Defense announced that an airstrike by the Afghan air force in the district of Achin, Nangarhar Province, "
        "had killed 12 ISKP operatives.\n"
    ).events
    assert [(e["actor"], e["event_type"]) for e in ev] == [("Government of Afghanistan", "airstrike")]


def test_topic_headings_after_a_country_heading_are_sections_of_that_country():
    from trends.extract.tree import document

    text = HEAD + "Syria\n\nThe Damascus Area\n\n•\tA.\n\nThe Raqqa Area\n\n•\tB.\n\nEgypt (Sinai Peninsula)\n\n•\tC.\n"
    paths = [n.path for n in document(text) if n.kind == "bullet"]
    assert paths == [("Syria", "The Damascus Area"), ("Syria", "The Raqqa Area"), ("Egypt (Sinai Peninsula)",)]


def test_a_named_claimer_replaces_an_actor_taken_from_the_claim_channel():
    ev = _run(
        "Iraq\n\n•\tOn March 9, 2017, an IED was detonated near Kirkuk (Amaq, March 9, 2017).\n\nSyria\n\n"
        "The Damascus Area\n\n•\tOn March 11, 2017, two suicide bombers blew themselves up in the Old City of "
        "Damascus. At least 74 people were killed (SOHR, March 11, 2017). On March 12, 2017, Hay'at Tahrir al-Sham "
        "claimed responsibility for the attack (Telegram, March 12, 2017).\n"
    ).events
    assert [(e["actor"], e["country"]) for e in ev][-1] == ("Hayat Tahrir al-Sham", "Syria")
