"""Who did it: the groups and state forces a press sentence names, and the actor of its act."""

from __future__ import annotations

import re
from collections import Counter

from .actors import find_actors, resolve_actor
from .coref import ArticleGroups, unnamed_agent
from .places import canonical_country
from .press_acts import _act_clause, _event_pos

STATE_TYPES = {"airstrike", "drone strike", "arrest/raid", "surrender"}
_PERSON_OF = re.compile(
    r"\b((?:[A-Z][\w'’-]+\s+){0,3}[A-Z][\w'’-]+),\s+(?:[\w'’-]+\s+){0,6}?(?:commander|leader|chief|emir|head"
    r"|founder|spokesman|deputy|governor)\s+of\s+"
)
_BY_GROUP = re.compile(r"\b(?:by|from|of) the (?:group|organi[sz]ation|militants|jihadists)\b", re.I)
_BLAMED = re.compile(
    r"\b(?:blamed|accused|attributed (?:it|the attack) to)\s+(?:fighters of\s+|militants of\s+)?", re.I
)
_PRONOUN_SUBJECT = re.compile(
    r"^\W*(?:(?:Six|\w+) days later,?\s*(?:on \w+,?\s*)?)?(?:they|it|the group|the militants|"
    r"its fighters|the jihadists|the attackers)\b",
    re.I,
)
_MORE_GROUPS = re.compile(
    r"\bIS(?:IS)?[- ]Sahel(?: Province)?\b|\bIslamic State(?:'s)? Sahel Province\b|\bISSP\b"
    r"|\bIS[- ]Khorasan\b|\bIS-K\b|\bISKP\b|\bIslamic State[- ]Khorasan(?: Province)?\b|\bTTP\b"
    r"|\bTehr(?:ee|i)k-[ie]-Taliban Pakistan\b|\bISWAP\b"
)
#: 'since Khorasani was arrested', 'detained Abu Omar': an arrest of a named person
_NAMED_ARRESTEE = re.compile(
    r"\b[A-Z][\w'’-]+\s+(?:was|were|had been|has been)\s+(?:\w+ly\s+)?(?:arrested|detained|captured|apprehended)\b"
    r"|\b(?:arrested|detained|captured|apprehended)\s+(?:[a-z-]+\s+){0,3}?(?:[A-Z][\w'’-]+\s+){1,3}"
)
_PASSIVE_ACT = re.compile(r"\b(?:was|were|been|being|is|are)\s+(?:\w+ly\s+)?$", re.I)
_GENERIC = {"Islamic State", "al-Qaida", "unknown"}  # parents: the affiliate named beside them wins


def _actors(text: str, s: int, e: int):
    """find_actors plus the affiliate spellings news prose uses ('IS Sahel', 'IS-Khorasan', 'TTP')."""
    from .actors import Mention

    base = find_actors(text, s, e)
    extra = [Mention(m.group(), m.start(), m.end(), False) for m in _MORE_GROUPS.finditer(text, s, e)]
    keep = [b for b in base if not any(x.start <= b.start < x.end or b.start <= x.start < b.end for x in extra)]
    return sorted(keep + extra, key=lambda m: m.start)


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
    if by_state and (etype in STATE_TYPES or etype == "attack"):
        sc = state[0].country or country or item_country or (home.country if home else None)
        actor_raw = state[0].label or f"Government of {canonical_country(sc)}" if sc or state[0].label else state[0].raw
        counterpart = resolve_actor(groups[0].raw, when).actor if groups else (ag.resolve(country) or None)
    elif (
        groups
        and not (
            groups[0].start > act_at
            and not re.search(
                r"\bby\s+(?:the\s+)?(?:(?:[\w-]+\s+){0,2}(?:from|of|linked to|loyal to)\s+(?:the\s+)?)?$",
                text[max(s, groups[0].start - 40) : groups[0].start],
            )  # by militants from IS
            # 'A suicide bomber and several al-Shabaab gunmen stormed': the group is in the subject
            and not (
                re.fullmatch(r"[^,;]{0,60}\s(?:and|with)\s[^,;]{0,25}", text[act_at : groups[0].start])
                and re.match(
                    r"\s+(?:gunmen|fighters|militants|insurgents|members|bombers|attackers)\b",
                    text[groups[0].end : groups[0].end + 12],
                )
            )
        )
    ):
        actor_raw, counterpart = groups[0].raw, None
    else:
        nxt = text[e : e + 300]
        bl = _BLAMED.search(nxt)
        later = find_actors(text, e + bl.end(), e + bl.end() + 80) if bl else []
        if later and not later[0].is_state:
            actor_raw, counterpart = later[0].raw, None
            reason.append("actor from the next sentence")
        elif (ref := unnamed_agent(_act_clause(sent), _event_pos(sent))) == "pronoun" and (
            ag.last_opener == "state" and ag.last_state is not None
        ):
            st = ag.last_state
            sc = st.country or country or item_country
            actor_raw = st.label or (f"Government of {canonical_country(sc)}" if sc else st.raw)
            counterpart = resolve_actor(groups[0].raw, when).actor if groups else ag.resolve(country)
            reason.append("actor from an earlier sentence")
            if etype in ("attack", "shooting", "kidnapping"):
                etype = "arrest/raid"
        elif (
            (ref or re.search(r"\b(?:the group|it|they)\s+(?:later\s+)?claimed\b", sent))
            and not _PASSIVE_ACT.search(text[s:act_at])
            and (
                coref := ag.resolve(
                    canonical_country(country) or item_country,
                    pronoun=ref == "pronoun",
                    exclude={resolve_actor(g.raw).actor for g in groups},
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
            actor_raw = st.label or (f"Government of {canonical_country(sc)}" if sc else st.raw)
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
