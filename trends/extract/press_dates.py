"""The date of a press sentence (stated, month-only, relative to the publication date) and its cut into dated clauses."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from . import dates as D
from .dates import MONTH_NAMES, WEEKDAY_NAMES
from .documents import Document, dateline_end
from .press_acts import _event_pos, _press_type
from .relative import ACT_NAMED, find_relative

_MONTH_NOUN = re.compile(rf"\b(?:the|a|an|last|this)\s+(?P<mon>{MONTH_NAMES})\s+(?!\d)(?P<noun>[a-z][\w-]+)")
_SAME_MONTH = re.compile(r"\bin the same month\b|\bthat same month\b|\bthe same month\b", re.I)
_DATE_MARK = re.compile(
    rf"\b(?:on|in|since|by|during)\s+(?:the\s+)?(?:same\s+month|(?:early|mid|late)[- ]?)?\s*"
    rf"(?:{MONTH_NAMES}|{WEEKDAY_NAMES})?\b(?=[^,;]{{0,12}}(?:\d|\w))"
    rf"|\bthe\s+(?:{MONTH_NAMES})\s+[a-z]|\bin the same month\b"
)
#: 'The killings came two days after troops arrested ...', 'The assault came less than three weeks after JNIM
#: fighters drove ...': the act told is the one after 'after'
_CAME_AFTER = re.compile(
    r"^\W*(?:The|This|That|It|These)\b[^,;]{0,40}?\b(?:came|happened|occurred|followed)\s+(?:[\w-]+\s+){0,5}?after\s+"
)
_SPLIT = re.compile(r",\s+(?:and\s+)?(?=(?:a|an|the|another|then)\s)|\s+and\s+(?=(?:a|an|another)\s)|;\s+")
#: a noun phrase that names the act just told and says who claimed or blamed it
_RESUMPTIVE = re.compile(
    r"(?:an?|the)\s+(?:[\w-]+\s+){0,2}?(?:attack|bombing|assault|strike|massacre|operation|raid|ambush)\s+"
    r"(?:that\s+|which\s+)?(?:the\s+group|it|they|IS|ISIS|[A-Z][\w-]+)\s+(?:\w+\s+){0,2}?(?:claimed|blamed|denied)\b"
)
#: '..., a local official said, the third shelling of the town since April 24': the act just told, counted
_ORDINAL_APPOSITION = re.compile(
    r"(?:the|its|their)\s+(?:[\w-]+\s+)?(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth"
    r"|\d+(?:st|nd|rd|th)|latest|last|deadliest|worst)\s+(?:such\s+)?(?:[\w-]+\s+)?(?:attacks?|shelling|bombing"
    r"|strike|raid|ambush|assault|incident|massacre|killing)\b",
    re.I,
)
_WHEN_AFTER = re.compile(r",?\s+when\b")
_THE_SAME = re.compile(r"\b(?:the|that)\s+same\s+(?:day|night|evening|morning|afternoon)\b", re.I)
_STRONG_SPLIT = re.compile(
    r";\s+(?:and\s+)?|,\s+and\s+(?=(?:on|in|at|the|a|an)\b|[A-Z]|[\w-]+\s+(?:days?|weeks?)\s+later\b)"
)
_COMMA_DAY = re.compile(
    r"\b(?P<mon>Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec|January|February|March|April|June|July|August"
    r"|September|October|November|December)\.?,\s+(?P<day>[0-3]?\d)\b(?!,?\s*(?:19|20)\d\d)(?!\d)"
)
_MONTH_THAT_YEAR = re.compile(
    rf"\b(?P<mon>{MONTH_NAMES})\s+(?:of\s+)?(?:that|the\s+same|the\s+(?P<rel>following|next|previous))\s+year\b"
)
_PAREN = re.compile(r"\(([^()]{20,300})\)")
_PAREN_DATE = re.compile(rf"\b(?:{MONTH_NAMES})\s+(?:\d{{1,2}},?\s+)?(?:19|20)\d\d\b")


def _date_marks(text: str, s: int, e: int) -> list[int]:
    """Where a sentence states dates (days, months with or without year, weekdays, 'the January bombings')."""
    marks = [d.start for d in D.find_dates(text, s, e) if not _cited(text, d.start, d.end)]
    marks += [m.start() for m in D.MONTH_ONLY_RE.finditer(text, s, e) if not any(abs(m.start() - x) < 3 for x in marks)]
    marks += [m.start() for m in _MONTH_NOUN.finditer(text, s, e)]
    marks += [m.start() for m in _SAME_MONTH.finditer(text, s, e)]
    marks += [m.start() for m in _COMMA_DAY.finditer(text, s, e)]
    marks += [
        r.start
        for r in find_relative(text, s, e, date(2000, 1, 1), date(2000, 1, 1))
        if r.kind not in ("month", "same day")  # '..., and the group claimed it hours later': no list item
    ]
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
        # the day a statement came out ('..., al-Barnawi said in an audio message released on Sunday') is no act's
        marks = [m for m in _date_marks(text, s, e) if (dl is None or m >= dl) and not _said(text, s, m)]
        # '; and a sniper killed a soldier ... the same day': a date of its own only behind a strong break
        strong = sorted(
            set(marks) | {m.start() for m in _THE_SAME.finditer(text, s, e) if dl is None or m.start() >= dl}
        )
        cuts = []
        for a, b in zip(marks, marks[1:]):
            # a list item names its own act right after the cut ('..., a strike on a church in Istanbul in the same
            # month'); an apposition does not ('..., the army's main base some 15 km outside Bamako, last month')
            seps = [
                m
                # the cut may end where the next date begins ('..., and a day later two chiefs were abducted')
                for m in _SPLIT.finditer(text, a, e)
                # '..., an attack the group claimed the following day': the act told before, named again
                if m.start() < b
                and not _RESUMPTIVE.match(text, m.end())
                and not _ORDINAL_APPOSITION.match(text, m.end())
                and (
                    text[m.end() : m.end() + 5].lower() == "then "
                    or _event_pos(item := text[m.end() : m.end() + 60].split(",")[0]) < len(item)
                    or _press_type(item)
                )
            ]
            if seps:
                cuts.append(seps[-1])
        for a, b in zip(strong, strong[1:]):
            if any(a <= c.start() < b for c in cuts):
                continue
            # '... on Saturday; in Benghazi, a car bomb killed three LNA soldiers ... the same day', '..., and
            # on January 5, 2020, the group's fighters attacked ...': a strong break between two clauses that each
            # tell an act of their own
            prev = max((c.end() for c in cuts if c.end() <= a), default=s)
            nxt = min((c.start() for c in cuts if c.start() > b), default=e)
            seps = [
                m
                for m in _STRONG_SPLIT.finditer(text, a, e)
                if m.start() < b and _has_act(text[prev : m.start()]) and _has_act(text[m.end() : nxt])
            ]
            if seps:
                cuts.append(seps[-1])
        cuts += _after_lead_cut(text, s, e, marks, cuts)
        cuts.sort(key=lambda m: m.start())
        if not cuts:
            yield s, e, (s, e)
            continue
        start = s
        for m in cuts:
            yield start, m.start(), (s, e)
            start = m.end()
        yield start, e, (s, e)


_AFTER_LEAD = re.compile(r"\W*After\s+(?:the|a|an|its|their)\s")
_MAIN_CLAUSE = re.compile(r",\s+(?=(?:the\s+)?[A-Z]|the\s)")


def _after_lead_cut(text: str, s: int, e: int, marks: list[int], cuts: list) -> list:
    """'After the February 14, 2019 suicide bombing in Pulwama, claimed by Jaish-e-Mohammed, which killed 40
    policemen, Indian jets struck Balakot twelve days later': a dated act in the lead and the main clause's act
    dated from it; the cut is the last comma before the main clause's subject."""
    if cuts or not _AFTER_LEAD.match(text, s):
        return []
    later = [r.start for r in find_relative(text, s, e, None, date(2000, 1, 1), kinds=("later", "next day"))]
    for a, b in zip(marks, marks[1:]):
        if b not in later:
            continue
        seps = [
            m
            for m in _MAIN_CLAUSE.finditer(text, a, b)
            if _has_act(text[m.end() : e]) and _has_act(text[s : m.start()])
        ]
        if seps:
            return [seps[-1]]
    return []


