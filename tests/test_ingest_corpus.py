"""The import corpus: one file per quirk or failure mode (tests/corpus/make_corpus.py)."""

from __future__ import annotations

import time
import unicodedata
from datetime import date
from pathlib import Path

import duckdb
import openpyxl
import pytest

from analytics.errors import ImportRejected, OversightError
from analytics.ingest import reader, safety
from analytics.ingest.pipeline import load, prepare
from tests.ingest_helpers import checksum, corpus_module

mc = corpus_module()


@pytest.fixture(scope="session")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return mc.build(tmp_path_factory.mktemp("corpus"))


def _text(plan) -> str:
    return "\n".join(f"dòng {p.row} | {p.column} | {p.value} | {p.message('vi')}" for p in plan.problems)


def test_corpus_is_big_enough() -> None:
    assert len(mc.CASES) >= 25
    assert sum("words" in e for _, e in mc.CASES.values()) >= 12


@pytest.mark.parametrize("name", [n for n, (_, e) in mc.CASES.items() if "tables" in e])
def test_good_file_loads(name: str, corpus: dict[str, Path], tdb: duckdb.DuckDBPyConnection) -> None:
    plan = prepare(tdb, files=[(name, corpus[name].read_bytes())], as_of=mc.AS_OF)
    assert plan.ok, _text(plan)
    result = load(tdb, plan, user="test")
    assert result.rows_by_table == mc.CASES[name][1]["tables"]


@pytest.mark.parametrize("name", [n for n, (_, e) in mc.CASES.items() if "words" in e])
def test_bad_file_rejected_with_its_words(name: str, corpus: dict[str, Path], tdb: duckdb.DuckDBPyConnection) -> None:
    before = checksum(tdb)
    plan = prepare(tdb, files=[(name, corpus[name].read_bytes())], as_of=mc.AS_OF)
    assert not plan.ok
    text = _text(plan)
    for word in mc.CASES[name][1]["words"]:
        assert word in text, text
    with pytest.raises(ImportRejected):
        load(tdb, plan, user="test")
    assert checksum(tdb) == before


def test_commune_staff_list_people_genders_births(corpus: dict[str, Path], tdb: duckdb.DuckDBPyConnection) -> None:
    plan = prepare(tdb, files=[("ds.xlsx", corpus["commune_staff.xlsx"].read_bytes())])  # as-of from the title
    assert plan.ok, _text(plan)
    load(tdb, plan, user="test")
    rows = tdb.execute(
        "SELECT full_name, gender, birth_date, category, unit_code, as_of, salary_coef, qualification "
        "FROM person ORDER BY birth_date"
    ).fetchall()
    assert [(r[0], r[1], r[2], r[3]) for r in rows] == [
        ("Nguyễn Văn An", "nam", date(1975, 3, 12), "can_bo"),
        ("Trần Thị Bình", "nu", date(1980, 11, 5), "can_bo"),
        ("Lê Văn Cường", "nam", date(1985, 7, 1), "cong_chuc"),
        ("Phạm Thị Dung", "nu", date(1990, 1, 20), "cong_chuc"),
        ("Võ Thị Hoà", "nu", date(1992, 1, 1), "cong_chuc"),  # stored as written; only comparison keys fold tones
    ]
    assert {r[4] for r in rows} == {"XA001"} and {r[5] for r in rows} == {date(2024, 12, 31)}
    text = _text(plan)
    for words in ("bỏ qua 1 dòng tổng cộng", "dòng tiêu đề nhóm", "chân trang", "lấy từ tiêu đề", "chỉ có năm"):
        assert words in text


def test_wide_quota_report(corpus: dict[str, Path], tdb: duckdb.DuckDBPyConnection) -> None:
    plan = prepare(tdb, files=[("bc.xlsx", corpus["quota_wide_cantho.xlsx"].read_bytes())])
    assert plan.ok, _text(plan)
    assert "bỏ qua 3 dòng tổng cộng" in _text(plan)  # TỔNG CỘNG under the header + 2 block subtotals
    load(tdb, plan, user="test")
    got = {
        (u, y, c): (q, p)
        for u, y, c, q, p in tdb.execute(
            "SELECT unit_code, year, category, quota_assigned, cut_pending FROM quota"
        ).fetchall()
    }
    assert got[("SNV", 2021, "cong_chuc")] == (25, 0)
    assert got[("SYT", 2024, "vien_chuc")] == (280, 5)  # pending cut on the latest year only
    assert got[("SYT", 2023, "vien_chuc")] == (285, 0)
    assert got[("QNK", 2022, "vien_chuc")] == (59, 0)  # "Quận Ninh Kiều (cũ)"
    assert got[("HPD", 2024, "cong_chuc")] == (8, 0)  # "UBND huyện Phong Điền", "-" = 0
    assert sum(q for (u, y, c), (q, _) in got.items() if y == 2021 and c == "cong_chuc") == 60
    assert len(got) == 4 * 4 * 2


