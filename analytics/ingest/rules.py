"""Per-kind derivations (values a file may leave out) and row checks (the schema's CHECKs and the
domain's plausibility rules), in Python so that every violation becomes a located problem instead
of one database error."""

from __future__ import annotations

import calendar
import hashlib
import re
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import numpy as np
import pandas as pd

from analytics.ingest.headers import title_category
from analytics.ingest.messages import KIND_NAMES
from analytics.ingest.normalize import ascii_key, parse_date
from analytics.ingest.validate import Context, Sheetwork, distinct_objects, factorize_rows
from analytics.reference import MAX_STEP
from analytics.vocab import code_list, ethnicity_key

MIN_AGE, MAX_AGE = 18, 70


def add_months(d: date, months: int) -> date:
    y, m = divmod(d.month - 1 + months, 12)
    year, month = d.year + y, m + 1
    return date(year, month, min(d.day, calendar.monthrange(year, month)[1]))


def _hash_id(prefix: str, *parts: Any) -> str:
    text = "|".join(ascii_key(str(p)) if p is not None else "" for p in parts)
    return f"{prefix}-{hashlib.sha1(text.encode(), usedforsecurity=False).hexdigest()[:10]}"


def _fill(t: pd.DataFrame, column: str, values: Any) -> None:
    cur = t[column].to_numpy(dtype=object, copy=True)
    mask = pd.isna(cur)
    if isinstance(values, (list, np.ndarray)):
        cur[mask] = np.asarray(values, dtype=object)[mask]
    else:  # one value: assigned to the blanks as it is (no column of n references built first)
        cur[mask] = values
    set_column(t, column, cur)


def map_unique(values: np.ndarray, fn: Any) -> np.ndarray:
    """``fn`` applied once per distinct value (a roster repeats few ethnicities, dates, units)."""
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    mapped = np.array([fn(u) for u in uniques] + [fn(None)], dtype=object)
    return mapped[codes]


def set_column(t: pd.DataFrame, column: str, values: Any) -> None:
    """Assign keeping object dtype: pandas 3 would turn a list of strings into its string dtype (NaN for None)."""
    t[column] = pd.Series(np.asarray(values, dtype=object), index=t.index, dtype=object)


# ------------------------------------------------------------------------------------------- derive


