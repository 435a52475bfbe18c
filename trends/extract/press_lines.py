"""The place a line itself names: a digest item's heading or label ('Somalia: ...', 'BELEDWEYNE: ...', '• South
Waziristan: ...', 'Balochistan – train hijacking (BLA)'), an article's title or its dateline city."""

from __future__ import annotations

import re

from .documents import Document
from .places import COUNTRIES, COUNTRY_ADJ, canonical_country
from .places import key as key_of
from .press_places import _PLACE_STOP, COUNTRIES_SET


def _heading_country(line: str) -> str | None:
    """The country a digest item's heading names ('Somalia: army says ...', 'Kenya - four killed')."""
    m = re.match(r"^\W*([A-Z][\w .'-]{2,30}?)\s*[:–—-]\s", line)
    if m:
        name = m.group(1).strip()
        name = name.title() if name.isupper() else name  # 'KENYA: Roadside bomb in Mandera'
        c = canonical_country(name)
        if c and name in COUNTRIES_SET:
            return c
    return None


def _title_adjective_country(title: str) -> str | None:
    """The country a title names by its adjective ('The Pakistani Taliban's new offensive', 'Nigerian troops ...'),
    when it names exactly one."""
    found = {c for adj, c in COUNTRY_ADJ.items() if re.search(rf"\b{re.escape(adj)}\b", title, re.I)}
    return found.pop() if len(found) == 1 else None


def _title_town(text: str, s: int, e: int):
    """A big town a title names bare ('Kunduz and the long shadow of IS-K'): a capitalised word that is a GeoNames
    town of 100,000+ people or one our gazetteer knows, and no country's name; in the country the title names,
    when it names one ('They' is a Malaysian town, not in "'They knew Palma ...': a researcher on Mozambique's war")."""
    from .places import Place, find_places, town_candidates

    named = {canonical_country(p.country) for p in find_places(text, s, e) if p.kind == "country"}

    for m in re.finditer(r"\b[A-Z][a-z][\w'’-]+\b", text[s:e]):
        name = m.group()
        if name in COUNTRIES_SET or name.lower() in _PLACE_STOP:
            continue
        if re.match(r"[ \t]+[A-Z][a-z]", text[s + m.end() : e]):
            continue  # 'Sri' of 'Sri Lanka raid ends ...': the first word of a longer name is not a town of its own
        c = [
            c
            for c in town_candidates(name)
            if ((c.population or 0) >= 100_000 or c.source == "trends")
            and (not named or canonical_country(c.country) in named)
        ]
        if c:
            return Place(name, c[0].country, c[0].province, s + m.start(), s + m.end(), "town")
    return None


def item_place(heading: str):
    """The town a digest item's heading opens with ('BELEDWEYNE: Twin bombings kill 48', '1. BAGHDAD — A US drone
    strike ...'): the item's dateline, or None."""
    from .places import town_candidates

    m = re.match(r"^\W*(?:\d+\.\s*)?([A-Z][A-Z .'-]{2,30}?)\s*[:–—]\s", heading)
    if not m or m.group(1).strip().title() in COUNTRIES_SET:
        return None
    cands = town_candidates(m.group(1).strip().title())
    return cands[0] if cands else None


_LABEL = re.compile(r"^[\s•*-]*(?:\d+\.\s*)?([A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3})\s*(?::|\s[–—-])\s")


def label_place(line: str, country: str | None = None):
    """The place a line's label names ('• South Waziristan: TTP fighters ambushed ...', a heading 'Balochistan –
    train hijacking (BLA)'): a town our gazetteer knows, or a first-level unit (of `country` first), or None."""
    from .places import Place, _normalizer, town_candidates

    m = _LABEL.match(line)
    if not m or m.group(1) in COUNTRIES_SET or canonical_country(m.group(1)) in COUNTRIES_SET:
        return None
    name = m.group(1).title() if m.group(1).isupper() else m.group(1)
    g = _normalizer()
    if (
        country
        and g is not None
        and (r := g.resolve(country, name)).matched
        and key_of(r.province or "") == key_of(name)
    ):
        return Place(name, country, r.province, m.start(1), m.end(1), "province")  # 'Kebbi:' is the state
    cands = [
        c
        for c in town_candidates(name)
        if c.source == "trends" or (country and canonical_country(c.country) == canonical_country(country))
    ]
    if cands:
        return Place(name, cands[0].country, cands[0].province, m.start(1), m.end(1), "town")
    if g is None or country:
        return None
    for c in COUNTRIES:
        try:
            r = g.resolve(c, name)
        except Exception:  # noqa: BLE001
            continue
        if r.matched and key_of(r.province or "") == key_of(name):
            return Place(name, c, r.province, m.start(1), m.end(1), "province")
    return None


def _dateline_place(text: str, doc: Document):
    """The best town candidate of the article's dateline city ('KABUL, March 3 (Reuters) -', 'PESHAWAR:')."""
    from .places import town_candidates

    head = text[doc.title_end : min(doc.end, doc.title_end + 400)]
    m = re.search(r"^\s*([A-Z][A-Z .'-]{2,30}?)(?:,\s+[A-Z][a-z]+\.? \d|\s*:)", head, re.M)
    if not m:
        return None
    cands = town_candidates(m.group(1).strip().title())
    return cands[0] if cands else None
