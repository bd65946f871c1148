"""Parse workbook bytes into grids of text, in a child process with memory and time limits.

The Rust readers (fastexcel / calamine) can abort the whole process on crafted files, so they never
run in the server's own process: a worker forked from a small reader server (``_child``) sets
RLIMIT_AS, parses each file under RLIMIT_CPU and a deadline, and sends back Arrow IPC bytes; it
stays for the next file a while (``ReadLimits.warm_seconds``). Every cell is read as a string
(``dtypes="string"``): no type guessing, codes stay text, and the parsers of ``normalize`` decide
per column. Hidden rows and merged ranges come from the sheet XML (a regex scan, much faster than
openpyxl), and the grid is placed at the row and column numbers Excel shows.
"""

from __future__ import annotations

import os
import pickle
import select
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from analytics.ingest._reply import col_letter
from analytics.ingest.leftovers import READ_PREFIX, owned_prefix
from analytics.ingest.problems import Problem

__all__ = ["ReadLimits", "Sheet", "col_letter", "read_csv", "read_workbook", "start_reader"]


@dataclass
class Sheet:
    """One sheet as text. ``cells``: object DataFrame, index = Excel row numbers (1-based),
    columns = 0-based column positions (0 = A); blanks are None. Merged ranges are filled with the
    value of their top-left cell."""

    file: str
    name: str
    visible: bool
    cells: pd.DataFrame
    hidden_rows: frozenset[int] = field(default_factory=frozenset)


@dataclass(frozen=True)
class ReadLimits:
    """Caps of the child that parses one file. A sheet wider than ``max_columns``, longer than
    ``max_rows``, a file of more than ``max_cells`` cells, or a cell longer than ``max_field_chars``
    (Excel's own cell limit) is refused with its place named."""

    memory_bytes: int = 3 * 1024**3
    seconds: float = 120.0
    max_rows: int = 1_048_576  # Excel's last row
    max_columns: int = 1024
    max_field_chars: int = 32_767
    # Cells of a file (rows x columns of each sheet's grid, empty ones too): the dashboard holds a
    # file's grid in memory, about 100 bytes a cell with the checks; 8 million stays under 1 GB.
    max_cells: int = 8_000_000
    # A sheet of this much XML or more is parsed in two halves at once on a machine of two cores or
    # more (``_halves``): below it, cutting and copying cost more than the second core gives.
    halves_bytes: int = 24 * 2**20
    # The worker that parsed a file waits this long for the next one (an analyst uploads the
    # agencies' files one after another), its memory ready for it (``_child``); 0: a new worker
    # per file. It leaves sooner when a parse left it holding more than ``warm_bytes``.
    warm_seconds: float = 60.0
    warm_bytes: int = 1024**3

    def caps(self) -> dict[str, int]:
        return {
            "max_rows": self.max_rows,
            "max_columns": self.max_columns,
            "max_field_chars": self.max_field_chars,
            "max_cells": self.max_cells,
            "halves_bytes": self.halves_bytes,
        }


# ------------------------------------------------------------------------------------------ parent side


