"""Press actors of the seventh round (issue 13): state forces written without their country, and the article-level
resolution of an act's perpetrator from the article's claims and blames. Every text here is invented."""

from trends.extract.press import extract_press


def _ev(text):
    return [(e["event_date"], e["actor"], e["event_type"]) for e in extract_press(text).events]


PHILIPPINES = """Clashes continue in Sulu, military says
Published July 1, 2019

MANILA, Philippines - Government troops remain on alert across Sulu province.

On Thursday, marines clashed with about 40 Abu Sayyaf gunmen near Patikul town, killing three militants, army spokesman Maj. Ana Cruz said.

On Friday, soldiers arrested a suspected bomb-maker in Jolo, the provincial capital.

Source link
"""


def test_bare_forces_of_a_philippine_story_are_its_state_and_a_spokesman_is_no_target():
    evs = _ev(PHILIPPINES)
    assert ("2019-06-27", "Government of Philippines", "attack") in evs  # not a raid on the spokesman
    assert ("2019-06-28", "Government of Philippines", "arrest/raid") in evs


KENYA = """Bus attack in Lamu
Published January 6, 2020

Police blamed al-Shabaab for the January 2 attack on a bus near Witu, in Lamu County, in which gunmen killed four passengers.

Source link
"""


def test_a_force_that_blames_a_group_is_the_source_not_the_agent():
    assert _ev(KENYA) == [("2020-01-02", "al-Shabaab", "attack")]


CHAD = """Lake Chad fighting
Published January 16, 2024

In Chad, soldiers repelled an attack by Boko Haram fighters on an army post at Ngouboua on Friday, killing 10 of the assailants, the army said.

Source link
"""


def test_an_attack_by_a_group_that_soldiers_repelled_is_the_groups():
    assert [a for _, a, _ in _ev(CHAD)] == ["Boko Haram"]


LIBYA = """Fighting in eastern Libya
Published June 7, 2016

BENGHAZI, June 7 (Reuters) - Libyan National Army aircraft bombed positions of militants in Derna on Saturday, a spokesman said.

On Sunday, forces loyal to eastern commander Khalifa Haftar said they had killed an Islamic State commander in a raid near Sabha.

Source link
"""


def test_the_libyan_national_army_is_its_own_actor_not_the_state():
    actors = [a for _, a, _ in _ev(LIBYA)]
    assert actors == ["Libyan National Army", "Libyan National Army"]


SULU = """Suicide bombers hit army camp in Sulu, military says
Published June 30, 2019

JOLO, Philippines, June 30 (AP) - Two suicide bombers blew themselves up at the gate of an army camp in Indanan town in Sulu province on Friday, killing three soldiers, the military said. Military officials blamed the attack on Abu Sayyaf militants.

Source link
"""


def test_blame_told_later_in_the_paragraph_names_the_actor_with_a_reason():
    [ev] = extract_press(SULU).events
    assert ev["actor"] == "Abu Sayyaf" and ev["confidence"] != "high"
    assert "claim or blame that follows" in ev["confidence_reason"]


def test_a_blame_that_is_denied_or_absent_leaves_the_act_unknown():
    text = SULU.replace("Military officials blamed the attack on Abu Sayyaf militants.", "No group has claimed it.")
    assert [e["actor"] for e in extract_press(text).events] == ["unknown"]


HOTEL = """Al-Shabaab suicide attack on Mogadishu hotel kills at least six
By Staff Reporter
Published March 15, 2024

MOGADISHU, March 15 (Reuters) - A suicide bomber drove an explosives-laden car into the gate of a hotel in Mogadishu late on Thursday, killing at least six people, police said.

Security forces ended the siege on Friday morning.

Source link
"""


def test_the_lead_act_takes_the_group_the_title_names_as_its_doer():
    [ev] = extract_press(HOTEL).events
    assert ev["actor"] == "al-Shabaab" and "article's title" in ev["confidence_reason"]
    # a title naming the group as the target gives nothing
    text = HOTEL.replace(
        "Al-Shabaab suicide attack on Mogadishu hotel", "Suicide attack on al-Shabaab defectors' hotel"
    )
    assert [e["actor"] for e in extract_press(text).events] == ["unknown"]


