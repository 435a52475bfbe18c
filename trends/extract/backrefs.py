"""Back-references to an act told before: a later claim ('JNIM claimed the attack two days later'), a denial
('HTS denied any involvement'), a group's own outlet cited as the source ('(az Zallaqa, January 11, 2023)' is
JNIM's claim). They give the earlier event its actor and attribution; the clause itself is never an event."""

from __future__ import annotations

import re
from datetime import date

from .actors import resolve_actor
from .authors import _CONTEXT_REASONS
from .branches import branch_actor

#: a group's own media outlets: a report citing one cites that group's claim (Amaq, al-Naba and Nashir speak for
#: every IS branch: the branch of the event's country is meant)
_OUTLETS = [
    (re.compile(r"\bamaq\b|\bal[- ]?naba['’]?\b|\bnaba['’]?\b|\bnashir\b|\bISIS media\b", re.I), "Islamic State"),
    (re.compile(r"\b(?:az|al)[- ]?zallaqa\b", re.I), "JNIM"),
    (re.compile(r"\bal[- ]?kata['’]?ib\b|\bshahada news\b|\bradio al[- ]?andalus\b", re.I), "al-Shabaab"),
]


def outlet_group(src: str | None) -> str | None:
    """The group whose own outlet `src` (a source parenthesis's name) is; None for any other source."""
    if not src:
        return None
    for rx, group in _OUTLETS:
        if rx.search(src):
            return group
    return None


#: a relative clause or parenthesis inside the claimer's noun phrase: its groups do not claim
_ASIDE = re.compile(r",\s+(?:which|who|whose)\s+[^,;]{3,80},|\((?:formerly|previously|also known as)[^)]*\)", re.I)


def claimer_of(clean: str, groups, s: int) -> str | None:
    """The group that claims in a claim sentence: the last group named before 'claimed' outside an aside, so an
    appositive names the claimer ("Al Qaeda's Sahelian affiliate, Jama'at Nusrat al Islam wal Muslimin (JNIM),
    claimed the attack" -> JNIM); else the capitalised noun phrase before 'claimed'."""
    c = re.search(r"\bclaimed\b", clean)
    end = c.start() if c else len(clean)
    asides = [(a.start(), a.end()) for a in _ASIDE.finditer(clean, 0, end)]
    before = [g for g in groups if g.start - s < end and not any(a <= g.start - s < b for a, b in asides)]
    if before:
        last = before[-1]
        if re.fullmatch(r"[\s,()]*", clean[last.end - s : end]) or len(before) == 1:
            return last.raw
        return before[0].raw
    np = re.match(r"\s*((?:[A-Z][\w'’-]*[- ]?){1,6})(?:,[^,]{0,120},)?\s+claimed", clean)
    return np.group(1).strip() if np else None


#: a claim of the act told before: 'On May 4, ISIS claimed responsibility, saying ...', 'JNIM claimed the attack'
_CLAIM_BACK = re.compile(
    r"\s*(?:[\w'’()-]+,?\s+){0,25}?claimed\s+(?:(?:responsibility\s+for\s+)?(?:the|this|that|both|these)\s+"
    r"(?:[\w-]+\s+)?(?:attacks?|ambush(?:es)?|bombings?|killings?|raids?|operations?"
    r"|assassinations?|kidnappings?|strikes?|explosions?)\b"
    r"|responsibility(?:\s+(?:(?:two|three|four|a|\d)\s+days?\s+later|the\s+(?:next|following)\s+day|later|the\s+same"
    r"\s+day))?\s*(?:[,.;(\[]|$|for\s+(?:it|them)\b"
    r"|(?:through|via|in|on)\s+(?:its|their|the|an?)\s+(?:[\w'’-]+\s+){0,3}?(?:agency|channels?|outlets?|statement|weekly)\b))",  # 'On May 4, ISIS claimed responsibility, saying ...'
    re.I,
)

#: the act told before as the subject of a comparison or a sequence ('The attack is the deadliest on Malian forces
#: since the November 2019 attacks', 'The bombing followed a January 19 statement in which ...'): a back-reference,
#: no new act unless the rest of the sentence tells one
_ANAPHORIC_ACT = re.compile(
    r"\W*The\s+(?:[\w-]+\s+)?(?:attacks?|bombings?|ambush(?:es)?|raids?|assaults?|killings?|massacre)\s+(?:(?P<cmp>(?:is|was)"
    r"\s+(?:also\s+)?the\s+(?:deadliest|largest|worst|biggest|bloodiest|most\s+\w+)\b[^.;]{0,80}\bsince\b)"
    r"|(?:followed|preceded)\b)",
    re.I,
)
#: a claim that describes its act in full ('claimed the assassination of a tax collector in ...'): when no event
#: was told before it in the block, it is the event itself, not a claim of an earlier one
_CLAIM_NEW = re.compile(
    r"\bclaimed\s+(?:responsibility\s+for\s+)?the\s+(?:[\w-]+\s+)?(?:attack|ambush|bombing|killing|raid"
    r"|assassination|kidnapping|abduction|execution|beheading)\s+(?:of|on|against)\s+(?:an?|the|two|three|\d+)\s",
    re.I,
)
#: nobody claimed the act told before: 'No group has claimed the attack', 'The attack remains unclaimed'
_NO_CLAIMER = re.compile(
    r"\b(?:no\s+(?:group|one|organi[sz]ation|party)\s+(?:has\s+|had\s+)?(?:yet\s+)?claimed|unclaimed)\b", re.I
)
#: a group's denial of the act told before: 'HTS issued a statement denying any involvement', 'X denied
#: responsibility for the attack'
DENIAL = re.compile(
    r"\b(?:den(?:y|ies|ied|ying)|disavow(?:s|ed|ing)?|rejected)\s+(?:any\s+|all\s+)?(?:involvement|responsibility"
    r"|(?:any\s+)?role|links?|(?:that\s+it|it\s+had|having)\b)",
    re.I,
)


