"""News-prose rules of the press extractor (issue 13, second round): each test is written from invented sentences."""

from datetime import date

from trends.extract.documents import dateline_year, split_documents
from trends.extract.press import extract_press

# An invented wire story without a year in its dateline, pasted between two dated analyses.
WIRE_NO_YEAR = """Gunmen raid a border post in Niger

NIAMEY, Oct 12 (Reuters) - Gunmen on motorbikes attacked a border post near Tera in the Tillaberi region on Tuesday, killing four gendarmes, the interior ministry said on Wednesday.

Source link

Why the Sahel's border posts keep falling | Analysis
Published November 2, 2021

Posts along the borders are lightly held. ISWAP fighters ambushed a patrol near Diffa on October 20, killing six soldiers.

Source link
"""


def test_a_dateline_without_a_year_takes_the_year_whose_dateline_day_fits_the_lead_weekday():
    # Oct 12 is a Wednesday in 2022 and a Tuesday in 2021: the lead's last weekday (said on Wednesday) decides
    assert (
        dateline_year(date(2000, 10, 12), "... on Tuesday, the ministry said on Wednesday.", [date(2021, 11, 2)])
        == 2022
    )
    # the day after the lead's weekday fits too ('on Tuesday' filed on Wednesday): the year nearest the context wins
    assert dateline_year(date(2000, 10, 12), "... attacked a post on Tuesday.", [date(2021, 11, 2)]) == 2021
    assert dateline_year(date(2000, 10, 12), "... attacked a post on Tuesday.", [date(2022, 12, 1)]) == 2022
    assert dateline_year(date(2000, 10, 12), "... attacked a post on Friday.", [date(2022, 12, 1)]) is None
    assert dateline_year(date(2000, 10, 12), "... attacked a post.", [date(2021, 11, 2)]) is None


def test_wire_story_without_a_year_is_dated_and_its_weekday_resolves():
    docs = split_documents(WIRE_NO_YEAR)
    assert docs[0].published == date(2022, 10, 12) and docs[0].published_from.startswith("dateline")
    res = extract_press(WIRE_NO_YEAR)
    got = {(e["event_date"], e["province"]) for e in res.events}
    assert ("2022-10-11", "Tillaberi") in got  # 'on Tuesday' before the Wednesday dateline


def test_a_rubric_line_holding_only_a_date_is_the_publication_date():
    text = """Conversation | 3 February 2023

Q&A: What the Kerman bombing tells us

On January 28, two gunmen opened fire at a shrine in Kerman, killing five worshippers.

Source link
"""
    docs = split_documents(text)
    assert docs[0].published == date(2023, 2, 3) and docs[0].published_from == "date line"
    assert [e["event_date"] for e in extract_press(text).events] == ["2023-01-28"]


def _events(text):
    return [(e["event_date"], e["actor"], e["event_type"]) for e in extract_press(text).events]


def test_exonyms_the_taliban_of_pakistan_are_the_ttp_and_the_afghan_taliban_the_taliban():
    text = """Pakistan's Taliban step up raids in the tribal belt
Published April 9, 2024

On April 6, militants stormed a checkpoint in Bajaur district, killing two policemen.

The Afghan Taliban seized a border crossing near Torkham on April 7, officials said.

Source link
"""
    got = {(d, a) for d, a, _ in _events(text)}
    assert ("2024-04-06", "TTP") in got  # 'militants' = the title's group, and the title's Taliban are Pakistan's
    assert ("2024-04-07", "Taliban") in got


def test_a_state_force_written_without_its_country_is_the_government_of_the_event_country():
    text = """Gunmen seize a hostel in Pakistan's northwest
Published May 30, 2024

On May 25, gunmen seized a hostel in Dera Ismail Khan, in Khyber Pakhtunkhwa province, and held students inside. Two days later, army commandos stormed the hostel, killing six of the gunmen.

Source link
"""
    got = _events(text)
    assert ("2024-05-27", "Government of Pakistan", "arrest/raid") in got


def test_an_attribution_after_an_event_names_its_actor_and_is_no_event_of_its_own():
    text = """Bandits or jihadists? An attack in Kebbi
Published July 12, 2024

On July 7, gunmen on motorcycles attacked the village of Dan Kade in Kebbi State, killing 14 farmers. On Wednesday, the state police said the attackers were members of Lakurawa, a group active along the Niger border.

Source link
"""
    ev = extract_press(text).events
    assert [(e["event_date"], e["actor"]) for e in ev] == [("2024-07-07", "Lakurawa")]
    assert "attribution" in ev[0]["confidence_reason"]


