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


def _days(text, published=date(2024, 3, 14)):
    return [(r.phrase, r.value) for r in find_relative(text, published=published)]


def test_weekday_phrases_with_a_time_of_day_name_that_day():
    assert _days("rebels raided the camp in the early hours of Monday, freeing") == [
        ("in the early hours of Monday", date(2024, 3, 11))
    ]
    assert _days("a drone hit the convoy Monday night near Dori") == [("Monday night", date(2024, 3, 11))]
    assert _days("the post came under fire Wednesday afternoon") == [("Wednesday afternoon", date(2024, 3, 13))]
    assert _days("troops moved in before dawn on Monday") == [("before dawn on Monday", date(2024, 3, 11))]
    assert _days("overnight Tuesday, gunmen burned the market") == [("overnight Tuesday", date(2024, 3, 12))]
    assert _days("in the small hours of Sunday") == [("in the small hours of Sunday", date(2024, 3, 10))]
    # a feast is no weekday of the week before publication
    assert _days("on Good Friday night") == []
    assert _days("on Easter Sunday morning") == []
    # a weekly prayer is no date of its own: 'the January 2023 massacre ..., during Friday prayers'
    assert _days("gunmen stormed the mosque during Friday prayers") == []
    # a weekday with no time word and no 'on' is that day in news style (dates13)
    assert _days("the school reopened Monday") == [("Monday", date(2024, 3, 11))]


def test_killing_told_with_its_victims_between_verb_and_to_death_is_an_act():
    from trends.extract.event_types import event_type

    assert event_type("Militants hacked seven farmers to death near Oicha.") == "attack"
    assert event_type("A mob stoned two men to death in the market.") == "attack"
    # 'the next day' then counts from that act's day
    t = _article(
        "On Sunday, rebels hacked nine villagers to death with machetes in Mabasele, local leaders said.\n\n"
        "The next day, the rebels ambushed an army patrol near Mabasele, killing two soldiers."
    )
    assert [d for d, _ in _ev(t)] == ["2024-03-10", "2024-03-11"]


def test_a_published_line_after_the_wire_s_place_and_name_dates_the_article():
    t = (
        "Niger: gunmen kill soldiers near Tillaberi\n\nNiamey (AFP) - Published Thursday, March 14, 2024 - 09:10 GMT"
        "\n\nGunmen killed six soldiers at a checkpoint near Tillaberi on Tuesday night, the army said.\n"
    )
    assert [d for d, _ in _ev(t)] == ["2024-03-12"]


def test_a_written_day_after_came_n_weeks_after_is_the_day_of_that_act():
    t = _article(
        "Gunmen stormed a hotel in Mogadishu on Tuesday, killing nine people.\n\n"
        "The siege came two weeks after a car bomb at a Mogadishu market on February 25 killed 30 people."
    )
    assert [d for d, _ in _ev(t)] == ["2024-03-12", "2024-02-25"]


def test_a_new_subject_s_sequel_takes_the_day_of_the_act_before():
    t = _article(
        "Soldiers raided a compound in Tillia on Tuesday evening after a tip-off, the army said.\n\n"
        "Two militants inside the compound then detonated suicide belts, killing themselves and four soldiers."
    )
    assert _ev(t) == [("2024-03-12", "arrest/raid"), ("2024-03-12", "suicide attack")]


def test_a_sequel_told_by_the_act_s_own_doers_or_with_a_year_takes_no_day():
    t = _article(
        "Gunmen stormed a hotel in Kismayo on Tuesday, killing nine people.\n\n"
        "The gunmen then went from room to room, shooting at guests."
    )
    assert [d for d, _ in _ev(t)] == ["2024-03-12"]
    t = _article(
        "Gunmen stormed a hotel in Kismayo on Tuesday, killing nine people.\n\n"
        "In 2019 the group's fighters then attacked the same hotel, killing 26."
    )
    assert [d for d, _ in _ev(t)] == ["2024-03-12"]


def test_within_the_same_hour_is_the_day_of_the_act_before():
    t = _article(
        "A suicide bomber blew himself up at a church in Maroua on Sunday, killing seven worshippers.\n\n"
        "Within the same hour, a second bomber struck a market in Mora, killing five people."
    )
    assert [d for d, _ in _ev(t)] == ["2024-03-10", "2024-03-10"]


def test_the_first_word_of_a_longer_name_in_a_title_is_no_town():
    from trends.extract.press_lines import _title_town

    title = "Sri Lanka police raid ends in blasts"
    assert _title_town(title, 0, len(title)) is None


def test_an_ordinal_act_is_not_the_act_told_before():
    from trends.extract.press_told import told_undated

    old = {
        "evidences": [{"document": "Sahel update"}],
        "evidence": {"sentence": "Gunmen attacked a church in Maroua on Sunday, killing seven."},
        "date_precision": "day",
        "event_type": "attack",
    }
    assert told_undated([old], "Sahel update", "The gunmen set fire to the church.", "attack") is old
    assert told_undated([old], "Sahel update", "A third gunman attacked the church in Mora.", "attack") is None


