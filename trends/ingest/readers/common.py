"""What the format readers share: SQL expressions over the raw batch, and per-distinct-value maps joined back.

A reader turns `_ingest_raw` (one row per data row, `_row` plus the file's columns) into canonical columns with
one SQL select. Work that needs Python (which side of an event is the actor) runs once per distinct combination of
the columns it reads (`Sql.map`: usually a few thousand), and its result is joined back in SQL.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

import pandas as pd


class Names(Protocol):
    """What readers need from the normaliser to decide which side of an event is the actor."""

    def split(self, text: str | None) -> list[str]: ...
    def known(self, name: str) -> bool: ...
    def armed(self, name: str) -> bool: ...


def ident(name: str) -> str:
    """`name` as a quoted SQL identifier."""
    return '"' + str(name).replace('"', '""') + '"'


def literal(value) -> str:
    """`value` as a SQL string literal (or null)."""
    return "null" if value is None else "'" + str(value).replace("'", "''") + "'"


class Sql:
    """Builds a reader's select over `_ingest_raw r`: column expressions, and maps joined by distinct keys.

    A map is only declared while the reader builds its expressions; `run_maps(source)` computes them all over the
    distinct rows of `source` (trends.ingest.readers.canonical_view passes the table of distinct raw name values,
    so a 10M-row file runs each map over a few thousand rows)."""

    def __init__(self, con, columns: list[str], names: Names, types: dict[str, str] | None = None):
        self.con, self.columns, self.names = con, set(columns), names
        self.types = types or {}
        self.joins: list[str] = []
        self.tables: list[str] = []
        self.maps: list[tuple[str, str, dict[str, str], Callable, dict[str, str]]] = []

    def has(self, name: str) -> bool:
        return name in self.columns

    def col(self, name: str) -> str:
        """The column as trimmed text, null when empty or absent (a text column through the `_ingest_text` macro,
        which passes text that needs no trim as it is)."""
        if name not in self.columns:
            return "null::varchar"
        if self.types.get(name) == "VARCHAR":
            return f"_ingest_text(r.{ident(name)})"
        return f"nullif(trim(r.{ident(name)}::varchar), '')"

    def map(self, name: str, keys: dict[str, str], fn: Callable[[dict], tuple], out: dict[str, str]) -> str:
        """Declare a map: `fn(row) -> tuple` run once per distinct combination of the `keys` expressions (row: key
        name -> value), its results left-joined back; returns the alias whose columns (`out`: name -> DuckDB type)
        the select can use. Computed by run_maps."""
        table, alias = f"_ingest_map_{name}", f"m_{name}"
        self.maps.append((table, alias, keys, fn, out))
        self.tables.append(table)
        cond = " and ".join(f"{alias}.{ident(k)} is not distinct from ({expr})" for k, expr in keys.items())
        self.joins.append(f"left join {table} {alias} on {cond}")
        return alias

    def key_sql(self) -> list[str]:
        """The key expressions of every declared map (they read the raw columns a map depends on)."""
        return [expr for _, _, keys, _, _ in self.maps for expr in keys.values()]

    def run_maps(self, source: str = "_ingest_raw") -> None:
        """Compute every declared map over the distinct key combinations of `source` (aliased `r`)."""
        for table, _, keys, fn, out in self.maps:
            key_sql = ", ".join(f"{expr} as {ident(k)}" for k, expr in keys.items())
            uniq = self.con.execute(f"select distinct {key_sql} from {source} r").df()
            rows = [fn({k: _none(v) for k, v in rec.items()}) for rec in uniq.to_dict("records")]
            res = (
                pd.DataFrame(rows, columns=list(out), dtype=object)
                if rows
                else pd.DataFrame({c: pd.Series(dtype=object) for c in out})
            )
            frame = pd.concat([uniq.reset_index(drop=True).astype(object), res], axis=1)
            register_table(self.con, table, frame, {**{k: "varchar" for k in keys}, **out})


def register_table(con, table: str, frame: pd.DataFrame, types: dict[str, str]) -> None:
    """Write a small pandas frame to temp table `table` with the given DuckDB column types."""
    import pyarrow as pa

    arrays = {}
    for c, t in types.items():
        vals = [_none(v) for v in frame[c].tolist()] if c in frame else [None] * len(frame)
        if t.endswith("[]"):
            arrays[c] = pa.array([None if v is None else [str(x) for x in v] for v in vals], type=pa.list_(pa.string()))
        elif t == "boolean":
            arrays[c] = pa.array([None if v is None else bool(v) for v in vals], type=pa.bool_())
        elif t == "date":
            arrays[c] = pa.array([None if v is None else pd.Timestamp(v).date() for v in vals], type=pa.date32())
        elif t == "integer":
            arrays[c] = pa.array([None if v is None else int(v) for v in vals], type=pa.int64())
        else:
            arrays[c] = pa.array([None if v is None else str(v) for v in vals], type=pa.string())
    view = f"{table}_arrow"
    con.register(view, pa.table(arrays))
    try:
        cols = ", ".join(f"{ident(c)}::{t} as {ident(c)}" for c, t in types.items())
        con.execute(f"create or replace temp table {table} as select {cols} from {view}").fetchall()
    finally:
        con.unregister(view)


def _none(v):
    if v is None:
        return None
    if isinstance(v, (list, tuple)):
        return v
    try:
        return None if pd.isna(v) else v
    except (TypeError, ValueError):
        return v


def sides(
    own: str | None, other: str | None, names: Names, *, primary: str | None = None, other_groups: bool = True
) -> tuple[str | None, list[str] | None, list[str] | None]:
    """(actor, allies, counterpart_groups) of an event from the text of its two sides.

    The actor is `primary` when given and on this side, else the first part of `own` the registry knows, else the
    first part. Allies are the other armed groups of `own`; counterpart groups the armed groups of `other`
    (governments and civilians are not armed groups, see trends.normalize.is_armed_group).
    """
    parts = names.split(own) if own else []
    if not parts:
        return None, None, None
    if primary and primary in parts:
        actor = primary
    else:
        actor = next((p for p in parts if names.known(p)), parts[0])
    allies = [p for p in parts if p != actor and names.armed(p)]
    groups = [p for p in names.split(other) if names.armed(p)] if (other and other_groups) else []
    return actor, allies or None, groups or None


def pick_side(a: str | None, b: str | None, names: Names, hint: list[str] | None = None, prefer: str = "a") -> str:
    """'a' or 'b': the side that holds one of the `hint` names, else a registry-known group, else `prefer`."""
    pa_, pb = names.split(a) if a else [], names.split(b) if b else []
    for test in ([lambda p: p in hint] if hint else []) + [names.known]:
        in_a, in_b = any(test(p) for p in pa_), any(test(p) for p in pb)
        if in_a and not in_b:
            return "a"
        if in_b and not in_a:
            return "b"
        if in_a and in_b:
            return prefer
    return prefer
