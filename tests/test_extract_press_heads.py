"""Article heads in a pasted file as web pages print them: a time before the 'Published' date, a numeric date, a
dated rubric as a digest title, a date line or rubric right under a title. Articles are our own."""

from __future__ import annotations

from datetime import date

from trends.extract.documents import split_documents

PASTE = """Gunmen kill five at a market in Kismayo

By A. Reporter, Associated Press
Published 4:05 PM EAT, Wed June 5, 2019

KISMAYO, Somalia, June 5 (AP) — Gunmen opened fire at a market on Tuesday, killing five people.

Source link

Why the Juba valley matters again?

Analysis | By B. Writer
Published 12/03/2021 - 09:15

The valley has seen a wave of ambushes since January.

https://example.org/analysis/juba

Horn Security Roundup: August 28, 2023

Strike near Jilib
A strike near Jilib on Sunday killed six fighters, the ministry said.

Source link

Insurgents attack a port town

March 29, 2022 7:02 AM UTC
Updated March 29, 2022

PEMBA, March 29 (Reuters) - Insurgents attacked the port on Sunday, officials said.
"""


def test_each_pasted_article_gets_its_own_publication_date():
    docs = split_documents(PASTE)
    assert [(d.published, d.kind) for d in docs] == [
        (date(2019, 6, 5), "article"),
        (date(2021, 3, 12), "article"),
        (date(2023, 8, 28), "digest"),
        (date(2022, 3, 29), "article"),
    ]
    assert docs[1].title.startswith("Why the Juba valley") and docs[3].title.startswith("Insurgents attack")


def test_a_numeric_date_whose_second_number_cannot_be_a_month_is_month_first():
    docs = split_documents("A title\n\nPublished 03/25/2021\n\nInsurgents attacked a post on Sunday.\n")
    assert docs[0].published == date(2021, 3, 25)


def test_a_trial_or_sentence_for_a_past_attack_is_not_an_event():
    from trends.extract.press_acts import non_event_reason

    for s in (
        "A military court in Mogadishu on Thursday sentenced two men to death for their role in the 2022 bombings.",
        "Three men were convicted on Monday of helping plan the attack on the hotel.",
    ):
        assert non_event_reason(s, has_group=False) == "trial or sentence", s
    assert (
        non_event_reason("Gunmen attacked the court building on Monday, killing two guards.", has_group=False) is None
    )
