"""Press rules of the twelfth round: a single pasted wire article, and whose claim an act carries.

Every text here is invented for the test."""

from trends.extract import extract_report
from trends.extract.press import extract_press, looks_like_press
from trends.extract.score import score_events

WIRE = """Fighters overrun army post in northeast Nigeria

By MUSA IBRAHIM
Updated 6:12 PM GMT, March 14, 2018

MAIDUGURI (AP) — Jihadist fighters stormed an army post near the town of Monguno in Nigeria's Borno state on Tuesday, killing nine soldiers and wounding four others, two military officers said.

The Islamic State West Africa Province claimed the attack on Wednesday in a statement carried by its Amaq news agency.

On Monday, a roadside bomb killed three farmers on the road between Maiduguri and Damboa, police said. No group claimed that blast.
"""


def test_a_single_wire_article_is_read_as_news():
    assert looks_like_press(WIRE)
    assert looks_like_press("Blast in port city\n\nADEN, Yemen (AP) — A car bomb exploded on Monday.")
    assert looks_like_press("A bomb in the market\n\nBy Jane Roe\nPublished June 3, 2019\n\nA bomb went off.")
    # a weekly report that prints its authors and a date line is still a weekly report
    assert not looks_like_press(
        "Salafi-Jihadi Movement Update, June 3, 2019\n\nBy Jane Roe and John Doe\nPublished June 3, 2019\n\n"
        "Key Takeaways\n\nISIS attacked a checkpoint."
    )


def test_a_single_wire_article_gets_its_events_dated_from_its_own_date_line(tmp_path):
    f = tmp_path / "wire.txt"
    f.write_text(WIRE, encoding="utf-8")
    evs = {e["event_date"]: e for e in extract_report(f).events}
    assert evs["2018-03-13"]["actor"] == "ISWAP" and evs["2018-03-13"]["fatalities"] == 9
    assert evs["2018-03-12"]["event_type"] == "IED"


def test_an_act_nobody_is_named_for_does_not_take_the_claim_of_the_act_before_it():
    evs = {e["event_date"]: e for e in extract_press(WIRE).events}
    assert evs["2018-03-13"]["attribution"] == "claimed"
    assert evs["2018-03-12"]["actor"] == "unknown"
    assert evs["2018-03-12"]["attribution"] == "reported"


def test_a_group_saying_one_of_its_fighters_did_it_claims_the_act_told_before():
    text = (
        "Mosque bombing kills worshippers\nPublished May 8, 2021\n\nKABUL (Reuters) - A suicide bomber struck a mosque in "
        "Kunduz province during Friday prayers on Friday, killing at least 40 people. "
        "Islamic State Khorasan said in a statement that one of its fighters had carried out the bombing.\n"
    )
    evs = extract_press(text).events
    assert len(evs) == 1
    assert evs[0]["actor"] == "ISKP" and evs[0]["attribution"] == "claimed"


def test_the_score_counts_attribution_agreement_among_matched_events():
    gold = [
        {
            "event_date": "2020-01-01",
            "actor": "ISWAP",
            "province": "Borno",
            "country": "Nigeria",
            "event_type": "attack",
            "attribution": "claimed",
        },
        {
            "event_date": "2020-01-02",
            "actor": "ISWAP",
            "province": "Borno",
            "country": "Nigeria",
            "event_type": "attack",
            "attribution": "reported",
        },
    ]
    pred = [dict(g, attribution="claimed") for g in gold]
    s = score_events(pred, gold)
    assert s.n_matched == 2 and s.attribution_exact == 1 and s.attribution_accuracy == 0.5


def test_last_thursday_written_on_a_thursday_is_a_week_before_and_on_thursday_is_that_day():
    text = (
        "Two attacks in the south\nPublished Thursday, May 6, 2021\n\nKANDAHAR (Reuters) - Last Thursday, a suicide "
        "bomber killed 12 soldiers at a checkpoint in Kandahar province. On Thursday, gunmen shot dead two "
        "policemen in Helmand province, officials said.\n"
    )
    days = sorted(e["event_date"] for e in extract_press(text).events)
    assert days == ["2021-04-29", "2021-05-06"]


