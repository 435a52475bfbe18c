"""The steps of one coordinated attack told as a sequence: 'First, two men rode into the courtyard ...', 'Minutes
after the first blast, gunmen sprayed ...', 'At 9.40pm a third attacker set off his belt ...', 'The deadliest assault
came at the theatre ...'. Each separately told step is an event of its own; with no date of its own it happens the
day of the step told before it (the sequence's anchor), and with no author of its own it is that step's author's."""

from __future__ import annotations

import re

_N = r"(?:\d+|a\s+few|several|some|two|three|four|five|ten|fifteen|twenty|thirty|forty)"
_ACT = r"(?:blast|explosion|attack|bombing|shooting|strike|assault|detonation)s?"
#: 'A third bomber struck ...', 'The first explosion came at ...': an ordinal step of the same attack
_ORDINAL = (
    r"^\W*(?:The\s+(?:first|second|third|fourth|fifth|sixth|final|last)|A\s+(?:second|third|fourth|fifth|sixth|final))"
    r"\s+(?:[\w-]+\s+){0,2}?(?:bombers?|attackers?|assailants?|gunm[ae]n|explosions?|blasts?|bombs?|car\s+bombs?"
    r"|member|team)\b"
)
ORDINAL = re.compile(_ORDINAL, re.I)
#: a sentence that opens as the next step of a sequence told before it
STEP = re.compile(
    # 'First, the two brothers rode ...', 'Then, gunmen ...': the order of the steps
    r"^\W*(?:First|Then|Next|Finally)\s*,\s*"
    # 'Minutes after the first blast, ...', 'Half an hour after the explosion, ...'
    rf"|^\W*(?:(?:about|some|roughly|nearly|barely|just|less than)\s+)?(?:{_N}\s+)?(?:minutes|moments|seconds|hours?)"
    rf"\s+after\s+(?:the|that)\s+(?:first\s+|initial\s+|earlier\s+)?{_ACT}\b"
    # 'At 9.40pm a third member of the team ...', 'At about 10:15 a.m., ...': a clock time of the same day
    r"|^\W*At\s+(?:about\s+|around\s+|roughly\s+|precisely\s+)?\d{1,2}(?:[.:]\d\d)?\s*(?:am\b|pm\b|a\.m\.|p\.m\.|GMT\b|local\s+time\b)"
    r"|^\W*(?:At\s+)?(?:about|around|roughly)\s+the\s+same\s+time\b"
    # 'A third attacker blew himself up ...', 'The second blast hit ...': an ordinal step of the same attack
    r"|"
    + _ORDINAL
    # 'The deadliest assault came at the concert hall, where ...': the worst step of the attack told
    + r"|^\W*The\s+(?:deadliest|bloodiest|worst|biggest|largest|heaviest)\s+(?:[\w-]+\s+)?(?:assault|attack|blast|bombing"
    r"|explosion|strike)\s+(?:came|was|happened|took\s+place|struck|hit)\b",
    re.I,
)


def step_of(sent: str) -> bool:
    """True when the sentence opens as the next step of a sequence told before it."""
    return STEP.match(sent) is not None


#: 'Minutes after the first blast, gunmen sprayed the terraces ...': the adjunct names the step before, not this one
STEP_ADJUNCT = re.compile(
    rf"^\W*(?:(?:about|some|roughly|nearly|barely|just|less than)\s+)?(?:{_N}\s+)?(?:minutes|moments|seconds|hours?)"
    rf"\s+after\s+(?:the|that)\s+(?:first\s+|initial\s+|earlier\s+)?{_ACT}\s*,\s*",
    re.I,
)

#: the act before counts several acts of its kind ('Two car bombs tore through the junction minutes apart'): its
#: 'second blast' is a part of the act already counted, not one more
_COUNTED = re.compile(
    r"\b(?:two|twin|three|four|five|several|multiple|\d+)\s+(?:[\w-]+\s+){0,2}?(?:car\s+bombs|bombs|blasts|explosions"
    r"|bombers|suicide\s+bombers|bombings)\b",
    re.I,
)


def counted_before(sent: str, prev_sentence: str) -> bool:
    """True when `sent` is an ordinal step ('The second blast went off as ...') of acts the sentence of the act
    before already counted ('Two car bombs tore through the junction')."""
    return ORDINAL.match(sent) is not None and _COUNTED.search(prev_sentence) is not None


def sequence_place(events: list[dict], doc_title: str, day: str) -> dict | None:
    """The latest event of the article on the same day with a province: the attack whose step has no place of
    its own ('the attacks in the capital' of the lede, then 'The first explosion came outside the stadium')."""
    for old in reversed(events):
        if old["evidences"][0]["document"] != doc_title:
            break
        if old["event_date"] == day and old["date_precision"] == "day" and old["province"]:
            return old
    return None


#: a generic kind that an ordinal step shares with the steps before ('A third bomber struck the church' after two
#: suicide bombings): the kind of the sequence
_GENERIC = ("attack",)


def step_kind(sent: str, etype: str, prev: dict | None) -> str:
    """An ordinal step typed only as an attack takes the kind of the step before it."""
    if etype in _GENERIC and prev is not None and ORDINAL.match(sent) and prev["event_type"] not in _GENERIC:
        return prev["event_type"]
    return etype


_FAMILY = {"attack", "shooting", "IED", "suicide attack"}


def drop_summary(events: list[dict], ev: dict, story_start: int) -> None:
    """A step told with its own toll ('The first car bomb exploded outside the mosque, killing 18') after a sentence
    of the same story and day that counted the attack's parts ('claimed two car bombs that killed at least 30'):
    the parts are the events and the count was their summary; it is dropped and its evidence kept by the step (a
    claim it told stays)."""
    doc = ev["evidences"][0]["document"]
    for i in range(len(events) - 1, -1, -1):
        old = events[i]
        if old["evidence"]["start"] < story_start or old["evidences"][0]["document"] != doc:
            return
        if old["event_date"] != ev["event_date"] or old["date_precision"] != "day":
            continue
        sent = old["evidence"]["sentence"]
        if _COUNTED.search(sent) and not step_of(sent) and {old["event_type"], ev["event_type"]} <= _FAMILY:
            if old["attribution"] == "claimed" and old["actor"] == ev["actor"]:
                ev["attribution"] = "claimed"
            ev["evidences"].extend(old["evidences"])
            del events[i]
            return
