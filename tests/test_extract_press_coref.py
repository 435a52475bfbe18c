"""Press extraction, general rules (issue 13 follow-up): who 'the insurgents' are, state forces, publication-date
arithmetic, digest items, stated provinces, history clauses. Every sentence here is invented for the test."""

from datetime import date

from trends.extract.actors import find_actors, resolve_actor
from trends.extract.coref import ArticleGroups, specialize, unnamed_agent
from trends.extract.press import extract_press
from trends.extract.relative import find_relative


def _events(text, published=None):
    return extract_press(text, "t", published=published).events


def _one(text, published=None):
    evs = _events(text, published)
    assert len(evs) == 1, [(e["event_date"], e["actor"], e["evidence"]["sentence"]) for e in evs]
    return evs[0]


ARTICLE = """Militants raid a market town in Niassa
By Test Writer
Published 14 May 2024

The Islamic State's Mozambique branch said it had fighters in the north. On Saturday, insurgents looted shops and burned ten houses in Mecula, in Niassa province, a resident said.

Source link: https://example.test/niassa
"""


def test_unnamed_insurgents_are_the_article_group_narrowed_to_the_affiliate():
    ev = _one(ARTICLE)
    assert ev["event_date"] == "2024-05-11"
    assert ev["actor"] == "IS Mozambique"
    assert ev["confidence"] != "high" and "article names" in ev["confidence_reason"]


def test_parent_name_narrowed_only_in_the_affiliate_country():
    named = ["Islamic State", "IS Mozambique"]
    assert specialize("Islamic State", "Mozambique", named) == "IS Mozambique"
    assert specialize("Islamic State", "Iraq", named) is None  # IS in Iraq stays IS
    assert specialize("al-Qaida", "Somalia", ["al-Qaida", "al-Shabaab"]) == "al-Shabaab"
    assert specialize("ISKP", "Afghanistan", ["ISKP"]) is None  # not a parent


def test_unnamed_agent_kinds():
    assert unnamed_agent("On Monday, they stormed a checkpoint", 20) == "pronoun"
    assert unnamed_agent("Its fighters overran a base", 15) == "noun"
    assert unnamed_agent("Two unidentified gunmen shot a teacher", 25) is None
    assert unnamed_agent("A roadside bomb killed two soldiers", 17) is None


def test_victim_group_is_never_the_coreferent():
    ag = ArticleGroups()
    ag.add("Taliban")
    ag.last_subject = "Taliban"
    assert ag.resolve("Afghanistan", exclude={"Taliban"}) is None
    text = """Gunfire in the capital
Published 4 June 2024

The Taliban said they had reinforced checkpoints. On Sunday, two gunmen shot dead three Taliban police officers outside a bakery in Kabul, witnesses said.

Source link: https://example.test/kabul
"""
    assert _one(text)["actor"] == "unknown"


def test_named_force_keeps_its_label_and_country_possessive_is_a_state():
    text = """Raids in the north-east
Published 10 April 2024

Syrian Democratic Forces detained four suspected Islamic State members in a raid near the town of Tal Hamis, in Hasakah province, on Monday, the force said.

Source link: https://example.test/sdf
"""
    ev = _one(text)
    assert ev["actor"] == "SDF" and ev["event_type"] == "arrest/raid" and ev["counterpart"] == "Islamic State"
    m = find_actors("Kenya's army said", 0, 17)
    assert m and m[0].is_state and m[0].country == "Kenya"
    assert find_actors("a U.S. drone", 0, 12)[0].country == "United States"  # the dotted adjective


def test_last_week_from_a_sunday_is_the_week_it_ends():
    sunday, wednesday = date(2024, 6, 16), date(2024, 6, 19)
    assert find_relative("Last week, troops moved.", published=sunday)[0].value == date(2024, 6, 10)
    assert find_relative("Last week, troops moved.", published=wednesday)[0].value == date(2024, 6, 10)
    assert find_relative("Last week, troops moved.", published=date(2024, 6, 17))[0].value == date(2024, 6, 10)


