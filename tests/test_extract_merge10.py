"""One event per attack (tenth round, merge10): a second act of a bullet opened 'A short time later', '; in
another attack that day', '; US forces conducted an airstrike ... the same day' is its own event with its own toll;
an attack retold or claimed later is one event. Sentences are our own."""

from __future__ import annotations

from trends.extract.parse import extract

HEAD = "Spotlight on Global Jihad (May 2-15, 2024)\n\nMay 16, 2024\n\n"


def _run(body: str):
    return extract(HEAD + body, "t")


def _rows(r, *keys):
    return [tuple(e[k] for k in keys) for e in r.events]


def test_a_short_time_later_a_second_bomber_is_a_second_event():
    r = _run(
        "Kenya\n\n•\tOn May 6, 2024, a suicide bomber blew himself up next to a police patrol in central Mombasa, "
        "killing a policeman. A short time later, a second suicide bomber blew himself up at the gate of a police "
        "base in Likoni, wounding four policemen. Al-Shabaab claimed responsibility for both attacks.\n"
    )
    assert _rows(r, "event_date", "event_type", "fatalities", "wounded") == [
        ("2024-05-06", "suicide attack", 1, None),
        ("2024-05-06", "suicide attack", None, 4),
    ]


def test_in_another_attack_that_day_after_a_semicolon_is_a_second_event():
    r = _run(
        "Iraq\n\n•\tOn May 7, 2024, an army position near Tuz Khurmatu was shelled with mortar shells; in another "
        "attack that day, a policeman was killed by sniper fire in Baiji (Amaq, May 7, 2024).\n"
    )
    assert _rows(r, "event_date", "event_type", "fatalities") == [
        ("2024-05-07", "mortar/rocket", None),
        ("2024-05-07", "shooting", 1),
    ]


def test_a_forces_strike_the_same_day_after_a_semicolon_is_its_own_event():
    r = _run(
        "Somalia\n\n•\tAl-Shabaab fighters attacked army positions in Galcad, Galguduud region, on May 8, 2024, "
        "killing seven soldiers, according to officials; US forces conducted an airstrike near Galcad the same day "
        "that killed 30 al-Shabaab fighters (AFRICOM, May 9, 2024).\n"
    )
    assert _rows(r, "event_date", "actor", "event_type", "fatalities") == [
        ("2024-05-08", "al-Shabaab", "attack", 7),
        ("2024-05-08", "Government of United States", "airstrike", 30),
    ]
