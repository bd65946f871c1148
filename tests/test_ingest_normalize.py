"""Parsing of values as government files write them; header keys; unit names; kind specs vs schema."""

from __future__ import annotations

import random
import unicodedata
from datetime import date
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest

from analytics import db, text_keys
from analytics.codes import CODED_COLUMNS
from analytics.ingest.headers import header_keys
from analytics.ingest.kinds import KINDS
from analytics.ingest.messages import MESSAGES
from analytics.ingest.normalize import (
    ascii_key,
    clean_text,
    clean_texts,
    code_key,
    is_roman,
    key,
    parse_bool,
    parse_date,
    parse_decimal,
)
from analytics.ingest.units import UnitResolver


@pytest.mark.parametrize(
    ("text", "integer", "expected"),
    [
        ("1.694", True, Decimal(1694)),
        ("20.735", True, Decimal(20735)),
        ("23.400.000", True, Decimal(23400000)),
        ("1,694", True, Decimal(1694)),
        ("4,40", False, Decimal("4.40")),
        ("4.4", False, Decimal("4.4")),  # a numeric cell as the reader renders it
        ("8,17%", False, Decimal("0.0817")),
        ("1.694,5", False, Decimal("1694.5")),
        ("1694.0", True, Decimal(1694)),
        (" 12 ", True, Decimal(12)),
        ("(3)", True, Decimal(-3)),
        ("23.400.000 đ", True, Decimal(23400000)),
        ("23.400.000₫", True, Decimal(23400000)),
    ],
)
def test_parse_decimal(text: str, integer: bool, expected: Decimal) -> None:
    assert parse_decimal(text, integer=integer) == expected


@pytest.mark.parametrize(("text", "code"), [("abc", "bad_number"), ("4,5", "not_integer"), ("1.2.3,4,5", "bad_number")])
def test_parse_decimal_errors(text: str, code: str) -> None:
    with pytest.raises(ValueError, match=code):
        parse_decimal(text, integer=True)


@pytest.mark.parametrize(
    ("text", "expected", "precision"),
    [
        ("12/03/1980", date(1980, 3, 12), "day"),
        ("2/3/1980", date(1980, 3, 2), "day"),
        ("12-03-1980", date(1980, 3, 12), "day"),
        ("12.03.1980", date(1980, 3, 12), "day"),
        ("1980-03-12 00:00:00", date(1980, 3, 12), "day"),
        ("ngày 5 tháng 3 năm 2024", date(2024, 3, 5), "day"),
        ("03/2025", date(2025, 3, 1), "month"),
        ("1980", date(1980, 1, 1), "year"),
        ("29292", date(1980, 3, 12), "day"),  # Excel serial
        ("29292.0", date(1980, 3, 12), "day"),
    ],
)
def test_parse_date(text: str, expected: date, precision: str) -> None:
    assert parse_date(text) == (expected, precision)


@pytest.mark.parametrize("text", ["31/02/1980", "hôm qua", "13/13/2020", ""])
def test_parse_date_errors(text: str) -> None:
    with pytest.raises(ValueError, match="bad_date"):
        parse_date(text)


@pytest.mark.parametrize(("a", "b"), [("Thuỷ", "Thủy"), ("Hoà", "Hòa"), ("HOÀ  BÌNH", "hòa bình"), ("Khoẻ", "khỏe")])
def test_tone_placement_and_case_fold(a: str, b: str) -> None:
    assert key(a) == key(b)


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("NGÀY, THÁNG,\nNĂM SINH", "ngày tháng năm sinh"),
        ("Họ và tên (1)", "họ và tên"),
        ("Nam/Nữ", "nam / nữ"),
    ],
)
def test_header_keys(header: str, expected: str) -> None:
    assert header_keys(header)[0] == expected


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Công chức", "cong_chuc"),
        ("Nghỉ hưu trước tuổi", "nghi_huu_truoc_tuoi"),
        ("Nữ", "nu"),
        ("A2.1", "a2.1"),
        ("Đang công tác", "dang_cong_tac"),
    ],
)
def test_code_key(text: str, code: str) -> None:
    assert code_key(text) == code


def test_ascii_key() -> None:
    assert ascii_key("Đơn vị") == "don vi"


@pytest.mark.parametrize(
    ("text", "roman"),
    [("I", True), ("II.", True), ("iv", True), ("1", False), ("IIII", False), ("", False), ("CỘNG", False)],
)
def test_is_roman(text: str, roman: bool) -> None:
    assert is_roman(text) is roman


@pytest.mark.parametrize(("text", "value"), [("x", True), ("Có", True), ("không", False), ("0", False)])
def test_parse_bool(text: str, value: bool) -> None:
    assert parse_bool(text) is value


