"""Sheets of an xlsx or xls workbook for the reader's child (``_child``): fastexcel's tables with
what fastexcel does not give (hidden rows, merged ranges, where the grid starts), the shape checked
against the caps, a big sheet parsed in halves (``_halves``). Standard library, pyarrow, fastexcel
(and xlrd for the layout of a legacy .xls) only."""

from __future__ import annotations

import io
import re
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc  # loaded by the server: a child under its memory cap may fail to map new libraries

from analytics.ingest import _halves
from analytics.ingest._reply import Refusal, col_letter, ipc


def _col_index(letters: bytes) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ch - 64
    return n - 1


_ROW_TAG = re.compile(rb"<row\b([^>]*)>")
_HIDDEN_ATTR = re.compile(rb'\bhidden="(?:1|true)"')
_MERGE = re.compile(rb'<mergeCell\s+ref="([A-Z]+)(\d+):([A-Z]+)(\d+)"')
_CELL = re.compile(rb'<c\s+r="([A-Z]+)(\d+)"[^>]*?(/?)>(\s*<(?:v|is|f)\b)?')


def _sheet_parts(zf: Any) -> dict[str, str]:
    """Sheet name -> path of its XML part, from the workbook and its relationships."""
    from defusedxml import ElementTree

    ns_main = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
    ns_rel = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
    wb = ElementTree.fromstring(zf.read("xl/workbook.xml"))
    rels = ElementTree.fromstring(zf.read("xl/_rels/workbook.xml.rels"))
    targets = {r.get("Id"): r.get("Target", "") for r in rels}
    parts = {}
    for s in wb.iter(f"{ns_main}sheet"):
        t = targets.get(s.get(f"{ns_rel}id"), "")
        parts[s.get("name", "")] = t.lstrip("/") if t.startswith("/") else "xl/" + t
    return parts


def _says_hidden(xml: bytes) -> bool:
    """``hidden="1"`` or ``hidden="true"`` anywhere: one pass over the XML (two ``find`` calls
    over an 80 MB sheet without hidden rows cost twice that), stopping at each ``hidden="``."""
    at = xml.find(b'hidden="')
    while at >= 0:
        if xml.startswith((b"1", b"true"), at + 8) and xml.startswith(b'"', at + (9 if xml[at + 8] == 49 else 12)):
            return True
        at = xml.find(b'hidden="', at + 8)
    return False


def _scan_sheet_xml(xml: bytes) -> dict[str, Any]:
    """Hidden rows, merged ranges and the first row / column that hold a value (the grid origin).

    Plain ``bytes.find`` guards the regexes: a regex that has to be tried at every position of an
    80 MB sheet costs seconds, a substring search milliseconds."""
    hidden: list[int] = []
    if _says_hidden(xml):
        for m in _ROW_TAG.finditer(xml):
            attrs = m.group(1)
            if _HIDDEN_ATTR.search(attrs) and (r := _halves.R_ATTR.search(attrs)):
                hidden.append(int(r.group(1)))
    row0, col0, _ = _origin(xml, max(xml.find(b"<sheetData"), 0))
    return {"hidden": hidden, "merges": _merges(xml, xml.find(b"<mergeCells")), "row0": row0 or 1, "col0": col0 or 0}


def _scan_sheet_halves(first: bytes, rest: bytes) -> dict[str, Any]:
    """``_scan_sheet_xml(first + rest)`` of a sheet read in two pieces (``_halves``), without
    joining them (a copy of the sheet: 46 ms of an 80 MB one, on a core the halves' parse needs)
    nor searching its rows for merged ranges, when the sheet is as nearly all are: no hidden row,
    its merged ranges after its rows, and a value in column A well inside ``first``. Else the
    joined sheet's scan."""
    end = rest.rfind(b"</sheetData>")
    if end < 0 or _says_hidden(first) or _says_hidden(first[-16:] + rest[:16]) or _says_hidden(rest):
        return _scan_sheet_xml(first + rest)
    row0, col0, seen = _origin(first, max(first.find(b"<sheetData"), 0))
    if col0 != 0 or seen > len(first) - 1024:  # (a cell cut at the seam: the joined scan decides)
        return _scan_sheet_xml(first + rest)
    return {"hidden": [], "merges": _merges(rest, rest.find(b"<mergeCells", end)), "row0": row0 or 1, "col0": 0}


