"""A big sheet parsed in two halves at once (analytics/ingest/_halves.py) gives what the whole
sheet's parse gives, the same table and layout, wherever the sheet is cut; a sheet with no row to
cut at near the middle is parsed whole. The workbooks are generated: rosters with title rows,
blanks, blank rows and a first column that stops, data from the third column, merged and hidden
rows, two sheets, and rows written by hand the ways other writers do (cells or rows without their
number, styled empty cells and rows, shared strings)."""

from __future__ import annotations

import io
import random
import re
import zipfile
import zlib
from datetime import datetime, timedelta
from typing import Any

import openpyxl
import pyarrow as pa
import pytest

from analytics.ingest import _halves, _reply, _workbook
from analytics.ingest.reader import ReadLimits, read_workbook

CUTS = (0.3, 0.55, 0.85)


def _roster(
    rnd: random.Random, ws: Any, rows: int, *, origin: tuple[int, int] = (1, 1), first_column_until: int | None = None
) -> None:
    """Title rows, a header, then people: a number, a name, a birth date, a coefficient, a unit;
    a tenth of the cells and one row in twenty blank."""
    r0, c0 = origin
    ws.cell(r0, c0, "DANH SÁCH CÁN BỘ, CÔNG CHỨC")
    ws.cell(r0 + 1, c0, "Tính đến ngày 30/09/2026")
    for j, h in enumerate(("STT", "Họ và tên", "Ngày sinh", "Hệ số lương", "Đơn vị")):
        ws.cell(r0 + 3, c0 + j, h)
    for i in range(rows):
        r = r0 + 4 + i
        if rnd.random() < 0.05:
            continue
        values = (
            i + 1 if first_column_until is None or i < first_column_until else None,
            f"Nguyễn Văn {rnd.randrange(10**6)}",
            datetime(1965, 1, 1) + timedelta(days=rnd.randrange(14000)),
            round(rnd.uniform(1.8, 8.0), 2),
            rnd.choice(["Phường Ninh Kiều", "Xã Phong Điền", "Sở Nội vụ"]),
        )
        for j, v in enumerate(values):
            if v is not None and rnd.random() > 0.1:
                ws.cell(r, c0 + j, v)


def _book(build: Any) -> bytes:
    wb = openpyxl.Workbook()
    build(wb)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _rewritten(data: bytes, edit: Any) -> bytes:
    """``data`` with its first sheet's XML changed by ``edit`` (a writer other than openpyxl)."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name in src.namelist():
            body = src.read(name)
            z.writestr(name, edit(body) if name == "xl/worksheets/sheet1.xml" else body)
    return out.getvalue()


def _other_writers(xml: bytes) -> bytes:
    """Rows as other programs write them: every fifth row a styled empty row, every eleventh a
    row of styled empty cells, every third row's
    cells without their reference, every seventh row without its number, and a styled empty cell
    at the end of the other rows."""
    head, *rows = re.split(rb"(?=<row )", xml)
    out = [head]
    for i, row in enumerate(rows, 1):
        number = re.match(rb'<row r="(\d+)"', row)
        if i % 5 == 0 and number:
            tail = row[row.index(b"</row>") + len(b"</row>") :]
            row = b'<row r="' + number.group(1) + b'" s="1" customFormat="1"/>' + tail
        elif i % 11 == 0 and number:  # a row of styled empty cells only
            tail = row[row.index(b"</row>") + len(b"</row>") :]
            row = b'<row r="' + number.group(1) + b'"><c r="B' + number.group(1) + b'" s="1"/></row>' + tail
        elif i % 3 == 0:
            row = re.sub(rb'(<c) r="[A-Z]+\d+"', rb"\1", row)
        elif i % 7 == 0:
            row = re.sub(rb'^<row r="\d+"', b"<row", row)
        elif number:
            row = row.replace(b"</row>", b'<c r="G' + number.group(1) + b'" s="1"/></row>', 1)
        out.append(row)
    return b"".join(out)


def _shared_strings(data: bytes) -> bytes:
    """The workbook with its texts in a shared-string table (as Excel writes them), not inline."""
    src = zipfile.ZipFile(io.BytesIO(data))
    xml = src.read("xl/worksheets/sheet1.xml")
    strings: list[bytes] = []

    def share(m: re.Match[bytes]) -> bytes:
        strings.append(m.group(2))
        return m.group(1) + b't="s"><v>' + str(len(strings) - 1).encode() + b"</v></c>"

    xml = re.sub(rb'(<c r="[A-Z]+\d+" )t="inlineStr"><is><t>(.*?)</t></is></c>', share, xml)
    sst = (
        b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        + b"".join(b"<si><t>" + s + b"</t></si>" for s in strings)
        + b"</sst>"
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name in src.namelist():
            body = src.read(name)
            if name == "xl/worksheets/sheet1.xml":
                body = xml
            elif name == "[Content_Types].xml":
                body = body.replace(
                    b"</Types>",
                    b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
                    b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
                )
            elif name == "xl/_rels/workbook.xml.rels":
                body = body.replace(
                    b"</Relationships>",
                    b'<Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                    b'relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>',
                )
            z.writestr(name, body)
        z.writestr("xl/sharedStrings.xml", sst)
    return out.getvalue()


def _plain(wb: Any, rnd: random.Random, **kw: Any) -> None:
    ws = wb.active
    ws.title = "DS"
    _roster(rnd, ws, 400, **kw)


def _merged_hidden(wb: Any, rnd: random.Random) -> None:
    ws = wb.active
    ws.title = "DS"
    _roster(rnd, ws, 300)
    ws.merge_cells("A1:E1")
    ws.merge_cells("B150:C151")
    for r in (5, 140, 141, 250):
        ws.row_dimensions[r].hidden = True


def _merged_title(wb: Any, rnd: random.Random) -> None:
    """A form's title and header merged across columns, no hidden row (most rosters)."""
    ws = wb.active
    ws.title = "DS"
    _roster(rnd, ws, 400)
    ws.merge_cells("A1:E1")
    ws.merge_cells("A2:E2")
    ws.merge_cells("B300:C300")


