"""Units of the demo city: the new city, its agencies and communes, the former provinces and their
agencies, districts and communes, 1.450 public service units, and the old public service units
(grouped per old agency, per district and per new commune's area) that carry the 2021 quotas.

Returns the ``unit`` table rows plus a ``role`` column (what the unit is, for the other generators)
and ``agency_code`` (the new agency a city-level unit belongs to) that are not stored.
"""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

from analytics.demo import places
from analytics.demo.common import allocate

NEW_FROM = date(2025, 7, 1)
OLD_TO = date(2025, 6, 30)
COMMUNE_SCHOOLS = 1044
SGDDT_SCHOOLS = 96  # upper-secondary schools and continuing-education centres
PROVINCE_CODE = {"can_tho": "CT_CU", "hau_giang": "HG_CU", "soc_trang": "ST_CU"}
# Extra branches so that the public service units number 1.450 (DOMAIN.md §7).
EXTRA_BRANCHES: tuple[tuple[str, str, str, int], ...] = tuple(
    ("SNNMT", f"Chi nhánh Văn phòng Đăng ký đất đai khu vực {i}", "nong_nghiep", 22) for i in range(1, 11)
) + tuple(("SVHTTDL", f"Trung tâm Văn hóa - Thể thao khu vực {i}", "van_hoa_the_thao", 15) for i in range(1, 12))


def _row(code: str, name: str, unit_type: str, level: str, role: str, **kw: object) -> dict[str, object]:
    row: dict[str, object] = {
        "unit_code": code,
        "name": name,
        "short_name": kw.pop("short_name", None),
        "unit_type": unit_type,
        "level": level,
        "sector": kw.pop("sector", None),
        "former_province": kw.pop("former_province", None),
        "commune_kind": kw.pop("commune_kind", None),
        "parent_code": kw.pop("parent_code", None),
        "merged_into": kw.pop("merged_into", None),
        "valid_from": kw.pop("valid_from", None),
        "valid_to": kw.pop("valid_to", None),
        "restructured_on": kw.pop("restructured_on", None),
        "self_financed": bool(kw.pop("self_financed", False)),
        "especially_difficult": bool(kw.pop("especially_difficult", False)),
        "role": role,
        "agency_code": kw.pop("agency_code", None),
        "size": kw.pop("size", 0),
    }
    assert not kw, kw
    return row


def _new_city(rows: list[dict[str, object]]) -> None:
    rows.append(_row("CT", "Thành phố Cần Thơ", "thanh_pho", "city", "city", short_name="Cần Thơ", valid_from=NEW_FROM))
    for code, name, utype, _, divisions in places.AGENCIES:
        sector = "quan_ly_nha_nuoc"
        rows.append(
            _row(
                code,
                name,
                utype,
                "city",
                "agency",
                short_name=name,
                sector=sector,
                parent_code="CT",
                valid_from=NEW_FROM,
                restructured_on=NEW_FROM,
                agency_code=code,
            )
        )
        for i, div in enumerate(divisions, start=1):
            rows.append(
                _row(
                    f"{code}.P{i:02d}",
                    div,
                    "phong",
                    "city",
                    "division",
                    short_name=div,
                    sector="quan_ly_nha_nuoc",
                    parent_code=code,
                    valid_from=NEW_FROM,
                    restructured_on=NEW_FROM,
                    agency_code=code,
                )
            )


def _communes(rows: list[dict[str, object]], rng: np.random.Generator) -> list[tuple[str, str, str, str]]:
    out = []
    n = 0
    for province, items in places.COMMUNES.items():
        for short, kind in items:
            n += 1
            code = f"XA{n:03d}"
            prefix = "Phường" if kind == "phuong" else "Xã"
            rows.append(
                _row(
                    code,
                    f"{prefix} {short}",
                    "ubnd_xa",
                    "commune",
                    "commune",
                    short_name=short,
                    sector="quan_ly_nha_nuoc",
                    former_province=province,
                    commune_kind=kind,
                    parent_code="CT",
                    valid_from=NEW_FROM,
                    restructured_on=NEW_FROM,
                    especially_difficult=short in places.ESPECIALLY_DIFFICULT,
                )
            )
            out.append((code, short, kind, province))
    # Predecessors: 2-4 old communes each, merged into the new one. No parent on purpose: the old
    # province's quota in the seed report covers city and district agencies only.
    pool = places.OLD_COMMUNE_NAMES
    for code, short, kind, province in out:
        k = int(rng.choice([2, 2, 3, 3, 3, 4]))
        names = [short] + [pool[int(j)] for j in rng.choice(len(pool), size=k - 1, replace=False)]
        for j, nm in enumerate(names, start=1):
            old_kind = kind if j == 1 else str(rng.choice(["xa", "xa", "phuong"] if kind == "phuong" else ["xa"]))
            prefix = "Phường" if old_kind == "phuong" else ("Thị trấn" if j == 2 and kind == "xa" else "Xã")
            rows.append(
                _row(
                    f"{code}.C{j}",
                    f"{prefix} {nm} (cũ)",
                    "ubnd_xa",
                    "commune",
                    "old_commune",
                    short_name=nm,
                    sector="quan_ly_nha_nuoc",
                    former_province=province,
                    commune_kind=old_kind,
                    merged_into=code,
                    valid_to=OLD_TO,
                )
            )
    return out


