"""Who the article says did it: article-level resolution of the perpetrator of acts whose own sentence names none.

A news article names its perpetrator once and tells the acts elsewhere: in its title ('Al-Shabaab suicide attack on
Mogadishu hotel kills five', then 'A suicide bomber drove a car into the gate ...'), in a digest heading ('AQAP claims
(Telegram)' over passive bullets), in a claim or blame told after the act ('... wounding 22, the military said.
Military officials blamed the attack on Abu Sayyaf militants'; '... the attack was later claimed by ...'; 'Al-Shabaab
said in a statement that its fighters carried out the attack' opening the next paragraph), or in the Islamic State's
own outlets cited beside the act ('(Amaq, June 6, 2016)'). `cast_article` runs once an article's events are read:
an event whose actor is unknown (or only guessed from the article's groups) takes the group of the nearest such
statement, with `confidence` lowered and the reason said. An act the text leaves unattributed ('unidentified
gunmen', 'without identifying the attackers', 'No group has claimed it', 'police have not said who') keeps
`unknown`; nothing is taken from a statement that names no group or that denies the claim.
"""

from __future__ import annotations

import re
from datetime import date

from .actors import resolve_actor
from .coref import specialize
from .places import canonical_country
from .press_actors import _actor, _actors
from .press_article import Article
from .press_dates import _date_marks

#: the text says nobody is known to have done it
UNATTRIBUTED = re.compile(
    r"\bunidentified\b|\bunknown\s+(?:gunmen|attackers|assailants|men)\b|\bwithout\s+identifying\b"
    r"|\b(?:have|has|had|did)\s+not\s+(?:yet\s+)?(?:said|say|identified|named)\s+who\b|\bimpossible\s+to\s+say\s+who\b"
    r"|\bNo\s+(?:group|one)\s+(?:has\s+|had\s+)?(?:yet\s+)?(?:claimed|said)\b|\bnot\s+(?:yet\s+)?claimed\b",
    re.I,
)
#: ... and says nobody is known: not even the article's group is assumed ('No group has claimed it' is not enough:
#: the author may still name the group)
UNKNOWN_DOER = re.compile(
    r"\bunidentified\b|\bwithout\s+identifying\b|\b(?:have|has|had|did)\s+not\s+(?:yet\s+)?(?:said|say|identified|named)"
    r"\s+who\b|\bimpossible\s+to\s+say\s+who\b",
    re.I,
)
#: a group that claims the act: 'GROUP claimed', "ISKP's weekly al-Naba later claimed", 'GROUP said (in a
#: statement ...) that its fighters carried out the attack'
_CLAIMANT_BEFORE = re.compile(
    r"(?:['’]s?\s+(?:[\w-]+\s+){0,3}?)?(?:\([^)]{0,40}\)\s*)?\s*(?:has\s+|had\s+)?(?:later\s+|quickly\s+|swiftly\s+|also\s+)?"
    r"(?:claimed\b|said\b[^.;]{0,80}?\b(?:it|its\s+(?:fighters|militants|men|members))\s+(?:had\s+)?(?:carried\s+out"
    r"|attacked|targeted|killed|struck|bombed|planted|detonated|set\s+off|staged)\b)",
    re.I,
)
#: a statement that gives the act to the group named after it: 'claimed by', 'blamed the attack on', 'blamed',
#: 'held by', 'the attackers were members of', 'carried out by'
_CLAIMANT_AFTER = re.compile(
    r"\b(?:claimed\s+by|blam(?:ed|ing)\s+(?:it\s+|them\s+|the\s+(?:[\w-]+\s+){0,2}?on\s+)?(?:on\s+)?|attribut(?:ed|ing)"
    r"\s+(?:it|them|(?:the|that|this|these|those)\s+[\w-]+)\s+to|(?:being\s+)?held\s+by|carried\s+out\s+by|(?:were|was)\s+(?:members|fighters)"
    r"\s+of|belonged\s+to)\s*(?:the\s+)?(?:[\w-]+\s+){0,2}?$",
    re.I,
)
#: the Islamic State's own outlets: an act they report is the Islamic State's
_IS_OUTLET = re.compile(r"\bAmaq\b|\bal-Naba\b|\bsoldiers of the caliphate\b", re.I)
#: an act noun or verb after a title's or heading's group: the group did what the title tells ('Al-Shabaab suicide
#: attack on Mogadishu hotel kills five', 'AQAP claims (Telegram)')
_GROUP_ACT = re.compile(
    r"(?:['’]s?)?\s+(?:[\w-]+\s+){0,2}?(?:claims?|claimed|attacks?|bombings?|suicide|ambush(?:es)?|raids?|kills?"
    r"|strikes?|assaults?|storms?|seizes?|abducts?|kidnaps?|behead)\b",
    re.I,
)
_REF = re.compile(
    r"\b(?:the|this|that)\s+(?:[\w-]+\s+)?(?:attack|assault|bombing|blast|ambush|killing|raid|siege)\b|\bit\b"
)
_DERIVED = ("actor from the group the article names", "actor from an earlier sentence")


