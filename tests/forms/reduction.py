"""Lists of people who leave under a reduction policy: Decree 29/2023 (tinh giản biên chế
2022-2026) and Decree 178/2024 (amended 67/2025: leaving because of the 2025 restructuring)."""

from __future__ import annotations

from datetime import date
from typing import Any

from tests.forms.common import Case, merge, national_block, new_book, put, signature, to_bytes, vn_int

# Sở Y tế's 2023 list under Decree 29/2023: (section, name, born, gender, position, unit as written,
# insurance years, route as written, route code, effective date, payout)
ND29_SYT: list[tuple[Any, ...]] = [
    (
        "cong_chuc",
        "Ngô Văn Thành",
        date(1964, 2, 10),
        "nam",
        "Chuyên viên chính",
        "Sở Y tế",
        34,
        "Nghỉ hưu trước tuổi",
        "nghi_huu_truoc_tuoi",
        date(2023, 4, 1),
        182_520_000,
    ),
    (
        "vien_chuc",
        "Lâm Thị Hoa",
        date(1969, 5, 3),
        "nu",
        "Điều dưỡng hạng III",
        "Bệnh viện Đa khoa TP Cần Thơ",
        29,
        "Nghỉ hưu trước tuổi",
        "nghi_huu_truoc_tuoi",
        date(2023, 4, 1),
        141_960_000,
    ),
    (
        "vien_chuc",
        "Trần Quốc Việt",
        date(1985, 8, 19),
        "nam",
        "Kỹ thuật viên",
        "Bệnh viện Đa khoa TP Cần Thơ",
        12,
        "Thôi việc ngay",
        "thoi_viec",
        date(2023, 4, 1),
        98_280_000,
    ),
    (
        "vien_chuc",
        "Phan Thị Diễm",
        date(1990, 12, 1),
        "nu",
        "Hộ sinh hạng IV",
        "Trạm Y tế P. Ninh Kiều",
        8,
        "Thôi việc sau khi đi học nghề",
        "thoi_viec",
        date(2023, 5, 1),
        61_776_000,
    ),
]


def ds_tinh_gian_nd29_so_y_te() -> bytes:
    """Decree 29/2023/NĐ-CP list, the annex form "Danh sách đối tượng tinh giản biên chế" (Mẫu số
    1 of the decree's annex as remembered; the page corpus only confirmed the decree's three target
    groups, not the table): STT, Họ và tên, Ngày tháng năm sinh split Nam / Nữ, Chức vụ/chức danh,
    Đơn vị công tác, Số năm đóng BHXH, Hình thức tinh giản in words, Thời điểm tinh giản, Kinh phí
    (Trợ cấp … / Tổng số); sections "I. CÔNG CHỨC" / "II. VIÊN CHỨC" give the category; the
    approving decision only in the title line "(Kèm theo Quyết định số 245/QĐ-UBND ngày 15/3/2023
    …)", which also gives the year."""
    wb, ws = new_book("DS tinh gian")
    national_block(ws, ["UBND THÀNH PHỐ CẦN THƠ", "SỞ Y TẾ"], 7)
    put(ws, 4, 1, ["DANH SÁCH ĐỐI TƯỢNG TINH GIẢN BIÊN CHẾ ĐỢT 1 NĂM 2023"], bold=True)
    merge(ws, "A4:L4")
    put(ws, 5, 1, ["(Kèm theo Quyết định số 245/QĐ-UBND ngày 15/3/2023 của Chủ tịch UBND thành phố Cần Thơ)"])
    merge(ws, "A5:L5")
    put(
        ws,
        7,
        1,
        [
            "STT",
            "Họ và tên",
            "Ngày tháng năm sinh",
            None,
            "Chức vụ/\nchức danh",
            "Đơn vị công tác",
            "Số năm đóng\nBHXH",
            "Hình thức tinh giản",
            "Thời điểm\ntinh giản",
            "Kinh phí thực hiện (đồng)",
            None,
            "Ghi chú",
        ],
        bold=True,
    )
    put(ws, 8, 3, ["Nam", "Nữ"], bold=True)
    put(ws, 8, 10, ["Trợ cấp theo\nNĐ 29/2023", "Tổng số"], bold=True)
    merge(ws, "C7:D7", "J7:K7", *[f"{c}7:{c}8" for c in "ABEFGHIL"])
    put(ws, 9, 1, [str(i) for i in range(1, 13)])
    r = 10
    for roman, sec, title in (("I", "cong_chuc", "CÔNG CHỨC"), ("II", "vien_chuc", "VIÊN CHỨC")):
        put(ws, r, 1, [roman, title], bold=True)
        r += 1
        for i, p in enumerate([p for p in ND29_SYT if p[0] == sec], start=1):
            born = p[2].strftime("%d/%m/%Y")
            put(
                ws,
                r,
                1,
                [
                    i,
                    p[1],
                    born if p[3] == "nam" else None,
                    born if p[3] == "nu" else None,
                    p[4],
                    p[5],
                    p[6],
                    p[7],
                    p[9].strftime("%d/%m/%Y"),
                    vn_int(p[10]),
                    vn_int(p[10]),
                ],
            )
            r += 1
    put(
        ws,
        r,
        1,
        [
            None,
            "Tổng cộng",
            None,
            None,
            None,
            None,
            None,
            None,
            None,
            vn_int(sum(p[10] for p in ND29_SYT)),
            vn_int(sum(p[10] for p in ND29_SYT)),
        ],
        bold=True,
    )
    signature(ws, r + 2, 7, "Cần Thơ, ngày 20 tháng 3 năm 2023", "GIÁM ĐỐC", "Phạm Thanh Sơn")
    return to_bytes(wb)


