"""One self-contained HTML page to check a report's extraction: the report text block by block, each event's
evidence highlighted with its fields beside it, period counts in another colour, skipped passages greyed with
their reason. No scripts, no external files."""

from __future__ import annotations

import html
from pathlib import Path

from .parse import Extraction

_CSS = """
body{font:14px/1.45 system-ui,sans-serif;margin:0;color:#222;background:#fafafa}
header{padding:12px 20px;background:#263238;color:#fff}header h1{font-size:18px;margin:0 0 4px}
header p{margin:0;font-size:13px;color:#cfd8dc}
.legend span{display:inline-block;padding:1px 8px;margin-right:8px;border-radius:3px}
main{padding:10px 20px;max-width:1400px}
.row{display:grid;grid-template-columns:minmax(0,3fr) minmax(0,2fr);gap:14px;border-bottom:1px solid #e0e0e0;
padding:6px 0}
.txt{white-space:pre-wrap}.h{font-weight:700;font-size:15px;color:#37474f}.cap{color:#9e9e9e;font-style:italic}
mark.ev{background:#fff59d;border-bottom:2px solid #f9a825}mark.pc{background:#b3e5fc;border-bottom:2px solid #0277bd}
.sk{color:#9e9e9e}.why{font-size:11px;color:#757575;background:#eee;border-radius:3px;padding:0 4px;margin-left:4px}
.card{font-size:12px;border-left:4px solid #f9a825;background:#fff;padding:4px 8px;margin-bottom:6px}
.card.pc{border-color:#0277bd}.card b{color:#37474f}.conf-medium{color:#ef6c00}.conf-low{color:#c62828}
.card table{border-collapse:collapse}.card td{padding:0 6px 0 0;vertical-align:top}
"""


def _e(s) -> str:
    return html.escape("" if s is None else str(s))


def _event_card(i: int, ev: dict) -> str:
    cas = (
        f"killed {ev['fatalities'] if ev['fatalities'] is not None else '?'}, wounded "
        f"{ev['wounded'] if ev['wounded'] is not None else '?'}"
    )
    if ev.get("casualties_note"):
        cas += f" ({ev['casualties_note']})"
    conf = ev.get("confidence", "high")
    rows = [
        ("date", f"{ev['event_date']} ({ev['date_precision']})"),
        ("actor", ev["actor"]),
        ("counterpart", ev.get("counterpart")),
        (
            "where",
            f"{ev['country']} / {ev.get('province') or '-'}" + (f" ({ev['location']})" if ev.get("location") else ""),
        ),
        ("type", ev["event_type"]),
        ("casualties", cas),
        ("attribution", ev["attribution"]),
        ("source", f"{ev.get('source')} {ev.get('source_date') or ''}"),
        ("headings", " › ".join(ev.get("heading_path") or []) or "-"),
        ("confidence", f"<span class='conf-{conf}'>{_e(conf)}</span> {_e(ev.get('confidence_reason') or '')}"),
    ]
    body = "".join(f"<tr><td><b>{k}</b></td><td>{v if k == 'confidence' else _e(v)}</td></tr>" for k, v in rows)
    return f"<div class='card' id='ev{i}'><b>event {i + 1}</b><table>{body}</table></div>"


def _period_card(i: int, p) -> str:
    r = p.record()
    rows = [
        ("actor", r["actor"]),
        ("target", r["target"]),
        ("where", f"{r['country'] or '-'} / {r['province'] or '-'}"),
        ("count", f"{r['count']} ({r['count_qualifier']})"),
        ("period", f"{r['period_start']} – {r['period_end'] or 'open'}"),
        ("attribution", r["attribution"]),
    ]
    body = "".join(f"<tr><td><b>{k}</b></td><td>{_e(v)}</td></tr>" for k, v in rows)
    return f"<div class='card pc'><b>period count {i + 1}</b><table>{body}</table></div>"


def render_review(res: Extraction, title: str) -> str:
    """The review page as an HTML string."""
    text = res.text
    # spans to colour, by priority: event evidence > period count > skipped
    marks: list[tuple[int, int, str, str]] = []
    for s in res.skipped:
        marks.append((s.start, s.end, "sk", s.reason))
    for p in res.periods:
        marks.append((p.evidence["start"], p.evidence["end"], "pc", ""))
    for ev in res.events:
        marks.append((ev["evidence"]["start"], ev["evidence"]["end"], "ev", ""))
    prio = {"sk": 0, "pc": 1, "ev": 2}
    out = []
    for node in res.nodes:
        a, b = node.start, node.end
        cuts = sorted({a, b} | {x for s, e, _, _ in marks for x in (s, e) if a < x < b})
        pieces = []
        for x, y in zip(cuts, cuts[1:]):
            cover = [m for m in marks if m[0] <= x and m[1] >= y]
            seg = _e(text[x:y])
            if not cover:
                pieces.append(seg)
                continue
            top = max(cover, key=lambda m: prio[m[2]])
            if top[2] == "sk":
                why = f"<span class='why'>{_e(top[3])}</span>" if top[1] == y else ""
                pieces.append(f"<span class='sk'>{seg}</span>{why}")
            else:
                pieces.append(f"<mark class='{top[2]}'>{seg}</mark>")
        cls = "h" if node.kind in ("heading", "title") else ("cap" if node.kind in ("caption", "note", "meta") else "")
        tag = (
            f" <span class='why'>{node.kind}{' · summary' if node.role == 'summary' else ''}</span>"
            if node.kind in ("caption", "note") or node.role == "summary"
            else ""
        )
        cards = [_event_card(i, ev) for i, ev in enumerate(res.events) if a <= ev["evidence"]["start"] < b]
        cards += [_period_card(i, p) for i, p in enumerate(res.periods) if a <= p.evidence["start"] < b]
        out.append(
            f"<div class='row'><div class='txt {cls}'>{''.join(pieces)}{tag}</div><div>{''.join(cards)}</div></div>"
        )
    from collections import Counter

    reasons = ", ".join(f"{r} {n}" for r, n in Counter(s.reason for s in res.skipped).most_common())
    head = (
        f"<header><h1>{_e(title)}</h1><p>{len(res.events)} events, {len(res.periods)} period counts, "
        f"{len(res.skipped)} passages skipped ({_e(reasons)})</p><p class='legend'>"
        "<span style='background:#fff59d;color:#222'>event evidence</span>"
        "<span style='background:#b3e5fc;color:#222'>period count</span>"
        "<span style='background:#eee;color:#757575'>skipped (reason)</span></p></header>"
    )
    return (
        f"<!doctype html><html><head><meta charset='utf-8'><title>{_e(title)}</title><style>{_CSS}</style>"
        f"</head><body>{head}<main>{''.join(out)}</main></body></html>"
    )


def write_review(res: Extraction, path, title: str) -> Path:
    """Write the review page; returns its path."""
    path = Path(path)
    path.write_text(render_review(res, title), encoding="utf-8")
    return path