def _former_provinces(rows: list[dict[str, object]]) -> None:
    """The old provinces, their agencies and districts. Their public employees are counted on public
    service units (role old_service): one per old agency ("the public service units of …", its sector)
    and one per district for its own units wound up with it; the district units of each new
    commune's area come from ``_commune_area_services``."""
    for code, name, province in places.PROVINCES:
        rows.append(
            _row(
                code,
                name,
                "tinh_cu",
                "city",
                "province",
                short_name=name.split(" (")[0],
                former_province=province,
                merged_into="CT",
                valid_to=OLD_TO,
            )
        )
        key = code[:2]
        label = places.PROVINCE_LABEL[code]
        for suffix, name_, new, where, _, employees in places.OLD_AGENCIES:
            if key not in where.split():
                continue
            utype = "co_quan_khac" if suffix == "BQLKCN" else "so_nganh"
            rows.append(
                _row(
                    f"{code}.{suffix}",
                    f"{name_} {label} (cũ)",
                    utype,
                    "city",
                    "old_agency",
                    short_name=name_,
                    sector="quan_ly_nha_nuoc",
                    former_province=province,
                    parent_code=code,
                    merged_into=new,
                    valid_to=OLD_TO,
                    agency_code=new,
                )
            )
            if employees:
                rows.append(
                    _row(
                        f"{code}.{suffix}.DV",
                        f"Các đơn vị sự nghiệp thuộc {name_} {label} (cũ)",
                        "dvsnc",
                        "city",
                        "old_service",
                        sector=places.OLD_SERVICE_SECTOR.get(suffix, "su_nghiep_khac"),
                        former_province=province,
                        parent_code=f"{code}.{suffix}",
                        valid_to=OLD_TO,
                        agency_code=new,
                    )
                )
        for i, dname in enumerate(places.OLD_DISTRICTS[code], start=1):
            district = f"{code}.H{i:02d}"
            rows.append(
                _row(
                    district,
                    f"{dname} (cũ)",
                    "huyen_cu",
                    "district",
                    "old_district",
                    short_name=dname.split(" ", 1)[1]
                    if not dname.startswith("Thành phố")
                    else dname.removeprefix("Thành phố "),
                    sector="quan_ly_nha_nuoc",
                    former_province=province,
                    parent_code=code,
                    valid_to=OLD_TO,
                )
            )
            rows.append(
                _row(
                    f"{district}.SN",
                    f"{places.DISTRICT_OWN_SERVICES} {dname} (cũ)",
                    "dvsnc",
                    "district",
                    "old_service",
                    sector="su_nghiep_khac",
                    former_province=province,
                    parent_code=district,
                    valid_to=OLD_TO,
                )
            )


def _commune_area_services(rows: list[dict[str, object]], communes: list[tuple[str, str, str, str]]) -> None:
    """The old district units of each new commune's area (schools, health stations, others): under
    an old district (a block of the province's districts in order), merged into the new commune."""
    by_province: dict[str, list[tuple[str, str, str]]] = {}
    for code, short, kind, province in communes:
        by_province.setdefault(province, []).append((code, short, kind))
    for province, items in by_province.items():
        districts = places.OLD_DISTRICTS[PROVINCE_CODE[province]]
        for i, (code, short, kind) in enumerate(items):
            j = i * len(districts) // len(items)
            district = f"{PROVINCE_CODE[province]}.H{j + 1:02d}"
            area = f"{'phường' if kind == 'phuong' else 'xã'} {short}"
            for suffix, what, sector in places.COMMUNE_AREA_SERVICES:
                rows.append(
                    _row(
                        f"{district}.{code}.{suffix}",
                        f"{what} {area} thuộc {districts[j]} (cũ)",
                        "dvsnc",
                        "district",
                        "old_service",
                        sector=sector,
                        former_province=province,
                        parent_code=district,
                        merged_into=code,
                        valid_to=OLD_TO,
                    )
                )


