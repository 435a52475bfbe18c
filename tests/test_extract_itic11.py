"""Round 11 (itic11): a force's men or machines 'of' their owner, a time phrase before the agent, registry names
of two words or more, state demonyms, 'At the same time' as the day of the act before, bold-line headings.
Sentences are our own."""

from __future__ import annotations

from trends.extract.parse import extract

HEAD = "Spotlight on Global Jihad (June 2-15, 2024)\n\nJune 16, 2024\n\n"


def _rows(body: str, *keys):
    return [tuple(e[k] for k in keys) for e in extract(HEAD + body, "t").events]


def test_members_and_craft_of_an_owner_make_the_owner_the_agent():
    body = (
        "Libya\n\n- On June 3, 2024, warplanes of the Libyan National Army bombed a jihadist camp near Derna.\n"
        "- On June 4, 2024, troops of the Libyan National Army detained three militants in Ajdabiya.\n"
    )
    assert [a for (a,) in _rows(body, "actor")] == ["Libyan National Army", "Libyan National Army"]
    body = "Egypt\n\n- On June 5, 2024, a fighter of the Sinai Province shot dead a policeman near El Arish.\n"
    assert _rows(body, "actor") == [("IS Sinai",)]


def test_a_time_phrase_before_the_group_does_not_govern_it():
    body = (
        "Iraq\n\n- On June 6, 2024, ISIS operatives burned a tractor near Tarmiyah (Amaq, June 6, 2024). "
        "In addition, on the same day ISIS gunmen shot dead a shepherd near Tarmiyah (Amaq, June 7, 2024).\n"
    )
    assert [a for (a,) in _rows(body, "actor")] == ["Islamic State", "Islamic State"]


def test_a_registry_name_and_a_demonym_name_the_agent():
    body = "Pakistan\n\n- On June 7, 2024, Baloch Liberation Army fighters attacked a police post in Turbat.\n"
    assert _rows(body, "actor") == [("Balochistan Liberation Army",)]
    body = "Philippines\n\n- On June 8, 2024, Philippine troops clashed with Abu Sayyaf members on Jolo.\n"
    assert _rows(body, "actor", "counterpart") == [("Government of Philippines", "Abu Sayyaf")]
    body = "Belgium\n\n- On June 9, 2024, Belgian police arrested two suspects in Antwerp.\n"
    assert _rows(body, "actor") == [("Government of Belgium",)]


def test_at_the_same_time_is_the_day_of_the_act_before_not_of_the_source():
    body = (
        "Syria\n\n- On June 10, 2024, operatives shot dead a council member near Hajin (Amaq, June 10, 2024). "
        "At the same time, an IED went off next to an SDF car near Hajin (Amaq, June 12, 2024).\n"
    )
    assert [d for (d,) in _rows(body, "event_date")] == ["2024-06-10", "2024-06-10"]


def test_a_line_that_is_only_a_bold_label_is_a_heading():
    body = (
        "## Iraq\n\n**Anbar Province**\n\n- On June 11, 2024, an IED hit an army patrol near Rawa (Telegram, "
        "June 11, 2024).\n"
    )
    r = extract("# " + HEAD + body, "t")
    assert r.events and r.events[0]["heading_path"][-1] == "Anbar Province"