#: a source's citation after the act: '(Amaq, May 10, 2025)', '(Reuters, Aug. 15, 2018)'
_CITATION_BEFORE = re.compile(r"\(\s*(?:[A-Z][\w'’&.-]*(?:\s+[A-Z][\w'’&.-]*){0,3}\s*,\s*)$")


def _cited(text: str, start: int, end: int) -> bool:
    """True for a date that is a source's citation ('(Amaq, May 10, 2025)'): the day the source spoke, a date
    only when the sentence gives no other."""
    return bool(_CITATION_BEFORE.search(text[max(0, start - 40) : start])) and text[end : end + 2].lstrip()[:1] == ")"


def _has_act(clause: str) -> bool:
    return _event_pos(clause) < len(clause) or bool(_press_type(clause))


_SAID_ON = re.compile(
    r"\b(?:said|says|announced|claimed(?:\s+responsibility)?|reported|confirmed|told(?:\s+\w+){0,2}?)(?:\s+in\s+an?\s+\w+)?\s+$"
    # 'in an audio message released on Sunday', 'a statement carried by Amaq on Wednesday': the day a statement
    # came out
    r"|\b(?:statement|message|video|recording|communiqu[eé]|post)\s+(?:was\s+)?(?:released|published|posted|issued"
    r"|carried|aired|broadcast)(?:\s+by\s+[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,2})?\s+$"
    # 'the death toll rose to 100 on Thursday': the day a toll was counted, not the act's
    r"|\btoll\s+(?:had\s+)?(?:rose|risen|climbed|jumped|increased|reached|stood)\s+(?:to\s+|at\s+)?"
    r"(?:more\s+than\s+|at\s+least\s+|over\s+|nearly\s+)?\d[\d,]*(?:\s+(?:people|dead|deaths))?\s+$",
    re.I,
)


