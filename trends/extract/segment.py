"""Read a report file as text and cut it into blocks (headings, bullets, paragraphs, captions) and sentences.

Every span is a pair of character offsets into the text as read (HTML is first reduced to text, headings kept on
their own lines), so `text[start:end]` is always the quoted evidence.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from ..errors import InputFileError

SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")


@dataclass(frozen=True)
class Block:
    """A run of text between line breaks: kind is heading, bullet, paragraph, caption or note (an endnote such as
    '[6] "Title," Outlet, October 5, 2021.': a citation, never an event)."""

    kind: str
    start: int
    end: int
    level: int = 0  # heading depth when known (markdown '#' count or HTML h1-h6), else 0


class _HtmlText(HTMLParser):
    """HTML -> plain text: block elements become line breaks, headings get markdown '#' marks, scripts dropped."""

    BLOCK = {
        "p",
        "div",
        "br",
        "li",
        "tr",
        "section",
        "article",
        "ul",
        "ol",
        "table",
        "blockquote",
        "figcaption",
        "figure",
        "title",
        "header",
        "footer",
    }

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "noscript", "head"):
            self.skip += tag != "head"
        if tag in self.BLOCK:
            self.out.append("\n")
        if tag == "li":
            self.out.append("- ")
        if re.fullmatch(r"h[1-6]", tag):
            self.out.append("\n" + "#" * int(tag[1]) + " ")

    def handle_endtag(self, tag):
        if tag in ("script", "style", "noscript"):
            self.skip = max(0, self.skip - 1)
        if tag in self.BLOCK or re.fullmatch(r"h[1-6]", tag):
            self.out.append("\n")

    def handle_data(self, data):
        if not self.skip:
            self.out.append(data)


def html_to_text(markup: str) -> str:
    """Strip HTML to text, keeping headings ('## Iraq') and list items ('- ...') on their own lines."""
    p = _HtmlText()
    p.feed(markup)
    p.close()
    text = html.unescape("".join(p.out))
    text = re.sub(r"[ \t\r\f\v\xa0]+", " ", text)
    text = re.sub(r" *\n *", "\n", text)
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"


def read_report(path) -> str:
    """The report's text as the extractor sees it (HTML stripped); raises InputFileError for unreadable files."""
    path = Path(path)
    if not path.exists():
        raise InputFileError(f"{path}: no such file")
    if path.is_dir():
        raise InputFileError(f"{path}: is a directory; give a report file (.txt, .md or .html)")
    raw = path.read_bytes()
    if not raw.strip():
        raise InputFileError(f"{path}: the file is empty; expected report text (.txt, .md or .html)")
    head = raw[:8192]
    if b"\x00" in head:
        raise InputFileError(
            f"{path}: looks like a binary file (contains NUL bytes); expected report text (.txt, .md or .html)"
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        try:
            text = raw.decode("cp1252")
        except UnicodeDecodeError:
            raise InputFileError(
                f"{path}: not UTF-8 text (byte {e.start} is invalid) and not cp1252 either; "
                "save the report as UTF-8 text"
            ) from None
    ctrl = sum(1 for c in text[:8192] if ord(c) < 32 and c not in "\n\r\t\f")
    if ctrl > 0.05 * min(len(text), 8192):
        raise InputFileError(
            f"{path}: looks like a binary file ({ctrl} control characters in the first 8 KB); "
            "expected report text (.txt, .md or .html)"
        )
    if path.suffix.lower() in (".html", ".htm") or re.match(r"\s*(<!doctype html|<html)", text[:500], re.I):
        text = html_to_text(text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise InputFileError(f"{path}: no text left after removing HTML markup")
    return text


_BULLET = re.compile(r"(?:[-*•▪●◦]|\d{1,2}[.)])\s+")
_CAPTION = re.compile(
    r"(?:photo(?:\s+caption)?|image|picture|caption|right|left|above|below|top|bottom"
    r"|from right|from left)\b\s*[:\-–]",
    re.I,
)


_ENDNOTE = re.compile(r"\[\d{1,3}\]\s*\S|\^?\d{1,3}\s+[\"“]")
_NOTES_HEADING = re.compile(r"(?:end\s*notes|foot\s*notes|notes|sources|references|citations)\s*:?$", re.I)


def blocks(text: str) -> list[Block]:
    """Cut text into line blocks and classify each one; lines under an 'Endnotes'/'Sources' heading are notes."""
    out: list[Block] = []
    in_notes = False
    for m in re.finditer(r"[^\n]+", text):
        line = m.group()
        lead = len(line) - len(line.lstrip())
        s, e = m.start() + lead, m.end() - (len(line) - len(line.rstrip()))
        if s >= e:
            continue
        body = text[s:e]
        h = re.match(r"(#{1,6})\s+", body)
        if h or (_looks_like_heading(body) and not _BULLET.match(body) and not _CAPTION.match(body)):
            in_notes = bool(_NOTES_HEADING.match(body[h.end() if h else 0 :].strip()))
        if h:
            out.append(Block("heading", s + h.end(), e, len(h.group(1))))
        elif in_notes or _ENDNOTE.match(body):
            out.append(Block("note", s, e))
        elif _BULLET.match(body):
            out.append(Block("bullet", s + _BULLET.match(body).end(), e))
        elif _CAPTION.match(body) or (body[0] in "([" and body[-1] in ")]"):
            out.append(Block("caption", s, e))
        elif _looks_like_heading(body):
            out.append(Block("heading", s, e))
        else:
            out.append(Block("paragraph", s, e))
    return out


_DIRECTIONS = set(
    "northern southern eastern western central northeastern northwestern southeastern southwestern north-eastern"
    " north-western south-eastern south-western".split()
)


def _looks_like_heading(line: str) -> bool:
    """Short line without sentence punctuation, mostly capitalised words ('Diyala Province', 'Iraq')."""
    line = line.strip().rstrip(":")
    if len(line) > 70 or re.search(r"[.!?;]$", line) or not (line[:1].isupper() or line.startswith("al-")):
        return False
    words = re.findall(r"[A-Za-z][\w'’-]*", line)
    if not words or len(words) > 9:
        return False
    small = {"of", "and", "the", "on", "in", "for", "al", "ez", "ad", "el", "a", "to"}
    small |= _DIRECTIONS  # 'Idlib and northern Hama': a heading that names part of a province
    caps = sum(w[0].isupper() or w.lower() in small or w.lower().startswith(("al-", "ad-", "ez-")) for w in words)
    return caps == len(words)


_ABBREV = re.compile(
    r"(?:\b(?:[A-Z]|Mr|Mrs|Dr|Gen|Lt|Col|Maj|Capt|Sgt|St|No|approx|km|vs|etc|U\.S|a\.m|p\.m|e\.g|i\.e"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec))\.$"
)
_SPLIT = re.compile(r"[.!?][\"'”’)]?((?:\s*\[\d+\])*)(?=\s+[\"“(]?[A-Z0-9]|\s*$)|(?<=\])(?=\s+[A-Z])")


def sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence spans in text[start:end]; a footnote marker such as '[7]' stays with the sentence it ends."""
    spans: list[tuple[int, int]] = []
    s = start
    chunk = text[start:end]
    for m in _SPLIT.finditer(chunk):
        cut = start + m.end()
        if _ABBREV.search(text[max(s, cut - 8 - len(m.group(1) or "")) : start + m.start() + 1]):
            continue
        if cut > s:
            spans.append((s, cut))
        s = cut
        while s < end and text[s].isspace():
            s += 1
    if s < end and text[s:end].strip():
        e = end
        while e > s and text[e - 1].isspace():
            e -= 1
        spans.append((s, e))
    return [(a, b) for a, b in spans if text[a:b].strip()]
