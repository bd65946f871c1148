"""Build the hostile import corpus: files an attacker, a broken export or an old office PC produces.

Generated in the test session (never committed as binaries) so every file is reviewable here;
``python tests/hostile/make_hostile.py OUTDIR`` writes them to look at.

``CASES``: file name -> (builder, expectation). An expectation is ``{"exit": 0 | 2, "words": [...]}``:
the exit code of ``python -m analytics import`` and words its output must contain (Vietnamese);
``"query": (sql, text)`` adds a value the database must hold afterwards.
Refusals (exit 2) must leave the database unchanged. Every file must finish within the test's time
and memory caps (``tests/test_ingest_hostile.py``).
"""

from __future__ import annotations

import io
import re
import sys
import zipfile
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from openpyxl import Workbook

if __name__ == "__main__":  # run as a script: the repository root on the path
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.ingest_helpers import write_cases  # noqa: E402

HEADER = ["Mã đơn vị", "Mã cán bộ", "Họ và tên", "Ngày sinh", "Giới tính", "Loại cán bộ", "Hệ số lương"]
GOOD_ROW = ["SNV", "H1", "Nguyễn Văn An", "01/01/1980", "Nam", "Công chức", "2,34"]
QUOTA_HEADER = ["Mã đơn vị", "Năm", "Loại biên chế", "Biên chế được giao"]


def _xlsx(rows: list[list[Any]], title: str = "Sheet1") -> bytes:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = title
    for r in rows:
        ws.append(r)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _roster(*rows: list[Any]) -> bytes:
    return _xlsx([HEADER, *rows])


def _csv(lines: list[str], encoding: str = "utf-8") -> bytes:
    return ("\r\n".join(lines) + "\r\n").encode(encoding)


def _csv_roster(*rows: list[str]) -> list[str]:
    def line(r: list[str]) -> str:
        return ",".join(f'"{v}"' if "," in v else v for v in r)

    return [line(HEADER), *(line(r) for r in rows)]


def _rezip(
    base: bytes,
    edit: Callable[[str, bytes], bytes | None],
    extra: dict[str, bytes] | None = None,
    compression: int = zipfile.ZIP_DEFLATED,
) -> bytes:
    """A copy of the zip ``base`` with each part passed through ``edit`` (None drops it), plus ``extra``."""
    src = zipfile.ZipFile(io.BytesIO(base))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression) as z:
        for info in src.infolist():
            data = edit(info.filename, src.read(info))
            if data is not None:
                z.writestr(info.filename, data)
        for name, data in (extra or {}).items():
            z.writestr(name, data)
    return buf.getvalue()


def _sheet_xml_edit(sub: Callable[[bytes], bytes]) -> Callable[[str, bytes], bytes]:
    return lambda name, data: sub(data) if name == "xl/worksheets/sheet1.xml" else data


# ------------------------------------------------------------------------------ from issue 12's table


def csv_utf16(encoding: str) -> Callable[[], bytes]:
    bom = b"\xff\xfe" if encoding == "utf-16-le" else b"\xfe\xff"
    return lambda: bom + _csv(_csv_roster(GOOD_ROW), encoding)


def csv_big_field(size: int) -> Callable[[], bytes]:
    return lambda: _csv(_csv_roster(GOOD_ROW, ["SNV", "H2", "x" * size, "01/01/1981", "Nữ", "Công chức", "2,34"]))


def nan_text() -> bytes:
    return _xlsx(
        [
            QUOTA_HEADER,
            ["SNV", 2024, "Công chức", "NaN"],
            ["SNV", 2025, "Công chức", "Infinity"],
            ["SYT", 2024, "Công chức", "-Infinity"],
            ["SYT", 2025, "Công chức", "inf"],
        ]
    )


def nan_numeric() -> bytes:
    """Numeric cells (t="n") whose value is NaN / INF / -INF: what some exporters write."""
    base = _xlsx(
        [
            QUOTA_HEADER,
            ["SNV", 2024, "Công chức", 111111],
            ["SNV", 2025, "Công chức", 222222],
            ["SYT", 2024, "Công chức", 333333],
        ]
    )
    return _rezip(
        base,
        _sheet_xml_edit(
            lambda x: (
                x.replace(b">111111<", b">NaN<").replace(b">222222<", b">INF<").replace(b">333333<", b">-Infinity<")
            )
        ),
    )


