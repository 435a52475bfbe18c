"""When a count's period runs: the span a period count refers to, read from the words around it ('between A and
B', 'so far in September', 'since May 4', 'in 2023', 'this week', 'the same period in May'); trends.extract.counts
finds the counts and asks this module for their (start, end)."""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

from . import dates as D

_MON = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
_DAY = rf"{_MON}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+(?:19|20)\d\d)?"
# the period of a count, searched in the words right after it (or right before, for 'since ..., ISIS has claimed')
_RANGE = re.compile(
    rf"\b(?i:between|from)\s+(?P<a>{_DAY})\s+(?:and|to|until|through|-|–)\s+"
    rf"(?P<b>(?:{_MON}\.?\s+)?\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+(?:19|20)\d\d)?)\b"
)
#: a day range in one month: 'during the week of September 1-7, 2016', 'on November 4-10, 2021'
_DAY_RANGE = re.compile(
    rf"\b(?P<m>{_MON})\.?\s+(?P<d1>\d{{1,2}})\s*[-–]\s*(?P<d2>\d{{1,2}})\b(?:,?\s+(?P<y>(?:19|20)\d\d))?"
)
_YEARS = re.compile(
    r"\b(?:between|from)\s+(?P<y1>(?:19|20)\d\d)\s+(?:and|to|until|through)\s+(?P<y2>(?:19|20)\d\d)\b"
    r"|\bin\s+(?P<y1b>(?:19|20)\d\d)\s*[-–]\s*(?P<y2b>(?:19|20)\d\d|\d\d)\b"
)
_SINCE = re.compile(
    rf"\bsince\s+(?:the\s+(?P<begin>beginning|start)\s+of\s+(?:(?P<by>(?:19|20)\d\d)|(?:the|this)\s+(?P<unit>year|month)"
    rf"|(?P<bm>{_MON})(?:\s+(?P<bmy>(?:19|20)\d\d))?)|(?P<d>{_DAY})"
    rf"|(?P<m>{_MON})(?:\s+(?P<my>(?:19|20)\d\d))?|(?P<y>(?:19|20)\d\d))\b"
    # 'since President X approved the redeployment on May 16': the date of the clause that 'since' opens
    rf"|\bsince\s+(?:[^.;,()]{{0,80}}?\s)?(?:on\s+|\()(?P<d2>{_DAY})\b",
    re.I,
)
# 'in 2023', 'in all of 2023', 'throughout 2022': a calendar year (after month and week, which are more precise)
_IN_YEAR = re.compile(r"\b(?:in|during|throughout|in all of|for all of|over)\s+(?P<y>(?:19|20)\d\d)\b(?!\s*[-–])", re.I)

_IN_MONTH = re.compile(
    rf"\b(?i:in|during|so far in|so far this|in all of|throughout|in the whole of|for the whole of)\s+"
    rf"(?:(?:early|mid|late)[- ])?(?P<m>{_MON})"
    rf"(?:\s+(?P<y>(?:19|20)\d\d))?\b(?!\s+\d)"
)
_MONTHS_RANGE = re.compile(
    rf"\b(?i:between|from)\s+(?P<m1>{_MON})\s+(?:and|to|until|through)\s+(?P<m2>{_MON})\b(?!\.?\s+\d{{1,2}}\b)"
    rf"(?:\s+(?P<y>(?:19|20)\d\d))?"
)
_SO_FAR_THIS = re.compile(r"\bso\s+far\s+this\s+(month|year)\b", re.I)
_QUARTER = re.compile(
    r"\b(?:in\s+)?(?:the\s+)?(?P<q>first|second|third|fourth|last)\s+quarter\s+of\s+"
    r"(?P<y>(?:19|20)\d\d)\b"
)
_WEEK = re.compile(
    r"\b(?P<prev>the previous week|the week before|the preceding week|last week)\b"
    r"|\b(?P<this>during the past week|in the past week|this week|over the past week|during the week)\b",
    re.I,
)

