"""Who did it: the groups and state forces a press sentence names, and the actor of its act."""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from .actors import find_actors, registry_aliases, resolve_actor
from .backrefs import author_after
from .coref import ArticleGroups, unnamed_agent
from .places import canonical_country
from .press_acts import _act_clause, _event_pos
from .press_forces import _PASSIVE_VICTIM

STATE_TYPES = {"airstrike", "drone strike", "arrest/raid", "surrender"}
_PERSON_OF = re.compile(
    r"\b((?:[A-Z][\w'’-]+\s+){0,3}[A-Z][\w'’-]+),\s+(?:[\w'’-]+\s+){0,6}?(?:commander|leader|chief|emir|head"
    r"|founder|spokesman|deputy|governor)\s+of\s+"
)
_BY_GROUP = re.compile(r"\b(?:by|from|of) the (?:group|organi[sz]ation|militants|jihadists)\b(?!['’]s)", re.I)
_BLAMED = re.compile(
    r"\b(?:blamed|blame|accused|attribut(?:ed|e|es)\s+(?:it|them|the\s+\w+)\s+to)\s+(?:fighters of\s+|militants of\s+)?",
    re.I,
)
#: blame told in the event's own sentence, after its act ('..., who blamed X', 'blaming X', 'an attack state media
#: blamed on X')
_BLAMED_HERE = re.compile(r"\b(?:blam(?:ed|ing)|accus(?:ed|ing)(?!\s+of\b))\s+(?:it\s+|them\s+)?(?:on\s+)?", re.I)
_BLAMED_GENERIC = re.compile(
    r"(?:the\s+)?(?:[\w-]+\s+){0,2}?(?:militants|insurgents|jihadists|extremists|Islamists|rebels)\b"
    r"|the\s+(?:group|organi[sz]ation|movement)\b",  # 'officials again blamed the group': the article's group
    re.I,
)
_PRONOUN_SUBJECT = re.compile(
    r"^\W*(?:(?:Six|\w+) days later,?\s*(?:on \w+,?\s*)?)?(?:they|it|the group|the militants|"
    r"its fighters|the jihadists|the attackers"
    # 'Two days later, the same unit burned a health centre': the authors of the act told before
    r"|the same (?:unit|group|cell|fighters|militants|gunmen|attackers|faction|men|insurgents|jihadists))\b",
    re.I,
)
_MORE_GROUPS = re.compile(
    r"\bIS(?:IS)?[- ]Sahel(?: Province)?\b|\bIslamic State(?:'s)? Sahel Province\b|\bISSP\b"
    r"|\bIS[- ]Khorasan\b|\bIS-K\b|\bISKP\b|\bIslamic State[- ]Khorasan(?: Province)?\b|\bTTP\b"
    r"|\bTehr(?:ee|i)k-[ie]-Taliban Pakistan\b|\bISWAP\b"
    # groups of the registry that the report patterns do not list, as news names them
    r"|\bLashkar-e-(?:Islam|Jhangvi|Taiba)\b|\bJamaat-ul-Ahrar\b|\bJaish(?:-e-Mohammed|[- ]al-Adl|-ul-Adl)\b"
    r"|\bJundallah\b|\bKatiba Macina\b|\bJAD\b|\bBLA\b"
)
#: 'since Khorasani was arrested', 'detained Abu Omar': an arrest of a named person
_NAMED_ARRESTEE = re.compile(
    r"\b[A-Z][\w'’-]+\s+(?:was|were|had been|has been)\s+(?:\w+ly\s+)?(?:arrested|detained|captured|apprehended)\b"
    r"|\b(?:arrested|detained|captured|apprehended)\s+(?:[a-z-]+\s+){0,3}?(?:[A-Z][\w'’-]+\s+){1,3}"
)
#: exonyms: the Taliban of a named country ('Pakistan's Taliban problem', 'the Pakistani Taliban' are the TTP; 'the
#: Afghan Taliban' the Taliban), written as the registry's alias
_EXONYM = re.compile(r"\b(?P<c>Pakistan(?:i|['’]s)|Afghan(?:istan['’]s)?)\s+Taliban\b")
#: state forces written without their country ('army commandos stormed', 'the air force said jets had struck',
#: 'troops arrested', 'intelligence ministry agents'): the country of the event's place is meant
_BARE_FORCE = re.compile(
    # 'Air Force FA-50 jets', 'army Mi-24 helicopters': a model's name may come between the force and its arm
    r"\b(?:(?:the\s+)?(?:army|air force|navy|military)\s+(?:[a-z]{1,3}-\d{1,3}[a-z]?s?\s+)?(?:commandos|helicopters|jets"
    r"|warplanes|drones|troops"
    r"|units?|special forces|patrols?)|the air force"
    r"|(?:intelligence|interior|defen[cs]e) ministry (?:agents|officers|forces|troops|units|commandos)"
    r"|troops|commandos|(?:anti-terror(?:ism)?|counter-?terror(?:ism)?|riot|paramilitary)\s+police"
    # 'officers of the provincial Counter-Terrorism Department', 'gendarmes arrested three men'
    r"|(?:anti-terror(?:ism)?|counter-?terror(?:ism)?)\s+(?:department|unit|squad|wing|agency|force)"
    r"|(?:the\s+)?gendarm(?:es|erie)"
    r"|intelligence\s+(?:forces|agents|operatives|services)"
    # 'the military killed 11 fighters', 'marines clashed with', 'soldiers arrested a man', 'Police arrested two'
    r"|the\s+military|(?:the\s+)?marines|soldiers|(?:the\s+)?police(?:men)?|(?-i:[A-Z][\w-]+\s+)?special\s+forces)\b"
    # '"soldiers of the caliphate"': a group's name for its own fighters
    r"(?!\s+of\s+(?:the\s+)?(?:caliphate|khilafah?|Islamic\s+State)\b)",
    re.I,
)
#: named forces that are not a state's ('Libyan National Army aircraft', 'forces loyal to Khalifa Haftar'): the
#: actor written is the label
_NAMED_FORCES = [
    (
        re.compile(
            r"\b(?:Libyan National Army|LNA|forces loyal to (?:[\w-]+\s+){0,3}?(?:Khalifa\s+)?Haftar|Haftar['’]s forces)\b"
        ),
        "Libyan National Army",
    ),
]
_OBJECT_OF = re.compile(
    r"(?<!linked\s)(?<!loyal\s)(?<!affiliated\s)(?<!allied\s)(?<!tied\s)\b(?:with|to|against)\s+(?:the\s+)?$"
)
_POSSESSIVE = re.compile(r"\b(?:its|their)\s+(?:fighters|militants|members|men|gunmen)\b")
#: 'Islamic State said its Central Africa Province ... killed 17 villagers': the province is the parent's own
_ITS_PROVINCE = re.compile(
    r"\b(?:Islamic State|ISIS|IS)\s+said\s+(?:that\s+)?(?P<its>its)\s+(?P<b>West Africa|Sahel|Khorasan|Central Africa"
    r"|Mozambique|Somalia|Pakistan|Hind|Sinai)\s+Province\b"
)
_PASSIVE_ACT = re.compile(r"\b(?:was|were|been|being|is|are)\s+(?:\w+ly\s+)?$", re.I)
#: a perpetrator named by nothing but his guns ('gunmen', 'armed men', 'two gunmen on a motorcycle')
_BARE_GUNMEN = re.compile(r"(?<!the )(?<!its )(?<!their )\b(?:gunmen|armed men|assailants|attackers)\b", re.I)
#: a statement that gives an act to someone ('claimed', 'blamed the group', 'the work of Wilayat Sinai')
_ATTRIBUTED = re.compile(
    r"\bclaim|\bblam|\baccus|\battribut|\bresponsib|\bwork of\b|\bbehind (?:it|the)\b|\bflag of\b", re.I
)

