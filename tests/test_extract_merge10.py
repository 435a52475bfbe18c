"""One event per attack (ninth round, merge10): a second act of a bullet opened 'A short time later', '; in
another attack that day', '; US forces conducted an airstrike ... the same day' is its own event with its own toll;
an attack retold or claimed later is one event. Sentences are our own."""

from __future__ import annotations

from trends.extract.parse import extract

HEAD = "Spotlight on Global Jihad (May 2-15, 2024)\n\nMay 16, 2024\n\n"


def _run(body: str):
    return extract(HEAD + body, "t")


def _rows(r, *keys):
    return [tuple(e[k] for k in keys) for e in r.events]


def test_a_short_time_later_a_second_bomber_is_a_second_event():
    r = _run(
        "Kenya\n\n•\tOn May 6, 2024, a suicide bomber blew himself up next to a police patrol in central Mombasa, "
        "killing a policeman. A short time later, a second suicide bomber blew himself up at the gate of a police "
        "base in Likoni, wounding four policemen. Al-Shabaab claimed responsibility for both attacks.\n"
    )
    assert _rows(r, "event_date", "event_type", "fatalities", "wounded") == [
        ("2024-05-06", "suicide attack", 1, None),
        ("2024-05-06", "suicide attack", None, 4),
    ]


def test_in_another_attack_that_day_after_a_semicolon_is_a_second_event():
    r = _run(
        "Iraq\n\n•\tOn May 7, 2024, an army position near Tuz Khurmatu was shelled with mortar shells; in another "
        "attack that day, a policeman was killed by sniper fire in Baiji (Amaq, May 7, 2024).\n"
    )
    assert _rows(r, "event_date", "event_type", "fatalities") == [
        ("2024-05-07", "mortar/rocket", None),
        ("2024-05-07", "shooting", 1),
    ]


def test_a_forces_strike_the_same_day_after_a_semicolon_is_its_own_event():
    r = _run(
        "Somalia\n\n•\tAl-Shabaab fighters attacked army positions in Galcad, Galguduud region, on May 8, 2024, "
        "killing seven soldiers, according to officials; US forces conducted an airstrike near Galcad the same day "
        "that killed 30 al-Shabaab fighters (AFRICOM, May 9, 2024).\n"
    )
    assert _rows(r, "event_date", "actor", "event_type", "fatalities") == [
        ("2024-05-08", "al-Shabaab", "attack", 7),
        ("2024-05-08", "Government of United States", "airstrike", 30),
    ]


def _press(body: str, published: str = "October 10, 2024"):
    from trends.extract.press import extract_press

    text = f"Sahel security roundup\nBy A. Reporter\nPublished {published}\n\n{body}\n\nSource link\n"
    return [(e["event_date"], e["province"], e["event_type"], e["fatalities"]) for e in extract_press(text).events]


def test_press_a_second_act_after_and_a_day_later_is_its_own_event():
    rows = _press(
        "Four soldiers were killed when their vehicle struck an IED near Djibo in Soum province on Sunday, and a "
        "day later two village chiefs were abducted near Arbinda."
    )
    assert [(d, t, k) for d, _, t, k in rows] == [("2024-10-06", "IED", 4), ("2024-10-07", "kidnapping", None)]


def test_press_a_second_act_of_its_own_day_after_the_speaker_is_its_own_event():
    rows = _press(
        "On October 2, troops killed three militants in a clash near Mopti, the army said, and on Monday police "
        "in Segou arrested two men suspected of helping them."
    )
    assert [(d, t) for d, _, t, _ in rows] == [("2024-10-02", "attack"), ("2024-10-07", "arrest/raid")]


def test_press_the_same_subjects_second_act_the_same_night_is_its_own_event():
    rows = _press(
        "Gunmen killed five civilians at a well on the edge of Dori on Sunday and burned the cattle market at "
        "Gorom-Gorom the same night."
    )
    assert [(d, k) for d, _, _, k in rows] == [("2024-10-06", 5), ("2024-10-06", None)]


def test_press_an_act_and_its_claim_hours_later_stay_one_clause():
    rows = _press(
        "On Sunday, a drone hit an army post near Dori, wounding two soldiers, and the group claimed it hours later."
    )
    assert len(rows) == 1


def test_press_a_semicolon_before_a_place_of_its_own_opens_a_second_act():
    rows = _press(
        "On October 3, gunmen shot dead the mukhtar of a village near Markada, Hasakah; in Dhiban, a hand grenade "
        "thrown at an SDF post wounded three fighters."
    )
    assert [(d, p) for d, p, _, _ in rows] == [("2024-10-03", "Hasakah"), ("2024-10-03", "Deir ez-Zor")]


def _press_file(text: str):
    from trends.extract.press import extract_press

    return extract_press(text).events


CLAIM_FIRST = """Islamic State claims twin bombings at a shrine in Mali
By A. Reporter
Published March 8, 2024

MOPTI, Mali (Reuters) - Islamic State claimed responsibility on Thursday for two bombings that killed at least 31 people at a shrine near Mopti, the deadliest attack in the region in years.

Two suicide bombers blew themselves up on Wednesday outside the shrine of a local saint near Mopti, killing at least 31 people and wounding 90, officials said.

Source link
"""


def test_press_a_claim_and_the_attack_told_next_are_one_event_dated_by_the_attack():
    evs = _press_file(CLAIM_FIRST)
    assert [(e["event_date"], e["event_type"], e["fatalities"], e["wounded"], e["attribution"]) for e in evs] == [
        ("2024-03-06", "suicide attack", 31, 90, "claimed")
    ]
    # the claim sentence's only day is the claim's ('claimed responsibility on Thursday'): never an event of its own
    assert evs[0]["evidences"][0]["sentence"].startswith("Two suicide bombers")


