"""Where press articles put events (twelfth round, places12): the country the article names, the world's cities,
second-level units under their region. Sentences are our own."""

from __future__ import annotations

from trends.extract.documents import split_documents
from trends.extract.heading_places import named_countries
from trends.extract.press import extract_press
from trends.extract.press_article import Article
from trends.extract.press_lines import _title_town, dateline_country


def _ev(text):
    return [(e["event_date"], e["country"], e["province"], e["event_type"]) for e in extract_press(text).events]


def test_a_title_names_any_country_of_the_world():
    assert [c for c, _, _ in named_countries("New Zealand mourns as Sri Lanka and Congo count their dead")] == [
        "New Zealand",
        "Sri Lanka",
        "DR Congo",
    ]
    assert named_countries("The Easter attacks began at dawn") == []


def test_a_word_of_a_country_or_an_alternate_name_is_no_title_town():
    t = "Sri Lanka police hunt bombers"
    assert _title_town(t, 0, len(t)) is None  # 'Sri' is a GeoNames alternate name of an Indonesian city
    t = "Van bomb kills 10 in southern Philippines"
    assert _title_town(t, 0, len(t), "Philippines") is None  # no Turkish city in a Philippine story


SRI_LANKA = """Police hunt network behind church bombings

KANDY, Sri Lanka (AP) — Police said on Tuesday they had arrested six men.

Gunmen on Monday shot dead two policemen at a checkpoint in Colombo, officials said.
"""


def test_a_dateline_names_the_articles_country():
    doc = split_documents(SRI_LANKA)[0]
    assert dateline_country(SRI_LANKA, doc) == "Sri Lanka"
    assert Article.open(SRI_LANKA, doc).doc_country == "Sri Lanka"


def test_a_town_of_the_articles_country_outside_the_theatres():
    t = (
        "Gunmen kill two policemen in eastern Sri Lanka\nPublished April 30, 2019\n\n"
        "Gunmen on Monday shot dead two policemen at a checkpoint in Batticaloa, officials said.\n"
    )
    assert _ev(t) == [("2019-04-29", "Sri Lanka", "Eastern Province", "shooting")]
    # no title or dateline country: 'Sri' of a country's name is no Indonesian city
    t = (
        "Police hunt bombers\nPublished April 30, 2019\n\n"
        "Gunmen on Monday shot dead two policemen at a checkpoint in Sri Lanka's east, officials said.\n"
    )
    assert all(c != "Indonesia" for _, c, _, _ in _ev(t))