def _claimant(text: str, s: int, e: int, persons: dict[str, str] | None = None) -> str | None:
    """The group the sentence text[s:e] gives an act to (a claim or a blame, also of a person the article ties to
    a group: `persons`), or None."""
    sent = text[s:e]
    if UNATTRIBUTED.search(sent):
        return None
    groups = [g for g in _actors(text, s, e) if not g.is_state]
    for g in groups:
        if _CLAIMANT_BEFORE.match(text, g.end, e) or _CLAIMANT_AFTER.search(text[max(s, g.start - 60) : g.start]):
            return g.raw
    if _IS_OUTLET.search(sent):
        return "Islamic State"
    for name, group in (persons or {}).items():
        # '... which officials also blamed on Sawadjaan's faction': the group the article says he leads
        for m in re.finditer(rf"\b{re.escape(name)}\b", sent):
            if _CLAIMANT_AFTER.search(sent[max(0, m.start() - 60) : m.start()]):
                return group
    return None


def _telegram_is(text: str, doc, s: int, e: int) -> str | None:
    """'An SDF fighter was killed by gunfire ... on Monday (Telegram, June 11, 2024)': an act sourced to a Telegram
    post, named by no group, is the Islamic State's when the groups of its paragraph (else of the article) are all
    of the Islamic State's family."""
    if not re.search(r"\(Telegram\b", text[s:e]) or any(not g.is_state for g in _actors(text, s, e)):
        return None
    for a, b in ((max(doc.start, text.rfind("\n\n", doc.start, s)), e), (doc.start, doc.end)):
        fams = {resolve_actor(g.raw).family for g in _actors(text, a, b) if not g.is_state}
        if fams:
            return "Islamic State" if fams == {"Islamic State"} else None
    return None


def _sentences(text: str, s: int, e: int):
    from .segment import sentences

    return [(a, b) for a, b in sentences(text, s, e)]


def _told_with(text: str, s: int, e: int, end: int) -> int:
    """The end of the event sentence text[s:e] and of the next one when that one dates nothing of its own
    ('Police have not said who was behind it.'), within `end`."""
    nxt = _sentences(text, e, end)
    return nxt[0][1] if nxt and not _date_marks(text, *nxt[0]) else e


def _para_end(text: str, at: int, end: int) -> int:
    m = re.compile(r"\n[ \t]*\n|\n(?=[ \t]*[-*•–]\s)").search(text, at, end)  # a blank line or a bullet
    return m.start() if m else end


def _credit(ev: dict, raw: str, art: Article, why: str) -> None:
    when = date.fromisoformat(ev["event_date"])
    actor = _actor(raw, when).actor
    narrow = specialize(actor, canonical_country(ev["country"]) or None, art.ag.named() + art.ag.extra)
    ev["actor_raw"] = raw
    ev["actor"] = _actor(narrow, when).actor if narrow else actor
    if ev["counterpart"] == ev["actor"]:
        ev["counterpart"] = None
    reasons = [r for r in (ev["confidence_reason"] or "").split("; ") if r and r not in _DERIVED] + [why]
    ev["confidence_reason"] = "; ".join(reasons)
    ev["confidence"] = "medium" if len(reasons) == 1 else "low"


def _heading_group(text: str, s: int, e: int) -> str | None:
    """The one group a title or heading line names as the doer of its act ('AQAP claims (Telegram)')."""
    groups = [g for g in _actors(text, s, e) if not g.is_state]
    if len({g.raw for g in groups}) != 1 or re.search(
        r"\b(?:on|against|targets?)\s+(?:the\s+)?$", text[s : groups[0].start]
    ):
        return None
    return groups[0].raw if _GROUP_ACT.match(text, groups[0].end, e) else None


_BULLET = re.compile(r"^[ \t]*[-*•–◦▪‣]\s")


