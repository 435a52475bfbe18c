"""Country and province as a reader of reports and press pieces reads them (the ninth round's place rules): a
first-level division named bare ('in North Kivu'), a country's name that is a division's ('Niger state'), a town
named like its own province ('In Basilan'). Sentences are our own, not the fixtures'."""

from __future__ import annotations

from trends.extract.divisions import bare_division
from trends.extract.places import canonical_province, find_places
from trends.extract.press import extract_press


def _places(text: str, hint: str | None = None):
    return [
        (p.name, p.country, canonical_province(p.country, p.province_raw), p.kind)
        for p in find_places(text, 0, len(text), hint)
    ]


def _ev(text):
    return [(e["event_date"], e["country"], e["province"]) for e in extract_press(text).events]


def test_a_bare_first_level_division_after_a_locative_word_is_that_division():
    assert _places("Rwandan jets bombed rebel camps in North Kivu on Monday")[0][:3] == (
        "North Kivu",
        "DR Congo",
        "Nord-Kivu",
    )
    assert _places("the fighters overran a base in Lower Shabelle on May 3")[0][1:3] == ("Somalia", "Shabeellaha Hoose")
    assert _places("life under the bandits of Zamfara")[0][1:3] == ("Nigeria", "Zamfara")
    # transliteration variants go through the folded key
    assert bare_division("Misrata") == ("Libya", "Misratah")
    # words of prose that name a division somewhere are no division on their own
    assert bare_division("Centre") is None and bare_division("Sahel") is None


def test_a_country_name_with_a_division_word_is_the_division_of_another_country():
    got = _places("gunmen ambushed a patrol near Kagara in Niger state on Friday")
    assert ("Niger", "Nigeria", "Niger", "province") in got
    assert all(kind != "country" for *_, kind in got)
    # the country itself stays a country
    assert _places("gunmen ambushed a patrol in Niger on Friday")[0][3] == "country"


def test_a_town_named_like_its_own_province_is_the_province():
    # GeoNames puts the Philippines' towns in their region; 'In Basilan' is the province analysts name
    got = _places("In Basilan, soldiers arrested a bomb maker in Lamitan City on May 2", "Philippines")
    assert got[0][:3] == ("Basilan", "Philippines", "Basilan")
    # a capital named like its province is the same province either way
    assert _places("a bomb went off in Kabul on May 2")[0][2] == "Kabul"


PIECE = """Uganda presses its offensive
Published December 10, 2021

Two weeks ago, on November 30, Ugandan jets and artillery struck rebel camps in North Kivu, the army said.

Source link
"""


def test_a_division_in_the_act_clause_wins_over_a_nationality_adjective():
    assert _ev(PIECE) == [("2021-11-30", "DR Congo", "Nord-Kivu")]


HEAD = "Weekly update, June 20, 2024\n\n"


def _report(body: str):
    from trends.extract.parse import extract

    return [(e["event_date"], e["country"], e["province"]) for e in extract(HEAD + body, "t").events]


def test_a_paragraphs_run_in_division_label_is_its_heading_over_a_distances_reference_province():
    # the label says where; 'Maiduguri, Borno State' only says where the distance is measured from
    got = _report(
        "## Nigeria\n\nYobe State. ISWAP fighters ambushed an army convoy at Buni Gari, about 90 km west of "
        "Maiduguri, Borno State, on June 12, killing 20 soldiers (Reuters, June 13, 2024).\n"
    )
    assert got == [("2024-06-12", "Nigeria", "Yobe")]


def test_a_province_in_parentheses_after_a_distances_town_does_not_overrule_the_heading():
    got = _report(
        "## Iraq\n\n### Diyala Province\n\n- On June 11, 2024, ISIS operatives attacked a Peshmerga post in the "
        "Qara Tapa area, about 30 km south of Tuz Khurmatu (Salah al-Din Province). Two fighters were killed.\n"
    )
    assert got == [("2024-06-11", "Iraq", "Diyala")]


def test_a_bullet_that_holds_only_a_division_name_heads_the_bullets_under_it():
    # an HTML list's bold label loses its bold in the text: '- Kirkuk Province' is still the sub-list's heading
    got = _report(
        "## Iraq\n\n### ISIS's activity in the provinces\n\n- Kirkuk Province\n\n"
        "- On June 11, 2024, an army post about 20 km west of Tuz Khurmatu was attacked; one soldier was wounded.\n\n"
        "- Salah al-Din Province\n\n"
        "- On June 12, 2024, a PMF fighter was shot dead near the village of al-Bu Dawr, south of Tikrit.\n"
    )
    assert got == [("2024-06-11", "Iraq", "Kirkuk"), ("2024-06-12", "Iraq", "Salah al-Din")]


