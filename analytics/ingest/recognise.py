"""Find what a sheet is: its kind, header rows, columns, and which rows are data.

Headers: every window of 1-4 rows among the first 40 is tried; a column's header is the list of
its cells in the window (merged cells were filled by the reader, so a group header such as
"Ngày, tháng, năm sinh" sits above both "Nam" and "Nữ"). The window whose columns name the most
distinct fields of an eligible kind wins; ties go to the smaller window. Rows under the header
that only repeat header words or number the columns ("A, B, 1, 2", "(1)", "4=1*3") are skipped.

Data rows (``rows.classify``): totals and subtotals (TỔNG CỘNG, Tổng số, Cộng, Khối …) are never data; a Roman STT
("I", "II.") starts a section whose text may give the staff category of the rows under it; the
footer ("Ghi chú", "Nơi nhận", "…, ngày … tháng … năm …", signatures) ends the table; hidden rows
are skipped because government files hide rows that are not meant to count (reported).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from typing import Any

import numpy as np

from analytics.errors import OversightError
from analytics.ingest.evidence import evidence, names_a_person, title_rows
from analytics.ingest.headers import (
    CATEGORY_WORDS,
    GENDER_WORDS,
    NAME,
    Dictionary,
    grouped_names,
    header_key,
    header_keys,
)
from analytics.ingest.kinds import KINDS
from analytics.ingest.normalize import ascii_key
from analytics.ingest.reader import Sheet
from analytics.ingest.recognised import Match, Recognised
from analytics.ingest.rows import NOTE, classify, is_colnum_row
from analytics.ingest.wide import REDUCTION_WORDS, STT_DICT, UNIT_DICT, match_wide

_NAME_DICT = Dictionary([("_name", NAME)])
_NAME_KINDS = ("payroll", "secondment", "training")  # kinds whose table has no name column
HEADER_SCAN_ROWS = 40
CLOSE = 0.9  # a runner-up kind with this share of the best one's evidence: ask the user which
_UNIT_FIELDS = {k.name: {c.name for c in k.columns if c.type == "unit"} for k in KINDS.values()}
_NO_PEOPLE = ("unit", "quota", "quota_wide")  # kinds with no person on a row
_PERSON_LEVEL = ("reduction_case", "secondment", "payroll", "training")  # lists of people with more than a roster
YIELD = 0.5  # ... that the roster gives way to when they have half its evidence
MAX_HEADER_DEPTH = 4


# ---------------------------------------------------------------------------------------- columns


Extras = tuple[tuple[str, str], ...]  # (header key, field) a user mapped for one kind


def extra_headers_for(kind: str, mapping: Mapping[str, Mapping[str, str]] | None) -> Extras:
    """A user's remembered mapping {kind: {header text: column}} as lookup keys, checked."""
    out = []
    for header, column in (mapping or {}).get(kind, {}).items():
        if kind not in KINDS or column not in {c.name for c in KINDS[kind].columns}:
            raise OversightError("mapping_invalid", kind=kind, header=header, column=column)
        out.append((header_keys(header)[0], column))
    return tuple(sorted(out))


@functools.lru_cache(maxsize=65536)
def _match_cached(
    kind: str, parts: tuple[str, ...], extras: Extras = ()
) -> tuple[str, int, tuple[tuple[str, Any], ...]] | None:
    return _match_column(kind, list(parts), dict(extras))


