"""Query-only SQL: what `trends sql` runs without --write (statement types checked, configuration locked).

A read-only DuckDB connection still lets a statement write elsewhere: `COPY ... TO` and `EXPORT DATABASE` write any
file (the store itself through a hard link, `USE_TMP_FILE false`), `ATTACH ... (READ_ONLY false)` opens another
database (or the store under another path) writable, `INSTALL` downloads, `SET` can point logs or profiles at a file
and `EXPLAIN ANALYZE` runs the statement it explains. DuckDB's `enable_external_access = false` would also stop
`read_csv('mine.csv')`, which must keep working, so two layers are used instead:

1. `check_query_only(con, sql)`: every statement DuckDB parses out of `sql` must be a query (statement type SELECT,
   which includes WITH, FROM-first, VALUES, TABLE, DESCRIBE, SHOW and SUMMARIZE), an EXPLAIN [ANALYZE] of one, or
   a PRAGMA from READ_PRAGMAS. Anything else (and a statement type this version of trends does not know) is
   refused before any statement runs.
2. `lock_down(con)`: extension auto-install, community extensions and Python replacement scans are switched off,
   then `lock_configuration` is set, so no query can change a setting again (logging to a file, profiling output,
   the temp directory, the lock itself).
"""

from __future__ import annotations

import re

import duckdb

from .errors import TrendsError

__all__ = ["QueryOnlyError", "READ_PRAGMAS", "check_query_only", "lock_down"]

#: PRAGMAs that only read (DuckDB also parses IMPORT DATABASE and COPY FROM DATABASE as PRAGMA statements).
READ_PRAGMAS = frozenset(
    {
        "table_info",
        "show",
        "show_tables",
        "show_tables_expanded",
        "show_databases",
        "database_list",
        "database_size",
        "storage_info",
        "metadata_info",
        "functions",
        "collations",
        "version",
        "platform",
        "user_agent",
        "extension_versions",
    }
)

_WHY = {
    "INSERT": "changes the store",
    "UPDATE": "changes the store",
    "DELETE": "changes the store",
    "MERGE_INTO": "changes the store",
    "CREATE": "creates an object",
    "CREATE_FUNC": "creates a function",
    "DROP": "drops an object",
    "ALTER": "changes an object",
    "COPY": "writes a file (COPY ... TO) or a table (COPY ... FROM); to read a file use "
    "SELECT * FROM read_csv('file.csv') (or read_parquet, read_json)",
    "COPY_DATABASE": "writes a database",
    "EXPORT": "writes files",
    "ATTACH": "opens another database, possibly writable (or the store itself under another path)",
    "DETACH": "changes the attached databases",
    "SET": "changes the session (SET, RESET, USE), whose configuration trends sql locks",
    "VARIABLE_SET": "changes the session",
    "LOAD": "installs or loads an extension (INSTALL downloads files)",
    "EXTENSION": "changes extensions",
    "CALL": "runs a table function for its effect; use SELECT * FROM f(...)",
    "TRANSACTION": "is not a query",
    "PREPARE": "is not a query",
    "EXECUTE": "is not a query",
    "VACUUM": "rewrites tables",
    "ANALYZE": "is not a query",
    "MULTI": "runs several statements (PIVOT without "
    "an IN list creates types); list the values: PIVOT ... ON col IN (...)",
}

_LEADING = re.compile(r"^(\s+|--[^\n]*(\n|$)|/\*.*?\*/)+", re.S)
_EXPLAIN = re.compile(r"^explain\s+(analy[sz]e\s+)?(\([^()]*\)\s*)?", re.I)
_PRAGMA = re.compile(r"^pragma\s+([a-z_][a-z0-9_]*)", re.I)


class QueryOnlyError(TrendsError):
    """A statement that is not a query, given to `trends sql` without --write."""


def _refuse(what: str, why: str) -> QueryOnlyError:
    return QueryOnlyError(
        f"{what} {why}. Without --write, trends sql runs queries only (add --write to change the store)"
    )


def _head(text: str) -> str:
    return _LEADING.sub("", text).strip().rstrip(";").strip()


def _statements(con: duckdb.DuckDBPyConnection, sql: str) -> list[tuple[str, str]]:
    """(statement type name, text without leading comments) of each statement in `sql`."""
    out = []
    for st in con.extract_statements(sql):
        try:
            kind = st.type.name
        except ValueError as e:  # a type the Python client does not know ("29 is not a valid StatementType")
            raise _refuse(
                " ".join(_head(st.query).split()[:2]).upper() or "a statement",
                f"is of a statement type trends does not know ({e})",
            ) from None
        out.append((kind, _head(st.query)))
    return out


def check_query_only(con: duckdb.DuckDBPyConnection, sql: str) -> None:
    """Raise QueryOnlyError unless every statement in `sql` only reads (see the module docstring).

    Syntax errors are left to the execution, which reports them as usual.
    """
    for kind, text in _statements(con, sql):
        if kind == "SELECT":
            continue
        if kind == "EXPLAIN":
            m = _EXPLAIN.match(text)
            inner = text[m.end() :] if m else ""
            kinds = [k for k, _ in _statements(con, inner)] if inner.strip() else []
            if kinds == ["SELECT"]:
                continue
            raise _refuse(
                "EXPLAIN of a statement that is not a query", "would run it (EXPLAIN ANALYZE) or is refused by itself"
            )
        if kind == "PRAGMA":
            m = _PRAGMA.match(text)
            if m and m.group(1).lower() in READ_PRAGMAS:
                continue
            if not m:  # IMPORT DATABASE, COPY FROM DATABASE
                raise _refuse(" ".join(text.split()[:2]).upper(), "writes into the database")
            raise _refuse(
                f"PRAGMA {m.group(1)}", f"is not a read-only pragma (those are {', '.join(sorted(READ_PRAGMAS))})"
            )
        word = " ".join(text.split()[:1]).upper() or kind
        raise _refuse(word, _WHY.get(kind, "is not a query"))


def lock_down(con: duckdb.DuckDBPyConnection) -> None:
    """Switch off what a query could use to write or fetch (extension installs, replacement scans of Python
    variables), then lock the configuration so no statement can change a setting again."""
    for setting in ("autoinstall_known_extensions", "allow_community_extensions", "python_enable_replacements"):
        con.execute(f"set {setting} = false")
    con.execute("set lock_configuration = true")
