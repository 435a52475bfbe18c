"""The exception hierarchy: every error trends raises on purpose is a TrendsError."""


class TrendsError(Exception):
    """Base for every error trends raises on purpose; the CLI prints its message and exits 1."""

    exit_code = 1


class UsageError(TrendsError, ValueError):
    """Bad arguments or configuration; the CLI exits 2."""

    exit_code = 2


class NothingMatched(UsageError):
    """A filter (--actor, --country, --province, --week, --from/--to ...) matched no data: exit 2, as a usage
    error, since the filter is what to change; the message says which filter and what the store holds."""


class ConfigError(UsageError):
    """A trends.toml key is missing, unknown or out of range; the message names the key."""


class SchemaError(TrendsError, ValueError):
    """A frame or table lacks columns or has wrong types."""


class SqlFileError(TrendsError):
    """A file under sql/ failed to apply; the message names it."""


class InputFileError(TrendsError):
    """An input file cannot be read at all (empty, binary, truncated, unknown format)."""


class UnknownFormatError(InputFileError):
    """The header matches no known format; the message lists the columns each format expects."""


class TooManyBadRows(TrendsError):
    """The rejected share of a batch exceeded the limit; the message gives the top reasons."""


class TooFewWeeks(TrendsError, ValueError):
    """A series is shorter than the method needs."""


class NotFittedError(TrendsError, RuntimeError):
    """predict() called before fit()."""


class LockError(TrendsError):
    """Another run holds the lock on this database."""

    exit_code = 75  # EX_TEMPFAIL: a scheduler may retry later


class StoreBusyError(LockError):
    """Another process has the DuckDB file open (one writer or many readers at a time); exit 75, retry later."""


class NotAStoreError(TrendsError):
    """The database path is not a DuckDB file (another kind of file, an empty file, or a folder)."""
