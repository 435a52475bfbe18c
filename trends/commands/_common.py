"""Shared pieces of the commands: output options (--format, --out), the boxed table, progress on a terminal,
and the "nothing matched" error. Commands call these so every command behaves the same way."""

from __future__ import annotations

import contextlib
import io
import json
import os
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pandas as pd

from ..errors import NothingMatched, UsageError


def nothing_matched(what: str, hint: str = "") -> NothingMatched:
    return NothingMatched(f"no {what} match these filters" + (f"; {hint}" if hint else ""))


def add_series_filters(parser, what: str = "series") -> None:
    """--actor, --country, --province (repeatable), resolved as at ingest; the same on forecast and alerts."""
    parser.add_argument(
        "--actor",
        action="append",
        metavar="A",
        help="only this actor; aliases work ('ISIS' = 'Islamic State') (repeatable). Example: --actor ISIS",
    )
    parser.add_argument(
        "--country",
        action="append",
        metavar="C",
        help="only this country; spellings work ('Ivory Coast') (repeatable). Example: --country Iraq",
    )
    parser.add_argument(
        "--province",
        action="append",
        metavar="P",
        help=f"only {what} in this province; spellings resolve as at ingest ('Ninawa' = 'Nineveh') "
        "(repeatable). Example: --province Ninawa",
    )


def add_output_args(
    parser, formats=("table", "csv", "json"), default: str = "table", example: str = "rows.csv"
) -> None:
    """--format FORMAT and --out FILE, the same on every command that writes rows."""
    parser.add_argument(
        "--format",
        default=default,
        choices=list(formats),
        help=f"{', '.join(formats)} (default {default}); e.g. --format csv --out {example}",
    )
    parser.add_argument(
        "--out", metavar="FILE", help=f"write to FILE instead of stdout ('-' = stdout), e.g. --out {example}"
    )


@contextlib.contextmanager
def output(path: str | os.PathLike | None) -> Iterator[io.TextIOBase]:
    """A text stream for the command's rows: stdout for None or '-', else FILE (its folder must exist)."""
    if path is None or str(path) == "-":
        yield sys.stdout
        return
    p = Path(path)
    if not p.parent.is_dir():
        raise UsageError(f"--out {path}: the folder {p.parent} does not exist")
    with open(p, "w", encoding="utf-8", newline="") as f:
        yield f


def records(frame: pd.DataFrame) -> list[dict]:
    """JSON-ready rows: NaN/inf -> null, numpy scalars -> Python, dates -> ISO strings."""
    import numpy as np

    out = []
    for row in frame.to_dict("records"):
        rec = {}
        for k, v in row.items():
            if isinstance(v, (list, tuple, np.ndarray)):
                v = [x.item() if hasattr(x, "item") else x for x in v]
            elif isinstance(v, pd.Timestamp):
                v = v.date().isoformat() if v == v.normalize() else v.isoformat()
            elif hasattr(v, "isoformat"):
                v = v.isoformat()
            elif isinstance(v, (np.floating, float)):
                v = float(v) if np.isfinite(v) else None
            elif isinstance(v, np.integer):
                v = int(v)
            elif v is pd.NA or v is pd.NaT:
                v = None
            rec[k] = v
        out.append(rec)
    return out


def write_frame(
    frame: pd.DataFrame,
    fmt: str,
    path=None,
    *,
    week_cols=(),
    title: str | None = None,
    footer: str | None = None,
    limit: int | None = None,
) -> None:
    """Write rows as a boxed table (weeks as 2019-W48), CSV or JSON, to `path` or stdout."""
    with output(path) as f:
        if fmt == "csv":
            frame.to_csv(f, index=False, lineterminator="\n")
        elif fmt == "json":
            f.write(json.dumps(records(frame), ensure_ascii=False, indent=1) + "\n")
        else:
            print_table(frame, f, week_cols=week_cols, title=title, footer=footer, limit=limit)