def _said_day(text: str, s: int, e: int, published: date | None) -> date | None:
    """The weekday of a statement the sentence reports ('..., the GDI said on Saturday that ...'), or None."""
    for r in find_relative(text, s, e, published, None, kinds=("weekday",)):
        if _SAID_ON.search(text[max(s, r.start - 40) : r.start]) and re.match(r"\s+that\b", text[r.end : r.end + 6]):
            return r.value
    return None


def _said(text: str, s: int, at: int) -> int:
    """A large distance for the date of a statement ('Islamic State said on Monday its fighters had captured
    Palma, after an assault that began on Wednesday'): the act's own date wins when the sentence gives one."""
    return 10_000 if _SAID_ON.search(text[max(s, at - 40) : at]) else 0


#: a participle aside after the subject ('Rwandan forces, deployed in July 2021 at ...'s invitation, recaptured ...')
_PARTICIPLE_ASIDE = re.compile(r",\s+(?:[a-z]+ed|sent|led|known|born|built|held|set\s+up)\b[^,;()]{0,120},")


def _aside(text: str, s: int, act: int, at: int) -> int:
    """A large distance for a date inside a participle aside before the act: the aside's own time, not the act's."""
    return 1_000 if any(m.start() < at < m.end() <= act for m in _PARTICIPLE_ASIDE.finditer(text, s, act)) else 0


