"""Actor attribution as a reader resolves it: group names the registry knows under other spellings, the owner of
an act noun ('a suicide bomber of X'), pronoun subjects, back-references that give an earlier act its author
(claims, outlets, officials' and analysts' words) and never the country's common group by default. Sentences are
our own."""

from __future__ import annotations

from datetime import date

import pytest

from trends.extract.actors import find_actors, resolve_actor
from trends.extract.parse import extract
from trends.extract.score import score_events

HEAD = "Weekly update, August 20, 2016\n\n"


def _events(body: str, head: str = HEAD):
    return extract(head + body, "t").events


@pytest.mark.parametrize(
    "raw, on, want",
    [
        ("Jabhat Fatah al-Sham", date(2016, 9, 1), "Jabhat Fateh al-Sham"),
        ("Jabhat Fatah al-Sham", date(2018, 1, 1), "Hayat Tahrir al-Sham"),
        ("Sinai Province", None, "IS Sinai"),
        ("West Africa Province", None, "ISWAP"),
        ("Houthi", None, "Houthis"),
        ("Ansar Allah", None, "Houthis"),
        ("Syrian National Army (SNA)", None, "Syrian National Army"),
    ],
)
def test_spellings_the_registry_keeps(raw, on, want):
    assert resolve_actor(raw, on).actor == want


def test_a_province_name_alone_is_the_group_but_not_egypts_governorate():
    t = "Sinai Province operatives attacked a checkpoint in North Sinai Province."
    assert [m.raw for m in find_actors(t, 0, len(t))] == ["Sinai Province"]


def test_the_syrian_national_army_is_its_own_actor_not_the_syrian_state():
    t = "On August 12, 2016, the Syrian National Army (SNA) took over the town of al-Rai (Aleppo Province) after fighting.\n"
    (ev,) = _events("Syria\n\n" + t)
    assert ev["actor"] == "Syrian National Army"


def test_the_owner_of_a_suicide_bomber_is_the_agent():
    (ev,) = _events(
        "Syria\n\n• On August 10, 2016, a suicide bomber of Jabhat Fatah al-Sham drove a car bomb into a Syrian army "
        "position in southwestern Aleppo (Aleppo Province).\n"
    )
    assert ev["actor"] == "Jabhat Fateh al-Sham"


def test_they_after_the_time_words_is_the_group_just_named():
    evs = _events(
        "Egypt\n\n• On August 15, 2016, Sinai Province operatives abducted a resident of al-Arish and beheaded him; "
        "on the next day they fired mortar shells at an army camp south of Sheikh Zuweid.\n"
    )
    assert [(e["event_date"], e["actor"]) for e in evs] == [("2016-08-15", "IS Sinai"), ("2016-08-16", "IS Sinai")]


def test_a_lower_case_clause_under_a_claims_lead_in_is_the_groups_claim():
    evs = _events(
        "Iraq\n\nAccording to claims of responsibility issued by ISIS, the following attacks were carried out:\n\n"
        "Salah al-Din Province\n"
        "* On August 12, 2016, two soldiers were killed by sniper fire near Baiji; on the following day, a car bomb "
        "driven by a suicide bomber was detonated at an Iraqi army checkpoint near al-Shirqat.\n"
    )
    assert [(e["event_date"], e["actor"], e["attribution"]) for e in evs] == [
        ("2016-08-12", "Islamic State", "claimed"),
        ("2016-08-13", "Islamic State", "claimed"),
    ]


def test_the_scorer_resolves_a_name_as_of_the_events_date():
    gold = [{"event_date": "2016-08-10", "actor": "Jabhat Fatah al-Sham", "country": "Syria", "event_type": "attack"}]
    pred = [{"event_date": "2016-08-10", "actor": "Jabhat Fateh al-Sham", "country": "Syria", "event_type": "attack"}]
    assert score_events(pred, gold).n_matched == 1


def _one(body: str, head: str = HEAD):
    evs = _events(body, head)
    assert len(evs) == 1, evs
    return evs[0]["actor"], evs[0]["attribution"]


def test_a_claim_by_an_appositive_name_gives_the_act_told_before_its_author():
    got = _one(
        "Mali\n\nMilitants attacked a Malian army camp in Tarkint, Gao region, on August 9, killing 29 soldiers "
        "(AFP, August 10, 2016). Al Qaeda's Sahelian affiliate, Jama'at Nusrat al Islam wal Muslimin (JNIM), "
        "claimed the attack two days later (az Zallaqa, August 11, 2016).\n"
    )
    assert got == ("JNIM", "claimed")


@pytest.mark.parametrize(
    "outlet, country, place, want",
    [
        ("az Zallaqa", "Benin", "Kerou, Atacora department", "JNIM"),
        ("al-Kataib", "Kenya", "Lamu, Lamu County", "al-Shabaab"),
        ("Amaq", "Somalia", "Bosaso, Bari region", "IS Somalia"),
    ],
)
def test_a_groups_own_outlet_as_the_source_is_that_groups_claim(outlet, country, place, want):
    got = _one(
        f"{country}\n\n- A police post in {place}, was attacked on August 10, and one policeman was killed ({outlet}, August 11, 2016).\n"
    )
    assert got == (want, "claimed")