#: a negated statement ('Nobody claimed that', 'IS did not claim the attack', 'I would not rush to blame one group'):
#: what it denies is no attribution
_NEGATED = re.compile(r"\b(?:no\s+(?:group|one)|nobody|not|never)\b[^,;.]{0,40}", re.I)


def _next_sentence(text: str, e: int) -> str:
    """The sentence after the one ending at `e`, in its paragraph ('' when the paragraph ends)."""
    m = re.match(r"[^\S\n]*([^\n]*?[.!?])(?=\s|$)", text[e : e + 400])
    return m.group(1) if m else ""


#: a perpetrator the text only suspects ('suspected jihadists', 'suspected Islamist militants')
_SUSPECTED = re.compile(
    r"\bsuspected\s+(?:[\w-]+\s+)?(?:jihadists|militants|insurgents|Islamists|extremists|gunmen|fighters|rebels"
    r"|attackers|bandits)\b",
    re.I,
)
_GENERIC = {"Islamic State", "al-Qaida", "unknown"}  # parents: the affiliate named beside them wins


@lru_cache(maxsize=1)
def _registry_groups() -> re.Pattern:
    """Every spelling of the shipped actor registry (actor_aliases.csv) that the report patterns do not find
    ('Abu Sayyaf', 'the Maute group', 'BIFF', 'Katiba Macina'): a group the registry knows is a group wherever
    it is named, in the registry's own capitalisation."""
    names = {
        a
        for a in registry_aliases()
        if len(a) >= 4 and a.isascii() and re.search(r"[A-Z]", a) and not find_actors(a, 0, len(a))
    }
    alts = "|".join(re.escape(a) for a in sorted(names, key=len, reverse=True))
    # a compound of two names joined by a hyphen ('the Dawlah Islamiyah-Maute group') names the first
    return re.compile(rf"(?:(?<![\w-])|(?<=[a-z]-)(?=[A-Z]))(?:{alts})(?:(?![\w-])|(?=-[A-Z]))")


