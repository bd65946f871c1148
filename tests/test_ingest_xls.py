"""Legacy .xls (BIFF) files: read like .xlsx — merged header cells filled, Excel's row numbers,
hidden rows skipped — through calamine for the values and xlrd for the layout."""

from __future__ import annotations

import io
from datetime import date, datetime

import duckdb
import openpyxl
import pytest
import xlwt

from analytics.ingest import safety
from analytics.ingest.pipeline import load, prepare
from tests.ingest_helpers import checksum, corpus_module

mc = corpus_module()
DATE = xlwt.easyxf(num_format_str="DD/MM/YYYY")


def to_xls(xlsx: bytes, hide: frozenset[int] | set[int] = frozenset()) -> bytes:
    """The same sheets, values, merged ranges and (``hide``: Excel row numbers) hidden rows, as .xls."""
    src = openpyxl.load_workbook(io.BytesIO(xlsx))
    out = xlwt.Workbook(encoding="utf-8")
    for ws in src.worksheets:
        dst = out.add_sheet(ws.title)
        merged = {(m.min_row, m.min_col): m for m in ws.merged_cells.ranges}
        inside = {
            (r, c)
            for m in ws.merged_cells.ranges
            for r in range(m.min_row, m.max_row + 1)
            for c in range(m.min_col, m.max_col + 1)
        }
        for row in ws.iter_rows():
            for cell in row:
                r, c, v = cell.row, cell.column, cell.value
                style = DATE if isinstance(v, datetime | date) else xlwt.Style.default_style
                if (r, c) in merged:
                    m = merged[(r, c)]
                    dst.write_merge(r - 1, m.max_row - 1, c - 1, m.max_col - 1, v, style)
                elif v is not None and (r, c) not in inside:
                    dst.write(r - 1, c - 1, v, style)
        for r in hide:
            dst.row(r - 1).hidden = True
    buf = io.BytesIO()
    out.save(buf)
    return buf.getvalue()


def _text(plan: object) -> str:
    return " | ".join(plan.problems_frame()["message_vi"])  # type: ignore[attr-defined]


def test_a_legacy_xls_is_recognised_by_its_content() -> None:
    data = to_xls(mc.commune_staff())
    assert data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    assert safety.check_content("ds.xls", data) == ("xls", [])


def test_commune_staff_list_as_xls_imports_like_the_xlsx(tdb: duckdb.DuckDBPyConnection) -> None:
    plan = prepare(tdb, files=[("ds.xls", to_xls(mc.commune_staff()))])
    assert plan.ok, _text(plan)
    assert plan.preview()["header_rows"].tolist() == ["7-8"]  # Excel's row numbers: the title block counts
    load(tdb, plan, user="test")
    rows = tdb.execute(
        "SELECT full_name, gender, birth_date, category, unit_code, as_of FROM person ORDER BY birth_date"
    ).fetchall()
    assert [r[:4] for r in rows] == [
        ("Nguyễn Văn An", "nam", date(1975, 3, 12), "can_bo"),
        ("Trần Thị Bình", "nu", date(1980, 11, 5), "can_bo"),  # under "Nữ": the merged group header reached it
        ("Lê Văn Cường", "nam", date(1985, 7, 1), "cong_chuc"),  # a real date cell
        ("Phạm Thị Dung", "nu", date(1990, 1, 20), "cong_chuc"),
        ("Võ Thị Hoà", "nu", date(1992, 1, 1), "cong_chuc"),
    ]
    assert {r[4] for r in rows} == {"XA001"} and {r[5] for r in rows} == {date(2024, 12, 31)}
    assert "bỏ qua 1 dòng tổng cộng/cộng nhóm (dòng 17)" in _text(plan)


def test_hidden_rows_of_an_xls_are_skipped_and_reported(tdb: duckdb.DuckDBPyConnection) -> None:
    plan = prepare(tdb, files=[("ds.xls", to_xls(mc.commune_staff(), hide={12}))])
    assert plan.ok, _text(plan)
    assert "Trần Thị Bình" not in set(plan.tables["person"]["full_name"])
    assert len(plan.tables["person"]) == 4
    assert "dòng 12" in _text(plan)


@pytest.mark.parametrize("name", ["bc.xls", "bc.xlsx"])
def test_a_bad_file_names_excels_rows_and_columns_and_stores_nothing(tdb: duckdb.DuckDBPyConnection, name: str) -> None:
    # The table starts at B3 (column A empty): the problems must name the cells Excel shows.
    wb, _ = mc._sheet(
        [
            [None],
            [None],
            [None, "Mã đơn vị", "Năm", "Đối tượng", "Biên chế được giao"],
            [None, "SNV", 2021, "Công chức", -5],
            [None, "XYZ", 2021, "Công chức", 20],
        ]
    )
    before = checksum(tdb)
    data = mc._bytes(wb)
    plan = prepare(tdb, files=[(name, to_xls(data) if name.endswith(".xls") else data)])
    assert not plan.ok
    errors = plan.problems_frame().query("severity == 'error'")
    assert errors["row"].tolist() == [4, 5]
    assert errors["column"].str[:2].tolist() == ["E:", "B:"]
    assert checksum(tdb) == before