ND29_SYT_EXPECT = {
    "tables": {"reduction_case": 4},
    "db": "units",
    "as_of": None,
    "checks": [
        (
            "SELECT full_name, unit_code, category, route, year, decision_no, decision_date, effective_date, payout_vnd, "
            "programme FROM reduction_case ORDER BY full_name",
            sorted(
                (
                    p[1],
                    {"Sở Y tế": "S02", "Trạm Y tế P. Ninh Kiều": "D04"}.get(p[5], "D02"),
                    p[0],
                    p[8],
                    2023,
                    "245/QĐ-UBND",
                    date(2023, 3, 15),
                    p[9],
                    p[10],
                    "tinh_gian_2022_2026",
                )
                for p in ND29_SYT
            ),
        ),
    ],
}

# A city-wide summary list 2022 - H1 2024 (cases across units, one row each).
ND29_CITY = [  # name, unit as written, category as written, code, route as written, code, decision, date, year
    (
        "Võ Văn Hai",
        "Sở Nội vụ",
        "CC",
        "cong_chuc",
        "Nghỉ hưu trước tuổi",
        "nghi_huu_truoc_tuoi",
        "112/QĐ-UBND",
        "18/01/2022",
        2022,
    ),
    ("Lê Thị Ba", "Sở Tài chính", "CC", "cong_chuc", "Thôi việc ngay", "thoi_viec", "1450/QĐ-UBND", "30/06/2022", 2022),
    (
        "Nguyễn Văn Bốn",
        "Trường THPT Châu Văn Liêm",
        "VC",
        "vien_chuc",
        "Nghỉ hưu trước tuổi",
        "nghi_huu_truoc_tuoi",
        "1450/QĐ-UBND",
        "30/06/2022",
        2022,
    ),
    (
        "Trần Thị Năm",
        "TYT xã Hòa Tú",
        "VC",
        "vien_chuc",
        "Chuyển sang làm việc tại tổ chức không hưởng lương thường xuyên từ NSNN",
        "chuyen_ngoai_nsnn",
        "88/QĐ-UBND",
        "12/01/2023",
        2023,
    ),
    (
        "Đỗ Văn Sáu",
        "Văn phòng UBND thành phố",
        "Công chức",
        "cong_chuc",
        "Nghỉ hưu trước tuổi",
        "nghi_huu_truoc_tuoi",
        "88/QĐ-UBND",
        "12/01/2023",
        2023,
    ),
    (
        "Huỳnh Thị Bảy",
        "BV Đa khoa thành phố Cần Thơ",
        "Viên chức",
        "vien_chuc",
        "Thôi việc ngay",
        "thoi_viec",
        "301/QĐ-UBND",
        "05/02/2024",
        2024,
    ),
    (
        "Châu Văn Tám",
        "Sở Giáo dục và Đào tạo",
        "HĐ 111",
        "nguoi_lao_dong",
        "Thôi việc ngay",
        "thoi_viec",
        "301/QĐ-UBND",
        "05/02/2024",
        2024,
    ),
]
_UNIT29 = {
    "Sở Nội vụ": "S01",
    "Sở Tài chính": "S04",
    "Trường THPT Châu Văn Liêm": "D01",
    "TYT xã Hòa Tú": "D03",
    "Văn phòng UBND thành phố": "S05",
    "BV Đa khoa thành phố Cần Thơ": "D02",
    "Sở Giáo dục và Đào tạo": "S03",
}


