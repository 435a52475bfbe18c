"""Report text -> events and period counts. One event per dated bullet (ITIC style) or per dated sentence with a
violent act (CTP style); captions, duplicates, undated and background sentences are skipped, and sentences that
state a count over a period become PeriodCount records instead of events."""
from __future__ import annotations

import hashlib
import re
from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import date

from . import dates as D
from .actors import find_actors, resolve_actor, state_actor
from .casualties import casualties
from .event_types import event_type
from .places import COUNTRIES, COUNTRY_ADJ, canonical_country, canonical_province, find_places, gazetteer, \
    heading_place, key
from .segment import Block, blocks, sentences

STATE_TYPES = {"airstrike", "drone strike", "arrest/raid", "surrender"}
_UNVERIFIED = re.compile(r"\bunverified\b|could not be (?:independently )?verified|cannot be (?:independently )?"
                         r"verified|\bquestionable\b|not (?:been )?(?:independently )?(?:verified|confirmed)"
                         r"|\bunconfirmed\b|\bdoubtful\b|\bexaggerat", re.I)
_CLAIMED = re.compile(r"\bclaim(?:ed|s|ing)?\b|according to (?:ISIS|the organization|the group|ISWAP|JNIM)", re.I)
_GROUP_CHANNELS = re.compile(r"telegram|amaq|nashir|al-naba|naba|rocket\.chat|ISIS media|hoop", re.I)
_SOURCE = re.compile(r"\((?P<src>[^()]{2,80}?),\s*(?P<date>[A-Z][a-z]+\.? \d{1,2},? (?:19|20)\d\d)\)\s*\.?\s*$")
_FOOTNOTE = re.compile(r"\[(\d{1,3})\]")
_PERIOD = re.compile(
    r"(?:(?P<n>\d+|\w+)\s+times|(?P<n2>\d+|\w+)\s+(?:(?:\w+|IED|small-arms)\s+){0,2}(?:attacks|assaults|operations"
    r"|incidents|ambushes|strikes|raids))\b[^.]{0,80}?\b(?:between|from)\s+(?P<a>[A-Z][a-z]+\.? \d{1,2}(?:, \d{4})?)"
    r"\s+(?:and|to|until|through)\s+(?P<b>(?:[A-Z][a-z]+\.? )?\d{1,2}(?:, \d{4})?)")
_TARGETS = [(re.compile(p, re.I), lab) for p, lab in [
    (r"\bPMF\b|Popular Mobilization", "PMF"), (r"\bSDF\b|Syrian Democratic Forces", "SDF"),
    (r"\bPeshmerga\b", "Peshmerga"), (r"\bFederal Police\b|\bpolice(?:men)?\b", "police"),
    (r"\bcivilians?\b|\bvillagers?\b|\bshepherds?\b|\bfarmers?\b|\btravel+ers?\b|\bmukhtar\b|\belder\b|\btrader\b"
     r"|\bofficials?\b|\bchief\b|\bcouncil member\b|\bChristian\b", "civilians"),
    (r"\barmy\b|\bsoldiers?\b|\bmilitary\b|\btroops\b|\bcheckpoint\b|\bregime\b|\bconvoy\b", "army"),
    (r"\bISIS\b|\bIslamic State\b|\bISWAP\b|\bJNIM\b", "group"),
]]


@dataclass
class PeriodCount:
    """'attacked SDF forces 17 times between September 6 and September 13': a count, never expanded to events."""

    actor: str
    country: str | None
    province: str | None
    n_events: int
    period_start: date
    period_end: date
    event_type: str | None
    evidence: dict = field(default_factory=dict)
    counterpart: str | None = None
    source: str | None = None


@dataclass
class Extraction:
    """What one report yields: events (dicts in the JSONL layout), period counts and a note per skipped unit."""

    events: list[dict]
    periods: list[PeriodCount]
    skipped: list[tuple[str, str]]   # (reason, text)
    period: D.ReportPeriod


_NUMBER_WORDS = {"once": 1, "twice": 2, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                 "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
                 "fifteen": 15, "twenty": 20}


