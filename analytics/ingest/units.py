"""Units named by code or by name, as files write them.

"UBND phường Ninh Kiều", "Phường Ninh Kiều", "P. Ninh Kiều (cũ)", "ninh kieu" and "XA001" all find
the same unit. Keys are tried from the strictest (the code) to the loosest (the name without its
administrative prefix); the first level with a match decides, and several matches there are an
ambiguity, unless "(cũ)" picks the unit that was merged away (or its absence the one that was not).
"""

from __future__ import annotations

import re
import threading
from collections import Counter
from typing import Any

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

# Whether a text has any abbreviation: first how each begins (a quick search, true of a third of
# the names), then all of them at once (true of a few).
_ABBREV_START = re.compile(r"(?<![a-z0-9])(?:gd|kh|nn|tn|ld|vh|gtvt|dt|tp|vp|bql|bv|ttyt|tyt|hdnd|[pxqh]\.|tt\.)")
_ANY_ABBREV = re.compile("|".join(f"(?:{pattern.pattern})" for pattern, _ in _ABBREV))
_UNITS = (
    "SELECT unit_code, name, short_name, merged_into IS NOT NULL OR valid_to IS NOT NULL AS old, parent_code, "
    "unit_type FROM unit"
)
# What the units built into a resolver are: how many, and the sum of each one's hash of the row
# ``add`` reads (any change of a code, name, short name, state, parent or type changes it).
_HASHED = "hash(unit_code, name, short_name, old, parent_code, unit_type)::HUGEINT"
_FINGERPRINT = f"SELECT count(*), coalesce(sum({_HASHED}), 0) FROM ({_UNITS})"  # noqa: S608 - constant text
_BUILT: dict[tuple[int, int], UnitResolver] = {}
_BUILT_LOCK = threading.Lock()


def _levels(text: str) -> tuple[list[str], bool]:
    a = _UBND.sub("ubnd", ascii_key(text).replace("–", "-"))
    if _ABBREV_START.search(a) and _ANY_ABBREV.search(a):  # (most names have none: not 21 searches)
        for pattern, full in _ABBREV:
            a = pattern.sub(full, a)
    old = bool(_OLD.search(a))
    base = re.sub(r"\s+", " ", _OLD.sub(" ", a)).strip(" .,-")
    org = _ORG.sub("", base).removeprefix("truong ")  # "Trường THPT Châu Văn Liêm" = "THPT Châu Văn Liêm"
    admin = _ADMIN.sub("", org).strip()
    return [base, org, admin], old


class UnitResolver:
    """Find unit codes from codes or names, over the database's units plus an upload's own.

    The name keys of every unit are what costs: seconds for the ~100.000 units of the country.
    ``from_db`` builds them once per content of the unit table and process (``_BUILT``) and gives
    each caller a copy it may ``add`` to: dicts copied, their sets frozen and replaced on change,
    never changed in place."""

    def __init__(self) -> None:
        self.codes: dict[str, str] = {}
        self.levels: list[dict[str, frozenset[str]]] = [{}, {}, {}]
        self.merged: dict[str, bool] = {}
        self.names: dict[str, str] = {}
        self.parent: dict[str, str] = {}
        self.root: set[str] = set()
        self._name_counts: Counter[str] | None = None

    @classmethod
    def from_db(cls, con: duckdb.DuckDBPyConnection) -> UnitResolver:
        cur = con.cursor()
        cur.execute("BEGIN TRANSACTION")  # the content's fingerprint and its rows from one snapshot
        try:
            row = cur.execute(_FINGERPRINT).fetchone()
            key = (int(row[0]), int(row[1])) if row else (0, 0)
            with _BUILT_LOCK:
                built = _BUILT.get(key)
                if built is None:
                    built = cls()
                    built.add(cur.execute(_UNITS).df())
                    _BUILT.clear()  # the newest only: a process reads one database
                    _BUILT[key] = built
        finally:
            cur.execute("ROLLBACK")
        return built.copy()

    def copy(self) -> UnitResolver:
        """A resolver of the same units whose ``add`` leaves this one as it is."""
        other = UnitResolver()
        other.codes, other.merged, other.names = dict(self.codes), dict(self.merged), dict(self.names)
        other.parent, other.root = dict(self.parent), set(self.root)
        other.levels = [dict(lvl) for lvl in self.levels]
        other._name_counts = self._name_counts
        return other

    def add(self, units: pd.DataFrame) -> None:
        """``units``: unit_code, name, short_name, old (bool), parent_code, unit_type (all but the first two optional)."""
        self._name_counts = None
        n = len(units)

        def column(name: str) -> list[Any]:
            return units[name].astype(object).where(units[name].notna(), None).tolist() if name in units else [None] * n

        codes = [str(c) for c in column("unit_code")]
        names = column("name")
        self.codes.update(zip([c.strip().upper() for c in codes], codes, strict=True))
        self.merged.update(zip(codes, [bool(o) for o in column("old")] if "old" in units else [False] * n, strict=True))
        self.names.update(zip(codes, [str(t) for t in names], strict=True))
        self.parent.update(
            (c, p) for c, p in zip(codes, column("parent_code"), strict=True) if isinstance(p, str) and p
        )
        self.root.update(c for c, t in zip(codes, column("unit_type"), strict=True) if t in _ROOT_TYPES)
        # Each distinct text's keys once (names repeat across provinces: "Trạm Y tế", "Trường Mầm non …").
        by_text: dict[str, list[str]] = {}
        for texts in (names, column("short_name")):
            for code, text in zip(codes, texts, strict=True):
                if text is not None:
                    by_text.setdefault(str(text), []).append(code)
        added: list[dict[str, set[str]]] = [{}, {}, {}]
        for text, with_text in by_text.items():
            for lvl, k in zip(added, _levels(text)[0], strict=True):
                if k:
                    lvl.setdefault(k, set()).update(with_text)
        for level, new in zip(self.levels, added, strict=True):
            for k, found_codes in new.items():
                found = level.get(k)
                level[k] = frozenset(found_codes) if found is None else found.union(found_codes)

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
        if self._name_counts is None:
            self._name_counts = Counter(self.names.values())
        return name if self._name_counts[name] <= 1 else f"{name} ({code})"

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
