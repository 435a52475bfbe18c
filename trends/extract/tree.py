"""A report as a document tree: title, headings (with a heading path), bullets and sub-bullets, paragraphs, photo and
map captions, footnote lists and summary sections ('Key Takeaways', 'Main Events of the Week') that repeat the body.

`document(text)` returns the nodes in text order; each node knows its heading path and whether it sits in a summary
(summaries and captions never yield events) or in the notes (citations, never events). Offsets index `text`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .segment import _looks_like_heading

#: bullet markers: ITIC writes '•' for bullets and 'o' for sub-bullets; markdown '-', '*'; numbered '1.' / '1)'
_BULLET = re.compile(r"(?P<mark>[-*•▪●◦‣∙·]|o(?=\s+[A-Z\"“(])|\d{1,2}[.)](?=\s+[A-Z]))\s+")
_SUB_MARKS = {"o", "◦", "▪", "‣", "∙", "·"}
_CAPTION = re.compile(
    r"(?:photo(?:\s+caption)?|image|picture|caption|right|left|above|below|top|bottom|center|centre"
    r"|from (?:right|left)|map|source|sources|note|credit)\b\s*[:\-–]"
    r"|(?:figure|fig\.|map|chart|graphic|table)\s+\d+[.:]?(?:\s|$)"
    r"|(?:an?\s+|the\s+)?(?:map|photo(?:graph)?|image|picture|chart|graph|infographic)s?\s+(?:of|showing|depicting)\s",
    re.I,
)
_ENDNOTE = re.compile(r"\[\d{1,3}\]\s*(?:\S|$)|\^?\d{1,3}\s+[\"“]|\d{1,3}\s*(?:https?://|www\.)")
_NOTES_HEADING = re.compile(r"(?:end\s*notes|foot\s*notes|notes|sources|references|citations)\s*:?$", re.I)
_SUMMARY_HEADING = re.compile(
    r"(?:(?:key|top|main|the\s+week['’]s)\s+(?:takeaways?|points|findings|judge?ments|developments)|takeaways"
    r"|main\s+events(?:\s+of\s+the\s+week)?|(?:this\s+week['’]s\s+)?highlights?|in\s+brief"
    r"|executive\s+summary|bottom\s+line|at\s+a\s+glance|(?:in\s+)?summary)\s*:?$",
    re.I,
)
_TOP_HEADING = re.compile(
    r"(?:assessments?|other\s+updates|main\s+areas|isis's\s+main\s+areas|overview"
    r"|analysis|background)\b",
    re.I,
)
_LEAD_IN = re.compile(r"\b(?:activity|activities|attacks|operations|claims)\b", re.I)
_PROVINCE_HEADING = re.compile(r"\b(?:province|governorate|state|region|wilayah|wilayat)\s*:?$", re.I)
_LEAD_LINE = re.compile(
    r"[A-Z][^.!?;]{0,60}\b(?:activity|activities|attacks|operations)\b(?: (?:in|of|by|against) [^.!?;()]{0,45})?"
    r"(?: \([^.!?;()]{2,40}\))?:?$"
)
#: a bullet that holds only a bold label ('**Diyala Province**', '__Borno State:__'): a heading in a list
_BOLD_LABEL = re.compile(r"(?P<m>\*\*|__)(?P<t>[^*_\n.!?]{2,80}?)(?P=m):?\s*")
#: a bullet that holds only a division's name with its type word ('- Kirkuk Province', the bold of an HTML list lost
#: in its text): a heading in a list too
_UNIT_LABEL = re.compile(
    r"(?P<t>(?:(?:al|as|ad|ash|el|an|ar)-)?[A-Z][\w'’-]*(?:[ -](?:(?:al|as|ad|ash|el|an|ar|ez|az)[ -])?[A-Z][\w'’-]*){0,3}"
    r"\s+(?:Province|Governorate|State|Region|Wilayah))"
    r":?\s*"
)
_ITALIC_LINE = re.compile(r"([*_])[^*_\n].*[^*_\n]\1")
_REGION = re.compile(
    r"\b(?:Africa|Sahel|Asia|Maghreb|Horn|Caucasus|Europe|Balkans|Gulf|Levant|Middle East|Sinai|Peninsula"
    r"|Arabian|Global|World|International|Worldwide)\b",
    re.I,
)
_BOILERPLATE = re.compile(r"(?:authors?|contributors?|to receive|follow\s|data\s+cut-?\s?off|published|ua-\d)", re.I)


@dataclass(frozen=True)
class Node:
    """One block of the report: kind is title, heading, bullet, paragraph, caption, note or meta.

    `level` is the heading depth (1 = top) or the bullet depth (1 = bullet, 2 = sub-bullet); `path` the texts of the
    enclosing headings, outermost first; `role` is body, summary (a section that repeats the body) or notes."""

    kind: str
    start: int
    end: int
    level: int = 0
    path: tuple[str, ...] = ()
    role: str = "body"
    repeat: bool = False  # the same text as an earlier block (a caption repeating its bullet, say)


def heading_level(body: str, marked: int | None = None) -> int:
    """Depth of a heading: markdown '#' count when given, else by kind (section 1, country 2, lead-in 3,
    province or group-province 4)."""
    if marked:
        return marked
    t = body.strip().rstrip(":")
    if _SUMMARY_HEADING.match(t) or _TOP_HEADING.match(t):
        return 1
    from .actors import GROUPS

    if GROUPS.search(t):
        return 3  # 'ISIS's Sahel Province' holds the place headings under it ('Menaka Region')
    if _PROVINCE_HEADING.search(t):
        return 4
    if _LEAD_IN.search(t):
        return 3
    return 2


def _is_country(heading: str) -> bool:
    """A heading that is only a country's name ('Iraq', 'Syria:')."""
    from .places import COUNTRIES, canonical_country, world_country

    t = heading.strip().rstrip(":").strip()
    return len(t) < 40 and (canonical_country(t) in COUNTRIES or world_country(t) is not None)