def test_a_named_claimant_replaces_an_actor_guessed_from_the_article_and_the_parent_itself_is_not_narrowed():
    text = """ISKP's campaign against Iran
Published March 1, 2024

ISKP has grown bolder. In August 2018, gunmen attacked a military parade in Ahvaz, killing 25 people. The Islamic State's central command claimed that attack, not its Khorasan affiliate.

Source link
"""
    assert [(d, a) for d, a, _ in _events(text)] == [("2018-08-01", "Islamic State")]


def test_a_group_after_with_to_or_against_is_no_agent_and_a_same_sentence_claimant_is():
    text = """How al-Shabaab widened its war
Published October 4, 2023

Al-Shabaab has grown bolder. It has also struck those who trade with the Ethiopian army: the bombing of a truck depot in Beledweyne in September was aimed at them. On September 21, gunmen stormed a hotel in Mogadishu, and al-Shabaab claimed the siege.

Source link
"""
    got = {(d, a) for d, a, _ in _events(text)}
    assert ("2023-09-01", "al-Shabaab") in got  # 'It' = al-Shabaab; the Ethiopian army is what 'trade with' takes
    assert ("2023-09-21", "al-Shabaab") in got  # '..., and al-Shabaab claimed the siege'


def test_its_fighters_are_the_fighters_of_the_group_named_before_in_the_sentence():
    text = """Ansaru's return to Kaduna
Published June 3, 2024

ISWAP dominates the northeast. Ansaru's revival began in March 2022, when its fighters attacked a train near Kaduna, killing eight passengers.

Source link
"""
    assert [(d, a) for d, a, _ in _events(text)] == [("2022-03-01", "Ansaru")]


def test_came_n_days_after_dates_the_act_before_the_previous_one_and_less_than_n_weeks_is_no_date():
    from trends.extract.relative import find_relative

    r = find_relative("The ambush came three days after soldiers raided a camp.", anchor=date(2024, 5, 10))
    assert [(x.kind, x.value) for x in r] == [("before", date(2024, 5, 7))]
    assert find_relative("It came less than two weeks after a bombing.", anchor=date(2024, 5, 10)) == []
    assert [x.value for x in find_relative("Three days later, troops raided a camp.", anchor=date(2024, 5, 10))] == [
        date(2024, 5, 13)
    ]


def test_an_apposition_between_two_dates_is_not_cut_as_a_list_item():
    text = """Mali's garrison towns under pressure
Published September 9, 2023

The siege began soon after JNIM fighters drove a truck bomb into the Boni camp, the army's last post on the road to Hombori, last month, killing three soldiers.

Source link
"""
    ev = extract_press(text).events
    assert [(e["event_date"], e["actor"]) for e in ev] == [("2023-08-01", "JNIM")]


def test_years_are_not_tolls_and_each_number_belongs_to_its_own_verb():
    from trends.extract.press import casualty_bounds

    b = casualty_bounds("the March 2019 bombing of the market, which killed more than 60 people")
    assert [(x.value, x.qualifier, x.verb) for x in b] == [(60, "more than", "killed")]
    b = casualty_bounds("gunmen killed at least 12 villagers and wounded 9 others")
    assert sorted((x.value, x.verb) for x in b) == [(9, "wounded"), (12, "killed")]
    assert [x.value for x in casualty_bounds("1500 villagers were killed")] == [1500]


def test_a_road_collision_is_an_accident_and_weapons_carried_do_not_make_the_act():
    from trends.extract.press import non_event_reason

    assert non_event_reason("A minibus collided with a truck near Kaya on Monday, killing 9 people.", has_group=False)
    text = """Attack on a Kurram checkpoint
Published August 3, 2024

On August 1, gunmen armed with rifles and rocket launchers attacked a checkpoint in Kurram district, killing four soldiers.

Source link
"""
    assert [e["event_type"] for e in extract_press(text).events] == ["attack"]


def test_a_question_heading_places_its_answer_and_a_date_line_is_not_the_title():
    text = """Interview | 2 May 2024

Q&A: Why the Islamic State is striking Iran

What happened at the cemetery in Kerman?

On January 3, two suicide bombers blew themselves up among mourners, killing 95 people. Two weeks later, police arrested 35 suspects in raids across the province.

Source link
"""
    docs = split_documents(text)
    assert docs[0].title.startswith("Q&A: Why the Islamic State")
    ev = extract_press(text).events
    assert [(e["event_date"], e["country"], e["province"]) for e in ev][0] == ("2024-01-03", "Iran", "Kerman")
    assert "heading" in ev[0]["confidence_reason"]


