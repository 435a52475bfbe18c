"""Acts that point back to an act the same article told: its claim told first ('IS claimed responsibility on
Thursday for two bombings that killed 84' before the bombing itself), the same act retold in the story's next
paragraph ('A suicide bomber rammed a vehicle into the gate of the Asasey hotel ...' after 'militants stormed a
popular hotel in Kismayo'), and a day counted from it ('Two days before the bombing, troops killed ...')."""

from __future__ import annotations

import re
from datetime import date, timedelta

from .documents import Document

#: a sentence whose main verb is the claim of an act ('Islamic State claimed responsibility on Thursday for two
#: bombings that killed at least 84 people'): the claim's day is not the act's
_CLAIM_SENTENCE = re.compile(
    r"^\W*(?:[^.\n]{0,60}?\)\s*[-–—]\s*)?(?:[A-Z][\w.'’-]*\s+){1,6}(?:has\s+|had\s+)?claimed\s+(?:responsibility\s+)?(?:[\w-]+\s+){0,3}?"
    r"for\s+(?:the\s+|a\s+|an\s+|two\s+|three\s+|twin\s+)?",
    re.I,
)


def claimed_attack(events: list[dict], ev: dict) -> dict | None:
    """The claim told just before the attack itself in the same article ('IS claimed responsibility on Thursday for
    two bombings that killed at least 84 people. Two suicide bombers blew themselves up on Wednesday ..., killing at
    least 84'): one event, dated, typed and placed by the attack, with both evidences (`absorb`). A claim and an
    attack are the same one when the article, the toll and the actors agree and the days are at most two apart."""
    if not events or ev["fatalities"] is None or ev["date_precision"] != "day":
        return None
    old = events[-1]
    doc = ev["evidences"][0]["document"]
    if (
        old["evidences"][0]["document"] != doc
        or old["date_precision"] != "day"
        or old["fatalities"] != ev["fatalities"]
        or not _CLAIM_SENTENCE.match(old["evidence"]["sentence"])
        or _CLAIM_SENTENCE.match(ev["evidence"]["sentence"])
        or len({old["actor"], ev["actor"]} - {"unknown"}) > 1
        or (old["country"] and ev["country"] and old["country"] != ev["country"])
        or (old["province"] and ev["province"] and old["province"] != ev["province"])
    ):
        return None
    days = (date.fromisoformat(old["event_date"]) - date.fromisoformat(ev["event_date"])).days
    return old if 0 <= days <= 2 else None


def absorb(old: dict, ev: dict) -> None:
    """`old` (the claim) takes the attack's own date, place, type and casualties; the claimer stays the actor."""
    for k in ev:
        if k in ("event_id", "evidences", "actor", "actor_raw", "attribution", "source", "source_date", "published"):
            continue
        if k in ("counterpart", "wounded", "wounded_qualifier") and ev[k] is None:
            continue
        old[k] = ev[k]
    old["attribution"] = "claimed"
    if old["actor"] == "unknown":
        old["actor"], old["actor_raw"] = ev["actor"], ev["actor_raw"]
    old["evidences"].append(ev["evidences"][0])


_SMALL = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8}
#: 'Two days before the Kandahar bombing, Taliban operatives raided ...': a day counted from an act the article told
_FROM_TOLD = re.compile(
    r"^\W*(?P<n>\d{1,2}|an?|one|two|three|four|five|six|seven|eight)\s+(?P<u>days?|weeks?)\s+(?P<dir>before|after)"
    r"\s+the\s+(?P<what>[^,;]{2,60}?)\s*,",
    re.I,
)
_ACT_NOUN = {
    "bombing": ("IED", "suicide attack", "attack"),
    "blast": ("IED", "suicide attack", "attack"),
    "explosion": ("IED", "suicide attack", "attack"),
    "attack": ("attack", "IED", "suicide attack", "shooting", "ambush", "mortar/rocket"),
    "ambush": ("ambush", "attack"),
    "massacre": ("shooting", "attack"),
    "killings": ("shooting", "attack", "execution"),
}


def day_from_told(events: list[dict], doc: Document, sent: str):
    """(day, 'day', how) of a sentence dated only against an act the article told before ('Two days before the
    bombing, troops killed 11 militants ...'): the latest event of the article that the noun phrase names (its kind,
    and its town when one is named), N days or weeks before or after it; None when no such event is told."""
    m = _FROM_TOLD.match(sent)
    if m is None:
        return None
    words = m["what"].split()
    head = words[-1].lower()
    kinds = _ACT_NOUN.get(head) or _ACT_NOUN.get(head.removesuffix("s"))
    if kinds is None:
        return None
    names = [w for w in words[:-1] if w[:1].isupper()]
    for old in reversed(events):
        if old["evidences"][0]["document"] != doc.title[:120]:
            break
        if (
            old["date_precision"] == "day"
            and old["event_type"] in kinds
            and all(re.search(rf"\b{re.escape(w)}\b", old["evidence"]["sentence"]) for w in names)
        ):
            n = int(m["n"]) if m["n"].isdigit() else _SMALL[m["n"].lower()]
            days = n * (7 if m["u"].lower().startswith("week") else 1)
            day = date.fromisoformat(old["event_date"]) + timedelta(days=days if m["dir"].lower() == "after" else -days)
            return day, "day", f"relative ({m.group().rstrip(', ')} told before)"
    return None


