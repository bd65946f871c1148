"""The reader's child processes: limits turn into problems, the caller survives; sheets and CSV."""

from __future__ import annotations

import io
import os
import pickle
import signal
import subprocess
import sys
import time
import unicodedata
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pandas as pd

from analytics.ingest.problems import Problem, problems_frame, problems_xlsx
from analytics.ingest.reader import ReadLimits, read_csv, read_workbook
from tests.ingest_helpers import corpus_module

mc = corpus_module()
ROOT = Path(__file__).resolve().parents[1]


def test_memory_limit_is_a_problem_not_a_crash() -> None:
    data = mc.commune_staff()
    sheets, problems = read_workbook("a.xlsx", data, "xlsx", ReadLimits(memory_bytes=16 * 1024**2))
    assert sheets == [] and [p.code for p in problems] in (["parse_memory"], ["parse_crashed"])
    sheets, problems = read_workbook("a.xlsx", data, "xlsx")  # the next file is read normally
    assert problems == [] and sheets[0].name == "DS"


def test_time_limit_is_a_problem() -> None:
    sheets, problems = read_workbook("a.xlsx", mc.commune_staff(), "xlsx", ReadLimits(seconds=0.0001))
    assert sheets == [] and [p.code for p in problems] == ["parse_timeout"]


def _server_children() -> list[tuple[int, str]]:
    """(pid, state) of the reader server's children."""
    from analytics.ingest import reader

    server = reader._SERVER.proc
    assert server is not None
    pids = open(f"/proc/{server.pid}/task/{server.pid}/children").read().split()
    return [(int(pid), open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()[0]) for pid in pids]


def _wait_for(condition: Callable[[], bool], seconds: float = 5) -> bool:
    deadline = time.monotonic() + seconds
    while not condition() and time.monotonic() < deadline:
        time.sleep(0.01)
    return condition()


def test_one_warm_worker_reads_the_files_that_follow_and_leaves_when_idle() -> None:
    """Files read one after another go to one worker, which waits for the next (no zombie, none
    left over); idle for ``warm_seconds`` it leaves. With 0 each file has a worker of its own, gone
    once the file is read."""
    data = mc.commune_staff()
    warm = ReadLimits(warm_seconds=1.5)
    workers = set()
    for _ in range(3):
        sheets, problems = read_workbook("a.xlsx", data, "xlsx", warm)
        assert problems == [] and sheets[0].name == "DS"
        children = _server_children()
        assert len(children) == 1 and children[0][1] != "Z"
        workers.add(children[0][0])
    assert len(workers) == 1
    assert _wait_for(lambda: _server_children() == [])  # idle 1,5 s: gone

    for _ in range(2):
        sheets, problems = read_workbook("a.xlsx", data, "xlsx", ReadLimits(warm_seconds=0))
        assert problems == [] and sheets[0].name == "DS"
        assert _wait_for(lambda: _server_children() == [])


def test_a_worker_that_died_while_waiting_is_replaced() -> None:
    """Killed between two files (the kernel's OOM killer, an operator): the next file gets a new
    worker and is read, not reported as a crash."""
    data = mc.commune_staff()
    assert read_workbook("a.xlsx", data, "xlsx")[1] == []
    [(pid, _)] = _server_children()
    os.kill(pid, signal.SIGKILL)
    assert _wait_for(lambda: _server_children()[0][1] == "Z")
    sheets, problems = read_workbook("a.xlsx", data, "xlsx")
    assert problems == [] and sheets[0].name == "DS"
    assert [p for p, _ in _server_children()] != [pid]


def test_a_worker_leaves_after_a_parse_that_left_it_big() -> None:
    """Holding more than ``warm_bytes`` after a file, the worker leaves: its memory goes back."""
    sheets, problems = read_workbook("a.xlsx", mc.commune_staff(), "xlsx", ReadLimits(warm_bytes=1))
    assert problems == [] and sheets
    assert _wait_for(lambda: _server_children() == [])


def test_hidden_sheet_and_hidden_rows_reported() -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["x"])
    ws.row_dimensions[1].hidden = True
    wb.create_sheet("Ẩn").sheet_state = "hidden"
    buf = io.BytesIO()
    wb.save(buf)
    sheets, problems = read_workbook("h.xlsx", buf.getvalue(), "xlsx")
    assert not problems
    assert [(s.name, s.visible, sorted(s.hidden_rows)) for s in sheets] == [("Sheet", True, [1]), ("Ẩn", False, [])]


def test_merged_cells_filled_from_their_top_left() -> None:
    sheets, _ = read_workbook("w.xlsx", mc.wide_quota(), "xlsx")
    cells = sheets[0].cells
    assert cells.at[6, 2] == cells.at[6, 6] == "Công chức"  # C6:G6 merged
    assert cells.at[7, 0] == "STT"  # A6:A7 merged


def test_csv_semicolon_cp1258() -> None:
    sheets, problems = read_csv("a.csv", mc.roster_cp1258_csv())
    assert [p.code for p in problems] == ["csv_encoding"]
    # Windows-1258 text arrives decomposed (tone marks apart); values are NFC-normalised later
    assert unicodedata.normalize("NFC", sheets[0].cells.at[2, 2]) == "Đặng Thị Hồng"