def _merges(xml: bytes, at: int) -> list[tuple[int, int, int, int]]:
    """The merged ranges (top row, left column, bottom row, right column) from ``at``, where the
    sheet's <mergeCells> starts (none if -1)."""
    if at < 0:
        return []
    return [
        (int(m.group(2)), _col_index(m.group(1)), int(m.group(4)), _col_index(m.group(3)))
        for m in _MERGE.finditer(xml, at)
    ]


def _origin(xml: bytes, at: int) -> tuple[int | None, int | None, int]:
    """(row, column) of the first cell holding a value from ``at`` and the smallest column of a
    value up to the first in column A (all of them if none is), and where the search stopped."""
    row0, col0, seen = None, None, at
    for m in _CELL.finditer(xml, at):
        seen = m.end()
        if m.group(3) == b"/" or not m.group(4):
            continue
        c = _col_index(m.group(1))
        if row0 is None:
            row0 = int(m.group(2))
        col0 = c if col0 is None else min(col0, c)
        if col0 == 0:
            break
    return row0, col0, seen


def _scan_xls(data: bytes) -> dict[str, dict[str, Any]]:
    """Legacy .xls: hidden rows, merged ranges and the grid origin from the BIFF records (xlrd;
    calamine gives the values but not these, and starts its grid at the first used cell)."""
    import xlrd

    book = xlrd.open_workbook(file_contents=data, formatting_info=True, on_demand=True)
    layout = {}
    empty = (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK)
    for i in range(book.nsheets):
        sh = book.sheet_by_index(i)
        used = [(r, c) for r in range(sh.nrows) for c, t in enumerate(sh.row_types(r)) if t not in empty]
        layout[sh.name] = {
            "hidden": sorted(r + 1 for r, info in sh.rowinfo_map.items() if info.hidden),
            "merges": [(r1 + 1, c1, r2, c2 - 1) for r1, r2, c1, c2 in sh.merged_cells],
            "row0": (min(r for r, _ in used) + 1) if used else 1,
            "col0": min((c for _, c in used), default=0),
        }
        book.unload_sheet(i)
    return layout


def _check_shape(table: pa.Table, sheet: str, row0: int, col0: int, caps: dict[str, int]) -> None:
    """Columns and cell length within the caps (Excel's own cell limit is 32.767 characters)."""
    if col0 + table.num_columns > caps["max_columns"]:
        raise Refusal("sheet_too_wide", sheet=sheet, columns=col0 + table.num_columns, max=caps["max_columns"])
    if row0 - 1 + table.num_rows > caps["max_rows"]:
        raise Refusal("sheet_too_long", sheet=sheet, rows=row0 - 1 + table.num_rows, max=caps["max_rows"])
    cells = table.num_rows * (col0 + table.num_columns)
    if cells > caps["max_cells"]:
        raise Refusal(
            "too_many_cells", sheet=sheet, rows=table.num_rows, columns=col0 + table.num_columns, max=caps["max_cells"]
        )
    for j, col in enumerate(table.columns):
        lengths = pc.utf8_length(col)
        longest = pc.max(lengths).as_py()
        if longest is not None and longest > caps["max_field_chars"]:
            i = pc.index(lengths, longest).as_py()
            raise Refusal(
                "cell_too_long",
                sheet=sheet,
                row=row0 + i,
                column=col_letter(col0 + j),
                length=longest,
                max=caps["max_field_chars"],
            )


def _layout(data: bytes, fmt: str, skip: frozenset[str] = frozenset()) -> dict[str, dict[str, Any]]:
    """Hidden rows, merged ranges and grid origin per sheet name (what fastexcel does not give),
    but of the sheets ``skip`` (parsed in halves: scanned there)."""
    import zipfile

    layout: dict[str, dict[str, Any]] = {}
    if fmt == "xlsx":
        zf = zipfile.ZipFile(io.BytesIO(data))
        names = set(zf.namelist())
        for sheet_name, part in _sheet_parts(zf).items():
            if part in names and sheet_name not in skip:
                layout[sheet_name] = _scan_sheet_xml(zf.read(part))
    elif fmt == "xls":
        layout = _scan_xls(data)
    return layout


