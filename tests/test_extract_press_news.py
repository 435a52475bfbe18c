"""News-prose rules of the press extractor (issue 13, second round): each test is written from invented sentences."""

from datetime import date

from trends.extract.documents import dateline_year, split_documents
from trends.extract.press import extract_press

# An invented wire story without a year in its dateline, pasted between two dated analyses.
WIRE_NO_YEAR = """Gunmen raid a border post in Niger

NIAMEY, Oct 12 (Reuters) - Gunmen on motorbikes attacked a border post near Tera in the Tillaberi region on Tuesday, killing four gendarmes, the interior ministry said on Wednesday.

Source link

Why the Sahel's border posts keep falling | Analysis
Published November 2, 2021

Posts along the borders are lightly held. ISWAP fighters ambushed a patrol near Diffa on October 20, killing six soldiers.

Source link
"""


def test_a_dateline_without_a_year_takes_the_year_whose_dateline_day_fits_the_lead_weekday():
    # Oct 12 is a Wednesday in 2022 and a Tuesday in 2021: the lead's last weekday (said on Wednesday) decides
    assert (
        dateline_year(date(2000, 10, 12), "... on Tuesday, the ministry said on Wednesday.", [date(2021, 11, 2)])
        == 2022
    )
    # the day after the lead's weekday fits too ('on Tuesday' filed on Wednesday): the year nearest the context wins
    assert dateline_year(date(2000, 10, 12), "... attacked a post on Tuesday.", [date(2021, 11, 2)]) == 2021
    assert dateline_year(date(2000, 10, 12), "... attacked a post on Tuesday.", [date(2022, 12, 1)]) == 2022
    assert dateline_year(date(2000, 10, 12), "... attacked a post on Friday.", [date(2022, 12, 1)]) is None
    assert dateline_year(date(2000, 10, 12), "... attacked a post.", [date(2021, 11, 2)]) is None


def test_wire_story_without_a_year_is_dated_and_its_weekday_resolves():
    docs = split_documents(WIRE_NO_YEAR)
    assert docs[0].published == date(2022, 10, 12) and docs[0].published_from.startswith("dateline")
    res = extract_press(WIRE_NO_YEAR)
    got = {(e["event_date"], e["province"]) for e in res.events}
    assert ("2022-10-11", "Tillaberi") in got  # 'on Tuesday' before the Wednesday dateline


def test_a_rubric_line_holding_only_a_date_is_the_publication_date():
    text = """Conversation | 3 February 2023

Q&A: What the Kerman bombing tells us

On January 28, two gunmen opened fire at a shrine in Kerman, killing five worshippers.

Source link
"""
    docs = split_documents(text)
    assert docs[0].published == date(2023, 2, 3) and docs[0].published_from == "date line"
    assert [e["event_date"] for e in extract_press(text).events] == ["2023-01-28"]
