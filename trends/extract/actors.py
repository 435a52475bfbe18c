"""Who acted: group names and state forces named in a sentence, resolved through the alias registry."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from .places import COUNTRY_ADJ

#: surface patterns of armed groups; the matched text is what goes to ActorRegistry.resolve
_PROVINCES = r"(?:West Africa|Sahel|Khorasan|Central Africa|Mozambique|Somalia|Pakistan|Hind|Sinai)"
GROUPS = re.compile(
    rf"\b(?:ISIS|ISIL|IS|Daesh)(?:'s)? {_PROVINCES} Province\b"
    r"|\bIslamic State(?:'s)? (?:West Africa|Sahel|Khorasan|Central Africa|Mozambique|Somalia|Pakistan|Hind|Sinai)"
    r"(?: Province)?|\bIS(?:IS)?-?(?:WAP|SP|KP|K|CAP|GS)\b|\bISGS\b|\bJNIM\b|\bJama'?at Nusrat al-Islam wal-Muslimin\b"
    r"|\bal[- ]Shabaa?b\b|\bHayat Tahrir al-Sham\b|\bHTS\b|\bBoko Haram\b|\bJAS\b|\bAQAP\b|\bAQIM\b"
    r"|\bal[- ]Qa'?e?da(?: in the Arabian Peninsula| in the Islamic Maghreb)?\b|\bAnsar(?:oul|ul| al-) ?Islam\b"
    r"|\bHurr?as al-Din\b|\bTaliban\b|\bISIS\b|\bISIL\b|\bDaesh\b|\bIslamic State\b|\bIS\b")
#: a state force named as the one acting ('Iraqi F-16s', 'A US drone strike', 'security forces')
STATE = re.compile(
    r"\b(?P<adj>Iraqi|Syrian|Nigerian|Nigerien|Malian|Burkinabe|Burkinabé|Afghan|Somali|Mozambican|Russian|US|U\.S\."
    r"|American|Turkish|French|Egyptian|Pakistani|Cameroonian|Chadian|coalition|regime)\b(?:\s+[\w-]+){0,2}?\s*"
    r"(?P<what>forces|army|troops|soldiers|aircraft|air force|F-16s?|jets|warplanes|drones?|police|security|"
    r"counterterrorism|counter-terrorism|military|helicopters?|strikes?|airstrikes?|special forces|intelligence)\b"
    r"|\b(?P<plain>security forces|the army|the police|counterterrorism forces)\b", re.I)
_FOREIGN = {"US": "United States", "U.S.": "United States", "AMERICAN": "United States", "RUSSIAN": "Russia",
            "TURKISH": "Turkey", "FRENCH": "France", "COALITION": "United States"}


@dataclass(frozen=True)
class Mention:
    raw: str
    start: int
    end: int
    is_state: bool
    country: str | None = None   # for state forces: the state


def find_actors(text: str, start: int, end: int) -> list[Mention]:
    """Group and state-force mentions in text[start:end], in text order."""
    out = [Mention(m.group(), m.start(), m.end(), False) for m in GROUPS.finditer(text, start, end)]
    for m in STATE.finditer(text, start, end):
        if m.group("plain"):
            out.append(Mention(m.group(), m.start(), m.end(), True, None))
            continue
        adj = m.group("adj")
        if adj.lower() == "regime":
            country = "Syria"
        else:
            country = _FOREIGN.get(adj.upper()) or COUNTRY_ADJ.get(adj.lower())
        if any(a.start <= m.start() < a.end for a in out):
            continue
        out.append(Mention(m.group(), m.start(), m.end(), True, country))
    return sorted(out, key=lambda a: a.start)


def state_actor(country: str | None) -> str | None:
    """'Government of Iraq' for a state's own forces; foreign powers by their country name."""
    if not country:
        return None
    if country in set(_FOREIGN.values()):
        return country
    return f"Government of {country}"


@lru_cache(maxsize=1)
def _registry():
    try:
        from ..normalize import ActorRegistry
        return ActorRegistry.load()
    except Exception:  # noqa: BLE001 - normalise stage not installed yet: fall back to our own labels
        return None


_FALLBACK = [(re.compile(p, re.I), name) for p, name in [
    (r"west africa|iswap", "Islamic State West Africa Province"), (r"sahel|issp|isgs|greater sahara",
                                                                   "Islamic State Sahel Province"),
    (r"khorasan|iskp|isis-k", "Islamic State Khorasan Province"), (r"jnim|nusrat", "JNIM"),
    (r"shabaa?b", "al-Shabaab"), (r"hts|tahrir", "Hayat Tahrir al-Sham"), (r"boko haram|\bjas\b", "Boko Haram"),
    (r"taliban", "Taliban"), (r"aqap|arabian", "AQAP"), (r"aqim|maghreb", "AQIM"), (r"qa'?e?da", "al-Qaeda"),
    (r"ansar", "Ansarul Islam"), (r"hurr?as", "Hurras al-Din"),
    (r"isis|isil|daesh|islamic state|^is$", "Islamic State"),
]]


@dataclass(frozen=True)
class ActorName:
    actor: str
    family: str | None
    matched: bool


def resolve_actor(raw: str, on: date | None = None) -> ActorName:
    """Canonical actor through trends.normalize.ActorRegistry (H2); a small built-in map when it is absent."""
    raw = raw.strip()
    # 'ISIS Sahel Province' is the registry's 'Islamic State Sahel Province'
    raw = re.sub(rf"^(?:ISIS|ISIL|IS|Daesh)(?:'s)?\s+(?={_PROVINCES} Province\b)", "Islamic State ", raw)
    reg = _registry()
    if reg is not None:
        try:
            m = reg.resolve(raw, on)
            return ActorName(m.actor, m.family, bool(m.matched))
        except Exception:  # noqa: BLE001
            pass
    if raw.startswith("Government of ") or raw in set(_FOREIGN.values()):
        return ActorName(raw, None, True)
    for rx, name in _FALLBACK:
        if rx.search(raw):
            fam = "Islamic State" if name.startswith("Islamic State") else (
                "al-Qaeda" if name in ("JNIM", "al-Shabaab", "AQAP", "AQIM", "al-Qaeda") else None)
            return ActorName(name, fam, True)
    return ActorName(raw, None, False)
