"""Deliberately bad files: each must be refused with its words and a problem naming its cell
(sheet, Excel row, column letter). Everything else in each file is well formed, so the one fault
is the reason for the refusal."""

from __future__ import annotations

from typing import Any

from tests.forms.common import Case, merge, national_block, new_book, put, to_bytes


def ngay_sinh_khong_co_that() -> bytes:
    """A commune list (the issue-2 layout) where one woman's birth date is 31/02/1985, in Nữ
    column D, row 11."""
    wb, ws = new_book("DS")
    national_block(ws, ["UBND XÃ THỚI LAI"], 5)
    put(ws, 4, 1, ["DANH SÁCH CÁN BỘ, CÔNG CHỨC XÃ THỚI LAI"], bold=True)
    put(ws, 5, 1, ["(Tính đến ngày 31/12/2025)"])
    put(ws, 7, 1, ["STT", "Họ và tên", "Ngày, tháng, năm sinh", None, "Chức vụ"], bold=True)
    put(ws, 8, 3, ["Nam", "Nữ"], bold=True)
    merge(ws, "C7:D7", "A7:A8", "B7:B8", "E7:E8")
    put(ws, 9, 1, ["II", "CÔNG CHỨC"], bold=True)
    put(ws, 10, 1, [1, "Hồ Thị Cẩm", None, "04/04/1996", "Công chức Văn phòng - Thống kê"])
    put(ws, 11, 1, [2, "Mai Thị Xuân", None, "31/02/1985", "Công chức Tư pháp - Hộ tịch"])
    put(ws, 12, 1, [3, "Bùi Văn Lợi", "28/02/1987", None, "Công chức Địa chính"])
    return to_bytes(wb)


def chu_trong_o_so() -> bytes:
    """A quota report (units as rows, "Năm 2025" / "Năm 2026" under "Biên chế công chức") where one
    cell says "khoảng 50" instead of a number: sheet "Bien che", row 8, column D."""
    wb, ws = new_book("Bien che")
    put(ws, 1, 1, ["BIỂU TỔNG HỢP BIÊN CHẾ CÔNG CHỨC"], bold=True)
    put(ws, 3, 1, ["STT", "Tên cơ quan, đơn vị", "Biên chế công chức", None], bold=True)
    put(ws, 4, 3, ["Năm 2025", "Năm 2026"], bold=True)
    merge(ws, "A3:A4", "B3:B4", "C3:D3")
    put(ws, 5, 1, [1, "Sở Nội vụ", 96, 94])
    put(ws, 6, 1, [2, "Sở Y tế", 88, 86])
    put(ws, 7, 1, [3, "Sở Tài chính", 102, 100])
    put(ws, 8, 1, [4, "Văn phòng UBND thành phố", 110, "khoảng 50"])
    return to_bytes(wb)


def ten_don_vi_trung() -> bytes:
    """A roster naming "Trường Tiểu học Lê Lợi", which two units bear: sheet "DS", row 4, column D."""
    wb, ws = new_book("DS")
    put(ws, 1, 1, ["DANH SÁCH VIÊN CHỨC (Tính đến ngày 31/12/2025)"], bold=True)
    put(ws, 3, 1, ["STT", "Họ và tên", "Ngày sinh", "Đơn vị", "Giới tính", "Đối tượng"], bold=True)
    put(ws, 4, 1, [1, "Trần Thị Thu Ba", "12/12/1985", "Trường Tiểu học Lê Lợi", "Nữ", "Viên chức"])
    put(ws, 5, 1, [2, "Lê Văn Nhất", "01/06/1979", "Trường THPT Châu Văn Liêm", "Nam", "Viên chức"])
    return to_bytes(wb)


def don_vi_khong_ton_tai() -> bytes:
    """A Decree 29/2023 list naming "Sở Du lịch" (merged into another agency before 2025, not in the
    database): sheet "Sheet1", row 7, column E."""
    wb, ws = new_book("Sheet1")
    put(ws, 1, 1, ["DANH SÁCH ĐỐI TƯỢNG TINH GIẢN BIÊN CHẾ NĂM 2024"], bold=True)
    put(ws, 2, 1, ["(Kèm theo Quyết định số 301/QĐ-UBND ngày 05/02/2024)"])
    put(
        ws,
        4,
        1,
        ["STT", "Họ và tên", "Ngày tháng năm sinh", None, "Đơn vị công tác", "Đối tượng", "Hình thức tinh giản"],
        bold=True,
    )
    put(ws, 5, 3, ["Nam", "Nữ"], bold=True)
    merge(ws, "C4:D4", *[f"{c}4:{c}5" for c in "ABEFG"])
    put(ws, 6, 1, [1, "Lâm Văn Hậu", "03/03/1966", None, "Sở Nội vụ", "Công chức", "Nghỉ hưu trước tuổi"])
    put(ws, 7, 1, [2, "Đoàn Thị Liên", None, "09/09/1970", "Sở Du lịch", "Công chức", "Nghỉ hưu trước tuổi"])
    return to_bytes(wb)


