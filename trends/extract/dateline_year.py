"""The year of a wire dateline written without one ('CAIRO, Feb 13 (AP) -'), from the evidence a reader uses.

- A news story is not older than the dates it writes: 'seized Aleppo on November 30, 2024' puts an 'April 15'
  dateline in 2025 or later, 'the November 2017 massacre' a 'Feb 13' one in 2018 or later (`written_floor`).
- Pasted files are kept in order: the story is not before the dated article pasted before it nor after the one
  pasted after it (`not_before`, `not_after`); when no year fits the order, the text and the weekdays win.
- Its weekdays are the days just before it was filed: the weekdays its lead names ('... on Sunday', 'said on
  Tuesday') fall on the dateline day or the two before it (three when no year allows two), and the year in which
  half or more of the weekdays the whole article names ('On Monday, ...', 'late on Saturday', 'Thursday evening')
  fall four or more days back is unlikely (a story names last week's days as 'last Tuesday').
- Of the years still left, the one nearest a neighbouring article's publication date (articles pasted together
  were collected together). When several are left the year is uncertain: `dateline_years` says which.
"""

from __future__ import annotations

import re
from datetime import date

from .dates import MONTH_NAMES, MONTHS, WEEKDAY_NAMES, find_dates
from .relative import WEEKDAYS

#: a weekday that dates news: 'on Monday', 'late on Saturday', 'early Sunday', "Monday's", 'Thursday evening'
#: (not 'Friday prayers', 'Sunday mass', 'last Tuesday')
_NEWS_WEEKDAY = re.compile(
    rf"\b(?:[Oo]n|[Ll]ate|[Ee]arly|[Ss]ince|[Uu]ntil)\s+(?P<a>{WEEKDAY_NAMES})\b"
    rf"|\b(?P<b>{WEEKDAY_NAMES})(?:'s|’s)|\b(?P<c>{WEEKDAY_NAMES})\s+(?:morning|afternoon|evening|night)\b"
)
_YEAR = re.compile(r"(?<![\d/,.-])((?:19|20)\d\d)(?![\d/-])")
_MONTH_YEAR = re.compile(rf"\b(?P<mon>{MONTH_NAMES}),?\s+(?P<year>(?:19|20)\d\d)\b")
#: a date the story looks forward to ('elections due in March 2025', 'by 2030', 'ahead of the 2024 vote')
_AHEAD = re.compile(
    r"\b(?:will|would|due|scheduled|set\s+for|expected|planned|until|by|ahead\s+of|deadline|next|before)\b[^.;]{0,25}$",
    re.I,
)


def news_weekdays(text: str) -> list[int]:
    """The weekdays (0 = Monday) text names as days of its news, in order."""
    return [WEEKDAYS.index((m["a"] or m["b"] or m["c"]).lower()) for m in _NEWS_WEEKDAY.finditer(text)]


def written_floor(text: str, today: date | None = None) -> date | None:
    """The latest date a story writes with its year, at its precision ('November 30, 2024' that day, 'November
    2017' its first day, 'in 2016' its January 1): the story is not older. Dates it looks forward to, and years
    after `today`, do not count."""
    today = today or date.today()
    out: list[date] = []

    def keep(start: int, d: date) -> None:
        if d <= today and not _AHEAD.search(text[max(0, start - 60) : start]):
            out.append(d)

    for m in find_dates(text):
        if m.year:
            try:
                keep(m.start, date(m.year, m.month, m.day))
            except ValueError:
                pass
    for m in _MONTH_YEAR.finditer(text):
        keep(m.start(), date(int(m["year"]), MONTHS[m["mon"].lower()], 1))
    for m in _YEAR.finditer(text):
        keep(m.start(), date(int(m[1]), 1, 1))
    return max(out) if out else None


def _back(d: date, weekday: int) -> int:
    return (d.weekday() - weekday) % 7


def dateline_years(
    month_day: date,
    lead: str,
    context: list[date],
    *,
    body: str = "",
    not_before: date | None = None,
    not_after: date | None = None,
    floor: date | None = None,
    today: date | None = None,
) -> tuple[int | None, tuple[int, ...]]:
    """(the year of the dateline, every year that fits as well: more than one means it is uncertain).

    `lead` is the dateline's paragraph, `body` the whole article (its weekdays), `context` the neighbouring
    articles' publication dates, `floor` the latest date the article writes. None when the article names no
    weekday and nothing in the order bounds the year, or when no year fits its lead's weekdays."""
    today = today or date.today()
    everywhere = news_weekdays(body or lead)
    named = news_weekdays(lead) or everywhere[:1]
    if not context or not (named or not_before is not None or not_after is not None):
        return None, ()
    first = floor.year if floor else min(c.year for c in context) - 2
    # a story pasted after every dated one may be of any later year up to today; else within a year of the context
    last = not_after.year if not_after else today.year if not_before else max(c.year for c in context) + 1
    last = min(max(last, first + 1), today.year)

    def ranked(ordered: bool) -> list[tuple[tuple[bool, ...], int, int]]:
        """(fit: (the lead's weekdays more than two days back, its latest weekday more than a day back, half its
        weekdays four days back or more), days to the context, year), best first"""
        out = []
        top = last if ordered else min(max(max(c.year for c in context) + 1, first + 1), today.year)
        for y in range(first, top + 1):
            try:
                d = month_day.replace(year=y)
            except ValueError:
                continue
            if (floor and d < floor) or d > today:
                continue
            if ordered and ((not_before and d < not_before) or (not_after and d > not_after)):
                continue
            misfit = max((_back(d, w) for w in named), default=0) > 2
            late = min((_back(d, w) for w in everywhere), default=0) > 1
            stale = 2 * sum(_back(d, w) >= 4 for w in everywhere) >= len(everywhere) > 0
            out.append(((misfit, late, stale), min(abs((d - c).days) for c in context), y))
        return sorted(out)

    ordered = ranked(True)
    cands = [c for c in ordered if not c[0][0]]
    if not cands and named:
        cands = [c for c in ranked(False) if not c[0][0]]  # the order is a habit, the weekday a fact
    if not cands:
        if not ordered or not (floor or not_before or not_after):
            return None, ()
        # no year fits the lead's weekday: the dates it writes and the order alone bound the year
        cands = sorted(((False, *fit[1:]), near, y) for fit, near, y in ordered)
        return cands[0][2], tuple(sorted(y for _, _, y in cands))
    best = cands[0][0]
    return cands[0][2], tuple(sorted(y for fit, _, y in cands if fit == best))


def dateline_year(month_day: date, lead: str, context: list[date], **kw) -> int | None:
    """The year of a dateline written without one (see `dateline_years`)."""
    return dateline_years(month_day, lead, context, **kw)[0]


__all__ = ["dateline_year", "dateline_years", "news_weekdays", "written_floor"]
