"""Sentences that add to an earlier event or go elsewhere: claims, follow-ups, retellings, duplicates, period counts."""

from __future__ import annotations

import hashlib
import re
from datetime import date

from . import dates as D
from .branches import branch_actor
from .casualties import casualties
from .coref import specialize
from .documents import Document
from .event_types import event_type
from .places import canonical_country, canonical_province
from .press_actors import _actor
from .press_acts import _CLAIMED, _DEATH_TOLL, _press_type, casualty_bounds, mask_years

_CLAIM_OF_PREVIOUS = re.compile(
    r"\bclaimed\s+(?:responsibility|(?:the|that|this|these|those|both|the two|all three)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:attacks?|assaults?|ambush(?:es)?|bombings?|blasts?|explosions?|killings?|shootings?|raids?|kidnappings?"
    r"|operations?|strikes?)\b|it\b)|\bNo (?:group|one) (?:has )?claimed\b"
    # 'Al-Shabaab said in a statement on Sunday that it had targeted the ministry': the group owns the act told
    r"|^\W*(?:[A-Z][\w'’-]*\s+){1,4}said\s+(?:in\s+an?\s+(?:statement|message|video|audio message)\s+)?"
    r"(?:on\s+\w+\s+)?(?:that\s+)?(?:it|(?:one|two|three|some)\s+of\s+its\s+(?:fighters|members|militants)|its fighters)"
    r"\s+had\s+(?:targeted|attacked|carried out|struck|bombed|hit)\b"
    # "The Islamic State's East Asia Province said on its Amaq news agency that its fighters had set off the device"
    r"|^\W*(?:[A-Z][\w'’-]*\s+){1,6}said\s+(?:on|in|through)\s+its\s+(?:[\w-]+\s+){1,3}?(?:that\s+)?(?:it|its fighters)"
    r"\s+had\s+(?:targeted|attacked|carried out|struck|bombed|hit|set off|detonated|planted)\b"
    # 'In a statement carried Saturday by its Amaq news agency, the Islamic State group said three of its fighters
    # had clashed with police ... and blown themselves up': the statement's adjunct first
    r"|^\W*In\s+an?\s+(?:statement|message|video|audio message)\b[^,.]{0,80},\s+(?:the\s+)?(?:[A-Z][\w'’-]*\s+){1,4}"
    r"(?:group\s+)?said\s+(?:that\s+)?(?:it|(?:one|two|three|four|some)\s+of\s+its\s+(?:fighters|members|militants)"
    r"|its fighters)\s+had\s+(?:targeted|attacked|carried out|struck|bombed|hit|clashed|set off|detonated"
    r"|blown\s+(?:himself|themselves)\s+up)\b"
    r"|^\W*The (?:attack|assault|bombing|ambush)\b[^.]{0,120}\bwas claimed by\b"
    # '..., killing more than 90 people, an attack the group claimed in a statement the following day': an apposition
    r"|^\W*an?\s+(?:[\w-]+\s+)?(?:attack|assault|bombing|ambush|killing|massacre)\s+(?:that\s+|which\s+)?"
    r"(?:[\w'’-]+\s+){1,4}?(?:later\s+|quickly\s+|swiftly\s+)?claimed\b",
    re.I,
)
_NO_CLAIM = re.compile(r"\bNo (?:group|one) (?:has )?claimed\b|\bnot (?:yet )?claimed\b", re.I)
_COUNT = re.compile(
    r"\b(?:\d+|dozens of|hundreds of)\s+(?:\w+\s+)?(?:attacks|operations|incidents|assaults|ambushes)\b", re.I
)
#: 'the government said the killers were members of ISWAP', 'the army said the assailants, who came on motorbikes,
#: were fighters of ...': who did the previous event, not an event of its own
ATTRIBUTION = re.compile(
    r"\b(?:said|says|confirmed|added|believed)\s+(?:that\s+)?(?:the\s+)?(?:killers|attackers|assailants|gunmen"
    r"|bombers?|perpetrators|militants|insurgents)\b[^.;]{0,200}?\b(?:were|was|belonged to)\s+(?:\w+\s+){0,2}?"
    r"(?:(?:fighters|members|militants)\s+(?:of|from)\s+)?",
    re.I,
)
#: 'Islamic State said its Central Africa Province killed ...', 'JNIM said its fighters ambushed ...': a claim
_OWN_CLAIM = re.compile(r"\bsaid\s+(?:that\s+)?its\s+(?:fighters|militants|members|[A-Z][\w ]{2,30}Province)\b")
_DERIVED = ("actor from the group the article names", "actor from an earlier sentence")
#: 'The Islamic State's central command claimed that operation, not the Khorasan branch': the parent itself
_PARENT_ITSELF = re.compile(
    r"\b(?:central|core)\s+(?:command|leadership)\b|\bnot (?:the|its)\s+(?:[\w-]+\s+){0,2}(?:branch|affiliate"
    r"|province|wing)\b",
    re.I,
)