#: a hyphenated tie between two group names ('Islamic State-linked', 'al-Qaeda-affiliated')
_LINKED = re.compile(r"-(?:linked|aligned|allied|affiliated|backed|inspired|loyal)\s+(?:the\s+)?$", re.I)


def _actors(text: str, s: int, e: int):
    """find_actors plus the affiliate spellings news prose uses ('IS Sahel', 'IS-Khorasan', 'TTP') and the other
    groups of the registry."""
    from .actors import Mention

    named = [
        Mention(m.group(), m.start(), m.end(), True, None, label)
        for rx, label in _NAMED_FORCES
        for m in rx.finditer(text, s, e)
    ]
    base = [
        b
        for b in find_actors(text, s, e)
        if not any(x.start <= b.start < x.end or b.start <= x.start < b.end for x in named)
    ] + named
    extra = [Mention(m.group(), m.start(), m.end(), False) for m in _MORE_GROUPS.finditer(text, s, e)]
    extra += [
        Mention(m.group(), m.start(), m.end(), False)
        for m in _registry_groups().finditer(text, s, e)
        if not any(x.start <= m.start() < x.end or m.start() <= x.start < m.end() for x in base + extra)
    ]
    extra += [
        Mention("Pakistani Taliban" if m["c"].startswith("Pakistan") else "Afghan Taliban", m.start(), m.end(), False)
        for m in _EXONYM.finditer(text, s, e)
    ]
    extra += [
        Mention(f"Islamic State {m['b']} Province", m.start("its"), m.end(), False)
        for m in _ITS_PROVINCE.finditer(text, s, e)
    ]
    taken = base + extra
    extra += [
        Mention(m.group(), m.start(), m.end(), True)
        for m in _BARE_FORCE.finditer(text, s, e)
        if not any(x.start <= m.start() < x.end or m.start() <= x.start < m.end() for x in taken)
    ]
    keep = [b for b in base if not any(x.start <= b.start < x.end or b.start <= x.start < b.end for x in extra)]
    out = sorted(keep + extra, key=lambda m: m.start)
    # 'the Islamic State-linked Abu Sayyaf group': the group named second; the first only qualifies it
    return [
        m
        for i, m in enumerate(out)
        if not (
            i + 1 < len(out)
            and not m.is_state
            and not out[i + 1].is_state
            and _LINKED.match(text[m.end : out[i + 1].start])
        )
    ]


