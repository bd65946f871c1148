"""Turn a recognised sheet into typed rows of its table, collecting every problem in one pass.

``extract`` lifts the text of the data rows per field (Nam/Nữ birth-date columns, one-hot
category columns, wide quota years melted into rows, unit and as-of date from the title block when
no column has them); ``convert`` parses each column once per distinct value (fast on 100.000 rows:
a roster has few distinct dates, units and codes); ``analytics.ingest.rules`` derives the missing
values and checks each row.
"""

from __future__ import annotations

import calendar
import ctypes
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

import numpy as np
import pandas as pd

from analytics.codes import QUOTA_CATEGORIES
from analytics.ingest.headers import YEAR, title_category, title_years
from analytics.ingest.kinds import KINDS, Column, Kind
from analytics.ingest.messages import KIND_NAMES
from analytics.ingest.normalize import (
    clean_texts,
    is_blank_number,
    parse_bool,
    parse_date,
    parse_dates,
    parse_decimal,
    parse_int,
)
from analytics.ingest.problems import Problem, ProblemCap
from analytics.ingest.recognise import Recognised
from analytics.ingest.units import UnitResolver
from analytics.policy import Policy
from analytics.vocab import code_list

FORWARD_FILL_UNIT = ("person", "payroll", "reduction_case", "training")
_FLAG_MARKS = {"x", "X", "✓", "✔", "v", "V", "1", "+", "có", "Có"}


@dataclass
class Context:
    """What validation needs beyond the sheet: the declared as-of date, units, pay reference data,
    the settings that rules check against."""

    as_of: date | None
    units: UnitResolver
    pay_scale: dict[tuple[str, int], Decimal]
    base_salary: list[tuple[date, int]]
    today: date = field(default_factory=date.today)
    # The setting policy.secondment_min_months in force (the database's, not a constant).
    secondment_min_months: int = field(default_factory=lambda: Policy().secondment_min_months)


@dataclass
class Sheetwork:
    """A sheet on its way to a table: raw text per field, typed values, where each came from."""

    rec: Recognised
    kind: Kind
    raw: pd.DataFrame
    labels: dict[str, str]
    typed: pd.DataFrame = field(default_factory=pd.DataFrame)
    problems: list[Problem] = field(default_factory=list)
    bad_rows: set[int] = field(default_factory=set)
    cap: ProblemCap | None = None  # the file's limit per problem code (see ProblemCap)

    def emit(self, code: str, i: int | None, column: str | None, severity: str = "error", **params: Any) -> None:
        row = int(self.raw["_row"].iat[i]) if i is not None else None
        label = None
        if column is not None:
            per_row = f"_col_{column}"
            label = (
                self.raw[per_row].iat[i] if i is not None and per_row in self.raw else self.labels.get(column, column)
            )
        value = None
        if i is not None and column is not None and column in self.raw:
            v = self.raw[column].iat[i]
            value = None if v is None or (not isinstance(v, str) and pd.isna(v)) else str(v)
        problem = Problem(code, severity, self.rec.sheet.file, self.rec.sheet.name, row, label, value, params)
        if self.cap is None or self.cap.take(code, severity):
            self.problems.append(problem)
        else:
            self.cap.drop(problem)
        if severity == "error" and i is not None:
            self.bad_rows.add(i)


def _clean(values: np.ndarray) -> np.ndarray:
    codes, uniques = factorize_cells(values)
    cleaned = np.array([*clean_texts(uniques.tolist()), None], dtype=object)
    return cleaned[codes]


