"""Payroll sheets ("Bảng thanh toán tiền lương và các khoản phụ cấp theo lương").

Amounts follow the rules the sheets themselves state in their column-number rows: lương cơ sở
2.340.000 đ (from 1/7/2024); lương theo hệ số = HSL × LCS; PC chức vụ = hệ số PCCV × LCS; PC vượt
khung = % × HSL × LCS; PC công vụ = 25 % × (lương + PCCV + VK); PC ưu đãi nghề = % × (lương + PCCV
+ VK); Tổng cộng = their sum (the gross the payroll table stores as total); deductions 8 % BHXH,
1,5 % BHYT, 1 % BHTN of (lương + PCCV + VK); Thực lĩnh = Tổng cộng − deductions.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from tests.forms.common import Case, merge, national_block, new_book, put, signature, to_bytes, vn_int

LCS = 2_340_000


@dataclass(frozen=True)
class Pay:
    name: str
    grade: str
    coef: str  # as written: "3,33"
    pccv: str = "0"  # leadership allowance coefficient
    vk_pct: int = 0  # seniority beyond the scale, percent
    nghe_pct: int = 0  # occupational (ưu đãi nghề), percent
    cong_vu: bool = True  # public-service allowance (not for teachers and health staff)

    @property
    def c(self) -> int:  # coefficient in hundredths
        return round(float(self.coef.replace(",", ".")) * 100)

    def amounts(self) -> dict[str, int]:
        basic = self.c * LCS // 100
        cv_ = round(float(self.pccv.replace(",", ".")) * 100) * LCS // 100
        vk = self.c * self.vk_pct * LCS // 10000
        base = basic + cv_ + vk
        pub = base * 25 // 100 if self.cong_vu else 0
        nghe = base * self.nghe_pct // 100
        total = base + pub + nghe
        bhxh, bhyt, bhtn = base * 8 // 100, base * 15 // 1000, base // 100
        return {
            "basic": basic,
            "pccv": cv_,
            "vk": vk,
            "pub": pub,
            "nghe": nghe,
            "total": total,
            "bhxh": bhxh,
            "bhyt": bhyt,
            "bhtn": bhtn,
            "net": total - bhxh - bhyt - bhtn,
        }


def _sums(people: list[Pay]) -> dict[str, int]:
    out: dict[str, int] = {}
    for p in people:
        for k, v in p.amounts().items():
            out[k] = out.get(k, 0) + v
    return out


def _checks(people: list[Pay], month: date, unit: str, months: int = 1) -> list[tuple[str, list[tuple[Any, ...]]]]:
    s = _sums(people)
    return [
        (
            "SELECT count(*), sum(basic_salary_vnd), sum(allowance_leadership_vnd), sum(allowance_seniority_vnd), "
            "sum(allowance_public_service_vnd), sum(allowance_occupational_vnd), sum(total_vnd) FROM payroll",
            [
                (
                    len(people) * months,
                    s["basic"] * months,
                    s["pccv"] * months,
                    s["vk"] * months,
                    s["pub"] * months,
                    s["nghe"] * months,
                    s["total"] * months,
                )
            ],
        ),
        ("SELECT DISTINCT unit_code, base_salary_vnd FROM payroll", [(unit, LCS)]),
        ("SELECT min(month) FROM payroll", [(month,)]),
    ]


SNV_PAY = [
    Pay("Nguyễn Văn Minh", "01.001", "6,56", "1,00"),
    Pay("Trần Thị Hạnh", "01.002", "5,42", "0,70"),
    Pay("Huỳnh Thanh Phong", "01.002", "4,74", "0,60"),
    Pay("Phạm Văn Tư", "01.003", "4,98", vk_pct=7),
    Pay("Thạch Thị Kim Ngân", "01.003", "3,33"),
    Pay("Lê Hoàng Nam", "01.003", "2,67"),
]


def bang_luong_so_noi_vu() -> bytes:
    """Sở Nội vụ, March 2025, the treasury form "Mẫu số C02a-HD: Bảng thanh toán tiền lương và các
    khoản phụ cấp theo lương" (Thông tư 107/2017/TT-BTC, administrative and non-business accounting;
    from memory of the published form, no copy found in the page corpus): a coefficient block
    ("Hệ số phụ cấp": PC chức vụ, PC vượt khung %) then a money block ("Thành tiền": Lương theo hệ
    số, PC chức vụ, PC vượt khung, PC công vụ, Tổng cộng), deductions (BHXH, BHYT, BHTN), Thực lĩnh,
    Ký nhận; a formula column-number row ("5=1×LCS"); the month in the title "Tháng 3 năm 2025";
    a "Cộng" row of SUM formulas with cached values; three signatures. "PC chức vụ" appears twice:
    the coefficient and the amount."""
    wb, ws = new_book("Luong T3")
    national_block(ws, ["UBND THÀNH PHỐ CẦN THƠ", "SỞ NỘI VỤ", "Mã QHNS: 1057321"], 12)
    put(ws, 3, 12, ["Mẫu số C02a-HD", None])
    put(ws, 5, 1, ["BẢNG THANH TOÁN TIỀN LƯƠNG VÀ CÁC KHOẢN PHỤ CẤP THEO LƯƠNG"], bold=True)
    merge(ws, "A5:Q5")
    put(ws, 6, 1, ["Tháng 3 năm 2025"])
    merge(ws, "A6:Q6")
    put(ws, 7, 15, ["Đơn vị tính: đồng"])
    put(
        ws,
        8,
        1,
        [
            "STT",
            "Họ và tên",
            "Mã số\nngạch",
            "Hệ số\nlương",
            "Hệ số phụ cấp",
            None,
            "Cộng\nhệ số",
            "Thành tiền",
            None,
            None,
            None,
            None,
            "Các khoản khấu trừ",
            None,
            None,
            "Thực lĩnh",
            "Ký nhận",
        ],
        bold=True,
    )
    put(
        ws,
        9,
        5,
        [
            "PC chức vụ",
            "PC vượt khung (%)",
            None,
            "Lương theo\nhệ số",
            "PC chức vụ",
            "PC vượt khung",
            "PC công vụ\n(25%)",
            "Tổng cộng",
            "BHXH (8%)",
            "BHYT (1,5%)",
            "BHTN (1%)",
        ],
        bold=True,
    )
    merge(ws, "A8:A9", "B8:B9", "C8:C9", "D8:D9", "E8:F8", "G8:G9", "H8:L8", "M8:O8", "P8:P9", "Q8:Q9")
    put(
        ws,
        10,
        1,
        [
            "A",
            "B",
            "C",
            "1",
            "2",
            "3",
            "4",
            "5=1×LCS",
            "6=2×LCS",
            "7=1×3×LCS",
            "8=25%×(5+6+7)",
            "9=5+6+7+8",
            "10",
            "11",
            "12",
            "13=9-10-11-12",
            "D",
        ],
    )
    r = 11
    for i, p in enumerate(SNV_PAY, start=1):
        a = p.amounts()
        g = round(p.c / 100 + float(p.pccv.replace(",", ".")) + p.c * p.vk_pct / 10000, 4)
        put(
            ws,
            r,
            1,
            [
                i,
                p.name,
                p.grade,
                float(p.coef.replace(",", ".")),
                float(p.pccv.replace(",", ".")) or None,
                p.vk_pct or None,
                g,
                a["basic"],
                a["pccv"] or None,
                a["vk"] or None,
                a["pub"],
                a["total"],
                a["bhxh"],
                a["bhyt"],
                a["bhtn"],
                a["net"],
            ],
        )
        r += 1
    put(ws, r, 2, ["Cộng"], bold=True)
    s = _sums(SNV_PAY)
    cached = {}
    for col, key in zip(
        "HIJKLMNOP", ("basic", "pccv", "vk", "pub", "total", "bhxh", "bhyt", "bhtn", "net"), strict=True
    ):
        ws[f"{col}{r}"] = f"=SUM({col}11:{col}{r - 1})"
        cached[(ws.title, f"{col}{r}")] = s[key]
    put(ws, r + 1, 1, [f"Tổng số tiền (viết bằng chữ): {vn_int(s['net'])} đồng"])
    put(
        ws,
        r + 3,
        2,
        ["NGƯỜI LẬP BIỂU", None, None, None, None, "KẾ TOÁN TRƯỞNG", None, None, None, None, "THỦ TRƯỞNG ĐƠN VỊ"],
        bold=True,
    )
    put(ws, r + 7, 2, ["Lê Thị Thu", None, None, None, None, "Ngô Văn Bảy", None, None, None, None, "Nguyễn Văn Minh"])
    return to_bytes(wb, cached)


SNV_PAY_EXPECT = {
    "tables": {"payroll": 6},
    "db": "units",
    "as_of": None,
    "checks": _checks(SNV_PAY, date(2025, 3, 1), "S01"),
}

HOA_TU_PAY = [
    Pay("Lâm Văn Sơn", "", "4,98", "0,30"),
    Pay("Thạch Thị Sa Ra", "", "4,65", "0,25"),
    Pay("Trần Văn Hùng", "", "4,32", "0,25"),
    Pay("Nguyễn Thị Lan", "", "3,33"),
    Pay("Lý Văn Tài", "", "3,00"),
    Pay("Sơn Thị Mỹ", "", "2,67"),
    Pay("Phạm Minh Trí", "", "3,66"),
    Pay("Danh Thị Hồng", "", "2,34"),
]


def bang_luong_xa_hoa_tu() -> bytes:
    """A commune's own payroll, October 2025: money only, amounts typed as text with "." thousands
    ("11.653.200"), one deduction column "Trừ 10,5% BHXH, BHYT, BHTN", the unit only in the title
    block ("UBND XÃ HÒA TÚ"), the month as "THÁNG 10 NĂM 2025" inside the title line, a "TỔNG CỘNG"
    row. Common habit of commune accountants (simplified C02a-HD); no published copy found."""
    wb, ws = new_book("Tháng 10")
    national_block(ws, ["UBND XÃ HÒA TÚ", "BỘ PHẬN TÀI CHÍNH - KẾ TOÁN"], 7)
    put(ws, 4, 1, ["BẢNG THANH TOÁN TIỀN LƯƠNG THÁNG 10 NĂM 2025"], bold=True)
    merge(ws, "A4:K4")
    put(
        ws,
        6,
        1,
        [
            "STT",
            "Họ và tên",
            "Chức danh",
            "Hệ số lương",
            "Lương cơ bản",
            "PC chức vụ",
            "PC công vụ",
            "Tổng cộng",
            "Trừ 10,5%\nBHXH, BHYT, BHTN",
            "Thực lĩnh",
            "Ký nhận",
        ],
        bold=True,
    )
    put(ws, 7, 1, ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)", "(7)", "(8)", "(9)", "(10)", "(11)"])
    r = 8
    titles = [
        "Bí thư Đảng ủy",
        "Chủ tịch HĐND",
        "Chủ tịch UBND",
        "Văn phòng - Thống kê",
        "Tư pháp - Hộ tịch",
        "Địa chính - Xây dựng",
        "Tài chính - Kế toán",
        "Văn hóa - Xã hội",
    ]
    for i, (p, t) in enumerate(zip(HOA_TU_PAY, titles, strict=True), start=1):
        a = p.amounts()
        put(
            ws,
            r,
            1,
            [
                i,
                p.name,
                t,
                p.coef,
                vn_int(a["basic"]),
                vn_int(a["pccv"]) if a["pccv"] else "-",
                vn_int(a["pub"]),
                vn_int(a["total"]),
                vn_int(a["bhxh"] + a["bhyt"] + a["bhtn"]),
                vn_int(a["net"]),
            ],
        )
        r += 1
    s = _sums(HOA_TU_PAY)
    put(
        ws,
        r,
        1,
        [
            None,
            "TỔNG CỘNG",
            None,
            None,
            vn_int(s["basic"]),
            vn_int(s["pccv"]),
            vn_int(s["pub"]),
            vn_int(s["total"]),
            vn_int(s["bhxh"] + s["bhyt"] + s["bhtn"]),
            vn_int(s["net"]),
        ],
        bold=True,
    )
    signature(
        ws, r + 2, 7, "Hòa Tú, ngày 25 tháng 10 năm 2025", "CHỦ TỊCH", "Trần Văn Hùng", recipients=False, left="KẾ TOÁN"
    )
    return to_bytes(wb)


HOA_TU_PAY_EXPECT = {
    "tables": {"payroll": 8},
    "db": "units",
    "as_of": None,
    "checks": _checks(HOA_TU_PAY, date(2025, 10, 1), "X01"),
}

SCHOOL_PAY = [
    Pay("Nguyễn Thị Ngọc Hân", "V.07.05.13", "4,74", "0,35", nghe_pct=30, cong_vu=False),
    Pay("Trương Văn Lộc", "V.07.05.14", "4,98", "0,20", vk_pct=6, nghe_pct=30, cong_vu=False),
    Pay("Lê Thị Bích", "V.07.05.15", "3,00", nghe_pct=30, cong_vu=False),
    Pay("Võ Minh Khang", "V.07.05.15", "2,34", nghe_pct=30, cong_vu=False),
    Pay("Dương Thị Mai", "01.005", "2,26", cong_vu=False),
]


def bang_luong_truong_thpt() -> bytes:
    """A high school's payroll, "Tháng 01/2025" in the title: teachers get PC ưu đãi nghề (30 %),
    not PC công vụ; one teacher gets PC thâm niên vượt khung; a clerk gets neither. Headers in ALL
    CAPS with line breaks, and "Mã ngạch/hạng" codes V.07.05.xx. Common habit of school
    accountants; no published copy found."""
    wb, ws = new_book("Luong")
    national_block(ws, ["SỞ GIÁO DỤC VÀ ĐÀO TẠO TP CẦN THƠ", "TRƯỜNG THPT CHÂU VĂN LIÊM"], 7)
    put(ws, 4, 1, ["BẢNG LƯƠNG VÀ PHỤ CẤP THÁNG 01/2025"], bold=True)
    put(
        ws,
        6,
        1,
        [
            "STT",
            "HỌ VÀ TÊN",
            "MÃ NGẠCH/\nHẠNG",
            "HỆ SỐ\nLƯƠNG",
            "LƯƠNG THEO\nHỆ SỐ",
            "PHỤ CẤP\nCHỨC VỤ",
            "PHỤ CẤP THÂM NIÊN\nVƯỢT KHUNG",
            "PHỤ CẤP ƯU ĐÃI\nNGHỀ",
            "TỔNG CỘNG",
            "BHXH, BHYT,\nBHTN (10,5%)",
            "THỰC LĨNH",
        ],
        bold=True,
    )
    r = 7
    for i, p in enumerate(SCHOOL_PAY, start=1):
        a = p.amounts()
        put(
            ws,
            r,
            1,
            [
                i,
                p.name,
                p.grade,
                p.coef,
                a["basic"],
                a["pccv"] or None,
                a["vk"] or None,
                a["nghe"] or None,
                a["total"],
                a["bhxh"] + a["bhyt"] + a["bhtn"],
                a["net"],
            ],
        )
        r += 1
    s = _sums(SCHOOL_PAY)
    put(ws, r, 2, ["Cộng", None, None, s["basic"], s["pccv"], s["vk"], s["nghe"], s["total"]], bold=True)
    put(ws, r + 2, 9, ["HIỆU TRƯỞNG"], bold=True)
    return to_bytes(wb)


SCHOOL_PAY_EXPECT = {
    "tables": {"payroll": 5},
    "db": "units",
    "as_of": None,
    "checks": _checks(SCHOOL_PAY, date(2025, 1, 1), "D01"),
}

TYT_PAY = [
    Pay("Sơn Thị Hà", "V.08.01.03", "4,40", "0,30", nghe_pct=40, cong_vu=False),
    Pay("Trần Văn Phúc", "V.08.05.12", "3,00", nghe_pct=40, cong_vu=False),
    Pay("Lý Thị Ngọc", "V.08.05.13", "2,26", nghe_pct=40, cong_vu=False),
]


def bang_luong_tram_y_te_quy_1() -> bytes:
    """One sheet per month ("T1", "T2", "T3") of a ward health station's first quarter 2025, each
    with its own title "BẢNG LƯƠNG THÁNG 0m/2025"; PC ưu đãi nghề 40 %; the station named as
    "TRẠM Y TẾ P. NINH KIỀU" in the title. Common habit; no published copy found."""
    wb, first = new_book("T1")
    for m in (1, 2, 3):
        ws = first if m == 1 else wb.create_sheet(f"T{m}")
        put(ws, 1, 1, ["TRẠM Y TẾ P. NINH KIỀU"], bold=True)
        put(ws, 3, 1, [f"BẢNG LƯƠNG THÁNG {m:02d}/2025"], bold=True)
        put(
            ws,
            5,
            1,
            ["TT", "Họ tên", "Hệ số lương", "PC chức vụ", "PC ưu đãi nghề", "Tổng cộng", "Thực lĩnh"],
            bold=True,
        )
        for i, p in enumerate(TYT_PAY, start=1):
            a = p.amounts()
            put(ws, 5 + i, 1, [i, p.name, p.coef, a["pccv"] or "-", a["nghe"], a["total"], a["net"]])
        put(ws, 9, 2, ["Tổng"], bold=True)
        put(ws, 9, 6, [_sums(TYT_PAY)["total"]])
    return to_bytes(wb)


TYT_PAY_EXPECT = {
    "tables": {"payroll": 9},
    "db": "units",
    "as_of": None,
    "checks": [
        *_checks(TYT_PAY, date(2025, 1, 1), "D04", months=3)[:2],
        ("SELECT month, count(*) FROM payroll GROUP BY ALL ORDER BY ALL", [(date(2025, m, 1), 3) for m in (1, 2, 3)]),
    ],
}

CASES: dict[str, Case] = {
    "bang_thanh_toan_luong_snv_t3_2025.xlsx": (bang_luong_so_noi_vu, SNV_PAY_EXPECT),
    "bang_luong_xa_hoa_tu_t10_2025.xlsx": (bang_luong_xa_hoa_tu, HOA_TU_PAY_EXPECT),
    "bang_luong_thpt_chau_van_liem_t1_2025.xlsx": (bang_luong_truong_thpt, SCHOOL_PAY_EXPECT),
    "bang_luong_tram_y_te_quy1_2025.xlsx": (bang_luong_tram_y_te_quy_1, TYT_PAY_EXPECT),
}
