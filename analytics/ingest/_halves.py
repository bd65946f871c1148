"""A big worksheet parsed in two halves at once, one per core (part of the reader's child: standard
library, pyarrow, fastexcel and isal only).

fastexcel parses a sheet on one core (and lets go of the GIL while it does). A sheet whose XML is
large is cut at a row in the middle into two workbooks of its own (``_zip``: deflated again by
ISA-L at its fastest, on the half's own thread), parsed on two threads, the first while the rest
of the sheet is still being inflated (by ISA-L, ``_Member``: twice as fast as zlib), and the two
tables put back together: the same table as the whole sheet's parse.

Where each half's table lies is known, not guessed: its first column from fastexcel
(``absolute_index``), and both halves hold the row they are cut at, a row with a number or a text
written in one of its cells, which fastexcel keeps: the first half's table ends with that row, the
second's starts with it (and loses it when they are put together). With no such row near the
middle, or one core, the sheet is parsed whole.
"""

from __future__ import annotations

import os
import re
import struct
import threading
import zipfile
import zlib
from collections.abc import Callable
from typing import Any, TypeVar, cast

import pyarrow as pa

try:  # ISA-L's inflate and CRC: the sheet's XML inflated in half the time of zlib's, its CRC in a fifth
    from isal import isal_zlib as fast_zlib
except ImportError:  # (a platform without its wheel: zlib's, the same results)
    fast_zlib = zlib  # type: ignore[misc]
# What a damaged part raises while it is read (its inflate: zlib's error or ISA-L's, its CRC):
# (isal's stub declares its error an instance, not a class)
_DAMAGED = (MemoryError, zipfile.BadZipFile, zlib.error, cast(type[BaseException], fast_zlib.error), EOFError)

# The first half starts while the rest is inflated, and the layout scan shares the cores with the
# second: cut a little after the middle (on 100.000 rows 0,55 was quickest of 0,5 to 0,65).
CUT = 0.55
ROWS_TRIED = 64  # rows tried for the cut before the sheet is parsed whole

R_ATTR = re.compile(rb'\br="(\d+)"')  # a row's number (also read by _workbook's layout scan)
# A cell fastexcel keeps whatever the styles say: a number (no type, or t="n") or an inline text.
_SURE = re.compile(
    rb'(?:<c\b(?:(?!\bt=")[^>])*>|<c\b[^>]*\bt="n"[^>]*>)\s*(?:<f\b[^>]*/>|<f\b[^>]*>[^<]*</f>)?\s*<v>\s*-?[0-9.]'
    rb"|<is>\s*<t\b[^>]*>[^<\s]"
)
WINDOW = 2**21  # the rows tried start this far before CUT of the sheet (whole rows there)
T = TypeVar("T")


def cores() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # (not on Linux)
        return os.cpu_count() or 1


def worth_it(size: int, from_bytes: int) -> bool:
    """Whether a sheet of ``size`` bytes of XML is parsed in halves (``ReadLimits.halves_bytes``:
    ``from_bytes``; a half is a zip of 32 bits)."""
    return from_bytes <= size < 2**31 and cores() >= 2


class _Parse:
    """fastexcel's parse of one sheet of a workbook, on a thread of its own (``done()`` waits); the
    workbook is made there too (``book()``: its deflate lets go of the GIL)."""

    def __init__(self, book: Callable[[], bytes], sheet: str) -> None:
        self.book: Callable[[], bytes] | None = book
        self.sheet = sheet
        self.table: pa.Table | None = None  # None: empty, failed, or no thread to run on
        self.first_column = 0
        self.visible = True
        self.thread: threading.Thread | None = threading.Thread(target=self._run, daemon=True)
        try:
            self.thread.start()
        except RuntimeError:  # no thread under the memory cap
            self.thread = None

    def _run(self) -> None:
        import fastexcel

        try:
            assert self.book is not None
            data, self.book = self.book(), None
            sheet = fastexcel.read_excel(data).load_sheet(self.sheet, header_row=None, dtypes="string")
            del data
            self.visible = sheet.visible == "visible"
            columns = sheet.available_columns()
            self.first_column = columns[0].absolute_index if columns else 0
            self.table = pa.Table.from_batches([sheet.to_arrow()])
        except Exception:  # noqa: BLE001, S110 - no table: the sheet is parsed whole, which reports its failure
            pass
        self.book = None

    def done(self) -> pa.Table | None:
        if self.thread is not None:
            self.thread.join()
        return self.table