def test_reduction_counts_beside_a_wide_quota_are_not_quotas(tdb: duckdb.DuckDBPyConnection) -> None:
    """ "Tinh giản biên chế năm 2024" names a year under Công chức, but counts people who left."""
    wb, ws = mc._sheet(
        [
            ["STT", "Đơn vị", "Công chức", None, None],
            [None, None, "Biên chế giao năm 2021", "Biên chế giao năm 2024", "Tinh giản biên chế năm 2024"],
            [1, "SNV", 30, 28, 2],
        ]
    )
    ws.merge_cells("C1:E1")
    plan = prepare(tdb, files=[("bc.xlsx", mc._bytes(wb))])
    assert plan.ok, _text(plan)
    assert sorted(plan.tables["quota"][["year", "quota_assigned"]].itertuples(index=False, name=None)) == [
        (2021, 30),
        (2024, 28),
    ]
    assert 'cột "Công chức / Tinh giản biên chế năm 2024" không dùng' in _text(plan)


def test_hidden_row_skipped_and_reported(corpus: dict[str, Path], tdb: duckdb.DuckDBPyConnection) -> None:
    plan = prepare(tdb, files=[("h.xlsx", corpus["roster_hidden.xlsx"].read_bytes())], as_of=mc.AS_OF)
    assert plan.ok and "bỏ qua 1 dòng bị ẩn (dòng 3)" in _text(plan)
    assert set(plan.tables["person"]["person_id"]) == {"H1", "H3"}


def test_nfd_and_old_tones_stored_as_nfc(corpus: dict[str, Path], tdb: duckdb.DuckDBPyConnection) -> None:
    load(tdb, prepare(tdb, files=[("n.xlsx", corpus["roster_nfd.xlsx"].read_bytes())], as_of=mc.AS_OF), user="t")
    names = [r[0] for r in tdb.execute("SELECT full_name FROM person ORDER BY person_id").fetchall()]
    assert names == [unicodedata.normalize("NFC", "Nguyễn Thị Thuỷ"), unicodedata.normalize("NFC", "Lê Văn Hoà")]
    assert {r[0] for r in tdb.execute("SELECT unit_code FROM person").fetchall()} == {"XA001"}


def test_dates_in_every_form(corpus: dict[str, Path], tdb: duckdb.DuckDBPyConnection) -> None:
    plan = prepare(tdb, files=[("d.xlsx", corpus["roster_dates.xlsx"].read_bytes())], as_of=mc.AS_OF)
    df = plan.tables["person"].set_index("person_id")
    assert df.loc["D1", "birth_date"] == date(1980, 1, 2)  # a date cell
    assert df.loc["D2", "birth_date"] == date(1985, 6, 15)  # dd-mm-yyyy text
    assert df.loc["D3", "birth_date"] == date(1990, 1, 1)  # year only (warned)
    assert df.loc["D4", "birth_date"] == date(1979, 5, 25)  # Excel serial 29000
    assert df.loc["D2", "hire_date"] == date(2010, 9, 1)  # mm/yyyy
    assert df.loc["D3", "hire_date"] == date(2009, 7, 6)  # serial 40000


@pytest.mark.parametrize("name", ["renamed_pdf.xlsx", "zip_bomb.xlsx", "xml_bomb.xlsx", "image.xlsx"])
def test_dangerous_files_refused_in_milliseconds(name: str, corpus: dict[str, Path]) -> None:
    data = corpus[name].read_bytes()
    t = time.perf_counter()
    fmt, problems = safety.check_content(name, data)
    assert fmt is None and problems
    assert time.perf_counter() - t < 0.2


@pytest.mark.parametrize("name", [n for n in mc.CASES if n.endswith(".xlsx") and "tables" in mc.CASES[n][1]])
def test_reader_places_cells_where_excel_shows_them(name: str, corpus: dict[str, Path]) -> None:
    data = corpus[name].read_bytes()
    sheets, problems = reader.read_workbook(name, data, "xlsx")
    assert not problems
    wb = openpyxl.load_workbook(corpus[name])
    for s in sheets:
        ws = wb[s.name]
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and cell.coordinate not in ws.merged_cells:
                    assert s.cells.at[cell.row, cell.column - 1] == cell.value, (s.name, cell.coordinate)


