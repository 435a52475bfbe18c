"""Several pasted articles in one file: split them, and give each its publication date and year context.

An article ends at its "Source link" line (and the hashtag lines after it); its first non-empty line is its title.
The publication date comes from, in order: `published=` given by the caller (`trends extract --published`), a
"Published ..." / "Updated ..." line, a digest title ("Morning Digest: May 1, 2023"), a dateline
("OUAGADOUGOU, April 2 (Reuters) -", year from the source link or the year context), a date in the source link's
address (".../2024/03/14/...", "...-2024-04-02/"). An article with none of them gets only a year context: the year
of the latest full date it writes ('February 17, 2023'); else the latest year it mentions, or a neighbouring
article's year when that is later (articles pasted together were collected together), flagged
`year_from="context"`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from .dateline_year import dateline_year, dateline_years, written_floor
from .dates import MONTHS, find_dates

_SOURCE_LINK = re.compile(r"^[ \t]*Source link\b.*$", re.M | re.I)
_HASHTAGS = re.compile(r"(?:[ \t]*\n|[ \t]*#\w.*\n?)*")
_DIGEST = re.compile(
    r"^\s*(?:(?:Morning|Evening|Daily|Weekly|Weekend|News)\s+)?Digest\b|\bBriefing:\s"
    # 'Somalia Security Digest: August 28, 2023', 'Mindanao Morning Brief — Tuesday, July 6, 2021': a dated rubric
    r"|^\s*(?:[A-Z][\w'’-]*\s+){0,4}(?:Digest|Brief|Briefing|Roundup|Round-up|Bulletin)\s*[:|–—-]\s*(?:\w+day,?\s+)?"
    r"(?:\d{1,2}\s+[A-Z][a-z]+|[A-Z][a-z]+\.?\s+\d{1,2}),?\s+(?:19|20)\d\d\s*$",
    re.I,
)
_MON = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr"
    r"|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?"
)
_PUBLISHED = re.compile(
    # a byline or the outlet's name before a bar ('By Amina Bello | Published ...', 'Dawn | Published ...')
    rf"^\s*(?:(?:By\s+)?(?!Published|Updated|Posted)[A-Z][^\n|•·]{{1,60}}?\s*[|•·]\s*)?"
    # 'Mogadishu (AFP) - Published Sunday, October 29, 2017 - 12:40 GMT': the wire's place and name before it
    # 'DUSHANBE, Tajikistan — Published July 31, 2018': a dateline's city and country, without an agency
    rf"(?:[A-Z][\w'’.-]*(?:[ \t]+[A-Z][\w'’.-]*){{0,3}}(?:,[ \t]+[A-Z][\w'’.-]*(?:[ \t]+[A-Z][\w'’.-]*){{0,2}})?"
    rf"(?:[ \t]+\([A-Z][A-Za-z]{{1,9}}\))?[ \t]*[-–—:][ \t]*)?"
    rf"(?:Published|Updated|Posted|Date)\s*(?:on|:)?\s*"
    # 'Published 3:41 PM EAT, Tue July 23, 2019', 'Published 1:14 PM GMT+2, September 9, 2022': a time and zone
    # before the date
    rf"(?:\d{{1,2}}[:.]\d\d\s*(?:[AaPp]\.?[Mm]\.?)?\s*(?:[A-Z]{{2,4}}(?:[+-]\d{{1,2}})?)?,?\s+)?(?:\w{{3,9}}\.?,?\s+(?={_MON}|\d))?"
    rf"(?P<d>(?:\d{{1,2}}\s+{_MON}|{_MON}\s+\d{{1,2}}),?\s+(?:19|20)\d\d"
    rf"|(?P<dn>[0-3]?\d)/(?P<mn>[0-3]?\d)/(?P<yn>(?:19|20)\d\d))",
    re.M | re.I,
)
_DATELINE = re.compile(
    rf"^\s*[A-Z][A-Z .'-]{{2,40}}(?:,\s*[A-Za-z .]+)?,\s+(?P<d>{_MON}\s+\d{{1,2}}|\d{{1,2}}\s+{_MON})"
    rf"(?:,?\s+(?P<y>(?:19|20)\d\d))?\s*(?:\((?:Reuters|AFP|AP|Xinhua|Anadolu|IANS|PTI|[A-Z]{{2,6}})\))?\s*[-–—]",
    re.M,
)
#: a line near the top that is only a date, after a rubric, section label or byline ('Interview | 14 November 2022',
#: 'Analysis - March 3, 2023', 'By Amina Bello | 3 March 2023', 'Monday 6 March 2023 09.15 GMT', a wire's
#: 'Thu Mar 2, 2023 7:05am EST', 'JUNE 16, 2020 / 3:41 PM', '13 June 2019 - 16:05'): the publication date
_DATE_LINE = re.compile(
    rf"^[ \t]*(?:[A-Z][^\n|•·]{{0,60}}?[ \t]*[|•·–—:-][ \t]*)?(?:(?:\w+day|Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)\.?,?[ \t]+)?"
    rf"(?P<d>(?:\d{{1,2}}[ \t]+(?i:{_MON})|(?i:{_MON})[ \t]+\d{{1,2}}),?[ \t]+(?:19|20)\d\d)"
    # a time after a comma or a slash ('JUNE 16, 2020 / 3:41 PM', a wire's web page), then maybe '/ Updated ...'
    rf"(?:,?[ \t]+(?:[/–—-][ \t]+)?\d{{1,2}}[.:]\d\d(?:[ \t]*[apAP]\.?[mM]\.?)?(?:[ \t]+[A-Z]{{2,4}})?)?"
    rf"(?:[ \t]+/[ \t]+Updated\b[^\n]{{0,40}})?[ \t]*$",
    re.M,
)
_URL_DATE = re.compile(r"(?P<y>(?:19|20)\d\d)[/-](?P<m>[01]\d)[/-](?P<d>[0-3]\d)(?!\d)")
_BYLINE = re.compile(r"^\s*By\s+[A-Z][^\n]{2,80}$", re.M)
_YEAR = re.compile(r"(?<![\d/-])((?:19|20)\d\d)(?![\d/-])")


@dataclass(frozen=True)
class Document:
    """One article (or digest) of a pasted file: text[start:end], its title and publication date."""

    title: str
    start: int
    end: int
    published: date | None
    published_from: str | None  # 'given' | 'published line' | 'digest' | 'dateline' | 'source link' | None
    year: int | None  # year context for dates written without one
    year_from: str | None  # 'published' | 'text' | 'context' | None
    kind: str  # 'article' | 'digest'
    title_end: int = 0  # end of the title line (a heading: never an event)
    year_fits: tuple[int, ...] = ()  # a dateline without a year: every year that fits it as well as the one taken


def _numeric_date(m: re.Match) -> date | None:
    """'16/11/2020': day first, as news sites outside the US write it, unless the second number cannot be a month."""
    d, mo, y = int(m["dn"]), int(m["mn"]), int(m["yn"])
    if mo > 12 and d <= 12:
        d, mo = mo, d
    try:
        return date(y, mo, d)
    except ValueError:
        return None


_ABBR = {
    m[:3].lower(): m
    for m in ("January February March April June July August September October November December").split()
}


def _date_of(s: str, year: int | None) -> date | None:
    """The first date of a publication line; abbreviated months too ('Updated Fri 10 Mar 2023 07.00 GMT')."""
    s = re.sub(r"\b[A-Z]{3,9}\b", lambda m: m[0].title() if m[0].lower() in MONTHS else m[0], s)  # 'JUNE 16, 2020'
    s = re.sub(r"\b(Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\b\.?", lambda m: _ABBR[m[1][:3].lower()], s)
    ds = find_dates(s)
    if not ds:
        return None
    d = ds[0]
    y = d.year or year
    try:
        return date(y, d.month, d.day) if y else None
    except ValueError:
        return None


#: an article's head: a title line after a blank line, then within two lines a byline or a 'Published' line
_HEAD = re.compile(
    r"(?:\A|\n[ \t]*\n)(?P<t>[ \t]*(?!By[ \t]|Published\b|Updated\b|Posted\b)[^\s][^\n]{0,200}(?<![.!?:;,])[ \t]*)\n(?:[ \t]*\n)?"
    r"(?=[ \t]*(?:By[ \t]+[A-Z]|(?:Published|Updated|Posted)\b))"
)


def _heads(text: str, start: int, end: int) -> list[int]:
    """Starts of the articles pasted inside text[start:end] without a 'Source link' line between them: a title
    line followed by its byline or 'Published' line, or a digest's title line; never the chunk's first line."""
    first = start + len(text[start:end]) - len(text[start:end].lstrip())
    out = [m.start("t") for m in _HEAD.finditer(text, start, end)]
    out += [start + m.start() for m in re.finditer(r"^[ \t]*\S.*$", text[start:end], re.M) if _DIGEST.match(m.group())]
    heads = sorted({o for o in out if o > first})
    # a date line or rubric right under a title ('Who is behind ...?' then 'Analysis | By X', a title then
    # 'March 29, 2021 7:02 AM UTC') belongs to that title's article: the line before it is the head
    kept: list[int] = []
    for o in heads:
        before = text[start:o].rstrip()  # ends with the last non-blank line before this head
        if before:
            line = before[before.rfind("\n") + 1 :]
            prev_start = start + len(before) - len(line.lstrip())
            if (prev_start == first or prev_start in kept) and not re.search(r"[.!]$", line):
                continue
        kept.append(o)
    return kept


def _spans(text: str) -> list[tuple[int, int, int | None]]:
    """(start, end, source-link line start or None) of each pasted article: a 'Source link' line ends one, and a
    new title with its byline (or a digest's title) starts one."""
    out, pos = [], 0
    chunks = []
    for m in _SOURCE_LINK.finditer(text):
        tail = _HASHTAGS.match(text, m.end() + 1 if m.end() < len(text) else m.end())
        end = tail.end() if tail else m.end()
        chunks.append((pos, end, m.start()))
        pos = end
    if text[pos:].strip():
        chunks.append((pos, len(text), None))
    for start, end, link in chunks:
        cuts = [start, *_heads(text, start, link if link is not None else end), end]
        for i in range(len(cuts) - 1):
            out.append((cuts[i], cuts[i + 1], link if i == len(cuts) - 2 else None))
    return out or [(0, len(text), None)]


def _dateline_guess(text: str, raw: list[list], i: int, floor: date | None) -> tuple[int | None, tuple[int, ...]]:
    """The year of article i's dateline without a year, from the neighbours' publication dates, their order, its
    weekdays and `floor`, the latest date it writes (`dateline_years`)."""
    r = raw[i]
    known = [(j, x[3]) for j, x in enumerate(raw) if j != i and x[3] is not None]
    near = [d for _, d in known] or [date(y, 7, 1) for y in r[5]]
    before = [d for j, d in known if j < i]
    after = [d for j, d in known if j > i]
    dates = [d for _, d in known]
    if len(dates) >= 3 and all(a > b for a, b in zip(dates, dates[1:])):  # pasted newest first
        before, after = after, before
    elif any(a > b for a, b in zip(dates, dates[1:])):
        before, after = [], []  # the dated articles are not in order: their order is no evidence
    return dateline_years(
        r[9][0],
        r[9][1],
        near,
        body=text[r[7] : r[10]],
        not_before=max(before) if before else None,
        not_after=min(after) if after else None,
        floor=floor,
    )


def split_documents(text: str, published: date | None = None) -> list[Document]:
    """The articles of a pasted file, in order; `published` (a single article's date) applies to every one."""
    raw = []
    for start, end, link in _spans(text):
        body = text[start:end]
        lead = len(body) - len(body.lstrip())
        s = start + lead
        line_end = text.find("\n", s, end)
        line_end = end if line_end < 0 else line_end
        title = text[s:line_end].strip()
        if (
            not _DIGEST.search(title)
            and _DATE_LINE.fullmatch(title)
            and (nxt := re.search(r"\S[^\n]*", text[line_end:end]))
        ):
            # 'Interview | 14 November 2022' above the title: the title is the next line
            title = nxt.group().strip()
            line_end = line_end + nxt.end()
        head = text[s : min(end, s + 700)]
        link_text = text[link : text.find("\n", link, end) if text.find("\n", link, end) > 0 else end] if link else ""
        kind = "digest" if _DIGEST.search(title) else "article"
        url = _URL_DATE.search(link_text)
        url_date = None
        if url:
            try:
                url_date = date(int(url["y"]), int(url["m"]), int(url["d"]))
            except ValueError:
                url_date = None
        pub, src = None, None
        undated_dateline = None
        if published is not None:
            pub, src = published, "given"
        elif (m := _PUBLISHED.search(head)) is not None:
            pub, src = _numeric_date(m) if m["dn"] else _date_of(m["d"], None), "published line"
        elif kind == "digest" and _date_of(title, None):
            pub, src = _date_of(title, None), "digest"
        elif (m := _DATELINE.search(head)) is not None:
            y = int(m["y"]) if m["y"] else (url_date.year if url_date else None)
            pub, src = _date_of(m["d"], y), "dateline"
            if pub is None and (md := _date_of(m["d"], 2000)) is not None:
                nl = head.find("\n", m.end())
                undated_dateline = (md, head[m.end() : nl if nl > 0 else len(head)])
        elif (m := _DATE_LINE.search(text, s, min(end, s + 300))) is not None:
            pub, src = _date_of(m["d"], None), "date line"
        if pub is None and url_date is not None:
            pub, src = url_date, "source link"
        body_end = link if link else end
        years = [int(y) for y in _YEAR.findall(text[line_end:body_end])]
        full = [d.year for d in find_dates(text, line_end, body_end) if d.year]
        raw.append(
            [
                title,
                s,
                end,
                pub,
                src if pub else None,
                years,
                kind,
                line_end,
                max(full) if full else None,
                undated_dateline,
                body_end,
            ]
        )
    # datelines without a year, the surest first: a story whose year only one year fits places the others
    pending = [i for i, r in enumerate(raw) if r[3] is None and r[9] is not None]
    floors = {i: written_floor(text[raw[i][7] : raw[i][10]]) for i in pending}  # the article's own: computed once
    fits: dict[int, tuple[int, ...]] = {}
    while pending:
        guesses = {i: _dateline_guess(text, raw, i, floors[i]) for i in pending}
        sure = [i for i in pending if guesses[i][0] is not None]
        if not sure:
            break
        i = min(sure, key=lambda i: (len(guesses[i][1]), i))
        y, fitting = guesses[i]
        how = "dateline (year inferred from its weekday and the articles' order"
        if len(fitting) > 1:
            how += f"; uncertain: {', '.join(map(str, fitting))} fit"
        raw[i][3], raw[i][4] = raw[i][9][0].replace(year=y), how + ")"
        fits[i] = fitting
        pending.remove(i)
    docs = []
    for i, (title, s, end, pub, src, years, kind, line_end, full, _, _) in enumerate(raw):
        if pub is not None:
            year, yfrom = pub.year, "published"
        elif full is not None:
            year, yfrom = full, "text"  # the latest full date it writes ('February 17, 2023')
        else:
            own = max(years) if years else None
            near = [r[3].year if r[3] else (max(r[5]) if r[5] else None) for j, r in enumerate(raw) if abs(j - i) == 1]
            near = [y for y in near if y]
            ctx = max(near) if near else None
            if own and (ctx is None or own >= ctx):
                year, yfrom = own, "text"
            elif ctx:
                year, yfrom = ctx, "context"
            else:
                year, yfrom = None, None
        docs.append(Document(title, s, end, pub, src, year, yfrom, kind, line_end, fits.get(i, ())))
    return docs


def byline_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Byline and 'Published ...' lines of an article: never events."""
    out = [(m.start(), m.end()) for m in _BYLINE.finditer(text, start, end)]
    out += [
        (m.start(), text.find("\n", m.start()) if text.find("\n", m.start()) > 0 else end)
        for m in _PUBLISHED.finditer(text, start, end)
    ]
    return out


def dateline_end(text: str, start: int, end: int) -> int | None:
    """End of a dateline ('OUAGADOUGOU, April 2 (Reuters) -') starting a line in text[start:end], if any."""
    m = _DATELINE.search(text, start, end)
    return m.end() if m else None


__all__ = ["Document", "split_documents", "byline_spans", "dateline_end", "dateline_year", "MONTHS"]