def _num(s: str | None) -> int | None:
    if not s:
        return None
    return int(s) if s.isdigit() else _NUMBER_WORDS.get(s.lower())


@dataclass
class _Ctx:
    country: str | None = None
    province_raw: str | None = None
    lead_country: str | None = None   # 'Syria.' at the head of a CTP paragraph


def extract(text: str, name: str = "report", *, fmt: str = "auto", year: int | None = None) -> Extraction:
    """All events and period counts in a report's text. `name` enters event ids and the default source."""
    period = D.report_period(text, year)
    bl = blocks(text)
    if fmt == "auto":
        fmt = "itic" if sum(b.kind == "bullet" for b in bl) >= 2 else "ctp"
    units = _units(text, bl, fmt)
    events: list[dict] = []
    periods: list[PeriodCount] = []
    skipped: list[tuple[str, str]] = []
    seen_text: list[str] = []
    group_by_country: dict[str | None, Counter] = {}
    report_groups: Counter = Counter()
    for m in find_actors(text, 0, len(text)):
        if not m.is_state:
            report_groups[resolve_actor(m.raw).actor] += 1
    last_groups: list = []
    for ctx, s, e, extra in units:
        sent = text[s:e]
        full_end = extra or e
        unit_text = text[s:full_end]
        norm = re.sub(r"\W+", " ", unit_text).strip().lower()
        mentions = find_actors(text, s, e)
        groups = [m for m in mentions if not m.is_state]
        if groups:
            last_groups = groups
        for g in groups:
            group_by_country.setdefault(ctx.country, Counter())[resolve_actor(g.raw).actor] += 1
        pc = _PERIOD.search(sent)
        if pc and _num(pc.group("n") or pc.group("n2")):
            # 'The group attacked ... 22 times': the subject is the last group named before
            rec = _period_count(text, s, e, pc, ctx, groups or last_groups, period, year, name, mentions)
            if rec is not None:
                periods.append(rec)
                continue
        src = _SOURCE.search(unit_text)
        date_zone_end = s + src.start() if src and s + src.start() < full_end else e
        ds = [d for d in D.find_dates(text, s, min(e, date_zone_end))]
        precision = "day"
        if ds:
            ds = _coordinated(text, ds, min(e, date_zone_end))
            whens = [D.resolve(d, period.reference, year) for d in ds]
        else:
            ms = D.find_months(text, s, min(e, date_zone_end))
            if not ms:
                skipped.append(("no date", sent))
                continue
            if _SUMMARY.search(sent):
                skipped.append(("count over a month", sent))
                continue
            precision = "month"
            whens = [D.resolve_month(ms[0], period.reference, year)]
        if any(w is None for w in whens):
            skipped.append(("date without a year", sent))
            continue
        when = whens[0]
        state = [m for m in mentions if m.is_state]
        by_state = bool(state) and (not groups or state[0].start < groups[0].start)
        etype = event_type(_strip_source(sent), by_state=by_state)
        if etype is None:
            skipped.append(("no violent act", sent))
            continue
        if any(norm and (norm == t or norm in t) for t in seen_text):
            skipped.append(("duplicate", sent))
            continue
        seen_text.append(norm)
        # where
        places = [p for p in find_places(text, s, date_zone_end, ctx.country)
                  if not any(m.start <= p.start < m.end for m in mentions)]
        country, province_raw, location = _where(places, ctx, sent)
        if by_state and etype not in STATE_TYPES and etype != "attack":
            by_state = False
        if by_state and etype in STATE_TYPES | {"attack"}:
            sc = state[0].country or country
            actor_raw = state_actor(sc) or state[0].raw
            counterpart = resolve_actor(groups[0].raw, when).actor if groups else None
        else:
            if groups:
                actor_raw = groups[0].raw
            else:
                pool = group_by_country.get(country) or report_groups
                actor_raw = pool.most_common(1)[0][0] if pool else "unknown"
            counterpart = _target(sent, mentions)
        am = resolve_actor(actor_raw, when)
        cas = casualties(D.DATE_RE.sub("DATE", _strip_source(unit_text)))
        k, w = cas.killed, cas.wounded
        if k is None and not cas.ambiguous and etype in ("assassination", "execution") and \
                re.search(r"\b(?:assassinated|executed|beheaded)\s+(?:a|an|one)\b", sent, re.I):
            k = _one()
        shares = _casualty_shares(unit_text, len(whens))
        attribution = "unverified" if _UNVERIFIED.search(unit_text) else (
            "claimed" if _CLAIMED.search(unit_text) or (src and _GROUP_CHANNELS.search(src.group("src")))
            else "reported")
        if src:
            source = src.group("src").strip()
            sd = D.find_dates(src.group("date"))
            source_date = D.resolve(sd[0], period.reference, year).isoformat() if sd else None
        else:
            fn = _FOOTNOTE.findall(unit_text)
            source = f"{name} [{fn[0]}]" if fn else name
            source_date = (period.cutoff or period.reference).isoformat() if period.reference else None
        for i, when in enumerate(whens):
            ki, wi = (k, w) if shares[i] else (None, None)
            note = "killed or wounded (split unknown)" if cas.ambiguous else (
                "vague quantity" if (ki and ki.vague) or (wi and wi.vague) else None)
            if len(whens) > 1 and not all(shares) and not any(shares) and (k or w or cas.ambiguous):
                note = (f"casualties stated for {len(whens)} events together, not split: "
                        + _cas_text(k, w, cas.ambiguous))
            events.append(_event(
                name, unit_text, when, precision, i if len(whens) > 1 else None, am, actor_raw, counterpart, country,
                province_raw, location, etype, ki, wi, note, attribution, source, source_date, s, full_end))
    return Extraction(events, periods, skipped, period)


