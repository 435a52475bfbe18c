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


def test_the_larger_cities_of_europe_the_americas_and_oceania():
    from trends.extract.places import canonical_province, town_candidates

    for name, country, province in [
        ("Vienna", "Austria", "Vienna"),
        ("Brussels", "Belgium", "Brussels"),
        ("Munich", "Germany", "Bavaria"),
        ("Christchurch", "New Zealand", "Canterbury"),
        ("Paris", "France", "Île-de-France"),  # not Parizh, a Russian village GeoNames also calls 'Paris'
    ]:
        c = town_candidates(name)[0]
        assert (c.country, canonical_province(c.country, c.province)) == (country, province)
    t = (
        "Europe's summer of knife attacks\nPublished August 3, 2021\n\n"
        "On July 30, a man stabbed two passers-by near the cathedral in Nice, police said.\n"
        "On July 31, gunmen shot dead a guard in Bari, Somalia's north-eastern region, officials said.\n"
    )
    got = _ev(t)
    assert got[0][1:3] == ("France", "Provence-Alpes-Cote-d’Azur")
    assert got[1][1] == "Somalia"  # a theatre's division named bare beats the Italian city


def test_a_city_abroad_by_an_alternate_name_is_not_taken():
    from trends.extract.press_places import _taken_towns

    # 'Londres' is an alternate name of London: no town the act takes
    s = "The rebels seized Londres on Monday."
    assert _taken_towns(s, 0, len(s)) == []
    s = "It was the second attack on Jackson this year."  # a person, in a story that names no United States
    assert _taken_towns(s, 0, len(s)) == []
    assert [t.country for t in _taken_towns(s, 0, len(s), "United States")] == ["United States"]


def test_a_unit_under_the_region_is_in_its_region():
    from trends.extract.divisions import first_level

    assert first_level("Burkina Faso", "Oudalan") == "Sahel"
    assert first_level("Burkina Faso", "Kouritenga") == "Centre-Est"
    assert first_level("Sri Lanka", "Ampara") == "Eastern Province"
    assert first_level("Burkina Faso", "Sahel") == "Sahel"  # a region stays
    assert first_level("Philippines", "Sulu") == "Sulu"  # the level analysts use there
    assert first_level("Uganda", "Kampala") == "Kampala"  # the level our own town rows record
    t = (
        "Gunmen kill villagers in eastern Burkina Faso\nPublished May 9, 2023\n\n"
        "On May 7, gunmen killed eleven villagers in Kouritenga province, local officials said.\n"
    )
    assert _ev(t) == [("2023-05-07", "Burkina Faso", "Centre-Est", "attack")]


def test_an_offset_with_a_converted_distance_and_a_capital():
    from trends.extract.places import find_offsets

    s = "Gunmen raided a farm 30 kilometers (19 miles) north of the provincial capital of Maiduguri on Monday."
    (o,) = find_offsets(s, 0, len(s))
    assert (o.km, o.direction, o.town) == (30.0, "north", "Maiduguri")


def test_an_act_at_the_site_the_story_named_before():
    t = (
        "Siege ends at hotel\nPublished March 4, 2023\n\n"
        "On March 2, gunmen seized the Sahafi hotel in Mogadishu and took dozens of guests hostage.\n\n"
        "The police chief said the men had planned the raid for weeks.\n\n"
        "Special forces stormed the hotel on March 3, killing four gunmen, officials said.\n"
    )
    got = _ev(t)
    assert ("2023-03-03", "Somalia", "Banaadir") == got[-1][:3]


def test_a_unit_named_after_its_type_word():
    t = (
        "Priest killed in Bangladesh\nPublished May 9, 2016\n\n"
        "On May 7, gunmen shot dead a Hindu priest in the western district of Jhenaidah, police said.\n"
    )
    assert _ev(t)[0][1:3] == ("Bangladesh", "Khulna")  # the district, in its division
    t = (
        "Mozambique insurgents strike again\nPublished May 9, 2021\n\n"
        "On May 7, insurgents beheaded five villagers in the province of Niassa, officials said.\n"
    )
    assert _ev(t)[0][1:3] == ("Mozambique", "Niassa")