def test_gender_marks_one_hot_category_and_merged_unit(corpus: dict[str, Path], tdb: duckdb.DuckDBPyConnection) -> None:
    steps: list[tuple[str, float]] = []
    plan = prepare(
        tdb,
        files=[("g.xlsx", corpus["gender_marks.xlsx"].read_bytes())],
        as_of=mc.AS_OF,
        progress=lambda step, fraction: steps.append((step, fraction)),
    )
    assert plan.ok, _text(plan)
    got = sorted(
        zip(
            plan.tables["person"]["full_name"],
            plan.tables["person"]["gender"],
            plan.tables["person"]["category"],
            plan.tables["person"]["unit_code"],
            strict=True,
        )
    )
    assert got == [
        ("An", "nam", "cong_chuc", "SNV"),
        ("Bình", "nu", "vien_chuc", "SNV"),
        ("Chi", "nu", "vien_chuc", "SNV"),
    ]
    assert steps[0][1] == 0.0 and steps[-1] == ("done", 1.0)


def test_user_mapping_makes_an_unknown_header_recognised(tdb: duckdb.DuckDBPyConnection) -> None:
    data = mc._table(
        [
            ["Mã đơn vị", "Họ và tên", "Sinh nhật", "Giới tính", "Loại cán bộ"],
            ["SNV", "An", "01/01/1980", "Nam", "Công chức"],
        ]
    )
    plan = prepare(tdb, files=[("m.xlsx", data)], as_of=mc.AS_OF)
    assert not plan.ok and "không nhận ra" in _text(plan)
    plan = prepare(tdb, files=[("m.xlsx", data)], as_of=mc.AS_OF, extra_headers={"person": {"SINH NHẬT": "birth_date"}})
    assert plan.ok, _text(plan)
    assert plan.tables["person"]["birth_date"].tolist() == [date(1980, 1, 1)]
    with pytest.raises(OversightError, match="mapping_invalid"):
        prepare(tdb, files=[("m.xlsx", data)], extra_headers={"person": {"Sinh nhật": "birthday"}})


def test_names_that_look_like_footer_words_are_people(tdb: duckdb.DuckDBPyConnection) -> None:
    data = mc._table(
        [
            ["Họ và tên", "Mã đơn vị", "Ngày sinh", "Giới tính", "Loại cán bộ"],
            ["Lưu Văn Phúc", "SNV", "01/01/1980", "Nam", "CC"],
            ["Ghi Thị Chú", "SNV", "01/01/1981", "Nữ", "CC"],
            ["Trần Văn Cuối", "SNV", "01/01/1982", "Nam", "CC"],
            ["Ghi chú: danh sách gồm 3 người"],
            ["Lưu: VT"],
        ]
    )
    plan = prepare(tdb, files=[("f.xlsx", data)], as_of=mc.AS_OF)
    assert plan.ok, _text(plan)
    assert plan.tables["person"]["full_name"].tolist() == ["Lưu Văn Phúc", "Ghi Thị Chú", "Trần Văn Cuối"]
    assert "bỏ qua 2 dòng chân trang/ký tên từ dòng 5" in _text(plan)


def test_wide_quota_with_present_column(tdb: duckdb.DuckDBPyConnection) -> None:
    wb, ws = mc._sheet(
        [
            ["STT", "Đơn vị", "Biên chế công chức", None, None, "Số lượng người làm việc", None],
            [None, None, "Năm 2023", "Năm 2024", "Biên chế có mặt", "Năm 2024", "Hiện có"],
            [1, "SNV", 30, 29, 27, 5, 4],
            [2, "Sở Y tế", 10, 10, 10, "1.200", "1.150"],
        ]
    )
    ws.merge_cells("C1:E1")
    ws.merge_cells("F1:G1")
    plan = prepare(tdb, files=[("p.xlsx", mc._bytes(wb))], as_of=mc.AS_OF)
    assert plan.ok, _text(plan)
    got = {(r.unit_code, r.year, r.category): (r.quota_assigned, r.present) for r in plan.tables["quota"].itertuples()}
    assert got == {
        ("SNV", 2023, "cong_chuc"): (30, None),
        ("SNV", 2024, "cong_chuc"): (29, 27),
        ("SYT", 2023, "cong_chuc"): (10, None),
        ("SYT", 2024, "cong_chuc"): (10, 10),
        ("SNV", 2024, "vien_chuc"): (5, 4),
        ("SYT", 2024, "vien_chuc"): (1200, 1150),
    }


def test_declared_as_of_wins_over_the_title_with_a_warning(
    corpus: dict[str, Path], tdb: duckdb.DuckDBPyConnection
) -> None:
    plan = prepare(tdb, files=[("ds.xlsx", corpus["commune_staff.xlsx"].read_bytes())], as_of=date(2025, 1, 31))
    assert plan.ok and set(plan.tables["person"]["as_of"]) == {date(2025, 1, 31)}
    assert "dùng ngày số liệu 31/01/2025 đã khai báo, khác ngày 31/12/2024" in _text(plan)
