"""Load event files (canonical events, UCDP GED, ACLED, GTD, report text) into the event store.

Each file is one batch in one transaction: either all its good rows are stored, or (on a crash, an unreadable file
or too many bad rows) nothing is. A file already ingested (same sha256) is skipped; an event whose id is already
stored is "unchanged" when its content is the same and "replaced" when it differs (the old version is kept in
events_history). Bad rows are stored in rejected_rows with the field and a reason, and printed as FILE:ROW.
Files append by default. With --dataset NAME --replace, the file is the complete current state of dataset NAME:
its events are inserted or replaced, and stored events of NAME that are no longer in it are retired to
events_history (counts as of an earlier time still include them). See docs/ingest.md.

Formats, detected from the header (override with --format):
  events  canonical columns; required event_date (YYYY-MM-DD), actor, country; optional event_id (else a hash of
          the row), date_precision (day|week|month|year), counterpart, province, location, latitude, longitude,
          event_type, fatalities, fatalities_low, fatalities_high, wounded,
          attribution (claimed|reported|assessed|unverified|denied), source, source_date, source_url.
          CSV, JSON Lines (.jsonl) or Parquet.
  ucdp    UCDP GED (id, side_a, side_b, type_of_violence, country, date_start, date_prec, adm_1, best, low, high ...)
  acled   ACLED export (event_id_cnty, event_date, actor1, actor2, admin1, event_type, sub_event_type, fatalities ...)
  gtd     Global Terrorism Database (eventid, iyear, imonth, iday, gname, country_txt, provstate, nkill, nwound ...)
  report  weekly report text, read by `trends extract` (never auto-detected)

Example:
  trends ingest --sample                               # the UCDP sample shipped with trends
  trends ingest ged241.csv acled_sahel.csv             # formats detected from the headers
  trends ingest --format events --dataset mynotes notes.jsonl
  trends ingest --dataset team_sheet --replace team_sheet.csv   # the sheet is the whole current state
  trends ingest --date-format %d/%m/%Y field_notes.csv          # dates like 01/02/2019 mean 1 February
  trends sql "select * from rejected_rows order by batch_id desc limit 20"
"""

from __future__ import annotations

import logging
import sys

from ..errors import InputFileError, TooManyBadRows, UsageError

log = logging.getLogger(__name__)


def add_arguments(parser) -> None:
    parser.add_argument("paths", nargs="*", metavar="PATH", help="files to ingest, each as its own batch")
    parser.add_argument(
        "--format",
        default="auto",
        choices=["auto", "events", "ucdp", "acled", "gtd", "report"],
        help="input format (default: auto, from the header)",
    )
    parser.add_argument(
        "--dataset", metavar="NAME", help="value of the events' dataset column (default: the format name, e.g. ucdp)"
    )
    parser.add_argument(
        "--sample", action="store_true", help="also ingest the UCDP GED sample shipped in trends/data (CC BY 4.0)"
    )
    parser.add_argument(
        "--max-bad-share",
        type=float,
        default=0.5,
        metavar="SHARE",
        help="store nothing from a file when more than this share of its rows is rejected (default: 0.5)",
    )
    parser.add_argument(
        "--replace",
        action="store_true",
        help="the file is the complete current state of --dataset NAME: its events are inserted or "
        "replaced, and NAME's stored events missing from it are retired to events_history "
        "(example: trends ingest --dataset team_sheet --replace team_sheet.csv)",
    )
    parser.add_argument(
        "--date-format",
        metavar="FORMAT",
        help="strptime format of event_date, needed for dates like 01/02/2019 (example: --date-format %%d/%%m/%%Y)",
    )
    parser.add_argument(
        "--today", metavar="DATE", help="events dated after this day are rejected as in the future (default: today)"
    )


def run(args) -> int:
    from .. import store
    from ..ingest import ingest_file, sample_path

    paths = list(args.paths) + ([str(sample_path())] if args.sample else [])
    if not paths:
        raise UsageError("give at least one file to ingest, or --sample for the shipped UCDP sample")
    if args.replace and (not args.dataset or len(paths) != 1):
        raise UsageError(
            "--replace needs --dataset NAME and exactly one file: the complete current state of NAME "
            "(example: trends ingest --dataset team_sheet --replace team_sheet.csv)"
        )
    if not 0 <= args.max_bad_share <= 1:
        raise UsageError(f"--max-bad-share must be between 0 and 1, got {args.max_bad_share}")
    con = store.connect(args.db)
    if not sys.stderr.isatty():  # DuckDB's own progress bar would be stray text in a log (the spinner is for terminals)
        con.execute("set enable_progress_bar = false")
    failed = 0
    try:
        for path in paths:
            try:
                with _status(f"ingesting {path}"):
                    res = ingest_file(
                        con,
                        path,
                        format=args.format,
                        dataset=args.dataset,
                        today=args.today,
                        max_bad_share=args.max_bad_share,
                        replace=args.replace,
                        date_format=args.date_format,
                    )
            except (InputFileError, TooManyBadRows) as e:
                print(f"Error: {e}", file=sys.stderr)
                failed += 1
                continue
            print(res.summary())
    finally:
        con.close()
    if failed:
        print(f"{failed} of {len(paths)} file(s) not ingested; the database has everything else", file=sys.stderr)
    return 1 if failed else 0


def _status(text: str):
    """A rich spinner when stderr is a terminal, else nothing."""
    import contextlib

    if not sys.stderr.isatty():
        return contextlib.nullcontext()
    from rich.console import Console

    return Console(stderr=True).status(text)
