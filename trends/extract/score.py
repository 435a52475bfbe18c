"""Score extracted events against gold annotations.

- strict: precision, recall and F1 of events matched one-to-one on (date, actor, province, type);
- relaxed: the same on (date, actor, province), ignoring the type;
- province accuracy: among events matched on (date, actor), the share with the gold province;
- killed/wounded: exact-match rates among strict matches;
- attribution: the share of strict matches whose attribution (claimed, assessed, reported) is the gold one;
- period counts (NAME.periods.gold.jsonl beside the gold): recall and precision of counts matched on
  (actor, count, period_start), i.e. with the right actor.

Usage: python -m trends.extract.score GOLD.jsonl|FOLDER [...]   (the report is the gold file's sibling with the
same stem: dev/itic_yearend.gold.jsonl -> dev/itic_yearend.md|.txt|.html); one line per report, a total per folder
and an overall total.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ..errors import InputFileError
from .actors import resolve_actor
from .places import canonical_country, canonical_province, key

REPORT_SUFFIXES = (".md", ".txt", ".html", ".htm")


@dataclass
class Score:
    """Counts and rates of one or more scored reports."""

    n_gold: int
    n_pred: int
    n_matched: int
    killed_exact: int
    wounded_exact: int
    n_relaxed: int = 0
    n_located: int = 0  # pairs matched on (date, actor)
    province_right: int = 0  # ... of which the province is the gold one
    p_gold: int = 0
    p_pred: int = 0
    p_matched: int = 0
    attribution_exact: int = 0  # strict pairs whose attribution (claimed/assessed/reported) is the gold one

    _FIELDS = (
        "n_gold",
        "n_pred",
        "n_matched",
        "killed_exact",
        "wounded_exact",
        "n_relaxed",
        "n_located",
        "province_right",
        "p_gold",
        "p_pred",
        "p_matched",
        "attribution_exact",
    )

    @property
    def precision(self) -> float:
        return self.n_matched / self.n_pred if self.n_pred else 0.0

    @property
    def recall(self) -> float:
        return self.n_matched / self.n_gold if self.n_gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def killed_accuracy(self) -> float:
        return self.killed_exact / self.n_matched if self.n_matched else 0.0

    @property
    def wounded_accuracy(self) -> float:
        return self.wounded_exact / self.n_matched if self.n_matched else 0.0

    @property
    def attribution_accuracy(self) -> float:
        return self.attribution_exact / self.n_matched if self.n_matched else 0.0

    @property
    def relaxed_f1(self) -> float:
        p = self.n_relaxed / self.n_pred if self.n_pred else 0.0
        r = self.n_relaxed / self.n_gold if self.n_gold else 0.0
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def province_accuracy(self) -> float:
        return self.province_right / self.n_located if self.n_located else 0.0

    @property
    def period_recall(self) -> float:
        return self.p_matched / self.p_gold if self.p_gold else 0.0

    @property
    def period_precision(self) -> float:
        return self.p_matched / self.p_pred if self.p_pred else 0.0

    def __add__(self, other: Score) -> Score:
        return Score(*(getattr(self, f) + getattr(other, f) for f in self._FIELDS))

    def line(self, label: str) -> str:
        per = (
            (
                f"  periods gold {self.p_gold:>2} pred {self.p_pred:>2} R {self.period_recall:.2f} "
                f"P {self.period_precision:.2f}"
            )
            if self.p_gold or self.p_pred
            else ""
        )
        return (
            f"{label:<30} gold {self.n_gold:>3}  pred {self.n_pred:>3}  matched {self.n_matched:>3}  "
            f"P {self.precision:.3f}  R {self.recall:.3f}  F1 {self.f1:.3f}  relaxed-F1 {self.relaxed_f1:.3f}  "
            f"province {self.province_accuracy:.2f} ({self.province_right}/{self.n_located})  "
            f"killed {self.killed_accuracy:.2f}  wounded {self.wounded_accuracy:.2f}  "
            f"attribution {self.attribution_accuracy:.2f}{per}"
        )


def _country_names() -> frozenset:
    from .places import COUNTRIES

    return frozenset(c for c in COUNTRIES if c != "Sinai")


_COUNTRY_NAMES = _country_names()


def _actor_key(name: str, on: str | None = None) -> str:
    """The registry's actor as of the event's date `on` (ISO; 'Jabhat Fatah al-Sham' in August 2016 is the
    registry's 'Jabhat Fateh al-Sham'); a state by its canonical country ('Government of Democratic Republic of the
    Congo' and 'Government of DR Congo' are one actor)."""
    actor = resolve_actor(name, _day(on)).actor
    if actor in _COUNTRY_NAMES:
        actor = "Government of " + actor  # 'Russia' as an actor is its state
    if actor.startswith("Government of "):
        actor = "Government of " + (canonical_country(actor.removeprefix("Government of ")) or actor[14:])
    return actor


def _day(on: str | None) -> date | None:
    try:
        return date.fromisoformat(str(on)[:10]) if on else None
    except ValueError:
        return None


def _match_key(ev: dict) -> tuple:
    country = ev.get("country") or ""
    return (
        str(ev["event_date"])[:10],
        _actor_key(str(ev.get("actor") or ""), ev.get("event_date")),
        key(canonical_province(country, ev.get("province")) or ""),
        str(ev.get("event_type") or "").lower(),
    )


def _n(v):
    return None if v is None or v != v else int(v)


def _greedy(pred, gold, keyf):
    pool: dict[tuple, list[dict]] = {}
    for p in pred:
        pool.setdefault(keyf(p), []).append(p)
    pairs = []
    for g in gold:
        cands = pool.get(keyf(g))
        if cands:
            pairs.append((g, cands.pop(0)))
    return pairs


def score_events(pred: list[dict], gold: list[dict], pred_periods=(), gold_periods=()) -> Score:
    """Greedy one-to-one matching on (date, actor, province, type) (strict), on (date, actor, province) (relaxed)
    and on (date, actor) (for the province accuracy); casualty rates over the strict pairs; period counts matched
    on (actor, count, period_start)."""
    strict = _greedy(pred, gold, _match_key)
    relaxed = _greedy(pred, gold, lambda e: _match_key(e)[:3])
    located = _greedy(pred, gold, lambda e: _match_key(e)[:2])
    killed = sum(_n(p.get("fatalities")) == _n(g.get("fatalities")) for g, p in strict)
    wounded = sum(_n(p.get("wounded")) == _n(g.get("wounded")) for g, p in strict)
    prov = sum(_match_key(g)[2] == _match_key(p)[2] for g, p in located)
    attributed = sum((p.get("attribution") or None) == (g.get("attribution") or None) for g, p in strict)
    pp = _greedy(list(pred_periods), list(gold_periods), _period_key)
    return Score(
        len(gold),
        len(pred),
        len(strict),
        killed,
        wounded,
        len(relaxed),
        len(located),
        prov,
        len(gold_periods),
        len(pred_periods),
        len(pp),
        attributed,
    )


def _period_key(p: dict) -> tuple:
    start = p.get("period_start")
    return (
        _actor_key(str(p.get("actor") or "")).lower(),
        int(p.get("count") if p.get("count") is not None else p.get("n_events") or -1),
        str(start)[:10] if start else "",
    )


def report_for(gold: Path) -> Path:
    """The report a gold file annotates (same folder, stem without '.gold')."""
    stem = gold.name.removesuffix(".jsonl").removesuffix(".gold")
    for suf in REPORT_SUFFIXES:
        cand = gold.with_name(stem + suf)
        if cand.exists():
            return cand
    raise InputFileError(f"{gold}: no report next to it (looked for {stem}{{{','.join(REPORT_SUFFIXES)}}})")


def load_gold(path: Path) -> list[dict]:
    rows = []
    for i, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as e:
                raise InputFileError(f"{path}: line {i} is not JSON ({e.msg})") from None
    return rows


def load_periods_gold(gold: Path) -> list[dict] | None:
    """The period-count gold beside an event gold file (NAME.periods.gold.jsonl), exact repeats dropped; None if
    there is none."""
    stem = gold.name.removesuffix(".jsonl").removesuffix(".gold")
    p = gold.with_name(stem + ".periods.gold.jsonl")
    if not p.exists():
        return None
    rows, seen = [], set()
    for r in load_gold(p):
        k = json.dumps(r, sort_keys=True)
        if k not in seen:
            seen.add(k)
            rows.append(r)
    return rows


def score_files(golds, *, out=None) -> Score:
    """Extract each gold file's report, score it, print one line per report, a total per folder and an overall
    total; returns the overall total."""
    from . import extract_report

    total = Score(0, 0, 0, 0, 0)
    golds = [Path(g) for g in golds if not Path(g).name.endswith(".periods.gold.jsonl")]
    folders: dict[Path, Score] = {}
    for g in golds:
        res = extract_report(report_for(g))
        pg = load_periods_gold(g)
        s = score_events(
            res.events, load_gold(g), [p.record() for p in res.periods] if pg is not None else (), pg or ()
        )
        total = total + s
        folders[g.parent] = folders.get(g.parent, Score(0, 0, 0, 0, 0)) + s
        if out is not None:
            print(s.line(g.name.removesuffix(".gold.jsonl")), file=out)
        if (
            out is not None
            and len(folders)
            and g is golds[-1]
            or (out is not None and golds[golds.index(g) + 1].parent != g.parent)
        ):
            print(folders[g.parent].line(f"TOTAL {g.parent.name}/"), file=out)
    if out is not None:
        print(total.line("TOTAL"), file=out)
    return total


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="python -m trends.extract.score", description=__doc__.split("\n")[0])
    ap.add_argument("gold", nargs="+", help="gold annotation files (*.gold.jsonl) or folders holding them")
    a = ap.parse_args(argv)
    files = []
    for g in map(Path, a.gold):
        files += (
            sorted(f for f in g.glob("*.gold.jsonl") if not f.name.endswith(".periods.gold.jsonl"))
            if g.is_dir()
            else [g]
        )
    score_files(files, out=sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