def _match_column(
    kind: str, parts: list[str], extras: dict[str, str] | None = None
) -> tuple[str, int, tuple[tuple[str, Any], ...]] | None:
    if extras:
        for text in [" ".join(parts), *reversed(parts)]:
            if (field := extras.get(header_keys(text)[0])) is not None:
                return field, -1, ()  # the user's own mapping beats the dictionary
    if kind == "quota_wide":
        return match_wide(parts)
    if (
        kind == "quota"
        and any(w in ascii_key(" ".join(parts)) for w in REDUCTION_WORDS)
        and not UNIT_DICT.lookup(parts[-1])
    ):
        return None  # "Tinh giản biên chế năm 2023": people who left, never a quota
    d = KINDS[kind].dictionary
    keys = [header_keys(p)[0] for p in parts]
    if kind == "person":
        genders = [GENDER_WORDS[k] for k in keys if k in GENDER_WORDS]
        if genders:
            # "Ngày, tháng, năm sinh" over "Nam" / "Nữ": a birth date whose column says the gender;
            # "Giới tính" over "Nam" / "Nữ": a mark ("x") says the gender.
            birth = any((hit := d.lookup(p)) and hit[0] == "birth_date" for p in parts)
            return "_gender_col", 0, (("gender", genders[-1]), ("birth", birth))
        cats = [CATEGORY_WORDS[k] for k in keys if k in CATEGORY_WORDS]
        if cats and keys[-1] in CATEGORY_WORDS:
            return "_category_col", 0, (("category", cats[-1]),)
    if _all_categories(keys):
        return "category", 0, ()  # "Cán bộ/Công chức", "CC/VC": the column says which one
    coefficient_group = any("he so" in header_keys(p)[1] for p in parts[:-1])
    if coefficient_group and len(parts) > 1:
        last = header_keys(parts[-1])[1]
        if last in _TOTAL_WORDS:
            return None  # "Hệ số / Cộng": the sum of the coefficients, not the salary coefficient
        if (hit := d.lookup(parts[-1])) and hit[0] == "basic_salary_vnd" and "salary_coef" in _FIELDS[kind]:
            return "salary_coef", 0, ()  # "Hệ số / Lương ngạch bậc": the coefficient of the grade salary
    if any(_RATE.search(p) for p in parts):
        return None  # "PC ưu đãi nghề (%)", "Tỷ lệ": a rate, not an amount or a count
    if kind != "person" and any(k in GENDER_WORDS for k in keys):
        return None  # a birth date under "Nam" / "Nữ" (ascii "nam" is also "năm", a year): no column here
    for text in [*grouped_names(parts), " ".join(parts), *reversed(parts)]:
        hit = d.lookup(text) or STT_DICT.lookup(text) or (_NAME_DICT.lookup(text) if kind in _NAME_KINDS else None)
        if hit and hit[0] in _UNIT_FIELDS.get(kind, ()) and "chuc vu" in header_keys(text)[1]:
            continue  # "Chức vụ, đơn vị công tác hiện nay" holds a position ("Trưởng phòng …"), not a unit
        if hit and coefficient_group and hit[0].endswith("_vnd"):
            return None  # "Hệ số phụ cấp / PC chức vụ": a coefficient, not the money of the same name
        if hit:
            return hit[0], hit[1], ()
    return None


def _parts(top: np.ndarray, r: int, d: int, c: int) -> list[str]:
    out: list[str] = []
    for i in range(r, r + d):
        v = top[i, c]
        if v is not None and str(v).strip() and str(v) not in out:
            out.append(str(v))
    return out


def _fields_for(kind: str, top: np.ndarray, r: int, d: int, extras: Extras = ()) -> list[Match]:
    found = []
    for c in range(top.shape[1]):
        parts = _parts(top, r, d, c)
        if not parts:
            continue
        hit = _match_cached(kind, tuple(parts), extras)
        if hit:
            found.append(Match(c, hit[0], " / ".join(parts), hit[1], hit[2]))
    return found


def _field_names(kind: str, matches: list[Match]) -> set[str]:
    names = {m.field for m in matches}
    if "_gender_col" in names:
        names.add("gender")
        if any(m.field == "_gender_col" and m.q("birth") for m in matches):
            names.add("birth_date")
    if "_category_col" in names:
        names.add("category")
    return {n for n in names if not n.startswith("_")}


