"""Report text -> events and period counts, read through the document tree (trends.extract.tree).

Each bullet or paragraph of the body is read sentence by sentence: a sentence that states a count over a period
gives PeriodCount records; a hedged, negated, planned or reported-speech sentence is skipped with its reason; a
sentence with a violent act and a date of its own (or, in a bullet, the date of the claim it cites) starts an event;
the sentences after it that only add casualties or a qualifier are read into it; 'In addition, ...' starts the next
event of a compound bullet. Captions, footnotes and summary sections ('Key Takeaways') never yield events, and an
event retold (the same date and actor in one paragraph, or the same text twice) is written once."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field, replace

from . import dates as D
from .actors import GROUPS, find_actors, resolve_actor
from .counts import PeriodCount
from .places import (
    find_places,
    gazetteer,
    heading_place,
    key,
    paren_province,
    world_country,
)
from .reader import _Reader
from .rules import (
    _NEAR,
    Skip,
    _countries_in,
    _Ctx,
)
from .tree import Node, document

__all__ = ["extract", "Extraction", "PeriodCount", "Skip", "_NEAR", "event_id"]


@dataclass
class Extraction:
    """What one report yields: events (dicts in the JSONL layout), period counts and a note per skipped unit."""

    events: list[dict]
    periods: list[PeriodCount]
    skipped: list[Skip]
    period: D.ReportPeriod
    text: str = ""
    nodes: list[Node] = field(default_factory=list)


#: a paragraph's run-in label that names a first-level division with its type word ('Yobe State.', 'Diyala Province:')
_UNIT_LEAD = re.compile(r"^(?:[A-Z][\w'’-]*\s){1,2}(?:Province|Governorate|State|Region)\s?$")


def _heading_ctx(path: tuple[str, ...], provinces) -> _Ctx:
    c = _HCTX.get(path)
    if c is None:
        c = _HCTX[path] = _heading_ctx_uncached(path, provinces)
        if len(_HCTX) > 4096:
            _HCTX.clear()
    return replace(c)


_HCTX: dict[tuple, _Ctx] = {}


def _heading_ctx_uncached(path: tuple[str, ...], provinces) -> _Ctx:
    ctx = _Ctx()
    ctx.path_countries = [c for h in path for c in _countries_in(h)]
    for h in path:
        g = GROUPS.search(h)
        if g:
            ctx.group, ctx.group_from = g.group(), "heading"
            if re.search(r"\bSinai\b", h):
                ctx.country = "Egypt"
            named = [c for c in _countries_in(h) if c != "Sinai"]
            pp = paren_province(h)
            if pp is not None and pp[0] in (ctx.country, None):
                ctx.country, ctx.province_raw = pp  # "ISIS's activity in Al-Khayr Province (Deir ez-Zor)"
                continue
            if named and ctx.country not in named:
                # 'Al-Shabaab (Somalia)', "ISIS's Mozambique Province": the heading's group acts in that country;
                # 'JNIM (Burkina Faso and Mali)': in one of those, whatever heading came before
                ctx.country, ctx.province_raw = (named[0] if len(named) == 1 else None), None
                ctx.path_countries = named
            continue
        c, prov = heading_place(h)
        if c is None and re.search(r"\bSinai\b", h):
            c = "Egypt"
        if c is None and not re.search(r"\band\b", h):
            named = _countries_in(h)
            c = named[0] if named else world_country(h)  # 'Indonesia', 'France': a theatre outside COUNTRIES
        if c is None and prov is None and ctx.country and not _countries_in(h):
            # 'The Campaign for the Liberation of Western Mosul' under 'Iraq': the one town a heading names
            towns = [p for p in find_places(h, 0, len(h), ctx.country) if p.kind == "town" and p.country == ctx.country]
            if len(towns) == 1 and towns[0].province_raw:
                c, prov = ctx.country, towns[0].province_raw
        if prov:
            if c is None or (ctx.country and c != ctx.country):
                cands = provinces.get(key(prov), [])
                same = [x for x in cands if x[0] == ctx.country]
                c, prov = same[0] if same else (c or ctx.country, prov)
            ctx.country, ctx.province_raw = c or ctx.country, prov
        elif c:
            ctx.country, ctx.province_raw = c, None
    return ctx


#: a heading or lead-in that introduces a list of the group's claims: its unnamed attackers are the group's
_CLAIM_LEAD = re.compile(
    r"\bclaims?\s+of\s+responsibility\b|\bclaimed\s+(?:responsibility\s+for\s+)?the\s+following\b"
    r"|\bthe\s+following\s+claims\b|\bclaims\b[^.;:]{0,40}\b(?:included|include|were)\s+(?:the\s+)?following\b"
    r"|\bthe\s+following\b[^.;:]{0,40}\bclaimed\b",
    re.I,
)
#: a lead-in that closes its paragraph with a count of the group's claims: 'ISIS claimed two attacks on Iraqi forces
#: in Salah al-Din province this week:' (the bullets below are those claims, their unnamed attackers the group's)
_CLAIMED_LIST = re.compile(
    r"\bclaimed\s+(?:responsibility\s+for\s+)?(?:[\w-]+\s+){0,3}?(?:attacks|operations|ambushes|bombings|killings"
    r"|assassinations|raids)\b[^.;:]{0,120}:\s*$",
    re.I,
)
#: a heading or lead-in that gives the acts of the section to a group without calling them its claims: "ISIS's
#: activity in the various provinces", 'The following attacks were attributed to ISIS by Iraqi security sources:'
_OWNER_HEADING = re.compile(
    r"\s*(?:the\s+)?(?P<g>[\w'’ -]{2,40}?)['’]s?\s+(?:main\s+)?(?:activity|activities|attacks|operations)\b"
    r"(?!\s+(?:against|on|targeting)\b)",
    re.I,
)
_OWNER_LEAD = re.compile(
    r"\bthe\s+following\b[^.;:]{0,60}\b(?:attributed\s+to|carried\s+out\s+by|perpetrated\s+by)\s+(?:the\s+)?"
    r"(?P<g>[^.;:]{2,40}?)(?:\s+by\b[^.;:]*)?:\s*$",
    re.I,
)


def _list_owner(text: str, start: int, end: int) -> str | None:
    """The group whose acts a closing lead-in lists ('According to ISIS claims, its operatives carried out the
    following attacks:', "ISIS's Sinai Province claimed the following attacks:"): its first group not named as a
    target ('... the following operations against ISIS:' lists the force's, not ISIS's); None when the paragraph
    does not end with such a lead-in."""
    body = text[start:end].rstrip()
    if not body.endswith(":"):
        return None
    cut = max(body.rfind(". ", 0, len(body) - 1), body.rfind("] ", 0, len(body) - 1)) + 1
    last = body[cut:]
    if not re.search(r"\bthe\s+following\b", last, re.I):
        return None
    for m in find_actors(last, 0, len(last)):
        if m.is_state or re.search(r"\b(?:against|on|targeting|of)\s+(?:the\s+)?$", last[: m.start]):
            continue
        return m.raw
    return None


def extract(text: str, name: str = "report", *, fmt: str = "auto", year: int | None = None) -> Extraction:
    """All events and period counts in a report's text. `name` enters event ids and the default source."""
    period = D.report_period(text, year)
    nodes = document(text)
    _, provinces = gazetteer()
    r = _Reader(text, name, period, year, provinces)
    lead_ctx: _Ctx | None = None
    lead_path = None
    colon_lead: tuple | None = None  # the lead group and claims before a paragraph's closing lead-in
    cur_level = 0  # the level of the last heading
    owned_by_lead = False  # r.lead_owned was set by a lead-in paragraph, not by a heading
    # the lead groups in force, by the heading level that owns them: a paragraph's lead-in belongs to the section
    # of the heading above it (level + 0.5), so a sibling heading ends it and a sub-heading keeps it
    lead_stack: list[tuple[float, str | None]] = []
    for node in nodes:
        if r.lead_group != (lead_stack[-1][1] if lead_stack else None):
            lead_stack = [x for x in lead_stack if x[0] < cur_level + 0.5] + [(cur_level + 0.5, r.lead_group)]
        if node.kind in ("title", "meta"):
            continue
        if node.kind == "heading":
            lead_ctx, cur_level = None, node.level
            lead_stack = [x for x in lead_stack if x[0] < node.level]
            r.lead_group = lead_stack[-1][1] if lead_stack else None
            if r.lead_owned is not None and (
                node.level <= r.lead_owned
                or (owned_by_lead and heading_place(text[node.start : node.end]) == (None, None))
            ):
                # the section whose acts the heading or lead-in gave to a group is over; a lead-in's list of provinces
                # ends at a heading that names no place ('Counterterrorism activity')
                r.lead_owned = None
            own = _OWNER_HEADING.match(text, node.start, node.end)
            if own and node.role == "body" and GROUPS.fullmatch(own.group("g").strip()):
                r.lead_owned, owned_by_lead = node.level, False  # "ISIS's activity in the various provinces"
            r.lead_group = None if node.level <= 2 else r.lead_group
            g = GROUPS.search(text, node.start, node.end)
            if g and node.role == "body":
                r.lead_group = r.channel_group = g.group()
                lead_stack.append((node.level, r.lead_group))
            if _CLAIM_LEAD.search(text, node.start, node.end):
                r.lead_claims = True  # 'ISIS's claims of responsibility in the various provinces'
            elif node.level <= 2 or g:
                r.lead_claims = False
            continue
        if node.kind == "note":
            continue
        if node.kind == "caption" or node.repeat:
            r.skip("caption" if node.kind == "caption" else "repeated text", node.start, node.end)
            continue
        hctx = _heading_ctx(node.path, provinces)
        if lead_path != node.path:
            lead_ctx, lead_path = None, node.path
        ctx = _Ctx(hctx.country, hctx.province_raw, hctx.group, hctx.group_from, list(hctx.path_countries))
        body = text[node.start : node.end]
        lead = re.match(r"((?:[A-Z][\w'’-]*\s?){1,3}(?:and\s(?:[A-Z][\w'’-]*\s?){1,3})?)[.:]\s", body)
        if lead and node.kind == "paragraph":
            names = _countries_in(lead.group(1))
            if names:
                lead_ctx = _Ctx(country=names[0] if len(names) == 1 else None)
                r.lead_group = None  # 'Pakistan. ...' opens another country: the last paragraph's group stays there
        if lead_ctx is not None and node.kind == "paragraph" or (lead_ctx is not None and node.kind == "bullet"):
            ctx.country, ctx.province_raw = lead_ctx.country, None
        if lead and node.kind == "paragraph" and _UNIT_LEAD.search(lead.group(1)):
            c, prov = heading_place(lead.group(1))
            if prov and (c is None or not ctx.path_countries or c in ctx.path_countries):
                # 'Yobe State. ISWAP ambushed a convoy ...': the paragraph's run-in label is its heading
                ctx.country, ctx.province_raw = c or ctx.country, prov
        if node.role == "summary":
            r.read_block(node, ctx, events_allowed=False)
            continue
        if colon_lead is not None and node.kind != "bullet":
            r.lead_group, r.lead_claims = colon_lead  # the list the lead-in introduced is over
            colon_lead = None
        r.read_block(node, ctx)
        body = text[node.start : node.end].rstrip()
        if node.kind == "paragraph" and body.endswith(":") and r.block_events:
            # '... ISIS also claimed the following attacks via Amaq this week:' closing a paragraph that told its
            # own events: the bullets below are that group's claims
            last = body[max(body.rfind(". "), body.rfind("] ")) + 1 :]
            g = [m for m in find_actors(last, 0, len(last)) if not m.is_state]
            if g:
                colon_lead = (r.lead_group, r.lead_claims)
                r.lead_group, r.lead_claims = g[0].raw, bool(re.search(r"\bclaim", last, re.I))
        if node.kind in ("paragraph", "bullet") and not r.block_events:
            own = _OWNER_LEAD.search(text, node.start, node.end)
            if own and GROUPS.search(own.group("g")):
                r.lead_owned, owned_by_lead = cur_level, True  # 'The following attacks were attributed to ISIS ...:'
            owner = _list_owner(text, node.start, node.end)
            if owner is not None:
                # 'According to ISIS claims, its operatives carried out the following attacks:'
                r.lead_owned, owned_by_lead = cur_level, True
            g = [m for m in find_actors(text, node.start, node.end) if not m.is_state]
            if g:
                same = r.lead_group is not None and resolve_actor(r.lead_group).actor == resolve_actor(g[-1].raw).actor
                r.lead_group = owner or g[-1].raw
                r.channel_group = r.channel_group or g[0].raw
                # a paragraph of counts under 'ISIS's claims of responsibility': the same group's claims go on
                r.lead_claims = bool(
                    _CLAIM_LEAD.search(text, node.start, node.end) or _CLAIMED_LIST.search(text, node.start, node.end)
                ) or (same and r.lead_claims and re.search(r"\bclaim", text[node.start : node.end], re.I) is not None)
    return Extraction([_finish(name, ev) for ev in r.events], r.periods, r.skipped, period, text, nodes)


#: confidence below high needs a reason; one or two reasons make it medium, three or more low
_LOW_ALONE = {"date without a year"}


def _finish(name: str, ev: dict) -> dict:
    """Drop the reader's private keys, give the event its id and its confidence (high / medium / low + reason)."""
    reasons = list(dict.fromkeys(ev.pop("_reasons")))
    part = ev.pop("_part")
    uid = ev["evidence"]["sentence"] if part is None else f"{ev['evidence']['sentence']}\x1f{ev['event_date']}"
    for k in [k for k in ev if k.startswith("_")]:
        del ev[k]
    ev["event_id"] = event_id(name, uid)
    ev["confidence"] = "high" if not reasons else ("medium" if len(reasons) <= 2 else "low")
    ev["confidence_reason"] = "; ".join(reasons) or None
    return ev


def event_id(name: str, unit_text: str) -> str:
    """Stable across re-extraction: the report name plus the whitespace-normalised evidence text."""
    h = hashlib.sha1(f"{name}\x1f{' '.join(unit_text.split())}".encode()).hexdigest()[:16]
    return f"report:{name}:{h}"
