"""Period counts of press articles ('at least 35 attacks in the Menaka region between January 1 and March 10',
'Turkish police carried out 147 raids ... in December alone'): the count, its span resolved against the article's
publication date, and who made the count's acts."""

from __future__ import annotations

import re
from datetime import date

from . import dates as D
from .branches import branch_actor
from .documents import Document
from .places import canonical_country, canonical_province, find_places
from .press_actors import _actor, government_of
from .press_places import _named_province
from .press_theatre import TALIBAN_RULE

#: where a count's clause begins: after a reporting verb ('Defence Headquarters said troops had carried out 38
#: raids'), a source ('According to the SDF, ...', "By the army's count, ..."), a semicolon or a coordinated clause
_CLAUSE_CUT = re.compile(
    r"\b(?:said|say|says|reported|announced|stated|added|noted)\s+(?:\w+\s+)?(?:that\s+)?|;\s+"
    r"|,\s+(?:but|and|while|whereas)\s+|^\W*(?:According\s+to|By)\b[^,;]{1,80},\s+"
)
_PASSIVE = re.compile(r"\b(?:were|was|been|being|by)\b", re.I)
#: 'Kenyan police recorded at least 27 attacks by al-Shabaab': who counted the acts, not who made them
_COUNTED = re.compile(r"\b(?:recorded|counted|tallied|documented|logged|registered|listed)\b|\s+by\s*$", re.I)


def state_subject(sent: str, s: int, at: int, end: int, mentions, country: str | None, when) -> str | None:
    """'Government of X' (the Taliban in Afghanistan after the fall of Kabul) when a state's force made the counted
    acts: the count's own modifier ('about 47 Turkish drone strikes') or the active subject of the count's clause
    ('Turkish police carried out 147 raids against Islamic State cells', 'Troops have clashed with the militants at
    least 17 times in Sulu'); None otherwise (a group's count, the force is an object: 'soldiers were killed in 12
    attacks', or the counter: 'Kenyan police recorded at least 27 attacks by al-Shabaab')."""
    own = [x for x in mentions if at <= x.start - s < end and x.is_state]
    cut = max((c.end() for c in _CLAUSE_CUT.finditer(sent, 0, at)), default=0)
    first = next((x for x in mentions if cut <= x.start - s < at), None)
    x = own[0] if own else first
    if x is None or not x.is_state:
        return None
    if x is first and (
        _PASSIVE.search(sent, x.end - s, at) or _COUNTED.search(sent, x.end - s, at) or _COUNTED.match(sent, end)
    ):
        return None
    c = x.country or country
    actor = x.label or (government_of(c) if c else None)
    return "Taliban" if actor == "Government of Afghanistan" and when >= TALIBAN_RULE else actor


def _period_counts(
    text: str, s: int, e: int, doc: Document, groups, last_subject, mentions, story: str | None = None
) -> list:
    """Counts over a period in a sentence ('at least 35 attacks in the Menaka region between January 1 and March
    10', 'claimed 54 attacks in Khyber Pakhtunkhwa in February alone'), through the weekly-report count reader,
    with the article's publication date as the reference; `story` is the country the article's events are in (a
    province of it the sentence names wins over a namesake town abroad, and it is the count's country when the
    sentence names none)."""
    from .counts import COUNT_OBJ, PeriodCount, count_value, find_counts

    sent = text[s:e]
    ref = doc.published or (date(doc.year, 12, 31) if doc.year else None)
    found = find_counts(sent, D.ReportPeriod(ref), doc.year)
    out = []
    for m, rng, attribution in found:
        if m.re is COUNT_OBJ and not re.search(r"\b(?:has|have)\s+(?:\w+\s+)?$", sent[: m.start()]):
            # ... but 'JNIM has attacked at least 8 villages ... so far this month' counts acts over a span
            continue  # 'attacked three police posts in October 2017': one attack on three targets, not a count
        n, qual = count_value(m)
        who = groups[0].raw if groups else (last_subject or "unknown")
        places = [p for p in find_places(text, s, e) if not any(x.start <= p.start < x.end for x in mentions)]
        towns = [p for p in places if p.kind in ("town", "province")]
        country = towns[0].country if towns else next((p.country for p in places if p.kind == "country"), None)
        prov = _named_province(sent, country) or (canonical_province(country, towns[0].province_raw) if towns else None)
        if story and (own := _named_province(sent, story)) and canonical_country(country or "") != story:
            country, prov = story, own  # 'in Bari region' of a Somali story, not Bari in India
        elif story and country is None:
            country = story  # 'The insurgents carried out more than 570 attacks on civilians ...' of that story
        actor = state_subject(sent, s, m.start(), m.end(), mentions, country, rng[0]) or (
            _actor(who, rng[0]).actor if who != "unknown" else "unknown"
        )
        # 'IS has launched at least 20 suicide car bombs ... since May 12' in Sirte: the branch of that country
        actor = branch_actor(actor, canonical_country(country) if country else None, prov, rng[0])
        out.append(
            PeriodCount(
                actor,
                None,
                canonical_country(country) if country else None,
                prov,
                n,
                qual,
                rng[0],
                rng[1],
                attribution,
                {"sentence": sent, "start": s, "end": e},
                doc.title[:120],
            )
        )
    return out