class _Server:
    """Client of the fork server in ``_child``: one per process, started on first use, restarted
    if it ever dies; calls are serialised (the dashboard may import from several sessions)."""

    def __init__(self) -> None:
        self.proc: subprocess.Popen[bytes] | None = None
        self.lock = threading.Lock()

    def _start(self) -> subprocess.Popen[bytes]:
        if self.proc is None or self.proc.poll() is not None:
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "analytics.ingest._child"],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                cwd=str(_ROOT),
                close_fds=True,
                env={**os.environ, **_CHILD_MALLOC},
            )
        return self.proc

    def start(self) -> None:
        """Start the server now, without waiting for it (an import starts it while it reads the
        database's units, so the first file does not wait ~0,3 s for it); a request that holds
        it already needs nothing."""
        if self.lock.acquire(blocking=False):
            try:
                self._start()
            finally:
                self.lock.release()

    def request(
        self, data: bytes, fmt: str, limits: ReadLimits, tick: Callable[[float], None] | None = None
    ) -> dict[str, Any]:
        """Parse ``data`` in a limited child; ``tick(seconds waited)`` about twice a second meanwhile."""
        with (
            self.lock,
            tempfile.TemporaryDirectory(prefix=owned_prefix(READ_PREFIX), dir=_tmp_dir(len(data))) as folder,
        ):
            in_path, out_path = os.path.join(folder, "in"), os.path.join(folder, "out")
            with open(in_path, "wb") as fh:
                fh.write(data)
            proc = self._start()
            assert proc.stdin is not None and proc.stdout is not None
            head = pickle.dumps(
                {
                    "fmt": fmt,
                    "memory": limits.memory_bytes,
                    "seconds": limits.seconds,
                    "in_path": in_path,
                    "out_path": out_path,
                    "caps": limits.caps(),
                    "warm_seconds": limits.warm_seconds,
                    "warm_bytes": limits.warm_bytes,
                }
            )
            try:
                proc.stdin.write(len(head).to_bytes(8, "little") + head)
                proc.stdin.flush()
                started = time.monotonic()
                while True:
                    waited = time.monotonic() - started
                    if waited > limits.seconds + 30:
                        raise TimeoutError
                    ready, _, _ = select.select([proc.stdout], [], [], 0.5 if tick else limits.seconds + 30)
                    if ready:
                        break
                    if tick:
                        tick(time.monotonic() - started)
                n = int.from_bytes(_read(proc.stdout, 8), "little")
                reply = dict(pickle.loads(_read(proc.stdout, n)))  # noqa: S301 - our own server's reply
            except (OSError, EOFError, TimeoutError):
                proc.kill()
                self.proc = None
                return {"status": "crashed", "exitcode": "server"}
            if reply["status"] != "done":
                return reply
            with open(out_path, "rb") as fh:
                status, payload = pickle.load(fh)  # noqa: S301 - written by our own child
            return {"status": status, "payload": payload}


def _read(stream: Any, n: int) -> bytes:
    buf = stream.read(n)
    if buf is None or len(buf) < n:
        raise EOFError
    return bytes(buf)


_ROOT = Path(__file__).resolve().parents[2]


def _tmp_dir(size: int) -> str | None:
    """Shared memory when it has room for the file and its parsed text (containers often give
    /dev/shm only 64 MB); else the system's temporary folder."""
    shm = "/dev/shm"
    try:
        if os.access(shm, os.W_OK) and shutil.disk_usage(shm).free > 20 * size + 64 * 1024**2:
            return shm
    except OSError:
        pass
    return None


# glibc's malloc in the server and its workers (read when a process starts; other C libraries
# ignore them): memory a parse frees is kept for the next one instead of being given back to the
# system (no trimming, no block of its own mapped for a big allocation: those would be unmapped when
# freed), and the heap grows 64 MB at a time. A worker that stays for the next file
# (``ReadLimits.warm_seconds``) then parses it in pages it already has: on a 100.000-row roster
# 0,01 s of system time instead of 0,15-0,45 s, and a few hundred page faults instead of 150.000.
_CHILD_MALLOC = {
    "MALLOC_TRIM_THRESHOLD_": str(2**30),
    "MALLOC_MMAP_MAX_": "0",
    "MALLOC_TOP_PAD_": str(64 * 2**20),
}

_SERVER = _Server()


def start_reader() -> None:
    """Start the reader's server in the background if it is not running (``_Server.start``)."""
    _SERVER.start()


def _run_child(
    name: str, data: bytes, fmt: str, limits: ReadLimits, tick: Callable[[float], None] | None = None
) -> tuple[list[dict[str, Any]] | None, list[Problem]]:
    reply = _SERVER.request(data, fmt, limits, tick)
    status = reply["status"]
    if status == "ok":
        return reply["payload"], []
    if status == "timeout":
        return None, [Problem("parse_timeout", file=name, params={"seconds": int(limits.seconds)})]
    if status == "crashed":
        return None, [Problem("parse_crashed", file=name, params={"exitcode": reply.get("exitcode")})]
    if status == "refused":
        info = reply["payload"]
        return None, [
            Problem(
                info["code"],
                "error",
                name,
                info["sheet"],
                info["row"],
                info["column"],
                params={**info["params"], "file": name},
            )
        ]
    # The parser failed on the file's content: the library's own text is not for users.
    return None, [Problem("file_unreadable", file=name, params={"format": fmt})]


