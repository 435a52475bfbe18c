"""What a press article has told so far: its title's groups, place and country, the groups and state forces its
sentences named, the subject of the last sentence, its dates; one `Article` per document (a digest item starts a
fresh group context). The sentence stages read it; `heading` and `note` keep it up to date."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from .actors import resolve_actor
from .coref import ArticleGroups
from .documents import Document, byline_spans
from .heading_places import named_countries
from .places import canonical_country, find_places
from .press_actors import _PERSON_OF, _actors
from .press_lines import (
    _dateline_place,
    _heading_country,
    _title_adjective_country,
    _title_town,
    dateline_country,
    item_place,
    label_place,
)
from .press_places import _not_a_place, _taken_towns

#: a sentence opening with the article's group unnamed ('The group is now fighting ...', 'The insurgents ...')
_GROUP_OPENER = re.compile(r"\W*The\s+(?:group|insurgents|militants|jihadists|movement|organi[sz]ation)\b")


_LED_BY = re.compile(
    r"(?:\s+(?:militants|fighters|faction|cells?|members|gunmen))?,?\s+led\s+by\s+((?:[A-Z][\w'’-]+\s+){0,3}[A-Z][\w'’-]+)"
)


@dataclass
class Article:
    """The running state of one article while its sentences are read."""

    doc: Document
    home: object = None  # the dateline's place (a digest item's own dateline)
    item_country: str | None = None
    title_place: object = None
    doc_country: str | None = None
    title_groups: list[str] = field(default_factory=list)
    ag: ArticleGroups = field(default_factory=ArticleGroups)
    doc_groups: Counter = field(default_factory=Counter)
    persons: dict[str, str] = field(default_factory=dict)  # 'Omar' -> IS Mozambique
    anchor: date | None = None  # the previous day told: "N days later" counts from it, never from publication
    month_anchor: date | None = None
    latest: date | None = None  # the latest day the article reports (its publication date is after it)
    last_event_end: int | None = None
    item_start: int = 0
    item_anchor: date | None = None  # the last day of the previous digest item
    heading_place: object = None
    lead_in: tuple | None = None  # (end, date) of the latest short sentence that dated no act of its own
    wave_lead: tuple | None = None  # (end, day) of a lead that sums up a day's several acts, told one by one next
    claimer: str | None = None  # the group of the last claim: 'the group' of a later sentence
    last_subject: str | None = None  # the group that opened the last sentence: 'It' of the next one
    excluded: list[tuple[int, int]] = field(default_factory=list)  # bylines

    @classmethod
    def open(cls, text: str, doc: Document) -> Article:
        """The article's state before its first body line: the title's groups, place and country."""
        art = cls(doc, home=_dateline_place(text, doc), item_start=doc.start)
        # the groups the whole article names: 'Islamic State' of its first paragraph is the 'IS Mozambique' of its
        # fourth (a digest's items are unrelated: each names its own)
        art.ag.extra = (
            []
            if doc.kind == "digest"
            else [resolve_actor(g.raw).actor for g in _actors(text, doc.start, doc.end) if not g.is_state]
        )
        art.title_groups = [
            resolve_actor(g.raw).actor for g in _actors(text, doc.start, doc.title_end) if not g.is_state
        ]
        for g in art.title_groups:
            art.ag.add(g)
        art.item_country = _heading_country(text[doc.start : doc.title_end])
        art.doc_country = (
            next((p.country for p in find_places(text, doc.start, doc.title_end) if p.kind == "country"), None)
            or _title_adjective_country(text[doc.start : doc.title_end])  # 'The Pakistani Taliban's new offensive'
            or next((c for c, _, _ in named_countries(text[doc.start : doc.title_end])), None)  # 'Sri Lanka raid'
            or dateline_country(text, doc)  # 'COLOMBO, Sri Lanka (AP) —'
        )
        # the title's place is in the country the title (or dateline) names, if it names one: the 'Van bomb' of a
        # Philippine title is no Turkish city
        art.title_place = next(
            (
                p
                for p in find_places(text, doc.start, doc.title_end)
                if p.kind in ("town", "province")
                and not _not_a_place(text, p)  # "after Baghdadi's death"
                and (art.doc_country is None or canonical_country(p.country) == canonical_country(art.doc_country))
            ),
            None,
        ) or _title_town(text, doc.start, doc.title_end, art.doc_country)  # 'Kunduz and the long shadow of IS-K'
        art.ag.topic = art.title_groups[0] if art.title_groups else None
        art.excluded = byline_spans(text, doc.start, doc.end)
        return art

    def heading(self, text: str, bs: int, body: str) -> None:
        """A heading or question line at `bs`: a digest item starts, the section's place, the groups it names."""
        doc = self.doc
        if doc.kind == "digest" and not body.endswith("?"):
            # a digest item starts: its own groups and country ('Somalia: army says ...'), unless its heading
            # names the town of the item before ('PALMA: Hotel convoy hit' after 'PALMA: Islamic State claims
            # seizure of town'): the same story goes on, with its groups
            new_home = item_place(body)  # 'BELEDWEYNE: Twin bombings kill 48': the item's own dateline
            if not (new_home and self.home and new_home.name == self.home.name and self.item_start > doc.start):
                self.ag, self.doc_groups, self.claimer, self.last_subject = ArticleGroups(), Counter(), None, None
                self.ag.extra = []
            self.item_country = _heading_country(body)
            self.home = new_home
            self.item_start = bs
            self.item_anchor, self.anchor = self.anchor, None  # 'Hours earlier, ...' of the next item counts from it
        # a heading or question names the place of the section under it ('Who carried out the attack on the shrine
        # in Shiraz?'): the answer's events without a place of their own are there
        self.heading_place = next(
            (
                p
                for p in find_places(text, bs, bs + len(body))
                + _taken_towns(text, bs, bs + len(body), self.doc_country)
                if p.kind in ("town", "province")
            ),
            None,
        ) or label_place(body, self.doc_country or self.item_country)  # 'Balochistan – train hijacking (BLA)'
        hg = [g for g in _actors(text, bs, bs + len(body)) if not g.is_state]
        for g in hg:
            self.ag.add(resolve_actor(g.raw).actor)
        if hg and body.endswith("?"):
            self.ag.last_subject = resolve_actor(hg[0].raw).actor  # 'Is ISKP getting stronger?': the answer's 'it'
            self.ag.last_opener = "group"
        elif (
            body.endswith("?") and self.title_groups and re.search(r"\bthe group\b|\bthe organi[sz]ation\b", body, re.I)
        ):
            self.ag.last_subject = self.title_groups[0]  # 'Is the group finished?': the group of the article's title
            self.ag.last_opener = "group"

    def note(self, text: str, s: int, e: int, full: tuple[int, int], groups: list, mentions: list) -> None:
        """Record the groups, people and state forces of the clause text[s:e] (of the sentence `full`)."""
        for g in groups:
            self.doc_groups[resolve_actor(g.raw).actor] += 1
            self.ag.add(resolve_actor(g.raw).actor)
        if groups and groups[0].start - full[0] < 25 and full[0] == s:
            self.last_subject = groups[0].raw
            self.ag.last_subject = resolve_actor(groups[0].raw).actor
            self.ag.last_opener = "group"
        for pm in _PERSON_OF.finditer(text, s, e):
            # 'Bonomade Machude Omar, the most senior commander of the Islamic State's Mozambique branch'
            g = next((x for x in groups if pm.end() <= x.start <= pm.end() + 12), None)
            if g is not None:
                for tok in pm.group(1).split():
                    if len(tok) > 3:
                        self.persons[tok] = resolve_actor(g.raw).actor
        for g in groups:
            # 'Abu Sayyaf militants led by Hatib Hajan Sawadjaan': the leader's name stands for his group
            if lm := _LED_BY.match(text, g.end, e):
                for tok in lm.group(1).split():
                    if len(tok) > 3:
                        self.persons[tok] = resolve_actor(g.raw).actor
        if not groups and full[0] == s and _GROUP_OPENER.match(text, s, e):
            self.ag.last_opener = "group"  # 'The group is now fighting on several fronts': 'it' is the group again
        st0 = [m for m in mentions if m.is_state]
        if st0 and st0[0].start - full[0] < 25 and full[0] == s and not (groups and groups[0].start < st0[0].start):
            self.ag.last_state, self.ag.last_opener = st0[0], "state"

    def story_start(self) -> int:
        return max(self.item_start, self.doc.start)