def _two_sheets(wb: Any, rnd: random.Random) -> None:
    _plain(wb, rnd)
    hidden = wb.create_sheet("Ẩn")
    _roster(rnd, hidden, 200, origin=(2, 3))
    hidden.sheet_state = "hidden"
    wb.create_sheet("Trống")


CASES = {
    "a roster": lambda rnd: _book(lambda wb: _plain(wb, rnd)),
    "the first column stops after a few rows": lambda rnd: _book(lambda wb: _plain(wb, rnd, first_column_until=20)),
    "data from C5": lambda rnd: _book(lambda wb: _plain(wb, rnd, origin=(5, 3))),
    "merged and hidden rows": lambda rnd: _book(lambda wb: _merged_hidden(wb, rnd)),
    "merged title": lambda rnd: _book(lambda wb: _merged_title(wb, rnd)),
    "two sheets and an empty one": lambda rnd: _book(lambda wb: _two_sheets(wb, rnd)),
    "written by another program": lambda rnd: _rewritten(_book(lambda wb: _plain(wb, rnd)), _other_writers),
    "shared strings": lambda rnd: _shared_strings(_book(lambda wb: _plain(wb, rnd))),
}


def _parsed(data: bytes, monkeypatch: pytest.MonkeyPatch, *, split: bool, cut: float = 0.5) -> list[Any]:
    monkeypatch.setattr(_halves, "cores", lambda: 2)
    monkeypatch.setattr(_halves, "CUT", cut)
    monkeypatch.setattr(_halves, "WINDOW", 20_000)  # a small sheet is cut near CUT, not at its first rows
    out = _workbook.parse_workbook(data, "xlsx", ReadLimits(halves_bytes=0 if split else 2**40).caps())
    return [{**s, "arrow": pa.ipc.open_stream(s["arrow"]).read_all()} for s in out]


