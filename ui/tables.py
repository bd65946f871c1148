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
    out = pd.DataFrame(index=df.index)
    for column, key, kind in spec:
        values = df[column]
        if kind == "code":
            values = values.map(lambda v: code(v, lang))
        elif kind == "date":
            values = values.map(lambda v: fmt.day(v) if pd.notna(v) else "")
        elif kind == "datetime":
            values = values.map(lambda v: fmt.moment(v) if pd.notna(v) else "")
        elif kind == "text":
            values = values.astype(object).where(values.notna(), "")  # a blank, not "None"
        out[_label(key, lang)] = values
    return out.reset_index(drop=True)


def formatted(df: pd.DataFrame, spec: Spec, lang: str) -> pd.DataFrame:
    """Like ``labelled`` but every number written as text in the language's format."""
    out = labelled(df, spec, lang)
    for column, key, kind in spec:
        label = _label(key, lang)
        if kind == "int":
            out[label] = df[column].map(lambda v: fmt.number(v, lang)).to_numpy()
        elif kind == "float1":
            out[label] = df[column].map(lambda v: fmt.number(v, lang, 1)).to_numpy()
        elif kind == "pct":
            out[label] = df[column].map(lambda v: fmt.percent(v, lang, 2)).to_numpy()
        elif kind == "pct1":
            out[label] = df[column].map(lambda v: fmt.percent(v, lang, 1)).to_numpy()
        elif kind == "money":
            out[label] = df[column].map(lambda v: fmt.money(v, lang)).to_numpy()
    return out