def _event(name, unit_text, when, precision, part, am, actor_raw, counterpart, country, province_raw, location, etype,
           k, w, note, attribution, source, source_date, s, full_end) -> dict:
    """One event in the JSONL layout; `part` numbers the events of a unit that states several dates."""
    uid = unit_text if part is None else f"{unit_text}\x1f{when.isoformat()}"
    return {
            "event_id": _event_id(name, uid),
            "event_date": when.isoformat(),
            "date_precision": precision,
            "actor": am.actor,
            "actor_raw": actor_raw,
            "counterpart": counterpart,
            "country": canonical_country(country) or "",
            "province": canonical_province(country, province_raw),
            "province_raw": province_raw,
            "location": location,
            "event_type": etype,
            "fatalities": k.value if k else None,
            "fatalities_low": k.low if k else None,
            "fatalities_high": k.high if k else None,
            "wounded": w.value if w else None,
            "casualties_note": note,
            "attribution": attribution,
            "source": source,
            "source_date": source_date,
            "evidence": {"sentence": unit_text, "start": s, "end": full_end},
    }


# 'on March 3 and again on March 5', 'on April 1 and April 3, 2022', 'on May 2 and 4.'
_JOIN = re.compile(r"\s*,?\s*(?:and|as well as|then)\s+(?:again\s+)?(?:on\s+)?")
_BARE_DAY = re.compile(r"\s*,?\s*(?:and|as well as)\s+(?:again\s+)?(?:on\s+)?(\d{1,2})(?:st|nd|rd|th)?"
                       r"(?=\s*[,.;\[]|\s+(?:in|near|at|killing|wounding|and)\b)")
_SUMMARY = re.compile(r"\b(?:\d+|dozens of|scores of|several|many|numerous|a series of|\w+teen|twenty|thirty|forty"
                      r"|fifty|two|three|four|five|six|seven|eight|nine|ten)\s+(?:[\w-]+\s+){0,2}(?:attacks|operations"
                      r"|incidents|ambushes|raids|strikes|bombings|assassinations|kidnappings)\b", re.I)
_ORDINAL = re.compile(r"\bin (?:the )?(first|second|third|fourth|last|latter|former|later)"
                      r"(?: (?:attack|one|incident|strike|raid|ambush|case|bombing|explosion))?\b"
                      r"|\b(?:in each|each time|in both)\b", re.I)
_ORD_INDEX = {"first": 0, "former": 0, "second": 1, "third": 2, "fourth": 3, "last": -1, "latter": -1, "later": -1}