@pytest.mark.parametrize("cut", CUTS)
@pytest.mark.parametrize("case", sorted(CASES))
def test_the_halves_give_the_whole_sheets_table_and_layout(
    case: str, cut: float, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = CASES[case](random.Random(f"{case}{cut}"))
    cuts: list[int] = []
    joined = _halves._joined

    def counted(one: Any, two: Any) -> Any:
        cuts.append(1)
        return joined(one, two)

    monkeypatch.setattr(_halves, "_joined", counted)
    whole = _parsed(data, monkeypatch, split=False)
    assert not cuts
    halves = _parsed(data, monkeypatch, split=True, cut=cut)
    assert cuts, "no sheet was parsed in halves"
    assert [s["name"] for s in halves] == [s["name"] for s in whole]
    for a, b in zip(whole, halves, strict=True):
        assert {k: v for k, v in a.items() if k != "arrow"} == {k: v for k, v in b.items() if k != "arrow"}
        assert a["arrow"].num_rows > 0 or a["name"] == "Trống"
        assert b["arrow"].equals(a["arrow"]), (a["name"], a["arrow"].shape, b["arrow"].shape)


def test_a_sheet_with_no_row_to_cut_at_is_parsed_whole(monkeypatch: pytest.MonkeyPatch) -> None:
    """Texts only from a shared table (fastexcel may drop an empty one): no row is sure to stay."""
    wb_data = _book(lambda wb: wb.active.append(["a"]) or [wb.active.append(["x", "y"]) for _ in range(300)])
    data = _shared_strings(wb_data)
    assert _halves._cut(zipfile.ZipFile(io.BytesIO(data)).read("xl/worksheets/sheet1.xml"), 0) is None
    whole = _parsed(data, monkeypatch, split=False)
    assert _parsed(data, monkeypatch, split=True)[0]["arrow"].equals(whole[0]["arrow"])


@pytest.mark.parametrize("isal", [True, False])
def test_the_halves_workbooks_are_sound_zips(isal: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    """Deflated by ISA-L (to a fraction of the XML's size), stored without it."""
    if not isal:
        monkeypatch.setattr(_halves, "fast_zlib", zlib)
    xml = b"".join(b'<row r="%d"><c r="A%d"><v>%d</v></c></row>' % (i, i, i) for i in range(5000))
    data = _halves._zip([("a.xml", [b"<a>", memoryview(b"12345")[1:3], xml, b"</a>"]), ("Đ/b.xml", [b""])])
    z = zipfile.ZipFile(io.BytesIO(data))
    assert z.testzip() is None
    assert z.read("a.xml") == b"<a>23" + xml + b"</a>" and z.read("Đ/b.xml") == b""
    assert {i.compress_type for i in z.infolist()} == {zipfile.ZIP_DEFLATED if isal else zipfile.ZIP_STORED}
    assert (len(data) < len(xml) / 4) is isal


def test_only_big_sheets_on_two_cores_are_cut(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_halves, "cores", lambda: 2)
    assert _halves.worth_it(1000, 1000) and not _halves.worth_it(999, 1000) and not _halves.worth_it(2**31, 1000)
    monkeypatch.setattr(_halves, "cores", lambda: 1)
    assert not _halves.worth_it(10_000, 1000)


def test_the_reader_gives_the_same_sheets_with_the_halves() -> None:
    """End to end, in the reader's child (two cores here: the halves run there, or the sheet is
    parsed whole on one): the same sheets, cells and hidden rows either way."""
    data = CASES["merged and hidden rows"](random.Random(7))
    whole, p1 = read_workbook("h.xlsx", data, "xlsx", ReadLimits(halves_bytes=2**40))
    halves, p2 = read_workbook("h.xlsx", data, "xlsx", ReadLimits(halves_bytes=0))
    assert not p1 and not p2 and len(whole) == len(halves) == 1
    assert (whole[0].name, whole[0].visible, whole[0].hidden_rows) == (
        halves[0].name,
        halves[0].visible,
        halves[0].hidden_rows,
    )
    assert whole[0].cells.equals(halves[0].cells) and whole[0].cells.shape[0] > 300


def test_a_damaged_sheet_is_refused_as_when_parsed_whole(monkeypatch: pytest.MonkeyPatch) -> None:
    """A sheet whose bytes do not match their checksum: the halves give up, and the file fails as
    it does without them (the reader reports it unreadable)."""
    data = bytearray(CASES["a roster"](random.Random(1)))
    info = zipfile.ZipFile(io.BytesIO(bytes(data))).getinfo("xl/worksheets/sheet1.xml")
    data[info.header_offset + 14] ^= 0xFF  # the CRC-32 of the local header
    central = data.rfind(b"xl/worksheets/sheet1.xml")
    data[central - 46 + 16] ^= 0xFF  # and of the central directory
    failures = []
    for split in (False, True):
        with pytest.raises(Exception) as caught:  # noqa: PT011 - the same failure either way, whichever it is
            _parsed(bytes(data), monkeypatch, split=split)
        e = caught.value
        failures.append(e.info if isinstance(e, _reply.Refusal) else (type(e).__name__, str(e)))
    assert failures[0] == failures[1]


@pytest.mark.parametrize("inflate", ["isal", "zlib"])
@pytest.mark.parametrize("compression", [zipfile.ZIP_DEFLATED, zipfile.ZIP_STORED])
def test_a_member_is_read_in_steps_as_zipfile_reads_it(
    inflate: str, compression: int, monkeypatch: pytest.MonkeyPatch, tmp_path: Any
) -> None:
    """The sheet's XML inflated from the raw stream (ISA-L where installed, else zlib) in the two
    steps of the halves: the bytes ``zipfile`` gives, whatever the step; a zip read from a file,
    not from memory, goes through ``zipfile`` itself."""
    import zlib

    if inflate == "zlib":
        monkeypatch.setattr(_halves, "fast_zlib", zlib)
    rnd = random.Random(compression)
    xml = b"".join(b'<row r="%d"><c><v>%d</v></c></row>' % (i, rnd.randrange(10**9)) for i in range(20_000))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression) as z:
        z.writestr("xl/styles.xml", b"<styleSheet/>")
        z.writestr("xl/worksheets/sheet1.xml", xml)
    zf = zipfile.ZipFile(io.BytesIO(buf.getvalue()))
    for first in (0, 1, 1000, len(xml) // 2, len(xml), len(xml) + 5):
        with _halves._Member(zf, "xl/worksheets/sheet1.xml") as member:
            assert member.fallback is None
            a = member.read(first)
            assert a == xml[:first]
            assert a + member.read() == xml
    path = tmp_path / "book.zip"
    path.write_bytes(buf.getvalue())
    with zipfile.ZipFile(path) as on_disk, _halves._Member(on_disk, "xl/worksheets/sheet1.xml") as member:
        assert member.fallback is not None and member.read(10) + member.read() == xml


def test_a_member_whose_bytes_differ_from_its_checksum_is_refused() -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("x.xml", b"<a>" * 10_000)
    data = bytearray(buf.getvalue())
    central = data.rfind(b"x.xml")
    data[central - 46 + 16] ^= 0xFF  # the CRC-32 of the central directory, which zipfile reads
    zf = zipfile.ZipFile(io.BytesIO(bytes(data)))
    with _halves._Member(zf, "x.xml") as member:
        member.read(100)
        with pytest.raises(zipfile.BadZipFile):
            member.read()


def test_a_damaged_deflate_stream_gives_the_halves_up(monkeypatch: pytest.MonkeyPatch) -> None:
    """Bytes of the sheet's compressed stream changed (its checksum left as it was): ISA-L's
    error, not zlib's, is caught like zlib's, and the halves give up for the whole sheet's parse,
    which refuses the file (no table of garbage)."""
    import zlib

    data = bytearray(CASES["a roster"](random.Random(3)))
    info = zipfile.ZipFile(io.BytesIO(bytes(data))).getinfo("xl/worksheets/sheet1.xml")
    quarter = info.header_offset + 30 + len(info.filename) + info.compress_size // 4
    data[quarter : quarter + 64] = bytes(64)  # (zeros there: an invalid distance, not only a bad CRC)
    outcomes = []
    for inflate in (_halves.fast_zlib, zlib):
        monkeypatch.setattr(_halves, "fast_zlib", inflate)
        with pytest.raises(_reply.Refusal) as caught:
            _parsed(bytes(data), monkeypatch, split=True)
        outcomes.append(caught.value.info)
    assert outcomes[0] == outcomes[1] and outcomes[0]["code"] == "sheet_unreadable"


@pytest.mark.parametrize("case", sorted(CASES))
def test_the_scan_of_two_pieces_is_the_scan_of_the_sheet(case: str) -> None:
    """The layout scan of a sheet read in two pieces (no copy of them joined, no search of the
    rows for merged ranges) gives the joined sheet's scan wherever the pieces meet, a
    ``hidden="1"`` cut in two included."""
    data = CASES[case](random.Random(case))
    xml = zipfile.ZipFile(io.BytesIO(data)).read("xl/worksheets/sheet1.xml")
    whole = _workbook._scan_sheet_xml(xml)
    cuts = {round(len(xml) * f) for f in (0.05, 0.3, 0.55, 0.85, 0.999)}
    at = xml.find(b'hidden="1"')
    if at >= 0:
        cuts |= {at + 3, at + 8, at + 9}  # inside the attribute: on either side of the seam
    for cut in sorted(cuts):
        assert _workbook._scan_sheet_halves(xml[:cut], xml[cut:]) == whole, cut