def _texts(col: pa.ChunkedArray) -> np.ndarray:
    """A text column as an object array of str / None. A column that repeats its values (units,
    dates, codes: most of a roster's) becomes one str object per distinct value, taken by index:
    fewer objects to make (a third less time than ``to_numpy``), and equal cells share one object
    whose hash Python keeps, so the ``pd.factorize`` of every later step hashes each text once."""
    n = len(col)
    if n < 64 or col.null_count == n:  # short, or all blank (then perhaps of Arrow's null type)
        return col.to_numpy(zero_copy_only=False)
    head = col.slice(0, 4096)  # no value repeated in the first rows (STT, codes, names): no dictionary
    if pc.count_distinct(head).as_py() == len(head) - head.null_count:
        return col.to_numpy(zero_copy_only=False)
    encoded = pc.dictionary_encode(col.combine_chunks())
    if 2 * len(encoded.dictionary) > n:  # mostly distinct (names, codes): the dictionary is no gain
        return col.to_numpy(zero_copy_only=False)
    values = np.empty(len(encoded.dictionary) + 1, dtype=object)  # the last one: None, for blank cells
    values[:-1] = encoded.dictionary.to_numpy(zero_copy_only=False)
    return values[encoded.indices.fill_null(len(values) - 1).to_numpy()]


def _grid(table: pa.Table, row0: int, col0: int, merges: list[tuple[int, int, int, int]]) -> pd.DataFrame:
    cols = {col0 + i: _texts(table.column(i)) for i in range(table.num_columns)}
    df = pd.DataFrame(cols, dtype=object)
    df.index = pd.RangeIndex(row0, row0 + len(df))
    for r1, c1, r2, c2 in merges:
        if r1 not in df.index or c1 not in df.columns:
            continue
        value = df.at[r1, c1]
        for c in range(c1, c2 + 1):
            if c not in df.columns:
                df[c] = pd.Series([None] * len(df), index=df.index, dtype=object)
            df.loc[r1 : min(r2, df.index[-1]), c] = value
    # Columns from A (empty ones too): recognition addresses cells by position, messages by letter.
    for c in range(max(df.columns, default=-1)):
        if c not in df.columns:
            df[c] = pd.Series([None] * len(df), index=df.index, dtype=object)
    return df.reindex(columns=sorted(df.columns))


def read_csv(
    name: str, data: bytes, limits: ReadLimits | None = None, tick: Callable[[float], None] | None = None
) -> tuple[list[Sheet], list[Problem]]:
    """CSV, parsed in the limited child like a workbook: UTF-8 (with or without BOM), UTF-16 with
    BOM, else Windows-1258 (reported as a warning); TCVN3/VNI text refused; delimiter sniffed; rows,
    columns and field length capped (``ReadLimits``)."""
    return read_workbook(name, data, "csv", limits, tick)


def read_workbook(
    name: str, data: bytes, fmt: str, limits: ReadLimits | None = None, tick: Callable[[float], None] | None = None
) -> tuple[list[Sheet], list[Problem]]:
    """Sheets of one checked file (``fmt`` from ``safety.check_content``); ``tick(seconds)`` is
    called while the child parses (a progress bar that does not stall on a big file)."""
    payload, problems = _run_child(name, data, fmt, limits or ReadLimits(), tick)
    if payload is None:
        return [], problems
    sheets = []
    for s in payload:
        if fmt == "csv":
            s["name"] = name.rsplit(".", 1)[0]
            if s["encoding"] != "UTF-8":
                problems.append(Problem("csv_encoding", "warning", file=name, params={"encoding": s["encoding"]}))
        table = pa.ipc.open_stream(s["arrow"]).read_all()
        grid = _grid(table, s["row0"], s["col0"], s["merges"]) if table.num_columns else pd.DataFrame(dtype=object)
        sheets.append(Sheet(name, s["name"], s["visible"], grid, frozenset(s["hidden"])))
    return sheets, problems
