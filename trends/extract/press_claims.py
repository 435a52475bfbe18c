"""An act told with no named agent ('The bomber blew himself up on Monday ...') linked to the claim that names its
author elsewhere in the same article ('Hours after the bombing, a commander of the X faction claimed responsibility';
'X on Monday claimed responsibility for the weekend truck bombing ...').

A claim of 'the bombing' or 'the attack' speaks of one act the article tells: the unattributed act of that kind
nearest before it (or, for a claim that opens the story, the first such act after it), with no act of another
author told between. That act takes the claimer (`attribution` claimed). A claim sentence whose own event is only
the claim (its day is the claim's) is then evidence of the act, not an event. A group that distances itself from
'the attack' tells no act. An act the text leaves to nobody ('It was not clear who ...') is not linked.
"""

from __future__ import annotations

import re

from .press_actors import _actors
from .press_article import Article
from .press_cast import UNATTRIBUTED, _credit
from .press_merge import _NO_CLAIM

#: 'claimed responsibility for the weekend truck bombing', 'claimed the bombing', 'claimed responsibility' (with
#: 'the bombing' named elsewhere in the sentence): the noun of the act claimed
_CLAIM_OF = re.compile(
    r"\bclaimed\s+(?:responsibility\s+(?:for\s+)?)?(?:(?:the|that)\s+(?P<k>(?:[\w-]+\s+){0,3}?(?:bombings?|attacks?"
    r"|blasts?|explosions?|assaults?|ambush(?:es)?|killings?|massacre)\b))?",
    re.I,
)
_REF = re.compile(
    r"\b(?:the|that)\s+(?P<k>(?:[\w-]+\s+){0,2}?(?:bombings?|attacks?|blasts?|explosions?|assaults?|ambush(?:es)?"
    r"|killings?|massacre))\b",
    re.I,
)
#: 'X distanced the group from the attack', 'denied any role in the bombing': a denial, no act
_DENIAL = re.compile(
    r"\b(?:distanc(?:ed|es|ing)\s+(?:itself|the\s+group|the\s+movement|\w+)\s+from|denied\s+(?:any\s+)?"
    r"(?:involvement|responsibility|role)\s+(?:in|for))\s+(?:the|that)\s+(?:[\w-]+\s+){0,2}?(?:attack|bombing|blast)",
    re.I,
)
#: the kinds a claimed act noun can be
_KINDS = {
    "bomb": {"suicide attack", "IED", "VBIED", "attack", "bombing"},
    "blast": {"suicide attack", "IED", "VBIED", "attack", "bombing"},
    "explosion": {"suicide attack", "IED", "VBIED", "attack", "bombing"},
}


def _fits(noun: str, etype: str) -> bool:
    for stem, kinds in _KINDS.items():
        if stem in noun.lower():
            return etype in kinds or "bomb" in etype.lower() or "ied" in etype.lower()
    return True  # 'the attack', 'the assault': any violent act


def _claim(text: str, s: int, e: int) -> tuple[str, str, int] | None:
    """(claimer, act noun, position of 'claimed') of the claim told in the sentence text[s:e], or None."""
    sent = text[s:e]
    m = _CLAIM_OF.search(sent)
    if m is None or _NO_CLAIM.search(sent) or UNATTRIBUTED.search(sent):
        return None
    # 'claimed responsibility' names its act elsewhere in the sentence ('Hours after the bombing, ...'); a bare
    # 'claimed by' or 'claimed as' names none
    bare = re.match(r"\S+\s+responsibility\b", sent[m.start() :])
    noun = m.group("k") or (bare and (r := _REF.search(sent)) and r.group("k"))
    if not noun:
        return None
    groups = [g for g in _actors(text, s, s + m.start()) if not g.is_state]
    if not groups or re.search(r"\b(?:not|never|denied)\b", sent[groups[0].end - s : m.start()]):
        return None
    return groups[0].raw, noun, s + m.start()


#: 'officials blamed the Islamic State', 'an official blamed the attack on X': a blame naming the group just after it,
#: not one traded or spread ('blamed each other', 'blamed everyone')
_BLAME = re.compile(
    r"\bblamed\s+(?:the\s+(?P<k>(?:[\w-]+\s+){0,2}?(?:bombings?|attacks?|blasts?|killings?|massacre|ambush))\s+on\s+)?"
    r"(?!each\s+other|one\s+another|everyone|everybody)",
    re.I,
)


def _blame(text: str, s: int, e: int) -> tuple[str, str, int] | None:
    """(group, act noun, position) of a blame in text[s:e] that names the group right after 'blamed'; the act noun
    is the blame's own or that of the sentence before ('No group has claimed the killings. But an official blamed
    X'), else None."""
    sent = text[s:e]
    m = _BLAME.search(sent)
    if m is None or re.search(r"\b(?:not|never|no one|nobody)\b[^.]{0,30}$", sent[: m.start()]):
        return None
    groups = [g for g in _actors(text, s + m.end(), e) if not g.is_state]
    if (
        not groups
        or groups[0].start - (s + m.end()) > 12
        or re.search(r"\band\b", text[groups[0].end : groups[0].end + 5])
    ):
        return None
    prev = text[max(0, s - 200) : s]
    noun = m.group("k") or ((r := _REF.search(sent)) and r.group("k")) or ((r := _REF.search(prev)) and r.group("k"))
    return (groups[0].raw, noun, s + m.start()) if noun else None