def derive(w: Sheetwork, ctx: Context) -> None:
    t = w.typed
    k = w.kind.name
    n = len(t)
    if k == "person":
        _fill(t, "category", w.raw["_section"].to_numpy(dtype=object))
        _fill(t, "category", _title_category(w))
        _fill(t, "ethnicity", "kinh")
        set_column(
            t, "ethnicity", map_unique(t["ethnicity"].to_numpy(dtype=object), lambda e: ethnicity_key(e) or "kinh")
        )
        for c, v in (
            ("is_leader", False),
            ("leadership_allowance_coef", Decimal(0)),
            ("in_succession_plan", False),
            ("status", "dang_cong_tac"),
        ):
            _fill(t, c, v)
        if "person_id" not in w.raw:
            ids = [
                _hash_id("auto", u, nm, b)
                for u, nm, b in zip(t["unit_code"], t["full_name"], t["birth_date"], strict=True)
            ]
            set_column(t, "person_id", ids)
            if n:
                w.emit("person_id_generated", None, None, "warning", count=n)
    elif k == "payroll":
        _person_ids(w, "unit_code")
        base = []
        for i, m in enumerate(t["month"]):
            amount = None
            if m is not None:
                valid = [a for start, a in ctx.base_salary if start <= m]
                amount = valid[-1] if valid else None
                if amount is None and pd.isna(t["base_salary_vnd"].iat[i]):
                    w.emit("no_base_salary", i, "month", month=m.strftime("%m/%Y"))
            base.append(amount)
        _fill(t, "base_salary_vnd", base)
        basic = [
            int((c * b).quantize(Decimal(1), ROUND_HALF_UP)) if c is not None and b is not None else None
            for c, b in zip(t["salary_coef"], t["base_salary_vnd"], strict=True)
        ]
        _fill(t, "basic_salary_vnd", basic)
        allowances = [c for c in t.columns if c.startswith("allowance_")]
        total = [
            None if b is None else b + sum(int(t[c].iat[i] or 0) for c in allowances)
            for i, b in enumerate(t["basic_salary_vnd"])
        ]
        _fill(t, "total_vnd", total)
    elif k == "reduction_case":
        _fill(t, "category", w.raw["_section"].to_numpy(dtype=object))
        _fill(t, "category", _title_category(w))
        _from_title(w)
        _fill(t, "year", [d.year if d is not None else None for d in t["effective_date"]])
        _fill(t, "year", [d.year if d is not None else None for d in t["decision_date"]])
        for c, v in (("programme", "tinh_gian_2022_2026"), ("status", "da_nghi")):
            _fill(t, c, v)
        if "case_id" not in w.raw:
            set_column(
                t,
                "case_id",
                [
                    _hash_id("TG", u, p or nm, y, dn)
                    for u, p, nm, y, dn in zip(
                        t["unit_code"], t["person_id"], t["full_name"], t["year"], t["decision_no"], strict=True
                    )
                ],
            )
    elif k == "secondment":
        _person_ids(w, "sending_unit_code")
        _from_title(w)
        on = ctx.as_of or ctx.today
        status = []
        for s, pe, ae in zip(t["start_date"], t["planned_end_date"], t["actual_end_date"], strict=True):
            if ae is not None:
                status.append("ket_thuc_som" if pe is not None and ae < pe else "da_ket_thuc")
            elif s is not None and s > on:
                status.append("du_kien")
            else:
                status.append("dang_tang_cuong")
        _fill(t, "status", status)
        _fill(t, "allowance_regime", "mot_lan_10x")
        if "secondment_id" not in w.raw:
            set_column(
                t, "secondment_id", [_hash_id("TC", p, s) for p, s in zip(t["person_id"], t["start_date"], strict=True)]
            )
    elif k == "training":
        _fill(t, "location", map_unique(w.raw["_section"].to_numpy(dtype=object), _section_code(w, "location")))
        defaults: tuple[tuple[str, object], ...] = (
            ("location", "trong_nuoc"),
            ("participants", 1),
            ("cost_committed_vnd", 0),
            ("cost_spent_vnd", 0),
        )
        for name, value in defaults:
            _fill(t, name, value)
        if "record_id" not in w.raw:
            set_column(
                t,
                "record_id",
                [
                    _hash_id("DT", u, p, c, s)
                    for u, p, c, s in zip(
                        t["unit_code"], t["person_id"], t["course_name"], t["start_date"], strict=True
                    )
                ],
            )
    elif k == "unit":
        types = [_unit_type(nm) for nm in t["name"]]
        _fill(t, "unit_type", types)
        _fill(
            t, "level", [{"ubnd_xa": "commune", "huyen_cu": "district"}.get(ut or "", "city") for ut in t["unit_type"]]
        )
        kinds = [
            (_commune_kind(nm) if ut == "ubnd_xa" else None) for nm, ut in zip(t["name"], t["unit_type"], strict=True)
        ]
        _fill(t, "commune_kind", kinds)
        _fill(t, "self_financed", False)
        _fill(t, "especially_difficult", False)
    elif k == "quota":
        _fill(t, "as_of", ctx.as_of)
    elif k in _OVERSIGHT_IDS:
        _derive_oversight(w)


# Reorganisation decisions, job-position approvals, inspections (issue 15): an ID made from what
# tells one row from another when the file has none; the same file imported twice gives the same IDs.
_OVERSIGHT_IDS: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "reorg_decision": ("decision_id", "SX", ("unit_code", "action", "decision_no")),
    "job_position": ("approval_id", "VTVL", ("unit_code", "decision_no")),
    "inspection": ("inspection_id", "KTCV", ("unit_code", "inspection_date")),
}


def _derive_oversight(w: Sheetwork) -> None:
    t = w.typed
    column, prefix, parts = _OVERSIGHT_IDS[w.kind.name]
    if column not in w.raw:
        set_column(t, column, [_hash_id(prefix, *row) for row in zip(*(t[p] for p in parts), strict=True)])


_DECISION = re.compile(r"(?i)quyết định\s+(?:số\s*)?([0-9][\w/.\-]*)\s+ngày\s+(\d{1,2}/\d{1,2}/\d{4})")


_NO_AND_DATE = re.compile(r"(?i)^\s*(?:số\s*)?([0-9][\w/.\-]*)\s*,?\s*ngày\s+(\d{1,2}/\d{1,2}/\d{4})\s*$")