def _big_sheets(data: bytes, fmt: str, from_bytes: int) -> tuple[Any, dict[str, str]]:
    """(the workbook's zip, sheet name -> XML part) of the sheets to parse in halves (``_halves``);
    none for a file that is not a readable xlsx (the parse says why)."""
    import zipfile

    if fmt != "xlsx":
        return None, {}
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        names = set(zf.namelist())
        parts = {n: p for n, p in _sheet_parts(zf).items() if p in names}
        return zf, {n: p for n, p in parts.items() if _halves.worth_it(zf.getinfo(p).file_size, from_bytes)}
    except Exception:  # noqa: BLE001 - not a zip, no workbook part: fastexcel refuses it with a message
        return None, {}


def _layout_of(zf: Any, part: str | None) -> dict[str, Any]:
    """The layout of one sheet ``_layout`` left to its halves' parse, which parsed it whole."""
    return _scan_sheet_xml(zf.read(part)) if part else {"hidden": [], "merges": [], "row0": 1, "col0": 0}


class _Beside:
    """``fn()`` on a thread while the caller parses: fastexcel releases the GIL while it reads a
    sheet, and so does zlib while it inflates the sheet XML for ``_layout`` (a quarter of the read
    of a 100.000-row roster, hidden behind it on a second core). ``result()`` gives the value or
    raises what ``fn`` raised, as the serial call would have; a thread that cannot start (the
    memory cap) means the serial call."""

    def __init__(self, fn: Any) -> None:
        import threading

        self.fn = fn
        self.value: Any = None
        self.error: BaseException | None = None
        self.thread: Any = None
        try:
            self.thread = threading.Thread(target=self._run, daemon=True)
            self.thread.start()
        except RuntimeError:
            self.thread = None

    def _run(self) -> None:
        try:
            self.value = self.fn()
        except BaseException as exc:  # noqa: BLE001 - raised again in the caller's thread by result()
            self.error = exc

    def result(self) -> Any:
        if self.thread is None:
            self.thread = False
            self.value = self.fn()
        elif self.thread:
            self.thread.join()
            self.thread = False
        if self.error is not None:
            raise self.error
        return self.value


def parse_workbook(data: bytes, fmt: str, caps: dict[str, int]) -> list[dict[str, Any]]:
    import fastexcel

    zf, big = _big_sheets(data, fmt, caps["halves_bytes"])
    layout = _Beside(lambda: _layout(data, fmt, frozenset(big)))
    try:
        reader = fastexcel.read_excel(data)
    except Exception:  # noqa: BLE001 - calamine's message is not for users
        raise Refusal("file_unreadable", format=fmt) from None
    out = []
    left = dict(caps)  # the cells of all sheets together: the parent holds a file's sheets at once
    for name in reader.sheet_names:
        halves = None
        if name in big:
            halves = _halves.parse(zf, big[name], name, _scan_sheet_halves)
        if halves is not None:
            info, table, visible = halves
        else:
            try:
                sheet = reader.load_sheet(name, header_row=None, dtypes="string")
                table = pa.Table.from_batches([sheet.to_arrow()])
                visible = sheet.visible == "visible"
            except Exception as exc:  # noqa: BLE001 - an empty or odd sheet is reported, not fatal
                if "empty" not in str(exc).lower():
                    layout.result()  # its failure came first when the layout was read before the sheets
                    raise Refusal("sheet_unreadable", sheet=name) from None
                table, visible = pa.table({}), True
            found = layout.result()
            info = found[name] if name in found else _layout_of(zf, big.get(name))
        _check_shape(table, name, info["row0"], info["col0"], left)
        left["max_cells"] -= table.num_rows * (info["col0"] + table.num_columns)
        out.append({"name": name, "visible": visible, "arrow": ipc(table), **info})
    return out
