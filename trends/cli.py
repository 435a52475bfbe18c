"""Command-line interface: parse arguments, set up logging, call the library, map errors to exit codes.

Each subcommand lives in `trends/commands/<name>.py` and exposes:
    the module docstring   first line = one-line help; the rest = description with an "Example:" block
    add_arguments(parser)  its own options (every command also gets --db, --wait, -v and -q)
    run(args) -> int       the exit code
Only the module of the command being run is imported (all of them for `trends --help`), so `trends sql` does
not pay for importing the forecast models.

Exit codes: 0 success; 1 failure (bad input data, a failed run); 2 bad arguments or configuration;
3 alerts at or above the configured level were raised (`trends run --fail-on-alert`); 4 `trends run` completed but
refused inbox files (moved to <inbox>/rejected/ with a .reason file); 75 the database is busy
(another process has it open, or another run holds its lock; --wait SECONDS waits for it); 130 interrupted
(Ctrl-C; the step in progress is rolled back). See docs/cli-safety.md.
"""

from __future__ import annotations

import argparse
import difflib
import importlib
import logging
import os
import sys

from .errors import TrendsError
from .lock import waiting
from .store import default_db_path

EPILOG = """Run `trends COMMAND --help` for each command's options and an example.

Exit codes: 0 ok; 1 failed (bad input, failed run); 2 bad arguments or configuration, or a filter that
matched nothing; 3 alerts at or above --fail-on-alert; 4 `run` completed but refused inbox files (see
<inbox>/rejected/); 75 the database is busy (another process has it open: retry later, or wait for it with
--wait SECONDS); 130 interrupted (the step in progress was rolled back).

Example:
  trends --wait 600 weekly --format csv     # wait up to 10 minutes for a running ingest to finish
  trends sql --wait 60 "select count(*) from events"
"""

#: subcommand -> module, in the order `trends --help` lists them.
COMMANDS = {
    "ingest": "trends.commands.ingest",
    "actors": "trends.commands.actors",
    "places": "trends.commands.places",
    "weekly": "trends.commands.weekly",
    "sql": "trends.commands.sql",
    "changepoints": "trends.commands.changepoints",
    "forecast": "trends.commands.forecast",
    "backtest": "trends.commands.backtest",
    "alerts": "trends.commands.alerts",
    "report": "trends.commands.report",
    "run": "trends.commands.run",
    "config": "trends.commands.config",
    "extract": "trends.commands.extract",
    "demo": "trends.commands.demo",
}


def _available(names=None) -> dict:
    """The command modules that exist, imported; `names` limits it to those commands."""
    mods = {}
    for name, modname in COMMANDS.items():
        if names is not None and name not in names:
            continue
        try:
            mods[name] = importlib.import_module(modname)
        except ModuleNotFoundError as e:
            if e.name != modname:
                raise
    return mods


class Parser(argparse.ArgumentParser):
    """argparse with a did-you-mean for a mistyped option, shown with the usage of the (sub)command it was
    meant for."""

    def unknown_options(self, extra: list[str]):
        opts = [o for a in self._actions for o in a.option_strings if o.startswith("--")]
        hints = []
        for x in extra:
            if x.startswith("-"):
                close = difflib.get_close_matches(x.split("=", 1)[0], opts, n=1, cutoff=0.6)
                if close:
                    hints.append(f"{x.split('=', 1)[0]} -> did you mean {close[0]}?")
        msg = f"unrecognized arguments: {' '.join(extra)}"
        self.error(msg + (" (" + "; ".join(hints) + ")" if hints else ""))


