"""Reading rules for report prose found on the fourth round of unseen reports: weekdays dated by the report's cutoff,
a sentence that tells an attack and its claim is an event, an event reported by an official is an event. Sentences
are our own."""

from __future__ import annotations

from trends.extract.parse import extract

CUTOFF = "Salafi-Jihadi Movement Update\n\nData Cutoff: June 15, 2021\n\n"


def _events(body: str, head: str = CUTOFF):
    return extract(head + body, "t").events


def test_a_weekday_is_the_latest_such_day_on_or_before_the_data_cutoff():
    ev = _events("ISWAP fighters ambushed a Nigerian army convoy near Monguno, Borno State, on Sunday, killing six.\n")
    assert [e["event_date"] for e in ev] == ["2021-06-13"]  # June 15, 2021 is a Tuesday
    assert ev[0]["confidence"] != "high"


def test_a_weekday_without_a_cutoff_or_period_is_no_date():
    ev = _events("ISWAP fighters ambushed a convoy near Monguno on Sunday, killing six.\n", head="Notes\n\n")
    assert ev == []


def test_a_sentence_that_tells_an_attack_and_its_claim_is_an_event():
    ev = _events(
        "ISWAP fighters attacked an army base in Marte, Borno State, on June 11, killing four soldiers, and "
        "claimed the attack through Amaq the next day.\n"
    )
    assert [(e["event_date"], e["actor"], e["attribution"]) for e in ev] == [("2021-06-11", "ISWAP", "claimed")]


def test_a_claim_of_an_attack_told_before_is_still_not_a_second_event():
    ev = _events(
        "Gunmen attacked a checkpoint in Marte, Borno State, on June 11, killing four soldiers. "
        "ISWAP claimed the attack the next day.\n"
    )
    assert len(ev) == 1 and ev[0]["actor"] == "ISWAP"


def test_an_act_an_official_reports_is_an_event_and_a_threat_or_plan_is_not():
    ev = _events(
        "Local officials said a US drone strike killed two AQAP members in Wadi Abidah, Marib governorate, on "
        "June 12.\n\nThe group said it would attack government forces in Marib in the coming days.\n\n"
        "Officials said militants may have killed a shepherd near Ataq on June 13.\n"
    )
    # 'Marib governorate' names Yemen's governorate (its canonical ISO name), so the country is known too
    assert [(e["event_date"], e["event_type"], e["country"], e["province"]) for e in ev] == [
        ("2021-06-12", "drone strike", "Yemen", "Ma’rib")
    ]
    assert ev[0]["actor"] == "Government of United States"


def test_a_force_announcing_an_operation_without_naming_its_author_is_the_actor():
    ev = _events(
        "On June 8, 2021, the Egyptian army announced that 11 ISIS operatives had been killed in raids near Bir "
        "al-Abd, North Sinai.\n"
    )
    assert [(e["event_date"], e["actor"]) for e in ev] == [
        ("2021-06-08", "Government of Egypt"),
    ]


ITIC = (
    "Spotlight on Global Jihad (June 10-16, 2021)\n\nMain Events of the Week\n\n- Iraq: ISIS kept up its attacks.\n\n"
)


def test_a_heading_that_joins_country_and_division_gives_both():
    for heading in ("Nigeria - Borno State", "Nigeria – Borno", "Borno State, Nigeria"):
        ev = _events(
            f"West Africa\n\n{heading}\nISWAP claimed the following attacks:\n"
            "- A Nigerian army base was attacked. Six soldiers were killed (Amaq, June 13, 2021).\n",
            head=ITIC,
        )
        assert [(e["country"], e["province"]) for e in ev] == [("Nigeria", "Borno")], heading


def test_a_lead_line_ends_the_province_heading_above_it():
    ev = _events(
        "Iraq\n\nNineveh Province\n- A shepherd was executed near Qayyarah (Telegram, June 12, 2021).\n\n"
        "Counter-terrorism activity of the Iraqi security forces\n"
        "- On June 14, 2021, Iraqi forces arrested three ISIS operatives near Rutba.\n",
        head=ITIC,
    )
    assert [e["province"] for e in ev] == ["Nineveh", "Anbar"]
    assert ev[1]["heading_path"][-1] == "Counter-terrorism activity of the Iraqi security forces"
    assert "Main Events of the Week" not in ev[1]["heading_path"]


def test_each_attack_of_a_compound_bullet_takes_its_own_source_date():
    ev = _events(
        "Sinai Peninsula\n\nISIS's Sinai Province claimed the following attacks this week:\n"
        "- An Egyptian soldier was killed by sniper fire south of Rafah (Telegram, June 11, 2021). In addition, an "
        "IED was activated against an Egyptian army vehicle west of Bir al-Abd, killing two soldiers (Telegram, "
        "June 13, 2021).\n",
        head=ITIC,
    )
    assert [e["event_date"] for e in ev] == ["2021-06-11", "2021-06-13"]


def test_a_force_announcing_what_its_aircraft_or_forces_did_is_an_event():
    ev = _events(
        "On June 15, 2021, the Nigerian Air Force announced that its aircraft had struck an ISWAP camp near "
        "Monguno, Borno State, killing 20 operatives.\n\nCENTCOM announced that on June 13, 2021, US forces "
        "conducted a helicopter raid near Shaddadi, Hasakah, capturing an ISIS official.\n"
    )
    assert [(e["event_date"], e["actor"]) for e in ev] == [
        ("2021-06-15", "Government of Nigeria"),
        ("2021-06-13", "Government of United States"),
    ]
