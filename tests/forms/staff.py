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
    (
        "cong_chuc",
        "Nguyễn Thị Lan",
        date(1988, 3, 8),
        "nu",
        "Kinh",
        "Công chức Văn phòng - Thống kê",
        "Đại học",
        "3,33",
    ),
    ("cong_chuc", "Lý Văn Tài", date(1990, 12, 25), "nam", "Hoa", "Công chức Tư pháp - Hộ tịch", "Đại học", "3,00"),
    ("cong_chuc", "Sơn Thị Mỹ", date(1993, 7, 14), "nu", "Khmer", "Công chức Địa chính - Xây dựng", "Đại học", "2,67"),
    (
        "cong_chuc",
        "Phạm Minh Trí",
        date(1985, 1, 1),
        "nam",
        "Kinh",
        "Công chức Tài chính - Kế toán",
        "Cao đẳng",
        "3,66",
    ),
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
    put(
        ws,
        7,
        1,
        [
            "STT",
            "Họ và tên",
            "Ngày, tháng, năm sinh",
            None,
            "Dân tộc",
            "Chức vụ",
            "Đơn vị công tác",
            "Trình độ\nchuyên môn",
            "Hệ số\nlương",
            "Ghi chú",
        ],
        bold=True,
    )
    put(ws, 8, 3, ["Nam", "Nữ"], bold=True)
    merge(ws, "C7:D7", *[f"{c}7:{c}8" for c in "ABEFGHIJ"])
    put(ws, 9, 1, [str(i) for i in range(1, 11)])
    r = 10
    for roman, section, title in (("I", "can_bo", "CÁN BỘ"), ("II", "cong_chuc", "CÔNG CHỨC")):
        put(ws, r, 1, [roman, title], bold=True)
        r += 1
        for i, (_, name, born, gender, eth, pos, qual, coef) in enumerate(
            [p for p in HOA_TU if p[0] == section], start=1
        ):
            b: Any = born if i % 2 else born.strftime("%d/%m/%Y")
            put(
                ws,
                r,
                1,
                [
                    i,
                    name,
                    b if gender == "nam" else None,
                    b if gender == "nu" else None,
                    eth,
                    pos,
                    "UBND xã Hòa Tú",
                    qual,
                    coef,
                ],
            )
            r += 1
    put(ws, r, 1, [None, f"Tổng cộng: {len(HOA_TU):02d} người (Cán bộ: 03; Công chức: 05)"], bold=True)
    signature(ws, r + 2, 6, "Hòa Tú, ngày 05 tháng 01 năm 2026", "CHỦ TỊCH", "Trần Văn Hùng")
    return to_bytes(wb)


HOA_TU_EXPECT = {
    "tables": {"person": 8},
    "db": "units",
    "as_of": None,
    "checks": [
        (
            "SELECT full_name, gender, birth_date, category, unit_code, as_of FROM person ORDER BY birth_date",
            [(n, g, b, c, "X01", date(2025, 12, 31)) for c, n, b, g, *_ in sorted(HOA_TU, key=lambda p: p[2])],
        ),
        (
            "SELECT count(*), count(*) FILTER (WHERE gender = 'nu'), count(*) FILTER (WHERE ethnicity = 'khmer') FROM person",
            [(8, 4, 4)],
        ),
        ("SELECT category, count(*) FROM person GROUP BY ALL ORDER BY ALL", [("can_bo", 3), ("cong_chuc", 5)]),
    ],
}

