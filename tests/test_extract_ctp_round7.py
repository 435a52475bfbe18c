"""Reading rules for CTP-style assessment prose from the seventh round (ctp_blind6 studied, and adversarial
paragraphs of our own): which clause tells an act, whose act it is when only an assessment or a claim names the
author, which date is the act's own. Each test fails without its rule; the sentences are our own."""

from __future__ import annotations

from trends.extract.clauses import skip_reason
from trends.extract.parse import extract

CUTOFF = "Salafi-Jihadi Movement Update\n\nData Cutoff: August 14, 2024\n\n"


def _events(body: str, head: str = CUTOFF):
    return extract(head + body, "t").events


def _rows(evs, *keys):
    return [tuple(e[k] for k in keys) for e in evs]


def test_a_campaign_in_the_present_progressive_is_not_a_dated_act():
    # the date belongs to the agreement the clause names, not to an attack
    assert skip_reason("ISKP is attacking Kabul's Shia minority to undermine the deal signed on August 3.") == "ongoing"
    assert skip_reason("ISIS has been conducting assassinations of mukhtars in Kirkuk.") == "ongoing"
    assert skip_reason("ISIS attacked a checkpoint in Kirkuk on August 3.") is None
    ev = _events(
        "ISKP is attacking Alawite civilians in western Homs ahead of the elections held on August 3.\n\n"
        "ISKP gunmen opened fire on a shrine in Kabul on August 6, killing nine people.\n"
    )
    assert _rows(ev, "event_date", "actor") == [("2024-08-06", "ISKP")]


def test_a_non_violent_participle_owns_the_date_after_it():
    ev = _events("ISKP militants attacked the religious minorities protected under the deal signed on August 3.\n")
    assert ev == []


def test_the_same_day_told_bare_dates_the_act_by_the_event_before():
    ev = _events(
        "Militants ambushed a Nigerian army convoy near Goneri, Yobe State, on August 5, killing 12 soldiers. "
        "Boko Haram fighters attacked a Chadian army base in Bohoma, Lac Province, the same day, killing 20 "
        "soldiers.\n"
    )
    assert ("2024-08-05", "Boko Haram", 20) in _rows(ev, "event_date", "actor", "fatalities")


def test_a_second_act_of_one_subject_dated_the_following_day_is_its_own_event():
    ev = _events(
        "JNIM fighters attacked an army post in Boni, Mopti Region, on August 4 and shot dead two soldiers near "
        "Douentza the following day.\n"
    )
    assert _rows(ev, "event_date", "actor", "event_type") == [
        ("2024-08-04", "JNIM", "attack"),
        ("2024-08-05", "JNIM", "shooting"),
    ]


def test_a_hedged_authorship_right_after_the_act_names_its_author_assessed():
    ev = _events(
        "Unidentified gunmen shot and killed two PMF members near Tarmiyah, Baghdad Province, on August 8. ISIS "
        "likely conducted the attack given its support zones there.\n\n"
        "Unidentified gunmen assassinated a former rebel commander in Tafas, Daraa Province, on August 9. ISIS may "
        "be attempting to expand into the Yarmouk Basin.\n"
    )
    assert _rows(ev, "event_date", "actor", "attribution") == [
        ("2024-08-08", "Islamic State", "assessed"),
        ("2024-08-09", "unknown", "reported"),
    ]


def test_the_group_of_the_sentence_before_yields_to_an_assessment_or_to_no_claim():
    ev = _events(
        "JNIM militants ambushed a Malian convoy near Niono, Segou Region, on August 10, killing nine soldiers. "
        "Militants attacked a civilian convoy near Kobe, Gao Region, on August 7, killing 25 civilians. No group "
        "has claimed the attack, but CTP assesses that IS Sahel conducted it.\n\n"
        "Al Shabaab militants stormed a hotel in Mogadishu on August 2, killing 37 people. Militants ambushed an "
        "army convoy near Jowhar, Middle Shabelle, on August 3, killing six soldiers. No group has claimed the "
        "ambush.\n"
    )
    assert _rows(ev, "event_date", "actor") == [
        ("2024-08-10", "JNIM"),
        ("2024-08-07", "IS Sahel"),
        ("2024-08-02", "al-Shabaab"),
        ("2024-08-03", "unknown"),
    ]


def test_a_groups_own_claim_outranks_officials_blaming_another_group():
    ev = _events(
        "Gunmen attacked a demining compound in Baghlan-e Markazi, Baghlan Province, on August 8, killing ten "
        "deminers. ISKP claimed the attack the next day, although Afghan officials initially blamed the Taliban.\n"
    )
    assert _rows(ev, "actor", "attribution") == [("ISKP", "claimed")]