DIGEST = """Morning Digest - Yemen
Thursday, 16 August 2018

YEMEN

AQAP claims (Telegram)
- Two soldiers were killed in an ambush near Ataq, Shabwa, on Monday.
- An IED struck an army vehicle in Lawdar, Abyan, on Tuesday, wounding three.

Source link
"""


def test_passive_bullets_under_a_heading_that_names_a_claimant_are_its_acts():
    assert {e["actor"] for e in extract_press(DIGEST).events} == {"AQAP"}


AMAQ = """Sinai roundup
Published June 7, 2016

Two soldiers were killed when an IED hit an armoured vehicle south of el-Arish, North Sinai, on Monday (Amaq, June 6, 2016).

Source link
"""


def test_an_act_the_islamic_states_outlet_reports_is_its_branchs():
    assert [e["actor"] for e in extract_press(AMAQ).events] == ["IS Sinai"]


BURKINA = """Burkina Faso: attacks in the east
Published August 27, 2024

JNIM fighters killed 20 soldiers near Fada N'Gourma on Saturday, the army said.

Gunmen on motorbikes attacked an army outpost near Tawori in the Est region on Sunday, the army said, without identifying the attackers.

Source link
"""


def test_an_act_the_text_leaves_unidentified_is_not_given_to_the_articles_group():
    actors = [e["actor"] for e in extract_press(BURKINA).events]
    assert actors == ["JNIM", "unknown"]


XITAXI = """Interview: the insurgents of Cabo Delgado
Published 16/11/2020

On 23 March insurgents linked to the Islamic State occupied the town of Mocimboa da Praia for a day.

Then on 7 April, in the village of Xitaxi in Muidumbe district, they executed 52 young men.

Source link
"""


def test_a_pronoun_subject_after_long_adjuncts_is_the_articles_group():
    assert [e["actor"] for e in extract_press(XITAXI).events] == ["IS Mozambique", "IS Mozambique"]


def test_a_town_and_its_province_in_apposition_give_the_province():
    text = """Somalia roundup
Published August 16, 2018

- Al-Shabaab fighters attacked a Somali army base at Bariire, Lower Shabelle, before dawn on Wednesday, killing 16 soldiers.
- Suspected BIFF gunmen fired mortar rounds at the town center of Datu Paglas, Maguindanao, on Tuesday, wounding three.

Source link
"""
    assert [(e["country"], e["province"]) for e in extract_press(text).events] == [
        ("Somalia", "Shabeellaha Hoose"),
        ("Philippines", "Maguindanao"),
    ]


def test_a_claim_on_the_groups_own_outlet_is_no_second_event():
    text = """Bomb at a university gym
Published December 4, 2023

MARAWI, Philippines, Dec 4 (Reuters) - A bomb exploded during a Mass in a gymnasium in Marawi on Sunday, killing four people, police said.

The Islamic State's East Asia Province said on its Amaq news agency that its fighters had set off the device.

Source link
"""
    [ev] = extract_press(text).events
    assert ev["actor"] == "IS East Asia" and ev["attribution"] == "claimed"


MINDANAO = """Q&A: the Marawi gym bombing
Published December 12, 2023

On Dec. 1, two days before the bombing, the military killed 11 Dawlah Islamiyah fighters in an air and ground assault in Datu Hoffer, Maguindanao del Sur, among them a senior commander.

When hundreds of gunmen from the Maute group, backed by Abu Sayyaf fighters, overran Marawi on May 23, 2017, they held parts of the city for five months.

Source link
"""


def test_the_state_acts_after_a_dated_adjunct_and_an_air_assault_is_an_airstrike():
    evs = _ev(MINDANAO)
    assert ("2023-12-01", "Government of Philippines", "airstrike") in evs


def test_gunmen_from_a_group_are_the_groups_even_when_another_group_is_named_more():
    assert ("2017-05-23", "Maute group", "attack") in _ev(MINDANAO)


