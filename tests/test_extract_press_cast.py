"""Press actors of the seventh round (issue 13): state forces written without their country, and the article-level
resolution of an act's perpetrator from the article's claims and blames. Every text here is invented."""

from trends.extract.press import extract_press


def _ev(text):
    return [(e["event_date"], e["actor"], e["event_type"]) for e in extract_press(text).events]


PHILIPPINES = """Clashes continue in Sulu, military says
Published July 1, 2019

MANILA, Philippines - Government troops remain on alert across Sulu province.

On Thursday, marines clashed with about 40 Abu Sayyaf gunmen near Patikul town, killing three militants, army spokesman Maj. Ana Cruz said.

On Friday, soldiers arrested a suspected bomb-maker in Jolo, the provincial capital.

Source link
"""


def test_bare_forces_of_a_philippine_story_are_its_state_and_a_spokesman_is_no_target():
    evs = _ev(PHILIPPINES)
    assert ("2019-06-27", "Government of Philippines", "attack") in evs  # not a raid on the spokesman
    assert ("2019-06-28", "Government of Philippines", "arrest/raid") in evs


KENYA = """Bus attack in Lamu
Published January 6, 2020

Police blamed al-Shabaab for the January 2 attack on a bus near Witu, in Lamu County, in which gunmen killed four passengers.

Source link
"""


def test_a_force_that_blames_a_group_is_the_source_not_the_agent():
    assert _ev(KENYA) == [("2020-01-02", "al-Shabaab", "attack")]


CHAD = """Lake Chad fighting
Published January 16, 2024

In Chad, soldiers repelled an attack by Boko Haram fighters on an army post at Ngouboua on Friday, killing 10 of the assailants, the army said.

Source link
"""


def test_an_attack_by_a_group_that_soldiers_repelled_is_the_groups():
    assert [a for _, a, _ in _ev(CHAD)] == ["Boko Haram"]


LIBYA = """Fighting in eastern Libya
Published June 7, 2016

BENGHAZI, June 7 (Reuters) - Libyan National Army aircraft bombed positions of militants in Derna on Saturday, a spokesman said.

On Sunday, forces loyal to eastern commander Khalifa Haftar said they had killed an Islamic State commander in a raid near Sabha.

Source link
"""


def test_the_libyan_national_army_is_its_own_actor_not_the_state():
    actors = [a for _, a, _ in _ev(LIBYA)]
    assert actors == ["Libyan National Army", "Libyan National Army"]