def build_parser(mods: dict | None = None) -> argparse.ArgumentParser:
    mods = _available() if mods is None else mods
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--db",
        default=None,
        metavar="PATH",
        help=f"DuckDB file of the event store (default: $TRENDS_DB or {default_db_path()!r})",
    )
    common.add_argument(
        "--wait",
        type=_seconds,
        default=argparse.SUPPRESS,
        metavar="SECONDS",
        help="when another process has the database open (an ingest, a run, a notebook), wait up "
        "to SECONDS for it instead of exiting 75 at once (e.g. --wait 600; default 0)",
    )
    common.add_argument("-v", "--verbose", action="count", default=0, help="more log output (-vv for debug)")
    common.add_argument("-q", "--quiet", action="store_true", help="only warnings and errors")
    parser = Parser(
        prog="trends",
        description="Weekly trends, change points, forecasts and resurgence alerts for political-violence events.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    from . import __version__

    parser.add_argument("--version", action="version", version=f"trends {__version__}")
    parser.add_argument(
        "--wait",
        type=_seconds,
        default=argparse.SUPPRESS,
        metavar="SECONDS",
        help="for every command: wait up to SECONDS for a busy database (see the exit codes below)",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name, mod in mods.items():
        doc = (mod.__doc__ or name).strip()
        short, _, rest = doc.partition("\n")
        p = sub.add_parser(
            name,
            parents=[common],
            help=short.rstrip(".").replace("%", "%%"),
            description=doc,
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        mod.add_arguments(p)
        p.set_defaults(_module=mod, _parser=p)
    return parser


def _seconds(text: str) -> float:
    try:
        v = float(text)
    except ValueError:
        v = -1.0
    if not v >= 0 or v == float("inf"):
        raise argparse.ArgumentTypeError(f"expected a number of seconds >= 0, got {text!r}")
    return v


def _interrupted(e: BaseException) -> bool:
    """Ctrl-C: Python's KeyboardInterrupt, or DuckDB's RuntimeError('Query interrupted') when it lands in a query."""
    return (
        isinstance(e, KeyboardInterrupt)
        or type(e).__name__ == "InterruptException"
        or (isinstance(e, RuntimeError) and str(e).strip() == "Query interrupted")
    )


def setup_logging(verbose: int = 0, quiet: bool = False) -> None:
    level = logging.WARNING if quiet else (logging.DEBUG if verbose > 1 else logging.INFO)
    logging.basicConfig(
        level=level,
        format="%(asctime)s %(levelname)-7s %(message)s",
        datefmt="%Y-%m-%d %H:%M:%S",
        stream=sys.stderr,
        force=True,
    )
    for noisy in ("cmdstanpy", "prophet", "matplotlib", "numba", "fontTools", "weasyprint"):
        logging.getLogger(noisy).setLevel(logging.WARNING if verbose < 2 else logging.INFO)


def main(argv: list[str] | None = None) -> int:
    """Entry point of the `trends` console script; returns the exit code."""
    argv = sys.argv[1:] if argv is None else list(argv)
    # Import only the command being run (`trends sql` need not import the forecast models to build its parser);
    # --help, no command or an unknown one builds the full parser, so every command is listed.
    parser = build_parser(_available([argv[0]]) if argv and argv[0] in COMMANDS else None)
    try:
        args, extra = parser.parse_known_args(argv)
        if extra:  # reported by the subcommand's parser: its usage, and a did-you-mean
            getattr(args, "_parser", parser).unknown_options(extra)
    except SystemExit as e:  # argparse exits 2 on bad arguments, 0 on --help
        return int(e.code or 0)
    except BrokenPipeError:  # `trends weekly --help | head`
        return _closed_stdout()
    if args.db is None:
        args.db = default_db_path()
    setup_logging(args.verbose, args.quiet)
    os.environ.setdefault("MPLBACKEND", "Agg")  # figures are only ever written to files; no import cost here
    try:
        with waiting(getattr(args, "wait", 0.0)):
            code = int(args._module.run(args) or 0)
        sys.stdout.flush()  # a closed pipe shows here, not at exit
        return code
    except BrokenPipeError:
        return _closed_stdout()
    except TrendsError as e:
        print(f"Error: {e}", file=sys.stderr)
        return e.exit_code
    except (KeyboardInterrupt, Exception) as e:  # anything else keeps its traceback
        if not _interrupted(e):
            raise
        print(
            "Interrupted; the step in progress was rolled back (the database is as it was before it).", file=sys.stderr
        )
        return 130


def _closed_stdout() -> int:
    """stdout was closed by the reader (`trends weekly --format csv | head`): stop quietly, exit 0."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())  # so the flush at exit does not fail again
    except (OSError, ValueError):
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