def _service_units(
    rows: list[dict[str, object]], communes: list[tuple[str, str, str, str]], rng: np.random.Generator
) -> None:
    n = 0

    def add(
        name: str,
        parent: str,
        level: str,
        role: str,
        sector: str,
        size: int,
        province: str | None,
        agency: str | None,
        self_financed: bool = False,
        difficult: bool = False,
    ) -> None:
        nonlocal n
        n += 1
        rows.append(
            _row(
                f"DV{n:04d}",
                name,
                "dvsnc",
                level,
                role,
                short_name=name,
                sector=sector,
                former_province=province,
                parent_code=parent,
                valid_from=NEW_FROM,
                self_financed=self_financed,
                agency_code=agency,
                size=size,
                especially_difficult=difficult,
            )
        )

    provinces = list(PROVINCE_CODE)
    for name, size in places.HEALTH_UNITS:
        prov = (
            "soc_trang"
            if "Sóc Trăng" in name or "Mỹ Xuyên" in name
            else (
                "hau_giang"
                if any(w in name for w in ("Hậu Giang", "Vị Thanh", "Ngã Bảy", "Long Mỹ", "Phụng Hiệp", "Châu Thành"))
                else "can_tho"
            )
        )
        add(
            name,
            "SYT",
            "city",
            "hospital",
            "y_te",
            size,
            prov,
            "SYT",
            self_financed=name.endswith("Mắt - Răng Hàm Mặt"),
        )
    for agency, units in places.AGENCY_SERVICE_UNITS.items():
        for name, sector, sf, size in units:
            prov = "soc_trang" if "Sóc Trăng" in name or "Khmer" in name else "can_tho"
            add(name, agency, "city", "agency_service", sector, size, prov, agency, self_financed=sf)
    for agency, name, sector, size in EXTRA_BRANCHES:
        add(name, agency, "city", "agency_service", sector, size, provinces[n % 3], agency)
    # Upper-secondary schools and continuing-education centres under the Sở, named after a commune.
    picks = rng.choice(len(communes), size=SGDDT_SCHOOLS, replace=False)
    for i, j in enumerate(sorted(int(x) for x in picks)):
        _, area, _, province = communes[j]
        kind = "Trung tâm Giáo dục nghề nghiệp - Giáo dục thường xuyên" if i % 6 == 5 else "Trường THPT"
        add(f"{kind} {area}", "SGDDT", "city", "thpt", "giao_duc", int(rng.integers(55, 95)), province, "SGDDT")
    weights = rng.uniform(0.7, 1.4, size=len(communes))
    per_commune = allocate(COMMUNE_SCHOOLS, weights)
    for (code, short, kind, province), k in zip(communes, per_commune, strict=True):
        difficult = short in places.ESPECIALLY_DIFFICULT
        prefix = "phường" if kind == "phuong" else "xã"
        add(
            f"Trạm Y tế {prefix} {short}",
            code,
            "commune",
            "health_station",
            "y_te",
            int(rng.integers(6, 13)),
            province,
            None,
            difficult=difficult,
        )
        add(
            f"Trung tâm Dịch vụ tổng hợp {prefix} {short}",
            code,
            "commune",
            "service_centre",
            "su_nghiep_khac",
            int(rng.integers(8, 21)),
            province,
            None,
            difficult=difficult,
        )
        levels = allocate(int(k), [0.33, 0.40, 0.27])
        for school, count, lo, hi in zip(
            ("Mầm non", "Tiểu học", "THCS"), levels, (16, 24, 30), (30, 42, 52), strict=True
        ):
            for j in range(int(count)):
                suffix = f" {j + 1}" if count > 1 else ""
                add(
                    f"Trường {school} {short}{suffix}",
                    code,
                    "commune",
                    f"school_{school}",
                    "giao_duc",
                    int(rng.integers(lo, hi)),
                    province,
                    None,
                    difficult=difficult,
                )


def build_units(rng: np.random.Generator) -> pd.DataFrame:
    """Every unit row (stored columns plus role, agency_code and a nominal staff size)."""
    rows: list[dict[str, object]] = []
    _new_city(rows)
    communes = _communes(rows, rng)
    _former_provinces(rows)
    _commune_area_services(rows, communes)
    _service_units(rows, communes, rng)
    df = pd.DataFrame(rows)
    for col in ("valid_from", "valid_to", "restructured_on"):
        df[col] = pd.to_datetime(df[col]).astype("datetime64[s]")
    return df


UNIT_COLUMNS = (
    "unit_code",
    "name",
    "short_name",
    "unit_type",
    "level",
    "sector",
    "former_province",
    "commune_kind",
    "parent_code",
    "merged_into",
    "valid_from",
    "valid_to",
    "restructured_on",
    "self_financed",
    "especially_difficult",
)
