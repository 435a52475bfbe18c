"""Actor attribution as a reader resolves it: group names the registry knows under other spellings, the owner of
an act noun ('a suicide bomber of X'), pronoun subjects, back-references that give an earlier act its author
(claims, outlets, officials' and analysts' words) and never the country's common group by default. Sentences are
our own."""

from __future__ import annotations

from datetime import date

import pytest

from trends.extract.actors import find_actors, resolve_actor
from trends.extract.parse import extract
from trends.extract.score import score_events

HEAD = "Weekly update, August 20, 2016\n\n"


def _events(body: str, head: str = HEAD):
    return extract(head + body, "t").events


@pytest.mark.parametrize(
    "raw, on, want",
    [
        ("Jabhat Fatah al-Sham", date(2016, 9, 1), "Jabhat Fateh al-Sham"),
        ("Jabhat Fatah al-Sham", date(2018, 1, 1), "Hayat Tahrir al-Sham"),
        ("Sinai Province", None, "IS Sinai"),
        ("West Africa Province", None, "ISWAP"),
        ("Houthi", None, "Houthis"),
        ("Ansar Allah", None, "Houthis"),
        ("Syrian National Army (SNA)", None, "Syrian National Army"),
    ],
)
def test_spellings_the_registry_keeps(raw, on, want):
    assert resolve_actor(raw, on).actor == want


def test_a_province_name_alone_is_the_group_but_not_egypts_governorate():
    t = "Sinai Province operatives attacked a checkpoint in North Sinai Province."
    assert [m.raw for m in find_actors(t, 0, len(t))] == ["Sinai Province"]


def test_the_syrian_national_army_is_its_own_actor_not_the_syrian_state():
    t = "On August 12, 2016, the Syrian National Army (SNA) took over the town of al-Rai (Aleppo Province) after fighting.\n"
    (ev,) = _events("Syria\n\n" + t)
    assert ev["actor"] == "Syrian National Army"


def test_the_owner_of_a_suicide_bomber_is_the_agent():
    (ev,) = _events(
        "Syria\n\n• On August 10, 2016, a suicide bomber of Jabhat Fatah al-Sham drove a car bomb into a Syrian army "
        "position in southwestern Aleppo (Aleppo Province).\n"
    )
    assert ev["actor"] == "Jabhat Fateh al-Sham"


def test_they_after_the_time_words_is_the_group_just_named():
    evs = _events(
        "Egypt\n\n• On August 15, 2016, Sinai Province operatives abducted a resident of al-Arish and beheaded him; "
        "on the next day they fired mortar shells at an army camp south of Sheikh Zuweid.\n"
    )
    assert [(e["event_date"], e["actor"]) for e in evs] == [("2016-08-15", "IS Sinai"), ("2016-08-16", "IS Sinai")]


def test_a_lower_case_clause_under_a_claims_lead_in_is_the_groups_claim():
    evs = _events(
        "Iraq\n\nAccording to claims of responsibility issued by ISIS, the following attacks were carried out:\n\n"
        "Salah al-Din Province\n"
        "* On August 12, 2016, two soldiers were killed by sniper fire near Baiji; on the following day, a car bomb "
        "driven by a suicide bomber was detonated at an Iraqi army checkpoint near al-Shirqat.\n"
    )
    assert [(e["event_date"], e["actor"], e["attribution"]) for e in evs] == [
        ("2016-08-12", "Islamic State", "claimed"),
        ("2016-08-13", "Islamic State", "claimed"),
    ]


def test_the_scorer_resolves_a_name_as_of_the_events_date():
    gold = [{"event_date": "2016-08-10", "actor": "Jabhat Fatah al-Sham", "country": "Syria", "event_type": "attack"}]
    pred = [{"event_date": "2016-08-10", "actor": "Jabhat Fateh al-Sham", "country": "Syria", "event_type": "attack"}]
    assert score_events(pred, gold).n_matched == 1