@pytest.fixture(scope="module")
def resolver() -> UnitResolver:
    r = UnitResolver()
    r.add(
        pd.DataFrame(
            {
                "unit_code": ["XA001", "QNK", "PAC", "SNV", "XA002", "XA003"],
                "name": [
                    "Phường Ninh Kiều",
                    "Quận Ninh Kiều",
                    "Phường An Cư",
                    "Sở Nội vụ",
                    "Xã Tân Lộc",
                    "Phường Tân Lộc",
                ],
                "short_name": [None, None, None, "SNV", None, None],
                "old": [False, True, True, False, False, False],
            }
        )
    )
    return r


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("XA001", "XA001"),
        ("xa001", "XA001"),
        ("Phường Ninh Kiều", "XA001"),
        ("UBND phường Ninh Kiều", "XA001"),
        ("PHƯỜNG NINH KIỀU", "XA001"),
        ("Quận Ninh Kiều (cũ)", "QNK"),
        ("Ninh Kiều (cũ)", "QNK"),
        ("Ninh Kiều", "XA001"),
        ("Phuong An Cu", "PAC"),
        ("SỞ NỘI VỤ", "SNV"),
        ("Ủy ban nhân dân xã Tân Lộc", "XA002"),
    ],
)
def test_unit_names(resolver: UnitResolver, text: str, code: str) -> None:
    assert resolver.resolve(text) == (code, [])


def test_unit_ambiguous_and_unknown(resolver: UnitResolver) -> None:
    assert resolver.resolve("Tân Lộc") == (None, ["XA002", "XA003"])
    assert resolver.resolve("Sở Ngoại vụ") == (None, [])


def test_kind_specs_match_schema(tmp_path: Path) -> None:
    con = db.connect(tmp_path / "s.duckdb")
    try:
        for kind in KINDS.values():
            rows = con.execute(
                "SELECT column_name, is_nullable, column_default FROM information_schema.columns "
                "WHERE table_name = $t AND column_name <> 'batch_id' ORDER BY ordinal_position",
                {"t": kind.table},
            ).fetchall()
            assert [c.name for c in kind.columns] == [r[0] for r in rows], kind.name
            for c, (_, nullable, default) in zip(kind.columns, rows, strict=True):
                assert c.required == (nullable == "NO" and default is None), (kind.name, c.name)
            for coded in CODED_COLUMNS.get(kind.table, {}):
                assert kind.column(coded).type == "code", (kind.name, coded)
    finally:
        con.close()


def test_every_message_has_both_languages() -> None:
    for code, texts in MESSAGES.items():
        assert set(texts) == {"vi", "en"}, code


def test_clean_texts_gives_clean_text_of_each_value(monkeypatch: pytest.MonkeyPatch) -> None:
    """The column-at-once cleaning the importer uses equals clean_text value by value, whatever mix of
    clean and dirty texts a chunk holds: decomposed accents, doubled and odd spaces, line breaks,
    blanks, edge whitespace of every kind Python trims, a NUL inside a value, numbers."""
    rnd = random.Random(7)
    spaces = [c for c in map(chr, range(0x3001)) if c.isspace()]
    pieces = ["Nguyễn", "Thị", "Hoà", unicodedata.normalize("NFD", "Lê Văn Tám"), "P.Tân An", "\0", "x", "12,5"]

    def text() -> str:
        words = [rnd.choice(pieces) for _ in range(rnd.randrange(0, 4))]
        glue = [rnd.choice([" ", " ", " ", *spaces]) for _ in words]
        s = "".join(w + g for w, g in zip(words, glue, strict=True))
        return rnd.choice(["", rnd.choice(spaces)]) + s

    # chunks that take the fast path: clean but for one edge space of any kind but the collapsed ones
    # and those NFC changes (U+2000 EN QUAD is U+2002 EN SPACE in NFC)
    edges = ["", *(c for c in spaces if c not in "\n\t\r\xa0" and unicodedata.is_normalized("NFC", c))]
    clean_run = [f"{rnd.choice(edges)}Người {i}{rnd.choice(edges)}" for i in range(2000)]
    mixed: list[object] = [*(text() for _ in range(3000)), 7, 2.5, *clean_run[:700], ""]
    rnd.shuffle(mixed)
    values = [*clean_run, *mixed]
    assert {clean_text(v) for v in clean_run} == {f"Người {i}" for i in range(2000)}
    expected = [clean_text(v if v is None else str(v)) for v in values]
    one_by_one: list[str | None] = []

    def counted(v: str | None) -> str | None:
        one_by_one.append(v)
        return clean_text(v)

    monkeypatch.setattr(text_keys, "clean_text", counted)
    assert clean_texts(values) == expected
    assert 0 < len(one_by_one) <= len(values) - 3 * 512  # both ways taken: the clean run (3 chunks) fast
    assert clean_texts([]) == []