# Sở Nội vụ's roster: (section, name, birth, gender as written, ethnicity, grade, grade code, coef, position)
SNV: list[tuple[str, str, str, str, str, str, str, str, str]] = [
    ("cong_chuc", "Nguyễn Văn Minh", "12/05/1970", "Nam", "Kinh", "Chuyên viên cao cấp", "01.001", "6,56", "Giám đốc"),
    ("cong_chuc", "Trần Thị Hạnh", "03/08/1976", "Nữ", "Kinh", "Chuyên viên chính", "01.002", "5,42", "Phó Giám đốc"),
    (
        "cong_chuc",
        "Huỳnh Thanh Phong",
        "21/10/1982",
        "nam",
        "Kinh",
        "Chuyên viên chính",
        "01.002",
        "4,74",
        "Trưởng phòng",
    ),
    ("cong_chuc", "Thạch Thị Kim Ngân", "09/02/1991", "nữ", "Khơ-me", "Chuyên viên", "01.003", "3,33", "Chuyên viên"),
    ("cong_chuc", "Lê Hoàng Nam", "17/07/1995", "NAM", "Kinh", "Chuyên viên", "01.003", "2,67", "Chuyên viên"),
    ("vien_chuc", "Võ Thị Thu Trang", "25/12/1989", "NỮ", "Kinh", "Lưu trữ viên", "V.01.02.02", "3,00", "Viên chức"),
    (
        "vien_chuc",
        "Đặng Minh Khoa",
        "30/04/1987",
        "Nam",
        "Kinh",
        "Lưu trữ viên",
        "V.01.02.02",
        "3,33",
        "Phó Giám đốc Trung tâm",
    ),
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
    put(
        ws,
        7,
        1,
        [
            "STT",
            "HỌ VÀ TÊN",
            "NGÀY SINH",
            "GIỚI TÍNH",
            "DÂN TỘC",
            "NGẠCH CÔNG CHỨC,\nVIÊN CHỨC",
            "MÃ NGẠCH",
            "HỆ SỐ LƯƠNG",
            "CHỨC VỤ",
        ],
        bold=True,
    )
    put(ws, 8, 1, [f"({i})" for i in range(1, 10)])
    r = 9
    titles = {
        "cong_chuc": ("I", "CÔNG CHỨC"),
        "vien_chuc": ("II", "VIÊN CHỨC"),
        "nguoi_lao_dong": ("III", "HỢP ĐỒNG LAO ĐỘNG (NĐ 111/2022)"),
    }
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
    "tables": {"person": 9},
    "db": "units",
    "as_of": None,
    "checks": [
        (
            "SELECT category, count(*), count(*) FILTER (WHERE gender = 'nu') FROM person GROUP BY ALL ORDER BY ALL",
            [("cong_chuc", 5, 2), ("nguoi_lao_dong", 2, 1), ("vien_chuc", 2, 1)],
        ),
        ("SELECT DISTINCT unit_code, as_of FROM person", [("S01", date(2025, 9, 30))]),
        ("SELECT count(*) FROM person WHERE ethnicity = 'khmer'", [(2,)]),
        ("SELECT sum(salary_coef) FROM person", [(__import__("decimal").Decimal("33.57"),)]),
        ("SELECT grade_code FROM person WHERE full_name = 'Võ Thị Thu Trang'", [("V.01.02.02",)]),
    ],
}


# Health and school staff of several units on one sheet: (unit as written, code, name, birth year,
# gender, category as written, code, title)
MANY: list[tuple[str, str, str, str, str, str, str, str]] = [
    ("Trạm Y tế xã Hòa Tú", "D03", "Sơn Thị Hà", "1984", "nu", "VC", "vien_chuc", "Trạm trưởng"),
    ("Trạm Y tế xã Hòa Tú", "D03", "Kim Văn Ly", "1990", "nam", "VC", "vien_chuc", "Y sĩ"),
    ("Trạm Y tế xã Hòa Tú", "D03", "Thạch Thị Phương", "1997", "nu", "HĐ 111", "nguoi_lao_dong", "Bảo vệ"),
    ("Trạm Y tế P. Ninh Kiều", "D04", "Trần Văn Phúc", "1986", "nam", "VC", "vien_chuc", "Bác sĩ"),
    ("Trạm Y tế P. Ninh Kiều", "D04", "Lý Thị Ngọc", "1993", "nu", "VC", "vien_chuc", "Điều dưỡng"),
    (
        "THPT Châu Văn Liêm",
        "D01",
        "Nguyễn Thị Ngọc Hân",
        "1978",
        "nu",
        "Viên chức",
        "vien_chuc",
        "Tổ trưởng chuyên môn",
    ),
    ("THPT Châu Văn Liêm", "D01", "Dương Thị Mai", "1981", "nu", "Hợp đồng 111", "nguoi_lao_dong", "Văn thư"),
]


def danh_sach_vien_chuc_nhieu_don_vi() -> bytes:
    """Public employees and contract staff of several public service units on one sheet: "Đơn vị"
    per row (written "Trạm Y tế P. Ninh Kiều", "THPT Châu Văn Liêm"), birth YEAR only under Nam /
    Nữ ("Năm sinh"), "Đối tượng" as "VC" / "HĐ 111" / "Viên chức" / "Hợp đồng 111"; the as-of date
    is not in the file (declared at upload: 31/12/2025). Common habit of consolidated lists; no
    published copy found."""
    wb, ws = new_book("DS VC")
    put(ws, 1, 1, ["DANH SÁCH VIÊN CHỨC, NGƯỜI LAO ĐỘNG CÁC ĐƠN VỊ SỰ NGHIỆP"], bold=True)
    put(ws, 3, 1, ["TT", "Họ và tên", "Năm sinh", None, "Đơn vị", "Đối tượng", "Chức danh"], bold=True)
    put(ws, 4, 3, ["Nam", "Nữ"], bold=True)
    merge(ws, "C3:D3", *[f"{c}3:{c}4" for c in "ABEFG"])
    for i, p in enumerate(MANY, start=1):
        put(ws, 4 + i, 1, [i, p[2], p[3] if p[4] == "nam" else None, p[3] if p[4] == "nu" else None, p[0], p[5], p[7]])
    return to_bytes(wb)


