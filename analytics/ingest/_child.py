"""The child-process side of ``reader``: imports only the standard library, pyarrow and fastexcel
(and xlrd for the layout of a legacy .xls), so a fresh child starts fast and holds nothing of the server's state.

Anything about the file that makes it unreadable is raised as ``Refusal(code, sheet=, row=, column=,
**params)``: the parent turns it into a problem with a message of ``messages``, never a raw exception.
CSV is parsed here too (``_parse_csv``), with its shape checked before the parser runs.
"""

from __future__ import annotations

import csv
import io
import re
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc  # loaded by the server: a child under its memory cap may fail to map new libraries

from analytics.ingest import _halves


class Refusal(Exception):
    """The file cannot be read, for a reason its message names (a code of ``messages``)."""

    def __init__(
        self, code: str, *, sheet: str | None = None, row: int | None = None, column: str | None = None, **params: Any
    ) -> None:
        super().__init__(code)
        self.info = {"code": code, "sheet": sheet, "row": row, "column": column, "params": params}


def col_letter(i: int) -> str:
    """0 -> A, 27 -> AB."""
    s = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s


def _col_index(letters: bytes) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ch - 64
    return n - 1


_ROW_TAG = re.compile(rb"<row\b([^>]*)>")
_R_ATTR = re.compile(rb'\br="(\d+)"')
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
            if _HIDDEN_ATTR.search(attrs) and (r := _R_ATTR.search(attrs)):
                hidden.append(int(r.group(1)))
    merges = []
    at = xml.find(b"<mergeCells")
    if at >= 0:
        merges = [
            (int(m.group(2)), _col_index(m.group(1)), int(m.group(4)), _col_index(m.group(3)))
            for m in _MERGE.finditer(xml, at)
        ]
    row0, col0 = None, None
    at = max(xml.find(b"<sheetData"), 0)
    for m in _CELL.finditer(xml, at):
        if m.group(3) == b"/" or not m.group(4):
            continue
        c = _col_index(m.group(1))
        if row0 is None:
            row0 = int(m.group(2))
        col0 = c if col0 is None else min(col0, c)
        if col0 == 0:
            break
    return {"hidden": hidden, "merges": merges, "row0": row0 or 1, "col0": col0 or 0}


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


def _big_sheets(data: bytes, fmt: str) -> tuple[Any, dict[str, str]]:
    """(the workbook's zip, sheet name -> XML part) of the sheets to parse in halves (``_halves``);
    none for a file that is not a readable xlsx (the parse says why)."""
    import zipfile

    if fmt != "xlsx":
        return None, {}
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        names = set(zf.namelist())
        parts = {n: p for n, p in _sheet_parts(zf).items() if p in names}
        return zf, {n: p for n, p in parts.items() if _halves.worth_it(zf.getinfo(p).file_size)}
    except Exception:  # noqa: BLE001 - not a zip, no workbook part: fastexcel refuses it with a message
        return None, {}


def _layout_of(zf: Any, part: str | None) -> dict[str, Any]:
    """The layout of one sheet ``_layout`` left to its halves' parse, which parsed it whole."""
    return _scan_sheet_xml(zf.read(part)) if part else {"hidden": [], "merges": [], "row0": 1, "col0": 0}


def _other_parts(zf: Any, part: str) -> list[str]:
    """The workbook's worksheet parts other than ``part``: empty sheets in the halves' workbooks."""
    return [n for n in zf.namelist() if n.startswith("xl/worksheets/") and n.endswith(".xml") and n != part]


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


def _parse_workbook(data: bytes, fmt: str, caps: dict[str, int]) -> list[dict[str, Any]]:
    import fastexcel

    zf, big = _big_sheets(data, fmt)
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
            halves = _halves.parse(zf, big[name], name, _other_parts(zf, big[name]), _scan_sheet_xml)
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
        out.append({"name": name, "visible": visible, "arrow": _ipc(table), **info})
    return out


def _ipc(table: pa.Table) -> bytes:
    sink = pa.BufferOutputStream()
    with pa.ipc.new_stream(sink, table.schema) as w:
        w.write_table(table)
    return bytes(sink.getvalue().to_pybytes())


# -------------------------------------------------------------------------------------------------- CSV

# Legacy Vietnamese fonts: bytes that, read as Windows-1258, are symbols or non-Vietnamese letters
# stuck to ASCII letters. TCVN3 (ABC, ".VnTime") puts letters at 0xA7-0xBE; VNI ("VNI-Times")
# writes a base vowel followed by a mark byte ("Vaên" for "Văn", "Noäi" for "Nội").
_TCVN3 = re.compile(rb"[A-Za-z][\xa7-\xae\xb5-\xbe]|[\xa7-\xae\xb5-\xbe][A-Za-z]")
_VNI = re.compile(rb"[AaEe][\xe0-\xe5\xea]|[AaEeIiOoUuYy][\xef\xf8\xf9\xfb]|[Oo][\xe2\xe4\xe5]|[\xd1\xf1][a-z]")


