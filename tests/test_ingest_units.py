"""The unit resolver of an import: built once per content of the unit table, the same answers."""

from __future__ import annotations

from pathlib import Path

import duckdb
import numpy as np
import pandas as pd
import pytest

from analytics import db
from analytics.demo.units import build_units
from analytics.ingest import units
from analytics.ingest.normalize import ascii_key
from analytics.ingest.units import UnitResolver
from tests.conftest import add_batch


def _levels_every_abbreviation(text: str) -> tuple[list[str], bool]:
    """``units._levels`` as it was before its quick test for abbreviations: every one tried."""
    a = units._UBND.sub("ubnd", ascii_key(text).replace("–", "-"))
    for pattern, full in units._ABBREV:
        a = pattern.sub(full, a)
    old = bool(units._OLD.search(a))
    base = units.re.sub(r"\s+", " ", units._OLD.sub(" ", a)).strip(" .,-")
    org = units._ORG.sub("", base).removeprefix("truong ")
    return [base, org, units._ADMIN.sub("", org).strip()], old


# How files write agency and commune names: every abbreviation, at the start, inside, at the end,
# glued to punctuation, in upper and lower case.
WRITTEN = [
    "Sở GD&ĐT",
    "SỞ GD VÀ ĐT",
    "Sở GD-ĐT thành phố",
    "sở gd, đt",
    "Sở KH&CN",
    "Sở NN&PTNT (cũ)",
    "Sở NN và MT",
    "Sở TN&MT",
    "Sở LĐ-TB&XH",
    "Sở LĐ, TB và XH",
    "Sở VH, TT&DL",
    "Sở GTVT",
    "Ban DT&TG",
    "VP UBND TP",
    "VP HĐND TP.",
    "TP. Cần Thơ",
    "tp cần thơ",
    "BQL dự án đầu tư xây dựng",
    "BV Đa khoa",
    "TTYT quận Ninh Kiều",
    "TYT phường An Cư",
    "P. Ninh Kiều",
    "P.Ninh Kiều",
    "X. Tân Lộc",
    "Q. Bình Thủy (cũ)",
    "H. Phong Điền",
    "TT. Một Ngàn",
    "UBND P.An Bình",
    "Ủy ban nhân dân xã Tân Lộc",
    "U.B.N.D. xã Trường Long",
    "Trường THPT Châu Văn Liêm",
    "Khu bảo tồn",  # begins like an abbreviation (kh), is none
    "Nhà văn hóa Tân An",
    "Trung tâm Dịch vụ việc làm – Sở Nội vụ",
    "Phường Số 12",
    "",
]


def test_levels_same_as_trying_every_abbreviation() -> None:
    names = build_units(np.random.default_rng(7))
    texts = [*WRITTEN, *names["name"].dropna(), *names["short_name"].dropna()]
    assert len(texts) > 3000
    for text in texts:
        assert units._levels(text) == _levels_every_abbreviation(text), text


def _unit_db(tmp_path: Path) -> duckdb.DuckDBPyConnection:
    con = db.connect(tmp_path / "u.duckdb")
    b = add_batch(con)
    con.executemany(
        "INSERT INTO unit (unit_code, name, short_name, unit_type, level, parent_code, merged_into, valid_to, batch_id) "
        f"VALUES (?, ?, ?, ?, ?, ?, ?, ?, {b})",
        [
            ("CT", "Thành phố Cần Thơ", None, "thanh_pho", "city", None, None, None),
            ("SNV", "Sở Nội vụ", "SNV", "so_nganh", "city", "CT", None, None),
            ("XA001", "Phường Ninh Kiều", None, "ubnd_xa", "commune", "CT", None, None),
            ("XA002", "Xã Tân Lộc", None, "ubnd_xa", "commune", "CT", None, None),
            ("XA003", "Phường Tân Lộc", None, "ubnd_xa", "commune", "CT", None, None),
            ("QNK", "Quận Ninh Kiều", None, "huyen_cu", "city", None, "CT", "2025-06-30"),
        ],
    )
    return con


def test_from_db_built_once_per_content_and_copied(tmp_path: Path) -> None:
    con = _unit_db(tmp_path)
    units._BUILT.clear()
    first = UnitResolver.from_db(con)
    assert first.resolve("Ninh Kiều") == ("XA001", [])
    assert first.resolve("Quận Ninh Kiều (cũ)") == ("QNK", [])
    assert first.resolve("Tân Lộc") == (None, ["XA002", "XA003"])
    assert len(units._BUILT) == 1
    built = next(iter(units._BUILT.values()))

    # An upload's own units go to its copy only: the next import does not see them.
    first.add(pd.DataFrame({"unit_code": ["XA004", "XA009"], "name": ["Xã Tân Lộc Bắc", "Phường Tân Lộc"]}))
    assert first.resolve("Tân Lộc Bắc") == ("XA004", [])
    assert first.resolve("Tân Lộc") == (None, ["XA002", "XA003", "XA009"])
    assert first.label("XA003") == "Phường Tân Lộc (XA003)"
    second = UnitResolver.from_db(con)
    assert next(iter(units._BUILT.values())) is built
    assert second.resolve("Tân Lộc Bắc") == (None, [])
    assert second.resolve("Tân Lộc") == (None, ["XA002", "XA003"])
    assert second.label("XA003") == "Phường Tân Lộc"

    # Any change of what the resolver reads (a name, a merge) builds it again.
    con.execute("UPDATE unit SET name = 'Phường Tân Lộc Đông' WHERE unit_code = 'XA003'")
    third = UnitResolver.from_db(con)
    assert next(iter(units._BUILT.values())) is not built
    assert third.resolve("Tân Lộc") == ("XA002", [])
    assert third.resolve("Tân Lộc Đông") == ("XA003", [])
    con.execute("UPDATE unit SET merged_into = 'XA001', valid_to = '2025-06-30' WHERE unit_code = 'XA002'")
    assert UnitResolver.from_db(con).merged["XA002"] is True
    con.close()


@pytest.mark.parametrize("rows", [0, 1])
def test_from_db_of_few_units(tmp_path: Path, rows: int) -> None:
    con = db.connect(tmp_path / "e.duckdb")
    if rows:
        b = add_batch(con)
        con.execute(
            "INSERT INTO unit (unit_code, name, unit_type, level, batch_id) "
            f"VALUES ('SNV', 'Sở Nội vụ', 'so_nganh', 'city', {b})"
        )
    r = UnitResolver.from_db(con)
    assert r.resolve("Sở Nội vụ") == (("SNV", []) if rows else (None, []))
    assert r.resolve("snv") == (("SNV", []) if rows else (None, []))
    con.close()