def _only_claim(text: str, s: int, at: int) -> bool:
    """True when the sentence's act is its claim: no toll or act verb before 'claimed' ('The group on Monday
    claimed ...', 'Hours after the bombing, X claimed ...')."""
    head = text[s:at]
    return not re.search(r"\b(?:killed|killing|wounded|attacked|stormed|struck|blew|detonated|exploded)\b", head)


def _target(text: str, events: list[dict], at: int, noun: str, lede: bool) -> list[int]:
    """The unattributed act a claim at `at` speaks of, then the acts told after it that are its aftermath: the run
    of unattributed acts of its kind just before the claim (within two paragraphs), earliest first, or, for a
    claim in the story's first paragraph with no act before it, the first act after it."""
    before = [j for j in range(len(events) - 1, -1, -1) if events[j]["evidence"]["end"] <= at]
    after = [j for j in range(len(events)) if events[j]["evidence"]["start"] > at] if lede else []
    run: list[int] = []
    for j in before or after:
        other = events[j]
        os_, oe = other["evidence"]["start"], other["evidence"]["end"]
        if other["actor"] != "unknown" or not _fits(noun, other["event_type"]) or text.count("\n\n", oe, at) > 2:
            break  # an act of another author or kind told between: the claim is not of what comes before it
        if UNATTRIBUTED.search(text, os_, oe) or re.search(r"\bnot\s+(?:clear|known)\s+who\b", text[os_ : oe + 200]):
            break
        run.insert(0, j)
        if not before:
            break
    return run


#: 'It was not immediately clear who was responsible', 'it was unclear who planted the device'
_WHO_UNKNOWN = re.compile(
    r"\b(?:was|is|remains|remained)\s+(?:still\s+)?(?:not\s+(?:yet\s+|immediately\s+)?(?:clear|known)|unclear|unknown)"
    r"\s+who\b",
    re.I,
)
#: an author taken from beyond the act's sentence (an earlier group of the article, a later sentence's blame)
_FROM_AFAR = (
    "actor from the next sentence",
    "actor from the claim that follows",
    "actor from the group the article names",
)


def _nobody_known(text: str, events: list[dict]) -> None:
    """An act whose next sentence in its paragraph says nobody knows who did it ('Also on Saturday, gunmen shot
    dead a guard. It was not clear who was responsible.') keeps no author taken from elsewhere in the article."""
    from .segment import sentences

    for ev in events:
        reasons = (ev["confidence_reason"] or "").split("; ")
        if ev["actor"] == "unknown" or not any(r in _FROM_AFAR for r in reasons):
            continue
        e = ev["evidence"]["end"]
        para = text.find("\n\n", e)
        nxt = sentences(text, e, para if para >= 0 else len(text))
        if nxt and _WHO_UNKNOWN.search(text, *nxt[0]):
            ev["actor"], ev["actor_raw"] = "unknown", "unknown"
            ev["confidence_reason"] = "; ".join(
                [r for r in reasons if r and r not in _FROM_AFAR] + ["no group named for it"]
            )


def link_claims(text: str, art: Article, events: list[dict]) -> list[dict]:
    """The article's events (in text order) with claims linked to the unattributed act they name; claim-only
    sentences that gave their act an author, and denials of a told act, are dropped."""
    from .segment import sentences

    _nobody_known(text, events)
    drop: set[int] = set()
    own = {ev["evidence"]["start"]: i for i, ev in enumerate(events)}
    for s, e in sentences(text, art.doc.title_end, art.doc.end):
        i = next((k for a, k in own.items() if s <= a < e), None)
        sent = text[s:e]
        if i is not None and _DENIAL.search(sent) and not re.search(r"\b(?:killed|killing|wounded)\b", sent):
            drop.add(i)  # 'the TTP's spokesman distanced the group from the attack late Monday'
            continue
        got = _claim(text, s, e)
        blame = got is None and (got := _blame(text, s, e)) is not None
        if got is None:
            continue
        raw, noun, at = got
        if i is not None and not _only_claim(text, s, at):
            # 'Two bombs tore through minibuses ..., and the group claimed the attack': the act of its own sentence
            if events[i]["actor"] == "unknown":
                _credit(events[i], raw, art, "actor from the claim in its sentence")
                events[i]["attribution"] = "claimed"
            continue
        # the story's first paragraph: no paragraph of prose before it (a byline and a date line are none)
        lede = all(len(p.split()) < 15 for p in re.split(r"\n\s*\n", text[art.doc.title_end : at])[:-1])
        run = [
            j if i is None or j < i else j + 1
            for j in _target(text, [x for k, x in enumerate(events) if k != i], at, noun, lede)
        ]
        if not run:
            continue
        j = run[0]
        _credit(events[j], raw, art, "actor from the claim of the act in the article")
        events[j]["attribution"] = "reported" if blame else "claimed"
        if blame:
            continue  # a blame is no act of its own, nor the evidence of one
        if i is not None and events[j]["event_date"] != events[i]["event_date"]:
            events[j]["evidences"].append(events[i]["evidences"][0])
            drop.add(i)  # 'X on Monday claimed responsibility for the weekend bombing': the claim is the act's
    return [ev for k, ev in enumerate(events) if k not in drop]
