"""A region that spans countries ('the Sahel', 'the Maghreb') is no town: the shipped UCDP sample has a Syrian village
called Sahel, which made 'Sahel update' and 'attacks in the Sahel' Syrian. Invented sentences."""

from trends.extract.places import find_places
from trends.extract.press import extract_press


def _places(text):
    return [(p.name, p.country, p.kind) for p in find_places(text, 0, len(text))]


def test_a_region_named_alone_is_no_place():
    assert _places("Sahel update") == []
    assert _places("IS Sahel stepped up attacks in the Sahel") == []
    assert _places("jihadists across the Maghreb") == []


def test_a_region_with_a_division_word_is_still_a_province():
    got = _places("in the Sahel region of Burkina Faso")
    assert ("Sahel", "Burkina Faso", "province") in got


def test_a_title_naming_a_region_does_not_place_an_event_in_syria():
    text = (
        "Sahel update\nBy A. Reporter\nPublished March 14, 2024\n\n"
        "Gunmen killed five herders on Monday, officials said.\n\nSource link\n"
    )
    assert [e["country"] for e in extract_press(text).events] != ["Syria"]
