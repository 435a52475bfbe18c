"""Counts over a period ('attacked SDF forces 17 times between September 6 and September 13', 'at least seven times
so far in September', '10 attacks since September 4', '26 attacks between 2022 and 2023', 'claimed 11 attacks during
the past week, compared to seven the previous week'): one PeriodCount per stated count, never an event."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta

from . import dates as D
from .clauses import act_span
from .spans import _OTHER_PERIOD, _SAME_PERIOD, _WEEK, _shifted, period_of

#: the keys of a period count, in the order `--periods-out` writes them
PERIOD_KEYS = [
    "actor",
    "target",
    "country",
    "province",
    "count",
    "count_qualifier",
    "period_start",
    "period_end",
    "attribution",
    "evidence",
]

_WORDNUM = {
    "once": 1,
    "twice": 2,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "a dozen": 12,
    "dozen": 12,
}
_N = (
    r"(?:\d{1,3}(?:,\d{3})+(?!\d)|\d{1,4}|"
    + "|".join(sorted((w for w in _WORDNUM if w not in ("once", "twice")), key=len, reverse=True))
    + ")"
)
_Q = r"(?P<q>at least|more than|over|nearly|almost|about|around|approximately|some|roughly|a total of|up to)?\s*"
_NOUNS = (
    r"(?:attacks|assaults|operations|incidents|ambushes|strikes|raids|bombings|assassinations|kidnappings"
    r"|IED attacks|claims|executions|times)"
)
# one count: 'N times', 'once', 'N (kinds of) attacks'
COUNT = re.compile(
    rf"\b{_Q}(?:(?P<n>{_N})\s+times|(?P<w>once|twice)|(?P<n2>{_N})\s+(?:(?!of\s|the\s|\d)[\w-]+\s+){{0,3}}?"
    rf"(?:attacks|assaults|operations|incidents|ambushes|(?:air)?strikes|raids|bombings|assassinations"
    rf"|kidnappings|claims|executions|bombs|violent\s+(?:events|incidents)))\b",
    re.I,
)
COUNT_OBJ = re.compile(
    rf"\b(?:attacked|targeted|struck|hit|raided|ambushed|attacking|targeting)\s+{_Q}"
    rf"(?P<n2>{_N})\s+(?:[\w-]+\s+){{0,2}}?(?:convoys|positions|bases|posts|checkpoints|villages"
    rf"|vehicles|towns)\b(?P<w>)?(?P<n>)?",
    re.I,
)
#: people killed, taken or arrested over a period, in the perfect: 'Assailants have killed 14 camp residents since
#: July 1', 'the SDF has arrested at least 60 suspects since August 1' (read only with a span: since, so far, between);
#: 'JNIM fighters killed 12 soldiers ... since the coup' tells one act
COUNT_VICTIMS = re.compile(
    rf"\b(?:has|have|had)\s+(?:(?:also|now|reportedly|already)\s+)?(?:killed|kidnapped|abducted|executed|beheaded"
    rf"|arrested|detained|captured)\s+{_Q}(?P<n2>{_N})\s+"
    rf"(?:[\w-]+\s+){{0,3}}?(?:people|persons|civilians|residents|villagers|soldiers|troops|policemen|fighters"
    rf"|members|operatives|militants|suspects|insurgents|terrorists|jihadists|combatants|commanders|leaders)\b"
    rf"(?P<w>)?(?P<n>)?",
    re.I,
)
_VICTIM_SPAN = re.compile(r"\bsince\b|\bso far\b|\bbetween\b[^.;]{3,40}\band\b|\bfrom\b[^.;]{3,30}\bto\b", re.I)
#: COUNT and _COUNT_WORD hold no upper-case letter: over a lowered sentence they need no IGNORECASE (much slower)
COUNT_L = re.compile(COUNT.pattern)
_FOUGHT = re.compile(r"\b(?:fought|fighting|battled|engaged|clashed|hit|shelled|targeted)\b", re.I)
_COUNT_WORD = re.compile(
    r"time|once|twice|attack|assault|operation|incident|ambush|strike|raid|bombing|assassination"
    r"|kidnapping|claim|execution|convoy|position|base|post|checkpoint|village|vehicle|town|bomb|event",
    re.I,
)
_COUNT_WORD_L = re.compile(_COUNT_WORD.pattern)
# 'down from 19 in January', 'up from 13 in September': a second count with the noun of the first
COUNT_CMP = re.compile(
    rf"\b(?:(?:down|up|rising|falling|increase|decrease)\s+from|compared\s+(?:with|to))\s+(?:just\s+|only\s+)?{_Q}(?P<n2>{_N})\b"
    rf"(?!\s+(?:times|attacks|percent|%))"
    rf"(?P<w>)?(?P<n>)?",
    re.I,
)
# a comparison after the count names another period: 'in September, more than in any month since June 2021'
_COMPARISON = re.compile(
    r",\s+(?:(?:much\s+)?(?:more|fewer|less|higher|lower)\s+than|(?:the|its|their)\s+(?:[\w-]+\s+)?(?:highest|lowest"
    r"|most|largest|fewest|smallest))\b",
    re.I,
)
#: 'the third US strike ... in 2021', "AFRICOM's fourth airstrike in Somalia since May 16": an ordinal is a count
_ORDINALS = {
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
}
COUNT_ORD = re.compile(
    r"(?:\bthe|[A-Z][\w.-]*['’]s)\s+(?P<o>" + "|".join(_ORDINALS) + r"|\d{1,3}(?:st|nd|rd|th))\s+"
    r"(?:[\w.-]+\s+){0,2}?(?:air\s?strikes?|drone strikes?|strikes?|attacks?|raids?|bombings?)\b"
    r"(?P<q>)?(?P<n>)?(?P<w>)?(?P<n2>)?"
)
# 'claimed nine attacks in Syria and three in Iraq': the second count shares the first one's noun
COUNT_ELLIPSIS = re.compile(
    rf"\s+(?:in|against|on)\s+(?:the\s+)?[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)?\s+and\s+{_Q}(?P<n2>{_N})"
    rf"(?=\s+(?:in|against|on)\b)(?P<n>)?(?P<w>)?",
    re.I,
)
#: a sentence that opens with its period ('Between A and B, ...', 'Since the beginning of X (April 24), ...')
_PERIOD_LEAD = re.compile(r"\s*(?:between|since|from|during|so far in)\b[^.;]{0,160}?,\s", re.I)
_CLAIM = re.compile(r"\bclaim(?:ed|s|ing)?\b", re.I)
_ASSESS = re.compile(r"\bassess(?:es|ed|ment)?\b|\bCTP\b|\bauthor'?s? database\b", re.I)


@dataclass
class PeriodCount:
    """One count over a period; `period_end` None is an open end ('since September 4')."""

    actor: str
    target: str | None
    country: str | None
    province: str | None
    count: int
    count_qualifier: str  # exact | at least | about
    period_start: date | None
    period_end: date | None
    attribution: str  # claimed | assessed | reported
    evidence: dict = field(default_factory=dict)
    source: str | None = None

    def record(self) -> dict:
        """The `--periods-out` row: exactly PERIOD_KEYS."""
        return {
            k: (getattr(self, k).isoformat() if isinstance(getattr(self, k), date) else getattr(self, k))
            for k in PERIOD_KEYS
        }

    # names the store's period_counts table and older callers use
    @property
    def n_events(self) -> int:
        return self.count

    @property
    def counterpart(self) -> str | None:
        return self.target


def _num(m: re.Match) -> int | None:
    if "o" in m.re.groupindex and m.group("o"):
        o = m.group("o").lower()
        return _ORDINALS.get(o) or int(re.sub(r"\D", "", o))
    if m.group("w"):
        return _WORDNUM[m.group("w").lower()]
    s = (m.group("n") or m.group("n2") or "").lower().replace(",", "")  # 'about 1,100 attacks'
    return int(s) if s.isdigit() else _WORDNUM.get(s)


def _qualifier(q: str | None) -> str:
    q = (q or "").lower()
    if q in ("at least", "more than", "over"):
        return "at least"
    if q in ("nearly", "almost", "about", "around", "approximately", "some", "roughly", "up to"):
        return "about"
    return "exact"


def find_counts(
    sentence: str,
    period: D.ReportPeriod,
    year: int | None = None,
    prior: tuple | None = None,
    victims: bool = False,
) -> list[tuple[re.Match, tuple, str]]:
    """Each count in a sentence with its period and attribution: [(count match, (start, end), attribution)].
    A count needs a period: 'ISIS claimed 30 attacks' alone is no period count. `prior` is the period of the count
    told just before, for 'in the same period'; `victims` also reads counts of people killed or arrested over a
    span ('have killed 14 camp residents since July 1')."""
    low = sentence.lower()
    folded = len(low) == len(sentence)  # lower() kept every offset (it does for all but a few non-Latin letters)
    span = victims and _VICTIM_SPAN.search(sentence) is not None
    if not span and not (_COUNT_WORD_L.search(low) if folded else _COUNT_WORD.search(sentence)):
        return []  # every count pattern needs one of these words: one cheap search instead of three costly ones
    out = []
    # the case-insensitive COUNT run as a case-sensitive pattern over the lowered text: same matches, 2-3x faster
    base = list(COUNT_L.finditer(low) if folded else COUNT.finditer(sentence))
    matches = sorted(
        base
        + list(COUNT_OBJ.finditer(sentence))
        + (list(COUNT_VICTIMS.finditer(sentence)) if span else [])
        + [
            c
            for c in (COUNT_CMP.finditer(sentence) if base else ())
            if not any(c.start() <= b.start() < c.end() for b in base)
        ]
        + [e for m in base if m.group("n2") and (e := COUNT_ELLIPSIS.match(sentence, m.end()))]
        + list(COUNT_ORD.finditer(sentence)),
        key=lambda m: m.start(),
    )
    for i, m in enumerate(matches):
        n = _num(m)
        if n is None or n == 0:
            continue
        if 1900 <= n <= 2099 and re.match(r"\s*(?:19|20)\d\d\b", m.group()):
            continue  # 'ISKP is stronger in 2023 than 2022': a year, never a count of attacks
        if re.match(r"\s+(?:as many|as much|more|higher|larger|the)\b", sentence[m.end() :]) and m.group("n"):
            continue
        if (m.group("w") or "").lower() == "once" and re.match(
            r"\s+(?:it|they|he|she|we|the|this|that|its|their|[A-Z])", sentence[m.end() :]
        ):
            continue  # 'once it reconstitutes its networks': a conjunction, not a count
        if (
            (m.group("w") or m.group("n"))
            and act_span(sentence[: m.start()]) is None
            and not _FOUGHT.search(sentence[: m.start()])
        ):
            continue  # 'has visited the Sahel ... twice since September': times of no violent act
        if re.match(
            r"\s+(?:[\w-]+\s+){0,2}?(?:exploded|went off|blew up|detonated|were detonated)\b", sentence[m.end() :]
        ):
            continue  # 'two car bombs exploded minutes apart': the devices of one act, not a count of acts
        if re.match(r"\s+(?:per|a|each)\s+(?:month|week|day|year)\b", sentence[m.end() :]) or re.search(
            r"\baverage(?: of)?(?: just)?(?: under| over| about)?\s*$", sentence[: m.start()]
        ):
            continue
        # the words that belong to this count: up to the next count
        stop = matches[i + 1].start() if i + 1 < len(matches) else len(sentence)
        zone = sentence[m.end() : min(stop, m.end() + 120)]
        zone = (
            re.split(r",\s+(?:but|while|whereas|compared (?:to|with))\b", zone)[0]
            if "compared" not in sentence[m.end() : m.end() + 15]
            else zone
        )
        zone = _COMPARISON.split(zone)[0]
        back = sentence[max(0, m.start() - 80) : m.start()]
        lead = _PERIOD_LEAD.match(sentence, 0, m.start())
        if lead:
            back = sentence[: m.start()]  # 'Between March 1 and March 14, 2017, ISIS's Sinai Province claimed ...'
        if not re.search(r"\bsince\b", back, re.I):
            # 'Since August 15, when the Taliban entered Kabul, ISIS has claimed ...': a longer lead
            far = sentence[max(0, m.start() - 160) : m.start()]
            back = far if re.match(r"\s*since\b", far, re.I) or re.search(r"(?:^|[.;]\s+)since\b", far, re.I) else back
        before = back
        if re.search(r"\bsince\b", back.rsplit(",", 1)[0], re.I):
            before = back.rsplit(",", 1)[0]  # not 'According to SOHR, since the beginning of July ISIS has ...'
        elif re.search(r"\bsince\b", back, re.I):
            before = back.rsplit(",", 1)[-1]
        if _WEEK.search(zone) and _WEEK.search(zone).group("prev") and out and out[-1][1][1] is not None:
            a, b = out[-1][1]
            span = b - a
            rng = (a - span - timedelta(days=1), a - timedelta(days=1))
        else:
            rng = period_of(
                zone,
                # 'This week ISIS's West Africa Province claimed 14 attacks': a period before the count
                before if re.search(r"\b(?:since|between|during|in|so far|this\s+week)\b", before, re.I) else "",
                period,
                year,
            )
        if _SAME_PERIOD.search(zone) or (_SAME_PERIOD.search(before) and not _SAME_PERIOD.search(sentence, m.end())):
            # 'CTP assesses ISIS conducted at least 45 attacks in the same period', 'In the same period, Iraqi
            # forces carried out 22 operations': the period of the count told before
            same = out[-1][1] if out else prior
            rng = same if same is not None else rng
            sp = _SAME_PERIOD.search(zone)
            other = _OTHER_PERIOD.match(zone, sp.end()) if sp else None
            if other is not None:
                # 'compared with nine in the same period in May': the same days of another month or year
                rng = _shifted(same, other) if same is not None else None
        if rng is None:
            continue
        clause = sentence[max(0, m.start() - 60) : m.end() + 10]
        clause = re.split(r"\bbut\b", clause)[-1]
        attribution = (
            "claimed"
            if _CLAIM.search(clause) and not re.search(r"\bnot\s+claim", clause)
            else ("assessed" if _ASSESS.search(clause) else "reported")
        )
        out.append((m, rng, attribution))
    return out


def count_value(m: re.Match) -> tuple[int, str]:
    """(count, qualifier) of a COUNT match."""
    return _num(m), _qualifier(m.group("q"))
