"""Benchmark: 100.000 roster rows from .xlsx checked and loaded (goal < 10 s on 2 cores).

Prints each step's time and its ratio to baselines measured in the same run on the same file
(plain openpyxl read-only iteration, and a bare fastexcel read), so results compare across
machines. Not a test: run ``python bench/bench_import.py [ROWS] [--repeat 5] [--busy] [--no-openpyxl]``;
``--busy`` keeps the other core busy with a spinning process, as another user would.
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

import duckdb

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

UNITS = [(f"XA{i:03d}", f"Phường Số {i}") for i in range(1, 104)]


def make_file(path: Path, rows: int) -> None:
    from openpyxl import Workbook

    rnd = random.Random(1)
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("DS")
    ws.append(["DANH SÁCH CÁN BỘ, CÔNG CHỨC, VIÊN CHỨC"])
    ws.append(["Tính đến ngày 31/12/2024"])
    ws.append(
        [
            "STT",
            "Tên đơn vị",
            "Mã cán bộ",
            "Họ và tên",
            "Ngày sinh",
            "Giới tính",
            "Dân tộc",
            "Loại cán bộ",
            "Nhóm ngạch",
            "Bậc",
            "Hệ số lương",
            "Chức vụ",
            "Trình độ chuyên môn",
            "Ngày tuyển dụng",
        ]
    )
    groups = [("A1", "2,34", 1), ("A1", "2,67", 2), ("A1", "3,00", 3), ("A2.1", "4,40", 1), ("A0", "2,10", 1)]
    for i in range(rows):
        unit_code, unit_name = UNITS[i % len(UNITS)]
        g, coef, step = groups[i % len(groups)]
        birth = date(1965 + rnd.randrange(35), 1 + rnd.randrange(12), 1 + rnd.randrange(28))
        ws.append(
            [
                i + 1,
                unit_name if i % 2 else unit_code,
                f"P{i:06d}",
                f"Nguyễn Văn {i}",
                birth.strftime("%d/%m/%Y") if i % 3 else birth,
                "Nam" if i % 2 else "Nữ",
                "Kinh" if i % 10 else "Khmer",
                "Công chức" if i % 4 else "Viên chức",
                g,
                step,
                coef,
                "Chuyên viên",
                "Đại học",
                f"01/09/{2000 + i % 20}",
            ]
        )
    ws.append(["", "Tổng cộng"])
    wb.save(path)


def units_db(dbfile: Path) -> duckdb.DuckDBPyConnection:
    """A new database holding only the 103 communes the generated rosters name."""
    from analytics import db

    dbfile.unlink(missing_ok=True)
    con = db.connect(dbfile)
    con.execute("INSERT INTO import_batch (kind, created_by) VALUES ('demo', 'bench')")
    for code, name in UNITS:
        con.execute(
            "INSERT INTO unit (unit_code, name, unit_type, level, commune_kind, batch_id) "
            "VALUES ($c, $n, 'ubnd_xa', 'commune', 'phuong', 1)",
            {"c": code, "n": name},
        )
    return con


def _cpu_seconds() -> float:
    """CPU time of this process and of the reader's server, its worker and its finished workers
    (from /proc): unlike wall time, it does not grow when other processes share the cores."""
    import os
    import resource

    from analytics.ingest.reader import _SERVER

    me = resource.getrusage(resource.RUSAGE_SELF)
    total = me.ru_utime + me.ru_stime
    if _SERVER.proc is not None and _SERVER.proc.poll() is None:
        pid = _SERVER.proc.pid
        try:
            workers = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
            for proc in (str(pid), *workers):
                fields = Path(f"/proc/{proc}/stat").read_text().rsplit(")", 1)[1].split()
                # utime, stime (and for the server, cutime and cstime: its finished workers)
                total += sum(int(f) for f in fields[11 : 15 if proc == str(pid) else 13]) / os.sysconf("SC_CLK_TCK")
        except (FileNotFoundError, ProcessLookupError):  # a worker that left meanwhile
            pass
    return total


def _import_once(path: Path, data: bytes, tmp: Path) -> tuple[float, float, dict[str, float], dict[str, int], float]:
    from analytics.ingest.pipeline import load, prepare

    con = units_db(tmp / "bench_import.duckdb")
    cpu = _cpu_seconds()
    t = time.perf_counter()
    plan = prepare(con, files=[(path.name, data)], as_of=None)
    t_prepare = time.perf_counter() - t
    errors = [p for p in plan.problems if p.severity == "error"]
    assert not errors, [p.message() for p in errors[:5]]
    t = time.perf_counter()
    result = load(con, plan, user="bench")
    t_load = time.perf_counter() - t
    cpu = _cpu_seconds() - cpu
    plan.close()
    con.close()
    return t_prepare, t_load, plan.timings, result.rows_by_table, cpu


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("rows", nargs="?", type=int, default=100_000)
    ap.add_argument("--repeat", type=int, default=1, help="imports in a row (min / median / max)")
    ap.add_argument("--busy", action="store_true", help="keep the other core busy (a spinning process) meanwhile")
    ap.add_argument("--no-openpyxl", action="store_true", help="skip the slow openpyxl baseline")
    ap.add_argument("--no-recognition", action="store_true", help="skip the recognition score over the forms corpora")
    args = ap.parse_args()
    rows = args.rows

    tmp = Path(tempfile.gettempdir())
    path = tmp / f"bench_roster_{rows}.xlsx"
    if not path.exists():
        t = time.perf_counter()
        make_file(path, rows)
        print(f"built {path} in {time.perf_counter() - t:.1f} s")
    data = path.read_bytes()

    import fastexcel

    t_openpyxl = None
    if not args.no_openpyxl:
        import openpyxl

        # openpyxl needs minutes for 100.000 rows on a busy machine: time the first 20.000 and scale.
        t = time.perf_counter()
        wb = openpyxl.load_workbook(path, read_only=True)
        sample = min(rows, 20_000)
        for _ in wb["DS"].iter_rows(values_only=True, max_row=sample + 3):
            pass
        t_openpyxl = (time.perf_counter() - t) * rows / sample
    busy = subprocess.Popen([sys.executable, "-c", "while True: pass"]) if args.busy else None
    try:
        t = time.perf_counter()
        fastexcel.read_excel(data).load_sheet(0, header_row=None, dtypes="string").to_arrow()
        t_fastexcel = time.perf_counter() - t
        runs = [_import_once(path, data, tmp) for _ in range(args.repeat)]
    finally:
        if busy is not None:
            busy.kill()
            busy.wait()
    for t_prepare, t_load, timings, _, cpu in runs:
        total = t_prepare + t_load
        print(
            "steps: " + ", ".join(f"{k} {v:.2f}" for k, v in timings.items()) + f", load {t_load:.2f}"
            f" | prepare {t_prepare:.2f} + load {t_load:.2f} = {total:.2f} s, CPU {cpu:.2f} s"
        )
    totals = sorted(p + lo for p, lo, _, _, _ in runs)
    cpus = sorted(r[4] for r in runs)
    print(
        f"CPU seconds (importer + reader) per import: min {cpus[0]:.2f}, max {cpus[-1]:.2f}: what the import "
        "takes on a core of its own"
    )
    print(f"rows: {rows:,}; loaded: {runs[-1][3]}{'; other core kept busy' if args.busy else ''}")
    if t_openpyxl is not None:
        print(f"baseline openpyxl read-only iteration: {t_openpyxl:6.2f} s (first {min(rows, 20_000):,} rows, scaled)")
    print(f"baseline fastexcel read (strings):     {t_fastexcel:6.2f} s")
    median = totals[len(totals) // 2]
    print(
        f"total (prepare + load) over {len(totals)} run(s): min {totals[0]:.2f}, median {median:.2f}, "
        f"max {totals[-1]:.2f} s = {median / t_fastexcel:.1f} x fastexcel read"
        + (f", {median / t_openpyxl:.2f} x openpyxl read" if t_openpyxl else "")
        + f"; goal < 10 s: {'met' if totals[-1] < 10 else 'NOT met'} (max)"
    )
    if not args.no_recognition:
        import bench_recognition

        print("\nrecognition score (no hand mapping):")
        bench_recognition.main()


if __name__ == "__main__":
    main()