def test_the_authors_assessment_names_a_group_inside_a_longer_subject():
    ev = _events(
        "Conditions in al Hol camp in Hasakah Province continue to deteriorate. An Iraqi woman was stabbed to death "
        "in the camp on August 11. CTP assesses that members of an ISIS-aligned hisba network inside the camp "
        "carried out the killing.\n"
    )
    assert _rows(ev, "event_date", "actor", "country", "province", "attribution") == [
        ("2024-08-11", "Islamic State", "Syria", "Hasakah", "assessed")
    ]


def test_an_earlier_act_told_as_background_is_no_follow_up():
    ev = _events(
        "IS Sahel fighters kidnapped three village chiefs near Banibangou, Tillaberi Region, on August 2. IS Sahel "
        "previously executed village chiefs in the area in 2021.\n"
    )
    assert _rows(ev, "event_date", "event_type") == [("2024-08-02", "kidnapping")]


def test_state_forces_known_by_their_acronym_are_the_state():
    ev = _events(
        "SNA Danab special forces raided an al Shabaab hideout near Runirgod, Middle Shabelle, on August 12, "
        "killing nine militants.\n\nFAMa troops arrested four JNIM suspects in Sevare, Mopti Region, on August 9.\n"
    )
    assert _rows(ev, "actor", "event_type") == [
        ("Government of Somalia", "arrest/raid"),
        ("Government of Mali", "arrest/raid"),
    ]


def test_two_acts_on_one_day_in_two_places_are_two_events():
    ev = _events(
        "Somalia\n\nAl Shabaab militants stormed a hotel in Mogadishu on August 2, killing 37 people. Militants "
        "ambushed an army convoy near Bal'ad, Middle Shabelle, the same day, killing six soldiers.\n"
    )
    assert _rows(ev, "event_date", "province", "fatalities") == [
        ("2024-08-02", "Banaadir", 37),
        ("2024-08-02", "Shabeellaha Dhexe", 6),
    ]


def test_an_act_the_writer_only_believes_happened_is_hedged():
    assert skip_reason("Boko Haram fighters are believed to have kidnapped 12 farmers near Gwoza on May 8.") == "hedged"
    assert skip_reason("ISKP appears to have bombed a Taliban checkpoint in Jalalabad on May 3.") == "hedged"
    assert skip_reason("Officials said militants killed eight soldiers near Gwoza on May 8.") is None


def test_a_hedge_about_who_the_attackers_were_leaves_the_act_asserted():
    ev = _events(
        "ISIS militants, likely from cells based in the Badia, attacked a regime checkpoint near al Sukhnah, Homs "
        "Province, on August 6, killing three soldiers.\n"
    )
    assert _rows(ev, "event_date", "actor", "fatalities") == [("2024-08-06", "Islamic State", 3)]


def test_a_second_clause_with_its_own_subject_is_that_subjects_event():
    ev = _events(
        "ISWAP ambushed a Nigerian army patrol near Damboa, Borno State, on August 4, and Nigerian Air Force jets "
        "struck ISWAP positions near Sambisa Forest the next day.\n"
    )
    assert _rows(ev, "event_date", "actor", "event_type") == [
        ("2024-08-04", "ISWAP", "ambush"),
        ("2024-08-05", "Government of Nigeria", "airstrike"),
    ]


def test_an_act_that_came_weeks_after_a_dated_clause_takes_that_clauses_date_and_agent():
    ev = _events(
        "ISKP gunmen opened fire on a Taliban checkpoint in Kunduz, Kunduz Province, on August 9, killing two "
        "guards. The attack came two weeks after ISKP gunmen killed a Taliban commander in Kunduz on July 26.\n"
    )
    assert ("2024-07-26", "ISKP") in _rows(ev, "event_date", "actor")


def test_the_group_named_in_a_repelled_attack_made_it():
    ev = _events("Nigerian troops repelled an ISWAP attack on a base in Dikwa, Borno State, on August 9.\n")
    assert _rows(ev, "event_date", "actor") == [("2024-08-09", "ISWAP")]
    ev = _events("Nigerian troops repelled an attack on a base in Dikwa, Borno State, on August 9.\n")
    assert _rows(ev, "actor") == [("unknown",)]


def test_the_date_before_a_reporting_verb_is_the_statements_not_the_acts():
    ev = _events(
        "On August 12, the Iraqi Ministry of Defense said that ISIS militants had attacked an army post near "
        "Mutaibijah, Salah al Din Province, on August 11, killing two soldiers.\n"
    )
    assert _rows(ev, "event_date", "actor", "fatalities") == [("2024-08-11", "Islamic State", 2)]