DIGEST = """Evening Digest: June 6, 2024

Somalia: base attacked in the centre
Al-Shabaab fighters attacked an army base in Adale district of the Galguduud region on Tuesday, the army said.

Cricket: squad named
The board named its squad on Tuesday.

Source link: https://example.test/digest
"""


def test_digest_item_heading_country_and_stated_region():
    ev = _one(DIGEST)
    assert ev["event_date"] == "2024-06-04"
    assert ev["country"] == "Somalia" and ev["province"] == "Galguduud"


def test_history_when_clause_is_one_event_not_a_count():
    text = """How the war in the north began
Published 2 February 2024

The conflict started in May 2019, when fighters later known as ISWAP attacked two army checkpoints near Damasak in Borno state. Thousands have died since.

Source link: https://example.test/history
"""
    ev = _one(text)
    assert ev["event_date"] == "2019-05-01" and ev["date_precision"] == "month"
    assert ev["actor"] == "ISWAP" and ev["province"] == "Borno"


def test_arrest_with_no_named_force_or_group_is_not_an_event():
    text = """Officials speak
Published 9 January 2024

Officials said on Monday that 20 people had been detained in several regions; no other details were given.

Source link: https://example.test/officials
"""
    assert _events(text) == []


def test_outskirts_of_a_federal_city_is_the_surrounding_province():
    text = """Attack near the capital
Published 30 March 2024

Islamic State gunmen attacked a shopping centre in the outskirts of Moscow on Thursday, killing 12 people.

Source link: https://example.test/moscow
"""
    ev = _one(text)
    assert ev["province"] == "Moscow Oblast"


def test_undated_article_resolves_month_phrases_against_its_latest_day():
    # no publication date, no source-link date: 'in November' is the November before the latest day (Feb 2024)
    text = """Raids in the desert
On February 8, 2024, IS fighters ambushed an army patrol near Palmyra, killing five soldiers.
His deputy was killed in a clash with rebels in southern Syria in November.
Source link
"""
    evs = _events(text)
    assert [(e["event_date"], e["date_precision"]) for e in evs] == [("2024-02-08", "day"), ("2023-11-01", "month")]


def test_group_names_in_any_case_and_country_branches():
    assert resolve_actor(find_actors("AL-SHABAAB fighters", 0, 19)[0].raw).actor == "al-Shabaab"
    m = find_actors("the Islamic State's Somalia branch", 0, 34)
    assert resolve_actor(m[0].raw).actor == "IS Somalia"


def test_pronoun_after_a_state_subject_is_the_state():
    text = """Raids against the group
Published 20 March 2024

American troops and Iraqi commandos killed several senior IS figures this month. On March 4, they killed an IS commander near Rutba in Anbar province.

Source link: https://example.test/raids
"""
    evs = _events(text)
    ev = next(e for e in evs if e["event_date"] == "2024-03-04")
    assert ev["actor"] == "Government of United States" and ev["event_type"] == "arrest/raid"


INTERVIEW = """Is Islamic State back in the Badia? An interview
By Desk | Test Notes
Published 12 June 2024

Who fired on the oil field?

The Islamic Resistance in Iraq. On June 3, a drone hit a pumping station in Deir ez-Zor province, wounding three guards, and the group claimed it the same evening.

Is the group still dangerous?

Yes. In March 2023 its fighters stormed a checkpoint near Mayadin in Deir ez-Zor, killing four soldiers.

Source link: https://example.test/badia
"""


def test_claim_with_its_own_date_and_the_group_of_a_question_heading():
    evs = {e["event_date"]: e for e in _events(INTERVIEW)}
    drone = evs["2024-06-03"]
    assert drone["event_type"] == "drone strike" and drone["actor"] == "Islamic Resistance in Iraq"
    assert drone["attribution"] == "claimed"
    assert evs["2023-03-01"]["actor"] == "Islamic State"  # 'Is the group ...?' is the title's group