def test_the_next_sentence_states_the_province_of_an_act_off_a_town():
    t = (
        "Car bomb kills 30 north of Kirkuk\nPublished May 9, 2016\n\n"
        "A car bomb exploded at a busy market north of Kirkuk on Sunday, killing 30 people, officials said.\n\n"
        "The explosion hit the town of Altun Kupri, on the road to Erbil, in Erbil province.\n"
    )
    assert _ev(t)[0][1:3] == ("Iraq", "Erbil")
    # a distance with the direction: the place was computed, the next sentence does not move it
    t2 = t.replace("north of Kirkuk on Sunday", "40 km north of Kirkuk on Sunday")
    assert _ev(t2)[0][2] == _ev(t2.split("\n\nThe explosion")[0] + "\n")[0][2]


def test_the_site_named_before_beats_the_titles_place():
    t = (
        "Mogadishu mourns as violence spreads\nPublished March 4, 2023\n\n"
        "On February 20, gunmen seized a hotel in the southern city of Kismayo.\n\n"
        "The city is still counting its dead from the February 20 siege, in which 19 people were killed.\n"
    )
    assert {p for _, _, p, _ in _ev(t)} == {"Jubbada Hoose"}


def test_a_continent_is_no_town():
    from trends.extract.places import find_places

    s = "The group named him its emir in Southeast Asia and later in West Africa."
    assert [p for p in find_places(s, 0, len(s)) if p.kind == "town"] == []


def test_a_nationality_says_who_and_a_world_country_says_where():
    t = (
        "Knife attack at a station\nPublished July 26, 2016\n\n"
        "On July 24, in Denmark, a Syrian man stabbed two commuters at a railway station, police said.\n"
    )
    assert _ev(t)[0][1] == "Denmark"
    t = (
        "Gunmen held\nPublished July 26, 2016\n\n"
        "On July 24, police detained two gunmen, an Uzbek and a Russian national, after a shooting at a church.\n"
    )
    assert all(c != "Russia" for _, c, _, _ in _ev(t))


def test_a_later_act_of_the_story_is_at_its_place_not_the_titles():
    t = (
        "From Kano to Maiduguri: a bloody month\nPublished March 4, 2023\n\n"
        "On March 1, gunmen shot dead three worshippers at a church in Jos.\n\n"
        "Police arrested two suspects later that night, officials said.\n"
    )
    assert [p for _, _, p, _ in _ev(t)] == ["Plateau", "Plateau"]


def test_a_world_city_after_of_is_a_person():
    from trends.extract.places import find_places

    s = "Police announced the arrest of Hamilton, a preacher, and searched homes in Hamilton and west of Paris."
    got = [(p.name, p.country) for p in find_places(s, 0, len(s)) if p.kind == "town"]
    assert got == [("Hamilton", "Canada"), ("Paris", "France")]


def test_a_title_word_is_a_city_abroad_only_in_the_titles_country():
    t = "Independence Day attack kills six"
    assert _title_town(t, 0, len(t)) is None  # Independence, Missouri
    t = "Manchester bomber's brother jailed"
    assert _title_town(t, 0, len(t), "United Kingdom").country == "United Kingdom"


def test_a_three_letter_town_after_near_from_and():
    from trends.extract.places import find_places

    for s in ("Gunmen shot two traders near Gao.", "on the road from Gao to Bourem", "between Ansongo and Gao"):
        assert "Gao" in [p.name for p in find_places(s, 0, len(s))], s
    s = "Gunmen shot two traders at Gao."
    assert [(p.name, p.province_raw) for p in find_places(s, 0, len(s))] == [("Gao", "Gao region")]  # "at" is a word


def test_a_direction_off_a_city_province_is_the_province_around_it():
    t = (
        "Cell broken up\nPublished May 9, 2024\n\n"
        "On May 7, security forces raided a farm in the Ghouta area east of Damascus, killing two militants.\n"
    )
    assert _ev(t)[0][1:3] == ("Syria", "Rif Dimashq")


def test_a_quarter_is_in_the_city_its_paragraph_opens_with():
    t = (
        "Battle for the city grinds on\nPublished November 25, 2016\n\n"
        "In Mosul, troops pressed on. Two soldiers were killed on Wednesday when militants attacked a position in "
        "the Karama neighborhood, an officer said.\n"
    )
    assert _ev(t)[0][1:3] == ("Iraq", "Nineveh")
