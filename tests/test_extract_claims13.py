"""Acts told with no named agent linked to the claim that names their author in the same article (claims13). Each
test is written from invented sentences of the class, not the fixtures'."""

from trends.extract.press import extract_press


def _article(body: str, title: str = "Market blast in the north", published: str = "March 14, 2024") -> str:
    # March 14, 2024 is a Thursday
    return f"{title}\nBy A. Reporter\nPublished {published}\n\n{body}\n\nSource link\n"


def _ev(text):
    return [(e["event_date"], e["actor"], e["event_type"], e["attribution"]) for e in extract_press(text).events]


def test_a_claim_told_after_the_act_names_its_author():
    t = _article(
        "A suicide bomber blew himself up on Tuesday at the gate of the district court in Quetta, Balochistan, "
        "killing 12 people, police said. The blast brought down the court's roof, and the death toll rose to 25 on "
        "Wednesday, with 40 people wounded, hospital officials said."
        "\n\n"
        "Hours after the bombing, Abu Hamza, a commander of the Jamaat-ul-Ahrar faction, claimed responsibility in a "
        "message to reporters."
    )
    evs = _ev(t)
    assert [(d, a, k) for d, a, _, k in evs] == [("2024-03-12", "Jamaat-ul-Ahrar", "claimed")]
    # the blast named again with the toll that rose is the act's aftermath, not an act of its own
    ev = extract_press(t).events[0]
    assert (ev["fatalities"], ev["wounded"]) == (25, 40)


def test_a_claim_in_the_lede_names_the_act_the_story_tells_next():
    t = _article(
        "MOGADISHU, Somalia (AP) — Al-Shabaab on Wednesday claimed responsibility for the weekend car bombing that "
        "killed eight people at a market in the capital, as the army said its jets had struck the group's bases.\n\n"
        "The bomber drove a car packed with explosives into the crowded Hamar Weyne market in Mogadishu on Sunday "
        "morning, killing eight people, police said.",
        title="Somali militants claim market bombing",
    )
    evs = _ev(t)
    # one event: the act, dated by the act, with the claimer as its author (the claim is its evidence)
    assert [(d, a) for d, a, _, _ in evs] == [("2024-03-10", "al-Shabaab")]
    assert len(extract_press(t).events[0]["evidences"]) == 2


def test_a_claim_of_another_act_does_not_carry_over():
    t = _article(
        "On Monday, JNIM fighters attacked an army post near Djibo, in Burkina Faso's Sahel region, killing six "
        "soldiers, the army said. JNIM claimed the attack on Tuesday.\n\n"
        "On Wednesday, a roadside bomb struck a bus near Kaya, in the Centre-Nord region, killing four passengers. "
        "It was not clear who planted the bomb."
    )
    actors = {d: a for d, a, _, _ in _ev(t)}
    assert actors.get("2024-03-13") == "unknown"


def test_a_group_that_distances_itself_tells_no_act():
    t = _article(
        "A suicide bomber blew himself up on Tuesday inside a mosque in Peshawar, Khyber Pakhtunkhwa, killing 20 "
        "worshippers, officials said.\n\n"
        "But a spokesman for Tehreek-e-Taliban Pakistan distanced the group from the attack late on Tuesday, saying "
        "it did not target places of worship."
    )
    evs = _ev(t)
    assert [(d, a) for d, a, _, _ in evs] == [("2024-03-12", "unknown")]


def test_the_act_of_the_claim_in_its_own_sentence():
    t = _article(
        "Two bombs exploded on Tuesday at a bus station in Mazar-i-Sharif, Balkh province, killing seven people, and "
        "Islamic State Khorasan Province claimed the attack."
    )
    assert [(d, a) for d, a, _, _ in _ev(t)] == [("2024-03-12", "ISKP")]


def test_an_act_nobody_is_known_for_takes_no_author_from_another_act():
    t = _article(
        "On Monday, a roadside bomb hit an army truck near Rafah, in North Sinai, killing two soldiers. The Sinai "
        "Province group claimed the attack in a statement.\n\n"
        "Also on Tuesday, gunmen shot dead a shopkeeper in the market of Bir al-Abd, in North Sinai. It was not "
        "immediately clear who was responsible.\n\n"
        "On Wednesday a mortar shell hit a checkpoint near Sheikh Zuwayed, in North Sinai, killing a conscript. "
        "No group claimed the shelling, but security officials blamed the Sinai Province group."
    )
    actors = {d: a for d, a, _, _ in _ev(t)}
    assert actors.get("2024-03-12") == "unknown"


def test_a_blame_of_the_article_s_act_names_its_author():
    t = _article(
        "The raids on Tuesday struck the villages of Koira and Banda in the Tillaberi region of Niger, where "
        "gunmen killed 40 people, the governor said.\n\n"
        "Survivors said the attackers came on motorbikes around noon. They fired on farmers in the fields and "
        "burned the granaries before riding off towards the border.\n\n"
        "No group has claimed the raids. But a local official blamed the Islamic State in the Greater Sahara, "
        "which has been demanding a tax from the villages."
    )
    evs = _ev(t)
    assert [(d, a, k) for d, a, _, k in evs] == [("2024-03-12", "IS Sahel", "reported")]
