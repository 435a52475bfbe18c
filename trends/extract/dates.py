"""Dates in report prose: full and partial dates, the report's reference date, and resolving 'November 30'."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

MONTHS = {
    m: i
    for i, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for m in names
}
#: the month and weekday names as regex alternations (no group), for patterns that spell them out
MONTH_NAMES = "January|February|March|April|May|June|July|August|September|October|November|December"
WEEKDAY_NAMES = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
_MON = (
    r"(?P<mon>January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
)
# 'December 27, 2019' | 'December 27' | '27 December 2019' | 'December 2019' (month precision)
DATE_RE = re.compile(
    rf"\b(?:{_MON}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?!\d)(?:,?\s+(?P<year>(?:19|20)\d\d))?"
    rf"|(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<mon2>January|February|March|April|May|June|July|August|September"
    rf"|October|November|December)(?:,?\s+(?P<year2>(?:19|20)\d\d))?)\b"
)
MONTH_ONLY_RE = re.compile(rf"\b(?:(?:early|mid|late)[- ])?{_MON}\s+(?P<year>(?:19|20)\d\d)\b", re.I)
_FULL_MON = r"(?P<mon>January|February|March|April|May|June|July|August|September|October|November|December)"
# An event dated to a month: 'in early March 2023', 'in late October', 'in mid-May', 'during June 2021'. A bare
# 'March' needs 'in'/'during' before it (or early/mid/late), and must not be a day date ('March 3').
MONTH_RE = re.compile(
    rf"(?:\b(?:[Ii]n|[Dd]uring)\s+(?:(?:the\s+)?(?:early|mid|late|end of|beginning of)[- ]?\s*)?"
    rf"|\b(?:[Ee]arly|[Mm]id|[Ll]ate)[- ]){_FULL_MON}(?:,?\s+(?P<year>(?:19|20)\d\d))?\b"
    rf"(?!\s*\d{{1,2}}\b)"
)


@dataclass(frozen=True)
class DateMention:
    """A date written in the text; year is None when the text leaves it out."""

    start: int
    end: int
    month: int
    day: int
    year: int | None


def find_dates(text: str, start: int = 0, end: int | None = None) -> list[DateMention]:
    """Day-precision dates in text[start:end], with absolute offsets."""
    out = []
    for m in DATE_RE.finditer(text, start, len(text) if end is None else end):
        mon = (m.group("mon") or m.group("mon2")).lower().rstrip(".")
        day = int(m.group("day") or m.group("day2"))
        year = m.group("year") or m.group("year2")
        if 1 <= day <= 31:
            out.append(DateMention(m.start(), m.end(), MONTHS[mon], day, int(year) if year else None))
    return out


@dataclass(frozen=True)
class MonthMention:
    """A date written to the month only ('in early March 2023'); year is None when the text leaves it out."""

    start: int
    end: int
    month: int
    year: int | None


def find_months(text: str, start: int = 0, end: int | None = None) -> list[MonthMention]:
    """Month-precision dates in text[start:end] ('in late March 2022', 'in early October'), absolute offsets."""
    return [
        MonthMention(
            m.start(), m.end(), MONTHS[m.group("mon").lower()], int(m.group("year")) if m.group("year") else None
        )
        for m in MONTH_RE.finditer(text, start, len(text) if end is None else end)
    ]


def resolve_month(mention: MonthMention, reference: date | None, year: int | None = None) -> date | None:
    """The first day of the mentioned month; a year-less month takes the year that puts it at or before the
    reference date (a January report's 'in late December' is the previous December)."""
    y = mention.year
    if y is None and reference is not None:
        y = reference.year - (date(reference.year, mention.month, 1) > reference)
    if y is None:
        y = year
    return date(y, mention.month, 1) if y is not None else None


def resolve(mention: DateMention, reference: date | None, year: int | None = None) -> date | None:
    """The calendar date of a mention: its own year, else the year that puts it at or before the reference date
    (a report of January 3 that mentions December 30 means the previous December), else `year`."""
    y = mention.year
    if y is None and reference is not None:
        y = reference.year
        try:
            if date(y, mention.month, mention.day) > reference + timedelta(days=31):
                y -= 1
        except ValueError:
            pass
    if y is None:
        y = year
    if y is None:
        return None
    try:
        return date(y, mention.month, mention.day)
    except ValueError:
        return None


_CUTOFF = re.compile(r"data\s+cut-?\s?off\s*(?:date)?\s*[:\-–]?\s*", re.I)
_RANGE = re.compile(
    rf"{_MON}\s+(?P<d1>\d{{1,2}})(?:,?\s+(?P<y1>(?:19|20)\d\d))?\s*[–—-]+\s*"
    rf"(?:(?P<mon_b>[A-Z][a-z]+)\.?\s+)?(?P<d2>\d{{1,2}}),?\s+(?P<y2>(?:19|20)\d\d)"
)


@dataclass(frozen=True)
class ReportPeriod:
    """When the report was written: `reference` resolves year-less dates; period_* when the report states one."""

    reference: date | None
    period_start: date | None = None
    period_end: date | None = None
    cutoff: date | None = None


def report_period(text: str, year: int | None = None) -> ReportPeriod:
    """Find the data cutoff, the covered period ('December 26, 2019 – January 1, 2020') or the first full date
    in the report's head; `year` (from --year) is used when the text gives none."""
    head = text[:3000]
    cutoff = None
    c = _CUTOFF.search(text)
    if c:
        ds = find_dates(text, c.end(), c.end() + 40)
        if ds and ds[0].year:
            cutoff = date(ds[0].year, ds[0].month, ds[0].day)
    p_start = p_end = None
    r = _RANGE.search(head)
    if r and r.group("mon").lower().rstrip(".") in MONTHS:
        y2 = int(r.group("y2"))
        m1 = MONTHS[r.group("mon").lower().rstrip(".")]
        mb = (r.group("mon_b") or "").lower()
        m2 = MONTHS.get(mb, m1)
        try:
            p_end = date(y2, m2, int(r.group("d2")))
            y1 = int(r.group("y1")) if r.group("y1") else (y2 - 1 if m1 > m2 else y2)
            p_start = date(y1, m1, int(r.group("d1")))
        except ValueError:
            p_start = p_end = None
    published = None
    for d in find_dates(head):
        if d.year:
            published = date(d.year, d.month, d.day)
            break
    ref = cutoff or max([d for d in (p_end, published) if d], default=None)
    if ref is None and year is not None:
        ref = date(year, 12, 31)
    elif ref is not None and year is not None and ref.year != year:
        ref = date(year, ref.month, ref.day) if (ref.month, ref.day) != (2, 29) else date(year, 2, 28)
    return ReportPeriod(ref, p_start, p_end, cutoff)
