"""Report stage: a small document model (headings, paragraphs, lists, tables, figures) and its Markdown/HTML writers.

The report is built once as a list of blocks and written three ways (Markdown, HTML, PDF), so the three files
always say the same thing. Rich text is a list of segments: plain strings and Link(text, href).
"""

from __future__ import annotations

import base64
import html
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Link:
    text: str
    href: str  # '#anchor' inside the report, or an absolute URL (only the licence link)


@dataclass
class Block:
    """kind: 'h1' | 'h2' | 'h3' | 'p' | 'ul' | 'table' | 'figure' | 'note'.

    For headings and paragraphs `content` is rich text; for 'ul' a list of rich texts; for 'table'
    (header list, list of rows of rich texts); for 'figure' (file name, caption). `anchor` is the id of the block.
    """

    kind: str
    content: object
    anchor: str | None = None
    extra: dict = field(default_factory=dict)


def rich(*parts) -> list:
    return [p for p in parts if p not in (None, "")]


def link_claim(text: str, links) -> list:
    """Turn a sentence and its (substring, anchor) links into rich text; each substring is linked once."""
    segs: list = [text]
    for sub, anchor in links:
        for i, s in enumerate(segs):
            if isinstance(s, str) and sub and sub in s:
                a, _, b = s.partition(sub)
                segs[i : i + 1] = rich(a, Link(sub, f"#{anchor}"), b)
                break
    return segs


def plain(rt) -> str:
    if isinstance(rt, str):
        return rt
    return "".join(s.text if isinstance(s, Link) else str(s) for s in rt)


# ---------------------------------------------------------------- Markdown
def _md_escape(s: str) -> str:
    return s.replace("\\", "\\\\").replace("*", "\\*").replace("_", "\\_").replace("[", "\\[").replace("]", "\\]")


def _md_rich(rt) -> str:
    if isinstance(rt, str):
        return _md_escape(rt)
    return "".join(f"[{_md_escape(s.text)}]({s.href})" if isinstance(s, Link) else _md_escape(str(s)) for s in rt)


def to_markdown(blocks: list[Block]) -> str:
    """GitHub-flavoured Markdown; anchors as `<a id>` tags so links work on GitHub and in most viewers."""
    out: list[str] = []
    for b in blocks:
        anchor = f'<a id="{b.anchor}"></a>\n' if b.anchor else ""
        if b.kind in ("h1", "h2", "h3"):
            out.append(f"{anchor}{'#' * int(b.kind[1])} {_md_rich(b.content)}")
        elif b.kind in ("p", "note"):
            text = _md_rich(b.content)
            out.append(anchor + (f"*{text}*" if b.kind == "note" else text))
        elif b.kind == "ul":
            out.append(anchor + "\n".join(f"- {_md_rich(i)}" for i in b.content))
        elif b.kind == "table":
            head, rows = b.content
            cell = lambda x: _md_rich(x).replace("|", "\\|").replace("\n", " ")  # noqa: E731
            lines = [
                "| " + " | ".join(head) + " |",
                "|" + "|".join("---:" if h in b.extra.get("right", ()) else "---" for h in head) + "|",
            ]
            lines += ["| " + " | ".join(cell(c) for c in r) + " |" for r in rows]
            out.append(anchor + "\n".join(lines))
        elif b.kind == "figure":
            name, caption = b.content
            out.append(f"{anchor}![{caption}](figures/{name})\n\n*{_md_escape(caption)}*")
    return "\n\n".join(out) + "\n"