def _title_category(w: Sheetwork) -> str | None:
    """The one staff category a list's title names ("DANH SÁCH CÔNG CHỨC …"), else None."""
    return title_category(w.rec.title, w.kind.allowed("category"))


def _from_title(w: Sheetwork) -> None:
    """What a list of reduction cases says once, in its title: the decree ("theo Nghị định số
    178/2024") and the approving decision ("Kèm theo Quyết định số 245/QĐ-UBND ngày 15/3/2023")."""
    t = w.typed
    if "decision_no" in w.raw and "decision_date" not in w.raw:
        # "125/QĐ-UBND ngày 15/3/2023" in one cell: the number and the date apart.
        split = [_NO_AND_DATE.match(str(v)) if v is not None else None for v in t["decision_no"]]
        set_column(t, "decision_no", [m.group(1) if m else v for m, v in zip(split, t["decision_no"], strict=True)])
        set_column(
            t,
            "decision_date",
            [parse_date(m.group(2))[0] if m else v for m, v in zip(split, t["decision_date"], strict=True)],
        )
    programmes = code_list(w.kind.allowed("programme"), "programme")
    for line in w.rec.title:
        if "programme" not in w.raw and w.kind.allowed("programme"):
            try:
                _fill(t, "programme", programmes.parse(line))
            except ValueError:
                pass  # a title line that names no programme
        if (m := _DECISION.search(line)) and "decision_no" not in w.raw:
            _fill(t, "decision_no", m.group(1))
            if "decision_date" not in w.raw:
                _fill(t, "decision_date", parse_date(m.group(2))[0])


def _section_code(w: Sheetwork, column: str) -> Any:
    """A section row's text as a value of ``column`` ("I. ĐÀO TẠO TRONG NƯỚC" -> trong_nuoc), or None."""
    codes = code_list(w.kind.allowed(column), column)

    def parse(text: Any) -> str | None:
        try:
            return codes.parse(text) if isinstance(text, str) else None
        except ValueError:
            return None

    return parse


def _person_ids(w: Sheetwork, unit_column: str) -> None:
    """A payroll or secondment list with names but no ID column: an ID made from unit and name."""
    if "person_id" in w.raw:
        return
    if "_name" not in w.raw:
        w.emit(
            "missing_column",
            None,
            None,
            column_en="person ID or full name",
            column_vi="Mã cán bộ hoặc Họ và tên",
            kind_vi=KIND_NAMES[w.kind.name]["vi"],
            kind_en=KIND_NAMES[w.kind.name]["en"],
        )
        return
    t = w.typed
    ids = [
        None if nm is None else _hash_id("auto", u, nm)
        for u, nm in zip(t[unit_column], w.raw["_name"].to_numpy(dtype=object), strict=True)
    ]
    set_column(t, "person_id", ids)
    if len(t):
        w.emit("person_id_generated", None, None, "warning", count=len(t))


def _unit_type(name: str | None) -> str | None:
    a = ascii_key(name or "")
    a = a.removeprefix("ubnd ").removeprefix("uy ban nhan dan ")
    for prefix, ut in (
        ("phuong ", "ubnd_xa"),
        ("xa ", "ubnd_xa"),
        ("thi tran ", "ubnd_xa"),
        ("so ", "so_nganh"),
        ("phong ", "phong"),
        ("huyen ", "huyen_cu"),
        ("quan ", "huyen_cu"),
        ("thi xa ", "huyen_cu"),
        ("truong ", "dvsnc"),
        ("benh vien ", "dvsnc"),
        ("trung tam ", "dvsnc"),
        ("tram y te ", "dvsnc"),
        ("van phong ", "co_quan_khac"),
        ("thanh tra ", "co_quan_khac"),
        ("ban ", "co_quan_khac"),
    ):
        if a.startswith(prefix):
            return ut
    return None


def _commune_kind(name: str | None) -> str | None:
    a = ascii_key(name or "").removeprefix("ubnd ").removeprefix("uy ban nhan dan ")
    return "phuong" if a.startswith("phuong") else "xa" if a.startswith(("xa ", "thi tran")) else None


# ------------------------------------------------------------------------------------------- checks