def _decode_csv(data: bytes) -> tuple[str, str]:
    """(text, encoding label): UTF-8 with or without BOM, UTF-16 with BOM, else Windows-1258;
    TCVN3 / VNI text and UTF-8 broken part-way are refused."""
    for bom, codec, label in (
        (b"\xef\xbb\xbf", "utf-8", "UTF-8"),
        (b"\xff\xfe", "utf-16-le", "UTF-16 LE"),
        (b"\xfe\xff", "utf-16-be", "UTF-16 BE"),
    ):
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(codec), label
            except UnicodeDecodeError as exc:
                raise Refusal("csv_bad_encoding", row=_line_of(data, exc.start), encoding=label) from None
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError as exc:
        if any(b >= 0x80 for b in data[: exc.start]):  # good UTF-8 letters before: a broken UTF-8 file
            raise Refusal("csv_bad_encoding", row=_line_of(data, exc.start), encoding="UTF-8") from None
    for pattern, font in ((_TCVN3, "TCVN3 (ABC)"), (_VNI, "VNI")):
        if len(pattern.findall(data, 0, 1 << 20)) >= 3:
            raise Refusal("csv_legacy_font", font=font)
    return data.decode("cp1258", errors="replace"), "Windows-1258"


def _line_of(data: bytes, at: int) -> int:
    return data.count(b"\n", 0, at) + 1


def _sniff(text: str) -> Any:
    try:
        return csv.Sniffer().sniff(text[:8192], delimiters=",;\t|")
    except csv.Error:
        return csv.excel


def _check_csv_shape(text: str, delimiter: str, caps: dict[str, int]) -> None:
    """Before the parser runs: rows, NUL characters and the widest lines, all in C loops."""
    lines = text.count("\n") + (0 if text.endswith("\n") else 1)
    if "\n" not in text:
        lines = text.count("\r") + 1  # old Mac line ends
    if lines > caps["max_rows"]:
        raise Refusal("csv_too_many_rows", rows=lines, max=caps["max_rows"])
    if (nul := text.find("\x00")) >= 0:
        raise Refusal("csv_nul", row=text.count("\n", 0, nul) + 1)
    raw = text.encode("utf-8", errors="replace")
    ends = np.flatnonzero(np.frombuffer(raw, dtype=np.uint8) == (10 if "\n" in text else 13))
    starts = np.concatenate(([0], ends + 1))
    ends = np.concatenate((ends, [len(raw)]))
    d = delimiter.encode("utf-8")
    for i in np.flatnonzero(ends - starts > caps["max_columns"]):  # only a long line can be too wide
        n = raw.count(d, int(starts[i]), int(ends[i])) + 1
        if n > caps["max_columns"]:
            raise Refusal("csv_too_wide", row=int(i) + 1, columns=n, max=caps["max_columns"])


def _parse_csv(data: bytes, caps: dict[str, int]) -> list[dict[str, Any]]:
    """One sheet of text cells (blank -> null), rows from 1; built in Arrow chunks so that memory
    stays near the size of the text."""
    text, encoding = _decode_csv(data)
    del data
    dialect = _sniff(text)
    _check_csv_shape(text, dialect.delimiter, caps)
    csv.field_size_limit(len(text) + 1)  # the length is checked below, with the row and column
    columns: list[list[pa.Array]] = []
    buf: list[list[str]] = []
    n_rows = width = 0

    def flush() -> None:
        width = max((len(r) for r in buf), default=0)
        for j in range(width):
            if j == len(columns):
                columns.append([pa.nulls(n_rows - len(buf), pa.string())] if n_rows > len(buf) else [])
            columns[j].append(pa.array([r[j] if j < len(r) and r[j].strip() else None for r in buf], pa.string()))
        for j in range(width, len(columns)):
            columns[j].append(pa.nulls(len(buf), pa.string()))
        buf.clear()

    limit = caps["max_field_chars"]
    try:
        for row in csv.reader(io.StringIO(text, newline=""), dialect):
            n_rows += 1
            if len(row) > caps["max_columns"]:
                raise Refusal("csv_too_wide", row=n_rows, columns=len(row), max=caps["max_columns"])
            for j, v in enumerate(row):
                if len(v) > limit:
                    raise Refusal("cell_too_long", row=n_rows, column=col_letter(j), length=len(v), max=limit)
            width = max(width, len(row))
            if n_rows * width > caps["max_cells"]:  # the grid is rectangular: rows x widest row
                raise Refusal("too_many_cells", rows=n_rows, columns=width, max=caps["max_cells"])
            buf.append(row)
            if len(buf) >= 65536:
                flush()
    except csv.Error:
        raise Refusal("csv_malformed", row=n_rows + 1) from None
    flush()
    table = pa.table({str(j): pa.chunked_array(c, pa.string()) for j, c in enumerate(columns)})
    return [
        {
            "name": None,
            "visible": True,
            "arrow": _ipc(table),
            "hidden": [],
            "merges": [],
            "row0": 1,
            "col0": 0,
            "encoding": encoding,
        }
    ]