RETOLD = """Twin blasts kill 14 in Sulu
By AFP
Published August 25, 2020

Two bombs ripped through the centre of Jolo on the island of Sulu on Monday, killing 14 people, in an attack the military blamed on Abu Sayyaf.

Source link

The long war in the south
By A. Analyst
Published December 6, 2023

Maute group militants carried out the August 24, 2020 twin bombings in Jolo, which killed 14 people, the army said.

Source link
"""


def test_press_a_later_articles_event_with_the_same_day_place_and_toll_is_the_one_told_before():
    evs = _press_file(RETOLD)
    assert [(e["event_date"], e["province"], e["fatalities"]) for e in evs] == [("2020-08-24", "Sulu", 14)]


def test_press_a_dated_attack_in_an_after_adjunct_and_the_response_later_are_two_events():
    rows = _press(
        "None of this is new. After the March 3, 2019 suicide bombing in Gao, claimed by JNIM, which killed 12 "
        "soldiers, French jets struck a camp near Menaka four days later."
    )
    assert [(d, t, k) for d, _, t, k in rows] == [
        ("2019-03-03", "suicide attack", 12),
        ("2019-03-07", "airstrike", None),
    ]


TOLD_ANCHOR = """The Gao bombing and the war in the north
By A. Analyst
Published March 10, 2024

On March 3, a suicide bomber blew himself up at a checkpoint in Gao, killing six soldiers.

The army has stepped up raids. Two days before the Gao bombing, troops detained four JNIM suspects in Menaka, the army said.

Source link
"""


def test_press_a_day_counted_from_the_attack_the_article_told_before():
    evs = _press_file(TOLD_ANCHOR)
    assert [(e["event_date"], e["event_type"]) for e in evs] == [
        ("2024-03-03", "suicide attack"),
        ("2024-03-01", "arrest/raid"),
    ]


def test_sentences_about_an_attack_told_before_are_no_events():
    r = _run(
        "Mali\n\n•\tOn May 9, 2024, militants attacked an army camp in Tarkint, Gao region, killing 20 soldiers "
        "(AFP, May 10, 2024). The attack is the deadliest on Malian forces since the November 2019 attacks on "
        "Indelimane. The attack followed a May 2 statement in which a JNIM spokesman warned the army. A rival group "
        "issued a statement denying any involvement and condemning the attack (Telegram, May 10, 2024).\n"
    )
    assert _rows(r, "event_date", "fatalities") == [("2024-05-09", 20)]


def test_a_claim_two_days_later_by_a_group_named_with_its_acronym_is_the_told_attacks():
    r = _run(
        "Mali\n\nMilitants attacked a Malian army camp in Tarkint, Gao region, on May 3, 2024, killing 29 soldiers "
        "(AFP, May 4, 2024).[16] Al Qaeda's Sahelian affiliate, Jama'at Nusrat al Islam wal Muslimin (JNIM), claimed "
        "the attack two days later (az Zallaqa, May 5, 2024).[17]\n"
    )
    assert _rows(r, "event_date", "actor", "attribution") == [("2024-05-03", "JNIM", "claimed")]


def test_press_an_act_about_an_hour_after_the_one_before_is_a_second_event_of_that_day():
    rows = _press(
        "Two bombs ripped through the centre of Gao on Monday, killing at least 14 people.\n\nThe first bomb went "
        "off near the market shortly before noon.\n\nAbout an hour later, a woman suicide bomber blew herself up "
        "outside the cathedral a few hundred metres away, killing five more people."
    )
    assert [(d, t, k) for d, _, t, k in rows] == [("2024-10-07", "attack", 14), ("2024-10-07", "suicide attack", 5)]


HOTEL = """Siege at a hotel in Kismayo
By A. Reporter
Published July 13, 2019

KISMAYO, Somalia (Reuters) - Al-Shabaab militants stormed a popular hotel in the port city of Kismayo on Friday, setting off a siege that left at least 26 people dead, officials said.

A suicide bomber rammed a vehicle packed with explosives into the gate of the Blue Sky hotel before several gunmen forced their way inside, the state president told reporters on Saturday.

Source link
"""


def test_press_the_same_target_retold_in_the_storys_next_paragraph_is_one_event():
    evs = _press_file(HOTEL)
    assert [(e["event_date"], e["event_type"], len(e["evidences"])) for e in evs] == [
        ("2019-07-12", "suicide attack", 2)
    ]


def test_press_another_attack_on_the_same_kind_of_target_stays_its_own_event():
    evs = _press_file(HOTEL.replace("A suicide bomber rammed", "On Saturday, another suicide bomber rammed"))
    assert len(evs) == 2


def test_and_shortly_afterwards_and_a_separate_bombing_open_second_acts():
    r = _run(
        "Afghanistan\n\n•\tOn May 9, 2024, an ISIS suicide bomber blew himself up at the entrance to a police station "
        "in western Kabul, and shortly afterwards ISIS operatives armed with rifles attacked a second police station "
        "in the center of the city. Four policemen were killed in the first attack and two in the second.\n\n"
        "ISKP claimed an IED attack on a minibus in Kabul's Dasht-e Barchi neighborhood on May 11, 2024, which "
        "killed seven people, and a separate bombing of an electricity pylon in Charikar, Parwan province, on May "
        "12, 2024.\n"
    )
    assert _rows(r, "fatalities")[:2] == [(4,), (2,)]  # one toll for each act
    assert _rows(r, "event_date", "actor", "province", "event_type") == [
        ("2024-05-09", "ISKP", "Kabul", "suicide attack"),
        ("2024-05-09", "ISKP", "Kabul", "attack"),
        ("2024-05-11", "ISKP", "Kabul", "IED"),
        ("2024-05-12", "ISKP", "Parwan", "IED"),
    ]