def test_a_point_no_place_is_nearer_to_than_its_reference_town_is_in_the_towns_province():
    from trends.extract.compass import province_at_offset

    # no village lies between Djibo and a point 20 km south of it: the farther Centre-Nord towns do not outvote it
    assert province_at_offset("Djibo", 20, "south", "Burkina Faso") == ("Burkina Faso", "Sahel")
    # a point among other places still takes their vote
    assert province_at_offset("Mosul", 80, "east", "Iraq")[1] == "Erbil"


def test_the_sections_country_wins_over_a_conflict_data_village_of_another_country():
    # UCDP's events know a Zawiya village of Nineveh; under a Libya heading 'in Zawiya' is Libya's city
    got = _report(
        "## Libya\n\nLibya's security forces arrested four suspected ISIS members in Zawiya on June 12 "
        "(Libya Observer, June 13, 2024).\n"
    )
    assert got == [("2024-06-12", "Libya", "Az Zawiyah")]


def test_an_area_the_distance_after_it_locates_is_not_a_far_place_of_that_name():
    # the gazetteer's only 'Jazira' of Iraq is in Wasit, 150 km away from the point 20 km west of Samarra
    got = _places("jets struck a hideout in the Jazira area, about 20 km west of Samarra, on May 2", "Iraq")
    assert got[0][:3] == ("Jazira", "Iraq", "Salah al-Din")
    # a name's article is a whole word: 'Jazira area' is not 'Jazira ar'
    assert got[0][0] == "Jazira"


COUNTY = """Kenya's long war with al-Shabaab
Published March 2, 2020

Al-Shabaab gunmen stormed a hotel in Nairobi in 2019, and on January 5, 2020, the group's fighters attacked a
military airstrip in Lamu County, killing three soldiers.

Source link
""".replace("a\nmilitary", "a military")


def test_a_county_named_with_its_type_word_wins_over_a_city_named_bare_in_another_clause():
    assert _ev(COUNTY) == [("2020-01-05", "Kenya", "Lamu")]


def test_the_ends_of_a_named_road_are_towns():
    got = _places("fighters ambushed trucks on the Komanda-Luna road on May 3", "DR Congo")
    assert got == [("Komanda", "DR Congo", "Ituri", "town")]  # 'Luna' is no Congolese town the gazetteer knows
    assert [g[0] for g in _places("gunmen stopped a bus on the Mosul-Erbil highway")] == ["Mosul", "Erbil"]
    # an end starts its own word: 'Deir ez-Zor-Palmyra' is no 'Zor-Palmyra' road
    assert [g[0] for g in _places("an ambush on the Deir ez-Zor-Palmyra highway", "Syria")] != ["Palmyra"]


def test_a_city_called_by_the_name_written_outranks_a_larger_one_an_old_name_matches():
    # GeoNames keeps 'Islamabad' as an old name of Chittagong, a larger city
    assert _places("a bomb went off in Islamabad on May 2")[0][1:3] == ("Pakistan", "Islamabad")


DATELINE = """Chad army raids militant camp
Published April 5, 2023

N'DJAMENA, April 4 (Reuters) - Chad's army said on Tuesday its troops had raided a militant camp near
Tchoukou Bariwa on Monday, killing 20 fighters.

Source link
""".replace("near\nTchoukou", "near Tchoukou")


def test_the_dateline_gives_only_its_country_to_an_act_at_a_place_of_its_own_the_gazetteer_lacks():
    # the story was filed in the capital; the raid was at a village the gazetteer does not know
    assert _ev(DATELINE) == [("2023-04-03", "Chad", None)]


KABUL = """Islamic State bombs a minibus in Afghanistan
Published January 8, 2024

On January 6, the group said its fighters had bombed a minibus in a western neighbourhood, which Kabul police said
killed five people.

Source link
""".replace("said\nkilled", "said killed")


def test_a_city_of_the_storys_country_named_without_a_locative_word_places_a_sentence_that_has_no_other():
    assert _ev(KABUL) == [("2024-01-06", "Afghanistan", "Kabul")]


def test_the_one_town_a_heading_names_places_the_acts_under_it_that_name_none():
    got = _report(
        "## Iraq\n\n### The battle for western Mosul\n\n- On June 11, 2024, ISIS fired mortar shells at Iraqi "
        "forces advancing in the al-Yarmuk neighborhood; eight soldiers were wounded.\n"
    )
    assert got == [("2024-06-11", "Iraq", "Nineveh")]