def test_parse_dates_agrees_with_parse_date_on_every_text() -> None:
    """The Arrow path gives what ``parse_date`` gives, or leaves the text to it: generated texts
    of every form people write (separators, spaces, impossible days, leap years, years out of
    range, times, other digits, months, serials, words)."""
    import random

    from analytics.ingest.normalize import parse_date, parse_dates

    rnd = random.Random(20261205)
    texts = []
    for _ in range(6000):
        d, m, y = (
            rnd.randrange(0, 33),
            rnd.randrange(0, 14),
            rnd.choice([rnd.randrange(1880, 2120), 0, 9999, 1900, 2000]),
        )
        sep = rnd.choice("/.-")
        pad = rnd.choice(["", " ", "  ", "\t", "\xa0"])
        form = rnd.randrange(8)
        if form == 0:
            texts.append(f"{pad}{d:02d}{sep}{m:02d}{sep}{y:04d}{pad}")
        elif form == 1:
            texts.append(f"{d}{pad}{sep}{pad}{m}{pad}{sep}{pad}{y}")
        elif form == 2:
            texts.append(
                f"{y:04d}-{m:02d}-{d:02d}" + rnd.choice(["", " 00:00:00", " 00:00:00.000", "T00:00:00", " 12:30:00"])
            )
        elif form == 3:
            texts.append(f"{m:02d}/{y}")
        elif form == 4:
            texts.append(str(rnd.randrange(0, 90000)))
        elif form == 5:
            texts.append(f"ngày {d} tháng {m} năm {y}")
        elif form == 6:
            texts.append(f"{d:02d}/{m:02d}/{y}".translate(str.maketrans("0123456789", "０１２３４５６７８９")))
        else:
            texts.append(rnd.choice(["", "abc", "x/y/z", "1/2/3", "31/12", "2024", "--"]))
    fast = parse_dates(texts)
    found = 0
    for text, value in zip(texts, fast, strict=True):
        if value is None:
            continue
        found += 1
        assert parse_date(text) == (value, "day"), text
    assert found > 500
    valid = [f"{d:02d}/{m:02d}/{y}" for d, m, y in ((1, 1, 1900), (29, 2, 2000), (31, 12, 2100), (5, 3, 2024))]
    assert parse_dates([*valid, "2024-03-05", "2024-3-5 00:00:00"]) == [
        date(1900, 1, 1),
        date(2000, 2, 29),
        date(2100, 12, 31),
        date(2024, 3, 5),
        date(2024, 3, 5),
        date(2024, 3, 5),
    ]  # (the common forms do take the fast path)
    assert parse_dates([]) == [] and parse_dates(["01/02/2000", 5]) == [None, None]  # type: ignore[list-item]


def test_factorize_values_is_pandas_factorize_by_value() -> None:
    """Equal texts held by different objects (a column the reader did not share), blanks (None,
    NaN) and other values: the same codes and uniques as ``pd.factorize``, in the same order."""
    import numpy as np

    from analytics.ingest.validate import factorize_values

    rnd = random.Random(7)
    pool = ["Nam", "Nữ", "Kinh", "", "01/02/1980", "x"]
    for n in (0, 1, 5, 1000):
        values = np.empty(n, dtype=object)
        for i in range(n):
            k = rnd.randrange(9)
            values[i] = None if k == 6 else float("nan") if k == 7 else Decimal("2.34") if k == 8 else "".join(pool[k])
        codes, uniques = factorize_values(values)
        want_codes, want_uniques = pd.factorize(values, use_na_sentinel=True)
        assert codes.tolist() == want_codes.tolist() and list(uniques) == list(want_uniques)


def test_factorize_rows_is_pandas_factorize_of_the_rows_tuples() -> None:
    """The pay group, step, coefficient and category of each row: the codes and distinct tuples
    ``pd.factorize`` gives the rows' tuples, with blanks, equal values held by other objects, and
    a column with a float NaN (left to the tuples)."""
    import numpy as np

    from analytics.ingest.validate import factorize_rows

    rnd = random.Random(11)
    for n, nan in ((0, False), (1, False), (2000, False), (500, True)):
        cols = []
        for pool in (
            ["A1", "A2.1", None, "A0"],
            [1, 2, 3, None],
            [Decimal("2.34"), Decimal("2.340"), None],
            ["a", "b"],
        ):
            col = np.empty(n, dtype=object)
            for i in range(n):
                v = rnd.choice(pool)
                col[i] = "".join(v) if isinstance(v, str) else v
            cols.append(col)
        if nan and n:
            cols[2][rnd.randrange(n)] = float("nan")
        codes, uniques = factorize_rows(*cols)
        want_codes, want = pd.factorize(pd.Series(list(zip(*cols, strict=True)), dtype=object))
        assert codes.tolist() == want_codes.tolist()
        assert [tuple(map(str, u)) for u in uniques] == [tuple(map(str, u)) for u in want]
