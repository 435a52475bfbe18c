"""Who did it, as the eighth round's press rules read it (from the press_blind7 study): each test is written from
invented sentences of the class of text that caused the error, not from the fixture's."""

from trends.extract.press import extract_press


def _ev(text):
    return [(e["event_date"], e["actor"], e["counterpart"], e["event_type"]) for e in extract_press(text).events]


PASSIVE_CLAIMED = """Weekly jihadist monitor
Published April 14, 2023

AFGHANISTAN

ISKP claims (Amaq)
- Two Taliban intelligence officers were shot dead outside a mosque in Mazar-i-Sharif, Balkh province, on Wednesday (Amaq, April 13, 2023).

Source link
"""


def test_the_subject_of_a_passive_act_claimed_by_amaq_is_the_victim_not_the_actor():
    ((day, actor, counterpart, _),) = _ev(PASSIVE_CLAIMED)
    assert (day, actor, counterpart) == ("2023-04-12", "ISKP", "Taliban")


STATE_VICTIM = """Weekly jihadist monitor
Published April 14, 2023

SYRIA

- A Syrian army colonel was shot dead near Palmyra, in Homs province, on Tuesday (Amaq, April 12, 2023).

Source link
"""


def test_a_state_force_shot_in_a_passive_clause_is_no_state_act():
    ((day, actor, _, _),) = _ev(STATE_VICTIM)
    assert (day, actor) == ("2023-04-11", "Islamic State")


LEAD_IN = """Weekly jihadist monitor
Published April 14, 2023

Islamic State claims (al-Naba)
The group's weekly said it had carried out these in the past week:
- A roadside bomb hit a police vehicle near Hawija, in Kirkuk province, on April 9, wounding three policemen.

Source link
"""


def test_a_list_lead_in_line_does_not_hide_the_heading_that_owns_the_list():
    ((day, actor, _, _),) = _ev(LEAD_IN)
    assert (day, actor) == ("2023-04-09", "Islamic State")


GENERIC_STATE = """Evening Digest – Friday, 3 May 2024
South Asia desk

PAKISTAN

Balochistan – bus siege (BLA)
- BLA fighters stopped a bus near Turbat on Wednesday and held its passengers for a day.
- Security forces ended the standoff on Thursday, killing five attackers, officials said.

Source link
"""


def test_a_state_force_named_generically_is_the_government_of_the_heading_theatre():
    evs = _ev(GENERIC_STATE)
    assert ("2024-05-02", "Government of Pakistan") in [(d, a) for d, a, _, _ in evs]
    assert all(a in ("Balochistan Liberation Army", "Government of Pakistan") for _, a, _, _ in evs)


def test_no_actor_is_a_raw_state_force_phrase():
    from trends.extract.press_theatre import _RAW_FORCE

    for raw in ("The military", "Security forces", "intelligence forces", "troops", "the army", "Army commandos"):
        assert _RAW_FORCE.fullmatch(raw)
    for name in ("tribal forces", "Libyan National Army", "Popular Mobilization Forces", "ISKP"):
        assert not _RAW_FORCE.fullmatch(name)


TALIBAN_STATE = """Afghanistan: the Emirate's hunt for ISKP
Published October 2, 2022

The Taliban's spokesman said intelligence forces raided an ISKP hideout in Kunar province on September 28 and detained three men.

Source link
"""


def test_afghanistan_state_forces_after_august_2021_are_the_taliban():
    ((day, actor, _, etype),) = _ev(TALIBAN_STATE)
    assert (day, actor, etype) == ("2022-09-28", "Taliban", "arrest/raid")


UNCLAIMED = """JNIM tightens its grip on eastern Burkina Faso
Published June 10, 2023

JNIM has blockaded Fada N'Gourma for months and claimed dozens of attacks in the Est region this year.

On Sunday, suspected jihadists burned a school near Diapaga, in the Est region, killing two teachers.

In May, gunmen kidnapped twelve traders on the road to Kantchari, in the Est region. Nobody claimed it, and the police would not say who did.

On April 20, gunmen ambushed a convoy near Pama, in the Est region, killing six gendarmes. The group did not claim it, but officials blamed the jihadists.

Source link
"""


