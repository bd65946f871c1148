"""What the reader's child gives back about a file besides its sheets: a refusal to read it, with
the reason its message names; and a table as Arrow IPC bytes. Standard library and pyarrow only
(the child's modules: ``_child``)."""

from __future__ import annotations

from typing import Any

import pyarrow as pa


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


def ipc(table: pa.Table) -> bytes:
    sink = pa.BufferOutputStream()
    with pa.ipc.new_stream(sink, table.schema) as w:
        w.write_table(table)
    return bytes(sink.getvalue().to_pybytes())
