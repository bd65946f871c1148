"""Exports cannot carry formulas: cells beginning with = + - @ tab CR LF are written as text."""

from __future__ import annotations

import hashlib
import io
from datetime import date, datetime

import openpyxl
import pandas as pd
import pytest

from analytics import safe_export

CELLS = [
    ("formula", "=1+1", "'=1+1"),
    ("hyperlink", '=HYPERLINK("http://x","bấm")', '\'=HYPERLINK("http://x","bấm")'),
    ("DDE", "=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"),
    ("plus", "+84 292 3820 000", "'+84 292 3820 000"),
    ("minus text", "-5", "'-5"),
    ("at", "@SUM(A1:A2)", "'@SUM(A1:A2)"),
    ("tab", "\t=1+1", "'\t=1+1"),
    ("carriage return", "\r=1+1", "'\r=1+1"),
    ("line feed", "\n=1+1", "'\n=1+1"),
    ("ordinary name", "Nguyễn Văn A", "Nguyễn Văn A"),
    ("equals inside", "a=b", "a=b"),
    ("empty", "", ""),
]


@pytest.mark.parametrize(("what", "value", "expected"), CELLS, ids=[c[0] for c in CELLS])
def test_neutralise_text(what: str, value: str, expected: str) -> None:
    assert safe_export.neutralise_text(value) == expected


def test_neutralise_keeps_numbers_dates_and_missing_values() -> None:
    df = pd.DataFrame(
        {
            "name": ["=A1", None],
            "n": [-5, 3],
            "x": [-1.5, float("nan")],
            "d": [date(2025, 7, 1), None],
            "mixed": [-2, "-2"],
        }
    )
    out = safe_export.neutralise(df)
    assert list(out["name"][:1]) == ["'=A1"] and pd.isna(out["name"][1])
    assert list(out["n"]) == [-5, 3] and out["n"].dtype == df["n"].dtype
    assert out["x"][0] == -1.5
    assert list(out["mixed"]) == [-2, "'-2"]  # the number stays a number, the text does not
    assert df.loc[0, "name"] == "=A1"  # the caller's frame is not changed


def _people() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "full_name": ['=HYPERLINK("http://evil","A")', "+Trần Thị B", "@Lê C", "-Phạm D", "Nguyễn Văn E"],
            "unit_code": ["SNV", "SNV", "SYT", "SYT", "XA1"],
            "salary_coef": [4.40, 2.34, 3.00, 2.67, 6.20],
            "months_served": [12, -1, 0, 36, 5],
            "start_date": [date(2025, 8, 1)] * 5,
        }
    )


HEADERS = {
    "full_name": "Họ và tên",
    "unit_code": "Mã đơn vị",
    "salary_coef": "Hệ số lương",
    "months_served": "Số tháng",
    "start_date": "Ngày bắt đầu",
}


def test_xlsx_with_names_beginning_with_equals_has_no_formula() -> None:
    payload = safe_export.to_xlsx_bytes(_people(), sheet_name="Tăng cường cơ sở", headers=HEADERS)
    wb = openpyxl.load_workbook(io.BytesIO(payload))
    ws = wb["Tăng cường cơ sở"]
    cells = [c for row in ws.iter_rows() for c in row]
    assert cells and all(c.data_type != "f" for c in cells)
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0] == ("Họ và tên", "Mã đơn vị", "Hệ số lương", "Số tháng", "Ngày bắt đầu")
    assert [r[0] for r in rows[1:]] == [
        '\'=HYPERLINK("http://evil","A")',
        "'+Trần Thị B",
        "'@Lê C",
        "'-Phạm D",
        "Nguyễn Văn E",
    ]
    assert [r[3] for r in rows[1:]] == [12, -1, 0, 36, 5]  # numbers stay numbers
    assert rows[1][2] == pytest.approx(4.40)
    assert rows[1][4] == datetime(2025, 8, 1)
    assert ws["E2"].number_format == safe_export.DATE_FORMAT


def test_xlsx_neutralises_headers_and_keeps_unlabelled_columns() -> None:
    df = pd.DataFrame({"=evil": ["x"], "unit_code": ["SNV"]})
    payload = safe_export.to_xlsx_bytes(df, sheet_name="S", headers={"unit_code": "Mã đơn vị"})
    ws = openpyxl.load_workbook(io.BytesIO(payload)).active
    assert [c.value for c in ws[1]] == ["'=evil", "Mã đơn vị"]
    assert all(c.data_type != "f" for row in ws.iter_rows() for c in row)


def test_xlsx_survives_control_characters_missing_values_and_odd_sheet_names() -> None:
    df = pd.DataFrame(
        {
            "a": ["\x01=1+1", None, "ok\x07"],
            "b": [1.0, float("nan"), None],
            "t": [pd.Timestamp("2025-07-01 08:30", tz="Asia/Ho_Chi_Minh"), pd.NaT, pd.NaT],
        }
    )
    payload = safe_export.to_xlsx_bytes(df, sheet_name="Báo cáo [01/2026]: tổng hợp quý I của thành phố", headers=None)
    wb = openpyxl.load_workbook(io.BytesIO(payload))
    ws = wb.active
    assert len(ws.title) <= 31 and not set("[]:*?/\\") & set(ws.title)
    rows = list(ws.iter_rows(values_only=True))
    assert rows[1] == ("'=1+1", 1.0, datetime(2025, 7, 1, 8, 30))
    assert rows[2] == (None, None, None)
    assert rows[3][0] == "ok"


def test_csv_is_utf8_with_bom_vietnamese_headers_and_no_formulas() -> None:
    payload = safe_export.to_csv_bytes(_people(), HEADERS)
    assert payload.startswith(b"\xef\xbb\xbf")
    text = payload.decode("utf-8-sig")
    assert text.splitlines()[0] == "Họ và tên,Mã đơn vị,Hệ số lương,Số tháng,Ngày bắt đầu"
    back = pd.read_csv(io.BytesIO(payload), encoding="utf-8-sig")
    assert not back["Họ và tên"].str.match(r"^[=+\-@\t\r\n]").any()
    assert list(back["Số tháng"]) == [12, -1, 0, 36, 5]
    assert back.loc[4, "Họ và tên"] == "Nguyễn Văn E"


def test_describe_keeps_a_fingerprint_not_the_values() -> None:
    df = _people()
    payload = safe_export.to_csv_bytes(df, HEADERS)
    info = safe_export.describe(payload, df, fmt="csv")
    assert info == {
        "format": "csv",
        "sha256": hashlib.sha256(payload).hexdigest(),
        "size_bytes": len(payload),
        "rows": 5,
        "columns": 5,
    }
