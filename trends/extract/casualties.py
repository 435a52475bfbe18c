"""Killed and wounded counts from event sentences: numbers, number words, bounds ('at least 13'), vague
quantities ('several' = unknown) and the ambiguous 'killed or wounded' (unknown, but flagged)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .event_types import _NAME, _TITLE

_WORDS = {
    w: i
    for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
        "seventeen eighteen nineteen twenty".split()
    )
}
_WORDS.update(
    {
        "thirty": 30,
        "forty": 40,
        "fifty": 50,
        "sixty": 60,
        "a dozen": 12,
        "a hundred": 100,
        "a": 1,
        "an": 1,
        "another": 1,
        "single": 1,
    }
)
_VAGUE = (
    r"(?:several|some|many|dozens of|dozens|scores of|a number of|numerous|a few|few|multiple|an unknown number of"
    r"|unknown number of|tens of|hundreds of)"
)
_NUM = (
    r"(?:\d{1,4}|a dozen|a hundred|(?:twenty|thirty|forty|fifty|sixty)(?:[- ](?:one|two|three|four|five|six|seven"
    r"|eight|nine))?|zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen"
    r"|sixteen|seventeen|eighteen|nineteen|an?|another|single)"
)
_BOUND = r"(?P<bound>at least|more than|over|nearly|almost|about|around|approximately|up to|some)?\s*"
# up to four words between a count and its verb, none of them another verb or count ('two killed and three wounded')
_NOUN = r"(?:(?!(?:killed|wounded|injured|dead|and|or|were|was)\b)[\w()-]+\s+){0,6}?"


@dataclass(frozen=True)
class Count:
    """A casualty count: value is the best estimate, None when the text gives no number."""

    value: int | None
    low: int | None
    high: int | None
    vague: bool = False


@dataclass(frozen=True)
class Casualties:
    killed: Count | None
    wounded: Count | None
    ambiguous: bool  # 'killed or wounded', 'casualties': some harm, split unknown
    inclusive: bool = (
        False  # 'killing the chief and three other officials': a total that includes a victim named before
    )


def _number(word: str) -> int | None:
    w = word.lower().strip()
    if w.isdigit():
        return int(w)
    if w in _WORDS:
        return _WORDS[w]
    parts = re.split(r"[- ]", w)
    if len(parts) == 2 and parts[0] in _WORDS and parts[1] in _WORDS:
        return _WORDS[parts[0]] + _WORDS[parts[1]]
    return None


def _count(bound: str | None, num: str | None, vague: str | None) -> Count:
    if vague or num is None:
        return Count(None, None, None, vague=True)
    n = _number(num)
    b = (bound or "").lower()
    if n is None:
        return Count(None, None, None, vague=True)
    if b in ("at least", "more than", "over"):
        return Count(n, n + (b != "at least"), None)
    if b == "up to":
        return Count(None, None, n)
    return Count(n, n, n)


_KILL_P = [
    re.compile(p, re.I)
    for p in [
        rf"\b{_BOUND}(?:(?P<vague>{_VAGUE})|(?P<num>{_NUM}))\s+{_NOUN}(?:others?\s+)?(?P<aux>were|was|had been|have been)?\s*"
        rf"(?:reportedly\s+)?(?:(?:sniped|captured|abducted|kidnapped|shot|ambushed|tortured) and\s+)?"
        rf"(?P<verb>killed|dead|died|slain|shot dead|executed|beheaded|assassinated)\b",
        rf"\b(?:killing|killed|shot dead|shooting dead|shot and killed|executed|assassinated|beheaded)\s+{_BOUND}"
        rf"(?:(?P<vague>{_VAGUE})|(?P<num>{_NUM}))\b",
        # the counted subject of a passive clause with its modifiers ('A mukhtar who cooperated with the Iraqi army
        # was shot dead', 'two civilians accused of working with the coalition were shot dead'): at the clause's start
        rf"(?:^|[;:]\s+|,\s+and\s+)\s*{_BOUND}(?:(?P<vague>{_VAGUE})|(?P<num>{_NUM}))\s+"
        rf"(?:(?!(?:killed|wounded|injured|dead|died|and|or|was|were|had|have|has|is|are|{_NUM}|{_VAGUE})\b)"
        rf"[\w'’()-]+,?\s+){{1,14}}?"
        rf"(?P<aux>were|was)\s+(?:reportedly\s+)?(?P<verb>shot dead|killed|executed|beheaded|assassinated"
        rf"|gunned down|shot and killed)\b",
    ]
]
# 'killed senior ISIS leader Khalid ...', 'assassinated a local council official': one person
_KILL_ONE = re.compile(
    r"\b(?:killed|killing|assassinated|executed|beheaded|shot dead)\s+(?:a\s+|an\s+|the\s+|one\s+|[A-Z][\w-]+['’]s\s+)?"
    r"(?:(?:senior|top|prominent|local|deputy|former|high-ranking|key)\s+)?(?:[\w'’-]+\s+){0,3}?"
    r"(?:leader|commander|official|chief|ideologue|spokesman|emir|governor|officer|judge|mukhtar"
    r"|elder|imam|politician|headman|member|commissioner|administrator)\b(?!s)",
    re.I,
)
# a titled or named victim ('shot dead Colonel Ali Saleh', 'shot dead Abu Tareq al-Hariri, a former commander'): one
_KILL_NAMED = re.compile(
    rf"\b(?:assassinated|executed|beheaded|shot dead|shot and killed|gunned down)\s+"
    rf"(?:(?-i:{_TITLE})\.?\s+(?-i:[A-Z])|(?-i:{_NAME}),\s+(?:an?|the)\s)",
    re.I,
)
# 'killing the chief and three other officials': the named victim plus N others
_KILL_PLUS = re.compile(
    rf"\b(?:killing|killed)\s+(?:the|a|an|one)\s+(?:[\w'’-]+\s+){{0,3}}?and\s+{_BOUND}(?P<num>{_NUM})\s+"
    r"(?:other|more|of (?:his|her|their))\b",
    re.I,
)
_WOUND_P = [
    re.compile(p, re.I)
    for p in [
        rf"\b{_BOUND}(?:(?P<vague>{_VAGUE})|(?P<num>{_NUM}))\s+{_NOUN}(?:others?\s+)?(?P<aux>were|was|had been|have been)?\s*"
        rf"(?:reportedly\s+)?(?:seriously\s+|critically\s+|lightly\s+)?(?P<verb>wounded|injured|hurt)\b",
        rf"\b(?:wounding|injuring|wounded|injured)\s+{_BOUND}(?:(?P<vague>{_VAGUE})|(?P<num>{_NUM}))\b",
    ]
]


# What follows a transitive verb used actively: an object ('killed two soldiers', 'killed at least six', 'killed
# the commander'). 'A drone strike killed several fighters' names the agent, not a count, before the verb.
_OBJECT = re.compile(rf"\s+(?:{_BOUND}(?:{_VAGUE}|{_NUM})\b|the\b|his\b|her\b|their\b|its\b|(?-i:[A-Z]))", re.I)


def _active(m: re.Match, text: str) -> bool:
    """True when the match's 'N ... killed' is 'subject killed object': the words before the verb are the agent."""
    if "aux" not in m.re.groupindex or m.group("aux") or m.group("verb").lower() in ("dead", "died", "slain"):
        return False
    return bool(_OBJECT.match(text, m.end()))


