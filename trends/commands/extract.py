"""Extract events from a weekly report's text (ITIC, CTP or plain prose) into JSON Lines.

Reads a .txt, .md or .html report, finds each dated violent event (date, actor, counterpart, country, province,
event type, killed/wounded, attribution, source), and writes one JSON object per line with the store's event
columns plus `evidence` {sentence, start, end}: character offsets into the report text as read (for HTML, the text
after markup is stripped). Counts stated over a period ("17 times between September 6 and 13") are not events:
they go to --periods-out (and, when a report is ingested, to the store's `period_counts` table, never to
`events`). Load the events into the store with `trends ingest --format report REPORT`.

Each event carries `confidence` (high, medium or low) and `confidence_reason` (why it is below high: actor from a
heading, date from the claim's source date, province from a distance, ...); --min-confidence drops the lower ones.
--review writes one self-contained HTML page to check the extraction by eye before ingesting.

Example:
  trends extract reports/spotlight_2020-01-03.md --out events.jsonl --periods-out periods.jsonl
  trends extract update.txt --review review.html --min-confidence medium
  trends extract update.html --format ctp --year 2024 --out events.jsonl
  trends extract pasted_articles.txt --out events.jsonl          # several news articles, one date each
  trends extract article.txt --published 2024-03-25 --out events.jsonl   # one article with no printed date
  trends extract --score tests/fixtures/reports/heldout     # precision/recall/F1 against gold annotations
"""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path

from ..errors import UsageError

log = logging.getLogger(__name__)


def add_arguments(p):
    p.add_argument("report", nargs="?", metavar="REPORT", help="report file: .txt, .md or .html")
    p.add_argument(
        "--format",
        default="auto",
        choices=["auto", "itic", "ctp", "text", "press"],
        help="report style: itic = bullets under country/province headings, ctp = assessment prose, "
        "text = plain prose (same rules as ctp), press = pasted news articles / press analyses "
        "(one publication date per article, relative dates); auto guesses from the layout "
        "(default auto; e.g. --format press)",
    )
    p.add_argument(
        "--published",
        default=None,
        metavar="DATE",
        type=_iso_date,
        help="publication date of a single article that prints none (YYYY-MM-DD); relative dates "
        "('last week', 'on Sunday') resolve against it; implies --format press "
        "(e.g. --published 2024-03-25)",
    )
    p.add_argument(
        "--year",
        type=int,
        default=None,
        metavar="YYYY",
        help="year for dates written without one, when the report states no date, period or cutoff",
    )
    p.add_argument("--out", default="-", metavar="FILE", help="events JSON Lines file (default: stdout)")
    p.add_argument(
        "--periods-out",
        default=None,
        metavar="FILE",
        help="write period counts ('N attacks between A and B') to this JSON Lines file",
    )
    p.add_argument(
        "--review",
        default=None,
        metavar="HTML",
        help="write a self-contained review page: the report text with each event's evidence highlighted "
        "and its fields beside it, period counts in blue, skipped passages greyed with their reason "
        "(example: --review review.html)",
    )
    p.add_argument(
        "--min-confidence",
        default="low",
        choices=["low", "medium", "high"],
        help="write only events of at least this confidence (default low = all; example: --min-confidence medium)",
    )
    p.add_argument(
        "--score",
        nargs="+",
        default=None,
        metavar="GOLD",
        help="instead of extracting, score the extractor on gold files (*.gold.jsonl) or folders of "
        "them; each report is the gold file's sibling with the same stem",
    )


def _iso_date(s: str):
    import argparse
    import datetime as dt

    try:
        return dt.date.fromisoformat(s)
    except ValueError:
        raise argparse.ArgumentTypeError(f"--published wants a date as YYYY-MM-DD, got {s!r}") from None


def _dump(rows, path):
    fh = sys.stdout if path == "-" else open(path, "w", encoding="utf-8")
    try:
        for r in rows:
            fh.write(json.dumps(r, ensure_ascii=False, default=str) + "\n")
    finally:
        if fh is not sys.stdout:
            fh.close()


def run(args) -> int:
    if args.score:
        from ..extract.score import score_files

        files = []
        for g in map(Path, args.score):
            files += (
                sorted(f for f in g.glob("*.gold.jsonl") if not f.name.endswith(".periods.gold.jsonl"))
                if g.is_dir()
                else [g]
            )
        if not files:
            raise UsageError(f"no *.gold.jsonl files in {', '.join(args.score)}")
        score_files(files, out=sys.stdout)
        return 0
    if not args.report:
        raise UsageError("give a REPORT file to extract (or --score GOLD)")
    from ..extract import extract_report, filter_confidence

    res = extract_report(args.report, format=args.format, year=args.year, published=getattr(args, "published", None))
    events = filter_confidence(res.events, args.min_confidence)
    _check_folder(args.out)
    _check_folder(args.periods_out)
    _check_folder(args.review)
    if args.review:
        from ..extract.review import write_review

        write_review(res, args.review, Path(args.report).name)
    _dump(events, args.out)
    if args.periods_out:
        _dump([p.record() for p in res.periods], args.periods_out)
    log.info(
        "%s: %d events (%d below --min-confidence %s), %d period counts, %d passages skipped (%s)",
        args.report,
        len(events),
        len(res.events) - len(events),
        args.min_confidence,
        len(res.periods),
        len(res.skipped),
        ", ".join(f"{r}: {n}" for r, n in _reasons(res.skipped)) or "none",
    )
    return 0


def _check_folder(path):
    if path and path != "-" and not Path(path).parent.exists():
        raise UsageError(f"{path}: the folder {Path(path).parent} does not exist")


def _reasons(skipped):
    from collections import Counter

    return Counter(s.reason for s in skipped).most_common()
