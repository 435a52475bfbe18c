"""Press dates of the twelfth round (dates12): how a sentence is dated and which dated sentences are kept. Each
test is written from invented sentences of the class, not the fixtures'."""

from datetime import date

from trends.extract.press import extract_press
from trends.extract.relative import find_relative


def _ev(text):
    return [(e["event_date"], e["event_type"]) for e in extract_press(text).events]


def _article(body: str, published: str = "March 14, 2024") -> str:
    # March 14, 2024 is a Thursday
    return f"Sahel update\nBy A. Reporter\nPublished {published}\n\n{body}\n\nSource link\n"


def test_a_written_date_after_a_weekday_is_the_day_read():
    # the weekday alone would be the latest Tuesday before publication (March 12); the written date says a week more
    assert find_relative("killed on Tuesday, March 5, near Kaya", published=date(2024, 3, 14)) == []
    assert find_relative("on Tuesday night, March 5, near Kaya", published=date(2024, 3, 14)) == []
    assert [r.value for r in find_relative("on Tuesday, the army said", published=date(2024, 3, 14))] == [
        date(2024, 3, 12)
    ]
    t = _article("Gunmen shot dead four farmers on Tuesday, March 5, on the road from Kaya to Dori, officials said.")
    assert [d for d, _ in _ev(t)] == ["2024-03-05"]
