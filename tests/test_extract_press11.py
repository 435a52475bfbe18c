"""Press rules of the eleventh round (press_blind10/10b studied): the year of a dateline written without one.

Every text here is invented for the test."""

from datetime import date

from trends.extract.dateline_year import dateline_years, news_weekdays, written_floor
from trends.extract.documents import split_documents
from trends.extract.press import extract_press


def test_a_story_is_not_older_than_the_dates_it_writes_but_forward_dates_do_not_count():
    text = (
        "Government forces retook the port on January 14, 2023 after weeks of fighting. The militia first rose "
        "in 2019. Elections are due in March 2024."
    )
    assert written_floor(text, today=date(2026, 1, 1)) == date(2023, 1, 14)
    assert written_floor("The siege began in October 2021 and ended in 2022.", today=date(2026, 1, 1)) == date(
        2022, 1, 1
    )
    assert written_floor("Fighting resumed in August 2030.", today=date(2026, 1, 1)) is None


def test_news_weekdays_are_days_of_news_not_of_prayers():
    text = "Gunmen struck on Sunday during Friday prayers; police said on Monday. Tuesday's raid and Monday evening."
    assert news_weekdays(text) == [6, 0, 1, 0]


TRIPOLI = """Gunmen hit a checkpoint near Sirte

TRIPOLI, May 6 (Reuters) - Gunmen attacked a checkpoint near Sirte on Sunday, killing two guards, the interior ministry said on Monday.

Government forces retook the port on January 14, 2023 after weeks of fighting.

Source link

A quiet spring in the south
Published March 2, 2020

Traders in Sabha said the roads had been calm for a month.

Source link
"""


def test_the_dates_a_story_writes_beat_the_order_of_the_pasted_articles():
    # May 6 fits 'on Sunday ... said on Monday' in 2019 (a Monday), 2024 (a Monday) and 2025 (a Tuesday); the order
    # alone (pasted before March 2020) says 2019, but a story that tells January 2023 is not older than it
    docs = split_documents(TRIPOLI)
    assert docs[0].published == date(2024, 5, 6)
    y, _ = dateline_years(date(2000, 5, 6), "on Sunday, said on Monday", [date(2020, 3, 2)], not_after=date(2020, 3, 2))
    assert y == 2019


GAO = """Gunmen kill herders in eastern Mali

GAO, Sept 18 (Reuters) - Gunmen killed four herders near Ansongo on Sunday, local officials said.

The army said on Monday it had sent reinforcements to the area, which has seen attacks since 2014.

Source link

Mali's long dry season | Analysis
Published November 2, 2022

Herders in the Gao region have moved their cattle south.

Source link
"""


def test_the_latest_weekday_a_story_names_is_of_its_last_days_and_an_open_year_is_low_confidence():
    # Sept 18 2022 is a Sunday: 'on Sunday' fits, but the army's 'on Monday' would then be six days back; 2017 (a
    # Monday) and 2018 (a Tuesday) both fit every weekday, and the one nearer the next article is taken, uncertain
    docs = split_documents(GAO)
    assert docs[0].published == date(2018, 9, 18)
    assert "uncertain: 2017, 2018 fit" in docs[0].published_from
    ev = extract_press(GAO).events[0]
    assert ev["event_date"] == "2018-09-16"
    assert ev["confidence"] == "low" and "publication year uncertain (2017, 2018" in ev["confidence_reason"]


ADEN_DJIBOUTI = """Clashes at a checkpoint outside Aden

ADEN, April 9 (Reuters) - Separatist fighters clashed with government troops at a checkpoint north of Aden on Sunday, killing three, officials said on Monday.

The two sides have fought on and off since 2015.

Source link

Pirates seize a fishing dhow off Djibouti

DJIBOUTI, Oct 21 (AP) — Armed men seized a fishing dhow and its crew of nine off the coast on Saturday, the coast guard said on Saturday.

The coast guard has stepped up patrols since a hijacking in March 2018.

Source link

Shipping insurers count the cost | Analysis
Published 10 July 2023

Premiums for the Gulf of Aden have doubled.

Source link
"""


def test_the_surest_dateline_year_places_the_others():
    # Oct 21 fits 'on Saturday ... said on Saturday' after March 2018 and before July 2023 only in 2018 (a Sunday);
    # April 9 fits its weekdays in 2018 and 2019, and pasted before the October 2018 story it is 2018
    docs = split_documents(ADEN_DJIBOUTI)
    assert docs[1].published == date(2018, 10, 21) and "uncertain" not in docs[1].published_from
    assert docs[0].published == date(2018, 4, 9)


PARENT_THEN_BRANCH = """Gunmen storm a police post in Dushanbe

Published 4 March 2021

Islamic State gunmen stormed a police post in Dushanbe, Tajikistan on 2 March 2021, killing six guards, in an attack the group claimed.

Source link

The Khorasan branch looks west | Analysis
Published 9 May 2023

ISKP has widened its reach since 2021. Its fighters have struck in Tajikistan and Iran.

Before that, IS had struck the capital of Tajikistan in March 2021.

Source link
"""


def test_a_retelling_that_names_the_parent_is_the_branchs_event_and_the_reverse():
    from trends.extract.coref import AFFILIATE_HOME
    from trends.extract.press_merge import _parent_and_branch

    home = next(iter(AFFILIATE_HOME["ISKP"]))
    ev = {"actor": "Islamic State", "country": home}
    assert _parent_and_branch(ev, {"actor": "ISKP", "country": None})
    assert _parent_and_branch({"actor": "ISKP", "country": home}, {"actor": "Islamic State", "country": ""})
    assert not _parent_and_branch({"actor": "ISKP", "country": "Mali"}, {"actor": "Islamic State", "country": ""})
    assert not _parent_and_branch({"actor": "JNIM", "country": "Mali"}, {"actor": "Islamic State", "country": ""})
    res = extract_press(PARENT_THEN_BRANCH)
    assert [(e["event_date"][:7], e["actor"]) for e in res.events] == [("2021-03", "Islamic State")]


def test_a_wire_date_line_with_an_abbreviated_weekday_is_the_publication_date():
    text = (
        "Gunmen kill two guards at a checkpoint near Sirte\n\nBy Ali Omar\nTue May 7, 2019 6:20am EDT\n\n"
        "TRIPOLI (Reuters) - Gunmen attacked a checkpoint near Sirte on Sunday, killing two guards, officials said.\n"
    )
    (doc,) = split_documents(text)
    assert doc.published == date(2019, 5, 7) and doc.published_from == "date line"
    (ev,) = extract_press(text).events
    assert ev["event_date"] == "2019-05-05"


def test_a_victim_killed_in_a_states_strike_or_raid_is_that_states_act():
    text = (
        "Commander dies in strike\n\nBy Ali Omar\nTue May 7, 2019 6:20am EDT\n\n"
        "TRIPOLI (Reuters) - A militia commander was killed in a U.S. drone strike near Sirte on Sunday, "
        "officials said.\n"
    )
    (ev,) = extract_press(text).events
    assert ev["actor"] == "Government of United States" and ev["event_type"] == "drone strike"
    assert ev["event_date"] == "2019-05-05"
