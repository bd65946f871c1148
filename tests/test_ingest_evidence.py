"""Recognition by evidence (analytics.ingest.evidence, recognise): title lines are never headers,
"năm sinh" is never a quota year, a roster gives way to a more specific list of people, and a
close call is asked, naming both kinds and their columns."""

from __future__ import annotations

import io
from typing import Any

import numpy as np
import openpyxl
import pandas as pd
import pytest

from analytics.ingest.evidence import is_title_text, title_rows
from analytics.ingest.pipeline import prepare
from analytics.ingest.reader import Sheet
from analytics.ingest.recognise import recognise


def _sheet(rows: list[list[Any]]) -> Sheet:
    width = max(len(r) for r in rows)
    df = pd.DataFrame([[*r, *[None] * (width - len(r))] for r in rows], dtype=object)
    df.index = pd.RangeIndex(1, len(rows) + 1)
    return Sheet("t.xlsx", "S", True, df)


def _xlsx(rows: list[list[Any]]) -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    for r in rows:
        ws.append(r)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("(Tính đến ngày 31/12/2025)", True),
        ("Đơn vị tính: người", True),
        ("ĐVT: đồng", True),
        ("Biểu số 02", True),
        ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", True),
        ("Độc lập - Tự do - Hạnh phúc", True),
        ("DANH SÁCH CÁN BỘ, CÔNG CHỨC XÃ HÒA TÚ", True),
        ("(Kèm theo Báo cáo số 215/BC-SNV)", True),
        ("Họ và tên", False),
        ("Ngày, tháng, năm sinh", False),
        ("Năm 2021", False),
        ("Biên chế công chức", False),
    ],
)
def test_title_lines(text: str, title: bool) -> None:
    assert is_title_text(text) is title


def test_a_title_merged_across_the_table_is_not_a_header_row() -> None:
    top = np.array(
        [
            ["BÁO CÁO XYZ"] * 6,
            ["STT", "Tên đơn vị", "Biên chế công chức", "Biên chế công chức", "X", "Y"],
            ["Ghi chú riêng"] * 6,
        ],
        dtype=object,
    )
    assert title_rows(top) == {0, 2}


def test_birth_year_columns_under_a_dated_title_are_a_roster_not_quota_years() -> None:
    rec = recognise(
        _sheet(
            [
                ["DANH SÁCH CÁN BỘ XÃ A"] * 5,
                ["(Tính đến ngày 31/12/2025)"] * 5,
                ["STT", "Họ và tên", "Ngày, tháng, năm sinh", "Ngày, tháng, năm sinh", "Đơn vị công tác"],
                ["STT", "Họ và tên", "Nam", "Nữ", "Đơn vị công tác"],
                ["1", "Nguyễn Văn A", "01/01/1980", None, "Xã A"],
            ]
        )
    )
    assert rec.kind == "person"
    assert rec.header_rows == (3, 4)
    assert {m.field for m in rec.columns} >= {"full_name", "_gender_col", "unit_code"}


def test_a_list_of_people_with_a_reduction_route_is_a_reduction_list() -> None:
    rec = recognise(
        _sheet(
            [
                ["STT", "Họ và tên", "Ngày sinh", "Giới tính", "Đơn vị", "Hình thức tinh giản", "Thời điểm tinh giản"],
                ["1", "Nguyễn Văn A", "01/01/1965", "Nam", "Sở Nội vụ", "Nghỉ hưu trước tuổi", "01/04/2023"],
            ]
        )
    )
    assert rec.kind == "reduction_case"


def test_a_close_call_is_asked_naming_both_kinds_and_columns(tdb: Any) -> None:
    rows = [
        [
            "Họ và tên",
            "Đơn vị",
            "Tên khóa học",
            "Ngày bắt đầu",
            "Hình thức tinh giản",
            "Thời điểm tinh giản",
            "Số quyết định",
            "Lĩnh vực",
            "Số học viên",
            "Kinh phí",
        ],
        [
            "Nguyễn Văn A",
            "Sở Nội vụ",
            "Bồi dưỡng QLNN",
            "01/09/2025",
            "Thôi việc",
            "01/10/2025",
            "12/QĐ-UBND",
            "Kinh tế",
            "1",
            "10.000.000",
        ],
    ]
    rec = recognise(_sheet(rows))
    assert rec.kind is None and rec.refused == "ambiguous"
    assert {k for k, _ in rec.close} == {"training", "reduction_case"}
    plan = prepare(tdb, files=[("hai_loai.xlsx", _xlsx(rows))])
    assert not plan.ok
    msg = next(p for p in plan.problems if p.code == "sheet_ambiguous")
    vi, en = msg.message("vi"), msg.message("en")
    assert "đào tạo, bồi dưỡng" in vi and "tinh giản biên chế" in vi and "«Tên khóa học»" in vi and "Ghép cột" in vi
    assert "training" in en and "reduction cases" in en


def test_a_close_call_offers_the_mapping(tdb: Any) -> None:
    from analytics.ingest import mappings

    rows = [
        [
            "Họ và tên",
            "Đơn vị",
            "Tên khóa học",
            "Ngày bắt đầu",
            "Hình thức tinh giản",
            "Thời điểm tinh giản",
            "Số quyết định",
            "Lĩnh vực",
            "Số học viên",
            "Kinh phí",
        ],
        [
            "Nguyễn Văn A",
            "Sở Nội vụ",
            "Bồi dưỡng QLNN",
            "01/09/2025",
            "Thôi việc",
            "01/10/2025",
            "12/QĐ-UBND",
            "Kinh tế",
            "1",
            "10.000.000",
        ],
    ]
    layout = mappings.describe(recognise(_sheet(rows)), ())
    assert layout.kind is None  # the Import page shows its mapping box for this sheet
    assert [c.text for c in layout.columns] == rows[0]
