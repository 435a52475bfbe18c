"""Who 'the insurgents' are: unnamed perpetrators of news prose resolved to the group the article names.

News articles name a group once ('Insurgents linked to Islamic State attacked ...', 'the Islamic State's
Mozambique branch') and then write 'insurgents', 'gunmen', 'its fighters', 'the group' or 'they'. A reader resolves
these to the group the article is about; so does `ArticleGroups.resolve`. A parent name ('Islamic State',
'al-Qaeda', 'the al Qaeda-linked group') is narrowed to the affiliate the same article names when that affiliate
operates in the event's country (`specialize`). Every resolution is flagged so the event's confidence drops.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from .actors import resolve_actor

#: a perpetrator written without a name: the article's group is meant
UNNAMED = re.compile(
    r"(?<!\d\s)(?<!\bunidentified\s)(?<!\bunknown\s)(?<!\btwo\s)(?<!\bthree\s)(?<!\bfour\s)(?<!\bfive\s)"
    r"\b(?:(?:the|suspected|armed|the\s+same)\s+)?(?:insurgents?|militants?|gunmen|jihadists?|extremists?"
    r"|assailants?|attackers|terrorists?|fighters)\b"
    r"|\b(?:its|their|the group['’]s)\s+(?:fighters|militants|members|men|gunmen)\b"
    r"|\bthe\s+(?:same\s+)?(?:group|organi[sz]ation|movement|insurgency)\b(?!['’]s\s+(?:leader|founder))"
    r"|\bthe\s+(?:worst|deadliest|latest|biggest|first|last)\s+of\s+the(?:se)?\s+attacks\b",
    re.I,
)
#: a pronoun subject ('On Feb 10, they killed ...', 'It claimed ...'): the subject of an earlier sentence is meant
PRONOUN = re.compile(
    r"^\W*(?:(?:then\s+)?(?:[\w,]+\s+){0,6}?)(?:they|it)\s+(?!is\b|was\b|has been\b|said\b|says\b|remains?\b)",
    re.I,
)

#: a pronoun right before the act verb, however long the adjuncts before it ('Then on 7 April, in the village of
#: Xitaxi in Muidumbe district, they executed 52 young men')
_PRONOUN_BEFORE_ACT = re.compile(r",\s+(?:they|it)\s+(?:had\s+|have\s+|also\s+|then\s+)?$", re.I)

#: a possessive pronoun opening the sentence before its act ('Its worst atrocity remains the August 26, 2021
#: suicide bombing', 'Its deadliest attack came at Barsalogho'): the group the sentence before was about
_ITS_ACT = re.compile(
    r"^\W*(?:Its|Their)\s+(?:[\w-]+\s+){0,3}?(?:attacks?|atrocit(?:y|ies)|bombings?|assaults?|ambush(?:es)?|massacres?"
    r"|raids?|operations?)\b"
)
#: the countries each affiliate fights in (canonical actor names of the alias registry)
AFFILIATE_HOME: dict[str, set[str]] = {
    "IS Mozambique": {"Mozambique", "Tanzania"},
    "IS Somalia": {"Somalia"},
    "ISWAP": {"Nigeria", "Niger", "Chad", "Cameroon"},
    "Islamic State West Africa Province": {"Nigeria", "Niger", "Chad", "Cameroon"},
    "IS Sahel": {"Mali", "Niger", "Burkina Faso"},
    "ISKP": {"Afghanistan", "Pakistan", "Tajikistan", "Uzbekistan", "Iran"},
    "Islamic State Khorasan Province": {"Afghanistan", "Pakistan", "Tajikistan", "Uzbekistan", "Iran"},
    "ISCAP": {"DR Congo", "Uganda"},
    "al-Shabaab": {"Somalia", "Kenya", "Ethiopia"},
    "JNIM": {"Mali", "Burkina Faso", "Niger", "Benin", "Togo"},
    "AQAP": {"Yemen"},
    "AQIM": {"Algeria", "Mali", "Tunisia", "Libya"},
}
#: parent names that an affiliate named in the same article narrows
PARENTS = {"Islamic State": "Islamic State", "al-Qaida": "al-Qaida", "al-Qaeda": "al-Qaida"}


def _family(actor: str) -> str | None:
    return resolve_actor(actor).family


def specialize(actor: str, country: str | None, named: list[str]) -> str | None:
    """The affiliate of `named` (canonical actors the article names) that `actor` (a parent such as 'Islamic
    State') stands for in `country`, or None when there is none or more than one."""
    if actor not in PARENTS or not country:
        return None
    fam = PARENTS[actor]
    hits = {
        a for a in named if a != actor and a in AFFILIATE_HOME and country in AFFILIATE_HOME[a] and _family(a) == fam
    }
    return hits.pop() if len(hits) == 1 else None


@dataclass
class ArticleGroups:
    """The groups an article (or one item of a digest) has named so far, and the subject of the last sentence."""

    counts: Counter = field(default_factory=Counter)
    order: list[str] = field(default_factory=list)  # canonical actors, most recent last
    last_subject: str | None = None  # canonical group opening the latest sentence that had one
    last_state: object | None = None  # the state-force mention opening the latest sentence that had one
    extra: list[str] = field(default_factory=list)  # groups named later in the article (for `specialize`)
    last_opener: str = "group"  # which of the two opened the latest sentence: 'group' | 'state'
    topic: str | None = None  # the group the article's title names ('the group' of its prose)

    def add(self, actor: str) -> None:
        if actor in ("unknown", ""):
            return
        self.counts[actor] += 1
        if actor in self.order:
            self.order.remove(actor)
        self.order.append(actor)

    def named(self) -> list[str]:
        return list(self.order)

    def resolve(
        self, country: str | None = None, *, pronoun: bool = False, exclude=(), definite: bool = False
    ) -> str | None:
        """The group an unnamed perpetrator ('they', 'the group', 'insurgents') stands for: the subject of the latest
        sentence (or question heading) that opened with one, else the group the article names most ('the group', with
        `definite`, is the group the title names when it names one); narrowed to the affiliate
        of the event's country when the article names one. Groups in `exclude` (the sentence's victims) never."""
        cands = [a for a in self.order if a not in exclude]
        if not cands:
            # the article's first sentence ('Islamist insurgents beheaded 52 men ...') before any group is named:
            # the group the rest of the article names most (first named on a tie)
            later = [a for a in self.extra if a not in exclude and a != "unknown"]
            if not later:
                return None
            pick = max(dict.fromkeys(later), key=lambda a: (later.count(a), -later.index(a)))
            return specialize(pick, country, self.extra) or pick
        if definite and self.topic and self.topic not in exclude:
            pick = self.topic  # 'The group first struck the city ...': the group the article is about
        elif self.last_subject and self.last_subject not in exclude:
            pick = self.last_subject
        else:
            pick = max(cands, key=lambda a: (self.counts[a], self.order.index(a)))
        return specialize(pick, country, self.order + self.extra) or pick


def unnamed_agent(clause: str, act: int) -> str | None:
    """'pronoun' when the clause's subject is 'they'/'it', 'noun' when its perpetrator is written without a name
    before or near the act ('insurgents beheaded', 'its fighters overran', 'the group claimed it'), else None."""
    if PRONOUN.search(clause[: act + 1]) or _PRONOUN_BEFORE_ACT.search(clause[:act]) or _ITS_ACT.match(clause):
        return "pronoun"
    m = UNNAMED.search(clause)
    if m is not None and m.start() <= act + 40:
        return "noun"
    return None