def test_governing_group_forces_raid_and_the_sentence_country_beats_the_dateline():
    text = """Raids after the mosque attack
By Wire Staff
KABUL, May 8 (Reuters) - Taliban security forces raided a hideout in Kunar province on Monday, killing three ISKP members, officials said.

In May 2023, a suicide bomber from ISKP blew himself up at a market in Quetta, Pakistan, killing 14 people.

Source link: https://example.test/world/2024-05-08/kabul-raids
"""
    evs = {e["event_date"]: e for e in _events(text)}
    raid = evs["2024-05-06"]
    assert raid["actor"] == "Taliban" and raid["event_type"] == "arrest/raid" and raid["province"] == "Kunar"
    assert evs["2023-05-01"]["country"] == "Pakistan" and evs["2023-05-01"]["province"] == "Balochistan"


def test_arrest_of_a_named_person_stays_and_an_anonymous_one_goes():
    text = """The new emir
Published 3 July 2024

Abu Khalid has led the group since Hamdan was arrested in March 2022. Officials said on Monday that dozens had been detained in several districts.

Source link: https://example.test/emir
"""
    evs = _events(text)
    assert [(e["event_date"], e["event_type"], e["actor"]) for e in evs] == [("2022-03-01", "arrest/raid", "unknown")]


def test_place_of_the_previous_event_from_a_later_sentence_of_its_paragraph():
    text = """Leader killed
Published 9 October 2023

Iraqi President Latif Rashid said on Sunday that Iraqi special forces killed Islamic State commander Abu Yasir. He gave no details. Security sources said the raid took place near the town of Hawija.

Source link: https://example.test/leader
"""
    ev = _one(text)
    assert ev["event_type"] == "arrest/raid" and ev["province"] == "Kirkuk" and len(ev["evidences"]) == 2


def test_undated_retelling_of_an_earlier_article_event_anchors_days_later():
    text = """Bomb kills 12 at Jalalabad bus station
KABUL, June 2 (Reuters) - A bomb exploded at a bus station in Jalalabad on Sunday, killing 12 people, police said.
Source link: https://example.test/world/2024-06-02/jalalabad

After the bombing: an interview
Published 20 June 2024

Nearly three weeks after a bomb ripped through a bus station in Jalalabad, killing 12 people, the city is still tense.

Six days later, Taliban intelligence forces raided a house in Jalalabad, killing two ISKP members.

Source link: https://example.test/interview
"""
    evs = {e["event_date"]: e for e in _events(text)}
    assert set(evs) == {"2024-06-02", "2024-06-08"}
    assert len(evs["2024-06-02"]["evidences"]) == 2  # the retelling is one more evidence, not an event


def test_direction_of_a_country_names_its_region_where_there_is_one():
    text = """Village attacked
OUAGADOUGOU, May 14 (Reuters) - Gunmen killed nine people in an attack on a village in eastern Burkina Faso on Sunday, residents said.
Source link: https://example.test/world/2024-05-14/village
"""
    ev = _one(text)
    assert ev["country"] == "Burkina Faso" and ev["province"] == "Est" and ev["event_type"] == "attack"


def test_dated_aside_in_parentheses_is_its_own_event_and_future_in_past_is_no_hedge():
    text = """An old rivalry
Published 2 April 2024

The message, sent by the group's then deputy, Abu Faris (who would later be killed by a U.S. drone strike in August 2019), called for unity.

Source link: https://example.test/rivalry
"""
    ev = _one(text)
    assert (ev["event_date"], ev["date_precision"], ev["event_type"]) == ("2019-08-01", "month", "drone strike")
    assert ev["actor"] == "Government of United States"


def test_person_tied_to_a_group_carries_it_to_the_acts_he_led():
    text = """Commander killed
Published 6 May 2024

Troops killed Abdul Karim Sadiq, the long-time commander of the Islamic State's Mozambique branch, the ministry said. Sadiq was accused of leading the June 2022 attack on Palma, in which 20 people died.

Source link: https://example.test/sadiq
"""
    evs = _events(text)
    ev = next(e for e in evs if e["event_date"] == "2022-06-01")
    assert ev["actor"] == "IS Mozambique" and ev["province"] == "Cabo Delgado"