def credit_actor(prev: dict, raw: str, named: list[str], sent: str, why: str) -> None:
    """Give the previous event the group that a claim or an attribution after it names, when the event's own actor
    was unknown or only derived from the article's groups (a named claimant is the better evidence). A parent name
    is narrowed to the article's affiliate for the event's country unless the sentence says the parent itself."""
    reasons = [r for r in (prev["confidence_reason"] or "").split("; ") if r]
    if prev["actor"] != "unknown" and not any(r in _DERIVED for r in reasons):
        return
    when = date.fromisoformat(prev["event_date"])
    prev["actor_raw"] = raw
    prev["actor"] = _actor(raw, when).actor
    if prev["counterpart"] == prev["actor"]:
        prev["counterpart"] = None
    narrow = None if _PARENT_ITSELF.search(sent) else specialize(prev["actor"], prev["country"] or None, named)
    if narrow:  # 'The al Qaeda-linked group claimed ...' after an attack in Somalia
        prev["actor"] = _actor(narrow, when).actor
    prev["confidence_reason"] = "; ".join([r for r in reasons if r not in _DERIVED] + [why])


_CLAIMED_KIND = re.compile(
    r"\bclaimed\s+(?:responsibility\s+for\s+)?(?:the|that|this)\s+(?P<k>(?:[\w-]+\s+){0,2}?(?:ambush|bombing|suicide"
    r" (?:attack|bombing)|kidnapping|abduction|beheading))\b",
    re.I,
)


def claimed_kind(prev: dict, sent: str) -> None:
    """'... the Islamic State's Sahel Province claimed the ambush': the kind the claim names refines a previous
    event typed only as an attack or a shooting."""
    m = _CLAIMED_KIND.search(sent)
    if m is None or prev["event_type"] not in ("attack", "shooting"):
        return
    kind = event_type(m["k"]) or _press_type(m["k"])
    if kind in ("ambush", "IED", "suicide attack", "kidnapping"):
        prev["event_type"] = kind


#: 'Syrian sources said the raid took place in the town of Jandaris': where the previous event happened
_WHERE_IT_HAPPENED = re.compile(
    r"\bthe\s+(?:raid|attack|strike|operation|bombing|killing|assault|ambush)\s+(?:took place|happened|occurred"
    r"|was carried out)\s+(?:in|near|at)\b",
    re.I,
)


def _follow_up(prev: dict, text: str, s: int, e: int, etype: str) -> bool:
    """A dateless sentence right after an event sentence that gives its casualties ('Armed gunmen opened fire ...,
    killing at least 137 people and wounding nearly 200 others'): the numbers go to that event."""
    sent = text[s:e]
    if _DEATH_TOLL.search(sent):
        # 'The blast brought down the roof, and the death toll rose to 100 on Thursday, with 225 wounded': the
        # toll counted since, when higher than the one told
        for b in casualty_bounds(sent):
            k = "fatalities" if b.verb in ("killed", "dead", "died", "slain") else "wounded"
            if prev[k] is None or b.value > prev[k]:
                prev[k], prev[k + "_qualifier"] = b.value, b.qualifier
                if k == "fatalities":
                    prev["fatalities_low"] = b.value + (b.qualifier == "more than")
                    prev["fatalities_high"] = b.value if b.qualifier == "exact" else None
        prev["evidences"].append({"sentence": sent, "start": s, "end": e, "document": prev["evidences"][0]["document"]})
        return True
    if prev["fatalities"] is not None or prev["wounded"] is not None:
        if prev["event_type"] == "attack" and etype == "suicide attack" and not casualty_bounds(sent):
            # 'A suicide bomber rammed a vehicle ... into the gate of the hotel, the governor told reporters on
            # Saturday' after 'Militants stormed a hotel on Friday, ... leaving 26 dead': how the attack was done
            prev["event_type"] = etype
            prev["evidences"].append(
                {"sentence": sent, "start": s, "end": e, "document": prev["evidences"][0]["document"]}
            )
            return True
        return False
    bounds = casualty_bounds(sent)
    kb = next((b for b in bounds if b.verb in ("killed", "dead", "died", "slain")), None)
    wb = next((b for b in bounds if b.verb in ("wounded", "injured")), None)
    if kb is None and wb is None:
        return False
    prev["fatalities"] = kb.value if kb else None
    prev["fatalities_qualifier"] = kb.qualifier if kb else None
    prev["fatalities_low"] = (
        (kb.value + (kb.qualifier == "more than"))
        if kb and kb.qualifier in ("exact", "at least", "more than")
        else None
    )
    prev["fatalities_high"] = kb.value if kb and kb.qualifier in ("exact", "up to") else None
    prev["wounded"] = wb.value if wb else None
    prev["wounded_qualifier"] = wb.qualifier if wb else None
    if prev["event_type"] == "attack" and etype in ("shooting", "IED", "suicide attack"):
        prev["event_type"] = etype
    prev["evidences"].append({"sentence": sent, "start": s, "end": e, "document": prev["evidences"][0]["document"]})
    return True