def print_table(
    frame: pd.DataFrame,
    f,
    *,
    week_cols=(),
    title: str | None = None,
    footer: str | None = None,
    limit: int | None = None,
) -> None:
    """The one table style of the CLI: rich's boxed table, numbers right-aligned, weeks as ISO labels."""
    from rich import box
    from rich.table import Table

    from ..formatting import fmt_num
    from ..weeks import week_label

    shown = frame if limit is None else frame.head(limit)
    t = Table(box=box.SQUARE, title=title, show_lines=False, header_style="bold")
    for c in frame.columns:
        numeric = pd.api.types.is_numeric_dtype(frame[c]) and c not in week_cols
        t.add_column(str(c), justify="right" if numeric else "left")
    for row in shown.itertuples(index=False):
        cells = []
        for c, v in zip(frame.columns, row):
            if c in week_cols and v is not None and pd.notna(v):
                cells.append(week_label(v))
            elif isinstance(v, float):
                cells.append(fmt_num(v, 2))
            else:
                cells.append("" if v is None or (not isinstance(v, (list, tuple)) and pd.isna(v)) else str(v))
        t.add_row(*cells)
    width = 200 if f is not sys.stdout or not sys.stdout.isatty() else None
    f.write(render(t, width))
    more = len(frame) - len(shown)
    if footer or more:
        print(
            (footer or f"{len(frame):,} rows")
            + (f"; {more:,} more not shown (--format csv, or --limit)" if more else ""),
            file=f,
        )


def render(renderable, width: int | None = None) -> str:
    """A rich table as text. Written by the caller, so a closed pipe raises BrokenPipeError (quiet exit 0 in
    trends.cli) instead of rich's own handler, which exits 1."""
    from rich.console import Console

    buf = io.StringIO()
    Console(file=buf, width=width or 200, highlight=False, soft_wrap=False, color_system=None).print(renderable)
    return buf.getvalue()


def stage_progress(stages) -> tuple:
    """(hook, stop): a progress bar over `stages` on stderr when it is a terminal; plus the test hook
    TRENDS_RUN_PAUSE_AT=<stage> (prints 'paused at <stage>' and sleeps TRENDS_RUN_PAUSE_SECONDS there)."""
    stages = list(stages)
    pause_at = os.environ.get("TRENDS_RUN_PAUSE_AT")
    progress = task = None
    if sys.stderr.isatty():
        from rich.console import Console
        from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

        progress = Progress(
            TextColumn("{task.description:<10}"),
            BarColumn(),
            TextColumn("{task.completed}/{task.total}"),
            TimeElapsedColumn(),
            console=Console(stderr=True),
            transient=True,
        )
        task = progress.add_task("starting", total=len(stages))

    def hook(name: str) -> None:
        if progress is not None and name in stages:
            if not progress.live.is_started:
                progress.start()
            progress.update(task, description=name, completed=stages.index(name))
        if pause_at and name == pause_at:
            print(f"paused at {name}", file=sys.stderr, flush=True)
            time.sleep(float(os.environ.get("TRENDS_RUN_PAUSE_SECONDS", "60")))

    def stop() -> None:
        if progress is not None:
            progress.stop()

    return hook, stop


def filter_provinces(con, weekly: pd.DataFrame, names: list[str] | None) -> pd.DataFrame:
    """Rows of `weekly` in the provinces `names`, each resolved through the gazetteer in every country of the
    frame ('Ninawa' finds Nineveh, as --actor finds an actor by its aliases); names as stored (any case) match too."""
    if not names:
        return weekly
    from ..normalize import Gazetteer

    gaz = Gazetteer.load(con)
    countries = weekly["country"].dropna().unique()
    stored = {str(p).casefold() for p in names}
    want = set()
    for c in countries:
        for n in names:
            m = gaz.resolve(c, n)
            if getattr(m, "matched", False):
                want.add((c, m.province))
    keep = [((c, p) in want) or (str(p).casefold() in stored) for c, p in zip(weekly["country"], weekly["province"])]
    return weekly[keep]


def add_models_arg(parser, default: str, known, *, help_default: str) -> None:
    """--models NAME[,NAME...] (one or many), with --model kept as an alias; the same on forecast and backtest."""
    names = ", ".join(["auto", *known])
    parser.add_argument(
        "--models",
        "--model",
        dest="models",
        default=default,
        metavar="M[,M]",
        help=f"one model or a comma-separated list, from {names} (default {help_default}); "
        f"--model is an alias, e.g. --models nbglm or --models naive,nbglm",
    )


def parse_models(text: str, known) -> list[str]:
    """The names of --models, checked (UsageError with a did-you-mean for an unknown one)."""
    import difflib

    names = [m.strip() for m in str(text).split(",") if m.strip()]
    if not names:
        raise UsageError("--models needs at least one model name")
    allowed = ["auto", *known]
    for m in names:
        if m not in allowed:
            close = difflib.get_close_matches(m, allowed, n=1)
            hint = f" (did you mean {close[0]}?)" if close else ""
            raise UsageError(f"unknown model {m!r}{hint}; choose from {', '.join(allowed)}")
    return names