def test_the_act_after_came_n_days_after_is_the_event_with_its_own_agent():
    text = """Jihadists ambush a convoy near Diffa
Published June 14, 2024

On June 12, ISWAP fighters ambushed a convoy near Diffa, killing seven soldiers. The ambush came three days after troops raided an ISWAP camp near Bosso, killing 11 militants.

Source link
"""
    got = {(d, a, t) for d, a, t in _events(text)}
    assert ("2024-06-09", "Government of Niger", "arrest/raid") in got


def test_a_parent_saying_its_province_acted_names_that_province_and_is_a_claim():
    text = """Evening Digest: March 8, 2024

IS says it struck a Cabo Delgado village
Islamic State said its Mozambique Province, which locals call al-Shabaab, killed nine soldiers near Mocimboa da Praia on Tuesday, in a statement on its channels.

Source link
"""
    ev = extract_press(text).events
    assert [(e["event_date"], e["actor"], e["attribution"]) for e in ev] == [("2024-03-05", "IS Mozambique", "claimed")]


def test_the_kind_a_claim_names_refines_an_attack_and_a_second_level_unit_keeps_the_towns_region():
    text = """Burkina Faso's northern front
Published May 20, 2023

On May 11, dozens of gunmen fell on a supply convoy near Djibo, in Soum province, killing 14 militiamen. Two days later, JNIM claimed the ambush on its az-Zallaqa outlet.

Source link
"""
    ev = extract_press(text).events
    assert [(e["event_date"], e["actor"], e["event_type"], e["province"]) for e in ev] == [
        ("2023-05-11", "JNIM", "ambush", "Sahel")
    ]


def test_a_short_lead_in_dates_the_act_told_next_and_a_force_whose_name_holds_the_act_word_is_the_agent():
    text = """Chad strikes back on the lake
Published April 12, 2024

Boko Haram has regrouped on the islands. The military responded on Wednesday. Army helicopters struck a Boko Haram base near Bol, in Chad's Lac province, killing 12 fighters.

Source link
"""
    ev = extract_press(text).events
    assert [(e["event_date"], e["actor"], e["event_type"]) for e in ev] == [
        ("2024-04-10", "Government of Chad", "airstrike")
    ]
    assert "sentence before" in ev[0]["confidence_reason"]


def test_the_dated_noun_before_when_tells_the_history_and_a_scoreline_is_sport():
    from trends.extract.press import non_event_reason

    text = """How Boko Haram made its name
Published May 2, 2024

Its best-known crime is still the April 2014 abduction, when Boko Haram fighters abducted 276 girls from a school in Chibok.

Source link
"""
    assert [(d, a, t) for d, a, t in _events(text)] == [("2014-04-01", "Boko Haram", "kidnapping")]
    assert non_event_reason("Osimhen struck twice as Nigeria beat Ghana 3-1 on Sunday.", has_group=False) == "sport"


def test_the_title_s_country_adjective_places_a_force_without_a_country():
    text = """The Nigerian army's new push in Borno
Published March 4, 2024

Officials said security forces killed 20 militants in an operation near Bama last month.

Source link
"""
    assert [(d, a) for d, a, _ in _events(text)] == [("2024-02-01", "Government of Nigeria")]


def test_more_relative_dates_of_news_prose():
    from trends.extract.relative import find_relative

    pub, anchor = date(2024, 6, 14), date(2024, 6, 12)  # a Friday; the previous date told is a Wednesday
    got = {
        (r.phrase, r.value, r.precision)
        for r in find_relative("Tuesday's bombing came a day earlier.", 0, None, pub, anchor)
    }
    assert got == {("Tuesday's", date(2024, 6, 11), "day"), ("a day earlier", date(2024, 6, 11), "day")}
    assert [(r.value, r.precision) for r in find_relative("Two days earlier, troops raided", 0, None, pub, anchor)] == [
        (date(2024, 6, 10), "day")
    ]
    assert [(r.value, r.precision) for r in find_relative("earlier this week", 0, None, pub, anchor)] == [
        (date(2024, 6, 10), "week")
    ]