def distinct_objects(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(codes, uniques) of an object array by identity: ``uniques[codes]`` is ``values``.

    Equal texts were parsed once (validate.convert), so equal values are one object: hashing their
    ids (integers) is far cheaper than hashing the values (Decimals, dates) or comparing each in
    Python, and a check of the distinct values covers every row."""
    codes, _ = pd.factorize(_addresses(values))
    first = np.empty(codes.max() + 1 if len(codes) else 0, dtype=np.int64)
    first[codes[::-1]] = np.arange(len(codes) - 1, -1, -1)  # the last write, the first row, wins
    return codes, values[first]


def factorize_cells(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``pd.factorize(values, use_na_sentinel=True)`` for cells, by identity (``distinct_objects``):
    blanks (None, NaN) get -1 and are not among the uniques. An equal value held by two objects is
    two uniques, each mapped alike by the caller: the same result, for two to five times less time
    on the reader's text columns, whose equal cells share one object (where mapping a value costs
    more than hashing it, as parsing, factorize by value)."""
    codes, uniques = distinct_objects(values)
    blank = pd.isna(uniques)
    if blank.any():
        keep = ~blank
        renumber = np.cumsum(keep) - 1
        renumber[blank] = -1
        codes, uniques = renumber[codes], uniques[keep]
    return codes, uniques


def factorize_values(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``pd.factorize(values, use_na_sentinel=True)`` of cells, equal values made one whichever
    objects hold them: the objects first (``distinct_objects``, by their addresses: a third of the
    time of hashing 100.000 texts), then the few distinct ones by value (blanks -1)."""
    return _by_value(*distinct_objects(values))


def _by_value(ids: np.ndarray, objects: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The codes of ``distinct_objects``' (ids, objects) made codes of values: equal values held by
    two objects one code, blanks (None, NaN) -1, and the distinct values in the order they appear."""
    by_value, uniques = pd.factorize(objects, use_na_sentinel=True)
    return by_value[ids], uniques


def factorize_rows(*columns: np.ndarray) -> tuple[np.ndarray, list[tuple[Any, ...]]]:
    """``pd.factorize`` of the rows' tuples across ``columns`` (codes, and the distinct tuples in the
    order they first appear) without a tuple made and hashed a row (35 ms on 100.000 rows): each
    column factorized by its objects, then by value, their codes combined into one integer a row.
    A column holding a float NaN (which tuples tell from None) is left to the tuples."""
    n = len(columns[0]) if columns else 0
    key = np.zeros(n, dtype=np.int64)
    size = 1
    for col in columns:
        ids, objects = distinct_objects(col)  # by identity, blanks among them
        codes, uniques = _by_value(ids, objects)
        size *= len(uniques) + 1
        if size >= 2**62 or any(isinstance(v, float) and v != v for v in objects):
            keys = pd.Series(list(zip(*columns, strict=True)), dtype=object)
            tuple_codes, tuples = pd.factorize(keys)
            return tuple_codes, list(tuples)
        key = key * (len(uniques) + 1) + (codes + 1)
    codes, _ = pd.factorize(key)
    first = np.empty(codes.max() + 1 if n else 0, dtype=np.int64)
    first[codes[::-1]] = np.arange(n - 1, -1, -1)  # the last write, the first row, wins
    return codes, [tuple(col[i] for col in columns) for i in first.tolist()]


def _addresses(values: np.ndarray) -> np.ndarray:
    """The objects' addresses (their ``id``), read from the object array's own buffer of pointers:
    a hundred times faster than calling ``id`` on each of 100.000 values."""
    cells = np.ascontiguousarray(values, dtype=object)
    if not len(cells):
        return np.empty(0, dtype=np.intp)
    pointers = (ctypes.c_ssize_t * len(cells)).from_address(cells.ctypes.data)
    return np.ctypeslib.as_array(pointers).copy()  # (a copy: the view lives only as long as ``cells``)


def _coalesce(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    out = a.copy()
    mask = pd.isna(out)
    out[mask] = b[mask]
    return out


def extract(rec: Recognised, ctx: Context) -> Sheetwork:
    assert rec.kind is not None
    kind = KINDS["quota" if rec.kind == "quota_wide" else rec.kind]
    positions = rec.positions()
    n = len(positions)
    data: dict[str, Any] = {
        "_row": np.array(rec.data_rows, dtype=np.int64),
        "_section": (
            np.array([rec.section_category.get(r) for r in rec.data_rows], dtype=object)
            if set(rec.section_category.values()) - {None}
            else np.full(len(rec.data_rows), None, dtype=object)  # (no sections: no look-up per row)
        ),
    }
    labels: dict[str, str] = {}
    used = {m.col for m in rec.columns if m.field != "_stt"}
    col = {c: _clean(rec.grid[positions, c]) for c in used}
    if rec.kind == "quota_wide":
        return _extract_wide(rec, kind, col, n, data)
    for m in sorted(rec.columns, key=lambda m: m.field):
        if m.field == "_name" and "_name" not in data:
            data["_name"], labels["_name"] = col[m.col], m.label  # makes an ID where the table has none
        if m.field.startswith("_"):
            continue
        base = m.field.split("#")[0]
        if base in data:
            data[base] = _coalesce(data[base], col[m.col])
        else:
            data[base], labels[base] = col[m.col], m.label
    gender_cols = rec.by_field("_gender_col")
    if gender_cols:
        g_by = {g: [m for m in gender_cols if m.q("gender") == g] for g in ("nam", "nu")}
        vals = {g: _first_nonblank([col[m.col] for m in ms], n) for g, ms in g_by.items()}
        nam, nu = vals["nam"], vals["nu"]
        gender = np.full(n, None, dtype=object)
        gender[pd.notna(nu)] = "nu"
        gender[pd.notna(nam)] = "nam"
        data["_gender_conflict"] = pd.notna(nam) & pd.notna(nu)
        value = _coalesce(nam, nu)
        is_mark = np.array([v in _FLAG_MARKS for v in value], dtype=bool)
        birth = value.copy()
        birth[is_mark] = None
        data["birth_date"] = _coalesce(data["birth_date"], birth) if "birth_date" in data else birth
        labels.setdefault("birth_date", " + ".join(m.label for m in gender_cols))
        data["gender"] = _coalesce(data["gender"], gender) if "gender" in data else gender
        labels.setdefault("gender", labels["birth_date"])
    cat_cols = rec.by_field("_category_col")
    if cat_cols:
        cats = np.full(n, None, dtype=object)
        for m in cat_cols:
            marked = pd.notna(col[m.col]) & pd.isna(cats)
            cats[marked] = m.q("category")
        data["category"] = _coalesce(data["category"], cats) if "category" in data else cats
        labels.setdefault("category", " + ".join(m.label for m in cat_cols))
    filled = 0
    if kind.name in FORWARD_FILL_UNIT and "unit_code" in data and n:
        # A unit written once above its people (cells left blank, not merged): carry it down.
        units = data["unit_code"]
        blank = pd.isna(units)
        if blank.any() and not blank.all():
            data["unit_code"] = pd.Series(units, dtype=object).ffill().to_numpy(dtype=object)
            filled = int((blank & pd.notna(data["unit_code"])).sum())
    raw = _frame(data, n)
    w = Sheetwork(rec, kind, raw, labels)
    if filled:
        first = int(np.flatnonzero(blank)[0])
        w.emit("unit_forward_filled", first, "unit_code", "warning", count=filled)
    return w


def _frame(data: dict[str, Any], n: int) -> pd.DataFrame:
    """Text columns stay object arrays of str/None: pandas 3 would infer its Arrow string dtype
    (NaN for None) and every later ``to_numpy(dtype=object)`` would convert back (0.4 s on
    100.000 rows)."""
    df = pd.DataFrame(data, index=pd.RangeIndex(n), dtype=object)
    df["_row"] = np.asarray(data["_row"], dtype=np.int64)
    return df


def _first_nonblank(arrays: list[np.ndarray], n: int) -> np.ndarray:
    out = np.full(n, None, dtype=object)
    for a in arrays:
        out = _coalesce(out, a)
    return out


def _year_text(v: Any) -> Any:
    """ "Năm 2024" in a year column -> "2024"; anything else as written (the parser reports it)."""
    m = YEAR.search(str(v)) if v is not None else None
    return m.group(1) if m else v


_QUOTA_CATS = code_list(QUOTA_CATEGORIES, "category")


def _category_word(v: Any) -> str | None:
    """A row label that is only a staff category ("- Công chức", "Viên chức"), else None."""
    if not isinstance(v, str) or len(v.split()) > 8:
        return None
    try:
        return _QUOTA_CATS.parse(v.strip(" -–+*."))
    except ValueError:
        return None


def _extract_wide(rec: Recognised, kind: Kind, col: dict[int, np.ndarray], n: int, data: dict[str, Any]) -> Sheetwork:
    """Melt a quota cross-table: one row per (data row, assigned-quota column). A column's category
    and year come from its header, else from the row (a "Năm" column), else from the title."""
    unit = next(iter(rec.by_field("unit_code")), None)
    year_col = next(iter(rec.by_field("year")), None)
    named = title_years(rec.title)
    title_year = next(iter(named)) if len(named) == 1 else None
    years = rec.by_field("quota_year")
    latest: dict[Any, int] = {}
    for m in years:
        if m.q("year") is not None:
            latest[m.q("category")] = max(latest.get(m.q("category"), 0), m.q("year"))
    others = [m for m in rec.columns if m.field in ("cut_pending", "present")]
    # Categories as rows: "1. Sở Nội vụ" then "- Công chức", "- Viên chức" under it; the unit's own row
    # is the total of the rows under it. Else one category named by the title ("BIÊN CHẾ CÔNG CHỨC …").
    units = col[unit.col] if unit is not None else np.full(n, None, dtype=object)
    row_cat = np.array([_category_word(v) for v in units], dtype=object)
    group_total = np.zeros(n, dtype=bool)
    if any(m.q("category") is None for m in years) and pd.notna(row_cat).any():
        is_cat = pd.notna(row_cat)
        group_total = ~is_cat & np.append(is_cat[1:], False)
        blanked = units.copy()
        blanked[is_cat] = None
        units = pd.Series(blanked, dtype=object).ffill().to_numpy(dtype=object)
        totals = [r for r, g in zip(rec.data_rows, group_total, strict=True) if g]
        rec.data_rows = [r for r, g in zip(rec.data_rows, group_total, strict=True) if not g]
        rec.skipped.setdefault("total", []).extend(totals)
    title_cat = title_category(rec.title, QUOTA_CATEGORIES)
    parts: list[pd.DataFrame] = []
    for m in years:
        cat, year = m.q("category"), m.q("year")
        cats = np.full(n, cat if cat is not None else title_cat, dtype=object)
        if cat is None and pd.notna(row_cat).any():
            cats = row_cat
        d = {
            "_row": data["_row"],
            "_section": data["_section"],
            "category": cats,
            "quota_assigned": col[m.col],
            "_col_quota_assigned": np.full(n, m.label, dtype=object),
            "_col_category": np.full(n, m.label, dtype=object),
        }
        if unit is not None:
            d["unit_code"] = units
            d["_col_unit_code"] = np.full(n, unit.label, dtype=object)
        if year is not None:
            d["year"] = np.full(n, str(year), dtype=object)
        elif year_col is not None:
            d["year"] = np.array([_year_text(v) for v in col[year_col.col]], dtype=object)
            d["_col_year"] = np.full(n, year_col.label, dtype=object)
        elif title_year is not None:
            d["year"] = np.full(n, str(title_year), dtype=object)
        alone = (
            sum(1 for m2 in years if m2.q("year") == year) == 1
        )  # one assigned column: a measure naming no category is its
        for name in ("cut_pending", "present"):
            src = next(
                (
                    o
                    for o in others
                    if o.field == name
                    and (o.q("category") == cat or (alone and o.q("category") is None))
                    and (o.q("year") == year or (o.q("year") is None and (year is None or year == latest.get(cat))))
                ),
                None,
            )
            if src is not None:
                d[name] = col[src.col]
                d[f"_col_{name}"] = np.full(n, src.label, dtype=object)
        parts.append(_frame(d, n)[~group_total])
    raw = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame()
    if len(raw):
        keep = pd.notna(raw["quota_assigned"]).to_numpy().copy()
        if "unit_code" in raw:
            keep |= pd.notna(raw["unit_code"]).to_numpy()
        raw = raw[keep].reset_index(drop=True)
    labels = {"category": unit.label if unit is not None else years[0].label}
    if unit is not None:
        labels["unit_code"] = unit.label
    w = Sheetwork(rec, kind, raw, labels)
    for m in years:
        if m.q("category") is None and title_cat is None and not pd.notna(row_cat).any():
            w.problems.append(
                Problem(
                    "quota_no_category", "error", rec.sheet.file, rec.sheet.name, rec.header_rows[0], m.label, None, {}
                )
            )
    return w


def check_columns(w: Sheetwork) -> bool:
    """Every required column that cannot be derived is present; else one problem each."""
    ok = True
    for c in w.kind.columns:
        if c.required and not c.derived and c.name not in w.raw:
            w.emit(
                "missing_column",
                None,
                None,
                column_en=c.name.replace("_", " "),
                column_vi=c.headers[0] if c.headers else c.name,
                kind_vi=KIND_NAMES[w.kind.name]["vi"],
                kind_en=KIND_NAMES[w.kind.name]["en"],
            )
            ok = False
    return ok


def _parser(c: Column, kind: Kind, ctx: Context) -> Callable[[str], Any]:
    if c.type == "text":
        return lambda s: s
    if c.type == "code":
        return code_list(kind.allowed(c.name), c.name).parse
    if c.type in ("int", "count"):
        # "-" is how government tables write zero; a blank int stays unknown (None), a year never zero.
        zero = is_blank_number if c.type == "count" else (lambda s: c.name != "year" and s.strip() in ("-", "–", "—"))
        return lambda s: 0 if zero(s) else parse_int(s)
    if c.type == "money":
        return lambda s: c.default if is_blank_number(s) else parse_int(s)
    if c.type == "decimal":
        return lambda s: parse_decimal(s)
    if c.type in ("date", "month"):
        # An end written as a month ("07/2028") is the last day of that month.
        month_end = c.type == "date" and "end" in c.name or c.name == "valid_to"

        def d(s: str) -> tuple[date, str]:
            v, precision = parse_date(s)
            if month_end and precision == "month":
                v = v.replace(day=calendar.monthrange(v.year, v.month)[1])
            return (v.replace(day=1) if c.type == "month" else v), precision

        return d
    if c.type == "bool":
        return parse_bool
    if c.type == "flag":
        return lambda s: s.strip().lower() not in ("", "0", "-", "không", "khong", "no", "false")

    def unit(s: str) -> str:
        code, candidates = ctx.units.resolve(s)
        if code:
            return code
        if candidates:
            raise ValueError("ambiguous_unit", {"candidates": ", ".join(ctx.units.label(c) for c in candidates)})
        raise ValueError("unknown_unit")

    return unit


def _coefficients(values: np.ndarray) -> bool:
    """Every filled cell a number below 100 with a decimal part somewhere: coefficients, not đồng."""
    nums = []
    for v in values:
        if v is None or is_blank_number(v):
            continue
        try:
            nums.append(parse_decimal(v))
        except ValueError:
            return False
    return bool(nums) and all(x < 100 for x in nums) and any(x != int(x) for x in nums)


def convert(w: Sheetwork, ctx: Context) -> None:
    """Parse every present column; unparsable values become problems and None."""
    out: dict[str, np.ndarray] = {}
    n = len(w.raw)
    for c in w.kind.columns:
        if c.name not in w.raw:
            out[c.name] = np.full(n, 0 if c.type == "count" else c.default, dtype=object)
            continue
        values = w.raw[c.name].to_numpy(dtype=object)
        if c.type == "money" and not c.required and _coefficients(values):
            # "PCCV: 0,60" is a coefficient, never an amount of đồng: the column is not this amount.
            w.emit("column_is_coefficient", None, c.name, "warning")
            out[c.name] = np.full(n, c.default, dtype=object)
            continue
        if c.type == "text":  # cleaned by extract already; parsing is the identity
            out[c.name] = values
            continue
        # by value: a column the reader did not share its cells of (few repeats in its first rows)
        # holds equal texts as different objects, and each distinct text is parsed once
        codes, uniques = factorize_values(values)
        parse = _parser(c, w.kind, ctx)
        parsed: list[Any] = []
        errors: list[tuple[str, dict[str, Any]] | None] = []
        fast: list[Any] = [None] * len(uniques)
        if c.type in ("date", "month"):  # the common forms all at once (a day each), the others one by one
            fast = [
                None if v is None else (v.replace(day=1) if c.type == "month" else v, "day")
                for v in parse_dates(uniques.tolist())
            ]
        for u, done in zip(uniques, fast, strict=True):
            if done is not None:
                parsed.append(done)
                errors.append(None)
                continue
            try:
                parsed.append(parse(u))
                errors.append(None)
            except ValueError as exc:
                parsed.append(None)
                errors.append((exc.args[0], exc.args[1] if len(exc.args) > 1 else {}))
        blank = 0 if c.type == "count" else (False if c.type == "flag" else c.default)
        arr = np.array([*parsed, blank], dtype=object)[codes]
        if c.type in ("date", "month"):
            precision = np.array([p[1] if p else None for p in parsed] + [None], dtype=object)[codes]
            arr = np.array([p[0] if p else None for p in parsed] + [None], dtype=object)[codes]
            year_only = np.flatnonzero(precision == "year")
            if len(year_only) and c.name not in ("year",):
                w.emit("date_year_only", int(year_only[0]), c.name, "warning", count=len(year_only))
        bad = [i for i, e in enumerate(errors) if e is not None]
        if bad:
            for i in np.flatnonzero(np.isin(codes, bad)):
                code, params = errors[codes[i]] or ("", {})
                w.emit(code, int(i), c.name, **params)
        out[c.name] = arr
    w.typed = pd.DataFrame(out, index=pd.RangeIndex(n), dtype=object)


def check_required(w: Sheetwork) -> None:
    for c in w.kind.columns:
        if not c.required or c.type == "count":
            continue
        missing = np.flatnonzero(pd.isna(w.typed[c.name].to_numpy(dtype=object)))
        for i in missing:
            if int(i) not in w.bad_rows or c.name not in w.raw or pd.isna(w.raw[c.name].iat[int(i)]):
                w.emit("required", int(i), c.name)
