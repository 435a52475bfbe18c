"""Where it happened, read as a reader of report prose would: a name is a place only as a whole, a group's media
outlet is no place, a division the sentence names with its type word wins over the heading's, and under a heading
of several countries the sentence's own country decides. Sentences are our own."""

from __future__ import annotations

from trends.extract.parse import extract
from trends.extract.places import find_places

HEAD = "Weekly update, June 20, 2024\n\n"


def _events(body: str):
    return extract(HEAD + body, "t").events


def _names(text: str, hint: str | None):
    return [p.name for p in find_places(text, 0, len(text), hint)]


def test_a_place_name_matches_only_as_a_whole_name():
    # 'Buulo' and 'Qara' are towns on their own; 'Buulo Fulay' and 'Qara Tepe' here are other places
    assert "Buulo" not in _names("the fighters overran a post in Buulo Fulay on June 2", "Somalia")
    assert "Qara" not in _names("a drone hit a car near the Qara Tepe crossing on June 2", "Syria")
    # type words and possessives after a name keep it a place
    assert _names("a bomb went off in Kirkuk City on June 2", "Iraq") == ["Kirkuk City"]
    assert "Kabul" in _names("a raid on a house in Kabul's Police District 5", "Afghanistan")


def test_a_groups_newspaper_is_not_a_place():
    assert _names("the editorial of al-Naba praised the attack", None) == []
    assert _names("the claim appeared in Amaq on June 3", None) == []


def test_a_division_named_with_its_type_word_wins_over_the_heading():
    ev = _events(
        "## Syria\n\n### Raqqa Governorate\n\n"
        "- On June 4, 2024, SDF forces raided a house in the al-Hol camp, in Hasakah Governorate, and "
        "detained three ISIS operatives (SDF website, June 4, 2024).\n"
    )
    assert len(ev) == 1 and ev[0]["province"] is not None
    assert "hasakah" in ev[0]["province"].lower()


def test_under_a_heading_of_two_countries_the_sentences_own_country_decides():
    ev = _events(
        "## Afghanistan and Pakistan\n\n"
        "Pakistani troops killed four TTP militants in an operation in Bannu district on June 9, 2024.\n"
    )
    assert len(ev) == 1
    assert ev[0]["country"] == "Pakistan" and ev[0]["province"] == "Khyber Pakhtunkhwa"