# ---------------------------------------------------------------- HTML
_CSS = """
body{font-family:-apple-system,"Segoe UI",Helvetica,Arial,sans-serif;max-width:62rem;margin:2rem auto;padding:0 1.2rem;
color:#222;line-height:1.45}
h1{font-size:1.6rem;margin-bottom:.2rem}h2{font-size:1.25rem;border-bottom:1px solid #ddd;padding-bottom:.2rem;
margin-top:2.2rem}h3{font-size:1.05rem;margin-top:1.6rem}
a{color:#1f5fa8;text-decoration:none}a:hover{text-decoration:underline}
table{border-collapse:collapse;font-size:.85rem;margin:.6rem 0;display:block;overflow-x:auto}
th,td{border-bottom:1px solid #e3e3e3;padding:.25rem .55rem;text-align:left;vertical-align:top}
th{background:#f5f5f5;white-space:nowrap}td:not(:last-child){white-space:nowrap}td.r,th.r{text-align:right;font-variant-numeric:tabular-nums}
figure{margin:1rem 0}figure img{max-width:100%;height:auto;border:1px solid #eee}
figcaption{font-size:.85rem;color:#555}.note{font-size:.85rem;color:#555}
ul.headline li{margin:.35rem 0}
.lv-critical,.lv-high{color:#a40000;font-weight:600}.lv-alert,.lv-elevated,.lv-medium,.lv-warning{color:#b35900;
font-weight:600}
@page{size:A4;margin:18mm 14mm 18mm 14mm;
@top-left{content:string(doctitle);font:8pt Helvetica,Arial,sans-serif;color:#666}
@top-right{content:"trends";font:8pt Helvetica,Arial,sans-serif;color:#999}
@bottom-right{content:"page " counter(page) " of " counter(pages);font:8pt Helvetica,Arial,sans-serif;color:#666}}
@media print{
body{max-width:none;margin:0;padding:0;font-size:9.5pt;line-height:1.35}
h1{string-set:doctitle content();font-size:17pt;margin-top:0}
h2{font-size:13pt;margin-top:1.3rem}h3{font-size:11pt;margin-top:1rem}
h1,h2,h3{break-after:avoid}
p,li{orphans:2;widows:2}
table{display:table;width:100%;overflow:visible;font-size:7.5pt;table-layout:auto}
thead{display:table-header-group}
tr,figure,img{break-inside:avoid}
th{white-space:nowrap;padding:.15rem .3rem}
td,td:not(:last-child){white-space:normal;overflow-wrap:break-word;padding:.15rem .3rem}
td:first-child{white-space:nowrap}
figure{margin:.6rem 0}figure img{max-width:100%;max-height:230mm;border:none}
a{color:#1f5fa8}
}
"""


def _html_rich(rt) -> str:
    if isinstance(rt, str):
        return html.escape(rt)
    return "".join(
        f'<a href="{html.escape(s.href)}">{html.escape(s.text)}</a>' if isinstance(s, Link) else html.escape(str(s))
        for s in rt
    )


def to_html(blocks: list[Block], *, title: str, images: dict[str, bytes]) -> str:
    """A single self-contained HTML page: CSS inline, figures embedded as base64 PNG data URIs."""
    body: list[str] = []
    for b in blocks:
        aid = f' id="{html.escape(b.anchor)}"' if b.anchor else ""
        if b.kind in ("h1", "h2", "h3"):
            body.append(f"<{b.kind}{aid}>{_html_rich(b.content)}</{b.kind}>")
        elif b.kind == "p":
            body.append(f"<p{aid}>{_html_rich(b.content)}</p>")
        elif b.kind == "note":
            body.append(f'<p class="note"{aid}>{_html_rich(b.content)}</p>')
        elif b.kind == "ul":
            cls = f' class="{b.extra["class"]}"' if "class" in b.extra else ""
            items = "".join(f"<li>{_html_rich(i)}</li>" for i in b.content)
            body.append(f"<ul{aid}{cls}>{items}</ul>")
        elif b.kind == "table":
            head, rows = b.content
            right = set(b.extra.get("right", ()))
            lvcol = head.index("level") if "level" in head else None
            th = "".join(f"<th{' class=r' if h in right else ''}>{html.escape(h)}</th>" for h in head)
            trs = []
            for r in rows:
                tds = []
                for j, (h, c) in enumerate(zip(head, r)):
                    cls = "r" if h in right else (f"lv-{plain(c).lower()}" if j == lvcol else "")
                    tds.append(f"<td{f' class={cls}' if cls else ''}>{_html_rich(c)}</td>")
                trs.append("<tr>" + "".join(tds) + "</tr>")
            body.append(f"<table{aid}><thead><tr>{th}</tr></thead><tbody>{''.join(trs)}</tbody></table>")
        elif b.kind == "figure":
            name, caption = b.content
            data = base64.b64encode(images[name]).decode("ascii")
            body.append(
                f'<figure{aid}><img alt="{html.escape(caption)}" src="data:image/png;base64,{data}">'
                f"<figcaption>{html.escape(caption)}</figcaption></figure>"
            )
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{html.escape(title)}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n"
        + "\n".join(body)
        + "\n</body>\n</html>\n"
    )