def test_suspected_jihadists_and_bare_gunmen_get_no_article_group():
    evs = _ev(UNCLAIMED)
    assert [(d, a) for d, a, _, _ in evs] == [
        ("2023-06-04", "unknown"),
        ("2023-05-01", "unknown"),
        ("2023-04-20", "JNIM"),
    ]


HOSTAGES = """Gunmen seize a ferry on Lake Chad
Published July 9, 2024

ISWAP fighters stormed a passenger ferry near Baga, in Borno state, on Monday and took some 90 travellers hostage; officials said four of the hostages were later killed by the gunmen.

Source link
"""


def test_a_storming_that_takes_hostages_is_a_kidnapping_by_the_group_that_stormed():
    ((day, actor, _, etype),) = _ev(HOSTAGES)
    assert (day, actor, etype) == ("2024-07-08", "ISWAP", "kidnapping")


NESTED = """Evening Digest – Monday, 10 March 2025
Pakistan desk

PAKISTAN

• TTP claims (Umar Media):
   ◦ A police van was struck by a roadside bomb near Tank, Khyber Pakhtunkhwa, on Sunday, wounding two constables.

Source link
"""


def test_a_bullet_lead_in_owns_its_nested_items():
    ((day, actor, _, _),) = _ev(NESTED)
    assert (day, actor) == ("2025-03-09", "TTP")


ATTRIBUTED = """Kenya's north-east under pressure
Published July 2, 2023

A landmine struck a truck carrying traders near Dadaab, in Garissa County, on June 28, killing three. Officials attributed this blast to al-Shabaab.

Source link
"""


def test_a_blast_attributed_to_a_group_in_the_next_sentence_is_the_group_s():
    ((day, actor, _, _),) = _ev(ATTRIBUTED)
    assert (day, actor) == ("2023-06-28", "al-Shabaab")


THEATRE_BRANCH = """MORNING DIGEST - Libya
Tuesday, 7 June 2016

LIBYA

Coastal road
* On Sunday, an Islamic State suicide bomber struck a militia gate at Wadi Zamzam, killing three guards (Amaq, June 5, 2016).

Source link
"""


def test_the_is_branch_comes_from_the_heading_theatre_when_the_town_is_unknown():
    ((day, actor, _, _),) = _ev(THEATRE_BRANCH)
    assert (day, actor) == ("2016-06-05", "IS Libya")


RAID = """The jihadist who outlived his emir
Published March 1, 2021

Al-Shabaab's propagandists like to recall that in February 2020, Kenyan special forces raided a hideout near Lamu, in Lamu County, where the cell's commander detonated his suicide vest.

Source link
"""


def test_a_raid_whose_target_blows_himself_up_is_the_raid_of_the_force_a_speaker_recalls():
    ((day, actor, _, etype),) = _ev(RAID)
    assert (day, actor, etype) == ("2020-02-01", "Government of Kenya", "arrest/raid")


TELEGRAM = """Weekly jihadist monitor
Published May 9, 2024

SYRIA

Islamic State cells stay active in the desert.
- A regime checkpoint commander was killed by gunfire near Maadan, in Raqqa province, on Tuesday (Telegram, May 8, 2024).

YEMEN

AQAP keeps up its campaign in Abyan.
- A Security Belt Forces officer was killed by a bomb in Mudiyah, Abyan governorate, on Monday (Telegram, May 7, 2024).

Source link
"""


def test_a_telegram_sourced_act_is_the_islamic_state_s_only_among_its_groups():
    evs = {d: a for d, a, _, _ in _ev(TELEGRAM)}
    assert evs.get("2024-05-07") == "Islamic State"
    assert evs.get("2024-05-06") != "Islamic State"