_SO_FAR = re.compile(r"\bso far\b", re.I)
#: 'in the week ending June 12', 'the seven days to March 3': the seven days up to that day
_WEEK_ENDING = re.compile(
    rf"\bthe\s+(?:week|seven\s+days)\s+(?:ending|ended|that\s+ended|to|through)\s+(?P<d>{_DAY})", re.I
)
#: 'in the first two months of the year', 'the first half of 2024': from January 1 to that month's end
_FIRST_MONTHS = re.compile(
    r"\bthe\s+first\s+(?:(?P<n>two|three|four|five|six|seven|eight|nine|ten|eleven|\d{1,2})\s+months|(?P<half>half))"
    r"\s+of\s+(?:(?:the|this)\s+year|(?P<y>(?:19|20)\d\d))\b",
    re.I,
)
#: 'in the past 10 days', 'over the last three months': the span up to the reference date
_PAST_N = re.compile(
    r"\b(?:in|over|during|within)\s+the\s+(?:past|last|previous)\s+(?P<n>two|three|four|five|six|seven|eight|nine"
    r"|ten|eleven|twelve|\d{1,3})\s+(?P<u>days|weeks|months)\b",
    re.I,
)
#: a bare 'this year' / 'this month' of a dated text: from its start to the reference date
_THIS_UNIT = re.compile(r"\b(?:in\s+|during\s+)?this\s+(?P<u>year|month)\b", re.I)
_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}
_WORDS.update({"eleven": 11, "twelve": 12})


def _n_of(w: str) -> int:
    return int(w) if w.isdigit() else _WORDS[w.lower()]


def _month_end(y: int, m: int) -> date:
    return date(y, m, calendar.monthrange(y, m)[1])


_QUARTERS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "last": 4}


def _month_range(mon: str, year: int | None, ref: date | None, so_far: bool) -> tuple[date, date] | None:
    m = D.MONTHS[mon.lower()]
    if year is None:
        if ref is None:
            return None
        year = ref.year - (m > ref.month)
    start = date(year, m, 1)
    end = date(year, m, calendar.monthrange(year, m)[1])
    if ref is not None and start <= ref <= end and so_far:
        end = ref
    return start, end


def _day(s: str, ref, year) -> date | None:
    ds = D.find_dates(s)
    return D.resolve(ds[0], ref, year) if ds else None


def period_of(zone: str, before: str, period: D.ReportPeriod, year: int | None) -> tuple | None:
    """(start, end) of the period a count refers to, read from the words after the count (`zone`), else before it."""
    ref = period.reference
    for z in (zone, before):
        we = _WEEK_ENDING.search(z)
        if we and (d := _day(we.group("d"), ref, year)) is not None:
            return d - timedelta(days=6), d
        fm = _FIRST_MONTHS.search(z)
        if fm and (fm.group("y") or ref is not None):
            y = int(fm.group("y")) if fm.group("y") else ref.year
            end = _month_end(y, 6 if fm.group("half") else _n_of(fm.group("n")))
            return date(y, 1, 1), (ref if ref is not None and date(y, 1, 1) <= ref < end else end)
        r = _RANGE.search(z)
        if r:
            a = _day(r.group("a"), ref, year)
            b_txt = r.group("b")
            b = (
                _day(b_txt, ref, year)
                if not b_txt.strip()[:1].isdigit()
                else _day(f"{r.group('a').split()[0]} {b_txt}", ref, year)
            )
            if a and b:
                if not re.search(r"(?:19|20)\d\d", r.group("a")) and re.search(r"(?:19|20)\d\d", b_txt):
                    a = a.replace(year=b.year)  # 'between January 1 and February 21, 2023': the end's year
                if b < a:
                    a = a.replace(year=a.year - 1)
                return a, b
        dr = _DAY_RANGE.search(z)
        if dr and int(dr.group("d1")) < int(dr.group("d2")) <= 31:
            yr = f", {dr.group('y')}" if dr.group("y") else ""
            a = _day(f"{dr.group('m')} {dr.group('d1')}{yr}", ref, year)
            b = _day(f"{dr.group('m')} {dr.group('d2')}{yr}", ref, year)
            if a and b:
                return a, b
        mr = _MONTHS_RANGE.search(z)
        if mr and ref is not None:
            # 'between January and October this year', 'from January to April': whole months, the latest such span
            # that has begun by the reference date
            y = int(mr.group("y")) if mr.group("y") else ref.year - (D.MONTHS[mr.group("m1").lower()] > ref.month)
            m1, m2 = D.MONTHS[mr.group("m1").lower()], D.MONTHS[mr.group("m2").lower()]
            y2 = y + (m2 < m1)
            end = date(y2, m2, calendar.monthrange(y2, m2)[1])
            return date(y, m1, 1), (ref if date(y2, m2, 1) <= ref < end else end)
        so = _SO_FAR_THIS.search(z)
        if so and ref is not None:
            # 'so far this month', 'so far this year': from the start of the reference date's month or year to it
            return (ref.replace(day=1) if so.group(1).lower() == "month" else date(ref.year, 1, 1)), ref
        y = _YEARS.search(z)
        if y:
            y1 = int(y.group("y1") or y.group("y1b"))
            y2s = y.group("y2") or y.group("y2b")
            y2 = int(y2s) if len(y2s) == 4 else int(str(y1)[:2] + y2s)
            end = date(y2, 12, 31)
            if ref is not None and ref < end:
                end = ref
            return date(y1, 1, 1), end
        s = _SINCE.search(z)
        if s:
            if s.group("d2"):
                d = _day(s.group("d2"), ref, year)
                return (d, None) if d else None
            if s.group("begin"):
                if s.group("by"):
                    return date(int(s.group("by")), 1, 1), None
                if s.group("bm"):
                    rng = _month_range(s.group("bm"), int(s.group("bmy")) if s.group("bmy") else None, ref, False)
                    return (rng[0], None) if rng else None
                if ref is None:
                    return None
                return (date(ref.year, 1, 1) if s.group("unit").lower() == "year" else ref.replace(day=1)), None
            if s.group("d"):
                d = _day(s.group("d"), ref, year)
                return (d, None) if d else None
            if s.group("m"):
                rng = _month_range(s.group("m"), int(s.group("my")) if s.group("my") else None, ref, False)
                return (rng[0], None) if rng else None
            return date(int(s.group("y")), 1, 1), None
        q = _QUARTER.search(z)
        if q:
            yq, n = int(q.group("y")), _QUARTERS[q.group("q").lower()]
            return date(yq, 3 * n - 2, 1), date(yq, 3 * n, calendar.monthrange(yq, 3 * n)[1])
        mo = _IN_MONTH.search(z)
        if mo:
            return _month_range(
                mo.group("m"),
                int(mo.group("y")) if mo.group("y") else None,
                ref,
                bool(_SO_FAR.search(zone) or _SO_FAR.search(before)),
            )
        w = _WEEK.search(z)
        if w and (period.period_end is not None or ref is not None):
            # a weekly report's week; else the seven days up to the reference (an article's publication) date
            end = period.period_end or ref
            start = period.period_start or end - timedelta(days=6)
            if w.group("prev"):
                return start - timedelta(days=7), start - timedelta(days=1)
            return start, end
        pn = _PAST_N.search(z)
        if pn and ref is not None:
            n, u = _n_of(pn.group("n")), pn.group("u").lower()
            if u == "months":
                y, m = divmod(ref.year * 12 + ref.month - 1 - n, 12)
                return date(y, m + 1, min(ref.day, calendar.monthrange(y, m + 1)[1])), ref
            return ref - timedelta(days=n * (7 if u == "weeks" else 1) - 1), ref
        iy = _IN_YEAR.search(z)
        if iy:
            y = int(iy.group("y"))
            end = date(y, 12, 31)
            return date(y, 1, 1), (ref if ref is not None and date(y, 1, 1) <= ref < end else end)
        tu = _THIS_UNIT.search(z)
        if tu and ref is not None:
            return (date(ref.year, 1, 1) if tu.group("u").lower() == "year" else ref.replace(day=1)), ref
    return None