def _counted_from_the_sentence(text: str, s: int, rels: list, anchor: date | None, ref, year) -> list:
    """'after Wednesday's siege, which came five days after gunmen killed 129 people': N days before the day the
    sentence gave just before ('Wednesday's'), not before the last day the article told."""
    if anchor is None:
        return rels
    out = []
    for r in rels:
        if r.kind == "before":
            told = [x.value for x in rels if x.end <= r.start and x.precision == "day" and x.kind == "weekday"]
            told += [v for d in D.find_dates(text, s, r.start) if (v := D.resolve(d, ref, year)) is not None]
            if told:
                r = replace(r, value=told[-1] - (anchor - r.value))
        out.append(r)
    return out


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
        if re.search(r"\bsince\s+$", text[max(s, d.start - 7) : d.start]) and not _WHEN_AFTER.match(text, d.end):
            continue  # 'since March 3' opens a span; 'since January 30, when a bomber killed ...' dates an act
        when = D.resolve(d, ref, doc.year)
        if when is not None:
            cands.append(
                (
                    abs(d.start - act)
                    + _said(text, s, d.start)
                    + (5_000 if _cited(text, d.start, d.end) else 0)
                    + _aside(text, s, act, d.start),
                    when,
                    "day",
                    "stated" if d.year else "year from context",
                )
            )
    for m in D.MONTH_ONLY_RE.finditer(text, zs, e):
        if any(c for c in D.find_dates(text, m.start(), m.end())):
            continue
        if re.search(
            r"\bsince\s+(?:the\s+)?(?:early|mid|late)?[- ]?$", text[max(s, m.start() - 12) : m.start()]
        ) and not re.match(r",?\s+when\b", text[m.end() : m.end() + 8]):
            continue
        cands.append(
            (
                abs(m.start() - act) + _aside(text, s, act, m.start()),
                date(int(m["year"]), D.MONTHS[m["mon"].lower().rstrip(".")], 1),
                "month",
                "stated",
            )
        )
    for m in _MONTH_NOUN.finditer(text, zs, e):
        mon = D.MONTHS[m["mon"].lower()]
        if ref is None:
            continue
        y = ref.year - (mon > ref.month)
        cands.append((abs(m.start() - act), date(y, mon, 1), "month", "year from context"))
    said = _said_day(text, zs, e, doc.published)
    # 'The GDI said on Saturday that its forces had killed two ISKP members ... the previous night': counted from
    # the statement's day
    rels = find_relative(text, zs, e, doc.published, said or anchor)
    rels = _counted_from_the_sentence(text, zs, rels, said or anchor, ref, doc.year)
    for m in _MONTH_THAT_YEAR.finditer(text, zs, e):
        # 'deployed in July 2021, ... recaptured the town in August that year': the year the sentence stated before
        years = re.findall(r"\b(?:19|20)\d\d\b", text[s : m.start()])
        base = int(years[-1]) if years else (month_anchor.year if month_anchor else None)
        if base is None:
            continue
        y = base + {"following": 1, "next": 1, "previous": -1}.get(m["rel"], 0)
        rels = [r for r in rels if not (r.start < m.end() and m.start() < r.end)]
        cands.append((abs(m.start() - act), date(y, D.MONTHS[m["mon"].lower()], 1), "month", "year from the sentence"))
    if doc.published is None and latest is not None:
        # no publication date: the article was written after the latest day it reports, so 'in October', 'a year
        # ago' and 'last month' (month precision, coarser than that estimate's few days) resolve against it
        taken = [(r.start, r.end) for r in rels]
        rels += [
            r
            for r in find_relative(text, zs, e, latest, None)
            if r.kind in ("month", "year ago", "last month", "this month")
            and not any(a < r.end and r.start < b for a, b in taken)
        ]
    for m in _COMMA_DAY.finditer(text, zs, e):  # 'On Feb, 10,' (a typo of 'Feb. 10')
        if doc.year and not any(d.start <= m.start() < d.end for d in D.find_dates(text, m.start(), m.end())):
            try:
                when = date(doc.year, D.MONTHS[m["mon"].lower().rstrip(".")], int(m["day"]))
            except (ValueError, KeyError):
                continue
            cands.append((abs(m.start() - act), when, "day", "year from context"))
    for r in rels:
        if (
            r.kind == "month"
            and text[r.start : r.start + 5].lower().startswith("since")
            and not _WHEN_AFTER.match(text, r.end)
        ):
            continue
        if r.kind == "before" and any(d.start >= r.end for d in D.find_dates(text, r.end, e)):
            # 'The assault came two weeks after a truck bomb ... on October 14 killed 358': the act after 'after'
            # has its written day, which a count from the day told before only approximates
            continue
        cands.append(
            (
                abs(r.start - act)
                + (0 if r.kind in ("later", "before", "earlier", "day before", "same day") else 1)
                + _said(text, s, r.start),
                r.value,
                r.precision,
                f"relative ({r.phrase.strip()})",
            )
        )
    if not cands:
        if _SAME_MONTH.search(sent) and (month_anchor or anchor) is not None:
            return (month_anchor or anchor).replace(day=1), "month", "relative (same month)"
        return None
    dist, when, prec, how = min(cands, key=lambda c: (c[0], c[2] != "day"))
    if dist >= 10_000 and said is None:
        # only the day a statement came out, told after the act ('..., the governor told reporters on Saturday'):
        # no act's day ('X said on Sunday that special forces killed ...' is the nearest day the text gives)
        return None
    if prec == "month":
        # 'came in December, when a suicide bomber killed six ... on December 11': the day of that month the
        # sentence also states
        # a source's citation ('(Amaq, February 20, 2023)') is the day it spoke, not the act's day
        days = [
            c for c in cands if c[2] == "day" and c[0] < 5_000 and (c[1].year, c[1].month) == (when.year, when.month)
        ]
        if days:
            _, when, prec, how = min(days, key=lambda c: c[0])
    if doc.published and when > doc.published:
        return "after"
    return when, prec, how