def test_a_published_line_after_the_outlet_s_name_and_a_bar_dates_the_article():
    from trends.extract.documents import split_documents

    t = (
        "Police hunt cell behind Quetta blast\nThe Frontier Post | Published March 14, 2024\n\n"
        "A roadside bomb struck a police van in Quetta on Tuesday, wounding four officers.\n"
    )
    assert [str(d.published) for d in split_documents(t)] == ["2024-03-14"]
    assert [d for d, _ in _ev(t)] == ["2024-03-12"]
    # the first date of 'Published A | Updated B' stays the publication date
    t = "Police hunt cell\nPublished 12 March 2024 | Updated 14 March 2024\n\nA bomb hit a van on Monday.\n"
    assert [str(d.published) for d in split_documents(t)] == ["2024-03-12"]


def test_a_weekday_of_last_week_is_that_day_of_the_week_before():
    assert _days("police on Tuesday last week arrested two men") == [("on Tuesday last week", date(2024, 3, 5))]
    assert _days("last week on Friday, gunmen") == [("last week on Friday", date(2024, 3, 8))]


def test_a_title_town_lies_in_the_country_the_title_names():
    from trends.extract.press_lines import _title_town

    title = "'They knew Palma better than the army did': a researcher on Mozambique's war"
    assert _title_town(title, 0, len(title)).country == "Mozambique"


def test_several_named_targets_struck_at_once_are_one_act_each():
    from trends.extract.press_targets import listed_targets

    s = "Gunmen stormed the Bakara, Hamarweyne and Shibis markets in Mogadishu on Tuesday, killing 20 people."
    assert listed_targets(s) == ["Bakara", "Hamarweyne", "Shibis"]
    # a count names no target; one named target is one act
    assert listed_targets("Bombers struck three churches and two hotels in Kano on Tuesday.") == []
    assert listed_targets("Gunmen stormed the Bakara market in Mogadishu on Tuesday.") == []
    got = extract_press(_article(s)).events
    assert [(e["event_date"], e["casualties_note"], e["fatalities"]) for e in got] == [
        ("2024-03-12", "target: Bakara", None),
        ("2024-03-12", "target: Hamarweyne", None),
        ("2024-03-12", "target: Shibis", None),
    ]
    assert len({e["event_id"] for e in got}) == 3


def test_an_act_whose_author_the_text_says_is_unclear_has_no_actor():
    t = _article(
        "IS Sahel fighters attacked a market in Menaka on Monday, killing nine traders.\n\n"
        "It was not clear who planted the roadside bomb that hit an army truck near Menaka on Tuesday, wounding two."
    )
    got = [(e["event_date"], e["actor"]) for e in extract_press(t).events]
    assert got == [("2024-03-11", "IS Sahel"), ("2024-03-12", "unknown")]


def test_a_bare_air_force_with_its_aircraft_model_is_the_story_s_state():
    t = _article(
        "Jihadists attacked an army post in Djibo on Monday, killing four soldiers, officials in Burkina Faso said."
        "\n\nOn Tuesday, air force Su-25 jets bombed the jihadists' camp near Djibo, the army said."
    )
    got = [(e["event_date"], e["actor"], e["event_type"]) for e in extract_press(t).events]
    assert ("2024-03-12", "Government of Burkina Faso", "airstrike") in got


def test_a_question_that_names_a_day_dates_the_answer_s_act():
    t = _article(
        "What happened at the Dori checkpoint on Tuesday?\n\n"
        "JNIM fighters on motorbikes overran the checkpoint at the edge of Dori, killing six gendarmes."
    )
    assert [d for d, _ in _ev(t)] == ["2024-03-12"]
    # a question without a day dates nothing
    t = _article("What happened at the Dori checkpoint?\n\nJNIM fighters overran the checkpoint at Dori.")
    assert _ev(t) == []


def test_sri_lanka_is_a_country_whose_towns_are_placed():
    t = (
        "Sri Lanka police hunt bombers\nPublished March 14, 2024\n\nCOLOMBO, Sri Lanka (AP) — A bomb exploded at a "
        "church in Negombo on Tuesday, killing three worshippers, police said.\n\nSource link\n"
    )
    got = [(e["event_date"], e["country"], e["province"]) for e in extract_press(t).events]
    assert got == [("2024-03-12", "Sri Lanka", "Western Province")]


def test_a_blast_that_kills_its_bombers_is_a_suicide_attack_and_a_statement_adjunct_claim_names_them():
    t = _article(
        "Soldiers raided a compound in Tillia on Tuesday evening after a tip-off, the army said.\n\n"
        "Two militants inside the compound then set off explosives, killing themselves and four soldiers.\n\n"
        "In a statement released by its Amaq agency, the Islamic State group said two of its fighters had clashed "
        "with the soldiers and blown themselves up."
    )
    got = [(e["event_date"], e["event_type"], e["actor"], e["attribution"]) for e in extract_press(t).events]
    assert got[1][:2] == ("2024-03-12", "suicide attack")
    assert got[1][3] == "claimed" and got[1][2] != "unknown"


def test_a_claim_of_the_bombings_is_the_claim_of_each_act_of_that_day():
    t = _article(
        "A suicide bomber blew himself up at a church in Maroua on Sunday, killing seven worshippers.\n\n"
        "Minutes later, another bomber struck a market in Maroua, killing five people.\n\n"
        "Boko Haram claimed responsibility for the bombings on Monday."
    )
    got = [(e["event_date"], e["actor"], e["attribution"]) for e in extract_press(t).events]
    assert got == [("2024-03-10", "Boko Haram", "claimed")] * 2