_FAMILY = {"attack", "shooting", "ambush", "kidnapping", "suicide attack", "IED"}
#: a target the story names: 'a popular hotel' then 'the gate of the Asasey hotel'
_TARGET = (
    r"hotel|restaurant|church|cathedral|mosque|market|school|university|base|camp|checkpoint|convoy|bus|prison"
    r"|bank|shrine|hospital|stadium|station|embassy|compound|barracks|gymnasium|mall|wedding|ceremony"
)
_THE_TARGET = re.compile(rf"\bthe\s+(?:[\w'’-]+\s+){{0,3}}?(?P<t>{_TARGET})\b", re.I)
_ANOTHER = re.compile(
    r"\b(?:another|second|third|fourth|fifth|sixth|also|again|separate(?:ly)?|new|later|earlier|next|previous)\b", re.I
)


def same_story(events: list[dict], ev: dict, sent: str) -> dict | None:
    """The event the article told just before when `ev` retells it: a sentence with no place of its own that names
    the same target with 'the' ('the gate of the Asasey hotel' after 'stormed a popular hotel'), the same or an
    unknown actor, a kind of the same family and a day at most one apart; never one that says 'another', 'second',
    'later'."""
    if not events or _ANOTHER.search(sent):
        return None
    old = events[-1]
    m = _THE_TARGET.search(sent)
    if (
        m is None
        or ev["country"] not in ("", old["country"])
        or ev["province"] not in (None, old["province"])
        or ev.get("location") not in (None, old.get("location"))
        or old["evidences"][0]["document"] != ev["evidences"][0]["document"]
        or old["date_precision"] != "day"
        or ev["date_precision"] != "day"
        or len({old["actor"], ev["actor"]} - {"unknown"}) > 1
        or not {old["event_type"], ev["event_type"]} <= _FAMILY
        or not re.search(rf"\b{m['t']}\b", old["evidence"]["sentence"], re.I)
    ):
        return None
    days = abs((date.fromisoformat(old["event_date"]) - date.fromisoformat(ev["event_date"])).days)
    return old if days <= 1 else None


def week_summary(events: list[dict], ev: dict) -> dict | None:
    """The article's earlier week-dated telling of the act `ev` tells by its day ('Syrian warplanes bombed IS
    positions over the weekend' and then '... struck IS positions ... on Saturday'): same actor, kind and province,
    and ev's day inside that week. The day-dated telling dates it."""
    if ev["date_precision"] != "day":
        return None
    day = date.fromisoformat(ev["event_date"])
    for old in reversed(events):
        if old["evidences"][0]["document"] != ev["evidences"][0]["document"]:
            break
        start = date.fromisoformat(old["event_date"])
        if (
            old["date_precision"] == "week"
            and start <= day < start + timedelta(days=7)
            and old["actor"] == ev["actor"]
            and old["province"] in (None, ev["province"])
            and (old["event_type"] == ev["event_type"] or {old["event_type"], ev["event_type"]} <= _FAMILY)
        ):
            return old
    return None


def dated_by(old: dict, ev: dict) -> None:
    """`old`, a week-dated summary, takes the day, place and numbers of its day-dated telling `ev`."""
    keep = old["evidences"]
    old.update({k: v for k, v in ev.items() if k not in ("evidences", "evidence", "event_id") and v is not None})
    old["evidences"] = [*keep, ev["evidences"][0]]


def retell(old: dict, ev: dict) -> None:
    """`old` keeps its day and place; the retelling gives the kind when it is more specific and missing numbers."""
    if old["event_type"] in ("attack", "shooting") and ev["event_type"] not in ("attack", "shooting"):
        old["event_type"] = ev["event_type"]
    for k in ("fatalities", "fatalities_low", "fatalities_high", "fatalities_qualifier", "wounded"):
        if old.get(k) is None and ev.get(k) is not None:
            old[k] = ev[k]
    old["evidences"].append(ev["evidences"][0])


def told_undated(events: list[dict], doc_title: str, sent: str, etype: str) -> dict | None:
    """The story's previous act when an undated sentence retells it ('A suicide bomber rammed a vehicle into the
    gate of the Blue Sky hotel ..., the state president told reporters on Saturday' after 'militants stormed a
    hotel ... on Friday'): the same target named with 'the', a kind of the same family, the same article."""
    if not events or _ANOTHER.search(sent):
        return None
    old = events[-1]
    m = _THE_TARGET.search(sent)
    if (
        m is None
        or old["evidences"][0]["document"] != doc_title
        or old["date_precision"] != "day"
        or not {old["event_type"], etype} <= _FAMILY
        or not re.search(rf"\b{m['t']}\b", old["evidence"]["sentence"], re.I)
    ):
        return None
    return old
