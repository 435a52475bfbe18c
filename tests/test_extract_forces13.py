"""Press rules of the thirteenth round: a state's forces as the agent of an act.

Every text here is invented for the test."""

from trends.extract.press import extract_press, looks_like_press


def _article(body: str, place: str = "ZINDER, Niger", day: str = "March 14, 2021") -> str:
    return f"Security round-up\n\n{place}, {day} (AP) — {body}\n"


def _events(body: str, **kw) -> list[dict]:
    return extract_press(_article(body, **kw)).events


def test_a_wire_dateline_that_carries_the_year_is_news():
    assert looks_like_press(_article("A bomb went off on Monday."))


def test_a_counter_terrorism_department_or_gendarmes_raiding_act_for_their_state():
    evs = _events(
        "On Tuesday, officers of the regional Counter-Terrorism Department raided suspected Boko Haram hideouts near "
        "Diffa, detaining nine people, a spokesman said.",
        place="NIAMEY, Niger",
    )
    assert [(e["actor"], e["event_type"]) for e in evs] == [("Government of Niger", "arrest/raid")]
    evs = _events("On Wednesday, gendarmes in Zinder arrested four men accused of smuggling arms to Boko Haram.")
    assert [(e["actor"], e["event_type"]) for e in evs] == [("Government of Niger", "arrest/raid")]


def test_a_nationality_with_its_aircraft_models_is_that_state():
    evs = _events(
        "On Friday, Turkish F-16 and Akinci jets bombed Islamic State positions near Raqqa, the ministry said.",
        place="ANKARA, Turkey",
    )
    assert [(e["actor"], e["event_type"]) for e in evs] == [("Government of Turkey", "airstrike")]


def test_an_arrest_in_connection_with_a_bombing_is_an_arrest():
    evs = _events(
        "On Monday, soldiers arrested five suspects in Diffa in connection with the bombing of a market, an officer "
        "said.",
    )
    assert [(e["actor"], e["event_type"]) for e in evs] == [("Government of Niger", "arrest/raid")]


def test_a_force_that_only_names_a_site_is_not_the_agent():
    evs = _events(
        "On Sunday, prisoners held at a gendarmerie compound in Zinder overpowered their guards and seized the "
        "building, and Boko Haram claimed the revolt.",
    )
    assert [e["actor"] for e in evs] == ["Boko Haram"]


def test_a_force_that_is_the_victim_keeps_the_group_as_the_agent():
    evs = _events("On Monday, Boko Haram fighters ambushed gendarmes near Diffa, killing six of them.")
    assert [e["actor"] for e in evs] == ["Boko Haram"]


def test_aircraft_that_join_a_bombardment_or_fire_on_a_convoy_strike_from_the_air():
    evs = _events(
        "On Saturday, army helicopters fired on a column of Boko Haram pickups near Diffa, killing 14 fighters, "
        "the ministry said.",
    )
    assert [(e["actor"], e["event_type"]) for e in evs] == [("Government of Niger", "airstrike")]


def test_a_volcanic_landscape_is_no_natural_disaster():
    evs = _events(
        "Syrian army jets struck Islamic State hideouts in the volcanic hills east of Palmyra on Saturday, "
        "state media said.",
        place="DAMASCUS, Syria",
        day="May 3, 2019",
    )
    assert [(e["actor"], e["event_type"]) for e in evs] == [("Government of Syria", "airstrike")]


def test_a_foreign_force_in_the_same_area_acts_where_the_act_before_it_was():
    evs = _events(
        "Syrian army jets struck Islamic State hideouts near Palmyra, in Homs province, on Saturday, state media "
        "said.\n\nRussian aircraft joined the bombardment on Sunday, hitting militant trucks in the same area, "
        "a monitor said.",
        place="BEIRUT, Lebanon",
        day="May 6, 2019",
    )
    got = [(e["event_date"], e["actor"], e["event_type"], e["country"]) for e in evs]
    assert ("2019-05-05", "Government of Russia", "airstrike", "Syria") in got


def test_a_dateline_with_a_published_date_dates_the_article_and_police_acts_are_the_states():
    text = (
        "Attack on tourists in the south\n\nOSH, Kyrgyzstan — Published October 9, 2019\n\n"
        "Gunmen shot dead two hikers near Osh on Sunday, officials said.\n\n"
        "On Monday, police arrested six more people in Osh suspected of links to the gunmen, the ministry said.\n"
    )
    evs = extract_press(text).events
    got = {(e["event_date"], e["actor"], e["event_type"]) for e in evs}
    assert ("2019-10-07", "Government of Kyrgyzstan", "arrest/raid") in got


def test_soldiers_of_the_caliphate_are_a_groups_fighters_not_a_state_force():
    evs = _events(
        'On Friday, "soldiers of the caliphate" stormed a gendarmerie post near Diffa, killing five gendarmes, '
        "officials said.",
    )
    assert [e["actor"] for e in evs] != ["Government of Niger"]


def test_a_date_line_with_a_dash_and_a_time_dates_the_article():
    text = (
        "Source link\n\nTroops raid camps on the lake\n\n4 March 2020 - 09:40\n\n"
        "Chadian troops raided Boko Haram camps near Bol on Tuesday, killing 12 militants, an army spokesman said.\n"
    )
    evs = extract_press(text).events
    assert [(e["event_date"], e["actor"], e["event_type"]) for e in evs] == [
        ("2020-03-03", "Government of Chad", "arrest/raid")
    ]


def test_a_state_force_the_sentence_blames_is_the_agent():
    evs = _events(
        "On Saturday, a drone strike hit a wedding near Diffa, killing nine guests, villagers said, blaming the army; "
        "the military has not commented.",
    )
    assert [(e["actor"], e["event_type"]) for e in evs] == [("Government of Niger", "drone strike")]
    evs = _events("On Saturday, gunmen killed nine herders near Diffa, villagers said, blaming Boko Haram.")
    assert [e["actor"] for e in evs] == ["Boko Haram"]


def test_the_nationality_of_a_victim_force_still_places_the_act():
    text = (
        "Fighting in the north\nPublished June 2, 2021\n\n"
        "On May 28, Chadian troops shelled a Boko Haram camp, killing 12 fighters, the army said. "
        "On Monday, the militants killed four Nigerien soldiers in an ambush near Diffa.\n\nSource link\n"
    )
    evs = extract_press(text).events
    assert [e["country"] for e in evs if e["event_date"] == "2021-05-31"] == ["Niger"]


def test_soldiers_freeing_captives_is_their_raid_and_a_group_freeing_them_is_not():
    evs = _events("On Thursday, soldiers freed 14 hostages held by Boko Haram near Diffa, the army said.")
    assert [(e["actor"], e["event_type"]) for e in evs] == [("Government of Niger", "arrest/raid")]
    evs = _events("On Thursday, the kidnappers freed the hostages near Diffa after a ransom was paid.")
    assert all(e["event_type"] != "arrest/raid" and e["actor"] != "Government of Niger" for e in evs)