def government_of(country: str | None) -> str:
    """'Government of Egypt' for a state force of `country` (the Sinai, a region the gazetteer keeps apart, is
    Egypt's)."""
    c = canonical_country(country) or country
    return f"Government of {'Egypt' if c == 'Sinai' else c}"


def _specific_first(groups, when=None):
    """Groups of a sentence, the affiliate before the parent ('Islamic State's regional affiliate, ISKP')."""
    if len(groups) < 2:
        return groups
    spec = [g for g in groups if resolve_actor(g.raw, when).actor not in _GENERIC]
    return spec + [g for g in groups if g not in spec] if spec else groups


def _actor(raw: str, when):
    """resolve_actor, with the registry's long TTP spellings folded onto TTP."""
    am = resolve_actor(raw, when)
    return resolve_actor("TTP", when) if re.search(r"(?i)taliban pakistan", am.actor) else am


def event_actor(
    text: str,
    s: int,
    e: int,
    whole: str,
    etype: str,
    by_state: bool,
    state: list,
    groups: list,
    act_at: int,
    when,
    country: str | None,
    *,
    ag: ArticleGroups,
    item_country: str | None,
    home,
    persons: dict[str, str],
    claimer: str | None,
    doc_groups: Counter,
    last_subject: str | None,
    reason: list[str],
):
    """(actor_raw, counterpart, event type) of the event sentence text[s:e] (`whole`: its full sentence): a state
    force acting, the group named before the act (or as its agent), a group blamed in the next sentence, or the
    group or force an unnamed perpetrator stands for (`coref`); `reason` gets what lowers the confidence."""
    sent = text[s:e]
    # 'foreign states that deal with the Taliban: the suicide bombing at ...': a group after 'with/to/against' is
    # the object of another verb, not the agent of the act
    # 'A Taliban district police chief and two guards were killed by a suicide bomber': the subject of a passive
    # act is its victim (the counterpart), never its agent
    agents = [
        g
        for g in groups
        if not _OBJECT_OF.search(text[max(s, g.start - 25) : g.start])
        and not (g.start < act_at and _PASSIVE_VICTIM.match(text, g.end, min(e, act_at + 40)))
    ]
    if by_state and (etype in STATE_TYPES or etype in ("attack", "execution", "shooting", "ambush")):
        sc = state[0].country or country or item_country or (home.country if home else None)
        actor_raw = state[0].label or government_of(sc) if sc or state[0].label else state[0].raw
        counterpart = resolve_actor(groups[0].raw, when).actor if groups else (ag.resolve(country) or None)
    elif (
        agents
        and not (
            agents[0].start > act_at
            and not re.search(
                r"(?<!run )(?<!held )(?<!controlled )(?<!manned )(?<!operated )(?<!owned )(?<!guarded )"
                r"\bby\s+(?:the\s+)?(?:(?:[\w-]+\s+){0,2}(?:from|of|linked to|loyal to)\s+(?:the\s+)?)?$",
                text[max(s, agents[0].start - 40) : agents[0].start],
            )  # by militants from IS
            # 'hundreds of gunmen from the Maute group overran Marawi': the group of the subject's gunmen
            and not re.search(
                r"\b(?:gunmen|fighters|militants|insurgents|members|jihadists|attackers)\s+(?:from|of|belonging to"
                r"|loyal to)\s+(?:the\s+)?$",
                text[max(s, agents[0].start - 40) : agents[0].start],
            )
            # 'the Oct. 21 assault in which IS gunmen and suicide bombers stormed ...': the subject of the clause
            # that tells the act
            and not re.search(
                r"\b(?:(?:in|during)\s+which|when)\s+$", text[max(s, agents[0].start - 20) : agents[0].start]
            )
            # 'Saturday's ambush ... was the deadliest: ISWAP fighters killed at least a dozen': the subject of its verb
            and not re.match(
                r"(?:\s+(?:fighters|militants|gunmen|members|insurgents|jihadists))?\s+(?:had\s+|have\s+)?(?:killed"
                r"|attacked|ambushed|stormed|abducted|kidnapped|bombed|struck|raided|seized|overran|shot|executed)\b",
                text[agents[0].end : agents[0].end + 30],
            )
            # '... seized the compound, and the TTP claimed the uprising': the claimant of the act
            and not re.match(
                r"(?:\s*\([^)]*\))?\s+(?:later\s+|quickly\s+)?claimed\b", text[agents[0].end : agents[0].end + 30]
            )
            # 'A suicide bomber and several al-Shabaab gunmen stormed': the group is in the subject
            and not (
                re.fullmatch(r"[^,;]{0,60}\s(?:and|with)\s[^,;]{0,25}", text[act_at : agents[0].start])
                and re.match(
                    r"\s+(?:gunmen|fighters|militants|insurgents|members|bombers|attackers)\b",
                    text[agents[0].end : agents[0].end + 12],
                )
            )
        )
    ):
        actor_raw, counterpart = agents[0].raw, None
    elif (named := author_after(text, groups, act_at, e)) is not None:
        # '..., killing 57 people; President Erdogan said the Islamic State was behind it': the author told after
        actor_raw, counterpart = named[0], None
        reason.append("actor named after the act")
    elif (pos := _POSSESSIVE.search(sent)) and (
        prior := [g for g in _actors(text, s, s + pos.start()) if not g.is_state and g not in groups]
    ):
        # "Boko Haram's notoriety was sealed in April 2014, when its fighters abducted ...": the group named before
        actor_raw, counterpart = prior[0].raw, None
    else:
        nxt = text[e : e + 300]
        bl = _BLAMED.search(nxt)
        later = find_actors(text, e + bl.end(), e + bl.end() + 80) if bl else []
        own = _BLAMED_HERE.search(sent, max(0, act_at - s))
        named_here = _actors(text, s + own.end(), min(e, s + own.end() + 60)) if own else []
        blamed = [g for g in named_here if not g.is_state]
        if named_here and named_here[0].is_state and named_here[0].start - (s + own.end()) <= 4:
            # 'a drone strike hit a gathering ..., residents said, blaming the army': the state whose force is blamed
            st = named_here[0]
            sc = st.country or country or item_country or (home.country if home else None)
            actor_raw = st.label or (government_of(sc) if sc else st.raw)
            counterpart = None
            reason.append("actor blamed in the sentence")
        elif blamed and blamed[0].start - (s + own.end()) <= 30:
            # 'gunmen ambushed a convoy ..., according to an officer who blamed al Shabaab fighters', 'a roadside
            # bomb struck a bus ..., state media said, blaming Islamic State cells': the group the sentence blames
            actor_raw, counterpart = blamed[0].raw, None
            reason.append("actor blamed in the sentence")
        elif (
            own
            and _BLAMED_GENERIC.match(sent, own.end())
            and (coref := ag.resolve(canonical_country(country) or item_country))
        ):
            # '... and blamed the Somali-based militants': the article's group
            actor_raw, counterpart = coref, None
            reason.append("actor blamed in the sentence")
            reason.append("actor from the group the article names")
        elif later and not later[0].is_state:
            actor_raw, counterpart = later[0].raw, None
            reason.append("actor from the next sentence")
        elif bl and re.match(r"^\W*(?:\w+\s+){0,4}?blamed\b", nxt) and not later:
            # 'Police blamed bandits, armed gangs ...': the next sentence blames someone who is no group
            actor_raw, counterpart = "unknown", None
        elif (ref := unnamed_agent(_act_clause(sent), _event_pos(sent))) == "pronoun" and (
            ag.last_opener == "state" and ag.last_state is not None
        ):
            st = ag.last_state
            sc = st.country or country or item_country
            actor_raw = st.label or (government_of(sc) if sc else st.raw)
            counterpart = resolve_actor(groups[0].raw, when).actor if groups else ag.resolve(country)
            reason.append("actor from an earlier sentence")
            if etype in ("attack", "shooting", "kidnapping"):
                etype = "arrest/raid"
        elif (
            ref == "noun"
            and (_BARE_GUNMEN.search(text, s, min(e, act_at + 40)) or _SUSPECTED.search(text, s, min(e, act_at + 40)))
            and not _ATTRIBUTED.search(_NEGATED.sub(" ", whole + " " + _next_sentence(text, e)))
        ):
            # 'gunmen shot dead a district commissioner', 'suspected militants torched a school': an act nobody
            # claims or is blamed for, by men the text names only by their guns or a suspicion, is unattributed;
            # the article's group is not assumed
            actor_raw, counterpart = "unknown", None
            reason.append("perpetrator not named")
        elif (
            (ref or re.search(r"\b(?:the group|it|they)\s+(?:later\s+|also\s+|quickly\s+)?claimed\b", sent))
            and not _PASSIVE_ACT.search(text[s:act_at])
            and (
                coref := ag.resolve(
                    canonical_country(country) or item_country,
                    pronoun=ref == "pronoun",
                    exclude={resolve_actor(g.raw).actor for g in groups},
                    definite=bool(re.match(r"^\W*The (?:group|organi[sz]ation|movement)\b", sent)),
                )
            )
        ):
            actor_raw = coref
            counterpart = None
            reason.append("actor from the group the article names")
        elif (
            etype in ("arrest/raid", "attack", "shooting")
            and re.search(r"\b(?:in|during)\s+an?\s+(?:[\w-]+\s+)?raid\b", sent, re.I)
            and ag.last_state is not None
        ):
            st = ag.last_state  # 'was killed in a raid': the force of the article's earlier raids
            sc = st.country or country or item_country
            actor_raw = st.label or (government_of(sc) if sc else st.raw)
            counterpart = ag.resolve(country)
            etype = "arrest/raid"
            reason.append("actor from an earlier sentence")
        elif (pm := re.match(r"^\W*([A-Z][\w'’-]+)", sent)) and pm.group(1) in persons:
            actor_raw = persons[pm.group(1)]  # 'Omar ... was accused of leading the March 2021 assault'
            counterpart = None
            reason.append("actor from the group of the person named")
        elif (_PRONOUN_SUBJECT.search(whole) or _BY_GROUP.search(sent)) and (claimer or doc_groups):
            actor_raw = (
                (last_subject if _PRONOUN_SUBJECT.search(whole) and last_subject else None)
                or claimer
                or doc_groups.most_common(1)[0][0]
            )
            counterpart = None
            reason.append("actor from an earlier sentence")
        else:
            actor_raw, counterpart = "unknown", None
        if groups and counterpart is None and actor_raw != groups[0].raw:
            counterpart = resolve_actor(groups[0].raw, when).actor
    return actor_raw, counterpart, etype


#: the force's own toll of militants: the ambush was the force's
_KILLED_MILITANTS = re.compile(
    r"\bkilled\s+(?:at\s+least\s+)?(?:\d+|\w+)\s+(?:[\w-]+\s+)?(?:insurgents|militants|fighters|jihadists|terrorists"
    r"|rebels|bandits)\b",
    re.I,
)
