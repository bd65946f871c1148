"""Units named by code or by name, as files write them.

"UBND phường Ninh Kiều", "Phường Ninh Kiều", "P. Ninh Kiều (cũ)", "ninh kieu" and "XA001" all find
the same unit. Keys are tried from the strictest (the code) to the loosest (the name without its
administrative prefix); the first level with a match decides, and several matches there are an
ambiguity, unless "(cũ)" picks the unit that was merged away (or its absence the one that was not).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import duckdb
import pandas as pd

from analytics.ingest.normalize import ascii_key

_OLD = re.compile(r"\(\s*cu\s*\)|\bcu\s*$")
_ORG = re.compile(r"^(ubnd|uy ban nhan dan|u\.b\.n\.d)\s+")
_ADMIN = re.compile(r"^(phuong|xa|thi tran|p\.|x\.|tt\.|quan|huyen|thi xa|thanh pho|tp\.?)\s*")


def _levels(text: str) -> tuple[list[str], bool]:
    a = ascii_key(text)
    old = bool(_OLD.search(a))
    base = re.sub(r"\s+", " ", _OLD.sub(" ", a)).strip(" .,-")
    org = _ORG.sub("", base)
    admin = _ADMIN.sub("", org).strip()
    return [base, org, admin], old


@dataclass
class _Unit:
    code: str
    merged: bool


class UnitResolver:
    """Find unit codes from codes or names, over the database's units plus an upload's own."""

    def __init__(self) -> None:
        self.codes: dict[str, str] = {}
        self.levels: list[dict[str, set[str]]] = [{}, {}, {}]
        self.merged: dict[str, bool] = {}

    @classmethod
    def from_db(cls, con: duckdb.DuckDBPyConnection) -> UnitResolver:
        r = cls()
        r.add(con.cursor().execute(
            "SELECT unit_code, name, short_name, merged_into IS NOT NULL OR valid_to IS NOT NULL AS old FROM unit").df())
        return r

    def add(self, units: pd.DataFrame) -> None:
        """``units``: unit_code, name, short_name (optional), old (optional bool)."""
        for row in units.itertuples(index=False):
            code = str(row.unit_code)
            self.codes[code.strip().upper()] = code
            self.merged[code] = bool(getattr(row, "old", False))
            for text in (row.name, getattr(row, "short_name", None)):
                if text is None or (isinstance(text, float) and pd.isna(text)):
                    continue
                for lvl, k in zip(self.levels, _levels(str(text))[0], strict=True):
                    if k:
                        lvl.setdefault(k, set()).add(code)

    def resolve(self, text: str) -> tuple[str | None, list[str]]:
        """(code, candidates): code None with no candidates = unknown, several = ambiguous."""
        t = text.strip()
        if t.upper() in self.codes:
            return self.codes[t.upper()], []
        keys, old = _levels(t)
        for lvl, k in zip(self.levels, keys, strict=True):
            found = lvl.get(k)
            if not found:
                continue
            if len(found) == 1:
                return next(iter(found)), []
            preferred = sorted(c for c in found if self.merged.get(c, False) == old)
            if len(preferred) == 1:
                return preferred[0], []
            return None, sorted(found)
        return None, []
