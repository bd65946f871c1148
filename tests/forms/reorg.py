"""Reorganisation decisions, job-position approvals and inspection lists as the Sở Nội vụ's
divisions keep them (issue 15): a title block, a header row, kinds of reorganisation in words
("Sáp nhập", "Giải thể", "Thành lập mới", "Kiện toàn bên trong", "Tổ chức lại"), "Có"/"Không" for
eligibility, units by name, dates as dd/mm/yyyy text, a total row and a signature.

``report_files`` writes the old Cần Thơ's whole reorganisation to mid-2024 (the rows of
analytics.demo.reorganisation) as such files, plus a unit catalogue of the units they name, so
that a test can import them into an empty database and read the report's figures back.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd

from analytics.vocab import label
from tests.forms.common import national_block, new_book, put, signature, to_bytes

ACTION_WORDS = {
    "sap_nhap": "Sáp nhập",
    "giai_the": "Giải thể",
    "thanh_lap": "Thành lập mới",
    "kien_toan": "Sắp xếp, kiện toàn bên trong",
    "to_chuc_lai": "Tổ chức lại",
}
KIND_WORDS = {"theo_ke_hoach": "Theo kế hoạch", "dot_xuat": "Đột xuất"}


def _dmy(d: Any) -> str | None:
    return None if d is None or pd.isna(d) else pd.Timestamp(d).strftime("%d/%m/%Y")


def _book(title: str, header: Sequence[str], rows: list[list[Any]], total: list[Any] | None = None) -> bytes:
    wb, ws = new_book("Sheet1")
    national_block(ws, ["UBND THÀNH PHỐ CẦN THƠ", "SỞ NỘI VỤ"], len(header) - 2)
    put(ws, 4, 1, [title], bold=True)
    put(ws, 6, 1, ["STT", *header], bold=True)
    r = 7
    for i, row in enumerate(rows, start=1):
        put(ws, r, 1, [i, *row])
        r += 1
    if total is not None:
        put(ws, r, 1, [None, "Tổng cộng", *total], bold=True)
        r += 1
    signature(ws, r + 1, len(header) - 2, "Cần Thơ, ngày 28 tháng 6 năm 2024", "GIÁM ĐỐC", "Nguyễn Văn Minh")
    return to_bytes(wb)


def decisions_file(decisions: pd.DataFrame, names: dict[str, str]) -> bytes:
    """ "Danh sách quyết định sắp xếp tổ chức": Tên đơn vị, Số quyết định, Ngày, Hình thức sắp xếp in
    words, Đơn vị tiếp nhận by name, sub-units removed by type."""
    rows: list[list[Any]] = [
        [
            names[r.unit_code],
            r.decision_no,
            _dmy(r.decision_date),
            ACTION_WORDS[r.action],
            names.get(r.successor_code) if isinstance(r.successor_code, str) else None,
            r.removed_divisions or None,
            r.removed_faculties or None,
            r.removed_branches or None,
        ]
        for r in decisions.itertuples()
    ]
    return _book(
        "DANH SÁCH QUYẾT ĐỊNH SẮP XẾP, KIỆN TOÀN TỔ CHỨC BỘ MÁY GIAI ĐOẠN 2015 - 2024",
        [
            "Tên đơn vị",
            "Số quyết định",
            "Ngày",
            "Hình thức sắp xếp",
            "Đơn vị tiếp nhận",
            "Số phòng giảm",
            "Số khoa giảm",
            "Số chi nhánh giảm",
        ],
        rows,
        [
            None,
            None,
            None,
            None,
            int(decisions["removed_divisions"].sum()),
            int(decisions["removed_faculties"].sum()),
            int(decisions["removed_branches"].sum()),
        ],
    )


def job_positions_file(jobs: pd.DataFrame, names: dict[str, str]) -> bytes:
    """ "Tổng hợp phê duyệt vị trí việc làm": unit, decision, date, positions by group, eligible
    (Có/Không) and the reason when not."""
    rows: list[list[Any]] = [
        [
            names[r.unit_code],
            r.decision_no,
            _dmy(r.decision_date),
            r.positions_leadership,
            r.positions_professional,
            r.positions_shared,
            r.positions_support,
            "Có" if r.eligible else "Không",
            r.ineligible_reason,
        ]
        for r in jobs.itertuples()
    ]
    return _book(
        "TỔNG HỢP PHÊ DUYỆT VỊ TRÍ VIỆC LÀM VÀ CƠ CẤU NGẠCH CÔNG CHỨC, CHỨC DANH NGHỀ NGHIỆP VIÊN CHỨC",
        [
            "Tên cơ quan, đơn vị",
            "Quyết định phê duyệt",
            "Ngày phê duyệt",
            "Lãnh đạo, quản lý",
            "Chuyên môn, nghiệp vụ",
            "Chuyên môn dùng chung",
            "Hỗ trợ, phục vụ",
            "Đủ điều kiện",
            "Lý do",
        ],
        rows,
    )


def inspections_file(inspections: pd.DataFrame, names: dict[str, str]) -> bytes:
    """ "Danh sách cơ quan, đơn vị được kiểm tra công vụ": unit, date, kind in words, findings."""
    rows: list[list[Any]] = [
        [names[r.unit_code], _dmy(r.inspection_date), KIND_WORDS[r.inspection_kind], r.findings or None, r.decision_no]
        for r in inspections.itertuples()
    ]
    return _book(
        "DANH SÁCH CƠ QUAN, ĐƠN VỊ ĐƯỢC KIỂM TRA HOẠT ĐỘNG CÔNG VỤ",
        ["Cơ quan, đơn vị được kiểm tra", "Ngày kiểm tra", "Hình thức kiểm tra", "Số tồn tại, hạn chế", "Căn cứ"],
        rows,
    )


def units_file(units: pd.DataFrame) -> bytes:
    """A unit catalogue with codes (the only sheet that carries them), types and levels in words."""
    rows: list[list[Any]] = [
        [
            r.unit_code,
            r.name,
            label(r.unit_type),
            label(r.level),
            r.parent_code if isinstance(r.parent_code, str) else None,
            r.merged_into if isinstance(r.merged_into, str) else None,
            _dmy(r.valid_from),
            _dmy(r.valid_to),
            label(r.sector) if isinstance(r.sector, str) else None,
        ]
        for r in units.itertuples()
    ]
    wb, ws = new_book("Danh muc")
    put(
        ws,
        1,
        1,
        [
            "Mã đơn vị",
            "Tên đơn vị",
            "Loại đơn vị",
            "Cấp",
            "Đơn vị cấp trên",
            "Sáp nhập vào",
            "Hiệu lực từ",
            "Hiệu lực đến",
            "Lĩnh vực",
        ],
        bold=True,
    )
    for i, row in enumerate(rows, start=2):
        put(ws, i, 1, row)
    return to_bytes(wb)


def report_files(base_units: pd.DataFrame) -> list[tuple[str, bytes]]:
    """The old Cần Thơ's reorganisation to mid-2024 as agency files: units (``base_units``: the
    city, the old province, its agencies and districts, from the demo's unit builder, plus the units
    of analytics.demo.reorganisation), decisions, job positions, inspections."""
    from analytics.demo.reorganisation import build

    t = build()
    units = pd.concat([base_units, t["unit"][list(base_units.columns)]], ignore_index=True)
    names = dict(zip(units["unit_code"], units["name"], strict=True))
    return [
        ("danh_muc_don_vi.xlsx", units_file(units)),
        ("quyet_dinh_sap_xep.xlsx", decisions_file(t["reorg_decision"], names)),
        ("vi_tri_viec_lam.xlsx", job_positions_file(t["job_position"], names)),
        ("kiem_tra_cong_vu.xlsx", inspections_file(t["inspection"], names)),
    ]


# Small files over the corpus units (SNV, SYT, STP, Phường Ninh Kiều, Quận Ninh Kiều …).
def small_decisions() -> bytes:
    rows: list[list[Any]] = [
        ["Sở Y tế", "125/QĐ-UBND", "15/03/2023", "Kiện toàn bên trong", None, 2, 1, None],
        ["Sở Tư pháp", "88/QĐ-UBND", "02/02/2022", "Sắp xếp, kiện toàn bên trong", None, None, None, 5],
        ["Phường An Cư", "47/QĐ-UBND", "10/01/2020", "Sáp nhập", "Phường Ninh Kiều", None, None, None],
        ["Sở Nội vụ", "12/QĐ-UBND", "05/01/2018", "Tổ chức lại", None, None, None, None],
    ]
    return _book(
        "DANH SÁCH QUYẾT ĐỊNH SẮP XẾP TỔ CHỨC",
        [
            "Tên đơn vị",
            "Số quyết định",
            "Ngày",
            "Hình thức sắp xếp",
            "Đơn vị tiếp nhận",
            "Số phòng giảm",
            "Số khoa giảm",
            "Số chi nhánh giảm",
        ],
        rows,
        [None, None, None, None, 2, 1, 5],
    )


def small_job_positions() -> bytes:
    rows: list[list[Any]] = [
        ["Sở Nội vụ", "1234/QĐ-UBND", "20/10/2023", 3, 12, 4, 2, "Có", None],
        ["Sở Y tế", "1301/QĐ-UBND", "02/11/2023", 4, 20, 5, 3, "Có", None],
        ["Sở Tư pháp", None, None, None, None, None, None, "Không", "Đang thực hiện thủ tục giải thể"],
    ]
    return _book(
        "TỔNG HỢP PHÊ DUYỆT VỊ TRÍ VIỆC LÀM",
        [
            "Tên cơ quan, đơn vị",
            "Quyết định phê duyệt",
            "Ngày phê duyệt",
            "Lãnh đạo, quản lý",
            "Chuyên môn, nghiệp vụ",
            "Chuyên môn dùng chung",
            "Hỗ trợ, phục vụ",
            "Đủ điều kiện",
            "Lý do",
        ],
        rows,
    )


def small_inspections() -> bytes:
    rows: list[list[Any]] = [
        ["Sở Y tế", "12/03/2024", "Theo kế hoạch", 2, "94/KH-SNV"],
        ["Quận Ninh Kiều", "05/04/2024", "Đột xuất", None, "57/QĐ-SNV"],
        ["Sở Y tế", "20/05/2024", "Kiểm tra đột xuất", 1, "57/QĐ-SNV"],
    ]
    return _book(
        "DANH SÁCH CƠ QUAN, ĐƠN VỊ ĐƯỢC KIỂM TRA HOẠT ĐỘNG CÔNG VỤ NĂM 2024",
        ["Cơ quan, đơn vị được kiểm tra", "Ngày kiểm tra", "Hình thức kiểm tra", "Số tồn tại, hạn chế", "Căn cứ"],
        rows,
    )


def bad_decisions() -> bytes:
    """A kind of reorganisation nobody can read, and a decision without a date."""
    rows: list[list[Any]] = [
        ["Sở Y tế", "125/QĐ-UBND", "15/03/2023", "Chia tách", None, None, None, None],
        ["Sở Nội vụ", "12/QĐ-UBND", None, "Tổ chức lại", None, None, None, None],
    ]
    return _book(
        "DANH SÁCH QUYẾT ĐỊNH SẮP XẾP TỔ CHỨC",
        [
            "Tên đơn vị",
            "Số quyết định",
            "Ngày",
            "Hình thức sắp xếp",
            "Đơn vị tiếp nhận",
            "Số phòng giảm",
            "Số khoa giảm",
            "Số chi nhánh giảm",
        ],
        rows,
    )


SMALL_EXPECT = {"reorg_decision": 4, "job_position": 3, "inspection": 3}
