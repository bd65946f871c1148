"""Turn analytics DataFrames into tables people read: chosen columns, labelled headers, formats.

``labelled(df, spec, lang)`` keeps numbers as numbers (for downloads); ``formatted`` renders them
the Vietnamese way for the screen. A spec row is (column, label key, kind); kinds: text, code, int,
float1, pct, pct1, money, date, datetime. A label key '=name' is a literal header.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from ui import format as fmt
from ui.labels import code, t

Spec = Sequence[tuple[str, str, str]]


def _label(key: str, lang: str) -> str:
    """A label key, or a literal header written as '=name' (for columns without a label)."""
    return key[1:] if key.startswith("=") else t(key, lang)


def labelled(df: pd.DataFrame, spec: Spec, lang: str) -> pd.DataFrame:
    """Selected columns under their labels; coded values translated; numbers untouched."""
    columns = {}
    for column, key, kind in spec:
        values = df[column]
        if kind == "code":
            values = values.map(lambda v: code(v, lang))
        elif kind == "date":
            values = values.map(lambda v: fmt.day(v) if pd.notna(v) else "")
        elif kind == "datetime":
            values = values.map(lambda v: fmt.moment(v) if pd.notna(v) else "")
        elif kind == "text":
            # a blank, not "None"; strings stay strings (converting them to objects cost most of a table)
            values = (
                values.fillna("")
                if pd.api.types.is_string_dtype(values)
                else values.astype(object).where(values.notna(), "")
            )
        columns[_label(key, lang)] = values.array  # keeps the dtype (Int64 stays Int64), not the index
    # one frame built at once: inserting the columns one by one copied the frame each time
    return pd.DataFrame(columns, index=pd.RangeIndex(len(df)))


def formatted(df: pd.DataFrame, spec: Spec, lang: str, labelled_: pd.DataFrame | None = None) -> pd.DataFrame:
    """Like ``labelled`` but every number written as text in the language's format (``labelled_``:
    ``labelled(df, spec, lang)`` when the caller has it already)."""
    out = (labelled(df, spec, lang) if labelled_ is None else labelled_).copy()
    writers = {
        "int": lambda v: fmt.number(v, lang),
        "float1": lambda v: fmt.number(v, lang, 1),
        "pct": lambda v: fmt.percent(v, lang, 2),
        "pct1": lambda v: fmt.percent(v, lang, 1),
        "money": lambda v: fmt.money(v, lang),
    }
    for column, key, kind in spec:
        if kind in writers:
            out[_label(key, lang)] = df[column].map(writers[kind]).to_numpy()
    return out
