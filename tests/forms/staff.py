"""Staff lists (danh sách cán bộ, công chức, viên chức) of communes and agencies."""

from __future__ import annotations

from datetime import date
from typing import Any

from tests.forms.common import merge, national_block, new_book, put, signature, to_bytes

# The commune list of issue 11: (section, name, birth date, gender, ethnicity, position, qualification,
# coefficient); the birth date is written as a date cell or as dd/mm/yyyy text, alternately.
HOA_TU: list[tuple[str, str, date, str, str, str, str, str]] = [
    ("can_bo", "Lâm Văn Sơn", date(1972, 4, 15), "nam", "Khmer", "Bí thư Đảng ủy", "Thạc sĩ", "4,98"),
    ("can_bo", "Thạch Thị Sa Ra", date(1978, 9, 2), "nu", "Khmer", "Chủ tịch HĐND xã", "Đại học", "4,65"),
    ("can_bo", "Trần Văn Hùng", date(1980, 11, 20), "nam", "Kinh", "Chủ tịch UBND xã", "Đại học", "4,32"),
    ("cong_chuc", "Nguyễn Thị Lan", date(1988, 3, 8), "nu", "Kinh", "Công chức Văn phòng - Thống kê", "Đại học", "3,33"),
    ("cong_chuc", "Lý Văn Tài", date(1990, 12, 25), "nam", "Hoa", "Công chức Tư pháp - Hộ tịch", "Đại học", "3,00"),
    ("cong_chuc", "Sơn Thị Mỹ", date(1993, 7, 14), "nu", "Khmer", "Công chức Địa chính - Xây dựng", "Đại học", "2,67"),
    ("cong_chuc", "Phạm Minh Trí", date(1985, 1, 1), "nam", "Kinh", "Công chức Tài chính - Kế toán", "Cao đẳng", "3,66"),
    ("cong_chuc", "Danh Thị Hồng", date(1995, 6, 30), "nu", "Khmer", "Công chức Văn hóa - Xã hội", "Đại học", "2,34"),
]


def danh_sach_xa_hoa_tu() -> bytes:
    """Issue file 2: the commune staff list of xã Hòa Tú at 31/12/2025.

    Layout: the list communes send to Sở Nội vụ ("Danh sách cán bộ, công chức cấp xã", the shape of
    the annex to the MOHA statistics on commune staff: STT, Họ và tên, Ngày tháng năm sinh split Nam /
    Nữ, Dân tộc, Chức vụ, trình độ, hệ số lương). The page corpus had no copy; this follows the
    form as communes fill it in: birth date written in the Nam or the Nữ column to say the gender,
    Roman section rows "I. CÁN BỘ" / "II. CÔNG CHỨC" giving the category, NO unit code (the unit is
    in the title and in "Đơn vị công tác"), a column-number row, "Tổng cộng" and a signed footer.
    """
    wb, ws = new_book("DS CBCC")
    national_block(ws, ["UBND XÃ HÒA TÚ"], 6)
    put(ws, 4, 1, ["DANH SÁCH CÁN BỘ, CÔNG CHỨC XÃ HÒA TÚ"], bold=True)
    merge(ws, "A4:J4")
    put(ws, 5, 1, ["(Tính đến ngày 31/12/2025)"])
    merge(ws, "A5:J5")
    put(ws, 7, 1, ["STT", "Họ và tên", "Ngày, tháng, năm sinh", None, "Dân tộc", "Chức vụ", "Đơn vị công tác",
                   "Trình độ\nchuyên môn", "Hệ số\nlương", "Ghi chú"], bold=True)
    put(ws, 8, 3, ["Nam", "Nữ"], bold=True)
    merge(ws, "C7:D7", *[f"{c}7:{c}8" for c in "ABEFGHIJ"])
    put(ws, 9, 1, [str(i) for i in range(1, 11)])
    r = 10
    for roman, section, title in (("I", "can_bo", "CÁN BỘ"), ("II", "cong_chuc", "CÔNG CHỨC")):
        put(ws, r, 1, [roman, title], bold=True)
        r += 1
        for i, (_, name, born, gender, eth, pos, qual, coef) in enumerate([p for p in HOA_TU if p[0] == section], start=1):
            b: Any = born if i % 2 else born.strftime("%d/%m/%Y")
            put(ws, r, 1, [i, name, b if gender == "nam" else None, b if gender == "nu" else None, eth, pos,
                           "UBND xã Hòa Tú", qual, coef])
            r += 1
    put(ws, r, 1, [None, f"Tổng cộng: {len(HOA_TU):02d} người (Cán bộ: 03; Công chức: 05)"], bold=True)
    signature(ws, r + 2, 6, "Hòa Tú, ngày 05 tháng 01 năm 2026", "CHỦ TỊCH", "Trần Văn Hùng")
    return to_bytes(wb)


HOA_TU_EXPECT = {
    "tables": {"person": 8}, "db": "units", "as_of": None,
    "checks": [
        ("SELECT full_name, gender, birth_date, category, unit_code, as_of FROM person ORDER BY birth_date",
         [(n, g, b, c, "X01", date(2025, 12, 31)) for c, n, b, g, *_ in sorted(HOA_TU, key=lambda p: p[2])]),
        ("SELECT count(*), count(*) FILTER (WHERE gender = 'nu'), count(*) FILTER (WHERE ethnicity = 'khmer') FROM person",
         [(8, 4, 4)]),
        ("SELECT category, count(*) FROM person GROUP BY ALL ORDER BY ALL", [("can_bo", 3), ("cong_chuc", 5)]),
    ],
}

