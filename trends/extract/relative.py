"""Relative dates in news prose, resolved against a publication date (or the previous date the text gave).

"on Sunday" / "on Friday" -> the latest such weekday on or before the publication date (day); "on Tuesday last week" ->
that weekday of the week before publication (day);
"yesterday", "today", "on Christmas Day" (the latest one on or before publication) (day); "last week" -> the Monday of the week before publication (week; on a Sunday, the
Monday of the week that Sunday ends);
"earlier this month", "this month" -> the publication month; "last month" -> the month before (month);
"in October" (no year) -> the latest October on or before publication (month);
"a year ago", "a year earlier" -> the publication month one year back (month);
"N days later" / "the next day" / "two weeks later" -> counted from the previous date of the same article (day);
"<it> came N days after <act>", "N days earlier", "N days before the bombing", "the day (night) before", "the previous night" -> N days before it (day); "less than three
weeks after" is no date; "Monday's bombing" is a weekday; "(earlier) this week" -> the publication week (week).
Each resolution says its precision and that it was derived, so the event gets a lower confidence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from .casualties import _number
from .dates import DATE_RE

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
MONTHS = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
]
_N = (
    r"(?P<n>\d{1,3}|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen"
    r"|twenty|thirty)"
)
#: a violent act named by a noun phrase: 'the bombing', 'the Kandahar bombing', 'that attack'
ACT_NAMED = (
    r"(?:the|that|this)\s+(?P<named>(?:[\w-]+\s+){0,2}?)(?P<noun>bombings?|attacks?|assault|ambush|raid|strike"
    r"|massacre|blast|explosion|killings?|shooting)\b"
)
_PATTERNS = [
    # 'police on Tuesday last week arrested ...': that weekday of the week before publication
    (
        "weekday last week",
        re.compile(
            r"\b(?:on\s+)?(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\s+(?:of\s+)?last\s+week\b"
            r"|\blast\s+week\s+on\s+(?P<wd2>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
        ),
    ),
    (
        "weekday",
        re.compile(
            r"\b(?:on|last|this past|(?:late|early|overnight|before dawn)(?: on)?|on the (?:night|morning|evening"
            r"|afternoon) of|in the (?:early|small|late) hours of|(?:in|on) the (?:early|late) (?:morning|evening) of)\s+"
            r"(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b",
            re.I,
        ),
    ),
    # 'gunmen attacked the post Tuesday night': a weekday with its time of day names that day (not 'Good Friday
    # night', 'Easter Sunday morning': a feast's name, see find_relative)
    (
        "weekday",
        re.compile(
            r"\b(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\s+(?:morning|afternoon|evening"
            r"|night)\b"
        ),
    ),
    # 'The killings came two days after troops arrested ...': the act told after 'after' is N days BEFORE the
    # previous date; 'less than three weeks after' is no date
    (
        "before",
        re.compile(
            rf"\b(?:came|happened|occurred|followed|was carried out|took place)\s+(?:just\s+|only\s+)?{_N}\s+"
            rf"(?P<unit>days?|weeks?)\s+after\b",
            re.I,
        ),
    ),
    ("vague", re.compile(rf"\b(?:less|more|fewer) than\s+{_N}\s+(?:days?|weeks?)\s+(?:later|after)\b", re.I)),
    ("later", re.compile(rf"\b{_N}\s+(?P<unit>days?|weeks?)\s+(?:later|after(?:wards)?|on)\b", re.I)),
    # 'Two days before the bombing, troops killed 11 militants': N days before the act told (not 'two days before
    # the vote', whose day the article does not give)
    (
        "earlier",
        re.compile(rf"\b{_N}\s+(?P<unit>days?|weeks?)\s+(?:earlier\b|before\s+(?={ACT_NAMED}))", re.I),
    ),
    (
        "day before",
        re.compile(
            r"\b(?:the\s+(?:previous\s+(?:day|night|evening)|(?:day|night)\s+before)|a day earlier)\b"
            r"(?!\s+(?:the|a|an|his|her|its)\b)",
            re.I,
        ),
    ),
    # "Monday's bombing", "Sunday's attack": the weekday of the act
    ("weekday", re.compile(r"\b(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)['’]s\b")),
    ("this week", re.compile(r"\b(?:earlier|early|late)\s+this\s+week\b|\bthis\s+week\b", re.I)),
    # 'Hours earlier, gunmen stormed ...', 'later that day': the day of the previous date the article gave
    (
        "same day",
        re.compile(
            r"\b(?:(?:a few|several|some|two|three|\d+)\s+)?(?:hours|minutes)\s+(?:earlier|later)\b"
            r"|\b(?:later|earlier)\s+that\s+(?:day|evening|morning|night)\b"
            # 'The same day, JNIM fighters attacked ...', 'came under fire the same night': the day told before
            r"|\b(?:on\s+)?(?:the|that)\s+same\s+(?:day|night|evening|morning|afternoon)\b"
            # 'At about the same time, gunmen entered the villages ...': the time of the act just told
            r"|\b(?:at|around)\s+(?:about\s+|roughly\s+|nearly\s+|almost\s+)?the\s+same\s+time\b",
            re.I,
        ),
    ),
    ("next day", re.compile(r"\b(?:the\s+(?:next|following)\s+day|a day later)\b", re.I)),
    # 'Exactly a year ago today, ISWAP fighters stormed Dikwa': the publication day one year back
    ("year ago today", re.compile(r"\b(?:exactly\s+)?(?:a|one)\s+year\s+ago\s+(?:today|this\s+week)\b", re.I)),
    # 'On Christmas Day, a suicide bomber blew himself up ...': the latest such day on or before publication ('the
    # risk period is always around Christmas' is no day)
    (
        "holiday",
        re.compile(
            r"\b[Oo]n\s+(?P<h>Christmas(?:\s+(?:Day|Eve))?|New\s+Year['’]s\s+(?:Day|Eve))\b(?!\s+(?:19|20)\d\d)"
        ),
    ),
    # 'in the first week of September': that week of the month, its first day
    (
        "week of month",
        re.compile(
            r"\b(?:in|during)\s+the\s+(?P<nth>first|second|third|fourth|last|final)\s+week\s+of\s+(?P<mon>January"
            r"|February|March|April|May|June|July|August|September|October|November|December)\b(?!\s*\d)",
            re.I,
        ),
    ),
    # 'Nigerian jets bombed the camps over the weekend': the Saturday and Sunday just past, read as a week whose
    # first day is that Saturday
    ("weekend", re.compile(r"\b(?:over|at|during)\s+the\s+weekend\b|\b(?:this|last)\s+(?:past\s+)?weekend\b", re.I)),
    ("yesterday", re.compile(r"\byesterday\b", re.I)),
    ("today", re.compile(r"\b(?:today|earlier today|this morning)\b", re.I)),
    ("last week", re.compile(r"\b(?:last|previous|past)\s+week\b|\ba week ago\b", re.I)),
    ("this month", re.compile(r"\b(?:earlier|early|late)\s+this\s+month\b|\bthis\s+month\b", re.I)),
    ("last month", re.compile(r"\blast\s+month\b|\ba month ago\b", re.I)),
    ("year ago", re.compile(r"\b(?:about\s+|nearly\s+|almost\s+)?(?:a|one)\s+year\s+(?:ago|earlier)\b", re.I)),
    ("weeks ago", re.compile(rf"\b{_N}\s+(?P<unit>days?|weeks?)\s+ago\b", re.I)),
    (
        "month",
        re.compile(
            r"\b(?:[Ii]n|[Dd]uring|[Ss]ince|[Bb]y)\s+(?:(?:early|mid|late)[- ])?(?P<mon>January|February|March|April"
            r"|May|June|July|August|September|October|November|December)\b(?!\s*\d)(?!,?\s+(?:19|20)\d\d)"
        ),
    ),
    # 'the army said Wednesday that ...', 'militants attacked the base Tuesday' (news style without 'on'): that day;
    # not 'every Friday', 'by Friday', 'the Friday', 'next Tuesday', 'Sunday school' or a paper's name ('the Sunday
    # Times')
    (
        "weekday",
        re.compile(
            r"(?<![Ee]very )(?<![Ee]ach )(?<![Nn]ext )(?<![Uu]ntil )(?<![Bb]y )(?<![Ss]ince )(?<![Ff]rom )(?<![Tt]he )"
            r"(?<=[a-z,] )"
            r"(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
            r"(?!['’]s|\s+(?:Times|Telegraph|Post|Mail|Express|Herald|Tribune|Observer|Independent|Nation|edition|school|prayers?|services?|Mass|market|sermons?))"
        ),
    ),
]


_FEAST = re.compile(r"\b(?:Good|Easter|Palm|Black|Holy|Ash|Maundy|Bloody)\s+$")
#: a written date in apposition after a weekday ('on Sunday, Aug. 6', 'on Friday night, Sept. 30'): the same day told
#: twice, and the written date is the one to read (the weekday alone would be the latest such day before publication)
_APPOSED_DATE = re.compile(r"(?:\s+(?:morning|afternoon|evening|night))?,?\s*\(?\s*(?=" + DATE_RE.pattern + ")")


@dataclass(frozen=True)
class RelativeDate:
    """A relative date phrase found in text and its resolution."""

    start: int
    end: int
    phrase: str
    kind: str
    value: date
    precision: str  # 'day' | 'week' | 'month'


def _n(s: str) -> int | None:
    return 1 if s.lower() in ("a", "an") else _number(s)


def resolve_phrase(kind: str, m: re.Match, published: date | None, anchor: date | None) -> tuple[date, str] | None:
    """(date, precision) of one matched phrase; None when it needs a date the caller does not have."""
    if kind == "same day":
        return (anchor, "day") if anchor is not None else None
    if kind in ("later", "next day", "before", "earlier", "day before"):
        if anchor is None:
            return None
        n = 1 if kind in ("next day", "day before") else _n(m["n"])
        if n is None:
            return None
        days = n * (7 if (m.groupdict().get("unit") or "d").lower().startswith("w") else 1)
        return anchor + timedelta(days=-days if kind in ("before", "earlier", "day before") else days), "day"
    if published is None:
        return None
    p = published
    if kind == "weekday":
        back = (p.weekday() - WEEKDAYS.index(m["wd"].lower())) % 7
        if back == 0 and re.match(r"(?i)(?:last|this past)\b", m.group(0)):
            back = 7  # 'last Thursday' written on a Thursday is a week ago ('on Thursday' is that day)
        return p - timedelta(days=back), "day"
    if kind == "holiday":
        h = re.sub(r"\W+", " ", m["h"].lower())
        md = {"christmas eve": (12, 24), "new year s eve": (12, 31), "new year s day": (1, 1)}.get(h, (12, 25))
        d = date(p.year, *md)
        return (d if d <= p else date(p.year - 1, *md)), "day"
    if kind == "week of month":
        mon = MONTHS.index(m["mon"].lower()) + 1
        y = p.year - (mon > p.month)
        nth = m["nth"].lower()
        if nth in ("last", "final"):
            nxt = date(y + (mon == 12), mon % 12 + 1, 1)
            return nxt - timedelta(days=7), "week"
        return date(y, mon, 1 + 7 * ["first", "second", "third", "fourth"].index(nth)), "week"
    if kind == "weekend":
        return p - timedelta(days=(p.weekday() - 5) % 7), "week"
    if kind == "yesterday":
        return p - timedelta(days=1), "day"
    if kind == "today":
        return p, "day"
    if kind == "weekday last week":
        monday = p - timedelta(days=p.weekday()) - timedelta(days=7)
        return monday + timedelta(days=WEEKDAYS.index((m["wd"] or m["wd2"]).lower())), "day"
    if kind == "last week":
        monday = p - timedelta(days=p.weekday())
        # written on a Sunday, 'last week' is the week that Sunday ends (Monday to Saturday just past)
        return (monday if p.weekday() == 6 else monday - timedelta(days=7)), "week"
    if kind == "this week":
        return p - timedelta(days=p.weekday()), "week"
    if kind == "this month":
        return p.replace(day=1), "month"
    if kind == "last month":
        first = p.replace(day=1) - timedelta(days=1)
        return first.replace(day=1), "month"
    if kind == "year ago today":
        return (p.replace(year=p.year - 1) if (p.month, p.day) != (2, 29) else date(p.year - 1, 2, 28)), "day"
    if kind == "year ago":
        return date(p.year - 1, p.month, 1), "month"
    if kind == "weeks ago":
        n = _n(m["n"])
        if n is None:
            return None
        d = p - timedelta(days=n * (7 if m["unit"].lower().startswith("w") else 1))
        return (d, "day") if m["unit"].lower().startswith("d") else (d - timedelta(days=d.weekday()), "week")
    if kind == "month":
        mon = MONTHS.index(m["mon"].lower()) + 1
        y = p.year - (mon > p.month)
        return date(y, mon, 1), "month"
    return None


def find_relative(
    text: str,
    start: int = 0,
    end: int | None = None,
    published: date | None = None,
    anchor: date | None = None,
    kinds: tuple[str, ...] | None = None,
) -> list[RelativeDate]:
    """Relative date phrases in text[start:end] resolved against `published` (and `anchor`, the previous date
    the article gave, for 'six days later'), in text order; phrases that cannot be resolved are left out.
    `kinds` limits the search to those phrase kinds ('weekday', ...)."""
    end = len(text) if end is None else end
    out: list[RelativeDate] = []
    taken: list[tuple[int, int]] = []
    for kind, rx in _PATTERNS:
        if kinds is not None and kind not in kinds:
            continue
        for m in rx.finditer(text, start, end):
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue
            if kind == "vague":
                taken.append(
                    (m.start(), m.end())
                )  # 'less than three weeks after': no date, and not 'three weeks after'
                continue
            if kind == "weekday" and _FEAST.search(text, max(0, m.start() - 12), m.start()):
                continue  # 'Good Friday night', 'on Easter Sunday': a feast, not the latest such weekday
            if kind == "weekday" and _APPOSED_DATE.match(text, m.end()):
                taken.append((m.start(), m.end()))  # 'on Sunday, Aug. 6': the written date is read instead
                continue
            r = resolve_phrase(kind, m, published, anchor)
            if r is None:
                continue
            taken.append((m.start(), m.end()))
            out.append(RelativeDate(m.start(), m.end(), m.group(), kind, r[0], r[1]))
    return sorted(out, key=lambda r: r.start)
