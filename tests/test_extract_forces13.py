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