def test_a_denial_is_no_event_of_its_own():
    evs = _events(
        "Syria\n\n• On August 15, 2016, a suicide bomber blew himself up near buses carrying evacuees in al-Rashidin "
        "(Aleppo Province), killing dozens (SOHR, August 16, 2016).\n"
        "• No organization claimed responsibility for the bombing. Hayat Tahrir al-Sham issued a statement denying "
        "any involvement and condemning the attack (Telegram, August 15, 2016).\n"
    )
    assert [(e["actor"], e["event_type"]) for e in evs] == [("unknown", "suicide attack")]


def test_no_group_claimed_undoes_the_lead_ins_group():
    got = _one(
        "### Democratic Republic of the Congo\n\nISCAP is continuing its massacres of civilians in North Kivu and "
        "Ituri provinces.\n\nMilitants kidnapped at least 20 people near Komanda, Ituri province, on August 15, "
        "according to local leaders (Radio Okapi, August 16, 2016). No group has claimed the kidnapping.\n"
    )
    assert got == ("unknown", "reported")


@pytest.mark.parametrize(
    "after, want",
    [
        ("The Syrian Interior Ministry attributed the attack to an ISIS cell.", ("Islamic State", "reported")),
        (
            "CTP assesses that Boko Haram's Jama'at Ahl al Sunna lil Dawa wal Jihad (JAS) faction conducted the "
            "attack, given its use of female bombers.",
            ("Boko Haram", "assessed"),
        ),
        (
            "In the ITIC's assessment, ISIS operatives inside the camp were behind the bombing.",
            ("Islamic State", "assessed"),
        ),
    ],
)
def test_others_and_the_authors_name_the_author_after_the_act(after, want):
    got = _one(
        "Syria\n\nA suicide bomber detonated his explosive vest at a market in the al-Hol camp, Hasakah province, on "
        f"August 14, killing 12 people (SANA, August 15, 2016). {after}\n"
    )
    assert got == want


def test_a_claim_of_responsibility_outranks_a_toll_given_according_to_someone():
    got = _one(
        "Afghanistan\n\n• On August 11, 2016, a suicide bomber blew himself up near a ministry in Kabul. According "
        "to the Taliban, five people were killed. ISIS's Khorasan Province claimed responsibility for the attack "
        "(Amaq, August 11, 2016).\n"
    )
    assert got == ("ISKP", "claimed")


def test_another_attack_after_a_semicolon_is_its_own_event_of_the_claimed_list():
    evs = _events(
        "Iraq\n\nISIS's claims of responsibility in the various provinces:\n\nSalah al-Din Province\n"
        "* On August 16, 2016, a Popular Mobilization position near Tuz Khurmatu was shelled with mortar shells; in "
        "another attack that day, a policeman was killed by sniper fire in Baiji (Amaq, August 16, 2016).\n"
    )
    assert [(e["event_date"], e["actor"], e["event_type"]) for e in evs] == [
        ("2016-08-16", "Islamic State", "mortar/rocket"),
        ("2016-08-16", "Islamic State", "shooting"),
    ]


@pytest.mark.parametrize(
    "after",
    [
        "The attack is the deadliest on Malian forces since the November 2019 attacks on Indelimane.",
        'The attack followed an August 5 statement in which a JNIM spokesman warned that the group would "punish" '
        "collaborators.",
    ],
)
def test_the_act_told_before_as_subject_of_a_comparison_or_sequence_is_no_new_event(after):
    evs = _events(
        "Mali\n\nJNIM fighters attacked a Malian army camp in Tarkint, Gao region, on August 9, killing 29 soldiers "
        f"(AFP, August 10, 2016). {after}\n"
    )
    assert [(e["event_date"], e["actor"]) for e in evs] == [("2016-08-09", "JNIM")]


def test_a_claim_of_both_attacks_covers_the_two_acts_told_before_it():
    evs = _events(
        "Tunisia\n\n- On August 12, 2016, a suicide bomber blew himself up next to a police patrol in central Tunis, "
        "killing a police officer. A short time later, a second suicide bomber blew himself up at the gate of a "
        "National Guard base in the capital, wounding four policemen. ISIS claimed responsibility for both attacks "
        "(Telegram, August 12, 2016).\n"
    )
    assert [(e["event_date"], e["actor"], e["attribution"]) for e in evs] == [
        ("2016-08-12", "Islamic State", "claimed"),
        ("2016-08-12", "Islamic State", "claimed"),
    ]


def test_a_second_clause_after_a_semicolon_with_its_own_subject_is_that_subjects_act():
    evs = _events(
        "Somalia\n\nAl Shabaab fighters attacked army positions in Galcad, Galguduud region, on August 10, killing "
        "seven soldiers, according to Somali officials; US forces conducted an airstrike near Galcad the same day "
        "that killed 30 al Shabaab fighters (AFRICOM, August 12, 2016).\n"
    )
    assert [(e["event_date"], e["actor"], e["event_type"]) for e in evs] == [
        ("2016-08-10", "al-Shabaab", "attack"),
        ("2016-08-10", "Government of United States", "airstrike"),
    ]