def check(w: Sheetwork, ctx: Context) -> None:
    t = w.typed
    k = w.kind.name
    for c in w.kind.columns:
        if c.type in ("int", "count", "money", "decimal"):
            codes, uniques = distinct_objects(t[c.name].to_numpy(dtype=object))  # each value looked at once
            below = [k for k, v in enumerate(uniques) if v is not None and v < 0]
            for neg in np.flatnonzero(np.isin(codes, below)) if below else ():
                w.emit("negative", int(neg), c.name)
    if k == "person":
        _check_persons(w, ctx)
    fn = {
        "quota": _check_quota,
        "payroll": _check_payroll,
        "secondment": _check_secondment,
        "training": _check_training,
        "unit": _check_unit,
        "reduction_case": _check_year,
    }.get(k)
    if fn:
        cols = list(t.columns)
        # zip over the object arrays: DataFrame.to_dict("records") boxes every value (seconds on 100.000 rows)
        for i, values in enumerate(zip(*(t[c].to_numpy(dtype=object) for c in cols), strict=True)):
            fn(w, ctx, i, dict(zip(cols, values, strict=True)))


def _check_year(w: Sheetwork, ctx: Context, i: int, r: dict[str, Any]) -> None:
    if r.get("year") is not None and not 2000 <= r["year"] <= 2100:
        w.emit("out_of_range", i, "year", low=2000, high=2100)


def _check_persons(w: Sheetwork, ctx: Context) -> None:
    """Roster checks, vectorised (a roster has 100.000 rows): only offending rows reach Python."""
    t = w.typed
    if "_gender_conflict" in w.raw:
        for i in np.flatnonzero(w.raw["_gender_conflict"].to_numpy(dtype=bool)):
            w.emit("gender_conflict", int(i), "gender")
    birth = pd.to_datetime(pd.Series(t["birth_date"].to_numpy(dtype=object)), errors="coerce")
    on = pd.to_datetime(pd.Series(t["as_of"].to_numpy(dtype=object)), errors="coerce")
    hire = pd.to_datetime(pd.Series(t["hire_date"].to_numpy(dtype=object)), errors="coerce")
    age = on.dt.year - birth.dt.year - ((on.dt.month * 100 + on.dt.day) < (birth.dt.month * 100 + birth.dt.day))
    both = birth.notna() & on.notna()
    for i in np.flatnonzero((both & (birth >= on)).to_numpy()):
        w.emit("birth_after_as_of", int(i), "birth_date")
    for i in np.flatnonzero((both & (birth < on) & ((age < MIN_AGE) | (age > MAX_AGE))).to_numpy()):
        w.emit("age_out_of_range", int(i), "birth_date", age=int(age.iat[i]), as_of=on.iat[i].strftime("%d/%m/%Y"))
    for i in np.flatnonzero((hire.notna() & birth.notna() & (hire <= birth)).to_numpy()):
        w.emit("hire_before_birth", int(i), "hire_date")
    groups, steps = t["pay_group"].to_numpy(dtype=object), t["step"].to_numpy(dtype=object)
    coefs, cats = t["salary_coef"].to_numpy(dtype=object), t["category"].to_numpy(dtype=object)
    codes, uniques = factorize_rows(groups, steps, coefs, cats)
    bad = {j for j, (g, s, coef, cat) in enumerate(uniques) if _group_problem(ctx, g, s, coef, cat)}
    for i in np.flatnonzero(np.isin(codes, list(bad))):
        g, s, coef, cat = uniques[codes[i]]
        if (g is None) != (s is None):
            w.emit("pay_group_step", int(i), "step" if s is None else "pay_group")
        elif g is not None and not 1 <= s <= MAX_STEP.get(g, 12):
            w.emit("step_out_of_range", int(i), "step", step=s, group=g)
        if coef is not None:
            _check_coef(w, ctx, int(i), coef, g, s, cat)


def _group_problem(ctx: Context, g: str | None, s: int | None, coef: Decimal | None, cat: str | None) -> bool:
    if (g is None) != (s is None) or (g is not None and s is not None and not 1 <= s <= MAX_STEP.get(g, 12)):
        return True
    if coef is None:
        return False
    if g is not None and s is not None and (g, s) in ctx.pay_scale:
        return ctx.pay_scale[(g, s)] != coef
    return coef not in _all_coefs(ctx)


