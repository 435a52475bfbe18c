"""Shared rules of the report reader (trends.extract.parse): the regexes of event, date and source wording,
the per-sentence helpers (units, coordinated dates, casualty shares, targets) and the small records they pass."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import NamedTuple

from . import dates as D
from .actors import state_actor
from .places import (
    COUNTRIES,
    COUNTRY_ADJ,
)
from .segment import sentences

STATE_TYPES = {"airstrike", "drone strike", "arrest/raid", "surrender"}
_UNVERIFIED = re.compile(
    r"\bunverified\b|could not be (?:independently )?verified|cannot be (?:independently )?"
    r"verified|\bquestionable\b|not (?:been )?(?:independently )?(?:verified|confirmed)"
    r"|\bunconfirmed\b|\bdoubtful\b|\bexaggerat",
    re.I,
)
_CLAIMED = re.compile(r"\bclaim(?:ed|s|ing)?\b|according to (?:ISIS|the organization|the group|ISWAP|JNIM)", re.I)
#: a claim denied or missing ('no group has claimed it', 'ISKP has not claimed any attack', 'unclaimed'): no claim
_NEGATED_CLAIM = re.compile(
    r"\b(?:no\s+(?:[\w-]+\s+){0,2}?(?:group|one|organi[sz]ation|party|faction)s?\s+(?:has\s+|have\s+|had\s+)?"
    r"(?:yet\s+|immediately\s+|publicly\s+|officially\s+)?claim\w*"
    r"|(?:has|have|had|did|does|do)\s*(?:not|n['’]t)\s+(?:yet\s+|publicly\s+|officially\s+|immediately\s+)?claim\w*"
    r"|(?:has|have|had)\s+yet\s+to\s+claim\w*|never\s+claim\w*|without\s+claiming|(?:un|not\s+)claimed)\b",
    re.I,
)


def has_claim(clean: str) -> bool:
    """True when the sentence tells a claim of its act: claim wording that no negation denies ('A bombing at a mosque
    killed ten on April 29; no group has claimed it' tells no claim)."""
    return bool(_CLAIMED.search(_NEGATED_CLAIM.sub(lambda m: " " * len(m.group()), clean)))


_GROUP_CHANNELS = re.compile(
    r"telegram|amaq|nashir|al-naba|\bnaba\b|rocket\.chat|ISIS media|hoop|thabat|\b(?:az|al)[- ]?zallaqa|\bal[- ]?kata['’]?ib\b"
    r"|\bshahada news\b",
    re.I,
)
_SOURCE = re.compile(
    r"\((?P<src>[^()]{2,80}?),\s*(?P<date>[A-Z][a-z]+\.? \d{1,2}(?:(?:\s*[-–]\s*|,\s*(?:and\s+)?|\s+and\s+)\d{1,2})*,? (?:19|20)\d\d)\)"
)
_FOOTNOTE = re.compile(r"\[(\d{1,3})\]")
#: a follow-up that reports a later claim ('X claimed on May 3 that its fighters had beheaded ...') tells another act:
#: it does not change the type of the event it follows
_CLAIMED_LATER = re.compile(r"\bclaimed\b[^.;]{0,40}\bthat\b", re.I)
_NEW_EVENT = re.compile(
    r"\s*(?:In addition|Additionally|At the same time|Also|Meanwhile|Later|Separately|Elsewhere"
    r"|Simultaneously|In another (?:attack|incident)|Another|(?:In )?a separate|Earlier|On the same day"
    # 'A short time later, a second suicide bomber blew himself up at the gate of ...': the next act of a series
    r"|(?:(?:A|About an?|Some)\s+)?(?:short\s+time|few\s+(?:minutes|hours)|(?:half\s+an|an)\s+hour|little\s+while|moments"
    r"|(?:\d+|two|three|several|some)\s+(?:minutes|hours)|minutes|hours)\s+(?:later|afterwards?)"
    r"|Shortly\s+(?:later|afterwards?|thereafter)|Soon\s+after(?:wards)?"
    r"|A\s+second\s+(?:suicide\s+)?(?:bomber|attacker|bomb|car bomb|explosion|blast|IED))\b",
    re.I,
)
#: 'on the same day', 'later that day', and the bare adverbial ', the same day,' ('attacked a base in Boma, the same
#: day, killing ...')
_SAME_DAY = re.compile(
    r"(?:\b(?:on|during|later)\s+|,\s*)the same (?:day|night|evening)\b|\bthat (?:same )?day\b"
    # 'US forces conducted an airstrike near Galcad the same day that killed 30 ...': the bare adverbial after a place
    r"|(?<=[a-z] )the same (?:day|night|evening)\b(?!\s+(?:as|of)\b)"
    # a sentence opened 'At the same time, ...' tells a second act of the occasion just told: its day, not the day
    # of the source it cites
    r"|^\W*(?:and\s+)?at the same time\b",
    re.I,
)
_NEXT_DAY = re.compile(
    r"\b(?:on\s+)?the (?:following|next|previous) (?:day|night|morning)\b|\ba day (?:later|earlier)\b"
    r"|\bthe day (?:after|before)\b",
    re.I,
)
_DATE_BLOCKERS = re.compile(
    # 'the al Shabaab-claimed August 2 suicide attack': a word joined by a hyphen to the one before it is an
    # adjective of the act noun after the date, never a claim's or a statement's own date
    r"\b(?<![-‐‑])(?:since|until|till|before|after|between|from|through|by|said|stated|announced"
    r"|reported|published|released|claimed|testified|declared|wrote|added"
    # a non-violent act's own date: 'the agreement signed on February 29', 'elections held on May 3'
    r"|signed|agreed|ratified|concluded|held|elected|inaugurated|appointed|issued|adopted|passed|enacted)\s+(?:on\s+)?$",
    re.I,
)
_ANAPHOR = re.compile(
    r"\b(?:the|its|their)\s+(?:group|organi[sz]ation|insurgents|militants|jihadists|fighters"
    r"|operatives|cells?|attackers|forces|troops|men|units)\b",
    re.I,
)
#: an event noun right after a group's name: the group is the agent of that event ('an ISIS prison break')
_GROUP_EVENT_NOUN = re.compile(
    r"(?:['’]s)?\s+(?:[\w-]+\s+)?(?:attack|bombing|suicide bombing|ambush|raid|assault|offensive|prison break"
    r"|jailbreak|incursion|massacre|assassination|kidnapping|beheading)s?\b",
    re.I,
)
_CLAUSE_CUT = re.compile(r",\s+(?:where|which|who|when|while|after|before)\b|;\s|\bthat\b", re.I)
#: a sentence without any of these words is neither an event nor a count (checked first, one regex per sentence)
_MAYBE = re.compile(
    r"attack|assault|kill|wound|injur|dead|died|slain|bomb|IED|explosi|detonat|mortar|rocket|shell"
    r"|artiller|assassin|execut|behead|kidnap|abduct|hostage|captive|ambush|surrender|defect|arrest"
    r"|detain|apprehend|captur|raid|sweep|round|fire|shot|shoot|gun|sniper|sniped|clash|storm|grenade"
    r"|target|burn|struck|strike|seiz|overran|downed|times|once|twice|operations|incidents"
    r"|took over|took control|claims|casualt|unverified|questionable|confirmed|blew|torch|ablaze|belt|missile|earthquake|prison|jailbreak|stab|to death"
    r"|landmine|\bmines?\b|blown up",
    re.I,
)
#: _MAYBE over the lowered sentence without IGNORECASE (several times faster; 'IED' kept a whole word)
_MAYBE_L = re.compile(_MAYBE.pattern.replace("IED", r"\bied\b"))
COUNT_HINT = re.compile(r"\d|\b(?:once|twice|times|attacks|operations)\b", re.I)
_MAX_UNIT = 1500
#: how far back (characters) a follow-up sentence, a claim or a retelling may reach to join an earlier event of the
#: same block: a report flattened to one line is one block, and unbounded joins made evidence (and time) grow
#: with the square of its length
_NEAR = 2500
_COUNTRY_RE = re.compile(r"\b(" + "|".join(sorted(COUNTRIES, key=len, reverse=True)) + r")\b")
_ADJ_RE = re.compile(r"\b(" + "|".join(sorted(COUNTRY_ADJ, key=len, reverse=True)) + r")\b", re.I)


def _countries_in(t: str) -> list[str]:
    """Countries named in t, in the order of COUNTRIES (one precompiled regex, not one per country)."""
    found = set(_COUNTRY_RE.findall(t))
    return [c for c in COUNTRIES if c in found]


def _adj_countries(t: str) -> list[str]:
    """Countries of the adjectives in t ('Iraqi', 'Burkinabe'), in the order of COUNTRY_ADJ."""
    found = {a.lower() for a in _ADJ_RE.findall(t)}
    return [
        c for a, c in COUNTRY_ADJ.items() if a in found
    ]  # longer 'sentences' are cut at a space so that every step stays linear in the report length


class Skip(NamedTuple):
    """A passage that yields no event, with the reason and its offsets in the report text."""

    reason: str
    text: str
    start: int
    end: int


@dataclass
class _Ctx:
    """Where and whose, from the heading path and the paragraph's lead ('Iraq.', 'ISIS's Sinai Province')."""

    country: str | None = None
    province_raw: str | None = None
    group: str | None = None  # the group a heading or lead-in names
    group_from: str | None = None  # 'heading' | 'lead-in'
    path_countries: list = field(default_factory=list)  # every country a heading names ('Afghanistan and Pakistan')


#: the generic names of armed tribesmen, one actor ('tribal forces') however a report words them
_TRIBAL = re.compile(
    r"(?:arab\s+|local\s+)?(?:tribal\s+(?:fighters|forces|militants|insurgents|militias?|gunmen)|tribesmen)$"
)
_APPOSITIVE = re.compile(r",\s+(?:a|an|the)\s+[^,]{3,100},")
_PROPER_SUBJECT = re.compile(
    r"\s*(?:The\s+)?(?P<np>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,4})(?=,\s+(?:a|an|the)\s|\s+(?:has|have|had|said|says"
    r"|stated|claimed|attacked|conducted|carried|launched|fought|targeted|struck|ambushed|raided)\b)"
)


def _source_name(name, t):
    fn = _FOOTNOTE.findall(t)
    return f"{name} [{fn[0]}]" if fn else name


def _blank_sources(t: str) -> str:
    """The sentence with its source parentheses and footnote markers blanked (same length, so offsets hold)."""
    t = _SOURCE.sub(lambda m: " " * len(m.group()), t)
    return _FOOTNOTE.sub(lambda m: " " * len(m.group()), t)


def _month_year(t: str):
    """'a January 2022 ISIS prison break': month and year anywhere (month precision)."""
    out = []
    for m in D.MONTH_ONLY_RE.finditer(t):
        out.append(
            D.MonthMention(m.start(), m.end(), D.MONTHS[m.group("mon").lower().rstrip(".")], int(m.group("year")))
        )
    return out


def _units(text: str, start: int, end: int):
    """Sentence spans of a block, each at most _MAX_UNIT characters (a longer one is cut at a space)."""
    for s, e in sentences(text, start, end):
        while e - s > _MAX_UNIT:
            cut = text.rfind(" ", s, s + _MAX_UNIT)
            cut = cut if cut > s else s + _MAX_UNIT
            yield s, cut
            s = cut + 1
        if e > s:
            for m in _NEW_CLAUSE.finditer(text, s, e):
                yield s, m.start() + 1  # '...; on February 19, 2023, an IED was detonated ...': a second event
                s = m.end()
            yield s, e


#: a semicolon that opens a clause with its own time ('; on February 19, 2023, ...', '; on the same day, ...'): the
#: clause tells another act of the same bullet
_NEW_CLAUSE = re.compile(
    r"(?:;|,\s+and)\s+(?=(?:on|in the early hours of)\s+(?:(?:January|February|March|April|May|June|July|August|September"
    r"|October|November|December)\s+\d{1,2}\b|the same (?:day|night)\b|the (?:next|following) day\b)"
    r"|(?:the (?:next|following) day|in addition|at the same time)\b"
    # '...; in another attack that day, a policeman was killed by sniper fire': another act of the bullet
    r"|in (?:another|a separate|a second) (?:attack|incident|operation)\b|later (?:that|the same) (?:day|night)\b"
    r"|(?:a\s+)?short(?:ly|\s+time)\s+later\b"
    # '; three days later an IED was activated ...': a second act dated against the first
    r"|(?:\d{1,2}|an?|one|two|three|four|five|six|seven)\s+(?:days?|weeks?)\s+later\b"
    # '...; in another attack that day, a policeman was killed ...', '; meanwhile, ...': a second act announced
    r"|in\s+(?:another|a\s+separate|a\s+second)\s+(?:attack|incident)\b|meanwhile\b|elsewhere\b|separately\b)"
    # '...; US forces conducted an airstrike near Galcad the same day that killed 30 ...': a clause with its own
    # subject and its own time word is another act (its toll its own)
    r"|;\s+(?=(?:[A-Z][\w.'’-]*\s+){1,4}(?:forces|troops|aircraft|jets|drones?|warplanes|army|police)\s+"
    r"(?:[\w-]+\s+){1,12}?(?:the same day|that day|the (?:next|following) day)\b)"
    # '..., and shortly afterwards ISIS operatives attacked a second police station', '..., and a separate bombing of
    # an electricity pylon in Charikar on Sunday': a second act announced as such
    r"|,?\s+and\s+(?=shortly\s+(?:afterwards?|thereafter)\b|(?:a\s+)?(?:short\s+time|few\s+(?:minutes|hours))\s+later\b"
    r"|a\s+separate\s+(?:[\w-]+\s+)?(?:attack|bombing|assault|ambush|raid|strike|shooting)\b)"
    # 'a shepherd was shot dead and another shepherd was kidnapped': a second victim of another act
    r"|,?\s+and\s+(?=(?:another|a second|the other|(?:two|three|four|five) others?)\b(?:\s+[\w-]+){0,3}?\s+(?:was|were)"
    r"\s+(?:kidnapped|abducted|executed|beheaded|shot dead|taken hostage)\b)",
    re.I,
)


# 'on March 3 and again on March 5', 'on April 1 and April 3, 2022', 'on May 2 and 4.'
_JOIN = re.compile(r"\s*,?\s*(?:and|as well as|then)\s+(?:again\s+)?(?:on\s+)?")
_BARE_DAY = re.compile(
    r"\s*,?\s*(?:and|as well as)\s+(?:again\s+)?(?:on\s+)?(\d{1,2})(?:st|nd|rd|th)?"
    r"(?=\s*[,.;\[]|\s+(?:in|near|at|killing|wounding|and)\b)"
)
_ORDINAL = re.compile(
    r"\bin (?:the )?(first|second|third|fourth|last|latter|former|later)"
    r"(?: (?:attack|one|incident|strike|raid|ambush|case|bombing|explosion))?\b"
    r"|\b(?:in each|each time|in both)\b",
    re.I,
)
_ORD_INDEX = {"first": 0, "former": 0, "second": 1, "third": 2, "fourth": 3, "last": -1, "latter": -1, "later": -1}


def _coordinated(text: str, ds: list, end: int) -> list:
    """The dates of one sentence that each date a separate event: the first date plus dates joined to it by 'and'
    ('on March 3 and again on March 5'); a range ('between A and B', 'from A to B') stays one date. A later
    date's year fills year-less earlier ones ('April 1 and April 3, 2022')."""
    out = [ds[0]]
    if re.search(r"\b(?:between|from)\s*$", text[max(0, ds[0].start - 12) : ds[0].start], re.I):
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
    """Which of a sentence's n events the stated casualties belong to: all of them for one event or 'in each
    attack', the one named by 'in the second attack', and none when the split is unknown (never counted twice)."""
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


_TARGETS = [
    (re.compile(p, re.I), lab)
    for p, lab in [
        (r"\bPMF\b|Popular Mobili[sz]ation", "Popular Mobilization Forces"),
        (r"\bTribal Mobili[sz]ation\b", "Tribal Mobilization"),
        (r"\bSDF\b|Syrian Democratic Forces|\bInSF\b", "SDF"),
        (r"\bPeshmerga\b", "Peshmerga"),
        (r"\bWagner\b", "Wagner Group"),
        (
            r"\bcivilians?\b|\bvillagers?\b|\bshepherds?\b|\bfarmers?\b|\btravel+ers?\b|\bmukhtar\b|\belder\b|\btrader\b"
            r"|\bChristians?\b|\bworshippers\b|\bpoliticians?\b|\bheadman\b",
            "civilians",
        ),
        (
            r"\barmy\b|\bsoldiers?\b|\bmilitary\b|\btroops\b|\bcheckpoint\b|\bregime\b|\bconvoy\b|\bpolice(?:men)?\b"
            r"|\bsecurity forces\b|\bofficials?\b|\bgendarm",
            "state",
        ),
    ]
]


def _target(sent: str, mentions, country: str | None) -> str | None:
    m = re.search(
        r"\b(?:against|at|on|targeting|ambushed|attacked|killed|kidnapped|abducted|assassinated|executed"
        r"|shot(?: dead)?|detained|arrested)\b(.{0,80})",
        sent,
        re.I,
    )
    zone = m.group(1) if m else sent
    for rx, lab in _TARGETS:
        if rx.search(zone):
            if lab == "state":
                adj = _ADJ_RE.search(zone)
                c = COUNTRY_ADJ[adj.group(1).lower()] if adj else country
                return state_actor(c) if c else "security forces"
            return lab
    return None


_TOLD_NOUN = r"(?:attacks?|bombings?|assault|ambush|raid|strike|killings?|massacre|explosion|blast|operation)"
#: sentences about an act the report told before, never an act of their own: 'The attack is the deadliest on Malian
#: forces since the November 2019 attacks on Indelimane' (a yardstick), 'The attack followed a January 19 statement
#: in which the spokesman warned ...' (what came before was words), 'HTS issued a statement denying any involvement
#: and condemning the attack' (a statement about it)
_ABOUT_TOLD = re.compile(
    rf"^\W*(?:The|This|That)\s+(?:[\w-]+\s+){{0,2}}?{_TOLD_NOUN}\s+(?:is|was|marks?|marked|remains?|became|has been)"
    r"\s+(?:also\s+)?(?:the|a|an)\s+(?:[\w-]+\s+)?(?:deadliest|first|largest|worst|biggest|bloodiest|latest|most)\b"
    rf"|^\W*(?:The|This|That)\s+(?:[\w-]+\s+){{0,2}}?{_TOLD_NOUN}\s+(?:followed|came\s+(?:[\w-]+\s+){{0,3}}?after)\s+"
    r"(?:an?|the)\s+(?:[\w-]+\s+){0,3}?(?:statement|warning|threat|announcement|speech|video|message|call|ultimatum)s?"
    r"\b"
    r"|^\W*(?:[A-Z][\w'’-]*\s+){1,5}(?:issued|released|published)\s+(?:a\s+)?statements?\s+(?:[\w-]+\s+){0,4}?"
    rf"(?:condemning|denying|praising|welcoming|celebrating)\b[^.;]{{0,80}}\bthe\s+(?:[\w-]+\s+)?{_TOLD_NOUN}\W*(?:\(.*)?$",
    re.I,
)


def about_told(clean: str) -> bool:
    """True for a sentence that only compares, precedes or comments an act told before (see _ABOUT_TOLD)."""
    return bool(_ABOUT_TOLD.search(clean))


#: 'Al Qaeda's Sahelian affiliate, Jama'at Nusrat al Islam wal Muslimin (JNIM), claimed the attack two days later':
#: the whole sentence is the claim of the act told before it (an apposition in brackets or commas included)
_CLAIM_OF_TOLD = re.compile(
    r"^(?P<who>[^.;]{2,160}?)\s+claimed\s+(?:responsibility\s+for\s+)?(?:the|this|that|both|these)\s+(?:[\w-]+\s+)?"
    rf"{_TOLD_NOUN}(?:\s+(?:\w+\s+)?(?:days?|hours?)\s+later|\s+the\s+(?:next|following|same)\s+day|\s+later)?"
    r"[\s.,;]*(?:\[\d+\][\s.]*)*$",
    re.I,
)


def claim_of_told(clean: str) -> int | None:
    """The end of the claimer's words when `clean` only claims an act told before, else None."""
    m = _CLAIM_OF_TOLD.match(clean)
    return m.end("who") if m else None


#: a clause cut off the one before that names no subject of its own ('a separate bombing of a pylon ...')
_SUBJECTLESS = re.compile(
    r"\s*(?:a\s+separate|another)\s+(?:[\w-]+\s+)?(?:attack|bombing|assault|ambush|raid|strike)\b"
)