def parse(zf: Any, part: str, sheet: str, scan: Callable[[bytes, bytes], T]) -> tuple[T, pa.Table, bool] | None:
    """(``scan`` of the sheet's XML, its table as fastexcel gives it, visible) from the two halves
    of ``part`` in the workbook ``zf`` (its other worksheets left out of the halves); ``scan`` runs
    while the halves are parsed, given the XML in the two pieces it was read in. None when the sheet has no row to cut at
    near the middle, or the part or a half cannot be read, if only for memory (the whole sheet's
    parse, which needs less, then says what is wrong, if anything)."""
    halves: list[_Parse] = []
    try:
        size = zf.getinfo(part).file_size
        with _Member(zf, part) as fh:
            first = fh.read(int(size * CUT))
            data = first.find(b"<sheetData")
            body = first.find(b">", data) + 1
            cut = _cut(first, body) if data >= 0 else None
            if cut is None:
                return None
            row_start, row_end = cut
            small = _members(zf, part)
            view = memoryview(first)
            halves.append(_Parse(lambda: _zip([*small, (part, [view[:row_end], b"</sheetData></worksheet>"])]), sheet))
            rest = fh.read()
        halves.append(_Parse(lambda: _zip([*small, (part, [view[:body], view[row_start:], rest])]), sheet))
        scanned = scan(first, rest)
    except _DAMAGED:  # a damaged part: the whole parse tells
        return None
    finally:
        tables = [half.done() for half in halves]
    if len(tables) < 2 or tables[0] is None or tables[1] is None:
        return None
    return scanned, *_joined(*halves)


def _cut(xml: bytes, body: int) -> tuple[int, int] | None:
    """(start, end) in ``xml`` of a row shortly before its end (after ``body``, where the sheet's
    rows start) that holds a cell fastexcel cannot leave out: among ROWS_TRIED rows from WINDOW
    bytes before the end, each whole in ``xml`` and with its number (``r``)."""
    at = xml.find(b"<row", max(body, len(xml) - WINDOW))
    for _ in range(ROWS_TRIED):
        if at < 0:
            return None
        tag_end = xml.find(b">", at)
        close = xml.find(b"</row>", tag_end)
        if tag_end < 0 or close < 0:
            return None  # the rest of the row is not inflated yet
        attrs = xml[at:tag_end]
        if not attrs.endswith(b"/") and R_ATTR.search(attrs) and _SURE.search(xml, tag_end, close):
            return at, close + len(b"</row>")
        at = xml.find(b"<row", tag_end)
    return None


def _joined(one: _Parse, two: _Parse) -> tuple[pa.Table, bool]:
    """The two halves' tables as one: the first ends with the row they were cut at, the second
    starts with it; columns one half lacks are nulls there."""
    assert one.table is not None and two.table is not None
    start = min(one.first_column, two.first_column)
    end = max(one.first_column + one.table.num_columns, two.first_column + two.table.num_columns)
    columns = [pa.chunked_array([_column(one, c), _column(two, c)[1:]], pa.string()) for c in range(start, end)]
    return pa.table(columns, names=[f"__UNNAMED__{i}" for i in range(end - start)]), one.visible


def _column(half: _Parse, c: int) -> pa.Array:
    assert half.table is not None
    i = c - half.first_column
    if 0 <= i < half.table.num_columns:
        return half.table.column(i).combine_chunks().cast(pa.string())
    return pa.nulls(half.table.num_rows, pa.string())


def _members(zf: Any, part: str) -> list[tuple[str, list[Any]]]:
    """Every member of the workbook but the sheet (inflated: ``_zip`` packs them again), the other
    worksheets as empty sheets."""
    empty = b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData/></worksheet>'
    return [
        (i.filename, [empty if _is_worksheet(i.filename) else zf.read(i.filename)])
        for i in zf.infolist()
        if i.filename != part and not i.is_dir()
    ]


def _is_worksheet(name: str) -> bool:
    return name.startswith("xl/worksheets/") and name.endswith(".xml")