def huge_numbers() -> bytes:
    """Numbers too large for their column: a 32-bit count, a 64-bit amount, a DECIMAL(5,2), 1e400."""
    return _xlsx(
        [
            QUOTA_HEADER,
            ["SNV", 2024, "Công chức", 5_000_000_000],
            ["SNV", 2025, "Công chức", "1e30"],
            ["SYT", 2024, "Công chức", "1e400"],
            ["SYT", 2025, "Công chức", "99999999999999999999999"],
        ]
    )


def huge_coef() -> bytes:
    return _roster(
        ["SNV", "H1", "An", "01/01/1980", "Nam", "Công chức", "1e30"],
        ["SNV", "H2", "Bình", "01/01/1981", "Nữ", "Công chức", "NaN"],
    )


def comma_bomb() -> bytes:
    return b"," * (20 * 1024 * 1024)


def newline_bomb() -> bytes:
    return b"\n" * (50 * 1024 * 1024)


def dates_before_1900() -> bytes:
    """Birth dates before 1900: as text, and as a date cell (Excel cannot store those; openpyxl
    writes a negative serial)."""
    return _roster(
        ["SNV", "H1", "An", "01/01/1850", "Nam", "Công chức", "2,34"],
        ["SNV", "H2", "Bình", date(1899, 12, 1), "Nữ", "Công chức", "2,34"],
    )


def dates_1904() -> bytes:
    """A workbook in the 1904 date system (old Mac Excel): date cells count days from 1904."""
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    wb.epoch = __import__("openpyxl").utils.datetime.CALENDAR_MAC_1904
    for r in [HEADER, ["SNV", "H1", "An", date(1980, 1, 1), "Nam", "Công chức", "2,34"]]:
        ws.append(r)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


# ------------------------------------------------------------------------------------------ zip / XML


def zip_ratio_bomb() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/worksheets/sheet1.xml", b"\0" * (50 * 1024 * 1024))
    return buf.getvalue()


def zip_many_parts() -> bytes:
    return _rezip(
        _roster(GOOD_ROW), lambda n, d: d, {f"xl/media/p{i}.xml": b"<a/>" for i in range(6000)}, zipfile.ZIP_STORED
    )