def give_author(ev: dict, raw: str, attribution: str) -> None:
    """The event told before gets `raw` (a group's name as written) as its actor, resolved on the event's date and
    to the IS branch of its country, and the attribution."""
    when = date.fromisoformat(ev["event_date"])
    actor = branch_actor(resolve_actor(raw, when).actor, ev.get("country") or None, ev.get("province"), when)
    ev["actor"], ev["actor_raw"], ev["_force"], ev["_actor_reason"] = actor, raw, False, None
    ev["_reasons"] = [r for r in ev["_reasons"] if r != "perpetrator not named" and r not in _CONTEXT_REASONS]
    ev["attribution"] = attribution


#: the words after a group that make it the author of an act told before it in the sentence or the one before:
#: '... President Erdogan said the Islamic State was behind it', '... an assessment that ISIS carried it out'
_DID_IT_AFTER = re.compile(
    r"(?:\s+(?:fighters|militants|members|operatives|cells?|gunmen|men))?\s+(?:(?:was|were|had\s+been)\s+(?:behind"
    r"|responsible\s+for)\s+(?:it|them|the|this|that|both)\b|(?:had\s+)?carried\s+(?:it|them)\s+out\b"
    r"|(?:had\s+)?(?:carried\s+out|conducted|perpetrated)\s+(?:it|them|the|this|that|both)\b)",
    re.I,
)
#: what gives that authorship to someone: a speaker ('officials said'), the authors' or others' assessment
_SAYS_BEFORE = re.compile(
    r"\b(?P<v>said|says|told|stated|believed?|concluded|confirmed|assess(?:es|ed)?|assessment|suspect(?:s|ed)?)\s+"
    r"(?:that\s+)?(?:the\s+)?$",
    re.I,
)
#: a guess, a denial or a question about the author: no authorship
_NOT_SURE = re.compile(r"\b(?:not|never|no|possibly|perhaps|may|might|could|whether|if)\b", re.I)


def author_after(text: str, groups, a: int, e: int) -> tuple[str, str] | None:
    """(group as written, attribution) when text[a:e] says a group did the act told before ('..., and officials
    said X was behind it' -> reported; 'an assessment that X carried it out' -> assessed), else None."""
    for g in groups:
        if g.start < a or g.is_state:
            continue
        said = _SAYS_BEFORE.search(text, max(a, g.start - 30), g.start)
        if said is None or not _DID_IT_AFTER.match(text, g.end, e):
            continue
        if _NOT_SURE.search(text, max(a, said.start() - 30), g.start):
            continue
        assessed = said.group("v").lower().startswith(("assess", "believ", "conclud", "suspect"))
        return g.raw, "assessed" if assessed else "reported"
    return None


#: an earlier act recalled by name ('It also recalled the August 24, 2020 twin bombings in Jolo', 'revived memories
#: of'): a retelling of an event told before, never a new one
RECALLED = re.compile(
    r"\b(?:recall(?:ed|s|ing)|revived\s+memories\s+of|evok(?:ed|es|ing)|echo(?:ed|es|ing))\s+(?:the\s+)?"
    r"(?:[\w,-]+\s+){0,5}?(?:attacks?|bombings?|blasts?|massacres?|ambush(?:es)?|killings?|assaults?|siege)\b",
    re.I,
)


#: how many acts told before a claim covers: 'both attacks', 'the two bombings', 'all three attacks'
_HOW_MANY = re.compile(
    r"\b(?:(?P<both>both)|(?:the|all)\s+(?P<n>two|three|four))\s+(?:[\w-]+\s+)?(?:attacks|bombings|ambushes)\b", re.I
)


def claimed_events(clean: str, block_events: list[dict], since: int) -> list[dict]:
    """The events of the block a claim of 'the attack' (the last one) or of 'both attacks' (the last two) covers,
    among those told since offset `since`."""
    near = [ev for ev in block_events if ev["evidence"]["start"] >= since]
    m = _HOW_MANY.search(clean)
    n = 1 if m is None else 2 if m.group("both") else {"two": 2, "three": 3, "four": 4}[m.group("n").lower()]
    return near[-n:]


#: the act told before named as a state's strike: 'Lebanese officials and Hamas said it was an Israeli drone strike'
_STATE_STRIKE = re.compile(
    r"\b(?:said|says|confirmed|believed|concluded)\s+(?:that\s+)?(?:it|the\s+(?:blast|explosion|attack|bombing|strike))"
    r"\s+(?:was|had\s+been)\s+(?:an?\s+)?(?P<adj>[A-Z][a-z]+)\s+(?P<kind>drone\s+strike|air\s?strike|missile\s+strike)\b"
)


def state_strike(sent: str) -> tuple[str, str] | None:
    """(state, event type) when the sentence says the act told before was a state's strike, else None."""
    from .actors import _FOREIGN
    from .places import COUNTRY_ADJ

    m = _STATE_STRIKE.search(sent)
    if m is None or re.search(r"\b(?:not|denied|no)\b", sent[: m.start()]):
        return None
    country = _FOREIGN.get(m["adj"].upper()) or COUNTRY_ADJ.get(m["adj"].lower())
    if country is None:
        return None
    return country, "drone strike" if m["kind"].lower().startswith("drone") else "airstrike"
