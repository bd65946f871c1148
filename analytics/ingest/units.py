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
_ADMIN = re.compile(r"^(phuong|xa|thi tran|p\.|x\.|tt\.|q\.|h\.|tx\.|quan|huyen|thi xa|thanh pho|tp\.?)\s*")


_UBND = re.compile(r"\b(uy ban nhan dan|u\.b\.n\.d\.?)(?=\s|$)")
_ROOT_TYPES = ("thanh_pho", "tinh_cu")
# Abbreviations of agency names as files write them ("Sở GD&ĐT", "Sở GD và ĐT", "VP UBND TP").
_ABBREV = [
    (re.compile(rf"(?<![a-z0-9]){pattern}(?![a-z0-9])"), full)
    for pattern, full in (
        (r"gd\s*(&|va|-|,)?\s*dt", "giao duc va dao tao"),
        (r"kh\s*(&|va)?\s*cn", "khoa hoc va cong nghe"),
        (r"nn\s*(&|va)?\s*ptnt", "nong nghiep va phat trien nong thon"),
        (r"nn\s*(&|va)\s*mt", "nong nghiep va moi truong"),
        (r"tn\s*(&|va)?\s*mt", "tai nguyen va moi truong"),
        (r"ld\s*,?\s*tb\s*(&|va)?\s*xh", "lao dong thuong binh va xa hoi"),
        (r"vh\s*,?\s*tt\s*(&|va)?\s*dl", "van hoa the thao va du lich"),
        (r"gtvt", "giao thong van tai"),
        (r"dt\s*(&|va)?\s*tg", "dan toc va ton giao"),
        (r"tp\.?", "thanh pho"),
        (r"vp", "van phong"),
        (r"bql", "ban quan ly"),
        (r"bv", "benh vien"),
        (r"ttyt", "trung tam y te"),
        (r"tyt", "tram y te"),
        (r"hdnd", "hoi dong nhan dan"),
        (r"p\.", "phuong "),
        (r"x\.", "xa "),
        (r"q\.", "quan "),
        (r"h\.", "huyen "),
        (r"tt\.", "thi tran "),
    )
]


def _levels(text: str) -> tuple[list[str], bool]:
    a = _UBND.sub("ubnd", ascii_key(text).replace("–", "-"))
    for pattern, full in _ABBREV:
        a = pattern.sub(full, a)
    old = bool(_OLD.search(a))
    base = re.sub(r"\s+", " ", _OLD.sub(" ", a)).strip(" .,-")
    org = _ORG.sub("", base).removeprefix("truong ")  # "Trường THPT Châu Văn Liêm" = "THPT Châu Văn Liêm"
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
        self.names: dict[str, str] = {}
        self.parent: dict[str, str] = {}
        self.root: set[str] = set()

    @classmethod
    def from_db(cls, con: duckdb.DuckDBPyConnection) -> UnitResolver:
        r = cls()
        r.add(
            con.cursor()
            .execute(
                "SELECT unit_code, name, short_name, merged_into IS NOT NULL OR valid_to IS NOT NULL AS old, parent_code, "
                "unit_type FROM unit"
            )
            .df()
        )
        return r

    def add(self, units: pd.DataFrame) -> None:
        """``units``: unit_code, name, short_name, old (bool), parent_code, unit_type (all but the first two optional)."""
        for row in units.itertuples(index=False):
            code = str(row.unit_code)
            self.codes[code.strip().upper()] = code
            self.merged[code] = bool(getattr(row, "old", False))
            self.names[code] = str(row.name)
            parent = getattr(row, "parent_code", None)
            if isinstance(parent, str) and parent:
                self.parent[code] = parent
            if getattr(row, "unit_type", None) in _ROOT_TYPES:
                self.root.add(code)
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

    def name(self, code: str) -> str:
        return self.names.get(code, code)

    def label(self, code: str) -> str:
        """How a candidate is listed: its name, with the code when two units share the name."""
        name = self.name(code)
        return name if list(self.names.values()).count(name) <= 1 else f"{name} ({code})"

    def _ancestors(self, code: str) -> set[str]:
        out: set[str] = set()
        while (code := self.parent.get(code, "")) and code not in out:
            out.add(code)
        return out

    def find_in_text(self, texts: list[str]) -> tuple[str | None, list[str]]:
        """The unit a title block names: the last letterhead line that is a unit's name, else
        ("DANH SÁCH CÁN BỘ XÃ HÒA TÚ - THÀNH PHỐ CẦN THƠ") full unit names found as words inside the lines; a unit above another one found (the city above its
        commune) and the root of the tree give way to the more specific one. (code, candidates)
        as ``resolve``."""
        # The letterhead: lines that are a unit's name and nothing else ("UBND THÀNH PHỐ CẦN THƠ" over
        # "SỞ NỘI VỤ"); the issuing unit is written under its parent, so the last one is it.
        letterhead = [code for text in texts if (code := self.resolve(text)[0])]
        if letterhead:
            return letterhead[-1], []
        found: list[str] = []
        for text in texts:
            padded = f" {re.sub(r'[^a-z0-9]+', ' ', _levels(text)[0][0])} "
            for lvl in self.levels[:2]:
                for k, codes in lvl.items():
                    if len(k.split()) >= 2 and f" {re.sub(r'[^a-z0-9]+', ' ', k).strip()} " in padded:
                        found += [c for c in sorted(codes) if c not in found]
        if not found:
            return None, []
        above = set().union(*(self._ancestors(c) for c in found))
        specific = [c for c in found if c not in above and c not in self.root] or [c for c in found if c not in above]
        current = [c for c in specific if not self.merged.get(c, False)] or specific
        if len(current) == 1:
            return current[0], []
        return None, sorted(current)
