"""The reader's child processes: limits turn into problems, the caller survives; sheets and CSV."""

from __future__ import annotations

import io
import unicodedata

import openpyxl
import pandas as pd

from analytics.ingest.problems import Problem, problems_frame, problems_xlsx
from analytics.ingest.reader import ReadLimits, read_csv, read_workbook
from tests.ingest_helpers import corpus_module

mc = corpus_module()


def test_memory_limit_is_a_problem_not_a_crash() -> None:
    data = mc.commune_staff()
    sheets, problems = read_workbook("a.xlsx", data, "xlsx", ReadLimits(memory_bytes=16 * 1024**2))
    assert sheets == [] and [p.code for p in problems] in (["parse_memory"], ["parse_crashed"])
    sheets, problems = read_workbook("a.xlsx", data, "xlsx")  # the next file is read normally
    assert problems == [] and sheets[0].name == "DS"


def test_time_limit_is_a_problem() -> None:
    sheets, problems = read_workbook("a.xlsx", mc.commune_staff(), "xlsx", ReadLimits(seconds=0.0001))
    assert sheets == [] and [p.code for p in problems] == ["parse_timeout"]


def test_hidden_sheet_and_hidden_rows_reported() -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["x"])
    ws.row_dimensions[1].hidden = True
    wb.create_sheet("Ẩn").sheet_state = "hidden"
    buf = io.BytesIO()
    wb.save(buf)
    sheets, problems = read_workbook("h.xlsx", buf.getvalue(), "xlsx")
    assert not problems
    assert [(s.name, s.visible, sorted(s.hidden_rows)) for s in sheets] == [("Sheet", True, [1]), ("Ẩn", False, [])]


def test_merged_cells_filled_from_their_top_left() -> None:
    sheets, _ = read_workbook("w.xlsx", mc.wide_quota(), "xlsx")
    cells = sheets[0].cells
    assert cells.at[6, 2] == cells.at[6, 6] == "Công chức"  # C6:G6 merged
    assert cells.at[7, 0] == "STT"  # A6:A7 merged


def test_csv_semicolon_cp1258() -> None:
    sheets, problems = read_csv("a.csv", mc.roster_cp1258_csv())
    assert [p.code for p in problems] == ["csv_encoding"]
    # Windows-1258 text arrives decomposed (tone marks apart); values are NFC-normalised later
    assert unicodedata.normalize("NFC", sheets[0].cells.at[2, 2]) == "Đặng Thị Hồng"


def test_problems_table_and_xlsx() -> None:
    probs = [
        Problem("required", "warning", "a.xlsx", "S", 3, "B: Họ và tên"),
        Problem("bad_date", "error", "a.xlsx", "S", 5, "D: Ngày sinh", "31/02/1980"),
    ]
    df = problems_frame(probs)
    assert list(df["code"]) == ["bad_date", "required"]  # errors first
    assert df.loc[0, "message_vi"] == "ngày không hợp lệ (dùng dd/mm/yyyy)"
    back = pd.read_excel(io.BytesIO(problems_xlsx(probs)))
    assert list(back["row"]) == [5, 3]


def test_problems_download_never_writes_a_formula() -> None:
    import openpyxl

    probs = [Problem("bad_number", "error", "f.xlsx", "S", 3, "C: Hệ số", '=HYPERLINK("http://x")', {})]
    ws = openpyxl.load_workbook(io.BytesIO(problems_xlsx(probs))).active
    assert ws is not None
    values = [c.value for row in ws.iter_rows() for c in row]
    assert '\'=HYPERLINK("http://x")' in values
    assert all(getattr(c, "data_type", "s") != "f" for row in ws.iter_rows() for c in row)
