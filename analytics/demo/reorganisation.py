"""Reorganisation, job positions and inspections of the old Cần Thơ to mid-2024 (issue 15), built so
that the Sở Nội vụ report (seed 002 §II.2.b, d and note 6) comes out exactly:

* 14 of the 19 specialised agencies and 3 of the 13 sub-departments reorganised ("tổ chức lại");
* 109 public service units cut 2015-2024 (merged or dissolved) and 19 created (17 schools, 1 health
  unit, 1 other);
* 13 public service units restructured internally, removing 21 internal sub-units (14 divisions,
  2 faculties, 5 legal-aid branches), spread over their agencies as note 25 says;
* job positions approved for 139 administrative bodies (19 + 4 + 13 + 103) and for 523 of the 523
  eligible public service units (4 listed as not eligible: 3 being dissolved, 1 not yet operating);
* 27 units inspected in the first half of 2024 (30 inspections: 3 units twice), 22 in 2023.

Deterministic (no random numbers): the existing demo tables do not change. Units are rows of the
``unit`` table (with the demo's ``role``/``agency_code``/``size`` columns); the old agencies and
districts they hang under come from ``analytics.demo.units``.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pandas as pd

from analytics.demo.units import OLD_TO

P = "CT_CU"
# The 19 old agencies (places.OLD_AGENCIES of Cần Thơ, BQLKCN apart) in the order used below.
AGENCIES = (
    "SNV",
    "STP",
    "STC",
    "SKHDT",
    "SCT",
    "SNNPTNT",
    "STNMT",
    "SXD",
    "SGTVT",
    "SKHCN",
    "STTTT",
    "SGDDT",
    "SYT",
    "SVHTTDL",
    "SLDTBXH",
    "SNGV",
    "BDT",
    "VPUBND",
    "TT",
)
REORGANISED_AGENCIES = AGENCIES[:14]
OTHER_BODIES = (
    ("VPDP", "Văn phòng Điều phối chương trình nông thôn mới thành phố Cần Thơ (cũ)"),
    ("BATGT", "Ban An toàn giao thông thành phố Cần Thơ (cũ)"),
    ("BQLKDT", "Ban Quản lý các khu đô thị mới thành phố Cần Thơ (cũ)"),
)
SUB_DEPARTMENTS = (
    ("SNNPTNT", "Chi cục Thủy sản"),
    ("SNNPTNT", "Chi cục Trồng trọt và Bảo vệ thực vật"),
    ("SNNPTNT", "Chi cục Chăn nuôi và Thú y"),
    ("SNNPTNT", "Chi cục Thủy lợi"),
    ("SNNPTNT", "Chi cục Phát triển nông thôn"),
    ("SNNPTNT", "Chi cục Quản lý chất lượng Nông lâm sản và Thủy sản"),
    ("STNMT", "Chi cục Bảo vệ môi trường"),
    ("STNMT", "Chi cục Quản lý đất đai"),
    ("SYT", "Chi cục Dân số - Kế hoạch hóa gia đình"),
    ("SYT", "Chi cục An toàn vệ sinh thực phẩm"),
    ("SNV", "Chi cục Văn thư - Lưu trữ"),
    ("SKHCN", "Chi cục Tiêu chuẩn Đo lường Chất lượng"),
    ("SLDTBXH", "Chi cục Phòng, chống tệ nạn xã hội"),
)
REORGANISED_SUB_DEPARTMENTS = (0, 6, 8)
DISTRICTS = (
    "Quận Ninh Kiều",
    "Quận Bình Thủy",
    "Quận Cái Răng",
    "Quận Ô Môn",
    "Quận Thốt Nốt",
    "Huyện Phong Điền",
    "Huyện Cờ Đỏ",
    "Huyện Thới Lai",
    "Huyện Vĩnh Thạnh",
)
DISTRICT_DIVISIONS = (
    "Văn phòng HĐND và UBND",
    "Phòng Nội vụ",
    "Phòng Tư pháp",
    "Phòng Tài chính - Kế hoạch",
    "Phòng Tài nguyên và Môi trường",
    "Phòng Lao động - Thương binh và Xã hội",
    "Phòng Văn hóa và Thông tin",
    "Phòng Giáo dục và Đào tạo",
    "Phòng Y tế",
    "Thanh tra",
)
URBAN_DIVISIONS = ("Phòng Kinh tế",)  # 5 quận × 11 + 4 huyện × 12 = 103
RURAL_DIVISIONS = ("Phòng Nông nghiệp và Phát triển nông thôn", "Phòng Kinh tế và Hạ tầng")
# Note 25: 13 units restructured internally. (parent, name, sector, divisions, faculties, branches, year)
RESTRUCTURED = (
    (P, "Viện Kinh tế - Xã hội thành phố Cần Thơ", "su_nghiep_khac", 1, 0, 0, 2022),
    (P, "Trung tâm Xúc tiến Đầu tư - Thương mại thành phố Cần Thơ", "su_nghiep_khac", 2, 0, 0, 2022),
    (P, "Đài Phát thanh và Truyền hình thành phố Cần Thơ", "su_nghiep_khac", 1, 0, 0, 2023),
    ("SVHTTDL", "Nhà hát Tây Đô", "van_hoa_the_thao", 1, 0, 0, 2022),
    ("SVHTTDL", "Trung tâm Văn hóa thành phố Cần Thơ", "van_hoa_the_thao", 1, 0, 0, 2023),
    ("SCT", "Trung tâm Khuyến công và Tư vấn phát triển công nghiệp", "su_nghiep_khac", 1, 0, 0, 2023),
    ("STP", "Trung tâm Trợ giúp pháp lý nhà nước thành phố Cần Thơ", "su_nghiep_khac", 0, 0, 5, 2022),
    ("SLDTBXH", "Trung tâm Dịch vụ việc làm thành phố Cần Thơ", "su_nghiep_khac", 1, 0, 0, 2023),
    ("SLDTBXH", "Cơ sở cai nghiện ma túy thành phố Cần Thơ", "su_nghiep_khac", 2, 0, 0, 2024),
    ("SYT", "Bệnh viện Đa khoa thành phố Cần Thơ", "y_te", 1, 1, 0, 2022),
    ("SYT", "Bệnh viện Nhi đồng thành phố Cần Thơ", "y_te", 1, 1, 0, 2023),
    ("SYT", "Trung tâm Kiểm soát bệnh tật thành phố Cần Thơ", "y_te", 1, 0, 0, 2023),
    ("SYT", "Trung tâm Pháp y thành phố Cần Thơ", "y_te", 1, 0, 0, 2024),
)
# Notes 31-32: not eligible for job positions at mid-2024. (parent, name, reason)
NOT_ELIGIBLE = (
    (P, "Ban Quản lý dự án đầu tư xây dựng thành phố Cần Thơ", "Đang thực hiện thủ tục giải thể"),
    (
        "SGTVT",
        "Ban Quản lý dự án đầu tư xây dựng công trình kết cấu hạ tầng giao thông",
        "Đang thực hiện thủ tục giải thể",
    ),
    (
        "BQLKCN",
        "Trung tâm Dịch vụ tư vấn thuộc Ban Quản lý các khu chế xuất và công nghiệp Cần Thơ",
        "Đang thực hiện thủ tục giải thể",
    ),
    (
        P,
        "Ban Quản lý dự án đầu tư xây dựng công trình dân dụng và công nghiệp thành phố",
        "Thành lập mới, đang chuẩn bị đi vào hoạt động",
    ),
)
CUT_BY_YEAR = {2015: 8, 2016: 10, 2017: 14, 2018: 22, 2019: 18, 2020: 15, 2021: 9, 2022: 6, 2023: 4, 2024: 3}
CREATED_SCHOOLS_BY_YEAR = {2015: 2, 2016: 2, 2017: 3, 2018: 2, 2019: 2, 2020: 2, 2021: 1, 2022: 2, 2023: 1}
ELIGIBLE_SERVICE_UNITS = 523
CITY_SERVICE_UNITS = (
    60  # eligible city-level public service units besides the named ones; the rest are district schools
)
SCHOOL_LEVELS = ("Trường Mầm non", "Trường Tiểu học", "Trường THCS")
INSPECTED = {2023: 22, 2024: 27}
INSPECTED_TWICE_2024 = 3


def _unit(code: str, name: str, unit_type: str, level: str, parent: str, **kw: Any) -> dict[str, Any]:
    return {
        "unit_code": code,
        "name": name,
        "short_name": kw.get("short_name"),
        "unit_type": unit_type,
        "level": level,
        "sector": kw.get("sector", "quan_ly_nha_nuoc"),
        "former_province": "can_tho",
        "commune_kind": None,
        "parent_code": parent,
        "merged_into": kw.get("merged_into"),
        "valid_from": kw.get("valid_from"),
        "valid_to": kw.get("valid_to", OLD_TO),
        "restructured_on": None,
        "self_financed": False,
        "especially_difficult": False,
        "role": "old_reorg",
        "agency_code": None,
        "size": 0,
    }


def _day(year: int, k: int) -> date:
    """A working-looking date in ``year`` spread by ``k`` (never 30/6/2024 or later)."""
    return date(year, 1, 5) + timedelta(days=(k * 37) % (170 if year == 2024 else 340))


class _Numbers:
    def __init__(self) -> None:
        self.n = 100

    def next(self, d: date, suffix: str = "QĐ-UBND") -> str:
        self.n += 7
        return f"{self.n % 3000 + 1}/{suffix}"


def build() -> dict[str, pd.DataFrame]:
    """The extra ``unit`` rows and the ``reorg_decision``, ``job_position`` and ``inspection`` tables."""
    units: list[dict[str, Any]] = []
    decisions: list[dict[str, Any]] = []
    jobs: list[dict[str, Any]] = []
    inspections: list[dict[str, Any]] = []
    no = _Numbers()

    def decide(unit: str, action: str, d: date, **kw: Any) -> None:
        decisions.append(
            {
                "decision_id": f"SX-{len(decisions) + 1:04d}",
                "unit_code": unit,
                "action": action,
                "decision_no": no.next(d),
                "decision_date": d,
                "effective_date": kw.get("effective_date", d + timedelta(days=15)),
                "successor_code": kw.get("successor_code"),
                "removed_divisions": kw.get("divisions", 0),
                "removed_faculties": kw.get("faculties", 0),
                "removed_branches": kw.get("branches", 0),
                "removed_other": 0,
                "note": kw.get("note"),
            }
        )

    def approve(unit: str, d: date | None, k: int, eligible: bool = True, reason: str | None = None) -> None:
        jobs.append(
            {
                "approval_id": f"VTVL-{len(jobs) + 1:04d}",
                "unit_code": unit,
                "eligible": eligible,
                "ineligible_reason": reason,
                "decision_no": None if d is None else no.next(d),
                "decision_date": d,
                "positions_leadership": 0 if d is None else 2 + k % 3,
                "positions_professional": 0 if d is None else 6 + k % 9,
                "positions_shared": 0 if d is None else 3 + k % 4,
                "positions_support": 0 if d is None else 1 + k % 3,
                "note": None,
            }
        )

    # Administrative bodies: the 19 agencies and BQLKCN exist in the demo; 3 other bodies, 13
    # sub-departments and 103 district divisions are added.
    agencies = [f"{P}.{a}" for a in AGENCIES]
    others = [f"{P}.BQLKCN"]
    for code, name in OTHER_BODIES:
        units.append(_unit(f"{P}.{code}", name, "co_quan_khac", "city", P))
        others.append(f"{P}.{code}")
    subs = []
    for i, (agency, name) in enumerate(SUB_DEPARTMENTS, start=1):
        code = f"{P}.{agency}.CC{i:02d}"
        units.append(_unit(code, f"{name} thành phố Cần Thơ (cũ)", "phong", "city", f"{P}.{agency}", short_name=name))
        subs.append(code)
    district_divisions = []
    for h, dname in enumerate(DISTRICTS, start=1):
        extra = URBAN_DIVISIONS if dname.startswith("Quận") else RURAL_DIVISIONS
        for j, div in enumerate((*DISTRICT_DIVISIONS, *extra), start=1):
            code = f"{P}.H{h:02d}.P{j:02d}"
            units.append(
                _unit(
                    code,
                    f"{div} {dname.split(' ', 1)[0].lower()} {dname.split(' ', 1)[1]} (cũ)",
                    "phong",
                    "district",
                    f"{P}.H{h:02d}",
                    short_name=f"{div} {dname.split(' ', 1)[1]}",
                )
            )
            district_divisions.append(code)
    for k, code in enumerate(REORGANISED_AGENCIES):
        decide(f"{P}.{code}", "to_chuc_lai", _day(2016 + k % 5, k), note="Tổ chức lại theo Nghị quyết 18-NQ/TW")
    for k, i in enumerate(REORGANISED_SUB_DEPARTMENTS):
        decide(subs[i], "to_chuc_lai", _day(2019 + k % 2, k + 3))
    for k, code in enumerate([*agencies, *others, *subs, *district_divisions]):
        approve(code, _day(2021 if k < 36 else 2022, k), k)

    # Public service units alive at mid-2024.
    services: list[str] = []

    def service(code: str, name: str, parent: str, level: str, sector: str, **kw: Any) -> str:
        units.append(_unit(code, name, "dvsnc", level, parent, sector=sector, short_name=name, **kw))
        return code

    for k, (parent, name, sector, div, fac, br, year) in enumerate(RESTRUCTURED, start=1):
        code = service(f"{P}.DV.KT{k:02d}", name, parent if parent == P else f"{P}.{parent}", "city", sector)
        services.append(code)
        decide(code, "kien_toan", _day(year, k), divisions=div, faculties=fac, branches=br)
    health = service(
        f"{P}.DV.YT01",
        "Trung tâm Kiểm nghiệm thuốc, mỹ phẩm, thực phẩm thành phố Cần Thơ",
        f"{P}.SYT",
        "city",
        "y_te",
        valid_from=date(2019, 7, 1),
    )
    services.append(health)
    decide(health, "thanh_lap", date(2019, 5, 20), effective_date=date(2019, 7, 1))
    for k in range(CITY_SERVICE_UNITS):
        agency = AGENCIES[k % len(AGENCIES)]
        services.append(
            service(
                f"{P}.DV.C{k + 1:03d}",
                f"Trung tâm sự nghiệp số {k // len(AGENCIES) + 1} thuộc {agency} (cũ)",
                f"{P}.{agency}",
                "city",
                "su_nghiep_khac",
            )
        )
    schools: dict[tuple[int, str], list[str]] = {}
    n_district = ELIGIBLE_SERVICE_UNITS - len(services)
    created = [y for y, n in CREATED_SCHOOLS_BY_YEAR.items() for _ in range(n)]
    for k in range(n_district):
        h = k % len(DISTRICTS) + 1
        level = SCHOOL_LEVELS[(k // len(DISTRICTS)) % 3]
        place = DISTRICTS[h - 1].split(" ", 1)[1]
        number = k // (len(DISTRICTS) * 3) + 1
        new_year = created[k] if k < len(created) else None
        code = service(
            f"{P}.H{h:02d}.TH{k + 1:03d}",
            f"{level} {place} {number} (cũ)",
            f"{P}.H{h:02d}",
            "district",
            "giao_duc",
            valid_from=None if new_year is None else date(new_year, 8, 15),
        )
        services.append(code)
        schools.setdefault((h, level), []).append(code)
        if new_year is not None:
            decide(code, "thanh_lap", _day(new_year, k), effective_date=date(new_year, 8, 15))
    for k, code in enumerate(services):
        approve(code, _day(2023, k) if k % 2 else _day(2024, k), k)
    for k, (parent, name, reason) in enumerate(NOT_ELIGIBLE, start=1):
        new = reason.startswith("Thành lập")
        code = service(
            f"{P}.DV.NE{k}",
            name,
            parent if parent == P else f"{P}.{parent}",
            "city",
            "su_nghiep_khac",
            valid_from=date(2024, 8, 1) if new else None,
        )
        if new:
            decide(code, "thanh_lap", date(2024, 5, 15), effective_date=date(2024, 8, 1))
        approve(code, None, k, eligible=False, reason=reason)

    # 109 units cut 2015-2024: district schools merged into a school of their district (a few
    # through an earlier merger: lineage of more than one step), and city units dissolved.
    k = 0
    for year, n in CUT_BY_YEAR.items():
        for _ in range(n):
            k += 1
            d = _day(year, k)
            end = d + timedelta(days=30)
            if k % 6 == 0:
                agency = AGENCIES[k % len(AGENCIES)]
                code = service(
                    f"{P}.DV.GT{k:03d}",
                    f"Trung tâm dịch vụ số {k} thuộc {agency} (đã giải thể)",
                    f"{P}.{agency}",
                    "city",
                    "su_nghiep_khac",
                    valid_to=end,
                )
                decide(code, "giai_the", d, effective_date=end)
                continue
            h = k % len(DISTRICTS) + 1
            place = DISTRICTS[h - 1].split(" ", 1)[1]
            level = SCHOOL_LEVELS[k % 3]
            same = schools[(h, level)]  # merged into a school of the same level in its district
            into = same[k % len(same)]
            code = service(
                f"{P}.H{h:02d}.SN{k:03d}",
                f"{level} {place} {k} (đã sáp nhập)",
                f"{P}.H{h:02d}",
                "district",
                "giao_duc",
                valid_to=end,
                merged_into=into,
            )
            decide(code, "sap_nhap", d, effective_date=end, successor_code=into)
    # Lineage of more than one step: the last merged school took an earlier one over before it went.
    first = [u for u in units if ".SN" in u["unit_code"]][-1]
    for u in units:
        if (
            ".SN" in u["unit_code"]
            and u is not first
            and u["parent_code"] == first["parent_code"]
            and u["valid_to"] < first["valid_to"]
        ):
            u["merged_into"] = first["unit_code"]
            next(d for d in decisions if d["unit_code"] == u["unit_code"])["successor_code"] = first["unit_code"]
            break

    # Inspections: 2023 on the plan; 2024 on the plan and unannounced, 3 units twice.
    pool = [*agencies, *district_divisions[::4], *services[:20:2]]
    for year, n in INSPECTED.items():
        for j in range(n):
            unit = pool[(j * 3 + year - 2023) % len(pool)]  # 3 and len(pool) = 55 coprime: no unit twice
            kind = "dot_xuat" if year == 2024 and j % 4 == 3 else "theo_ke_hoach"
            inspections.append(
                {
                    "inspection_id": f"KTCV-{year}-{j + 1:02d}",
                    "unit_code": unit,
                    "inspection_date": _day(year, j),
                    "inspection_kind": kind,
                    "findings": j % 3,
                    "decision_no": "94/KH-SNV" if year == 2024 else "12/KH-SNV",
                    "note": None,
                }
            )
        if year == 2024:
            for j in range(INSPECTED_TWICE_2024):
                first_visit = inspections[-n + j]
                inspections.append(
                    {
                        **first_visit,
                        "inspection_id": f"KTCV-{year}-R{j + 1}",
                        "inspection_kind": "dot_xuat",
                        "inspection_date": first_visit["inspection_date"] + timedelta(days=20),
                        "decision_no": "57/QĐ-SNV",
                    }
                )
    return _frames(units, decisions, jobs, inspections)


def _frames(
    units: list[dict[str, Any]],
    decisions: list[dict[str, Any]],
    jobs: list[dict[str, Any]],
    inspections: list[dict[str, Any]],
) -> dict[str, pd.DataFrame]:
    u = pd.DataFrame(units)
    for col in ("valid_from", "valid_to", "restructured_on"):
        u[col] = pd.to_datetime(u[col]).astype("datetime64[s]")
    d = pd.DataFrame(decisions)
    for col in ("decision_date", "effective_date"):
        d[col] = pd.to_datetime(d[col]).astype("datetime64[s]")
    j = pd.DataFrame(jobs)
    j["decision_date"] = pd.to_datetime(j["decision_date"]).astype("datetime64[s]")
    i = pd.DataFrame(inspections)
    i["inspection_date"] = pd.to_datetime(i["inspection_date"]).astype("datetime64[s]")
    return {"unit": u, "reorg_decision": d, "job_position": j, "inspection": i}
