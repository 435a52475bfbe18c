"""Helpers shared by the format readers: work per distinct value, not per row.

A 10M-row file has a few thousand distinct actors, provinces and dates. Every text clean-up and lookup runs once
per distinct value (pd.factorize) and is mapped back by integer codes; text results come back as categoricals.
"""
from __future__ import annotations

from typing import Callable, Protocol

import numpy as np
import pandas as pd

#: separator of the raw group names in the `allies` and `counterpart_groups` columns (never in a name).
SEP = "\x1f"


class Names(Protocol):
    """What readers need from the normaliser to decide which side of an event is the actor."""

    def split(self, text: str | None) -> list[str]: ...
    def known(self, name: str) -> bool: ...
    def armed(self, name: str) -> bool: ...


def _uniques(s: pd.Series) -> tuple[np.ndarray, pd.Series]:
    """Codes into the distinct values; missing values get one extra code at the end (value None/NA)."""
    codes, uniques = pd.factorize(s, use_na_sentinel=True)
    if isinstance(uniques, pd.Categorical) or uniques.dtype == object:
        u = pd.Series(np.asarray(uniques, dtype=object), dtype=object)
    else:
        u = pd.Series(uniques)
    if (codes < 0).any():
        na = pd.Series([None], dtype=object) if u.dtype == object else pd.Series([pd.NA], dtype=object)
        u = pd.concat([u.astype(object) if u.dtype != object else u, na], ignore_index=True)
        codes = np.where(codes < 0, len(u) - 1, codes)
    return codes, u


def _take(out: pd.Series, codes: np.ndarray, index, as_category: bool) -> pd.Series:
    out = pd.Series(out).reset_index(drop=True)
    if out.dtype == object and as_category:
        c2, u2 = pd.factorize(out, use_na_sentinel=True)
        return pd.Series(pd.Categorical.from_codes(c2[codes], categories=pd.Index(u2, dtype=object)), index=index)
    res = out.take(codes)
    res.index = index
    return res


def vec_unique(s: pd.Series, fn: Callable[[pd.Series], pd.Series], *, as_category: bool = True) -> pd.Series:
    """`fn` (vectorised, over a Series of the distinct values, None for missing) applied to every row of `s`."""
    codes, u = _uniques(s)
    return _take(pd.Series(fn(u)), codes, s.index, as_category)


def map_unique(s: pd.Series, fn: Callable, *, as_category: bool = True) -> pd.Series:
    """Scalar `fn(value)` (value None when missing) applied once per distinct value of `s`."""
    def each(u: pd.Series) -> pd.Series:
        return pd.Series([fn(None if _isna(v) else v) for v in u], dtype=object)
    return vec_unique(s, each, as_category=as_category)


def rows_unique(df: pd.DataFrame, fn: Callable[[dict], tuple], names: list[str]) -> pd.DataFrame:
    """`fn(row_dict) -> tuple` once per distinct combination of `df`'s columns; a frame with columns `names`."""
    if len(df) == 0:
        return pd.DataFrame({n: pd.Series(dtype=object) for n in names}, index=df.index)
    group = df.groupby(list(df.columns), dropna=False, sort=False, observed=True).ngroup().to_numpy()
    first = pd.Series(np.arange(len(df))).groupby(group).first()
    uniq = df.iloc[first.to_numpy()]
    results = [fn({k: (None if _isna(v) else v) for k, v in rec.items()}) for rec in uniq.to_dict("records")]
    out = pd.DataFrame(results, columns=names, index=first.index)
    return pd.DataFrame({n: _take(out[n].astype(object), group, df.index, True) for n in names}, index=df.index)


def _isna(v) -> bool:
    try:
        return bool(pd.isna(v))
    except (TypeError, ValueError):
        return False


def text(s: pd.Series) -> pd.Series:
    """Strip surrounding blanks; empty text becomes missing. Categorical in, categorical out."""
    def clean(u: pd.Series) -> pd.Series:
        t = u.map(lambda v: None if _isna(v) else (str(v).strip() or None))
        return t.astype(object)
    return vec_unique(s, clean)


def column(raw: pd.DataFrame, name: str) -> pd.Series:
    """`raw[name]`, or an all-missing column when the file has no such column."""
    if name in raw.columns:
        return raw[name]
    codes = np.full(len(raw), -1, dtype=np.int8)
    return pd.Series(pd.Categorical.from_codes(codes, categories=pd.Index([], dtype=object)), index=raw.index)


def sides(own: str | None, other: str | None, names: Names, *, primary: str | None = None,
          other_groups: bool = True) -> tuple[str | None, str | None, str | None]:
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
    return actor, SEP.join(allies) or None, SEP.join(groups) or None


def pick_side(a: str | None, b: str | None, names: Names, hint: list[str] | None = None,
              prefer: str = "a") -> str:
    """'a' or 'b': the side that holds one of the `hint` names, else a registry-known group, else `prefer`."""
    pa, pb = names.split(a) if a else [], names.split(b) if b else []
    for test in ([lambda p: p in hint] if hint else []) + [names.known]:
        in_a, in_b = any(test(p) for p in pa), any(test(p) for p in pb)
        if in_a and not in_b:
            return "a"
        if in_b and not in_a:
            return "b"
        if in_a and in_b:
            return prefer
    return prefer


def reject(out: pd.DataFrame, mask: pd.Series, field: str, values: pd.Series, why: str) -> None:
    """Mark rows of a canonical frame as rejected (columns `_field`, `_reason`); the first reason per row wins."""
    if "_field" not in out.columns:
        out["_field"] = pd.Series(None, index=out.index, dtype=object)
        out["_reason"] = pd.Series(None, index=out.index, dtype=object)
    m = mask.to_numpy(dtype=bool) & out["_field"].isna().to_numpy()
    if m.any():
        out.loc[m, "_field"] = field
        out.loc[m, "_reason"] = [f"{v!r} {why}" for v in values[m].astype(object)]