def test_a_generic_or_hypothetical_act_noun_with_a_modal_main_verb_is_no_event():
    for s in (
        "ISIS attacks on SDF checkpoints are likely to increase after the SDF's withdrawal from Hajin on May 3.",
        "Any ISWAP attack on Maiduguri during the May 10 elections would be a major escalation.",
        "A suicide attack in Kabul would be ISKP's first since the March 22 bombing.",
    ):
        assert skip_reason(s) == "hedged", s
    for s in (
        "The SDF's arrests of ISIS financiers in al Hol on May 6 are unlikely to disrupt the group's funding.",
        "An IED attack near Hajin on May 3 killed two soldiers and will likely prompt more raids.",
        "ISIS militants who attacked a checkpoint in Hajin on May 7 were likely from the same cell.",
    ):
        assert skip_reason(s) is None, s


def test_a_date_after_the_data_cutoff_is_never_an_event():
    ev = _events(
        "Militants attacked Shia pilgrims near Samarra, Salah al Din Province, on August 20, killing four.\n\n"
        "ISIS militants attacked an army post near Samarra, Salah al Din Province, on August 10, killing two.\n"
    )
    assert _rows(ev, "event_date") == [("2024-08-10",)]


def test_a_car_or_truck_bombing_is_an_ied_and_a_suicide_one_a_suicide_attack():
    from trends.extract.event_types import event_type

    assert event_type("The SDF blamed ISIS for a car bombing in Raqqa city that killed three civilians.") == "IED"
    assert event_type("Al Shabaab claimed a suicide car bombing at an army base in Jowhar.") == "suicide attack"


def test_a_summary_heading_in_any_case_or_wording_holds_no_events():
    for heading in ("Key takeaways", "Top Takeaways", "Key Findings"):
        text = (
            CUTOFF + f"{heading}\n\n  • ISWAP killed 20 soldiers in Marte on August 6.\n\nNigeria\n\n"
            "ISWAP fighters overran a military base in Marte, Borno State, on August 6, killing at least 20 soldiers "
            "and seizing weapons.\n"
        )
        ev = extract(text, "t").events
        assert [(e["event_date"], e["heading_path"]) for e in ev] == [("2024-08-06", ["Nigeria"])], heading


def test_a_sentence_pointing_to_another_country_neither_inherits_the_place_before_nor_loses_its_own():
    ev = _events(
        "Afghanistan\n\nISKP claimed it killed 20 Taliban fighters in an attack on a base in Badakhshan on August "
        "10. Pakistani security forces killed six TTP militants in North Waziristan on August 11.\n"
    )
    assert _rows(ev, "event_date", "country", "province") == [
        ("2024-08-10", "Afghanistan", "Badakhshan"),
        ("2024-08-11", "Pakistan", "Khyber Pakhtunkhwa"),
    ]


def test_the_force_that_acted_reporting_its_own_toll_is_a_follow_up_of_its_act():
    ev = _events(
        "US forces conducted an airstrike against al Shabaab near Jilib, Middle Juba, on August 9, according to "
        "AFRICOM. AFRICOM said the strike killed three militants.\n\n"
        "Nigerian troops raided an ISWAP camp near Dikwa, Borno State, on August 3. The Nigerian army said the raid "
        "killed 12 militants.\n"
    )
    assert _rows(ev, "event_date", "actor", "fatalities") == [
        ("2024-08-09", "Government of United States", 3),
        ("2024-08-03", "Government of Nigeria", 12),
    ]


def test_this_morning_and_yesterday_are_told_from_the_data_cutoff():
    ev = _events(
        "TTP militants ambushed a police convoy in Lakki Marwat, Khyber Pakhtunkhwa, this morning, killing four "
        "policemen. The TTP attacked a checkpoint in Bannu yesterday, wounding two soldiers.\n"
    )
    assert _rows(ev, "event_date", "actor") == [("2024-08-14", "TTP"), ("2024-08-13", "TTP")]


def test_a_claim_after_a_semicolon_names_the_author_of_the_sentences_own_act():
    ev = _events(
        "The TTP attacked a checkpoint in Bannu, Khyber Pakhtunkhwa, on August 13, wounding two soldiers. A suicide "
        "bomber struck a military convoy in Mir Ali, North Waziristan, on August 13, killing seven soldiers; "
        "Jaish-e-Fursan-e-Muhammad claimed the attack.\n"
    )
    assert _rows(ev, "event_date", "actor", "event_type") == [
        ("2024-08-13", "TTP", "attack"),
        ("2024-08-13", "Jaish-e-Fursan-e-Muhammad", "suicide attack"),
    ]


def test_a_year_is_never_the_count_of_a_period_count():
    from trends.extract import dates as D
    from trends.extract.counts import find_counts

    per = D.report_period(CUTOFF, None)
    s = "CENTCOM's commander testified on August 6 that ISKP is stronger in 2024 than 2023 and could conduct attacks."
    assert find_counts(s, per, None) == []
    assert [
        m[1][0].isoformat() for m in find_counts("ISIS claimed 14 attacks between August 1 and August 9.", per)
    ] == ["2024-08-01"]
