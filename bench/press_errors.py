"""Where press extraction goes wrong: every press_* fixture set scored, and each error classified.

Each unmatched prediction is paired (one-to-one, greedily, best first) with the nearest unmatched gold event of the
same report: the one sharing most of (date, actor, province, type), ties broken by evidence overlap; a pair needs at
least two equal fields, or one plus an evidence overlap of 0.35. A pair is classed by the FIRST field that differs,
in the order date, actor, province, type (a pair costs one false event and one miss). Predictions left without a
pair are 'invented', gold events left without one are 'missed'.

Usage: .venv/bin/python bench/press_errors.py [--list] [--sets press_blind6,press_blind5] [--json OUT]
Prints per set: P/R/F1 and the count of each class; with --list every error with its evidence.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

from trends.extract import extract_report
from trends.extract.score import _match_key, load_gold, load_periods_gold, report_for, score_events

ROOT = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "reports"
FIELDS = ("date", "actor", "province", "type")


def _words(s: str) -> set[str]:
    return set(re.findall(r"[a-z0-9]{3,}", (s or "").lower()))


def _evidence(ev: dict) -> str:
    e = ev.get("evidence")
    return e.get("sentence", "") if isinstance(e, dict) else str(e or "")


def _overlap(a: str, b: str) -> float:
    wa, wb = _words(a), _words(b)
    return len(wa & wb) / max(1, min(len(wa), len(wb)))


def _strict_unmatched(pred, gold):
    pool: dict[tuple, list[int]] = {}
    for i, p in enumerate(pred):
        pool.setdefault(_match_key(p), []).append(i)
    used_p, used_g = set(), set()
    for j, g in enumerate(gold):
        c = pool.get(_match_key(g))
        if c:
            used_p.add(c.pop(0))
            used_g.add(j)
    return [p for i, p in enumerate(pred) if i not in used_p], [g for j, g in enumerate(gold) if j not in used_g]


def classify(pred: list[dict], gold: list[dict]) -> list[dict]:
    """One row per error: class, the prediction and/or gold event, the differing fields."""
    up, ug = _strict_unmatched(pred, gold)
    cands = []
    for i, p in enumerate(up):
        kp = _match_key(p)
        for j, g in enumerate(ug):
            kg = _match_key(g)
            same = [a == b for a, b in zip(kp, kg)]
            ov = _overlap(_evidence(p), _evidence(g))
            if sum(same) >= 2 or (sum(same) >= 1 and ov >= 0.35) or ov >= 0.6:
                cands.append((sum(same) + ov, i, j, same))
    cands.sort(key=lambda c: -c[0])
    rows, tp, tg = [], set(), set()
    for _, i, j, same in cands:
        if i in tp or j in tg:
            continue
        tp.add(i)
        tg.add(j)
        diff = [f for f, s in zip(FIELDS, same) if not s]
        rows.append({"class": diff[0], "diff": diff, "pred": up[i], "gold": ug[j]})
    rows += [{"class": "invented", "diff": [], "pred": p, "gold": None} for i, p in enumerate(up) if i not in tp]
    rows += [{"class": "missed", "diff": [], "pred": None, "gold": g} for j, g in enumerate(ug) if j not in tg]
    return rows


def _show(ev: dict | None) -> str:
    if ev is None:
        return "-"
    k = _match_key(ev)
    return f"{k[0]} | {ev.get('actor')} | {ev.get('country')}/{ev.get('province')} | {k[3]}"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--list", action="store_true", help="print every error with its evidence")
    ap.add_argument("--sets", default="", help="comma-separated set names (default: every press_* folder)")
    ap.add_argument("--json", default="", help="write the per-set class counts to this JSON file")
    a = ap.parse_args(argv)
    sets = [s for s in a.sets.split(",") if s] or sorted(p.name for p in ROOT.glob("press_*") if p.is_dir())
    summary, grand = {}, Counter()
    for name in sets:
        golds = sorted(f for f in (ROOT / name).glob("*.gold.jsonl") if not f.name.endswith(".periods.gold.jsonl"))
        tot, cls, lines = None, Counter(), []
        for g in golds:
            res = extract_report(report_for(g))
            gold = load_gold(g)
            pg = load_periods_gold(g)
            s = score_events(res.events, gold, [p.record() for p in res.periods] if pg is not None else (), pg or ())
            tot = s if tot is None else tot + s
            for r in classify(res.events, gold):
                cls[r["class"]] += 1
                if a.list:
                    lines.append(
                        f"  [{r['class']:<8}] {g.name.removesuffix('.gold.jsonl')}  diff={','.join(r['diff'])}"
                    )
                    lines.append(f"      pred: {_show(r['pred'])}")
                    if r["pred"] is not None:
                        lines.append(f"            {_evidence(r['pred'])[:220]}")
                    lines.append(f"      gold: {_show(r['gold'])}")
                    if r["gold"] is not None:
                        lines.append(f"            {_evidence(r['gold'])[:220]}")
        assert tot is not None
        grand += cls
        summary[name] = {
            "P": round(tot.precision, 3),
            "R": round(tot.recall, 3),
            "F1": round(tot.f1, 3),
            "period_R": round(tot.period_recall, 2),
            "period_P": round(tot.period_precision, 2),
            **dict(cls),
        }
        order = ("date", "actor", "province", "type", "invented", "missed")
        print(
            f"{name:<18} gold {tot.n_gold:>3} pred {tot.n_pred:>3} ok {tot.n_matched:>3}  P {tot.precision:.3f} "
            f"R {tot.recall:.3f} F1 {tot.f1:.3f}  per R {tot.period_recall:.2f} P {tot.period_precision:.2f}  "
            + "  ".join(f"{c} {cls[c]}" for c in order)
        )
        for ln in lines:
            print(ln)
    print(
        "ALL classes: "
        + "  ".join(f"{c} {grand[c]}" for c in ("date", "actor", "province", "type", "invented", "missed"))
    )
    if a.json:
        Path(a.json).write_text(json.dumps(summary, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