def _heading_above(text: str, start: int, at: int) -> tuple[int, int] | None:
    """The heading line that owns the line of `at`: the nearest line above it (after `start`, bullets and blank
    lines passed over) when that line is short and ends with no full stop ('AQAP claims (Telegram)'), else None. A
    lead-in to the list ('The following were claimed by the group in the past week:') is passed over too."""
    ls = text.rfind("\n", start, at) + 1
    if ls <= start:
        return None
    own = text[ls : text.find("\n", ls) if "\n" in text[ls:] else len(text)]
    indent = len(own) - len(own.lstrip())
    lead_ins = 0
    for line in reversed(list(re.finditer(r"[^\n]*\n?", text[start:ls]))):
        raw = line.group()
        body = raw.strip()
        if not body:
            continue
        if body.endswith(":") and len(body.split()) <= 20:
            # a lead-in to the list the line is in ('TTP claims (Umar Media):' over its sub-items, 'The following
            # were claimed by the group:'): it owns the line when it names the group, else its heading does
            at = len(raw) - len(raw.lstrip())
            if not _BULLET.match(raw) or at < indent:
                a = start + line.start() + at
                if _heading_group(text, a, a + len(body)) or _claimant(text, a, a + len(body)):
                    return a, a + len(body)
                if not lead_ins:
                    lead_ins += 1
                    continue
                return None
        if _BULLET.match(raw):
            continue
        a = start + line.start() + (len(line.group()) - len(line.group().lstrip()))
        if len(body.split()) <= 12 and not re.search(r"[.!?:;]$", body):
            return a, a + len(body)
        return None
    return None


def cast_article(text: str, art: Article, events: list[dict], headings: list[tuple[int, int]]) -> None:
    """Give each event of the article (`events`, in text order) whose actor is unknown or only guessed the group a
    later claim or blame in its paragraph (or a claim opening the next one), the Islamic State's outlet cited
    beside it, its digest heading or the article's title names (`headings`: the article's heading spans)."""
    doc = art.doc
    for i, ev in enumerate(events):
        reasons = (ev["confidence_reason"] or "").split("; ")
        derived = any(r in _DERIVED for r in reasons)
        # a group found in the next sentence's blame: withdrawn when that sentence says nobody claimed it
        weak = "actor from the next sentence" in reasons
        if ev["actor"] != "unknown" and not derived and not weak:
            continue
        s, e = ev["evidence"]["start"], ev["evidence"]["end"]
        nxt = events[i + 1]["evidence"]["start"] if i + 1 < len(events) else doc.end
        pe = _para_end(text, e, doc.end)
        told = _told_with(text, s, e, min(pe, nxt))
        if UNATTRIBUTED.search(text, s, told):
            # 'unidentified gunmen ...', '... the army said, without identifying the attackers': nobody is named,
            # and the article's group is not assumed either
            # ('Syria's interior ministry blamed the Islamic State; the group itself has not claimed the bombing':
            # no claim, but the blame stands)
            if (derived or weak) and UNKNOWN_DOER.search(text, s, told):
                ev["actor"], ev["actor_raw"] = "unknown", "unknown"
                drop = (*_DERIVED, "actor from the next sentence")
                ev["confidence_reason"] = "; ".join(r for r in reasons if r and r not in drop) or None
            continue
        if weak and not derived:
            continue
        raw = _claimant(text, s, e, art.persons)
        why = "actor from the claim in its sentence"
        if raw is None:
            # the statements after the act, up to the next event: in its paragraph, or opening the next one
            for a, b in _sentences(text, e, min(nxt, _para_end(text, pe + 1, doc.end) if pe < doc.end else pe)):
                if a >= pe and not _REF.search(text, a, b):
                    break
                if (raw := _claimant(text, a, b, art.persons)) is not None:
                    why = "actor from the claim or blame that follows"
                    break
                if a >= pe:
                    break
        if raw is None and ev["actor"] == "unknown":
            head = _heading_above(text, doc.title_end, s)
            if head is not None:
                raw = _heading_group(text, *head) or (_claimant(text, *head) if text[head[1] - 1] == ":" else None)
                why = "actor from the heading"
            if raw is None and i == 0 and s < doc.title_end + 600:
                raw = _heading_group(text, doc.start, doc.title_end)
                why = "actor from the article's title"
            if raw is None and (raw := _telegram_is(text, doc, s, e)) is not None:
                why = "actor from the Islamic State's channel cited beside it"
        if raw is not None and (ev["actor"] == "unknown" or _actor(raw, None).actor != ev["actor"]):
            _credit(ev, raw, art, why)