def _retold(events: list[dict], doc: Document, sent: str, on: date | None = None) -> dict | None:
    """An earlier article's day-dated event that a sentence retells (undated, or recalled on that day `on`): its
    town and its toll both named."""
    for old in reversed(events):
        if old["evidences"][0]["document"] == doc.title[:120] or old["date_precision"] != "day":
            continue
        if on is not None and old["event_date"] != on.isoformat():
            continue
        if (
            old.get("location")
            and re.search(rf"\b{re.escape(old['location'])}\b", sent)
            and old.get("fatalities") is not None
            and re.search(rf"\b{old['fatalities']}\b", sent)
        ):
            return old
    return None


def _branch(ev: dict) -> str:
    return branch_actor(ev["actor"], ev["country"] or None, ev["province"], date.fromisoformat(ev["event_date"]))


def _parent_and_branch(a: dict, b: dict) -> bool:
    """One telling names the parent ('IS had struck the Iranian capital in June 2017'), the other the parent's
    branch that fights in the event's country (ISKP in Iran), or the reverse: one actor."""
    country = a["country"] or b["country"]
    return any(
        specialize(parent, country, [branch]) == branch
        for parent, branch in ((a["actor"], b["actor"]), (b["actor"], a["actor"]))
    )


def _duplicate(events: list[dict], ev: dict) -> dict | None:
    """An earlier event of the same file that `ev` retells: same date (to the coarser precision), type family and
    province, and compatible actors."""
    for old in events:
        if old["evidences"][0]["document"] == ev["evidences"][0]["document"]:
            continue
        p = "month" if "month" in (old["date_precision"], ev["date_precision"]) else "day"
        same_date = (
            old["event_date"][:7] == ev["event_date"][:7]
            if p == "month"
            else abs((date.fromisoformat(old["event_date"]) - date.fromisoformat(ev["event_date"])).days) <= 1
        )
        # 'Islamic State' of one article and 'IS Mozambique' of another are one actor in Mozambique
        actors = {_branch(old), _branch(ev)}
        # 'It also recalled the August 24, 2020 twin bombings in Jolo, which killed 14 people': the same day, place
        # and toll retell the event even when the retelling credits it to someone else
        same_toll = p == "day" and old["fatalities"] is not None and old["fatalities"] == ev["fatalities"]
        if (
            same_date
            and (len(actors) == 1 or "unknown" in actors or same_toll or _parent_and_branch(old, ev))
            and (old["province"] == ev["province"] or not old["province"] or not ev["province"])
            and (
                old["event_type"] == ev["event_type"]
                or {old["event_type"], ev["event_type"]}
                <= {"attack", "shooting", "ambush", "kidnapping", "suicide attack", "IED"}
            )
        ):
            return old
    return None


def event_id(name: str, evidence: str) -> str:
    return hashlib.sha1(f"{name}\x1f{evidence}".encode()).hexdigest()[:16]


def _claimed_here(sent: str) -> bool:
    """A claim word in the sentence that no negation denies ('which has not claimed either attack', 'no group
    claimed it' are no claims)."""
    return any(
        not re.search(
            r"\b(?:not|never|no|nobody|none)\b(?:\s+\w+){0,3}\s*$", sent[max(0, m.start() - 40) : m.start()], re.I
        )
        for m in _CLAIMED.finditer(sent)
    )