def test_jad_is_a_group_of_its_own():
    text = """Indonesia's bombers
Published May 20, 2025

On May 13, 2018, families linked to JAD carried out suicide bombings at three churches in Surabaya, killing 15 people.

Source link
"""
    assert [a for _, a, _ in _ev(text)] == ["JAD"]


SULU_HISTORY = """Sulu camp bombing
Published June 30, 2019

Military officials blamed the attack on Abu Sayyaf militants led by Hatib Hajan Sawadjaan.

The bombing came five months after the Jan. 27 twin suicide bombings at a cathedral in Jolo, which killed 23 people and which officials also blamed on Sawadjaan's faction.

Source link
"""


def test_a_blame_on_a_leader_named_for_his_group_is_the_groups():
    assert [a for _, a, _ in _ev(SULU_HISTORY)] == ["Abu Sayyaf"]


def test_a_hyphenated_pair_of_names_is_the_first_group():
    text = SULU.replace("Abu Sayyaf militants.", "the Dawlah Islamiyah-Maute group.")
    assert [e["actor"] for e in extract_press(text).events] == ["Maute group"]


def test_it_after_a_sentence_opened_by_the_group_is_the_group_not_an_earlier_force():
    text = """Cabo Delgado: the insurgency returns
Published May 20, 2024

Insurgents linked to the Islamic State attacked the village of Mazeze on 9 February. On 12 February, Rwandan troops recaptured the town of Mazeze.

The group is now fighting on several fronts at once. Last week, it said it had killed five Mozambican soldiers in an ambush near Mbau.

Source link
"""
    evs = _ev(text)
    assert evs[-1][1] == "IS Mozambique" and evs[-1][2] == "ambush"


def test_a_states_troops_that_execute_villagers_are_the_state():
    text = """Mali: the Moura killings
Published March 20, 2024

Over five days in March 2022, Malian troops and foreign armed men executed some 500 people in the village of Moura, in the Mopti region, according to a UN report.

Source link
"""
    assert [(a, t) for _, a, t in _ev(text)] == [("Government of Mali", "execution")]


def test_an_apposition_that_claims_the_act_is_no_second_event_and_a_footnote_mark_ends_a_sentence():
    text = """Kerman and after
Published January 20, 2024

On January 3, two suicide bombers struck a crowd in Kerman, Iran, killing more than 90 people, an attack the group claimed in a statement the following day.

- On July 31 last year, a suicide bomber detonated a van at a checkpoint near Lamitan City, Basilan, killing 10 people.¹

Source link
"""
    evs = extract_press(text).events
    assert [e["event_date"] for e in evs] == ["2024-01-03", "2023-07-31"]
    assert evs[0]["attribution"] == "claimed"


def test_acts_told_as_a_set_with_no_number_are_no_single_event():
    from trends.extract.press import non_event_reason

    why = non_event_reason("- AQAP claimed a string of attacks in Shabwa and Abyan this week.", has_group=True)
    assert why and "several acts" in why
    assert non_event_reason("AQAP claimed an attack in Shabwa on Monday.", has_group=True) is None


def test_a_place_in_north_sinai_is_egypts_province_and_its_troops_egypts_state():
    text = """Sinai roundup
Published May 9, 2022

Troops chasing the attackers killed seven militants in a raid on their hideout near Rumana, North Sinai, on Sunday morning, the army said in a statement.

Source link
"""
    [ev] = extract_press(text).events
    assert (ev["actor"], ev["country"], ev["province"]) == ("Government of Egypt", "Egypt", "Shamal Sina'")


def test_a_blame_read_from_the_next_sentence_is_withdrawn_when_that_sentence_says_nobody_claimed_it():
    text = """Syria roundup
Published July 10, 2024

Hayat Tahrir al-Sham fighters attacked a checkpoint near Idlib on Monday, killing two guards.

Last month, a car bomb exploded near a vegetable market in Manbij, in Aleppo province, killing eight civilians. No group claimed it, and local factions blamed Hayat Tahrir al-Sham and each other.

Source link
"""
    evs = extract_press(text).events
    assert [e["actor"] for e in evs] == ["Hayat Tahrir al-Sham", "unknown"]