def _coordinated(text: str, ds: list, end: int) -> list:
    """The dates of one unit that each date a separate event: the first date plus dates joined to it by 'and'
    ('on March 3 and again on March 5'); a range ('between A and B', 'from A to B') stays one date. A later
    date's year fills year-less earlier ones ('April 1 and April 3, 2022')."""
    out = [ds[0]]
    if re.search(r"\b(?:between|from)\s*$", text[max(0, ds[0].start - 12):ds[0].start], re.I):
        return out
    for d in ds[1:]:
        if not _JOIN.fullmatch(text, out[-1].end, d.start):
            break
        out.append(d)
    m = _BARE_DAY.match(text, out[-1].end, end)
    if m and 1 <= int(m.group(1)) <= 31 and int(m.group(1)) != out[-1].day:
        last = out[-1]
        out.append(D.DateMention(m.start(1), m.end(1), last.month, int(m.group(1)), last.year))
    if len(out) > 1 and out[-1].year:
        out = [replace(d, year=d.year or out[-1].year) for d in out]
    return out


def _casualty_shares(unit_text: str, n: int) -> list[bool]:
    """Which of a unit's n events the stated casualties belong to: all of them for one event or 'in each attack',
    the one named by 'in the second attack', and none when the split is unknown (never counted twice)."""
    if n == 1:
        return [True]
    m = _ORDINAL.search(unit_text)
    if not m:
        return [False] * n
    if m.group(1) is None:
        return [True] * n
    i = _ORD_INDEX[m.group(1).lower()]
    i = i if i >= 0 else n - 1
    return [j == i for j in range(n)] if i < n else [False] * n


def _cas_text(k, w, ambiguous) -> str:
    parts = [f"killed {k.value if k.value is not None else 'unknown'}"] if k else []
    parts += [f"wounded {w.value if w.value is not None else 'unknown'}"] if w else []
    return ", ".join(parts) or ("killed or wounded" if ambiguous else "")


def _one():
    from .casualties import Count
    return Count(1, 1, 1)


def _strip_source(t: str) -> str:
    return _FOOTNOTE.sub("", _SOURCE.sub("", t))


def _event_id(name: str, unit_text: str) -> str:
    """Stable across re-extraction: the report name plus the whitespace-normalised evidence text."""
    h = hashlib.sha1(f"{name}\x1f{' '.join(unit_text.split())}".encode()).hexdigest()[:16]
    return f"report:{name}:{h}"


def _target(sent: str, mentions) -> str | None:
    m = re.search(r"\b(?:against|at|on|targeting|ambushed|attacked|killed|kidnapped|abducted|assassinated|executed"
                  r"|shot(?: dead)?)\b(.{0,80})", sent, re.I)
    zone = m.group(1) if m else sent
    for rx, lab in _TARGETS:
        if rx.search(zone):
            return lab
    return None


def _where(places, ctx: _Ctx, sent: str) -> tuple[str | None, str | None, str | None]:
    """(country, province_raw, location): a town or province named in the sentence, else the section heading."""
    country = ctx.lead_country or ctx.country
    named = [p for p in places if p.kind in ("town", "province")]
    if ctx.country and named:
        same = [p for p in named if p.country == ctx.country]
        named = same or ([] if ctx.province_raw else named)
    if named:
        towns = [p for p in named if p.kind == "town"]
        provs = [p for p in named if p.kind == "province"]
        pick = provs[0] if (provs and not towns) else (towns[0] if towns else provs[0])
        if provs and towns and provs[0].country == towns[0].country and key(provs[0].province_raw) != \
                key(towns[0].province_raw):
            pick = provs[0]   # 'near Jalawla, Diyala province': the stated province wins over a clash
        if not provs and ctx.province_raw and pick.country == ctx.country:
            # a province heading is the analyst's statement of where it happened: it wins over the gazetteer's
            # province of a town (or of a point '25 km north of <town>') in the same country
            return pick.country, ctx.province_raw, pick.name
        return pick.country, pick.province_raw, pick.name
    cs = [p.country for p in places if p.kind == "country"]
    if not country:
        if cs:
            country = cs[0]
        else:
            for adj, c in COUNTRY_ADJ.items():
                if re.search(rf"\b{adj}\b", sent, re.I) and c not in ("Russia", "United States"):
                    country = c
                    break
    return country, (ctx.province_raw if country == ctx.country else None), None


