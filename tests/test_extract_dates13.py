"""Press dates of the thirteenth round (dates13): news-style weekdays without 'on', 'at about the same time', a week
of a month, a weekend, and a week-dated summary dated by its day-dated telling. Every sentence is invented."""

from datetime import date

from trends.extract.press import extract_press
from trends.extract.relative import find_relative

PUB = date(2024, 3, 14)  # a Thursday


def _article(body: str, published: str = "March 14, 2024") -> str:
    return f"Lake Chad basin briefing\nBy A. Reporter\nPublished {published}\n\n{body}\n\nSource link\n"


def _ev(body: str):
    return [(e["event_date"], e["date_precision"], e["event_type"]) for e in extract_press(_article(body)).events]


def _days(text):
    return [(r.phrase, r.value, r.precision) for r in find_relative(text, published=PUB)]


def test_a_weekday_without_on_in_news_style_is_that_day():
    assert _days("militants overran an army post near Dori Tuesday, killing") == [("Tuesday", date(2024, 3, 12), "day")]
    # not a deadline, a series, a name, a noun's modifier or 'the Friday' of a story already dated
    for text in (
        "By Friday, police had detained 13 people",
        "the market is attacked every Friday",
        "a bomb went off as Sunday school ended",
        "on the Friday, two days into the siege",
        "the Sunday Times reported",
    ):
        assert _days(text) == [], text


def test_a_statement_day_without_on_anchors_the_previous_day():
    got = _ev("The army said Wednesday that its soldiers had killed four ISWAP fighters near Monguno the previous day.")
    assert [d for d, _, _ in got] == ["2024-03-12"]


def test_at_about_the_same_time_is_the_day_of_the_act_before():
    got = _ev(
        "ISWAP fighters attacked a base in Marte on Monday, killing six soldiers. At about the same time, other "
        "ISWAP fighters raided a village near Dikwa, killing three farmers."
    )
    assert [d for d, _, _ in got] == ["2024-03-11", "2024-03-11"]


def test_a_week_of_a_month_is_read_with_week_precision():
    assert _days("in the first week of February") == [("in the first week of February", date(2024, 2, 1), "week")]
    assert _days("during the third week of January")[0][1:] == (date(2024, 1, 15), "week")
    assert _days("in the last week of February")[0][1:] == (date(2024, 2, 23), "week")
    # a month after publication is last year's
    assert _days("in the second week of November")[0][1:] == (date(2023, 11, 8), "week")


def test_a_weekend_is_the_saturday_before_publication_as_a_week():
    assert _days("jets bombed the camps over the weekend") == [("over the weekend", date(2024, 3, 9), "week")]
    assert find_relative("at the weekend", published=date(2024, 3, 9))[0].value == date(2024, 3, 9)


def test_a_weekend_summary_is_dated_by_the_day_the_article_then_gives():
    got = _ev(
        "Nigerian jets bombed ISWAP camps near Lake Chad over the weekend, the air force said. "
        "Nigerian jets struck the camps near Baga on Saturday, killing 20 militants."
    )
    assert got == [("2024-03-09", "day", "airstrike")]
    # a different actor's act that weekend stays its own event
    got = _ev(
        "Nigerian jets bombed ISWAP camps near Lake Chad over the weekend, the air force said. "
        "ISWAP fighters ambushed a convoy near Baga on Sunday, killing four soldiers."
    )
    assert len(got) == 2


def test_a_volcanic_plateau_is_terrain_not_a_disaster():
    got = _ev(
        "Syrian army jets struck Islamic State positions on the volcanic plateau east of Sweida on Tuesday, "
        "state media said."
    )
    assert [t for _, _, t in got] == ["airstrike"]
    assert _ev("A volcano erupted near Goma on Tuesday, killing 32 people.") == []


def test_an_act_that_came_days_after_counts_from_the_subject_act_day():
    got = _ev(
        "A suicide bomber blew up a truck at a checkpoint in Mogadishu on Saturday, killing 40 people. "
        "Police arrested three suspects on Sunday. "
        "The bombing came a day after al-Shabaab fighters stormed an army base near Afgoye, killing seven soldiers."
    )
    # a day before the bombing (Saturday), not before the arrests (Sunday); an assault, not a bombing
    assert ("2024-03-08", "day", "attack") in got


def test_a_toll_update_dates_the_count_not_a_new_act():
    body = (
        "A suicide bomber blew himself up inside a mosque in the police compound in Peshawar on Monday, killing 59 "
        "people. The blast brought down the roof, and the death toll rose to 100 on Thursday, with 225 people "
        "wounded, police said."
    )
    evs = extract_press(_article(body)).events
    assert [(e["event_date"], e["event_type"]) for e in evs] == [("2024-03-11", "suicide attack")]


def test_a_death_toll_is_read_as_the_dead():
    from trends.extract.press_acts import casualty_bounds

    got = [(b.verb, b.value) for b in casualty_bounds("and the death toll climbed to 41 on Friday, with 60 wounded")]
    assert got == [("killed", 41), ("wounded", 60)]
    assert [(b.verb, b.value) for b in casualty_bounds("The toll from the blast has risen to 18.")] == [("killed", 18)]


def test_a_tally_since_a_time_is_no_act():
    assert _ev("Police say they have arrested hundreds of suspected militants since the siege ended in October.") == []
    assert _ev("Police arrested 14 suspected militants in Maiduguri on Tuesday.") == [
        ("2024-03-12", "day", "arrest/raid")
    ]


def test_a_wire_dateline_with_its_year_marks_a_single_article_as_press():
    from trends.extract.press import looks_like_press

    text = (
        "Troops retake a town\n\nBy A. REPORTER\n\n"
        "GAO, Mali, March 14, 2024 (AP) — Malian troops retook the town of Ansongo on Wednesday, the army said.\n"
    )
    assert looks_like_press(text)
    assert looks_like_press(text.replace("March 14, 2024", "March 14"))
    assert not looks_like_press("Weekly update\n\nGAO, Mali, March 14, 2024 — Malian troops retook Ansongo.\n")


def test_an_ordinal_apposition_counts_the_act_told_and_is_no_second_act():
    got = _ev(
        "On Monday, militants fired mortar shells into Djibo, killing two children near the market, a local "
        "official said, the third shelling of the town since February 24."
    )
    assert got == [("2024-03-11", "day", "mortar/rocket")]


def test_which_came_days_after_counts_from_the_day_the_sentence_gave():
    got = _ev(
        "French police arrested two suspects in Lille on Tuesday. His body was identified after Wednesday's "
        "siege in Saint-Denis, which came five days after gunmen killed 129 people across Paris."
    )
    # five days before Wednesday (March 13), not before Tuesday, the day told last
    assert "2024-03-08" in [d for d, _, _ in got]