def tong_hop_tinh_gian_2022_2024() -> bytes:
    """Sở Nội vụ's consolidated list of approved reduction cases 2022 – H1 2024, one row per person
    across agencies: a "Đối tượng" column written "CC" / "VC" / "Công chức" / "HĐ 111", the unit
    column "Cơ quan, đơn vị" with names as agencies write them ("TYT xã Hòa Tú", "BV Đa khoa …"),
    the decision per row split under "Quyết định phê duyệt" into "Số" / "Ngày", year from the decision
    date, sub-headers in line-broken caps. Seed 002's annex habit; no published copy found."""
    wb, ws = new_book("TH 2022-2024")
    put(ws, 1, 1, ["SỞ NỘI VỤ THÀNH PHỐ CẦN THƠ"], bold=True)
    put(
        ws,
        3,
        1,
        ["TỔNG HỢP DANH SÁCH ĐỐI TƯỢNG ĐÃ ĐƯỢC PHÊ DUYỆT TINH GIẢN BIÊN CHẾ\nTỪ NĂM 2022 ĐẾN 6 THÁNG ĐẦU NĂM 2024"],
        bold=True,
    )
    merge(ws, "A3:H3")
    put(
        ws,
        5,
        1,
        [
            "STT",
            "HỌ VÀ TÊN",
            "CƠ QUAN, ĐƠN VỊ",
            "ĐỐI TƯỢNG",
            "HÌNH THỨC\nTINH GIẢN",
            "QUYẾT ĐỊNH PHÊ DUYỆT",
            None,
            "GHI CHÚ",
        ],
        bold=True,
    )
    put(ws, 6, 6, ["Số", "Ngày"], bold=True)
    merge(ws, "F5:G5", *[f"{c}5:{c}6" for c in "ABCDEH"])
    for i, p in enumerate(ND29_CITY, start=1):
        put(ws, 6 + i, 1, [i, p[0], p[1], p[2], p[4], p[6], p[7]])
    put(ws, 7 + len(ND29_CITY), 2, [f"Tổng số: {len(ND29_CITY)} người"])
    return to_bytes(wb)


def _d(s: str) -> date:
    d, m, y = map(int, s.split("/"))
    return date(y, m, d)


ND29_CITY_EXPECT = {
    "tables": {"reduction_case": 7},
    "db": "units",
    "as_of": None,
    "checks": [
        (
            "SELECT full_name, unit_code, category, route, year, decision_no, decision_date FROM reduction_case ORDER BY ALL",
            sorted((p[0], _UNIT29[p[1]], p[3], p[5], p[8], p[6], _d(p[7])) for p in ND29_CITY),
        ),
        ("SELECT year, count(*) FROM reduction_case GROUP BY ALL ORDER BY ALL", [(2022, 3), (2023, 2), (2024, 2)]),
    ],
}

# Decree 178/2024 list of a merged agency, 2025 (people leaving because of the restructuring).
ND178 = [  # name, born, gender, position, category as written, code, BHXH years, route as written, code, date, payout
    (
        "Trịnh Văn Lực",
        date(1966, 9, 9),
        "nam",
        "Phó Giám đốc Sở",
        "Công chức",
        "cong_chuc",
        35,
        "Nghỉ hưu trước tuổi",
        "nghi_huu_truoc_tuoi",
        date(2025, 8, 1),
        1_245_600_000,
    ),
    (
        "Mai Thị Thanh",
        date(1971, 3, 27),
        "nu",
        "Trưởng phòng",
        "Công chức",
        "cong_chuc",
        30,
        "Nghỉ hưu trước tuổi",
        "nghi_huu_truoc_tuoi",
        date(2025, 8, 1),
        986_400_000,
    ),
    (
        "Quách Văn Đạt",
        date(1983, 6, 2),
        "nam",
        "Chuyên viên",
        "Công chức",
        "cong_chuc",
        17,
        "Thôi việc",
        "thoi_viec",
        date(2025, 8, 1),
        612_300_000,
    ),
    (
        "Hà Thị Kim",
        date(1979, 1, 15),
        "nu",
        "Viên chức",
        "Viên chức",
        "vien_chuc",
        21,
        "Nghỉ hưu trước tuổi",
        "nghi_huu_truoc_tuoi",
        date(2025, 9, 1),
        701_200_000,
    ),
    (
        "Tô Văn Mười",
        date(1975, 10, 30),
        "nam",
        "Lái xe",
        "Hợp đồng lao động",
        "nguoi_lao_dong",
        25,
        "Thôi việc",
        "thoi_viec",
        date(2025, 9, 1),
        312_000_000,
    ),
]


