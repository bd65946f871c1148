"""Remembered column mappings: a layout the dictionary does not know is mapped once by hand, and the
next file in the same layout is recognised by itself (issue 3, point 2)."""

from __future__ import annotations

import json
from datetime import date

import duckdb
import pytest

from analytics.errors import OversightError
from analytics.ingest import mappings
from analytics.ingest.pipeline import load, prepare
from analytics.ingest.reader import Sheet
from tests.ingest_helpers import corpus_module

mc = corpus_module()

# A commune's own roster form: a title block, and headers the dictionary does not know.
HEADER = ["Số TT", "Tên CB", "Sinh ngày", "Phái", "Nơi làm", "Diện"]


def roster(title: str, people: list[list[object]]) -> bytes:
    return mc._table([["UBND PHƯỜNG NINH KIỀU"], [title], [], HEADER, *people])


FIRST = roster(
    "DANH SÁCH CÁN BỘ ĐẾN 31/12/2024",
    [
        [1, "Lê Văn An", "01/02/1980", "Nam", "XA001", "Công chức"],
        [2, "Trần Thị Bình", "15/07/1990", "Nữ", "XA001", "Công chức"],
    ],
)
# The same layout a quarter later: another title line, other people.
LATER = roster(
    "DANH SÁCH CÁN BỘ ĐẾN 31/03/2025",
    [
        [1, "Lê Văn An", "01/02/1980", "Nam", "XA001", "Công chức"],
        [2, "Phạm Văn Cường", "03/03/1985", "Nam", "XA001", "Công chức"],
        [3, "Ngô Thị Dung", "04/04/1995", "Nữ", "XA001", "Công chức"],
    ],
)
USER = {"Tên CB": "full_name", "Sinh ngày": "birth_date", "Phái": "gender", "Nơi làm": "unit_code", "Diện": "category"}


def test_an_unknown_layout_is_described_for_mapping_by_hand(tdb: duckdb.DuckDBPyConnection) -> None:
    plan = prepare(tdb, files=[("xa.xlsx", FIRST)], as_of=mc.AS_OF)
    assert not plan.ok
    [layout] = plan.layouts
    assert layout.kind is None and layout.needs_mapping
    assert layout.header_rows == (4, 4)  # under the title block, which holds no header words
    assert [(c.label, c.field) for c in layout.columns] == [
        ("A: Số TT", None),
        ("B: Tên CB", None),
        ("C: Sinh ngày", None),
        ("D: Phái", None),
        ("E: Nơi làm", None),
        ("F: Diện", None),
    ]
    assert layout.columns[1].examples == ("Lê Văn An", "Trần Thị Bình")
    assert layout.signature == frozenset({"số tt", "tên cb", "sinh ngày", "phái", "nơi làm", "diện"})


def test_a_mapping_made_once_is_remembered_for_that_layout(tdb: duckdb.DuckDBPyConnection) -> None:
    plan = prepare(tdb, files=[("xa.xlsx", FIRST)], as_of=mc.AS_OF, extra_headers={"person": USER})
    assert plan.ok, plan.problems_frame()
    assert sorted(plan.tables["person"]["full_name"]) == ["Lê Văn An", "Trần Thị Bình"]
    assert plan.tables["person"]["gender"].tolist() == ["nam", "nu"]
    [layout] = plan.layouts
    assert layout.kind == "person" and not layout.needs_mapping and layout.applied == ()
    load(tdb, plan, user="chuyenvien")
    mapping_id = mappings.remember(
        tdb,
        kind="person",
        mapping=USER,
        signature=layout.signature,
        user="chuyenvien",
        source_file="xa.xlsx",
        source_sheet="Sheet1",
    )

    later = prepare(tdb, files=[("xa-q1.xlsx", LATER)])  # no mapping given, no as-of date given
    assert later.ok, later.problems_frame()
    assert later.as_of == date(2025, 3, 31)  # "… ĐẾN 31/03/2025" in the title
    assert later.layouts[0].applied == (mapping_id,)
    assert later.tables["person"]["full_name"].tolist() == ["Lê Văn An", "Phạm Văn Cường", "Ngô Thị Dung"]
    load(tdb, later, user="chuyenvien")
    used = tdb.execute("SELECT used_count, last_used_at IS NOT NULL FROM column_mapping").fetchall()
    assert used == [(1, True)]