#: a period told by reference to the one just stated: 'in the same period', 'during that period'
_SAME_PERIOD = re.compile(
    r"\b(?:in|during|over|for|within)\s+(?:the\s+same|that|this)\s+(?:period|time|timeframe|time frame|span)\b", re.I
)


#: 'the same period' of another month or year: ' in May', ' of 2021', ' last year', ' the previous month'
_OTHER_PERIOD = re.compile(
    rf"\s+(?:(?:in|of)\s+(?:(?P<m>{_MON})(?:\s+(?P<my>(?:19|20)\d\d))?|(?P<y>(?:19|20)\d\d))\b"
    r"|(?:last|the\s+previous|the\s+prior|a)\s+(?P<unit>year|month)\b)",
    re.I,
)


def _shifted(same: tuple, other: re.Match) -> tuple | None:
    """The period `same` moved to the month or year `other` names, or None when its days do not fit there."""
    a, b = same
    if a is None or b is None:
        return None
    if other.group("unit"):
        dy, dm = (1, 0) if other.group("unit").lower() == "year" else (0, 1)
        y, mo = (a.year - dy, a.month - dm) if dm == 0 or a.month > 1 else (a.year - 1, 12)
    elif other.group("m"):
        mo = list(calendar.month_name).index(other.group("m").title())
        y = int(other.group("my")) if other.group("my") else (a.year if mo <= a.month else a.year - 1)
    else:
        y, mo = int(other.group("y")), a.month
    if (b.year, b.month) != (a.year, a.month):
        return None if not other.group("y") and other.group("unit") != "year" else _years(a, b, y - a.year)
    last = calendar.monthrange(y, mo)[1]
    if b.day > last:
        return None
    return date(y, mo, a.day), date(y, mo, b.day)


def _years(a: date, b: date, dy: int) -> tuple | None:
    try:
        return a.replace(year=a.year + dy), b.replace(year=b.year + dy)
    except ValueError:
        return None