def test_a_wire_web_page_date_line_in_capitals_with_a_slashed_time_dates_the_article():
    from trends.extract.documents import split_documents

    text = (
        "Militants raid a base in the northeast\n\nBy Jane Roe and John Doe\nMARCH 4, 2021 / 9:05 AM / Updated 2 "
        "hours ago\n\nYOLA, Nigeria (Reuters) - Militants attacked an army base in Adamawa state on Tuesday, "
        "killing four soldiers, sources said.\n"
    )
    (doc,) = split_documents(text)
    assert str(doc.published) == "2021-03-04"
    assert [e["event_date"] for e in extract_press(text).events] == ["2021-03-02"]


SDF_STORY = """Attacks on checkpoints in the east

Published October 14, 2022

HASAKAH, Syria (AP) — Islamic State fighters attacked an SDF post near Markada on Monday, killing two guards, the group said through its Amaq agency.

On Tuesday, gunmen shot dead a tribal elder in Hajin, in Deir ez-Zor province. No group claimed the killing, which local officials blamed on IS cells.

It was not immediately clear who planted the bomb that wounded four SDF fighters near Busayrah, in Deir ez-Zor province, on Wednesday.

Masked men opened fire on a bakery in Mayadin, in Deir ez-Zor province, an area held by Syrian government forces, on Thursday, killing three workers.
"""


def test_a_denied_claim_with_a_blame_keeps_the_blamed_group_and_an_unclear_author_is_unknown():
    evs = {e["event_date"]: e for e in extract_press(SDF_STORY).events}
    assert evs["2022-10-11"]["actor"] == "Islamic State"
    assert evs["2022-10-11"]["attribution"] == "reported"
    assert evs["2022-10-12"]["actor"] == "unknown"


def test_a_force_that_holds_the_place_is_not_the_author_of_the_act():
    evs = {e["event_date"]: e for e in extract_press(SDF_STORY).events}
    assert evs["2022-10-13"]["actor"] != "Government of Syria"


def test_an_official_blaming_a_group_after_no_claim_names_the_author_but_traded_blame_does_not():
    head = "Village raid\n\nPublished March 3, 2021\n\nMAIDUGURI, Nigeria (AP) — On Monday, gunmen killed 12 farmers in Kukawa, in Borno state. "
    blamed = extract_press(head + "No group claimed the killings, but a police officer blamed Boko Haram.\n").events
    traded = extract_press(
        head + "No group claimed the killings, and rival militias blamed Boko Haram and each other.\n"
    ).events
    assert [e["actor"] for e in blamed] == ["Boko Haram"]
    assert [e["actor"] for e in traded] == ["unknown"]


def test_killing_by_blade_is_an_act_and_jets_that_destroyed_vehicles_struck_from_the_air():
    from trends.extract.event_types import event_type

    assert event_type("On Monday, rebels hacked 14 villagers to death with machetes near Oicha.") == "attack"
    assert event_type("The insurgents slit the throats of five farmers.") == "attack"
    assert event_type("Air force jets tracked and destroyed four vehicles carrying the attackers.") == "airstrike"
    assert event_type("The villagers said the jets flew over on Monday.") is None


def test_what_a_picture_shows_and_a_toll_over_days_of_fighting_are_no_acts():
    from trends.extract.press import non_event_reason

    assert non_event_reason(
        "A photo released by the army shows troops outside the church on Saturday, its door blown off by the blast.",
        has_group=False,
    )
    assert non_event_reason(
        "About 300 people were killed in the two weeks of fighting that followed the assault on the jail.",
        has_group=True,
    )
    assert non_event_reason("Troops shot dead two gunmen outside the church on Saturday.", has_group=False) is None


def test_a_published_line_after_an_outlet_or_a_dateline_dates_the_article_and_the_first_date_of_two_wins():
    from trends.extract.documents import split_documents

    def pub(head):
        (doc,) = split_documents(f"Blast hits a market in the north\n\n{head}\n\nA bomb went off on Monday.\n")
        return str(doc.published)

    assert pub("The Daily Star | Published March 9, 2022") == "2022-03-09"
    assert pub("Kabul (AFP) - Published Sunday, October 2, 2022 - 10:05 GMT") == "2022-10-02"
    assert pub("Published 20 February 2023 | Updated 21 February 2023") == "2023-02-20"