def test_a_remembered_mapping_does_not_touch_another_layout(tdb: duckdb.DuckDBPyConnection) -> None:
    plan = prepare(tdb, files=[("xa.xlsx", FIRST)], as_of=mc.AS_OF, extra_headers={"person": USER})
    mappings.remember(tdb, kind="person", mapping=USER, signature=plan.layouts[0].signature, user="cv")
    other = mc._table(
        [
            ["Số TT", "Tên CB", "Sinh ngày", "Phái", "Nơi làm"],  # no "Diện": another layout
            [1, "Lê Văn An", "01/02/1980", "Nam", "XA001"],
        ]
    )
    plan = prepare(tdb, files=[("khac.xlsx", other)], as_of=mc.AS_OF)
    assert plan.layouts[0].applied == () and plan.layouts[0].kind is None


def test_the_signature_ignores_case_spacing_and_unicode_form(tdb: duckdb.DuckDBPyConnection) -> None:
    plan = prepare(tdb, files=[("xa.xlsx", FIRST)], as_of=mc.AS_OF, extra_headers={"person": USER})
    mid = mappings.remember(tdb, kind="person", mapping=USER, signature=plan.layouts[0].signature, user="cv")
    import unicodedata

    shouty = [unicodedata.normalize("NFD", h.upper()) + "  " for h in HEADER]
    data = mc._table([shouty, [1, "Lê Văn An", "01/02/1980", "Nam", "XA001", "Công chức"]])
    plan = prepare(tdb, files=[("hoa.xlsx", data)], as_of=mc.AS_OF)
    assert plan.ok, plan.problems_frame()
    assert plan.layouts[0].applied == (mid,)


def test_remembering_the_same_layout_again_replaces_it_and_forget_removes_it(tdb: duckdb.DuckDBPyConnection) -> None:
    sig = ["tên cb", "sinh ngày"]
    first = mappings.remember(tdb, kind="person", mapping={"Tên CB": "full_name"}, signature=sig, user="a")
    second = mappings.remember(
        tdb,
        kind="person",
        mapping={"Tên CB": "full_name", "Sinh ngày": "birth_date"},
        signature=list(reversed(sig)),
        user="b",
    )
    assert first == second
    rows = tdb.execute("SELECT created_by, mapping FROM column_mapping").fetchall()
    assert [(r[0], json.loads(r[1])) for r in rows] == [("b", {"Tên CB": "full_name", "Sinh ngày": "birth_date"})]
    listed = mappings.list_mappings(tdb)
    assert listed["mapping"].tolist() == [{"Tên CB": "full_name", "Sinh ngày": "birth_date"}]
    mappings.forget(tdb, first, user="test")
    assert mappings.stored(tdb) == []
    with pytest.raises(OversightError, match="mapping_not_found"):
        mappings.forget(tdb, first, user="test")


@pytest.mark.parametrize(
    ("kind", "mapping", "signature"),
    [
        ("person", {"Tên CB": "birthday"}, ["tên cb"]),  # not a column of the kind
        ("staff", {"Tên CB": "full_name"}, ["tên cb"]),  # not a kind
        ("person", {"  ": "full_name"}, ["tên cb"]),  # an empty header
        ("person", {"Tên CB": "full_name"}, []),  # no layout
    ],
)
def test_a_bad_mapping_is_refused_and_nothing_stored(
    tdb: duckdb.DuckDBPyConnection, kind: str, mapping: dict[str, str], signature: list[str]
) -> None:
    with pytest.raises(OversightError, match="mapping_invalid"):
        mappings.remember(tdb, kind=kind, mapping=mapping, signature=signature, user="cv")
    assert tdb.execute("SELECT count(*) FROM column_mapping").fetchone() == (0,)


def test_user_mapping_keeps_only_what_the_user_changed() -> None:
    layout = mappings.SheetLayout(
        "f",
        "s",
        "person",
        (1, 1),
        [
            mappings.HeaderColumn(0, "Họ và tên", "A: Họ và tên", "full_name"),
            mappings.HeaderColumn(1, "Sinh nhật", "B: Sinh nhật", None),
            mappings.HeaderColumn(2, "Ghi chú riêng", "C: Ghi chú riêng", None),
        ],
    )
    got = mappings.user_mapping(layout, "person", {0: "full_name", 1: "birth_date", 2: None})
    assert got == {"Sinh nhật": "birth_date"}
    with pytest.raises(OversightError, match="mapping_invalid"):
        mappings.user_mapping(layout, "person", {1: "sinh_nhat"})


def test_header_row_guess_skips_the_title_block_and_data() -> None:
    import pandas as pd

    cells = pd.DataFrame(
        [
            ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", None],
            ["Biểu số 01", None, None],
            ["Họ tên", "Năm sinh", "Ghi chú"],
            ["An", "01/02/1980", "x"],
        ],
        dtype=object,
        index=[1, 2, 3, 4],
    )
    assert mappings.header_row_guess(Sheet("f", "s", True, cells)) == 3
    assert mappings.header_row_guess(Sheet("f", "s", True, cells.iloc[3:])) is None  # data only