# Sở Nội vụ's roster: (section, name, birth, gender as written, ethnicity, grade, grade code, coef, position)
SNV: list[tuple[str, str, str, str, str, str, str, str, str]] = [
    ("cong_chuc", "Nguyễn Văn Minh", "12/05/1970", "Nam", "Kinh", "Chuyên viên cao cấp", "01.001", "6,56", "Giám đốc"),
    ("cong_chuc", "Trần Thị Hạnh", "03/08/1976", "Nữ", "Kinh", "Chuyên viên chính", "01.002", "5,42", "Phó Giám đốc"),
    ("cong_chuc", "Huỳnh Thanh Phong", "21/10/1982", "nam", "Kinh", "Chuyên viên chính", "01.002", "4,74", "Trưởng phòng"),
    ("cong_chuc", "Thạch Thị Kim Ngân", "09/02/1991", "nữ", "Khơ-me", "Chuyên viên", "01.003", "3,33", "Chuyên viên"),
    ("cong_chuc", "Lê Hoàng Nam", "17/07/1995", "NAM", "Kinh", "Chuyên viên", "01.003", "2,67", "Chuyên viên"),
    ("vien_chuc", "Võ Thị Thu Trang", "25/12/1989", "NỮ", "Kinh", "Lưu trữ viên", "V.01.02.02", "3,00", "Viên chức"),
    ("vien_chuc", "Đặng Minh Khoa", "30/04/1987", "Nam", "Kinh", "Lưu trữ viên", "V.01.02.02", "3,33", "Phó Giám đốc Trung tâm"),
    ("nguoi_lao_dong", "Phan Văn Út", "14/03/1975", "Nam", "Kinh", "Nhân viên", "01.005", "2,46", "Lái xe"),
    ("nguoi_lao_dong", "Kim Thị Sa Rên", "02/11/1980", "Nữ", "Khmer", "Nhân viên", "01.005", "2,06", "Tạp vụ"),
]


def danh_sach_so_noi_vu() -> bytes:
    """Agency roster with a "Giới tính" column written in several ways ("Nam", "nữ", "NAM"), Ngạch
    and Mã ngạch, ethnicity ("Khơ-me" and "Khmer"), sections "I. CÔNG CHỨC" / "II. VIÊN CHỨC" /
    "III. HỢP ĐỒNG LAO ĐỘNG (NĐ 111/2022)", the unit only in the agency block of the title (line 2:
    "SỞ NỘI VỤ" under its superior "UBND THÀNH PHỐ CẦN THƠ"), as-of "Tính đến ngày 30/9/2025".

    Layout: the agency half of the MOHA staff-statistics list (as in the "Danh sách và tiền lương
    cán bộ, công chức, viên chức" annexes of Thông tư 02/2023/TT-BNV-era reports; no copy found in
    the page corpus), with the column-number row "(1) (2) …".
    """
    wb, ws = new_book("Sheet1")
    national_block(ws, ["UBND THÀNH PHỐ CẦN THƠ", "SỞ NỘI VỤ"], 7)
    put(ws, 4, 1, ["DANH SÁCH CÔNG CHỨC, VIÊN CHỨC VÀ NGƯỜI LAO ĐỘNG"], bold=True)
    put(ws, 5, 1, ["Tính đến ngày 30/9/2025"])
    put(ws, 7, 1, ["STT", "HỌ VÀ TÊN", "NGÀY SINH", "GIỚI TÍNH", "DÂN TỘC", "NGẠCH CÔNG CHỨC,\nVIÊN CHỨC",
                   "MÃ NGẠCH", "HỆ SỐ LƯƠNG", "CHỨC VỤ"], bold=True)
    put(ws, 8, 1, [f"({i})" for i in range(1, 10)])
    r = 9
    titles = {"cong_chuc": ("I", "CÔNG CHỨC"), "vien_chuc": ("II", "VIÊN CHỨC"),
              "nguoi_lao_dong": ("III", "HỢP ĐỒNG LAO ĐỘNG (NĐ 111/2022)")}
    for sec, (roman, title) in titles.items():
        put(ws, r, 1, [f"{roman}.", title], bold=True)
        r += 1
        for i, p in enumerate([p for p in SNV if p[0] == sec], start=1):
            put(ws, r, 1, [i, *p[1:]])
            r += 1
    put(ws, r, 1, [None, "Cộng: 09 người"])
    signature(ws, r + 2, 7, "Cần Thơ, ngày 02 tháng 10 năm 2025", "GIÁM ĐỐC", "Nguyễn Văn Minh")
    return to_bytes(wb)


SNV_EXPECT = {
    "tables": {"person": 9}, "db": "units", "as_of": None,
    "checks": [
        ("SELECT category, count(*), count(*) FILTER (WHERE gender = 'nu') FROM person GROUP BY ALL ORDER BY ALL",
         [("cong_chuc", 5, 2), ("nguoi_lao_dong", 2, 1), ("vien_chuc", 2, 1)]),
        ("SELECT DISTINCT unit_code, as_of FROM person", [("S01", date(2025, 9, 30))]),
        ("SELECT count(*) FROM person WHERE ethnicity = 'khmer'", [(2,)]),
        ("SELECT sum(salary_coef) FROM person", [(__import__("decimal").Decimal("33.57"),)]),
        ("SELECT grade_code FROM person WHERE full_name = 'Võ Thị Thu Trang'", [("V.01.02.02",)]),
    ],
}
