"""The theatre of a press event (the country whose war the article tells) and the last word on its actor.

Every actor written is a name of the registry, a state ('Government of Pakistan'), a named force (SDF) or
`unknown`, never a raw phrase of the text: a state force named generically ('The military', 'Security forces',
'intelligence forces', 'troops') is the government of the event's theatre, and when no theatre is known it is
`unknown`. The theatre is the event's own country, else the country of the heading that owns its line
('Balochistan – train hijacking (BLA)', 'PAKISTAN'), the dateline's ('QUETTA, Pakistan, Aug 27 (SAW) –'), the
title's ('... attacks across Balochistan'), the nearest event told before it, or the country most of the
article's events are in. Afghanistan's government after the Taliban took Kabul (15 August 2021) is the Taliban.
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import date

from .actors import FORCES, resolve_actor
from .branches import branch_actor
from .places import COUNTRIES, canonical_country, gazetteer, key
from .press_actors import government_of
from .press_article import Article

#: the Taliban govern Afghanistan from the fall of Kabul on
TALIBAN_RULE = date(2021, 8, 15)
#: a state's forces written without their state: the whole actor string is one of these
_RAW_FORCE = re.compile(
    r"(?:the\s+)?(?:(?:security|intelligence|government|state|national|federal|armed|special|army|air|military"
    r"|counter-?terror(?:ism)?|anti-terror(?:ism)?|riot|paramilitary|elite|naval|police)\s+){0,2}"
    r"(?:military|army|forces|troops|soldiers|police(?:men)?|commandos|marines|intelligence|services?|agents"
    r"|officers|air\s+force|navy|junta|jets|warplanes|drones|helicopters|units?|patrols?)",
    re.I,
)
_LABELS = {label for _, label in FORCES} | {"Libyan National Army"}
_COUNTRY_NAMES = {c.lower(): c for c in COUNTRIES}
_HEADING = re.compile(r"[^\n]{1,90}")


def _line_country(line: str) -> str | None:
    """The country a short line names: a country ('PAKISTAN', 'Nigeria: ...') or a province the gazetteer knows
    ('Balochistan – train hijacking (BLA)', '... attacks across Balochistan')."""
    provinces = gazetteer()[1]
    words = re.findall(r"[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,2}", line.title() if line.isupper() else line)
    for w in words:
        for cand in (w, *w.split()):
            if cand.lower() in _COUNTRY_NAMES:
                return canonical_country(_COUNTRY_NAMES[cand.lower()]) or cand
            got = provinces.get(key(cand))
            if got and len(cand) > 4:
                country, _ = got.most_common(1)[0][0]
                return canonical_country(country) or country
    return None


def _owning_lines(text: str, start: int, at: int):
    """The heading-like lines above `at` (after `start`), nearest first: short, with no full stop at the end."""
    ls = text.rfind("\n", start, at)
    while ls > start:
        prev = text.rfind("\n", start, ls)
        line = text[prev + 1 : ls].strip()
        ls = prev
        if line and len(line.split()) <= 14 and not re.search(r"[.!?;]$", line) and not line.startswith(("-", "•")):
            yield line
    head = text[start : text.find("\n", start) if "\n" in text[start:] else len(text)].strip()
    if head:
        yield head


def _dateline_country(text: str, art: Article) -> str | None:
    """'QUETTA, Pakistan, Aug 27 (SAW) –': the country the dateline names."""
    doc = art.doc
    m = re.search(
        r"^\s*[A-Z][A-Z .'-]{2,30},\s+([A-Z][\w .'-]{2,30}?),\s+[A-Z][a-z]+\.?\s+\d",
        text[doc.title_end : min(doc.end, doc.title_end + 400)],
        re.M,
    )
    return canonical_country(m.group(1)) if m and m.group(1).lower() in _COUNTRY_NAMES else None


def theatre(text: str, art: Article, events: list[dict], i: int) -> str | None:
    """The country of event `i` of the article (`events`, in text order), as the module docstring says."""
    ev = events[i]
    if ev["country"]:
        return canonical_country(ev["country"]) or ev["country"]
    doc = art.doc
    for line in _owning_lines(text, doc.start, ev["evidence"]["start"]):
        if c := _line_country(line):
            return c
    if c := _dateline_country(text, art) or (art.home.country if art.home is not None else None):
        return c
    for prev in reversed(events[:i]):
        if prev["country"]:
            return canonical_country(prev["country"]) or prev["country"]
    if art.doc_country or art.item_country:
        return art.doc_country or art.item_country
    seen = Counter(canonical_country(x["country"]) or x["country"] for x in events if x["country"])
    return seen.most_common(1)[0][0] if seen else None


def _state_name(actor: str, when: date) -> str:
    return "Taliban" if actor == "Government of Afghanistan" and when >= TALIBAN_RULE else actor


def settle_actors(text: str, art: Article, events: list[dict]) -> None:
    """Make each event's actor a registry name (module docstring): a raw state-force phrase becomes the government
    of the event's theatre (or `unknown`), with the reason said; Afghanistan's state after August 2021 is the
    Taliban."""
    for i, ev in enumerate(events):
        when = date.fromisoformat(ev["event_date"])
        actor = ev["actor"]
        if resolve_actor(actor).matched:
            if not ev["country"] and (country := theatre(text, art, events, i)):
                # 'an Islamic State suicide car bomber struck a checkpoint at Abu Grein' under LIBYA: the branch of
                # the theatre, even when the town is not in the gazetteer
                ev["actor"] = branch_actor(actor, country, None, when)
        elif actor not in _LABELS and not actor.startswith("Government of ") and _RAW_FORCE.fullmatch(actor.strip()):
            country = theatre(text, art, events, i)
            ev["actor"] = _state_name(government_of(country), when) if country else "unknown"
            reasons = [r for r in (ev["confidence_reason"] or "").split("; ") if r]
            reasons.append("state from the article's theatre" if country else "state force of no known country")
            ev["confidence_reason"] = "; ".join(reasons)
            ev["confidence"] = "medium" if len(reasons) == 1 else "low"
        elif actor.startswith("Government of "):
            ev["actor"] = _state_name(actor, when)
        if (ev.get("counterpart") or "").startswith("Government of "):
            ev["counterpart"] = _state_name(ev["counterpart"], when)
        if ev.get("counterpart") == ev["actor"]:
            ev["counterpart"] = None