def _first(patterns, text) -> Count | None:
    best = None
    for rx in patterns:
        for m in rx.finditer(text):
            if _active(m, text):
                continue
            num = m.group("num")
            c = _count(m.group("bound"), num, m.group("vague"))
            if best is None or (best.value is None and c.value is not None):
                best = c
    return best


@lru_cache(maxsize=4096)
def casualties(text: str) -> Casualties:
    """Killed/wounded counts stated in text. 'killed or wounded' gives no numbers and ambiguous=True."""
    ambiguous = bool(re.search(r"\bkill(?:ed|ing)\s+or\s+(?:wound|injur)(?:ed|ing)\b|\bcasualties\b", text, re.I))
    cleaned = re.sub(r"\b(?:killed|killing)\s+or\s+(?:wounded|wounding|injured|injuring)\b", "harmed", text, flags=re.I)
    killed = _first(_KILL_P, cleaned)
    plus = _KILL_PLUS.search(cleaned)
    if plus and _number(plus.group("num")) is not None:
        n = 1 + _number(plus.group("num"))
        b = (plus.group("bound") or "").lower()
        low = n + (b == "more than")
        return Casualties(
            Count(n, low, None if b in ("at least", "more than", "over") else n),
            _first(_WOUND_P, cleaned),
            ambiguous,
            True,
        )
    if killed is None and (_KILL_ONE.search(cleaned) or _KILL_NAMED.search(cleaned)):
        killed = Count(1, 1, 1)
    wounded = _first(_WOUND_P, cleaned)
    return Casualties(killed, wounded, ambiguous)


#: 'Four policemen were killed in the first attack and two in the second': one toll for each of two acts told before
_FIRST_SECOND = re.compile(
    rf"\b(?P<a>{_NUM})\s+{_NOUN}(?:were\s+|was\s+)?(?P<verb>killed|wounded|injured)\s+in\s+the\s+first"
    rf"(?:\s+(?:attack|one|bombing|incident|explosion|blast))?,?\s+and\s+(?P<b>{_NUM})\s+(?:[\w-]+\s+)?in\s+the\s+second\b",
    re.I,
)


def first_second(text: str) -> tuple[str, int, int] | None:
    """('killed' or 'wounded', the first act's toll, the second's) when `text` splits one toll over two acts."""
    m = _FIRST_SECOND.search(text)
    if m is None or (a := _number(m["a"])) is None or (b := _number(m["b"])) is None:
        return None
    return ("killed" if m["verb"].lower() == "killed" else "wounded"), a, b