#: 'Two days before the Kandahar bombing, ...', 'a week after the Kerman attack': an act the article told, by a name
_NAMED_ACT = re.compile(rf"\b(?:days?|weeks?)\s+(?:before|after)\s+{ACT_NAMED}", re.I)


#: 'The bombing came a day after al-Shabaab fighters stormed a base': the act counted from is the sentence's subject
_SUBJECT_CAME = re.compile(
    r"^\W*(?:The|This|That)\s+(?:[\w-]+\s+){0,2}?(?P<noun>bombing|blast|explosion|attack|assault|ambush|massacre"
    r"|killings|raid|strike|siege)\s+(?:came|happened|occurred|followed)\s+(?:just\s+|only\s+)?(?:[\w-]+\s+){1,2}?"
    r"(?:days?|weeks?)\s+after\b",
    re.I,
)
_NOUN_KINDS = {
    "bombing": ("IED", "suicide attack"),
    "blast": ("IED", "suicide attack"),
    "explosion": ("IED", "suicide attack"),
    "ambush": ("ambush",),
    "massacre": ("shooting", "attack", "execution"),
    "killings": ("shooting", "attack", "execution"),
    "raid": ("arrest/raid", "attack"),
    "strike": ("airstrike", "drone strike"),
    "siege": ("arrest/raid", "attack"),
}


def _subject_act_day(sent: str, events: list[dict], start: int) -> date | None:
    """The day of the act a 'came N days after' sentence names as its subject: the article's latest day-dated event
    of that kind."""
    m = _SUBJECT_CAME.match(sent)
    if m is None:
        return None
    kinds = _NOUN_KINDS.get(m["noun"].lower())
    for ev in reversed(events):
        if ev["evidence"]["start"] < start:
            break
        if ev["date_precision"] == "day" and (kinds is None or ev["event_type"] in kinds):
            return date.fromisoformat(ev["event_date"])
    return None


def named_act_anchor(sent: str, events: list[dict], start: int, anchor: date | None) -> date | None:
    """The day of the act a sentence counts from ('Two days before the Kandahar bombing', 'a week before the
    bombing'): the latest earlier event of the article (its evidence from `start` on) whose sentence holds the
    name and the act word the sentence gives it; else `anchor`, the previous day told."""
    m = _NAMED_ACT.search(sent)
    if m is None:
        return _subject_act_day(sent, events, start) or anchor
    words = [rf"\b{re.escape(w)}\b" for w in m["named"].split() if w[:1].isupper()]
    words.append(r"\b" + re.sub(r"(?:ings?|s)$", "", m["noun"].lower()))
    for ev in reversed(events):
        if ev["evidence"]["start"] < start:
            break
        told = _NAMED_ACT.sub(" ", ev["evidence"]["sentence"])  # not an act that sentence counted from itself
        if ev["date_precision"] == "day" and all(re.search(w, told, re.I) for w in words):
            return date.fromisoformat(ev["event_date"])
    return anchor
