"""CSV for the reader's child (``_child``): decoded (UTF-8, UTF-16 with BOM, else Windows-1258;
TCVN3/VNI refused), delimiter sniffed, its shape checked against the caps before the parser runs.
Standard library and pyarrow only."""

from __future__ import annotations

import csv
import io
import re
from typing import Any

import numpy as np
import pyarrow as pa

from analytics.ingest._reply import Refusal, col_letter, ipc

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


def parse_csv(data: bytes, caps: dict[str, int]) -> list[dict[str, Any]]:
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
            "arrow": ipc(table),
            "hidden": [],
            "merges": [],
            "row0": 1,
            "col0": 0,
            "encoding": encoding,
        }
    ]