def _score(kind: str, matches: list[Match]) -> int:
    names = _field_names(kind, matches) - {"_stt"}
    if kind == "quota_wide":
        years = {(m.q("year"), m.q("category")) for m in matches if m.field == "quota_year"}
        others = {(m.field, m.q("category"), m.q("year")) for m in matches if m.field in ("cut_pending", "present")}
        # The unit may be named by the title or the sheet instead of a column (one sheet per unit);
        # a year missing from both header and rows is taken from the title, or reported.
        typed = sum(1 for _, cat in years if cat is not None)  # a measure whose category the header names
        return 1 + len(years) + typed + len(others) if years and ("unit_code" in names or "year" in names) else 0
    if not any(sig <= names for sig in KINDS[kind].signatures):
        return 0
    return len(names)


def _duplicates(matches: list[Match]) -> int:
    """Columns claiming a field another column already has: a header window that splits them
    (e.g. "Giới tính" over "Nam" / "Nữ") is the better reading."""
    plain = [m.field for m in matches if not m.qualifier and m.field != "_stt"]
    return len(plain) - len(set(plain))


_FIELDS = {k.name: {c.name for c in k.columns} for k in KINDS.values()}
_RATE = re.compile(r"\(\s*%\s*\)|^\s*%\s*$|^t[ỷyỶY] l[ệeỆE]\b", re.IGNORECASE)


def _all_categories(keys: list[str]) -> bool:
    pieces = [p.strip() for p in re.split(r"[/,]", keys[-1]) if p.strip()] if keys else []
    return len(pieces) >= 2 and all(p in CATEGORY_WORDS or p in ("cb", "cc", "vc", "nld") for p in pieces)


_TOTAL_WORDS = ("tong cong", "tong so", "tong", "cong", "tong kinh phi", "tong so tien", "thanh tien")


def _says_total(header: str) -> bool:
    last = header.split(" / ")[-1]
    return len(header.split(" / ")) > 1 and header_keys(last)[1] in _TOTAL_WORDS


def _resolve_duplicates(matches: list[Match]) -> tuple[list[Match], list[tuple[int, str]]]:
    """One column per field (the best variant wins; the others become alternates ``<field>#2``);
    qualified columns (Nam/Nữ, wide quota years) are all kept."""
    keep: list[Match] = []
    by_field: dict[str, list[Match]] = {}
    for m in matches:
        if m.qualifier or m.field.startswith("_") and m.field != "_stt":
            keep.append(m)
        else:
            by_field.setdefault(m.field, []).append(m)
    for f, ms in by_field.items():
        # Under one group ("Kinh phí": "Trợ cấp …", "Tổng cộng") the column that says total is the amount.
        ms = sorted(ms, key=lambda m: (not _says_total(m.header), m.prio, m.col))
        keep.append(ms[0])
        for i, m in enumerate(ms[1:], start=2):
            keep.append(Match(m.col, f"{f}#{i}", m.header, m.prio))
    return sorted(keep, key=lambda m: m.col), []


_DATALIKE = re.compile(r"^-?\d+([.,]\d+)*$|^\d{1,2}[/.\-]\d{1,2}[/.\-]\d{4}$|^\d{4}-\d{2}-\d{2}( 00:00:00)?$")
_YEAR_ONLY = re.compile(r"^(19|20)\d{2}$")


def _is_datalike(row: np.ndarray) -> bool:
    """A row holding a date or a plain number (not a year, not a column number of a numbering row)."""
    values = [str(v).strip() for v in row if v is not None and str(v).strip()]
    if is_colnum_row(values):
        return False
    return any(_DATALIKE.match(v) and not _YEAR_ONLY.match(v) for v in values)