TURKEY = """Border town hit again

Published August 10, 2016

GAZIANTEP, Turkey (Reuters) - Islamic State fighters shelled a Turkish army post near Karkamis on Monday, wounding two soldiers, the army said.

On July 14, a suicide bomber killed nine people at a bus station in Gaziantep; officials blamed the group, which has not claimed the attack.

On August 2, Islamic State gunmen abducted six shepherds near Elbeyli, in Kilis province. Two days later, the same unit burned a school in a nearby village, the governor said.
"""


def test_officials_blaming_the_group_name_the_article_s_group_and_a_denied_claim_is_no_claim():
    evs = {e["event_date"]: e for e in extract_press(TURKEY).events}
    assert evs["2016-07-14"]["actor"] == "Islamic State"
    assert evs["2016-07-14"]["attribution"] == "reported"


def test_the_same_unit_is_the_author_of_the_act_told_before():
    evs = {e["event_date"]: e for e in extract_press(TURKEY).events}
    assert evs["2016-08-02"]["actor"] == "Islamic State"
    assert evs["2016-08-04"]["actor"] == "Islamic State"


STATES = """Strikes and raids

Published March 12, 2025

MOGADISHU, Somalia (Reuters) - Warplanes of the Saudi-led coalition struck Houthi positions near the port of Hodeidah on Monday, killing nine fighters, residents said.

Air strikes by the U.S.-led coalition on a village near Hajin, in Deir ez-Zor province, killed six people on Sunday, a monitor said.

On Tuesday, the National Intelligence and Security Agency said its officers arrested four al-Shabaab suspects in Mogadishu.
"""


def test_a_state_led_coalition_an_air_force_and_a_named_state_agency_are_state_forces():
    evs = {e["event_date"]: e for e in extract_press(STATES).events}
    assert evs["2025-03-10"]["actor"] == "Government of Saudi Arabia"
    assert evs["2025-03-09"]["actor"] == "Government of United States"
    assert evs["2025-03-11"]["actor"] == "Government of Somalia"
    from trends.extract.actors import find_actors

    s = "Air Force FA-50 jets dropped bombs on buildings on Monday."
    assert [m.is_state for m in find_actors(s, 0, len(s))] == [True]


def test_an_act_whose_author_stays_unknown_is_never_claimed_but_a_claim_told_first_still_claims_the_act():
    text = (
        "Claims and blasts\n\nPublished May 4, 2023\n\nGAO, Mali (Reuters) - Islamic State claimed an attack on an "
        "army post near Gao on Tuesday that killed five soldiers.\n\nOn Monday, a roadside bomb killed two traders "
        "near Ansongo. No group claimed the blast.\n"
    )
    evs = {e["event_date"]: e for e in extract_press(text).events}
    assert evs["2023-05-02"]["attribution"] == "claimed"
    assert evs["2023-05-01"]["actor"] == "unknown" and evs["2023-05-01"]["attribution"] == "reported"


def test_a_group_reporting_that_its_leader_died_in_a_us_strike_is_the_us_act_and_a_state_act_is_not_claimed():
    text = (
        "Leader killed\n\nPublished June 16, 2015\n\nADEN, Yemen (Reuters) - Islamic State claimed a car bombing in "
        "Sanaa on Monday that killed six people. AQAP said on Tuesday that its commander had been killed in a U.S. "
        "drone strike in Mukalla, in Hadramawt province, on Friday.\n"
    )
    evs = {e["event_date"]: e for e in extract_press(text).events}
    assert evs["2015-06-12"]["actor"] == "Government of United States"
    assert evs["2015-06-12"]["attribution"] == "reported"


def test_a_person_named_by_role_killed_by_blade_is_a_targeted_killing_but_a_crowd_is_not():
    from trends.extract.event_types import event_type

    text = (
        "Killing in the west\n\nPublished July 3, 2016\n\nDHAKA, Bangladesh (AP) — On June 7, attackers on motorcycles "
        "hacked to death a Hindu priest, Ram Chandra Das, near Jhenaidah.\n"
    )
    assert [e["event_type"] for e in extract_press(text).events] == ["assassination"]
    assert event_type("A man stabbed and beheaded Paul Martin, a school teacher, near his home.") == "assassination"
    assert event_type("Rebels hacked 19 villagers to death near the road.") == "attack"