def test_casualty_numbers_in_words_keep_their_bounds_and_a_byline_date_is_the_publication_date():
    from trends.extract.press import casualty_bounds

    assert [(b.value, b.qualifier, b.verb) for b in casualty_bounds("killing at least five soldiers")] == [
        (5, "at least", "killed")
    ]
    assert [(b.value, b.verb) for b in casualty_bounds("wounding a dozen villagers")] == [(12, "wounded")]
    assert casualty_bounds("killing one of the") == []
    text = """Raid on a Diffa camp
By Amina Bello | 3 March 2023

Troops raided an ISWAP camp near Diffa on Wednesday, killing nine fighters.

Source link
"""
    docs = split_documents(text)
    assert docs[0].published == date(2023, 3, 3)
    assert [e["event_date"] for e in extract_press(text).events] == ["2023-03-01"]


def test_a_sentence_opening_in_a_month_is_dated_and_a_heading_names_a_besieged_town_of_the_article_country():
    text = """Conversation | 5 December 2023

Is Ansarul Islam gaining in Burkina Faso?

Who is besieging Djibo?

Ansarul Islam. In November, its fighters stormed the Djibo army base, killing dozens. On Sunday, they shelled the market, wounding six people.

Source link
"""
    ev = extract_press(text).events
    got = [(e["event_date"], e["date_precision"], e["province"]) for e in ev]
    assert ("2023-11-01", "month", "Sahel") in got
    assert ("2023-12-03", "day", "Sahel") in got  # no place in the sentence: the heading's besieged town


def test_n_days_earlier_or_later_counts_only_from_a_day_the_article_told_not_from_its_publication():
    text = """Niger's western front
Published July 5, 2024

The junta has few troops to spare. Two days earlier, gunmen attacked a convoy near Tera, killing eight soldiers. On July 2, troops raided a camp near Ayorou, in the Tillaberi region, killing 14 militants. Two days earlier, gunmen had ambushed a patrol near Ayorou, killing five soldiers.

Source link
"""
    got = [(e["event_date"], e["event_type"]) for e in extract_press(text).events]
    assert got == [("2024-07-02", "arrest/raid"), ("2024-06-30", "ambush")]


def test_the_group_is_the_title_s_group_a_raid_on_a_house_is_a_raid_and_a_title_s_bare_town_places_the_article():
    text = """Peshawar and the return of the TTP
Published 10 April 2024

A day after the bombing, troops killed two suspects in a raid on a house in Peshawar on April 8. Lashkar-e-Islam gunmen killed a shopkeeper in Mardan on April 7. The group first struck the city in March 2013, when a suicide bomber killed 17 people at a bus stop.

Source link
"""
    got = [(e["event_date"], e["actor"], e["event_type"], e["province"]) for e in extract_press(text).events]
    assert ("2013-03-01", "TTP", "suicide attack", "Khyber Pakhtunkhwa") in got  # 'The group' = the title's TTP
    assert any(d == "2024-04-08" and t == "arrest/raid" for d, _, t, _ in got)


def test_an_ap_dateline_filed_the_day_after_its_news_and_a_group_before_its_verb_after_an_act_noun():
    # Jan 5 is a Friday in 2024, a Thursday in 2023: both fit "on Thursday ... Wednesday's"; the nearer year wins
    lead = "The group claimed responsibility on Thursday for Wednesday's bombings."
    assert dateline_year(date(2000, 1, 5), lead, [date(2024, 1, 22)]) == 2024
    assert dateline_year(date(2000, 1, 5), lead, [date(2023, 1, 22)]) == 2023
    text = """A grim week in Borno
Published March 12, 2024

Sunday's raid near Dikwa, in Borno State, was the worst in months: Boko Haram gunmen killed nine farmers.

Source link
"""
    assert [(d, a) for d, a, _ in _events(text)] == [("2024-03-10", "Boko Haram")]


def test_an_article_pasted_after_a_digest_without_a_source_link_starts_at_its_title_and_byline():
    # the digest ends with no 'Source link' line; the next article is known by its title, byline and date line
    from trends.extract.documents import split_documents

    text = (
        "Morning Digest: May 4, 2021\n\n"
        "Published May 4, 2021\n\n"
        "Gunmen attacked a bus station in Kano on Monday, police said.\n\n"
        "Analysis | Why the north-west keeps burning\n\n"
        "By Hauwa Musa | Published October 9, 2022\n\n"
        "In August, bandits stormed a school in Zamfara and abducted 40 pupils.\n"
    )
    docs = split_documents(text)
    assert [d.published.isoformat() for d in docs] == ["2021-05-04", "2022-10-09"]
    assert docs[1].title.startswith("Analysis | Why the north-west")
    # a byline right under the first title does not start another article
    one = split_documents("A title of the story\n\nBy Ali Khan\nPublished 3 March 2023\n\nTroops raided a house.\n")
    assert len(one) == 1 and one[0].published.isoformat() == "2023-03-03"