def _reduction_summary(top: np.ndarray) -> bool:
    """A report of how many people each unit cut ("Tinh giản biên chế năm 2023", "Thôi việc") with no
    person's name: counts the product cannot load, since every case needs its route and decision."""
    texts = [str(v) for v in top.ravel() if v is not None and str(v).strip()]
    unit = any(UNIT_DICT.lookup(t) for t in texts)
    counts = any(w in ascii_key(header_key(t)) for t in texts for w in REDUCTION_WORDS)
    names = any((hit := KINDS["person"].dictionary.lookup(t)) and hit[0] == "full_name" for t in texts)
    return unit and counts and not names


def _table(kind: str) -> str:
    return "quota" if kind == "quota_wide" else kind


def _continues(above: np.ndarray, row: np.ndarray) -> bool:
    """Most filled cells of ``row`` repeat the cell above: the reader filled a vertical merge."""
    filled = [(a, b) for a, b in zip(above, row, strict=True) if b is not None and str(b).strip()]
    return len(filled) >= 2 and sum(a == b for a, b in filled) * 2 >= len(filled)


def _rank(per_kind: dict[str, tuple[int, int, int, int, list[Match]]], top: np.ndarray) -> list[tuple[float, str]]:
    """Kinds by the evidence of their best header window, best first; of quota and quota_wide (one
    table) only the better reading stays."""
    if "quota" in per_kind and "quota_wide" in per_kind:
        drop = "quota" if per_kind["quota_wide"][:3] > per_kind["quota"][:3] else "quota_wide"
        per_kind = {k: v for k, v in per_kind.items() if k != drop}
    out = []
    for kind, (score, _dups, negd, r, matches) in per_kind.items():
        claims: dict[str, int] = {}
        for m in matches:
            if m.field.startswith("_") and m.field not in ("_gender_col", "_category_col"):
                continue
            parts = tuple(_parts(top, r, -negd, m.col))
            # Evidence tells the candidates apart: a column counts as shared only with kinds that
            # could read this sheet at all (a new, unrelated kind knowing "Hình thức" changes nothing).
            n = sum(
                1
                for k in {_table(k2) for k2 in per_kind}
                if any(_match_cached(k2, parts) for k2 in per_kind if _table(k2) == k)
            )
            for f in _field_names(kind, [m]):
                claims[f] = min(claims.get(f, n), n)
        out.append((evidence(_field_names(kind, matches), claims), score, kind))
    out.sort(key=lambda t: (t[0], t[1]), reverse=True)
    if out and out[0][2] == "person":
        # A list of people that also carries a reduction route, a receiving commune, a pay month or a
        # course is that list, not a roster: the roster has none of those columns.
        special = [t for t in out if t[2] in _PERSON_LEVEL and t[0] >= YIELD * out[0][0]]
        if special:
            out.remove(special[0])
            out.insert(0, special[0])
    return [(e, k) for e, _, k in out]


def _evidence_columns(matches: list[Match]) -> list[str]:
    return [m.header for m in matches if not m.field.startswith("_stt")][:6]