def _in_country_section(stack: list[tuple[int, str]], level: int, htext: str) -> bool:
    """A topic heading of a plain-text report at its country heading's level ('Syria', then 'The Damascus Area'):
    it opens a section of that country unless it names a country or a region itself, or is a top heading."""
    from .rules import _countries_in

    if not any(lv == level and _is_country(t) for lv, t in stack):
        return False
    t = htext.rstrip(":")
    return not (
        _countries_in(t) or _is_country(t) or _REGION.search(t) or _SUMMARY_HEADING.match(t) or _TOP_HEADING.match(t)
    )


def _norm(s: str) -> str:
    return re.sub(r"\W+", " ", s).strip().lower()


def document(text: str) -> list[Node]:
    """The report's nodes in text order (see the module docstring)."""
    out: list[Node] = []
    stack: list[tuple[int, str]] = []  # (level, heading text)
    role = "body"
    summary_level = None
    seen: set[str] = set()
    first = True
    for m in re.finditer(r"[^\n]+", text):
        line = m.group()
        lead = len(line) - len(line.lstrip())
        s, e = m.start() + lead, m.end() - (len(line) - len(line.rstrip()))
        if s >= e:
            continue
        body = text[s:e]
        h = re.match(r"(#{1,6})\s+", body)
        is_heading = (
            bool(h)
            or _SUMMARY_HEADING.fullmatch(body.strip()) is not None
            or (
                (_looks_like_heading(body) or _LEAD_LINE.match(body))
                and not _BULLET.match(body)
                and not _CAPTION.match(body)
                and not _ENDNOTE.match(body)
                and not _BOILERPLATE.match(body)
            )
        )
        bl = None if is_heading else _BULLET.match(body)
        label = (_BOLD_LABEL.fullmatch(body, bl.end()) or _UNIT_LABEL.fullmatch(body, bl.end())) if bl else None
        if not is_heading and not bl and (bold := _BOLD_LABEL.fullmatch(body)):
            if not first or _UNIT_LABEL.fullmatch(bold["t"]):
                label = bold  # a line that is only a bold label ('**Kirkuk Province**'): a heading
        if label:
            is_heading = True  # '- **Kirkuk Province**' with the province's sub-bullets under it: a heading
        if is_heading:
            hs = s + (h.end() if h else 0)
            if label:
                hs, e = s + label.start("t"), s + label.end("t")
            htext = text[hs:e].strip()
            if first:
                out.append(Node("title", hs, e, 0, (), role))
                first = False
                continue
            level = heading_level(htext, len(h.group(1)) if h else None)
            if not h and stack and out and out[-1].kind == "heading" and not _looks_like_heading(body):
                level = max(level, stack[-1][0] + 1)  # 'Borno State' then 'ISWAP claimed the following attacks:'
            elif not h and _in_country_section(stack, level, htext):
                level += 1  # 'Syria' then 'The Damascus Area', 'The Raqqa Area': sections of the country
            if _NOTES_HEADING.match(htext):
                role, summary_level = "notes", None
            elif _SUMMARY_HEADING.match(htext.rstrip(":")):
                role, summary_level = "summary", level
            elif role == "summary" and summary_level is not None and (level <= summary_level or not h):
                role, summary_level = "body", None
                stack = [x for x in stack if not _SUMMARY_HEADING.match(x[1])]  # the body is not under 'Highlights'
            elif role == "notes" and level <= 2:
                role = "body"
            while stack and stack[-1][0] >= level:
                stack.pop()
            out.append(Node("heading", hs, e, level, tuple(t for _, t in stack), role))
            stack.append((level, htext.rstrip(":").strip()))
            continue
        path = tuple(t for _, t in stack)
        key = _norm(body)
        repeat = len(key) > 30 and key in seen
        seen.add(key)
        if first and _BOILERPLATE.match(body) is None and len(body) < 160 and not body.endswith("."):
            out.append(Node("title", s, e, 0, (), role))
            first = False
            continue
        if role == "notes" or _ENDNOTE.match(body):
            out.append(Node("note", s, e, 0, path, "notes"))
            continue
        b = _BULLET.match(body)
        if b and _CAPTION.match(body[b.end() :].lstrip("*_[( ")):
            out.append(Node("caption", s, e, 0, path, role, repeat))  # '- *Photo caption: ...*' in a list
            continue
        if b:
            sub = b.group("mark") in _SUB_MARKS or lead >= 4
            out.append(Node("bullet", s + b.end(), e, 2 if sub else 1, path, role, repeat))
            continue
        if (
            _CAPTION.match(body)
            or (body[0] in "([" and body[-1] in ")]")
            or body.startswith("![")
            or (out and out[-1].kind == "caption" and _ITALIC_LINE.fullmatch(body))
        ):  # a markdown image, and the italic line under it
            out.append(Node("caption", s, e, 0, path, role, repeat))
            continue
        if _BOILERPLATE.match(body) and len(body) < 200:
            out.append(Node("meta", s, e, 0, path, role))
            continue
        out.append(Node("paragraph", s, e, 0, path, role, repeat))
    return out