def _check_coef(
    w: Sheetwork, ctx: Context, i: int, coef: Decimal, g: str | None, s: int | None, category: str | None
) -> None:
    if g is not None and s is not None and (g, s) in ctx.pay_scale:
        if ctx.pay_scale[(g, s)] != coef:
            w.emit("coef_not_in_scale", i, "salary_coef", coef=str(coef).replace(".", ","), group=f" ({g} bậc {s})")
        return
    if coef not in _all_coefs(ctx):
        # Elected commune officials (cán bộ) are paid on their own scale, outside Decree 204 table 2.
        severity = "warning" if category == "can_bo" else "error"
        w.emit("coef_not_in_scale", i, "salary_coef", severity, coef=str(coef).replace(".", ","), group="")


_COEF_CACHE: dict[int, frozenset[Decimal]] = {}
COEF_HEADROOM = Decimal("1.25")  # elected officials' and special scales reach a little above the civil-service table


def _max_coef(ctx: Context) -> Decimal:
    """The highest plausible salary coefficient: above it a value is a typing error (44,0 for 4,40)."""
    return (max(_all_coefs(ctx), default=Decimal(10)) * COEF_HEADROOM).quantize(Decimal("0.01"))


def _all_coefs(ctx: Context) -> frozenset[Decimal]:
    key = id(ctx.pay_scale)
    if key not in _COEF_CACHE:
        _COEF_CACHE[key] = frozenset(ctx.pay_scale.values())
    return _COEF_CACHE[key]


def _check_quota(w: Sheetwork, ctx: Context, i: int, r: dict[str, Any]) -> None:
    _check_year(w, ctx, i, r)
    q, cut = r["quota_assigned"], r["cut_pending"]
    if q is not None and cut is not None and q >= 0 and cut > q:
        w.emit("cut_over_quota", i, "cut_pending")


def _check_payroll(w: Sheetwork, ctx: Context, i: int, r: dict[str, Any]) -> None:
    coef = r["salary_coef"]
    if coef is not None and coef > _max_coef(ctx):
        w.emit(
            "coef_out_of_range",
            i,
            "salary_coef",
            coef=str(coef).replace(".", ","),
            high=str(_max_coef(ctx)).replace(".", ","),
        )
    elif coef is not None and coef not in _all_coefs(ctx):
        w.emit("coef_not_in_scale", i, "salary_coef", "warning", coef=str(coef).replace(".", ","), group="")
    if r["total_vnd"] is not None and r["basic_salary_vnd"] is not None and r["total_vnd"] < r["basic_salary_vnd"]:
        w.emit("total_below_basic", i, "total_vnd")


def _check_secondment(w: Sheetwork, ctx: Context, i: int, r: dict[str, Any]) -> None:
    s, pe, ae = r["start_date"], r["planned_end_date"], r["actual_end_date"]
    if r["sending_unit_code"] is not None and r["sending_unit_code"] == r["receiving_unit_code"]:
        w.emit("same_unit", i, "receiving_unit_code")
    if s is None or pe is None:
        return
    if pe <= s:
        w.emit("end_before_start", i, "planned_end_date")
    elif pe + timedelta(days=1) < add_months(s, ctx.secondment_min_months) and r["exception_decision_no"] is None:
        # At least the setting's months (Kế hoạch 10/KH-UBND: 36), end day inclusive.
        w.emit("secondment_short", i, "planned_end_date", months=ctx.secondment_min_months)
    if ae is not None and ae < s:
        w.emit("end_before_start", i, "actual_end_date")


def _check_training(w: Sheetwork, ctx: Context, i: int, r: dict[str, Any]) -> None:
    if r["end_date"] is not None and r["start_date"] is not None and r["end_date"] < r["start_date"]:
        w.emit("end_before_start", i, "end_date")
    if r["person_id"] is not None and r["participants"] not in (None, 1):
        w.emit("participants_person", i, "participants")


def _check_unit(w: Sheetwork, ctx: Context, i: int, r: dict[str, Any]) -> None:
    for ref in ("parent_code", "merged_into"):
        if r[ref] is not None and r[ref] == r["unit_code"]:
            w.emit("unit_self_reference", i, ref)
    if r["commune_kind"] is not None and r["unit_type"] != "ubnd_xa":
        w.emit("commune_kind_not_commune", i, "commune_kind")
    if r["valid_to"] is not None and r["valid_from"] is not None and r["valid_to"] < r["valid_from"]:
        w.emit("end_before_start", i, "valid_to")