def _zip(members: list[tuple[str, list[Any]]]) -> bytes:
    """A zip of ``members`` (name, pieces of its bytes), deflated by ISA-L at its fastest level (a
    half's XML of 40 MB in 15 ms, to a tenth of its size), or stored where ISA-L is missing (zlib
    would take ten times as long). Deflated, a half is quicker to parse than stored: fastexcel's
    zip reader looks through the whole file for the end of its directory (70 ms on a 40 MB stored
    half, 4 ms deflated), which costs more than inflating it, and the copies of the XML the parse
    makes (its workbook, the reader's copy of it) are a tenth as large."""
    deflate = fast_zlib is not zlib
    out: list[Any] = []
    central = []
    offset = 0
    for name, pieces in members:
        encoded = name.encode()
        crc, size = 0, 0
        for piece in pieces:
            crc, size = fast_zlib.crc32(piece, crc), size + len(piece)
        if deflate:
            packer = fast_zlib.compressobj(1, zlib.DEFLATED, -15)
            pieces = [*(packer.compress(piece) for piece in pieces), packer.flush()]
        packed = sum(len(piece) for piece in pieces)
        # UTF-8 names, deflated (8) or stored (0), 1980-01-01
        fields = (20, 0x800, 8 if deflate else 0, 0, 33, crc, packed, size, len(encoded))
        local = struct.pack("<IHHHHHIIIHH", 0x04034B50, *fields, 0) + encoded
        central.append(struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, *fields, 0, 0, 0, 0, 0, offset) + encoded)
        out += [local, *pieces]
        offset += len(local) + packed
    directory = b"".join(central)
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(members), len(members), len(directory), offset, 0)
    return b"".join([*out, directory, end])


class _Member:
    """The bytes of one member of the zip ``zf`` (over bytes in memory), read in steps like
    ``zf.open(part)``: inflated by ``fast_zlib`` from the raw stream, its size and CRC checked
    once all is read (``zipfile.BadZipFile`` if they differ). A member ``zipfile`` must read
    itself (encrypted, another compression, a zip on a file) is read by ``zf.open``."""

    def __init__(self, zf: Any, part: str) -> None:
        info = zf.getinfo(part)
        self.info, self.crc, self.got, self.fallback = info, 0, 0, None
        self.raw: memoryview | None = None
        fp: Any = getattr(zf, "fp", None)
        if (
            not hasattr(fp, "getbuffer")
            or info.flag_bits & 0x1
            or info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)
        ):
            self.fallback = zf.open(part)
            return
        whole = fp.getbuffer()
        try:
            header = bytes(whole[info.header_offset : info.header_offset + 30])
            if len(header) < 30 or header[:4] != b"PK\x03\x04":
                raise zipfile.BadZipFile(part)
            start = (
                info.header_offset
                + 30
                + int.from_bytes(header[26:28], "little")
                + int.from_bytes(header[28:30], "little")
            )
            self.raw = whole[start : start + info.compress_size].toreadonly()
        finally:
            whole.release()
        self.inflate = fast_zlib.decompressobj(-15) if info.compress_type == zipfile.ZIP_DEFLATED else None
        self.pending: Any = self.raw

    def read(self, n: int = -1) -> bytes:
        if self.fallback is not None:
            return bytes(self.fallback.read(n))
        if n == 0:  # (to zlib, a length of 0 is no limit)
            return b""
        if self.inflate is None:  # stored
            out = bytes(self.pending[: None if n < 0 else n])
            self.pending = self.pending[len(out) :]
        elif n < 0:
            out = self.inflate.decompress(self.pending) + self.inflate.flush()
            self.pending = b""
        else:
            out = self.inflate.decompress(self.pending, n)
            self.pending = self.inflate.unconsumed_tail
        self.crc, self.got = fast_zlib.crc32(out, self.crc), self.got + len(out)
        if n < 0 and (self.got != self.info.file_size or self.crc != self.info.CRC):
            raise zipfile.BadZipFile(f"bad CRC or size of {self.info.filename}")
        return out

    def __enter__(self) -> _Member:
        return self

    def __exit__(self, *exc: object) -> None:
        self.pending = b""
        if self.raw is not None:
            self.raw.release()
        if self.fallback is not None:
            self.fallback.close()
