"""Score extracted events against gold annotations: precision, recall and F1 for events matched on date, actor,
province and type, plus killed/wounded exact-match rates among matched events.

Usage: python -m trends.extract.score GOLD.jsonl [GOLD2.jsonl ...]   (the report is the gold file's sibling with
the same stem: dev/itic_yearend.gold.jsonl -> dev/itic_yearend.md|.txt|.html)
"""
from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputFileError
from .actors import resolve_actor
from .places import canonical_province, key

REPORT_SUFFIXES = (".md", ".txt", ".html", ".htm")


@dataclass
class Score:
    """Counts and rates of one or more scored reports."""

    n_gold: int
    n_pred: int
    n_matched: int
    killed_exact: int
    wounded_exact: int

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

    def __add__(self, other: "Score") -> "Score":
        return Score(*(a + b for a, b in zip(
            (self.n_gold, self.n_pred, self.n_matched, self.killed_exact, self.wounded_exact),
            (other.n_gold, other.n_pred, other.n_matched, other.killed_exact, other.wounded_exact))))

    def line(self, label: str) -> str:
        return (f"{label:<28} gold {self.n_gold:>3}  pred {self.n_pred:>3}  matched {self.n_matched:>3}  "
                f"P {self.precision:.3f}  R {self.recall:.3f}  F1 {self.f1:.3f}  "
                f"killed {self.killed_accuracy:.3f}  wounded {self.wounded_accuracy:.3f}")


def _match_key(ev: dict) -> tuple:
    country = ev.get("country") or ""
    return (str(ev["event_date"])[:10], resolve_actor(str(ev.get("actor") or "")).actor,
            key(canonical_province(country, ev.get("province")) or ""), str(ev.get("event_type") or "").lower())


def _n(v):
    return None if v is None or v != v else int(v)


def score_events(pred: list[dict], gold: list[dict]) -> Score:
    """Greedy one-to-one matching on (date, actor, province, type); casualty rates over the matched pairs."""
    pool: dict[tuple, list[dict]] = {}
    for p in pred:
        pool.setdefault(_match_key(p), []).append(p)
    matched = killed = wounded = 0
    for g in gold:
        cands = pool.get(_match_key(g))
        if not cands:
            continue
        p = cands.pop(0)
        matched += 1
        killed += _n(p.get("fatalities")) == _n(g.get("fatalities"))
        wounded += _n(p.get("wounded")) == _n(g.get("wounded"))
    return Score(len(gold), len(pred), matched, killed, wounded)


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


def score_files(golds, *, out=None) -> Score:
    """Extract each gold file's report, score it, print one line per report and a total; returns the total."""
    from . import extract_report
    total = Score(0, 0, 0, 0, 0)
    for g in map(Path, golds):
        res = extract_report(report_for(g))
        s = score_events(res.events, load_gold(g))
        total = total + s
        if out is not None:
            print(s.line(g.name.removesuffix(".gold.jsonl")), file=out)
    if out is not None:
        print(total.line("TOTAL"), file=out)
    return total


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="python -m trends.extract.score", description=__doc__.split("\n")[0])
    ap.add_argument("gold", nargs="+", help="gold annotation files (*.gold.jsonl) or folders holding them")
    a = ap.parse_args(argv)
    files = []
    for g in map(Path, a.gold):
        files += sorted(g.glob("*.gold.jsonl")) if g.is_dir() else [g]
    score_files(files, out=sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