# ------------------------------------------------------------------------------------ fork server
# A long-lived process (``python -m analytics.ingest._child``) that has imported only the reader's
# modules. For each request it forks a child that sets its memory and CPU limits, parses, and
# writes the result to a pipe; a child killed by the kernel or by the Rust reader aborting only
# loses that request. Forking from this small process costs milliseconds; a fresh interpreter
# would pay ~0.4 s of imports per file, and multiprocessing would re-import the caller's main
# module (the whole dashboard) in every child.


def _read_exact(fd: int, n: int) -> bytes:
    import os

    chunks, got = [], 0
    while got < n:
        b = os.read(fd, min(n - got, 1 << 20))
        if not b:
            raise EOFError
        chunks.append(b)
        got += len(b)
    return b"".join(chunks)


def _frame(payload: bytes) -> bytes:
    return len(payload).to_bytes(8, "little") + payload


def _serve_one(request: dict[str, Any]) -> dict[str, Any]:
    """Fork a child for one file. The bytes travel through files (``in_path`` -> ``out_path``,
    in a private temporary folder of the caller): piping megabytes through two processes costs
    more than the parse. The pipe only tells when the child has ended."""
    import os
    import pickle
    import resource
    import select
    import signal
    import time

    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: limits, parse, write, leave without cleanup
        os.close(r)
        code = 0
        try:
            resource.setrlimit(resource.RLIMIT_AS, (request["memory"], request["memory"]))
            cpu = int(request["seconds"]) + 1
            resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu))
            with open(request["in_path"], "rb") as fh:
                data = fh.read()
            caps = request["caps"]
            try:
                parsed = (
                    _parse_csv(data, caps) if request["fmt"] == "csv" else _parse_workbook(data, request["fmt"], caps)
                )
                result: tuple[str, Any] = ("ok", parsed)
            except Refusal as exc:
                result = ("refused", exc.info)
            except MemoryError:
                result = (
                    "refused",
                    {
                        "code": "parse_memory",
                        "sheet": None,
                        "row": None,
                        "column": None,
                        "params": {"mb": request["memory"] // 2**20},
                    },
                )
            except BaseException as exc:  # noqa: BLE001 - reported to the parent as a message
                # Under its memory cap the parser may fail in other ways than MemoryError (a
                # library that cannot be mapped, an allocation refused inside Rust).
                memory = isinstance(exc, ImportError) or "alloc" in str(exc).lower() or "memory" in str(exc).lower()
                result = (
                    (
                        "refused",
                        {
                            "code": "parse_memory",
                            "sheet": None,
                            "row": None,
                            "column": None,
                            "params": {"mb": request["memory"] // 2**20},
                        },
                    )
                    if memory
                    else ("error", f"{type(exc).__name__}: {str(exc)[:200]}")
                )
            tmp = request["out_path"] + ".part"
            with open(tmp, "wb") as fh:
                pickle.dump(result, fh, protocol=5)
            os.rename(tmp, request["out_path"])
        except BaseException:  # noqa: BLE001
            code = 70
        os._exit(code)
    os.close(w)
    deadline = time.monotonic() + request["seconds"]
    timed_out = False
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            timed_out = True
            break
        ready, _, _ = select.select([r], [], [], left)
        if ready and not os.read(r, 1):
            break  # the child closed its end: it has exited
    os.close(r)
    if timed_out:
        os.kill(pid, signal.SIGKILL)
    _, status = os.waitpid(pid, 0)
    if timed_out:
        return {"status": "timeout"}
    code = os.waitstatus_to_exitcode(status)
    if code != 0 or not os.path.exists(request["out_path"]):
        return {"status": "crashed", "exitcode": code}
    return {"status": "done"}


def serve() -> None:
    import os
    import pickle
    import sys

    fin, fout = sys.stdin.fileno(), sys.stdout.fileno()
    while True:
        try:
            n = int.from_bytes(_read_exact(fin, 8), "little")
            request = pickle.loads(_read_exact(fin, n))  # noqa: S301 - from our parent process
        except EOFError:
            return
        reply = _frame(pickle.dumps(_serve_one(request), protocol=5))
        view = memoryview(reply)
        while view:
            view = view[os.write(fout, view) :]


if __name__ == "__main__":
    serve()
