"""Where press articles put events (thirteenth round, places13): a dateline abroad, spellings of towns the
gazetteer lacked. Sentences are our own."""

from __future__ import annotations

from trends.extract.places import find_places
from trends.extract.press import extract_press


def _ev(text):
    return [(e["event_date"], e["country"], e["province"], e["event_type"]) for e in extract_press(text).events]


def _where(sent, hint=None):
    return [(p.country, p.province_raw) for p in find_places(sent, 0, len(sent), hint) if p.kind == "town"]


def test_a_sinai_spelling_is_not_a_village_of_giza():
    assert _where("A mine exploded under a truck west of Sheikh Zuwayed on Monday.", "Egypt") == [
        ("Egypt", "Shamal Sina'")
    ]


def test_a_congolese_town_is_not_a_kenyan_city_by_a_vowel():
    assert _where("Rebels burned houses in Mambasa overnight.") == [("DR Congo", "Ituri")]


BEIRUT = """Gunmen kill villagers in southern Syria

BEIRUT, May 9, 2019 (Reuters) - Gunmen shot dead five farmers in Sweida on Tuesday, a monitor said.

The killings came on May 1, the worst day the quiet province has known this year, when a car bomb also went off.
"""


def test_a_sentence_without_a_place_goes_on_in_the_story_not_the_dateline_city():
    got = _ev(BEIRUT)
    assert got and all(c == "Syria" and p == "Suwayda" for _, c, p, _ in got)


LIBYA = """Jets pound militants in Libya

TRIPOLI, Libya (AP) — Fighting went on in the city of Sirte on Sunday, officials said.

Libyan jets flying from an air base in Misrata bombed militant positions in the city's eastern quarter on Saturday,
killing six fighters, officials said.
"""


def test_where_aircraft_flew_from_is_not_where_they_struck():
    assert all(p != "Misratah" for _, _, p, _ in _ev(LIBYA))