def recognise(sheet: Sheet, *, extra_headers: Mapping[str, Mapping[str, str]] | None = None) -> Recognised:
    """Kind, header, columns and data rows of one sheet (kind None when nothing fits).

    ``extra_headers``: {kind: {header text: column}} mappings a user made for headers the
    dictionary does not know; the UI stores them so that the same layout is recognised next time.
    """
    cells = sheet.cells
    if cells.empty or not sheet.visible:
        return Recognised(sheet, None)
    grid = cells.to_numpy(dtype=object)
    rows = cells.index.to_numpy()
    top = grid[:HEADER_SCAN_ROWS]
    titles = title_rows(top)
    datalike = [_is_datalike(row) or is_colnum_row(list(row)) for row in top]  # never inside a header
    per_kind: dict[str, tuple[int, int, int, int, list[Match]]] = {}  # kind -> (score, -dups, -depth, row, matches)
    for kind in [*KINDS, "quota_wide"]:
        extras = extra_headers_for(kind, extra_headers) if kind in KINDS else ()
        for r in range(len(top)):
            if r in titles or all(v is None for v in top[r]):
                continue
            for d in range(1, MAX_HEADER_DEPTH + 1):
                if r + d > len(top) or datalike[r + d - 1] or (r + d - 1) in titles:
                    break  # a header never holds dates, plain numbers or title lines
                matches = _fields_for(kind, top, r, d, extras)
                s = _score(kind, matches)
                if s and kind in _NO_PEOPLE and any(names_a_person(_parts(top, r, d, c)) for c in range(top.shape[1])):
                    s = 0  # a column of people's names: not a table of units or quotas
                if kind == "quota_wide" and s:
                    long = {m.field for m in _fields_for("quota", top, r, d)}
                    if "year" not in long or (
                        "category" not in long and any(m.q("category") for m in matches if m.field == "quota_year")
                    ):
                        s += 100  # years or categories as columns: the long form cannot read this sheet
                cand = (s, -_duplicates(matches), -d, r, matches)
                if s and (kind not in per_kind or cand[:3] > per_kind[kind][:3]):
                    per_kind[kind] = cand
    ranked = _rank(per_kind, top)
    if not ranked:
        return Recognised(sheet, None, refused="reduction_summary" if _reduction_summary(top) else None)
    settled = ranked[0][1] in _PERSON_LEVEL and len(ranked) > 1 and ranked[1][1] == "person"  # see _rank
    if (
        len(ranked) > 1
        and not settled
        and ranked[1][0] >= CLOSE * ranked[0][0]
        and _table(ranked[1][1]) != _table(ranked[0][1])
    ):
        return Recognised(
            sheet, None, refused="ambiguous", close=[(k, _evidence_columns(per_kind[k][4])) for _, k in ranked[:2]]
        )
    kind = ranked[0][1]
    _, _, negd, r, matches = per_kind[kind]
    d = -negd
    # A header row merged down into the next one (most cells repeat above) is one header: take it in.
    extras_k = extra_headers_for(kind, extra_headers) if kind in KINDS else ()
    while (
        d < MAX_HEADER_DEPTH
        and r + d < len(top)
        and not datalike[r + d]
        and (r + d) not in titles
        and _continues(top[r + d - 1], top[r + d])
    ):
        deeper = _fields_for(kind, top, r, d + 1, extras_k)
        if _score(kind, deeper) < _score(kind, matches):
            break
        d, matches = d + 1, deeper
    columns, _ = _resolve_duplicates(matches)
    matched_cols = {m.col for m in columns}
    rec = Recognised(sheet, kind, (int(rows[r]), int(rows[r + d - 1])), columns, grid=grid, row_numbers=rows)
    rec.title = [str(v) for row in grid[:r] for v in row if v is not None and str(v).strip()]
    rec.title = list(dict.fromkeys(rec.title))
    for c in range(grid.shape[1]):
        parts = _parts(top, r, d, c)
        if c not in matched_cols and parts:
            rec.ignored.append((c, " / ".join(parts)))
    # Rows right under the header that repeat header words or number the columns.
    start = r + d
    d_kind = KINDS[kind].dictionary if kind in KINDS else UNIT_DICT
    while start < len(grid) and start < r + d + 3:
        vals = [v for v in grid[start] if v is not None and str(v).strip()]
        if not vals:
            start += 1
            continue
        if is_colnum_row(list(grid[start])) or all(NOTE.match(str(v).strip()) for v in vals):
            rec.skipped.setdefault("colnum", []).append(int(rows[start]))
            start += 1
            continue
        headerish = all(
            d_kind.lookup(str(v))
            or STT_DICT.lookup(str(v))
            or header_keys(str(v))[0] in GENDER_WORDS
            or any(str(v) in _parts(top, r, d, c) for c in range(grid.shape[1]))
            for v in vals
        )
        if not headerish:
            break
        start += 1
    value_cols = [m.col for m in columns if m.field in ("quota_year", "quota_assigned", "cut_pending", "present")]
    classify(rec, grid, rows, start, value_cols)
    return rec
