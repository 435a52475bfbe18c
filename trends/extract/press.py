"""Events from press analyses and pasted news articles (issue 13).

A file is split into articles (`documents.split_documents`); each sentence of an article is an event when it states
a violent act with a date of its own: a day ('on February 11'), a month with a year ('In June 2015', 'the January
twin bombings'), or a relative date resolved against the article's publication date ('on Sunday', 'last week',
'a year ago', 'six days later'; `relative.find_relative`). A bare year is not enough. Questions, headings, titles,
captions, bylines, natural disasters, accidents, epidemics, hedged, negated and planned actions are skipped with a
reason. Casualty numbers keep their bounds as written ('more than 46,000', 'about 75', 'at least 16'). An event
retold by two articles of the same file is written once, with both evidences.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from dataclasses import dataclass, replace
from datetime import date

from . import dates as D
from .actors import find_actors, resolve_actor
from .casualties import casualties
from .coref import UNNAMED, ArticleGroups, specialize, unnamed_agent
from .documents import Document, byline_spans, dateline_end, split_documents
from .event_types import RULES, event_type
from .parse import Extraction, Skip
from .places import COUNTRIES, COUNTRY_ADJ, canonical_country, canonical_province, find_places
from .places import key as key_of
from .relative import find_relative
from .segment import sentences

COUNTRIES_SET = set(COUNTRIES)
STATE_TYPES = {"airstrike", "drone strike", "arrest/raid", "surrender"}
#: natural disasters, accidents and epidemics: their deaths are never events
NON_EVENT = re.compile(
    r"\b(?:earthquakes?|quakes?|tremors?|aftershocks?|floods?|flooding|flash floods?|landslides?|mudslides?|cyclones?"
    r"|hurricanes?|typhoons?|storms?|(?:heavy |torrential )?rains?|rainfall|downpours?|lightning|cold snap|tornado(?:es)?|droughts?|famine|tsunamis?|wildfires?|bushfires?|heatwaves?"
    r"|heat wave|volcan\w*|avalanches?|epidemics?|pandemics?|outbreaks?|cholera|measles|covid(?:-19)?|ebola"
    r"|malaria|(?:road|traffic|car|bus|plane|air|train|boat|mining) (?:crash|accident)|crash(?:ed)?|accidents?"
    r"|collisions?|capsized|derail\w*|drown\w*|stampede|building collapse)\b",
    re.I,
)
_ARMED = re.compile(
    r"\b(?:bomb|IED|explosive|landmine|mine|gunmen|militants?|fighters|jihadists?|insurgents?|attack"
    r"|ambush|raid|strike|shell|rocket|suicide)\w*",
    re.I,
)
HEDGE = re.compile(
    r"\b(?:likely|possibly|probably|(?-i:may)|might|could|would|will|shall|aims? to|plans? to|planned to"
    r"|planning to|seeks? to|intends? to|threaten(?:s|ed)? to|warn(?:s|ed)?|is expected to|are expected to"
    r"|is to|are to|reportedly plans|wants? to|hopes? to|vowed to|pledged to|promised to)\b",
    re.I,
)
HABITUAL = re.compile(
    r"\b(?:continues? to|continued to|keeps? on|used to|tend to|regularly|routinely)\s+(?:\w+\s+)?$", re.I
)
NEGATION = re.compile(
    r"\b(?:did not|didn't|has not|hasn't|have not|haven't|had not|never|no (?:attacks?|one|group"
    r"|casualties)|not (?:yet )?claimed|neither|nor)\b",
    re.I,
)
_CAPTION = re.compile(r"Photo Credit|©|^\s*(?:File photo|Photo|Image|Picture)\b|\bImage shared\b|^\s*\|", re.I)
_CLAIMED = re.compile(r"\bclaim(?:ed|s|ing)?\b(?!\s+(?:to|that\s+it\s+(?:would|will)))", re.I)
_STATEMENT_ONLY = re.compile(r"^\W*(?:[A-Z][\w.'’-]*\s+){0,6}(?:said|says|told|announced|declared|stated)\b", re.I)
_MONTH_NOUN = re.compile(
    r"\b(?:the|a|an|last|this)\s+(?P<mon>January|February|March|April|May|June|July|August"
    r"|September|October|November|December)\s+(?!\d)(?P<noun>[a-z][\w-]+)"
)
_SAME_MONTH = re.compile(r"\bin the same month\b|\bthat same month\b|\bthe same month\b", re.I)
_BOUND_RE = re.compile(
    r"\b(?P<q>at least|more than|over|nearly|almost|about|around|approximately|roughly|some|up to"
    r"|fewer than|less than|no fewer than|as many as|an estimated)?\s*(?P<n>\d{1,3}(?:,\d{3})+|\d+)"
    r"\s+(?P<rest>[^.;]{0,60}?)\b(?:were\s+|was\s+|are\s+|have been\s+|had been\s+)?"
    r"(?P<verb>killed|dead|died|slain|wounded|injured)\b",
    re.I,
)
_QUAL = {
    "at least": "at least",
    "no fewer than": "at least",
    "more than": "more than",
    "over": "more than",
    "nearly": "about",
    "almost": "about",
    "about": "about",
    "around": "about",
    "approximately": "about",
    "roughly": "about",
    "some": "about",
    "an estimated": "about",
    "up to": "up to",
    "as many as": "up to",
    "fewer than": "up to",
    "less than": "up to",
}
_PRONOUN_SUBJECT = re.compile(
    r"^\W*(?:(?:Six|\w+) days later,?\s*(?:on \w+,?\s*)?)?(?:they|it|the group|the militants|"
    r"its fighters|the jihadists|the attackers)\b",
    re.I,
)
_SPORT = re.compile(
    r"\b(?:wickets?|sixes|innings|century|goals?|scored|qualifier|Grand Prix|league|tournament|"
    r"championship|match|semi-?final|final over|Premier League|World Cup|Olympics?|cricket|football)\b",
    re.I,
)
_DATE_MARK = re.compile(
    r"\b(?:on|in|since|by|during)\s+(?:the\s+)?(?:same\s+month|(?:early|mid|late)[- ]?)?\s*"
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)?\b(?=[^,;]{0,12}(?:\d|\w))"
    r"|\bthe\s+(?:January|February|March|April|May|June|July|August|September|October|November"
    r"|December)\s+[a-z]|\bin the same month\b"
)
_SPLIT = re.compile(r",\s+(?:and\s+)?(?=(?:a|an|the|another|then)\s)|\s+and\s+(?=(?:a|an|another)\s)|;\s+")


_COMMA_DAY = re.compile(
    r"\b(?P<mon>Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec|January|February|March|April|June|July|August"
    r"|September|October|November|December)\.?,\s+(?P<day>[0-3]?\d)\b(?!,?\s*(?:19|20)\d\d)(?!\d)"
)


def _date_marks(text: str, s: int, e: int) -> list[int]:
    """Where a sentence states dates (days, months with or without year, weekdays, 'the January bombings')."""
    marks = [d.start for d in D.find_dates(text, s, e)]
    marks += [m.start() for m in D.MONTH_ONLY_RE.finditer(text, s, e) if not any(abs(m.start() - x) < 3 for x in marks)]
    marks += [m.start() for m in _MONTH_NOUN.finditer(text, s, e)]
    marks += [m.start() for m in _SAME_MONTH.finditer(text, s, e)]
    marks += [m.start() for m in _COMMA_DAY.finditer(text, s, e)]
    marks += [r.start for r in find_relative(text, s, e, date(2000, 1, 1), date(2000, 1, 1)) if r.kind != "month"]
    return sorted(set(marks))


def _clauses(text: str, spans):
    """(start, end, sentence span) of each clause: a sentence listing several dated acts ('the January twin
    bombings of Kerman, a strike on a church in Istanbul in the same month and a massive attack ... on March 22')
    is cut before each list item that carries its own date; other sentences are one clause."""
    for s, e in spans:
        for p in _PAREN.finditer(text, s, e):
            # '(who would ... be killed by a U.S. air strike in May 2016)': an aside that tells a dated act
            if _PAREN_DATE.search(p.group(1)) and _event_pos(p.group(1)) < len(p.group(1)):
                yield p.start(1), p.end(1), (p.start(1), p.end(1))
        dl = dateline_end(text, s, e)
        marks = [m for m in _date_marks(text, s, e) if dl is None or m >= dl]
        cuts = []
        for a, b in zip(marks, marks[1:]):
            seps = [m for m in _SPLIT.finditer(text, a, b)]
            if seps:
                cuts.append(seps[-1])
        if not cuts:
            yield s, e, (s, e)
            continue
        start = s
        for m in cuts:
            yield start, m.start(), (s, e)
            start = m.end()
        yield start, e, (s, e)


_PERSON_OF = re.compile(
    r"\b((?:[A-Z][\w'’-]+\s+){0,3}[A-Z][\w'’-]+),\s+(?:[\w'’-]+\s+){0,6}?(?:commander|leader|chief|emir|head"
    r"|founder|spokesman|deputy|governor)\s+of\s+"
)
#: the kind of an act told as 'killed ... in an ambush', 'wounded in a roadside bombing'
_IN_AN = re.compile(
    r"\b(?:in|during|with)\s+an?\s+(?:[\w-]+\s+){0,2}?(?:ambush|bombing|roadside bomb|suicide (?:attack|bombing)"
    r"|drone strike|air ?strike|mortar attack|rocket attack)\b",
    re.I,
)
_PAREN = re.compile(r"\(([^()]{20,300})\)")
_PAREN_DATE = re.compile(
    r"\b(?:January|February|March|April|May|June|July|August|September|October|November|December)\s+(?:\d{1,2},?\s+)?"
    r"(?:19|20)\d\d\b"
)
#: 'who would take over ... and be killed ... in May 2016': narration of a dated past fact, not a hedge
_FUTURE_IN_PAST = re.compile(r"^\W*(?:who|which)\s+would\b", re.I)
_CLAIM_OF_PREVIOUS = re.compile(
    r"\bclaimed\s+(?:responsibility|(?:the|that|this)\s+(?:[\w-]+\s+){0,2}?(?:attacks?|assault|ambush|bombings?"
    r"|blast|explosion|killings?|shooting|raid|kidnapping|operation|strike)\b|it\b)|\bNo (?:group|one) (?:has )?claimed\b"
    r"|^\W*The (?:attack|assault|bombing|ambush)\b[^.]{0,120}\bwas claimed by\b",
    re.I,
)
_NO_CLAIM = re.compile(r"\bNo (?:group|one) (?:has )?claimed\b|\bnot (?:yet )?claimed\b", re.I)
_COUNT = re.compile(
    r"\b(?:\d+|dozens of|hundreds of)\s+(?:\w+\s+)?(?:attacks|operations|incidents|assaults|ambushes)\b", re.I
)
_BY_GROUP = re.compile(r"\b(?:by|from|of) the (?:group|organi[sz]ation|militants|jihadists)\b", re.I)
_BLAMED = re.compile(
    r"\b(?:blamed|accused|attributed (?:it|the attack) to)\s+(?:fighters of\s+|militants of\s+)?", re.I
)


@dataclass(frozen=True)
class Bound:
    """A number as written with its qualifier: 'more than 46,000' -> (46000, 'more than')."""

    value: int
    qualifier: str  # 'exact' | 'at least' | 'more than' | 'about' | 'up to'
    verb: str


def casualty_bounds(text: str) -> list[Bound]:
    """Killed/wounded numbers with their qualifiers, in text order ('killing at least 12' is read too)."""
    out = []
    for m in _BOUND_RE.finditer(text):
        out.append(Bound(int(m["n"].replace(",", "")), _QUAL.get((m["q"] or "").lower(), "exact"), m["verb"].lower()))
    for m in re.finditer(
        r"\b(?:killing|killed|wounding|injuring)\s+(?P<q>at least|more than|over|nearly|about|"
        r"around|some|up to)?\s*(?P<n>\d{1,3}(?:,\d{3})+|\d+)\b",
        text,
        re.I,
    ):
        verb = "killed" if m.group().lower().startswith("kill") else "wounded"
        out.append(Bound(int(m["n"].replace(",", "")), _QUAL.get((m["q"] or "").lower(), "exact"), verb))
    return out


def _own_casualties(sentence: str) -> bool:
    """A claim sentence that gives its own toll ('claimed the twin bombings ..., which killed about 95') tells an
    event, not the claim of the previous one."""
    return bool(casualty_bounds(D.DATE_RE.sub("DATE", sentence)))


def _heading_country(line: str) -> str | None:
    """The country a digest item's heading names ('Somalia: army says ...', 'Kenya - four killed')."""
    m = re.match(r"^\W*([A-Z][\w .'-]{2,30}?)\s*[:–—-]\s", line)
    if m:
        c = canonical_country(m.group(1).strip())
        if c and m.group(1).strip() in COUNTRIES_SET:
            return c
    return None


def non_event_reason(sentence: str, *, has_group: bool) -> str | None:
    """Why a sentence with a violent word is still not an event, or None."""
    s = sentence.strip()
    if s.endswith("?"):
        return "question"
    if _SPORT.search(s) and not _ARMED.search(s):
        return "sport"
    if _CAPTION.search(s):
        return "caption"
    dis = NON_EVENT.search(s)
    if dis and (
        not has_group
        or re.search(
            rf"{re.escape(dis.group())}\w*\s+(?:that|which|has|have)?\s*(?:killed|left"
            rf"|claimed|hit|struck|devastated|displaced)",
            s,
            re.I,
        )
        or not _ARMED.search(s)
    ):
        return "natural disaster, accident or epidemic"
    if NEGATION.search(s):
        return "negated"
    act = _event_pos(s)
    stop = re.search(r"[,;]|\s(?:and|but|while|rather than)\s", s[act:])
    if HEDGE.search(s[: act + stop.start()] if stop else s):  # only the clause of the act counts
        return "hedged or planned"
    if HABITUAL.search(s[max(0, act - 40) : act]):
        return "habitual or repeated, no single act"
    return None


def _act_clause(sentence: str) -> str:
    """The sentence up to the end of the clause that names its (first) violent act."""
    act = _event_pos(sentence)
    stop = re.search(r"[,;]|\s(?:and|but|while|rather than)\s", sentence[act:])
    return sentence[: act + stop.start()] if stop else sentence


def _event_pos(sentence: str) -> int:
    """Where the violent act is named in the sentence (first matching event-type word)."""
    best = len(sentence)
    m = _PRESS_ACT.search(sentence)
    if m:
        best = m.start()
    for _, rx in RULES:
        m = rx.search(sentence)
        if m:
            best = min(best, m.start())
    return best


def _date_for(
    text: str,
    s: int,
    e: int,
    doc: Document,
    anchor: date | None,
    skip_to: int | None,
    month_anchor: date | None = None,
    latest: date | None = None,
):
    """(date, precision, how) of the sentence text[s:e]: the date mention nearest the violent act; None when the
    sentence gives no day or month (a bare year is not enough)."""
    zs = max(s, skip_to or s)
    sent = text[s:e]
    act = s + _event_pos(sent)
    ref = doc.published or (date(doc.year, 12, 31) if doc.year else None)
    cands = []  # (distance, date, precision, how)
    for d in D.find_dates(text, zs, e):
        if re.search(r"\bsince\s+$", text[max(s, d.start - 7) : d.start]):
            continue
        when = D.resolve(d, ref, doc.year)
        if when is not None:
            cands.append((abs(d.start - act), when, "day", "stated" if d.year else "year from context"))
    for m in D.MONTH_ONLY_RE.finditer(text, zs, e):
        if any(c for c in D.find_dates(text, m.start(), m.end())):
            continue
        if re.search(
            r"\bsince\s+(?:the\s+)?(?:early|mid|late)?[- ]?$", text[max(s, m.start() - 12) : m.start()]
        ) and not re.match(r",?\s+when\b", text[m.end() : m.end() + 8]):
            continue
        cands.append(
            (abs(m.start() - act), date(int(m["year"]), D.MONTHS[m["mon"].lower().rstrip(".")], 1), "month", "stated")
        )
    for m in _MONTH_NOUN.finditer(text, zs, e):
        mon = D.MONTHS[m["mon"].lower()]
        if ref is None:
            continue
        y = ref.year - (mon > ref.month)
        cands.append((abs(m.start() - act), date(y, mon, 1), "month", "year from context"))
    rels = find_relative(text, zs, e, doc.published, anchor)
    if doc.published is None and latest is not None:
        # no publication date: the article was written after the latest day it reports, so 'in October', 'a year
        # ago' and 'last month' (month precision, coarser than that estimate's few days) resolve against it
        taken = [(r.start, r.end) for r in rels]
        rels += [
            r
            for r in find_relative(text, zs, e, latest, None)
            if r.kind in ("month", "year ago", "last month") and not any(a < r.end and r.start < b for a, b in taken)
        ]
    for m in _COMMA_DAY.finditer(text, zs, e):  # 'On Feb, 10,' (a typo of 'Feb. 10')
        if doc.year and not any(d.start <= m.start() < d.end for d in D.find_dates(text, m.start(), m.end())):
            try:
                when = date(doc.year, D.MONTHS[m["mon"].lower().rstrip(".")], int(m["day"]))
            except (ValueError, KeyError):
                continue
            cands.append((abs(m.start() - act), when, "day", "year from context"))
    for r in rels:
        if r.kind == "month" and text[r.start : r.start + 5].lower().startswith("since"):
            continue
        cands.append(
            (
                abs(r.start - act) + (0 if r.kind == "later" else 1),
                r.value,
                r.precision,
                f"relative ({r.phrase.strip()})",
            )
        )
    if not cands:
        if _SAME_MONTH.search(sent) and (month_anchor or anchor) is not None:
            return (month_anchor or anchor).replace(day=1), "month", "relative (same month)"
        return None
    _, when, prec, how = min(cands, key=lambda c: (c[0], c[2] != "day"))
    if doc.published and when > doc.published:
        return "after"
    return when, prec, how


def _event_id(name: str, evidence: str) -> str:
    return hashlib.sha1(f"{name}\x1f{evidence}".encode()).hexdigest()[:16]


def extract_press(text: str, name: str = "press", *, published: date | None = None) -> Extraction:
    """Events of a file of pasted articles (or one article, with `published`). Period counts are not read here."""
    events: list[dict] = []
    periods: list = []
    skipped: list[Skip] = []
    docs = split_documents(text, published)
    for doc in docs:
        anchor = doc.published
        home = _dateline_place(text, doc)
        month_anchor = None
        latest = None  # the latest day the article reports (its publication date is after it)
        last_event_end = None
        doc_groups: Counter = Counter()
        ag = ArticleGroups()
        persons: dict[str, str] = {}  # name tokens of people the article ties to a group ('Omar' -> IS Mozambique)
        # the groups the whole article names: 'Islamic State' of its first paragraph is the 'IS Mozambique' of its
        # fourth (a digest's items are unrelated: each names its own)
        whole_named = (
            []
            if doc.kind == "digest"
            else [resolve_actor(g.raw).actor for g in _actors(text, doc.start, doc.end) if not g.is_state]
        )
        ag.extra = whole_named
        title_groups = [resolve_actor(g.raw).actor for g in _actors(text, doc.start, doc.title_end) if not g.is_state]
        for g in title_groups:
            ag.add(g)
        item_country = _heading_country(text[doc.start : doc.title_end])
        title_place = next(
            (p for p in find_places(text, doc.start, doc.title_end) if p.kind in ("town", "province")), None
        )
        doc_country = next(
            (p.country for p in find_places(text, doc.start, doc.title_end) if p.kind == "country"), None
        )
        item_start = doc.start
        claimer = None  # the group of the last claim: 'the group' of a later sentence
        last_subject = None  # the group that opened the last sentence: 'It' of the next one
        excluded = byline_spans(text, doc.start, doc.end)
        pos = doc.title_end
        skipped.append(Skip("title or heading", text[doc.start : doc.title_end], doc.start, doc.title_end))
        for line in re.finditer(r"[^\n]+", text[pos : doc.end]):
            ls, le = pos + line.start(), pos + line.end()
            body = text[ls:le].strip()
            if (
                not body
                or body.startswith("#")
                or re.match(r"(?i)source link\b", body)
                or any(a <= ls < b for a, b in excluded)
            ):
                continue
            if not re.search(r"[.!?\"”’)]\s*$", body) or body.endswith("?"):
                bs = ls + (len(text[ls:le]) - len(text[ls:le].lstrip()))
                if doc.kind == "digest" and not body.endswith("?"):
                    # a digest item starts: its own groups and country ('Somalia: army says ...')
                    ag, doc_groups, claimer, last_subject = ArticleGroups(), Counter(), None, None
                    ag.extra = []
                    item_country = _heading_country(body)
                    item_start = bs
                    anchor = doc.published
                hg = [g for g in _actors(text, bs, bs + len(body)) if not g.is_state]
                for g in hg:
                    ag.add(resolve_actor(g.raw).actor)
                if hg and body.endswith("?"):
                    ag.last_subject = resolve_actor(hg[0].raw).actor  # 'Is ISKP getting stronger?': the answer's 'it'
                    ag.last_opener = "group"
                elif (
                    body.endswith("?")
                    and title_groups
                    and re.search(r"\bthe group\b|\bthe organi[sz]ation\b", body, re.I)
                ):
                    ag.last_subject = title_groups[0]  # 'Is the group finished?': the group of the article's title
                    ag.last_opener = "group"
                skipped.append(Skip("question" if body.endswith("?") else "title or heading", body, bs, bs + len(body)))
                continue
            dl = dateline_end(text, ls, le)
            for s, e, full in _clauses(text, sentences(text, ls, le)):
                sent = text[s:e]
                whole = text[full[0] : full[1]]
                wm = _WHEN_HISTORY.search(sent)
                fs = s + wm.end() if wm else s  # 'came in October 2022, when two car bombs exploded': the when-clause
                mentions = _actors(text, fs, e)
                groups = _specific_first([m for m in mentions if not m.is_state], when=None)
                for g in groups:
                    doc_groups[resolve_actor(g.raw).actor] += 1
                    ag.add(resolve_actor(g.raw).actor)
                if groups:
                    if groups[0].start - full[0] < 25 and full[0] == s:
                        last_subject = groups[0].raw
                        ag.last_subject = resolve_actor(groups[0].raw).actor
                        ag.last_opener = "group"
                for pm in _PERSON_OF.finditer(text, s, e):
                    # 'Bonomade Machude Omar, the most senior commander of the Islamic State's Mozambique branch'
                    g = next((x for x in groups if pm.end() <= x.start <= pm.end() + 12), None)
                    if g is not None:
                        for tok in pm.group(1).split():
                            if len(tok) > 3:
                                persons[tok] = resolve_actor(g.raw).actor
                st0 = [m for m in mentions if m.is_state]
                if (
                    st0
                    and st0[0].start - full[0] < 25
                    and full[0] == s
                    and not (groups and groups[0].start < st0[0].start)
                ):
                    ag.last_state, ag.last_opener = st0[0], "state"
                claim = _CLAIM_OF_PREVIOUS.search(sent)
                if claim and (
                    _event_pos(sent[: claim.start()]) < claim.start()
                    or (
                        _date_marks(text, s, s + claim.start())
                        and re.search(
                            r"\b(?:kill|wound|injur|hit|struck|attack|bomb|explod)\w*", sent[: claim.start()], re.I
                        )
                    )
                ):
                    claim = None  # 'a drone struck ..., and the group claimed it': an act of its own
                if claim and groups and not _NO_CLAIM.search(sent):
                    claimer = groups[0].raw
                if (
                    claim
                    and events
                    and events[-1]["evidences"][0]["document"] == doc.title[:120]
                    and events[-1]["evidence"]["start"] >= item_start
                    and not _own_casualties(sent)
                ):
                    prev = events[-1]
                    if groups and prev["actor"] == "unknown" and not _NO_CLAIM.search(sent):
                        prev["actor_raw"] = groups[0].raw
                        prev["actor"] = _actor(groups[0].raw, date.fromisoformat(prev["event_date"])).actor
                        if prev["counterpart"] == prev["actor"]:
                            prev["counterpart"] = None
                        narrow = specialize(prev["actor"], prev["country"] or None, ag.named() + ag.extra)
                        if narrow:  # 'The al Qaeda-linked group claimed ...' after an attack in Somalia
                            prev["actor"] = _actor(narrow, date.fromisoformat(prev["event_date"])).actor
                        prev["confidence_reason"] = "; ".join(
                            filter(None, [prev["confidence_reason"], "actor from the claim that follows"])
                        )
                    if not _NO_CLAIM.search(sent):
                        prev["attribution"] = "claimed"
                    skipped.append(Skip("claim of the previous event", sent, s, e))
                    continue
                if (
                    _WHERE_IT_HAPPENED.search(sent)
                    and events
                    and events[-1]["evidences"][0]["document"] == doc.title[:120]
                    and not events[-1]["province"]
                    and last_event_end is not None
                    and 0 <= s - last_event_end
                    and "\n" not in text[last_event_end:s]
                ):
                    prev = events[-1]
                    pl = [p for p in find_places(text, s, e, prev["country"] or None) if p.kind in ("town", "province")]
                    if pl and (not prev["country"] or canonical_country(pl[0].country) == prev["country"]):
                        prev["country"] = canonical_country(pl[0].country) or prev["country"]
                        prev["province"] = canonical_province(pl[0].country, pl[0].province_raw)
                        prev["province_raw"] = pl[0].province_raw
                        prev["location"] = pl[0].name
                        prev["evidences"].append(
                            {"sentence": sent, "start": s, "end": e, "document": prev["evidences"][0]["document"]}
                        )
                        skipped.append(Skip("place of the previous event", sent, s, e))
                        last_event_end = e
                        continue
                pcs = _period_counts(
                    text, s, e, doc, groups or ([] if last_subject is None else None), last_subject, mentions
                )
                if pcs:
                    periods.extend(pcs)
                    skipped.append(Skip("period count", sent, s, e))
                    continue
                if _COUNT.search(sent):
                    skipped.append(Skip("count over a period", sent, s, e))
                    continue
                tsent = text[fs:e]
                lead = _WHEN_LEAD.match(tsent)
                tsent = tsent[lead.end() :] if lead else tsent  # 'When the Taliban seized Kabul ..., they executed'
                etype = event_type(tsent) or _press_type(tsent) or event_type(tsent, by_state=True)
                if etype is None:
                    skipped.append(Skip("no violent act", sent, s, e))
                    continue
                why = non_event_reason(sent, has_group=bool(groups))
                if why == "hedged or planned" and _FUTURE_IN_PAST.match(sent) and _PAREN_DATE.search(sent):
                    why = None
                if why:
                    skipped.append(Skip(why, sent, s, e))
                    continue
                got = _date_for(text, s, e, doc, anchor, dl if dl and s <= dl <= e else None, month_anchor, latest)
                if (
                    got is None
                    and events
                    and last_event_end is not None
                    and 0 <= s - last_event_end <= 3
                    and _follow_up(events[-1], text, s, e, etype)
                ):
                    skipped.append(Skip("details of the previous event", sent, s, e))
                    last_event_end = e
                    continue
                if got in (None, "after") and (old := _retold(events, doc, sent)) is not None:
                    # 'Nearly three weeks after a suicide bomber struck ... in western Kabul, killing at least 16':
                    # an earlier article's event, retold undated; 'eight days later' counts from it
                    anchor = date.fromisoformat(old["event_date"])
                    old["evidences"].append({"sentence": sent, "start": s, "end": e, "document": doc.title[:120]})
                    skipped.append(Skip("retold (duplicate of an earlier article's event)", sent, s, e))
                    continue
                if got == "after":
                    skipped.append(Skip("date after the publication date", sent, s, e))
                    continue
                if got is None:
                    skipped.append(Skip("no day or month (a bare year is not enough)", sent, s, e))
                    continue
                when, precision, how = got
                if precision == "day" and (latest is None or when > latest):
                    latest = when
                if precision == "day":
                    anchor = when
                month_anchor = when
                state = [m for m in mentions if m.is_state]
                act_at = fs + _event_pos(text[fs:e])
                by_state = (
                    bool(state)
                    and (not groups or state[0].start < groups[0].start)
                    and (
                        state[0].start < act_at
                        or re.search(r"\bby\s+(?:an?\s+|the\s+)?$", text[max(s, state[0].start - 8) : state[0].start])
                        or re.match(
                            r"^\W*(?:In|During)\s+an?\s+(?:[\w-]+\s+)?(?:raid|operation)\b[^.;]*,\s*$",
                            text[fs : state[0].start],
                        )
                    )
                )
                governing = bool(
                    groups
                    and re.match(
                        r"\s+(?:security|intelligence|special)?\s*(?:forces|police|intelligence|security)\b",
                        text[groups[0].end : groups[0].end + 25],
                    )
                )  # 'Taliban security forces raided a hideout': a governing group's forces act as a state's
                etype = (
                    event_type(_act_clause(tsent), by_state=by_state or governing)
                    or event_type(tsent, by_state=by_state or governing)
                    or _press_type(tsent)
                    or (etype if etype != "arrest/raid" or by_state else None)
                )
                if etype is None:
                    skipped.append(Skip("no violent act", sent, s, e))
                    continue
                im = _IN_AN.search(tsent)
                if etype == "attack" and not by_state and im:
                    # 'militants killed four soldiers in an ambush near ...': the act's own kind
                    etype = event_type(im.group(), by_state=False) or _press_type(im.group()) or etype
                if re.search(r"\bsuicide (?:bomber|attack|bombing|car bomb)", tsent, re.I) and etype in (
                    "attack",
                    "shooting",
                    "IED",
                ):
                    etype = "suicide attack"
                if (
                    etype == "arrest/raid"
                    and _press_type(tsent) == "attack"
                    and not re.search(r"\barrest|\bdetain|\bapprehend", tsent, re.I)
                    and not _TARGETED_PERSON.search(tsent)
                ):
                    etype = "attack"  # forces that capture a town fight for it
                if (
                    etype == "shooting"
                    and not re.search(
                        r"\bopened fire|\bshot\b|\bshooting|\bgunfire|\bsnipers?\b|\bfired\b|\bguns?\b", tsent, re.I
                    )
                    and re.search(
                        r"\b(?:in|during)\s+an?\s+(?:[\w-]+\s+)?(?:attack|raid|assault)\s+on\b"
                        r"|\bgunmen\s+(?:stormed|attacked|raided|overran|seized)\b",
                        tsent,
                        re.I,
                    )
                ):
                    etype = "attack"  # 'gunmen killed 11 ... in an attack on a village': the perpetrator, not the act
                if _press_type(tsent) == "IED" and etype in ("attack", "shooting"):
                    etype = "IED"
                if by_state and etype in ("attack", "shooting") and _TARGETED_PERSON.search(tsent):
                    etype = "arrest/raid"  # forces killing or capturing a named leader: a counter-terrorism raid
                if etype == "attack" and _press_type(sent) == "IED":
                    etype = "IED"
                if by_state and re.search(r"\boperations?\b", sent, re.I) and etype in ("attack", "shooting"):
                    etype = "arrest/raid"
                reason = []
                ps = dl if dl and s <= dl <= e else fs
                places = [
                    p
                    for p in find_places(
                        text, ps, e, _place_hint(text, ps, e, (home.country if home else None) or item_country)
                    )
                    + _taken_towns(text, ps, e)
                    if not any(m.start <= p.start < m.end for m in mentions) and not _not_a_place(text, p)
                ]
                places.sort(key=lambda p: p.start)
                towns = [p for p in places if p.kind in ("town", "province")]
                provs = [p for p in towns if p.kind == "province"]
                if (
                    provs
                    and towns[0].kind == "town"
                    and canonical_province(towns[0].country, towns[0].province_raw)
                    != canonical_province(provs[0].country, provs[0].province_raw)
                ):
                    towns = provs + towns  # 'near Koutougou in the Tillaberi region': the stated province wins
                country = towns[0].country if towns else next((p.country for p in places if p.kind == "country"), None)
                if country is None:
                    for adj, c in COUNTRY_ADJ.items():
                        if re.search(rf"\b{adj}\b", sent, re.I) and c not in ("United States",):
                            country = c
                            break
                named = [
                    canonical_country(p.country)
                    for p in places
                    if p.kind == "country"
                    and re.search(r"\bin\s+(?:neighbou?ring\s+)?$", text[max(s, p.start - 20) : p.start], re.I)
                ]
                if towns and named and canonical_country(towns[0].country) not in named:
                    from .places import town_candidates

                    alt = town_candidates(towns[0].name, named[0])
                    towns = []
                    country = named[0]
                    if alt:
                        country = alt[0].country
                        towns = [
                            replace(
                                places[0],
                                name=alt[0].name,
                                country=alt[0].country,
                                province_raw=alt[0].province,
                                kind="town",
                            )
                        ]
                province_raw = towns[0].province_raw if towns else None
                if towns and towns[0].kind == "town":
                    around = _SURROUNDING.get(
                        (canonical_country(towns[0].country), key_of(towns[0].province_raw or ""))
                    )
                    if around and re.search(
                        r"\b(?:outskirts of|outside|near|suburbs? of|region around)\s+(?:the\s+(?:city|capital)\s+of\s+)?$",
                        text[max(s, towns[0].start - 40) : towns[0].start],
                        re.I,
                    ):
                        province_raw = around  # 'in the outskirts of Moscow': the oblast around the federal city
                pr = _named_province(
                    text[fs:e], country or item_country or doc_country or (home.country if home else None)
                )
                if pr is None and doc_country and canonical_country(country) != canonical_country(doc_country):
                    pr = _named_province(text[fs:e], doc_country)
                    if pr:  # 'Adan Yabaal in Middle Shabelle' in an article about Somalia: not Aden, Yemen
                        country = doc_country
                if pr and (province_raw is None or canonical_province(country, province_raw) != pr):
                    province_raw = pr  # 'at Buulo Mareer in Lower Shabelle': the stated province wins over the town's
                    country = country or item_country or doc_country or (home.country if home else None)
                if not towns and home and country is None:
                    country, province_raw = home.country, home.province
                    reason.append("place from the dateline")
                if not places and country is None and title_place is not None:
                    country, province_raw = title_place.country, title_place.province_raw
                    reason.append("place from the title")
                if by_state and (etype in STATE_TYPES or etype == "attack"):
                    sc = state[0].country or country or item_country or (home.country if home else None)
                    actor_raw = (
                        state[0].label or f"Government of {canonical_country(sc)}"
                        if sc or state[0].label
                        else state[0].raw
                    )
                    counterpart = resolve_actor(groups[0].raw, when).actor if groups else (ag.resolve(country) or None)
                elif (
                    groups
                    and not (
                        groups[0].start > act_at
                        and not re.search(
                            r"\bby\s+(?:the\s+)?(?:(?:[\w-]+\s+){0,2}(?:from|of|linked to|loyal to)\s+(?:the\s+)?)?$",
                            text[max(s, groups[0].start - 40) : groups[0].start],
                        )  # by militants from IS
                        # 'A suicide bomber and several al-Shabaab gunmen stormed': the group is in the subject
                        and not (
                            re.fullmatch(r"[^,;]{0,60}\s(?:and|with)\s[^,;]{0,25}", text[act_at : groups[0].start])
                            and re.match(
                                r"\s+(?:gunmen|fighters|militants|insurgents|members|bombers|attackers)\b",
                                text[groups[0].end : groups[0].end + 12],
                            )
                        )
                    )
                ):
                    actor_raw, counterpart = groups[0].raw, None
                else:
                    nxt = text[e : e + 300]
                    bl = _BLAMED.search(nxt)
                    later = find_actors(text, e + bl.end(), e + bl.end() + 80) if bl else []
                    if later and not later[0].is_state:
                        actor_raw, counterpart = later[0].raw, None
                        reason.append("actor from the next sentence")
                    elif (ref := unnamed_agent(_act_clause(sent), _event_pos(sent))) == "pronoun" and (
                        ag.last_opener == "state" and ag.last_state is not None
                    ):
                        st = ag.last_state
                        sc = st.country or country or item_country
                        actor_raw = st.label or (f"Government of {canonical_country(sc)}" if sc else st.raw)
                        counterpart = resolve_actor(groups[0].raw, when).actor if groups else ag.resolve(country)
                        reason.append("actor from an earlier sentence")
                        if etype in ("attack", "shooting", "kidnapping"):
                            etype = "arrest/raid"
                    elif (
                        (ref or re.search(r"\b(?:the group|it|they)\s+(?:later\s+)?claimed\b", sent))
                        and not _PASSIVE_ACT.search(text[s:act_at])
                        and (
                            coref := ag.resolve(
                                canonical_country(country) or item_country,
                                pronoun=ref == "pronoun",
                                exclude={resolve_actor(g.raw).actor for g in groups},
                            )
                        )
                    ):
                        actor_raw = coref
                        counterpart = None
                        reason.append("actor from the group the article names")
                    elif (
                        etype in ("arrest/raid", "attack", "shooting")
                        and re.search(r"\b(?:in|during)\s+an?\s+(?:[\w-]+\s+)?raid\b", sent, re.I)
                        and ag.last_state is not None
                    ):
                        st = ag.last_state  # 'was killed in a raid': the force of the article's earlier raids
                        sc = st.country or country or item_country
                        actor_raw = st.label or (f"Government of {canonical_country(sc)}" if sc else st.raw)
                        counterpart = ag.resolve(country)
                        etype = "arrest/raid"
                        reason.append("actor from an earlier sentence")
                    elif (pm := re.match(r"^\W*([A-Z][\w'’-]+)", sent)) and pm.group(1) in persons:
                        actor_raw = persons[pm.group(1)]  # 'Omar ... was accused of leading the March 2021 assault'
                        counterpart = None
                        reason.append("actor from the group of the person named")
                    elif (_PRONOUN_SUBJECT.search(whole) or _BY_GROUP.search(sent)) and (claimer or doc_groups):
                        actor_raw = (
                            (last_subject if _PRONOUN_SUBJECT.search(whole) and last_subject else None)
                            or claimer
                            or doc_groups.most_common(1)[0][0]
                        )
                        counterpart = None
                        reason.append("actor from an earlier sentence")
                    else:
                        actor_raw, counterpart = "unknown", None
                    if groups and counterpart is None and actor_raw != groups[0].raw:
                        counterpart = resolve_actor(groups[0].raw, when).actor
                if etype == "arrest/raid" and actor_raw == "unknown" and counterpart is None:
                    if not _NAMED_ARRESTEE.search(tsent):
                        # 'officials said 35 suspects had been detained in several provinces': nobody named
                        skipped.append(Skip("arrest with no named force, group or person", sent, s, e))
                        continue
                    if UNNAMED.search(sent):
                        counterpart = ag.resolve(canonical_country(country) or item_country)
                am = _actor(actor_raw, when)
                narrow = specialize(am.actor, canonical_country(country) or item_country, ag.named() + ag.extra)
                if narrow:
                    am = _actor(narrow, when)
                    if narrow != actor_raw:
                        reason.append("affiliate from the article")
                clean = re.sub(r"(\d),(\d{3})", r"\1\2", D.DATE_RE.sub("DATE", sent))
                cas = casualties(clean)
                bounds = casualty_bounds(D.DATE_RE.sub("DATE", sent))
                kb = next((b for b in bounds if b.verb in ("killed", "dead", "died", "slain")), None)
                wb = next((b for b in bounds if b.verb in ("wounded", "injured")), None)
                k = kb.value if kb else (cas.killed.value if cas.killed else None)
                w = wb.value if wb else (cas.wounded.value if cas.wounded else None)
                ctx_window = text[max(doc.start, s - 200) : min(doc.end, e + 250)]
                attribution = (
                    "claimed"
                    if _CLAIMED.search(sent)
                    or re.search(r"\b(?:IS|ISIS|the group|JNIM|ISWAP|IS Sahel)\b[^.]{0,40}\bclaimed\b", ctx_window)
                    else "reported"
                )
                if how != "stated":
                    reason.append(f"date {how}".replace("date year from context", "year of the date from context"))
                if doc.published is None and how != "stated":
                    reason.append(
                        f"no publication date: year {doc.year} from the "
                        f"{'neighbouring articles' if doc.year_from == 'context' else 'article text'}"
                    )
                confidence = "high" if not reason else ("low" if len(reason) > 1 else "medium")
                ev = {
                    "event_id": _event_id(name, sent),
                    "event_date": when.isoformat(),
                    "date_precision": precision,
                    "actor": am.actor,
                    "actor_raw": actor_raw,
                    "counterpart": counterpart,
                    "country": canonical_country(country) or "",
                    "province": canonical_province(country, province_raw),
                    "province_raw": province_raw,
                    "location": towns[0].name if towns else None,
                    "event_type": etype,
                    "fatalities": k,
                    "fatalities_low": k
                    if kb is None or kb.qualifier in ("exact", "at least")
                    else (k + 1 if kb.qualifier == "more than" else None),
                    "fatalities_high": k
                    if kb is None or kb.qualifier == "exact"
                    else (k if kb.qualifier == "up to" else None),
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
                dup = _duplicate(events, ev)
                if dup is not None:
                    dup["evidences"].append(ev["evidences"][0])
                    skipped.append(Skip("retold (duplicate of an earlier article's event)", sent, s, e))
                    continue
                events.append(ev)
                last_event_end = e
    period = D.ReportPeriod(max((d.published for d in docs if d.published), default=None))
    from .tree import document

    return Extraction(events, periods, skipped, period, text, document(text))


_MORE_GROUPS = re.compile(
    r"\bIS(?:IS)?[- ]Sahel(?: Province)?\b|\bIslamic State(?:'s)? Sahel Province\b|\bISSP\b"
    r"|\bIS[- ]Khorasan\b|\bIS-K\b|\bISKP\b|\bIslamic State[- ]Khorasan(?: Province)?\b|\bTTP\b"
    r"|\bTehr(?:ee|i)k-[ie]-Taliban Pakistan\b|\bISWAP\b"
)


def _actors(text: str, s: int, e: int):
    """find_actors plus the affiliate spellings news prose uses ('IS Sahel', 'IS-Khorasan', 'TTP')."""
    from .actors import Mention

    base = find_actors(text, s, e)
    extra = [Mention(m.group(), m.start(), m.end(), False) for m in _MORE_GROUPS.finditer(text, s, e)]
    keep = [b for b in base if not any(x.start <= b.start < x.end or b.start <= x.start < b.end for x in extra)]
    return sorted(keep + extra, key=lambda m: m.start)


_GENERIC = {"Islamic State", "al-Qaida", "unknown"}  # parents: the affiliate named beside them wins


def _specific_first(groups, when=None):
    """Groups of a sentence, the affiliate before the parent ('Islamic State's regional affiliate, ISKP')."""
    if len(groups) < 2:
        return groups
    spec = [g for g in groups if resolve_actor(g.raw, when).actor not in _GENERIC]
    return spec + [g for g in groups if g not in spec] if spec else groups


def _period_counts(text: str, s: int, e: int, doc: Document, groups, last_subject, mentions) -> list:
    """Counts over a period in a sentence ('at least 35 attacks in the Menaka region between January 1 and March
    10', 'claimed 54 attacks in Khyber Pakhtunkhwa in February alone'), through the weekly-report count reader,
    with the article's publication date as the reference."""
    from .counts import COUNT_OBJ, PeriodCount, count_value, find_counts

    sent = text[s:e]
    ref = doc.published or (date(doc.year, 12, 31) if doc.year else None)
    found = find_counts(sent, D.ReportPeriod(ref), doc.year)
    out = []
    for m, rng, attribution in found:
        if m.re is COUNT_OBJ:
            continue  # 'attacked three police posts in October 2017': one attack on three targets, not a count
        n, qual = count_value(m)
        who = groups[0].raw if groups else (last_subject or "unknown")
        places = [p for p in find_places(text, s, e) if not any(x.start <= p.start < x.end for x in mentions)]
        towns = [p for p in places if p.kind in ("town", "province")]
        country = towns[0].country if towns else next((p.country for p in places if p.kind == "country"), None)
        prov = _named_province(sent, country) or (canonical_province(country, towns[0].province_raw) if towns else None)
        out.append(
            PeriodCount(
                _actor(who, rng[0]).actor if who != "unknown" else "unknown",
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


#: 'since Khorasani was arrested', 'detained Abu Omar': an arrest of a named person
_NAMED_ARRESTEE = re.compile(
    r"\b[A-Z][\w'’-]+\s+(?:was|were|had been|has been)\s+(?:\w+ly\s+)?(?:arrested|detained|captured|apprehended)\b"
    r"|\b(?:arrested|detained|captured|apprehended)\s+(?:[a-z-]+\s+){0,3}?(?:[A-Z][\w'’-]+\s+){1,3}"
)
#: 'Syrian sources said the raid took place in the town of Jandaris': where the previous event happened
_WHERE_IT_HAPPENED = re.compile(
    r"\bthe\s+(?:raid|attack|strike|operation|bombing|killing|assault|ambush)\s+(?:took place|happened|occurred"
    r"|was carried out)\s+(?:in|near|at)\b",
    re.I,
)
#: acts in news wording that the report rules do not name (see `_press_type`)
_PRESS_ACT = re.compile(
    r"\b(?:drones?|UAVs?)\s+(?:hit|struck|slammed into|crashed into)\b|\bbombings?\b|\bcar bombs?\b"
    r"|\b(?:captured|seized|overran|took control of|stormed|retook|recaptured)\b",
    re.I,
)
_WHEN_HISTORY = re.compile(
    r"\b(?:in|since|on|during)\s+(?:(?:early|mid|late)[- ])?(?:January|February|March|April|May|June|July|August"
    r"|September|October|November|December)\.?\s+(?:\d{1,2},?\s+)?(?:19|20)\d\d,?\s+when\s+"
)
#: '... since Khorasani was arrested in April 2020': a passive act, whose agent is not the sentence's subject
#: city-provinces and the province around them: '<outside|the outskirts of> Moscow' is Moscow Oblast
_SURROUNDING = {
    ("Russia", "moscow"): "Moscow Oblast",
    ("Russia", "saint petersburg"): "Leningrad Oblast",
    ("Russia", "st petersburg"): "Leningrad Oblast",
}
_PASSIVE_ACT = re.compile(r"\b(?:was|were|been|being|is|are)\s+(?:\w+ly\s+)?$", re.I)
_WHEN_LEAD = re.compile(r"^\W*(?:When|After|As)\b[^,]{5,160},\s+(?=\w)")
_TARGETED_PERSON = re.compile(
    r"\b(?:leader|commander|chief|emir|official|figures?|successor|spokesman|financier|head)\b"
    r"|\b(?:killed|captured|eliminated)\s+(?:[A-Z][\w'’-]+\s+){1,4}",
)


_PLACE_STOP = {"his", "her", "its", "their", "the", "this", "that", "these", "those", "when", "after", "then", "some"}
_PERSON_AFTER = re.compile(
    r"^['’]s\s+(?:successor|son|daughter|deputy|widow|brother|wife|father|death|killing|aide|men|followers|group)\b"
)


def _place_hint(text: str, s: int, e: int, hint: str | None) -> str | None:
    """The country hint for the places of text[s:e]: the dateline's or digest item's country, unless the sentence
    names another ('at a mosque in Peshawar, Pakistan' in a story datelined Kabul)."""
    named = {
        canonical_country(m.group(1))
        for m in re.finditer(
            r"(?:,\s+|\bin\s+(?:neighbou?ring\s+)?)([A-Z][\w ]{2,30}?)\b(?=[,.;]|\s+(?:on|in|and)\b)", text[s:e]
        )
        if m.group(1) in COUNTRIES_SET
    }
    if hint and named and canonical_country(hint) not in named:
        return next(iter(named)) if len(named) == 1 else None
    return hint


def _not_a_place(text: str, p) -> bool:
    """A 'town' that is a word or a person: 'His replacement', "al-Baghdadi's successor"."""
    if p.kind != "town":
        return False
    return p.name.lower() in _PLACE_STOP or bool(_PERSON_AFTER.match(text[p.end : p.end + 20]))


_TAKEN = re.compile(
    r"\b(?:seized|captured|overran|stormed|entered|retook|took|besieged)\s+([A-Z][\w'’-]+)\b"
    r"|\b(?:assault|attack|raid|offensive)s?\s+on\s+([A-Z][\w'’-]+)\b(?!['’]s)"
)


def _taken_towns(text: str, s: int, e: int) -> list:
    """Towns an act takes or targets ('the Taliban seized Kabul', 'the assault on Palma'), which the gazetteer
    reads only after 'in'/'near': a GeoNames town of 100,000+ people, or one our gazetteer or the UCDP events know."""
    from .places import Place, town_candidates

    out = []
    for m in _TAKEN.finditer(text, s, e):
        gi = 1 if m.group(1) else 2
        name = m.group(gi)
        if name in COUNTRIES_SET or name.lower() in _PLACE_STOP:
            continue
        c = [c for c in town_candidates(name) if (c.population or 0) >= 100_000 or c.source == "trends" or c.events]
        if c:
            out.append(Place(name, c[0].country, c[0].province, m.start(gi), m.end(gi), "town"))
    return out


def _press_type(sent: str) -> str | None:
    """Event words news prose uses that the report rules do not: 'twin bombings', 'car bombs exploded' (IED), 'a
    strike on a church', 'captured the town of ...' (attack), 'dropped a bomb on' (airstrike)."""
    if re.search(
        r"\bbombings?\b|\b(?:car|truck|roadside|sticky) bombs?\b|\bbombs?\s+(?:exploded|went off)\b"
        r"|\b(?:set off|planted|detonated|triggered)\s+(?:an?\s+)?(?:[\w-]+\s+)?(?:bomb|explosive)s?\b",
        sent,
        re.I,
    ):
        return "IED"
    if re.search(r"\b(?:drones?|UAVs?)\s+(?:hit|struck|slammed into|crashed into)\b", sent, re.I):
        return "drone strike"
    if re.search(r"\bdrop(?:ped|s)?\b[^.;]{0,60}\bbombs?\b[^.;]{0,60}\bon\b", sent, re.I):
        return "airstrike"
    if re.search(
        r"\b(?:captured|seized|overran|took control of|stormed|retook|recaptured|took back)\s+(?:the\s+)?(?:[\w-]+\s+){0,2}?"
        r"(?:town|city|village|port|base|district|outpost|prison|camp|barracks)\b"
        r"|\b(?:captured|seized|overran|took control of|retook|recaptured)\s+(?:[A-Z][\w'’-]+)",
        sent,
    ):
        return "attack"
    if re.search(r"\b(?:a|the)\s+(?:\w+\s+)?strike\s+on\b", sent, re.I):
        return "attack"
    return None


def _follow_up(prev: dict, text: str, s: int, e: int, etype: str) -> bool:
    """A dateless sentence right after an event sentence that gives its casualties ('Armed gunmen opened fire ...,
    killing at least 137 people and wounding nearly 200 others'): the numbers go to that event."""
    sent = text[s:e]
    if prev["fatalities"] is not None or prev["wounded"] is not None:
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


_PROVINCE_NAMED = re.compile(
    r"\b((?:[A-Z][\w'’-]+\s){0,2}[A-Z][\w'’-]+)\s+(?:region|province|state|governorate|county)\b"
)
_PROVINCE_BARE = re.compile(r"\bin\s+((?:[A-Z][\w-]+\s)?[A-Z][\w-]+)\b(?!['’]|\s+(?:district|town|city|village|camp))")


def _named_province(sent: str, country: str | None) -> str | None:
    """'in Cameroon's Far North region' -> the canonical province, when the ISO gazetteer knows it."""
    if not country:
        return None
    from .places import _normalizer

    g = _normalizer()
    for m in [*_PROVINCE_NAMED.finditer(sent), *_PROVINCE_BARE.finditer(sent)]:
        name = re.sub(r"^.*['’]s\s+", "", m.group(1))
        if g is not None:
            r = g.resolve(country, name)
            if r.matched:
                return r.province
    # 'in eastern Burkina Faso': the region named by that direction, where the country has one (Est, East, Nord)
    for m in re.finditer(
        r"\b(?:in|of)\s+(eastern|western|northern|southern)\s+([A-Z][\w ]+?)\b(?=[,.;]|\s+on\b|$)", sent
    ):
        if g is None or canonical_country(m.group(2)) != canonical_country(country):
            continue
        for name in _DIRECTION_REGIONS[m.group(1)]:
            r = g.resolve(country, name)
            if r.matched:
                return r.province
    return None


_DIRECTION_REGIONS = {
    "eastern": ("Est", "East"),
    "western": ("Ouest", "West"),
    "northern": ("Nord", "North"),
    "southern": ("Sud", "South"),
}


def _actor(raw: str, when):
    """resolve_actor, with the registry's long TTP spellings folded onto TTP."""
    am = resolve_actor(raw, when)
    return resolve_actor("TTP", when) if re.search(r"(?i)taliban pakistan", am.actor) else am


def _dateline_place(text: str, doc: Document):
    """The best town candidate of the article's dateline city ('KABUL, March 3 (Reuters) -', 'PESHAWAR:')."""
    from .places import town_candidates

    head = text[doc.title_end : min(doc.end, doc.title_end + 400)]
    m = re.search(r"^\s*([A-Z][A-Z .'-]{2,30}?)(?:,\s+[A-Z][a-z]+\.? \d|\s*:)", head, re.M)
    if not m:
        return None
    cands = town_candidates(m.group(1).strip().title())
    return cands[0] if cands else None


def _retold(events: list[dict], doc: Document, sent: str) -> dict | None:
    """An earlier article's day-dated event that an undated sentence retells: its town and its toll both named."""
    for old in reversed(events):
        if old["evidences"][0]["document"] == doc.title[:120] or old["date_precision"] != "day":
            continue
        if (
            old.get("location")
            and re.search(rf"\b{re.escape(old['location'])}\b", sent)
            and old.get("fatalities") is not None
            and re.search(rf"\b{old['fatalities']}\b", sent)
        ):
            return old
    return None


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
        actors = {old["actor"], ev["actor"]}
        if (
            same_date
            and (len(actors) == 1 or "unknown" in actors)
            and (old["province"] == ev["province"] or not old["province"] or not ev["province"])
            and (
                old["event_type"] == ev["event_type"]
                or {old["event_type"], ev["event_type"]}
                <= {"attack", "shooting", "ambush", "kidnapping", "suicide attack", "IED"}
            )
        ):
            return old
    return None


def looks_like_press(text: str) -> bool:
    """True for pasted news: 'Source link' lines, a digest title, or a news-agency dateline ('KABUL, March 3
    (Reuters) -'). A 'Published ...' line alone is not enough (weekly reports print one too)."""
    return bool(
        re.search(r"(?im)^\s*Source link\b", text)
        or re.search(r"(?im)^\s*(?:Morning|Evening|Daily)\s+Digest\b", text)
        or re.search(r"(?m)^\s*[A-Z][A-Z .'-]{2,40},\s+\w+\.?\s+\d{1,2}\s+\((?:Reuters|AFP|AP)\)", text[:3000])
    )