def test_problems_table_and_xlsx() -> None:
    probs = [
        Problem("required", "warning", "a.xlsx", "S", 3, "B: Họ và tên"),
        Problem("bad_date", "error", "a.xlsx", "S", 5, "D: Ngày sinh", "31/02/1980"),
    ]
    df = problems_frame(probs)
    assert list(df["code"]) == ["bad_date", "required"]  # errors first
    assert df.loc[0, "message_vi"] == "ngày không hợp lệ (dùng dd/mm/yyyy)"
    back = pd.read_excel(io.BytesIO(problems_xlsx(probs)))
    assert list(back["row"]) == [5, 3]


def test_problems_download_never_writes_a_formula() -> None:
    import openpyxl

    probs = [Problem("bad_number", "error", "f.xlsx", "S", 3, "C: Hệ số", '=HYPERLINK("http://x")', {})]
    ws = openpyxl.load_workbook(io.BytesIO(problems_xlsx(probs))).active
    assert ws is not None
    values = [c.value for row in ws.iter_rows() for c in row]
    assert '\'=HYPERLINK("http://x")' in values
    assert all(getattr(c, "data_type", "s") != "f" for row in ws.iter_rows() for c in row)


def test_text_columns_read_alike_through_the_dictionary() -> None:
    """A repetitive column goes through an Arrow dictionary (one str per distinct value): the
    cells must be the same str / None as a plain conversion, blanks included."""
    import pyarrow as pa

    from analytics.ingest.reader import _texts

    columns = [
        pa.chunked_array([pa.array(["Nam", None, "Nữ", "Nam"] * 50, pa.string())]),  # repetitive, blanks
        pa.chunked_array([pa.array([None] * 100, pa.string())]),  # all blank
        pa.chunked_array([pa.nulls(100)]),  # no type at all
        pa.chunked_array([pa.array([f"P{i:04d}" for i in range(100)], pa.string())]),  # all distinct
        pa.chunked_array([pa.array(["a"] * 70, pa.string()), pa.array(["b", None] * 40, pa.string())]),  # chunks
        pa.chunked_array([pa.array(["x", None, "y"], pa.string())]),  # short
    ]
    for col in columns:
        got = _texts(col)
        assert got.dtype == object and list(got) == col.to_pylist()
        assert all(v is None or type(v) is str for v in got)


def test_hidden_marker_found_as_two_searches_would() -> None:
    import random

    from analytics.ingest._workbook import _says_hidden

    rnd = random.Random(7)
    pieces = [b'hidden="', b"1", b'"', b"true", b"0", b"x", b"<row ", b"false"]
    for _ in range(5000):
        xml = b"".join(rnd.choice(pieces) for _ in range(rnd.randint(0, 8)))
        assert _says_hidden(xml) == (xml.find(b'hidden="1"') >= 0 or xml.find(b'hidden="true"') >= 0), xml


def test_nonempty_rows_as_pandas_sees_them() -> None:
    """Row by row, a value anywhere (None, NaN, NaT and pd.NA are blank), as pd.notna(...).any(axis=1)."""
    import numpy as np

    from analytics.ingest.rows import _nonempty_rows

    rng = np.random.default_rng(3)
    for shape in [(0, 4), (6, 0), (500, 7)]:
        grid = np.empty(shape, dtype=object)
        if grid.size:
            draw = rng.random(shape)
            grid[draw < 0.1] = "x"
            grid[(draw >= 0.1) & (draw < 0.2)] = float("nan")
            grid[(draw >= 0.2) & (draw < 0.3)] = pd.NaT
            grid[(draw >= 0.3) & (draw < 0.4)] = pd.NA
            grid[(draw >= 0.4) & (draw < 0.45)] = ""  # an empty text is a value to pandas
        assert _nonempty_rows(grid).tolist() == pd.notna(grid).any(axis=1).tolist()


def test_the_readers_child_needs_no_pandas(tmp_path: Path) -> None:
    """The reader's server blocks the import of pandas (pyarrow would import it in every CSV
    file's child: 0,15 s and a gigabyte of address space under the memory cap). Its parsers give
    the same sheets without it as with it."""
    from analytics.ingest._csv import parse_csv
    from analytics.ingest._workbook import parse_workbook

    caps = ReadLimits().caps()
    files = {
        "plain.csv": ("csv", mc.roster_plain_csv()),
        "cp1258.csv": ("csv", mc.roster_cp1258_csv()),
        "staff.xlsx": ("xlsx", mc.commune_staff()),
        "hidden.xlsx": ("xlsx", mc.roster_hidden()),
    }
    for name, (fmt, data) in files.items():
        (tmp_path / name).write_bytes(data)
        with_pandas = parse_csv(data, caps) if fmt == "csv" else parse_workbook(data, fmt, caps)
        (tmp_path / f"{name}.pickle").write_bytes(pickle.dumps(with_pandas))
    script = f"""
import pickle, sys
from analytics.ingest._child import _NoPandas
sys.meta_path.insert(0, _NoPandas())
from analytics.ingest._csv import parse_csv
from analytics.ingest._workbook import parse_workbook
caps = {caps!r}
"""
    for name, (fmt, _) in files.items():
        script += (
            f"data = open({str(tmp_path / name)!r}, 'rb').read()\n"
            f"out = parse_csv(data, caps) if {fmt!r} == 'csv' else parse_workbook(data, {fmt!r}, caps)\n"
            f"assert out == pickle.load(open({str(tmp_path / (name + '.pickle'))!r}, 'rb')), {name!r}\n"
        )
    script += "assert 'pandas' not in sys.modules\n"
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