def ds_nghi_viec_nd178_so_nn_mt() -> bytes:
    """Decree 178/2024/NĐ-CP (amended by 67/2025) list of a merged agency (Sở Nông nghiệp và Môi
    trường, formed 1/3/2025), as the approval lists attached to the city's decisions are laid out
    (no copy found in the page corpus; columns as the decree's policy needs them): Họ và tên, Ngày
    sinh Nam / Nữ, Chức vụ, Đối tượng, Số năm đóng BHXH, Thời điểm nghỉ, Hình thức nghỉ, and
    "Kinh phí" split into the decree's allowances and "Tổng cộng". The programme (Decree 178, not
    the 2022-2026 reduction) is only in the title; the unit only in the agency block; the
    decision in the subtitle."""
    wb, ws = new_book("ND178")
    national_block(ws, ["UBND THÀNH PHỐ CẦN THƠ", "SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG"], 8)
    put(
        ws,
        4,
        1,
        [
            "DANH SÁCH CÁN BỘ, CÔNG CHỨC, VIÊN CHỨC VÀ NGƯỜI LAO ĐỘNG NGHỈ VIỆC DO SẮP XẾP TỔ CHỨC BỘ MÁY\n"
            "THEO NGHỊ ĐỊNH SỐ 178/2024/NĐ-CP (ĐƯỢC SỬA ĐỔI BỔ SUNG TẠI NGHỊ ĐỊNH SỐ 67/2025/NĐ-CP)"
        ],
        bold=True,
    )
    merge(ws, "A4:M4")
    put(ws, 5, 1, ["(Kèm theo Quyết định số 1876/QĐ-UBND ngày 15/7/2025 của UBND thành phố Cần Thơ)"])
    merge(ws, "A5:M5")
    put(
        ws,
        7,
        1,
        [
            "STT",
            "Họ và tên",
            "Ngày, tháng, năm sinh",
            None,
            "Chức vụ",
            "Đối tượng",
            "Số năm\nđóng BHXH",
            "Thời điểm\nnghỉ việc",
            "Hình thức nghỉ",
            "Kinh phí (đồng)",
            None,
            None,
            "Ghi chú",
        ],
        bold=True,
    )
    put(ws, 8, 3, ["Nam", "Nữ"], bold=True)
    put(
        ws,
        8,
        10,
        ["Trợ cấp hưu trí sớm /\ntrợ cấp thôi việc", "Trợ cấp theo số\nnăm đóng BHXH", "Tổng cộng"],
        bold=True,
    )
    merge(ws, "C7:D7", "J7:L7", *[f"{c}7:{c}8" for c in "ABEFGHIM"])
    put(
        ws,
        9,
        1,
        ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)", "(7)", "(8)", "(9)", "(10)", "(11)", "(12)=(10)+(11)", "(13)"],
    )
    for i, p in enumerate(ND178, start=1):
        part = p[10] * 3 // 5
        put(
            ws,
            9 + i,
            1,
            [
                i,
                p[0],
                p[1] if p[2] == "nam" else None,
                p[1] if p[2] == "nu" else None,
                p[3],
                p[4],
                p[6],
                p[9],
                p[7],
                part,
                p[10] - part,
                p[10],
            ],
        )
    n = 10 + len(ND178)
    put(ws, n, 2, ["Cộng", None, None, None, None, None, None, None, None, None, sum(p[10] for p in ND178)], bold=True)
    signature(ws, n + 2, 8, "Cần Thơ, ngày 20 tháng 7 năm 2025", "GIÁM ĐỐC", "Lê Văn Tuấn")
    return to_bytes(wb)


ND178_EXPECT = {
    "tables": {"reduction_case": 5},
    "db": "units",
    "as_of": None,
    "checks": [
        (
            "SELECT full_name, unit_code, category, route, programme, year, effective_date, payout_vnd, decision_no "
            "FROM reduction_case ORDER BY full_name",
            sorted((p[0], "S06", p[5], p[8], "sap_xep_2025", 2025, p[9], p[10], "1876/QĐ-UBND") for p in ND178),
        ),
    ],
}