MANY_EXPECT = {
    "tables": {"person": 7},
    "db": "units",
    "as_of": date(2025, 12, 31),
    "checks": [
        (
            "SELECT unit_code, category, count(*), count(*) FILTER (WHERE gender = 'nu') FROM person GROUP BY ALL ORDER BY ALL",
            [
                ("D01", "nguoi_lao_dong", 1, 1),
                ("D01", "vien_chuc", 1, 1),
                ("D03", "nguoi_lao_dong", 1, 1),
                ("D03", "vien_chuc", 2, 1),
                ("D04", "vien_chuc", 2, 1),
            ],
        ),
        ("SELECT min(birth_date), max(birth_date) FROM person", [(date(1978, 1, 1), date(1997, 1, 1))]),
    ],
}

COMMUNES = {  # sheet: (title, as-of, [(section, name, birth, gender)])
    "Xã Phong Điền": (
        "UBND XÃ PHONG ĐIỀN",
        "31/12/2025",
        [
            ("can_bo", "Nguyễn Văn Tâm", "02/02/1975", "nam"),
            ("can_bo", "Lê Thị Hồng Nhung", "19/08/1982", "nu"),
            ("cong_chuc", "Phạm Văn Khải", "07/07/1991", "nam"),
            ("cong_chuc", "Trương Thị Yến", "23/03/1994", "nu"),
            ("cong_chuc", "Đinh Thị Lệ", "11/11/1989", "nu"),
        ],
    ),
    "Xã Thới Lai": (
        "UBND XÃ THỚI LAI",
        "31/12/2025",
        [
            ("can_bo", "Võ Văn Đức", "15/01/1970", "nam"),
            ("cong_chuc", "Hồ Thị Cẩm", "04/04/1996", "nu"),
            ("cong_chuc", "Bùi Văn Lợi", "28/02/1987", "nam"),
        ],
    ),
}


def danh_sach_cbcc_moi_xa_mot_sheet() -> bytes:
    """The commune form of issue file 2 collected from two communes, one sheet each (sheets named
    "Xã Phong Điền", "Xã Thới Lai"), each with its own title block and as-of, sections "I. Cán bộ" /
    "II. Công chức" in sentence case, no unit column at all, a "Cộng" line. Common habit of Sở
    Nội vụ staff consolidating the communes' replies; no published copy found."""
    wb, first = new_book("Xã Phong Điền")
    for n, (sheet, (title, as_of, people)) in enumerate(COMMUNES.items()):
        ws = first if n == 0 else wb.create_sheet(sheet)
        put(ws, 1, 1, [title], bold=True)
        put(ws, 3, 1, ["DANH SÁCH CÁN BỘ, CÔNG CHỨC"], bold=True)
        put(ws, 4, 1, [f"(Tính đến ngày {as_of})"])
        put(ws, 6, 1, ["STT", "Họ và tên", "Ngày, tháng, năm sinh", None], bold=True)
        put(ws, 7, 3, ["Nam", "Nữ"], bold=True)
        merge(ws, "A6:A7", "B6:B7", "C6:D6")
        r = 8
        for roman, sec, label in (("I", "can_bo", "Cán bộ"), ("II", "cong_chuc", "Công chức")):
            put(ws, r, 1, [f"{roman}.", label], bold=True)
            r += 1
            for i, p in enumerate([p for p in people if p[0] == sec], start=1):
                put(ws, r, 1, [i, p[1], p[2] if p[3] == "nam" else None, p[2] if p[3] == "nu" else None])
                r += 1
        put(ws, r, 2, [f"Cộng: {len(people)} người"])
    return to_bytes(wb)


COMMUNES_EXPECT = {
    "tables": {"person": 8},
    "db": "units",
    "as_of": None,
    "checks": [
        (
            "SELECT unit_code, category, count(*), count(*) FILTER (WHERE gender = 'nu') FROM person GROUP BY ALL ORDER BY ALL",
            [("X04", "can_bo", 2, 1), ("X04", "cong_chuc", 3, 2), ("X05", "can_bo", 1, 0), ("X05", "cong_chuc", 2, 1)],
        ),
        ("SELECT DISTINCT as_of FROM person", [(date(2025, 12, 31),)]),
    ],
}