def _period_count(text, s, e, m, ctx, groups, period, year, name="report", mentions=()) -> PeriodCount | None:
    a, b = D.find_dates(m.group("a")), m.group("b")
    if not a:
        return None
    start = D.resolve(a[0], period.reference, year)
    bd = D.find_dates(b) or (D.find_dates(f"{m.group('a').split()[0]} {b}") if b.strip()[:1].isdigit() else [])
    end = D.resolve(bd[0], period.reference, year) if bd else None
    if start is None or end is None:
        return None
    if end < start:
        start = start.replace(year=start.year - 1)
    sent = text[s:e]
    places = find_places(text, s, e, ctx.country)
    provs = [p for p in places if p.kind == "province"]
    country = ctx.lead_country or ctx.country or (places[0].country if places else None)
    actor = resolve_actor(groups[0].raw, start).actor if groups else "unknown"
    fn = _FOOTNOTE.findall(sent)
    return PeriodCount(actor, canonical_country(country), canonical_province(country, provs[0].province_raw)
                       if len(provs) == 1 else None, _num(m.group("n") or m.group("n2")), start, end,
                       event_type(sent) if event_type(sent) != "attack" else None,
                       {"sentence": sent, "start": s, "end": e}, _target(sent, list(mentions)),
                       f"{name} [{fn[0]}]" if fn else name)


def _units(text: str, bl: list[Block], fmt: str):
    """Yield (context, start, end, extended_end) for each candidate event unit, tracking section headings."""
    ctx = _Ctx()
    _, provinces = gazetteer()
    out = []
    for b in bl:
        body = text[b.start:b.end]
        if b.kind == "heading":
            c, prov = heading_place(body)
            if c and prov is None:
                ctx = _Ctx(country=c)
            elif prov:
                if c is None or (ctx.country and c != ctx.country):
                    cands = provinces.get(key(prov), [])
                    same = [x for x in cands if x[0] == ctx.country]
                    c, prov = (same[0] if same else (c or ctx.country, prov))
                ctx = _Ctx(country=c or ctx.country, province_raw=prov)
            elif not D.find_dates(body):
                ctx = _Ctx(country=ctx.country) if ctx.country and len(body) < 40 and b.level > 2 else _Ctx()
            continue
        if b.kind in ("caption", "note"):
            continue
        lead = re.match(r"((?:[A-Z][\w-]*\s?){1,3}(?:and\s(?:[A-Z][\w-]*\s?){1,3})?)[.:]\s", body)
        pctx = _Ctx(ctx.country, ctx.province_raw)
        if lead:
            names = [c for c in COUNTRIES if re.search(rf"\b{c}\b", lead.group(1))]
            if len(names) == 1:
                pctx = _Ctx(country=names[0])
            elif len(names) > 1:
                pctx = _Ctx()
            if names and fmt != "itic" and b.kind == "paragraph":
                ctx = pctx   # a CTP 'Iraq.' lead holds until the next lead or heading
        if b.kind == "bullet" or fmt == "itic":
            out.append((pctx, b.start, b.end, None))
            continue
        spans = sentences(text, b.start, b.end)
        i = 0
        while i < len(spans):
            s, e = spans[i]
            ext = None
            if D.find_dates(text, s, e) and i + 1 < len(spans):
                ns, ne = spans[i + 1]
                nxt = text[ns:ne]
                cur = casualties(text[s:e])
                nc = casualties(nxt)
                if not D.find_dates(nxt) and not find_actors(text, ns, ne) and (
                        (cur.killed is None and cur.wounded is None and (nc.killed or nc.wounded))
                        or _UNVERIFIED.search(nxt)):
                    ext = ne
            out.append((pctx, s, e, ext))
            i += 2 if ext else 1
    return out