def test_a_vehicle_packed_with_explosives_that_blew_up_is_a_vehicle_bomb():
    from trends.extract.event_types import event_type

    assert event_type("A truck packed with explosives blew up at a busy junction, killing 20 people.") == "IED"
    assert event_type("A suicide bomber drove a van packed with explosives into the gate.") == "suicide attack"
    assert event_type("Police found a truck packed with melons at the checkpoint.") is None


def test_another_strike_is_one_more_act_by_the_author_of_the_strike_told_before():
    text = (
        "Strikes in the north-east\n\nPublished February 14, 2025\n\nBOSASO, Somalia (Reuters) - U.S. Africa Command "
        "said it struck Islamic State fighters in the Cal Miskaad mountains on February 8, killing 12.\n\n"
        "Another strike on February 10, south-east of Bosaso, killed four more fighters, the command said.\n"
    )
    evs = {e["event_date"]: e for e in extract_press(text).events}
    assert evs["2025-02-10"]["actor"] == "Government of United States"
    assert evs["2025-02-10"]["event_type"] == "airstrike"
    from trends.extract.actors import resolve_actor

    assert resolve_actor("Islamic State in Libya").actor == "IS Libya"


def test_mourning_the_dead_of_an_act_is_no_act_of_its_own():
    from trends.extract.press import non_event_reason

    assert non_event_reason(
        "The town began three days of mourning on Monday for the 14 worshippers killed in the mosque bombing.",
        has_group=False,
    )
    assert non_event_reason("Villagers buried 30 men killed when gunmen stormed the market.", has_group=False)
    assert non_event_reason("Gunmen killed 30 men at the market on Monday.", has_group=False) is None


IRAQ = """Mosul fighting grinds on

Published November 25, 2016

BAGHDAD (AP) — Islamic State militants shelled an army post near Tal Afar, in Nineveh province, on Monday, killing one soldier.

In Mosul, four soldiers were killed on Wednesday when the militants drove a car bomb into an army position in the Zahra neighborhood.

Kirkuk is still recovering from the Oct. 21 assault in which IS gunmen stormed police stations in the city, killing 60 people.
"""


def test_the_agent_of_a_when_clause_or_an_in_which_clause_is_the_actor_of_the_act():
    evs = {e["event_date"]: e for e in extract_press(IRAQ).events}
    assert evs["2016-11-23"]["actor"] == "Islamic State"
    assert evs["2016-10-21"]["actor"] == "Islamic State"


def test_officials_who_attribute_an_unclaimed_massacre_to_a_group_name_its_author_but_blaming_everyone_does_not():
    head = "Massacre in the north\n\nPublished June 17, 2022\n\nDORI, Burkina Faso (AFP) - On Saturday, gunmen killed 40 villagers in Arbinda. "
    named = extract_press(head + "No group has claimed the killings, but officials attribute them to JNIM.\n").events
    diffuse = extract_press(
        head + "No group has claimed the killings, and elders blame everyone from JNIM to bandits.\n"
    ).events
    assert [e["actor"] for e in named] == ["JNIM"]
    assert [e["actor"] for e in diffuse] == ["unknown"]


def test_the_place_of_a_motive_is_not_the_place_of_the_act():
    text = (
        "Executions in the northeast\n\nPublished December 27, 2019\n\nMAIDUGURI, Nigeria (Reuters) - ISWAP fighters "
        "killed 11 captives on Wednesday in revenge for the deaths of Islamic State leaders in Syria.\n"
    )
    (ev,) = extract_press(text).events
    assert ev["country"] != "Syria" and ev["actor"] == "ISWAP"


def test_an_inquiry_into_who_did_an_act_is_no_act():
    from trends.extract.press import non_event_reason

    assert non_event_reason(
        "To establish who was behind the Palmyra bombing, we must look at the terrain.", has_group=False
    )
    assert non_event_reason("Gunmen bombed a bus near Palmyra on Monday.", has_group=False) is None