def zip_total_bomb() -> bytes:
    """Many parts each under the ratio check's floor, together over a gigabyte uncompressed."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        chunk = b"<a>" + b" " * (4 * 1024 * 1024) + b"</a>"
        for i in range(300):
            z.writestr(f"xl/worksheets/s{i}.xml", chunk)
    return buf.getvalue()


def zip_nested() -> bytes:
    """A bomb inside the workbook (an embedded object): the ratio check looks at every part."""
    return _rezip(_roster(GOOD_ROW), lambda n, d: d, {"xl/embeddings/oleObject1.bin": b"\0" * (30 * 1024 * 1024)})


def _with_part(name: str, xml: bytes) -> bytes:
    base = _roster(GOOD_ROW)
    extra = {} if name in zipfile.ZipFile(io.BytesIO(base)).namelist() else {name: xml}
    return _rezip(base, lambda n, d: xml if n == name else d, extra)


def billion_laughs() -> bytes:
    ents = "".join(f'<!ENTITY l{i} "{("&l" + str(i - 1) + ";") * 10}">' for i in range(1, 10))
    return _with_part(
        "xl/sharedStrings.xml",
        (
            f'<?xml version="1.0"?><!DOCTYPE s [<!ENTITY l0 "lol">{ents}]>'
            '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>&l9;</t></si></sst>'
        ).encode(),
    )


def quadratic_blowup() -> bytes:
    big = "A" * 100_000
    return _with_part(
        "xl/sharedStrings.xml",
        (
            f'<?xml version="1.0"?><!DOCTYPE s [<!ENTITY a "{big}">]>'
            '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>'
            + "&a;" * 5000
            + "</t></si></sst>"
        ).encode(),
    )


def xxe() -> bytes:
    return _with_part(
        "xl/workbook.xml",
        b'<?xml version="1.0"?><!DOCTYPE w [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        b'<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">&x;</workbook>',
    )


def xml_utf16_doctype() -> bytes:
    xml = '<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE w [<!ENTITY x "y">]><workbook/>'
    return _with_part("xl/workbook.xml", xml.encode("utf-16"))


def xml_late_doctype() -> bytes:
    good = _roster(GOOD_ROW)
    return _rezip(
        good,
        lambda n, d: (
            (b"<!-- padding -->" * 6400 + b'<!DOCTYPE x [<!ENTITY a "b">]>' + d.split(b"?>", 1)[-1])
            if n == "xl/workbook.xml"
            else d
        ),
    )


def encrypted_ole() -> bytes:
    """What Excel writes for a password-protected workbook: an OLE container holding an
    ``EncryptedPackage`` stream (a minimal stand-in: the header and the directory entry name)."""
    head = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504
    entry = "EncryptedPackage".encode("utf-16-le") + b"\0" * 32
    return head + b"\0" * 512 + entry + b"\0" * 2048


def encrypted_zip() -> bytes:
    """A zip whose parts carry the 'encrypted' flag (a password zip renamed .xlsx)."""
    raw = bytearray(_roster(GOOD_ROW))
    for sig in (b"PK\x03\x04", b"PK\x01\x02"):
        at = 0
        while (at := raw.find(sig, at)) >= 0:
            flag_at = at + (6 if sig == b"PK\x03\x04" else 8)
            raw[flag_at] |= 1
            at += 4
    return bytes(raw)


def macros() -> bytes:
    """An .xlsm renamed .xlsx: values are read, the VBA project is never run."""
    return _rezip(_roster(GOOD_ROW), lambda n, d: d, {"xl/vbaProject.bin": b"\xd0\xcf\x11\xe0" + b"\0" * 2000})


def xlsb() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/workbook.bin", b"\x83\x01\x00" * 30)
        z.writestr("xl/worksheets/sheet1.bin", b"\x81\x01\x00" * 30)
    return buf.getvalue()


def ods() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet", zipfile.ZIP_STORED)
        z.writestr("content.xml", "<office:document-content/>")
    return buf.getvalue()


def html_renamed() -> bytes:
    return ("<html><body><table><tr><td>" + "</td><td>".join(HEADER) + "</td></tr></table></body></html>").encode()


def html_bom() -> bytes:
    return b"\xef\xbb\xbf\r\n  " + "<!DOCTYPE html><html><table><tr><td>Mã đơn vị</td></tr></table></html>".encode()


def zip_traversal() -> bytes:
    return _rezip(_roster(GOOD_ROW), lambda n, d: d, {"../../../../tmp/evil.xml": b"<a/>"})


def zip_duplicate_entry() -> bytes:
    """Two entries named like the sheet: a checker may read one and the parser the other."""
    import warnings

    base = _roster(GOOD_ROW)
    src = zipfile.ZipFile(io.BytesIO(base))
    buf = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
            for info in src.infolist():
                z.writestr(info.filename, src.read(info))
            z.writestr("xl/worksheets/sheet1.xml", b"<worksheet/>")
    return buf.getvalue()


def truncated() -> bytes:
    data = _roster(GOOD_ROW)
    return data[: len(data) // 2]


# ----------------------------------------------------------------------------------------- odd shapes


def wide_16384() -> bytes:
    """A header row reaching column XFD (16.384 columns, Excel's maximum)."""
    return _xlsx([HEADER + [f"C{i}" for i in range(len(HEADER), 16384)], GOOD_ROW])


def rows_1048576() -> bytes:
    """A roster whose last cell sits in row 1.048.576 (Excel's last row): a million empty rows."""
    base = _roster(GOOD_ROW)

    def sub(x: bytes) -> bytes:
        return x.replace(
            b"</sheetData>", b'<row r="1048576"><c r="A1048576" t="inlineStr"><is><t>x</t></is></c></row></sheetData>'
        ).replace(b'<dimension ref="A1:G2"/>', b'<dimension ref="A1:G1048576"/>')

    return _rezip(base, _sheet_xml_edit(sub))


def sheets_500() -> bytes:
    wb = Workbook()
    for i in range(500):
        ws = wb.active if i == 0 else wb.create_sheet()
        assert ws is not None
        ws.title = f"S{i}"
        ws["A1"] = f"trang {i}"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def control_chars() -> bytes:
    """Control characters and a null byte in shared strings (written as Excel's _x0000_ escapes
    and raw), plus a vertical tab in a name."""
    base = _roster(["SNV", "H1", "Nguyễn Văn An", "01/01/1980", "Nam", "Công chức", "2,34"])
    return _rezip(
        base,
        lambda n, d: (
            d.replace("Nguyễn Văn An".encode(), b"Nguy\x0b\x1bn_x0000_ V\x07n\x7f An")
            if n in ("xl/sharedStrings.xml", "xl/worksheets/sheet1.xml")
            else d
        ),
    )


def csv_null_bytes() -> bytes:
    return _csv(_csv_roster(["SNV", "H1", "An\x00\x00", "01/01/1980", "Nam", "Công chức", "2,34"]))


def csv_null_late() -> bytes:
    """The NUL bytes after 64 KB of good rows (past the binary sniff of the first block)."""
    rows = [["SNV", f"H{i}", "Nguyễn Văn An", "01/01/1980", "Nam", "Công chức", "2,34"] for i in range(1500)]
    rows.append(["SNV", "HX", "A\x00n", "01/01/1980", "Nam", "Công chức", "2,34"])
    return _csv(_csv_roster(*rows))


def bidi_emoji() -> bytes:
    return _roster(
        ["SNV", "H1", "Nguyễn \u202eVăn\u202c An 👩‍💼", "01/01/1980", "Nam", "Công chức", "2,34"],
        ["SNV", "H2", "Trần 🇻🇳 Bình \u200f", "02/02/1982", "Nữ", "Công chức", "2,34"],
    )


def homoglyph_unit() -> bytes:
    return _roster(["\u0405NV", "H1", "An", "01/01/1980", "Nam", "Công chức", "2,34"])  # Cyrillic Ѕ


def formula_cells() -> bytes:
    """Formula and CSV-injection texts: stored as text, never evaluated."""
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(HEADER)
    ws.append(["SNV", "H1", '=HYPERLINK("http://x","An")', "01/01/1980", "Nam", "Công chức", "2,34"])
    ws.append(["SNV", "H2", "Bình", "01/01/1981", "Nữ", "Công chức", "2,34"])
    ws["C3"].value = "=cmd|' /C calc'!A0"
    ws["C3"].data_type = "s"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def csv_injection() -> bytes:
    return _csv(
        _csv_roster(
            ["SNV", "H1", "=cmd|' /C calc'!A0", "01/01/1980", "Nam", "Công chức", "2,34"],
            ["SNV", "H2", "@SUM(1+1)*cmd|' /C calc'!A0", "01/01/1981", "Nữ", "Công chức", "2,34"],
            ["SNV", "H3", "+1+1", "01/01/1982", "Nữ", "Công chức", "2,34"],
        )
    )


def duplicate_headers() -> bytes:
    return _xlsx([[*HEADER, "Họ và tên"], [*GOOD_ROW, "Tên khác"]])


def header_only_xlsx() -> bytes:
    return _xlsx([HEADER])


def header_only_csv() -> bytes:
    return _csv([",".join(HEADER)])


# --------------------------------------------------------------------------------------------- CSV

_TCVN3 = {
    "ă": "¨",
    "â": "©",
    "ê": "ª",
    "ô": "«",
    "ơ": "¬",
    "ư": "\xad",
    "đ": "®",
    "Đ": "§",
    "à": "µ",
    "á": "¸",
    "ả": "¶",
    "ã": "·",
    "ạ": "¹",
    "ễ": "Ô",
    "ộ": "é",
    "ị": "Þ",
    "ọ": "ä",
    "ớ": "í",
    "ồ": "å",
    "ũ": "ò",
    "ữ": "÷",
    "ụ": "ô",
    "ổ": "ç",
    "ệ": "Ö",
    "ờ": "ê",
    "ế": "Õ",
    "ủ": "ñ",
    "í": "Ý",
    "ì": "×",
    "ù": "ó",
    "ú": "ó",
    "ư\u0301": "ø",
    "ỳ": "ú",
    "ý": "ý",
    "è": "Ì",
    "é": "Ð",
    "ò": "ß",
    "ó": "ã",
    "ỏ": "á",
    "õ": "â",
}
_VNI = {
    "ễ": "eã",
    "ă": "aê",
    "â": "aâ",
    "ê": "eâ",
    "ô": "oâ",
    "ơ": "ô",
    "ư": "ö",
    "đ": "ñ",
    "Đ": "Ñ",
    "à": "aø",
    "á": "aù",
    "ả": "aû",
    "ã": "aõ",
    "ạ": "aï",
    "ộ": "oä",
    "ị": "ò",
    "ọ": "oï",
    "ồ": "oà",
    "ổ": "oå",
    "ệ": "eä",
    "ế": "eá",
    "ờ": "ôø",
    "ớ": "ôù",
    "ủ": "uû",
    "ụ": "uï",
    "ũ": "uõ",
    "ữ": "öõ",
    "í": "í",
    "ì": "ì",
    "ý": "yù",
}


def _legacy(text: str, table: dict[str, str]) -> bytes:
    out = "".join(table.get(ch, ch) for ch in text)
    return out.encode("latin-1", errors="replace")


def _legacy_rows() -> str:
    return (
        "\r\n".join(
            [
                "Tên đơn vị;Mã cán bộ;Họ và tên;Ngày sinh;Giới tính;Loại cán bộ",
                "Sở Nội vụ;CB1;Nguyễn Thị Hồng;12/03/1985;Nữ;Công chức",
                "Sở Nội vụ;CB2;Trần Văn Đức;01/02/1979;Nam;Công chức",
                "Sở Nội vụ;CB3;Lê Thị Mỹ Lệ;01/02/1989;Nữ;Viên chức",
            ]
        )
        + "\r\n"
    )


def tcvn3() -> bytes:
    return _legacy(_legacy_rows(), _TCVN3)


def vni() -> bytes:
    return _legacy(_legacy_rows(), _VNI)


def cp1258() -> bytes:
    return _cp1258(_legacy_rows())


def _cp1258(text: str) -> bytes:
    import unicodedata

    out = []
    for ch in unicodedata.normalize("NFC", text):
        base, *marks = list(unicodedata.normalize("NFD", ch))
        vowel = "".join(m for m in marks if m in "\u0302\u0306\u031b")
        tones = "".join(m for m in marks if m not in "\u0302\u0306\u031b")
        out.append((unicodedata.normalize("NFC", base + vowel) + tones).encode("cp1258"))
    return b"".join(out)


def csv_wide() -> bytes:
    return _csv([",".join(HEADER + [f"C{i}" for i in range(20000)]), ",".join(GOOD_ROW)])


def csv_too_many_rows() -> bytes:
    head = ",".join(HEADER).encode() + b"\n"
    return head + b"SNV,H1\n" * 1_100_000


def csv_cells_bomb() -> bytes:
    """20.000 lines of 1.000 empty fields: each shape cap holds, the grid (20 million cells) would not."""
    return ",".join(HEADER).encode() + b"\n" + (b"," * 999 + b"\n") * 20_000


def csv_unclosed_quote() -> bytes:
    return _csv(_csv_roster(GOOD_ROW)) + b'SNV,H2,"Binh,01/01/1980,N\xe1\xbb\xaf\n' + b"x" * 300_000


def csv_random_binary() -> bytes:
    import random

    rnd = random.Random(12)
    return bytes(rnd.randrange(256) for _ in range(100_000))


def csv_utf16_no_bom() -> bytes:
    return _csv(_csv_roster(GOOD_ROW), "utf-16-le")


def csv_bom_only() -> bytes:
    return b"\xef\xbb\xbf"


def csv_mac_newlines() -> bytes:
    return "\r".join(_csv_roster(GOOD_ROW)).encode() + b"\r"


def csv_invalid_utf8_tail() -> bytes:
    return _csv(_csv_roster(GOOD_ROW)) + b"SNV,H2,\xff\xfe\xfd,01/01/1980,Nam,CC,2\n"


def empty() -> bytes:
    return b""


def pdf_renamed() -> bytes:
    return b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer\n%%EOF\n"


def exe_renamed() -> bytes:
    return b"MZ\x90\x00" + b"\0" * 1000


def xml_spreadsheet_2003() -> bytes:
    return b'<?xml version="1.0"?><?mso-application progid="Excel.Sheet"?><Workbook></Workbook>'


def long_cell_xlsx() -> bytes:
    """A 40.000-character cell (Excel stops at 32.767; openpyxl too, so the XML is edited)."""
    return _rezip(
        _roster(["SNV", "H1", "LONGNAME", "01/01/1980", "Nam", "Công chức", "2,34"]),
        lambda n, d: d.replace(b"LONGNAME", b"A" * 40_000),
    )


def unicode_bomb_names() -> bytes:
    """A sheet name and headers of combining marks (zalgo), and a 10.000-character code."""
    return _xlsx(
        [
            HEADER,
            ["SNV", "H" + "\u0301" * 200, "A" + "\u0336" * 500, "01/01/1980", "Nam", "Công chức", "2,34"],
            ["SNV", "Z" * 10_000, "Bình", "01/01/1981", "Nữ", "Công chức", "2,34"],
        ],
        title="Ź̶̢" * 5,
    )


def bad_dates() -> bytes:
    return _roster(
        ["SNV", "H1", "An", "00/00/0000", "Nam", "Công chức", "2,34"],
        ["SNV", "H2", "Bình", "31/12/9999", "Nữ", "Công chức", "2,34"],
        ["SNV", "H3", "Chi", "-5", "Nữ", "Công chức", "2,34"],
        ["SNV", "H4", "Dũng", "99999999999", "Nam", "Công chức", "2,34"],
        ["SNV", "H5", "Em", "0001-01-01", "Nam", "Công chức", "2,34"],
    )


def shared_string_index() -> bytes:
    """A shared-string cell pointing past the end of the table."""
    return _rezip(
        _roster(GOOD_ROW), _sheet_xml_edit(lambda x: re.sub(rb'(t="s"><v>)\d+(</v>)', rb"\g<1>99999\2", x, count=1))
    )


def broken_sheet_xml() -> bytes:
    return _rezip(_roster(GOOD_ROW), _sheet_xml_edit(lambda x: x[: len(x) // 2]))


def missing_sheet_part() -> bytes:
    return _rezip(_roster(GOOD_ROW), lambda n, d: None if n == "xl/worksheets/sheet1.xml" else d)


def good_csv() -> bytes:
    return _csv(_csv_roster(GOOD_ROW))


REFUSED = 2
CASES: dict[str, tuple[Callable[[], bytes], dict[str, Any]]] = {
    # the table of issue 12
    "utf16le_bom.csv": (csv_utf16("utf-16-le"), {"exit": 0, "words": ["UTF-16", "person: 1"]}),
    "utf16be_bom.csv": (csv_utf16("utf-16-be"), {"exit": 0, "words": ["UTF-16", "person: 1"]}),
    "field_200kb.csv": (csv_big_field(200 * 1024), {"exit": REFUSED, "words": ["dòng 3", "cột C", "ký tự"]}),
    "field_1mb.csv": (csv_big_field(1024 * 1024), {"exit": REFUSED, "words": ["dòng 3", "cột C", "ký tự"]}),
    "nan_text.xlsx": (
        nan_text,
        {"exit": REFUSED, "words": ["dòng 2", "dòng 5", "không phải số", '"NaN"', '"-Infinity"']},
    ),
    "nan_numeric.xlsx": (nan_numeric, {"exit": REFUSED, "words": ["dòng 2", "dòng 4", "không phải số"]}),
    "huge_numbers.xlsx": (
        huge_numbers,
        {"exit": REFUSED, "words": ["dòng 2", "dòng 3", "dòng 4", "dòng 5", "quá lớn"]},
    ),
    "huge_coef.xlsx": (huge_coef, {"exit": REFUSED, "words": ["dòng 2", "dòng 3", "cột G"]}),
    "comma_bomb.csv": (comma_bomb, {"exit": REFUSED, "words": ["dòng 1", "cột", "tối đa"]}),
    "newline_bomb.csv": (newline_bomb, {"exit": REFUSED, "words": ["dòng", "tối đa"]}),
    "dates_before_1900.xlsx": (dates_before_1900, {"exit": REFUSED, "words": ["dòng 2", "dòng 3", "cột D"]}),
    "dates_1904.xlsx": (
        dates_1904,
        {
            "exit": 0,
            "words": ["person: 1"],
            "query": ("SELECT birth_date FROM person WHERE person_id = 'H1'", "1980-01-01"),
        },
    ),
    # the classic bombs and renamed formats
    "zip_ratio_bomb.xlsx": (zip_ratio_bomb, {"exit": REFUSED, "words": ["bom zip"]}),
    "zip_many_parts.xlsx": (zip_many_parts, {"exit": REFUSED, "words": ["bom zip", "6"]}),
    "zip_total_bomb.xlsx": (zip_total_bomb, {"exit": REFUSED, "words": ["bom zip"]}),
    "zip_nested.xlsx": (zip_nested, {"exit": REFUSED, "words": ["bom zip", "oleObject1.bin"]}),
    "billion_laughs.xlsx": (billion_laughs, {"exit": REFUSED, "words": ["ENTITY", "xl/sharedStrings.xml"]}),
    "quadratic_blowup.xlsx": (quadratic_blowup, {"exit": REFUSED, "words": ["ENTITY"]}),
    "xxe.xlsx": (xxe, {"exit": REFUSED, "words": ["ENTITY", "xl/workbook.xml"]}),
    "xml_utf16_doctype.xlsx": (xml_utf16_doctype, {"exit": REFUSED, "words": ["ENTITY"]}),
    "xml_late_doctype.xlsx": (xml_late_doctype, {"exit": REFUSED, "words": ["ENTITY"]}),
    "encrypted_ole.xlsx": (encrypted_ole, {"exit": REFUSED, "words": ["mật khẩu"]}),
    "encrypted_zip.xlsx": (encrypted_zip, {"exit": REFUSED, "words": ["mật khẩu"]}),
    "macros.xlsx": (macros, {"exit": 0, "words": ["macro", "person: 1"]}),
    "renamed.xlsb.xlsx": (xlsb, {"exit": REFUSED, "words": [".xlsb"]}),
    "renamed_ods.xlsx": (ods, {"exit": REFUSED, "words": [".ods"]}),
    "html_renamed.xls": (html_renamed, {"exit": REFUSED, "words": ["HTML"]}),
    "html_bom.xls": (html_bom, {"exit": REFUSED, "words": ["HTML"]}),
    "xml_2003.xls": (xml_spreadsheet_2003, {"exit": REFUSED, "words": ["XML"]}),
    "pdf_renamed.xlsx": (pdf_renamed, {"exit": REFUSED, "words": ["PDF"]}),
    "exe_renamed.xlsx": (exe_renamed, {"exit": REFUSED, "words": ["EXE"]}),
    "zip_traversal.xlsx": (zip_traversal, {"exit": REFUSED, "words": ["../../../../tmp/evil.xml"]}),
    "zip_duplicate_entry.xlsx": (
        zip_duplicate_entry,
        {"exit": REFUSED, "words": ["xl/worksheets/sheet1.xml", "hai lần"]},
    ),
    "truncated.xlsx": (truncated, {"exit": REFUSED, "words": ["hỏng"]}),
    "shared_string_index.xlsx": (shared_string_index, {"exit": 0, "words": ["person: 1"]}),
    "broken_sheet_xml.xlsx": (broken_sheet_xml, {"exit": REFUSED, "words": ["Sheet1", "bị hỏng"]}),
    "missing_sheet_part.xlsx": (missing_sheet_part, {"exit": REFUSED, "words": ["Sheet1", "bị hỏng"]}),
    "empty.xlsx": (empty, {"exit": REFUSED, "words": ["tệp rỗng"]}),
    # odd shapes
    "wide_16384.xlsx": (wide_16384, {"exit": REFUSED, "words": ["16384 cột", "tối đa"]}),
    "rows_1048576.xlsx": (rows_1048576, {"exit": REFUSED, "words": ["dòng 1048576", "thiếu giá trị bắt buộc"]}),
    "sheets_500.xlsx": (sheets_500, {"exit": REFUSED, "words": ["S499", "không nhận ra"]}),
    "control_chars.xlsx": (control_chars, {"exit": 0, "words": ["person: 1"]}),
    "null_bytes.csv": (csv_null_bytes, {"exit": REFUSED, "words": ["NUL", "dòng 2"]}),
    "null_bytes_late.csv": (csv_null_late, {"exit": REFUSED, "words": ["NUL", "dòng 1502"]}),
    "bidi_emoji.xlsx": (bidi_emoji, {"exit": 0, "words": ["person: 2"]}),
    "homoglyph_unit.xlsx": (homoglyph_unit, {"exit": REFUSED, "words": ["không tìm thấy đơn vị", "dòng 2"]}),
    # a formula is never evaluated: without a cached value its cell is blank
    "formula_cells.xlsx": (formula_cells, {"exit": REFUSED, "words": ["dòng 2", "cột C", "thiếu giá trị bắt buộc"]}),
    "csv_injection.csv": (csv_injection, {"exit": 0, "words": ["person: 3"]}),
    "duplicate_headers.xlsx": (duplicate_headers, {"exit": 0, "words": ["person: 1"]}),
    "header_only.xlsx": (header_only_xlsx, {"exit": REFUSED, "words": ["không có dòng dữ liệu"]}),
    "header_only.csv": (header_only_csv, {"exit": REFUSED, "words": ["không có dòng dữ liệu"]}),
    "long_cell.xlsx": (long_cell_xlsx, {"exit": REFUSED, "words": ["dòng 2", "cột C", "ký tự"]}),
    "zalgo_names.xlsx": (unicode_bomb_names, {"exit": 0, "words": ["person: 2"]}),
    "bad_dates.xlsx": (
        bad_dates,
        {
            "exit": REFUSED,
            "words": [
                "dòng 2",
                "dòng 3",
                "dòng 4",
                "dòng 5",
                "dòng 6",
                "cột D",
                "ngoài khoảng 01/01/1900 – 31/12/2100",
            ],
        },
    ),
    # CSV encodings and shapes
    "tcvn3.csv": (tcvn3, {"exit": REFUSED, "words": ["TCVN3", "Unicode"]}),
    "vni.csv": (vni, {"exit": REFUSED, "words": ["VNI", "Unicode"]}),
    "cp1258.csv": (cp1258, {"exit": 0, "words": ["Windows-1258", "person: 3"]}),
    "good.csv": (good_csv, {"exit": 0, "words": ["person: 1"]}),
    "wide_20000.csv": (csv_wide, {"exit": REFUSED, "words": ["dòng 1", "cột", "tối đa"]}),
    "too_many_rows.csv": (csv_too_many_rows, {"exit": REFUSED, "words": ["dòng", "tối đa"]}),
    "cells_bomb.csv": (csv_cells_bomb, {"exit": REFUSED, "words": ["1000 cột", "8000000 ô"]}),
    "unclosed_quote.csv": (csv_unclosed_quote, {"exit": REFUSED, "words": ["dòng 3", "cột C"]}),
    "random_binary.csv": (csv_random_binary, {"exit": REFUSED, "words": ["random_binary.csv", "binary"]}),
    "utf16_no_bom.csv": (csv_utf16_no_bom, {"exit": REFUSED, "words": ["UTF-16"]}),
    "bom_only.csv": (csv_bom_only, {"exit": REFUSED, "words": ["bom_only.csv", "không nhận ra"]}),
    "mac_newlines.csv": (csv_mac_newlines, {"exit": 0, "words": ["person: 1"]}),
    "invalid_utf8_tail.csv": (csv_invalid_utf8_tail, {"exit": REFUSED, "words": ["dòng 3", "UTF-8"]}),
}


def build(outdir: Path) -> dict[str, Path]:
    return write_cases(CASES, outdir)


if __name__ == "__main__":
    for p in build(Path(sys.argv[1] if len(sys.argv) > 1 else "hostile_out")).values():
        print(p)