def event_record(
    name: str,
    text: str,
    s: int,
    e: int,
    doc: Document,
    got: tuple,
    am,
    actor_raw: str,
    counterpart: str | None,
    country: str | None,
    province_raw: str | None,
    town,
    etype: str,
    reason: list[str],
) -> dict:
    """The event row of sentence text[s:e]: casualties with their bounds as written, attribution, confidence."""
    sent = text[s:e]
    when, precision, how = got
    clean = re.sub(r"(\d),(\d{3})", r"\1\2", mask_years(D.DATE_RE.sub("DATE", sent)))
    cas = casualties(clean)
    bounds = casualty_bounds(D.DATE_RE.sub("DATE", sent))
    kb = next((b for b in bounds if b.verb in ("killed", "dead", "died", "slain")), None)
    wb = next((b for b in bounds if b.verb in ("wounded", "injured")), None)
    k = kb.value if kb else (cas.killed.value if cas.killed else None)
    w = wb.value if wb else (cas.wounded.value if cas.wounded else None)
    ctx_window = text[max(doc.start, s - 200) : min(doc.end, e + 250)]
    attribution = (
        "claimed"
        if _claimed_here(sent)
        or _OWN_CLAIM.search(sent)
        or (
            not am.actor.startswith("Government of")  # a group's claim beside a state's act is not the state's
            and re.search(
                r"\b(?:IS|ISIS|Islamic State|the group|JNIM|ISWAP|IS Sahel)\b(?:(?!\bnot\b)[^.]){0,40}\bclaimed\b",
                # a claim told beside the act is not that of an act nobody claimed ('... a roadside bomb killed three.
                # No group claimed it.'), which only the text after it can claim
                text[s : min(doc.end, e + 250)] if _NO_CLAIM.search(text, s, min(doc.end, e + 150)) else ctx_window,
            )
        )
        else "assessed"
        if re.search(
            r"\b(?:assess(?:es|ed|ment)|concluded)\b[^.;]{0,40}?\b(?:carried|conducted|behind|responsible)\b", sent
        )
        else "reported"
    )
    if how != "stated":
        reason.append(f"date {how}".replace("date year from context", "year of the date from context"))
    if (doc.published_from or "").startswith("dateline (year inferred") and how != "stated":
        reason.append("publication year inferred (dateline without a year)")
        if len(doc.year_fits) > 1:
            # several years fit its weekdays, the dates it writes and the articles' order: a low-confidence guess
            fit = ", ".join(map(str, doc.year_fits))
            reason.append(f"publication year uncertain ({fit} fit the dateline)")
    if doc.published is None and how != "stated":
        reason.append(
            f"no publication date: year {doc.year} from the "
            f"{'neighbouring articles' if doc.year_from == 'context' else 'article text'}"
        )
    confidence = "high" if not reason else ("low" if len(reason) > 1 else "medium")
    ev = {
        "event_id": event_id(name, sent),
        "event_date": when.isoformat(),
        "date_precision": precision,
        "actor": am.actor,
        "actor_raw": actor_raw,
        "counterpart": counterpart,
        "country": canonical_country(country) or "",
        "province": canonical_province(country, province_raw),
        "province_raw": province_raw,
        "location": town.name if town else None,
        "event_type": etype,
        "fatalities": k,
        "fatalities_low": k
        if kb is None or kb.qualifier in ("exact", "at least")
        else (k + 1 if kb.qualifier == "more than" else None),
        "fatalities_high": k if kb is None or kb.qualifier == "exact" else (k if kb.qualifier == "up to" else None),
        "fatalities_qualifier": (kb.qualifier if kb else ("exact" if k is not None else None)),
        "wounded": w,
        "wounded_qualifier": (wb.qualifier if wb else ("exact" if w is not None else None)),
        "casualties_note": None,
        "attribution": attribution,
        "source": doc.title[:120] or name,
        "source_date": doc.published.isoformat() if doc.published else None,
        "published": doc.published.isoformat() if doc.published else None,
        "confidence": confidence,
        "confidence_reason": "; ".join(reason) or None,
        "evidence": {"sentence": sent, "start": s, "end": e},
        "evidences": [{"sentence": sent, "start": s, "end": e, "document": doc.title[:120]}],
    }
    return ev