def tang_cuong_24_thang() -> bytes:
    """A secondment of 24 months (01/08/2025 – 31/07/2027) with no exception decision: sheet "DS",
    row 5, column F (the end date)."""
    wb, ws = new_book("DS")
    put(ws, 1, 1, ["DANH SÁCH CÔNG CHỨC TĂNG CƯỜNG VỀ XÃ"], bold=True)
    put(ws, 3, 1, ["STT", "Họ và tên", "Đơn vị cử", "Xã, phường được tăng cường", "Từ ngày", "Đến ngày"], bold=True)
    put(ws, 4, 1, [1, "Nguyễn Văn Lâm", "Sở Tài chính", "Xã Phong Điền", "01/08/2025", "31/07/2028"])
    put(ws, 5, 1, [2, "Phạm Thị Hoa", "Sở Tài chính", "Xã Thới Lai", "01/08/2025", "31/07/2027"])
    return to_bytes(wb)


def tong_cong_sai() -> bytes:
    """A quota report whose "TỔNG CỘNG" row says 1.860 while its units add up to 1.850: sheet "BC",
    row 5, column C."""
    wb, ws = new_book("BC")
    put(ws, 1, 1, ["TỔNG HỢP BIÊN CHẾ CÔNG CHỨC ĐƯỢC GIAO"], bold=True)
    put(ws, 3, 1, ["STT", "Cơ quan, đơn vị", "Biên chế công chức", None], bold=True)
    put(ws, 4, 3, ["Năm 2021", "Năm 2024"], bold=True)
    merge(ws, "A3:A4", "B3:B4", "C3:D3")
    put(ws, 5, 1, [None, "TỔNG CỘNG", "1.860", "1.841"], bold=True)
    put(ws, 6, 1, [1, "Sở Nội vụ", "950", "940"])
    put(ws, 7, 1, [2, "Sở Y tế", "900", "901"])
    return to_bytes(wb)


def so_hoc_vien_bang_chu() -> bytes:
    """A training plan whose participant count is written "hai mươi": sheet "KH", row 6, column D."""
    wb, ws = new_book("KH")
    put(ws, 1, 1, ["SỞ Y TẾ"], bold=True)
    put(ws, 2, 1, ["KẾ HOẠCH BỒI DƯỠNG NĂM 2026"], bold=True)
    put(
        ws,
        4,
        1,
        ["STT", "Tên lớp", "Lĩnh vực", "Số học viên", "Thời gian", "Kinh phí dự toán", "Nguồn kinh phí"],
        bold=True,
    )
    put(
        ws, 5, 1, [1, "Hồi sức cấp cứu nâng cao", "Y tế chuyên sâu", 30, "Tháng 3/2026", "300.000.000", "Tái cơ cấu 5%"]
    )
    put(
        ws,
        6,
        1,
        [2, "Quản lý bệnh viện", "Kinh tế, pháp luật", "hai mươi", "Tháng 4/2026", "120.000.000", "Thường xuyên"],
    )
    return to_bytes(wb)


def _bad(words: list[str], cell: tuple[str, int, str]) -> dict[str, Any]:
    return {"db": "units", "as_of": None, "words": words, "cell": cell}


CASES: dict[str, Case] = {
    "loi_ngay_sinh_31_02.xlsx": (ngay_sinh_khong_co_that, _bad(["31/02/1985", "ngày"], ("DS", 11, "D"))),
    "loi_chu_trong_o_bien_che.xlsx": (chu_trong_o_so, _bad(["khoảng 50", "số"], ("Bien che", 8, "D"))),
    "loi_ten_don_vi_trung.xlsx": (ten_don_vi_trung, _bad(["Trường Tiểu học Lê Lợi", "đơn vị"], ("DS", 4, "D"))),
    "loi_don_vi_khong_ton_tai.xlsx": (
        don_vi_khong_ton_tai,
        _bad(["Sở Du lịch", "không tìm thấy đơn vị"], ("Sheet1", 7, "E")),
    ),
    "loi_tang_cuong_24_thang.xlsx": (tang_cuong_24_thang, _bad(["36 tháng"], ("DS", 5, "F"))),
    "loi_tong_cong_lech.xlsx": (tong_cong_sai, _bad(["1.860", "1.850"], ("BC", 5, "C"))),
    "loi_so_hoc_vien_bang_chu.xlsx": (so_hoc_vien_bang_chu, _bad(["hai mươi"], ("KH", 6, "D"))),
}