HOA_TU_178 = {  # sheet (one per batch): decision no, date, [(name, born, gender, title, category words, route, payout)]
    "Đợt 1": (
        "45/QĐ-UBND",
        "10/4/2025",
        [
            ("Kiên Văn Thạch", "1967", "nam", "Phó Chủ tịch UBND xã", "Cán bộ", "Nghỉ hưu trước tuổi", 652_000_000),
            (
                "Lâm Thị Sóc",
                "1972",
                "nu",
                "Công chức Văn hóa - Xã hội",
                "Công chức",
                "Nghỉ hưu trước tuổi",
                498_500_000,
            ),
        ],
    ),
    "Đợt 2": (
        "112/QĐ-UBND",
        "02/7/2025",
        [("Trần Văn Bé", "1988", "nam", "Công chức Tư pháp - Hộ tịch", "Công chức", "Thôi việc", 401_250_000)],
    ),
}


def ds_nghi_viec_nd178_xa_hoa_tu() -> bytes:
    """A commune's Decree 178/2024 list in two batches, one sheet per batch ("Đợt 1", "Đợt 2"), each
    with its own decision in the subtitle; birth YEAR only under Nam / Nữ; categories in words
    ("Cán bộ", "Công chức"). Common habit of communes that add a sheet per approval; no published
    copy found."""
    wb, first = new_book("Đợt 1")
    for n, (sheet, (no, dt, people)) in enumerate(HOA_TU_178.items()):
        ws = first if n == 0 else wb.create_sheet(sheet)
        put(ws, 1, 1, ["ỦY BAN NHÂN DÂN XÃ HÒA TÚ"], bold=True)
        put(ws, 3, 1, [f"DANH SÁCH NGHỈ VIỆC THEO NGHỊ ĐỊNH 178/2024/NĐ-CP - {sheet.upper()}"], bold=True)
        put(ws, 4, 1, [f"(Kèm theo Quyết định số {no} ngày {dt})"])
        put(
            ws,
            6,
            1,
            ["STT", "Họ và tên", "Năm sinh", None, "Chức vụ, chức danh", "Đối tượng", "Hình thức", "Kinh phí"],
            bold=True,
        )
        put(ws, 7, 3, ["Nam", "Nữ"], bold=True)
        merge(ws, "C6:D6", *[f"{c}6:{c}7" for c in "ABEFGH"])
        for i, (name, born, g, title, cat, route, pay) in enumerate(people, start=1):
            put(
                ws,
                7 + i,
                1,
                [i, name, born if g == "nam" else None, born if g == "nu" else None, title, cat, route, vn_int(pay)],
            )
    return to_bytes(wb)


HOA_TU_178_EXPECT = {
    "tables": {"reduction_case": 3},
    "db": "units",
    "as_of": None,
    "checks": [
        (
            "SELECT full_name, unit_code, category, route, programme, year, decision_no, decision_date, payout_vnd "
            "FROM reduction_case ORDER BY full_name",
            sorted(
                [
                    (
                        "Kiên Văn Thạch",
                        "X01",
                        "can_bo",
                        "nghi_huu_truoc_tuoi",
                        "sap_xep_2025",
                        2025,
                        "45/QĐ-UBND",
                        date(2025, 4, 10),
                        652_000_000,
                    ),
                    (
                        "Lâm Thị Sóc",
                        "X01",
                        "cong_chuc",
                        "nghi_huu_truoc_tuoi",
                        "sap_xep_2025",
                        2025,
                        "45/QĐ-UBND",
                        date(2025, 4, 10),
                        498_500_000,
                    ),
                    (
                        "Trần Văn Bé",
                        "X01",
                        "cong_chuc",
                        "thoi_viec",
                        "sap_xep_2025",
                        2025,
                        "112/QĐ-UBND",
                        date(2025, 7, 2),
                        401_250_000,
                    ),
                ]
            ),
        ),
    ],
}

CASES: dict[str, Case] = {
    "ds_tinh_gian_nd29_so_y_te_2023.xlsx": (ds_tinh_gian_nd29_so_y_te, ND29_SYT_EXPECT),
    "tong_hop_tinh_gian_2022_2024.xlsx": (tong_hop_tinh_gian_2022_2024, ND29_CITY_EXPECT),
    "ds_nghi_viec_nd178_so_nnmt.xlsx": (ds_nghi_viec_nd178_so_nn_mt, ND178_EXPECT),
    "ds_nghi_viec_nd178_xa_hoa_tu.xlsx": (ds_nghi_viec_nd178_xa_hoa_tu, HOA_TU_178_EXPECT),
}
