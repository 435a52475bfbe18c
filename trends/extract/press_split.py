"""A press clause that still tells two acts, each with a time of its own, is cut in two (one event per attack).

`press_dates._clauses` cuts a sentence before a list item or a strong break that carries its own date; this stage
cuts what is left where a reader sees a second act joined by 'and' or a semicolon:

- '... in Lamu County on Sunday, and a day later two local chiefs were abducted in Lafey' (a time word opens it);
- '..., the army said, and on Saturday police in Jammu arrested two men' (its own day);
- 'Gunmen killed 4 civilians ... on Sunday and burned the livestock market at Pissila the same night' (the same
  subject's second act, timed against the first);
- '... wounded three; in Dhiban, a grenade killed a guard' (a semicolon and a place of its own);
- 'After the February 14, 2019 suicide bombing in Pulwama, ..., Indian jets struck Balakot twelve days later' (an
  attack told in an adjunct with its own date, then the response counted from it: two events).

Both parts must tell a violent act and the first must be dated, so an act and its circumstances ('..., and the
group claimed it hours later') stay one clause; each part then takes its own date, place and casualties.
"""

from __future__ import annotations

import re

from .dates import MONTH_NAMES, WEEKDAY_NAMES
from .press_dates import _date_marks, _has_act

_NUM = r"(?:\d{1,2}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|several|a few)"
#: the time that opens a second act: its own day, or a time counted from the first act
_OWN_TIME = (
    rf"(?:(?:on|by|late on|early on)\s+(?:{WEEKDAY_NAMES}|(?:{MONTH_NAMES})\s+\d{{1,2}})\b"
    rf"|{_NUM}\s+(?:days?|hours?|weeks?)\s+later\b|(?:the\s+)?(?:next|following)\s+(?:day|night|morning)\b"
    r"|later (?:that|the same) (?:day|night)\b|(?:the|that)\s+same\s+(?:day|night|evening)\b)"
)
_OPENS = re.compile(rf"(?:,\s+and|;\s+(?:and\s+)?)\s+(?={_OWN_TIME})", re.I)
#: 'and burned the market at Pissila the same night': a second verb of the same subject, timed by its end
_SAME_SUBJECT = re.compile(
    r",?\s+and\s+(?=(?:then\s+)?[a-z]+(?:ed|ew|ot|ook|uck)\b[^,;.]{3,90}?\b(?:the|that)\s+same\s+"
    r"(?:day|night|evening)\b)"
)
#: '; in Dhiban, a hand grenade ...': a semicolon before a place of its own
_PLACE_AFTER_SEMI = re.compile(r";\s+(?=in\s+[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?,\s)")


#: 'After the February 14, 2019 suicide bombing in Pulwama, ..., Indian jets struck Balakot twelve days later': an
#: adjunct that tells a dated attack, then the response counted from it
_AFTER_THE = re.compile(r"^\W*After\s+(?=(?:the|an?)\s)", re.I)
_LATER_END = re.compile(rf"\b{_NUM}\s+(?:days?|weeks?)\s+later\W*$", re.I)


def split_acts(text: str, clauses):
    """Each (start, end, sentence span) of `clauses`, with a clause that joins two timed acts cut in two."""
    for s, e, full in clauses:
        yield from _response(text, s, e, full) or _cut(text, s, e, full)


def _response(text: str, s: int, e: int, full) -> list:
    """The adjunct's attack (without 'After') and the response told after it, or [] when the clause is no such."""
    lead = _AFTER_THE.match(text[s:e])
    if lead is None or not _LATER_END.search(text[s:e]):
        return []
    for m in reversed(list(re.finditer(r",\s+", text[s:e]))):
        a, b = s + m.start(), s + m.end()
        if _has_act(text[b:e]) and _has_act(text[s + lead.end() : a]) and _date_marks(text, s, a):
            return [(s + lead.end(), a, full), (b, e, full)]
    return []


def _cut(text: str, s: int, e: int, full):
    for rx in (_OPENS, _SAME_SUBJECT, _PLACE_AFTER_SEMI):
        for m in rx.finditer(text, s, e):
            first, second = text[s : m.start()], text[m.end() : e]
            if _has_act(first) and _has_act(second) and _date_marks(text, s, m.start()):
                yield s, m.start(), full
                yield from _cut(text, m.end(), e, full)
                return
    yield s, e, full
