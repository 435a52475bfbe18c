"""The act's own clause: the words that tell what kind of act a sentence's event is.

A sentence often names other acts beside its own: a support phrase ("supported by coalition airstrikes", "backed by
drones"), a reference to an earlier act ("the site of a 2019 car bombing", "in what it called a response to the
checkpoint bombing"), an "After <other act>, ..." adjunct, or a second semicolon segment with its own act. The type
of the sentence's event is read from its own clause first (`event_types.event_type` calls `own_clause`), and from
the whole sentence only when the own clause names no act.
"""

from __future__ import annotations

import re

#: a support phrase: who or what helped the act, not the act ('..., supported by coalition airstrikes')
_SUPPORT = re.compile(
    r",?\s*\b(?:(?:backed|supported|assisted|aided|covered|escorted)\s+by|with\s+(?:the\s+)?(?:help|support|backing"
    r"|assistance|cover)\s+(?:of|from))\s+(?:[\w'’-]+\s+){0,4}?(?:air ?strikes?|air power|drones?|aircraft|jets?"
    r"|warplanes?|helicopters?|gunships?|artillery|air (?:support|cover|force))\b"
    r"|,?\s*\bwith\s+(?:[\w-]+\s+)?(?:air|aerial|drone|artillery|helicopter)\s+(?:support|cover|backing)\b",
    re.I,
)
#: a reference to another act: the place's or the act's history, or the act it answers
_REFERENCE = re.compile(
    r",?\s*\b(?:the\s+)?(?:site|scene)\s+of\s+(?:an?\s+|the\s+)?(?:earlier\s+|previous\s+|deadly\s+)?"
    r"(?:(?:19|20)\d\d\s+)?[^,;.()]{0,60}"
    r"|,?\s*\bin\s+(?:what\s+(?:it|they|he|she|officials|the\s+[\w ]{2,30}?)\s+(?:described|called|termed|said\s+was)"
    r"\s+(?:as\s+)?)?(?:an?\s+)?(?:direct\s+)?(?:response|retaliation|revenge|reprisal)\s+(?:to|for)\s+[^,;.()]{2,80}"
    r"|,?\s*\b(?:to\s+avenge|avenging)\s+[^,;.()]{2,60}"
    # 'arrested three suspects in connection with the bombing': the act the arrest answers
    r"|,?\s*\bin\s+connection\s+with\s+[^,;.()]{2,80}",
    re.I,
)
#: the target's own end ('..., and Shekau died by detonating his explosive vest as they closed in', '; rather than
#: surrender, he detonated an explosive vest'): how the target died, not the kind of the attack on him
_TARGET_END = re.compile(
    r",?\s+and\s+(?:[A-Z][\w'’-]+\s+){1,3}?died\s+by\s+detonating\b[^.;]*"
    r"|;\s+rather\s+than\s+(?:surrender(?:ing)?|be(?:ing)?\s+captured),\s+[^.;]*"
)
#: 'After the February 14 suicide bombing in Pulwama, ..., Indian jets struck Balakot': the adjunct's act is another
#: event's, the main clause's act is this one's
_AFTER_LEAD = re.compile(
    r"^\W*(?:(?:Shortly|Soon|Days|Weeks|Hours|Months)\s+)?(?:After|Following|In the wake of|In response to"
    r"|In retaliation for)\s+(?:an?|the|its|their|this|that|[A-Z][\w'’-]+['’]s)\s+[^;]{3,200}?,\s+"
    r"(?=(?:the|a|an|[A-Z][\w'’-]*)\b(?:\s+[\w'’-]+){0,5}?\s+(?:[a-z]+ed|struck|shot|hit|stormed|killed|launched"
    r"|fired|blew|drove|took|seized|overran)\b)",
)


#: 'Its deadliest attack came at Barsalogho on August 24, when its fighters shot dead 133 civilians': the act is the
#: when-clause's, the main clause only places it
_CAME_WHEN = re.compile(
    r"^[^;]{0,120}?\b(?:came|happened|occurred|took place)\b[^;]{0,80}?,\s+when\s+(?=[^;]{0,80}?\b(?:[a-z]+ed|shot|struck"
    r"|hit|blew|killed)\b)",
)


def after_lead(sentence: str) -> int | None:
    """The end of an "After <other act>," lead before the main clause's subject, or None."""
    m = _AFTER_LEAD.match(sentence)
    return m.end() if m else None


def strip_others(sentence: str) -> str:
    """The sentence without its support and reference phrases and its target's own end (the acts they name are
    others')."""
    out = _SUPPORT.sub("", sentence)
    return _TARGET_END.sub("", _REFERENCE.sub("", out))


def own_clause(sentence: str) -> str:
    """The clause of the sentence that tells its own act: support and reference phrases removed, an "After <other
    act>," lead or a "<the attack> came at X on <date>, when" frame dropped, and only the first semicolon segment ('... attacked SNA positions on January 20; US forces
    conducted an airstrike ...' -> the attack). The caller falls back to the whole sentence when this names no act."""
    out = sentence
    lead = _AFTER_LEAD.match(out) or _CAME_WHEN.match(out)
    if lead:
        out = out[lead.end() :]
    semi = out.find("; ")
    if semi > 20:
        out = out[:semi]
    return strip_others(out)
