"""The child-process side of ``reader``: imports only the standard library, pyarrow and fastexcel
(and xlrd for the layout of a legacy .xls), so a fresh child starts fast and holds nothing of the server's state."""

from __future__ import annotations

import io
import re
from typing import Any

import pyarrow as pa


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


def _scan_sheet_xml(xml: bytes) -> dict[str, Any]:
    """Hidden rows, merged ranges and the first row / column that hold a value (the grid origin).

    Plain ``bytes.find`` guards the regexes: a regex that has to be tried at every position of an
    80 MB sheet costs seconds, a substring search milliseconds."""
    hidden: list[int] = []
    if xml.find(b'hidden="1"') >= 0 or xml.find(b'hidden="true"') >= 0:
        for m in _ROW_TAG.finditer(xml):
            attrs = m.group(1)
            if _HIDDEN_ATTR.search(attrs) and (r := _R_ATTR.search(attrs)):
                hidden.append(int(r.group(1)))
    merges = []
    at = xml.find(b"<mergeCells")
    if at >= 0:
        merges = [(int(m.group(2)), _col_index(m.group(1)), int(m.group(4)), _col_index(m.group(3)))
                  for m in _MERGE.finditer(xml, at)]
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


def _parse_workbook(data: bytes, fmt: str) -> list[dict[str, Any]]:
    import zipfile

    import fastexcel

    reader = fastexcel.read_excel(data)
    layout: dict[str, dict[str, Any]] = {}
    if fmt == "xlsx":
        zf = zipfile.ZipFile(io.BytesIO(data))
        names = set(zf.namelist())
        for sheet_name, part in _sheet_parts(zf).items():
            if part in names:
                layout[sheet_name] = _scan_sheet_xml(zf.read(part))
    elif fmt == "xls":
        layout = _scan_xls(data)
    out = []
    for name in reader.sheet_names:
        try:
            sheet = reader.load_sheet(name, header_row=None, dtypes="string")
            table = pa.Table.from_batches([sheet.to_arrow()])
            visible = sheet.visible == "visible"
        except Exception as exc:  # noqa: BLE001 - an empty or odd sheet is reported, not fatal
            if "empty" not in str(exc).lower():
                raise
            table, visible = pa.table({}), True
        sink = pa.BufferOutputStream()
        with pa.ipc.new_stream(sink, table.schema) as w:
            w.write_table(table)
        info = layout.get(name, {"hidden": [], "merges": [], "row0": 1, "col0": 0})
        out.append({"name": name, "visible": visible, "arrow": sink.getvalue().to_pybytes(), **info})
    return out


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
            try:
                result: tuple[str, Any] = ("ok", _parse_workbook(data, request["fmt"]))
            except BaseException as exc:  # noqa: BLE001 - reported to the parent as a message
                result = ("error", f"{type(exc).__name__}: {str(exc)[:200]}")
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
            view = view[os.write(fout, view):]


if __name__ == "__main__":
    serve()
