"""Benchmark: 100.000 roster rows from .xlsx checked and loaded (goal < 10 s on 2 cores).

Prints each step's time and its ratio to baselines measured in the same run on the same file
(plain openpyxl read-only iteration, and a bare fastexcel read), so results compare across
machines. Not a test: run ``python bench/bench_import.py [ROWS]``.
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

UNITS = [(f"XA{i:03d}", f"Phường Số {i}") for i in range(1, 104)]


def make_file(path: Path, rows: int) -> None:
    from openpyxl import Workbook

    rnd = random.Random(1)
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("DS")
    ws.append(["DANH SÁCH CÁN BỘ, CÔNG CHỨC, VIÊN CHỨC"])
    ws.append(["Tính đến ngày 31/12/2024"])
    ws.append(["STT", "Tên đơn vị", "Mã cán bộ", "Họ và tên", "Ngày sinh", "Giới tính", "Dân tộc", "Loại cán bộ",
               "Nhóm ngạch", "Bậc", "Hệ số lương", "Chức vụ", "Trình độ chuyên môn", "Ngày tuyển dụng"])
    groups = [("A1", "2,34", 1), ("A1", "2,67", 2), ("A1", "3,00", 3), ("A2.1", "4,40", 1), ("A0", "2,10", 1)]
    for i in range(rows):
        unit_code, unit_name = UNITS[i % len(UNITS)]
        g, coef, step = groups[i % len(groups)]
        birth = date(1965 + rnd.randrange(35), 1 + rnd.randrange(12), 1 + rnd.randrange(28))
        ws.append([i + 1, unit_name if i % 2 else unit_code, f"P{i:06d}", f"Nguyễn Văn {i}",
                   birth.strftime("%d/%m/%Y") if i % 3 else birth, "Nam" if i % 2 else "Nữ",
                   "Kinh" if i % 10 else "Khmer", "Công chức" if i % 4 else "Viên chức", g, step, coef,
                   "Chuyên viên", "Đại học", f"01/09/{2000 + i % 20}"])
    ws.append(["", "Tổng cộng"])
    wb.save(path)


def main() -> None:
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    from analytics import db
    from analytics.ingest.pipeline import load, prepare

    tmp = Path(tempfile.gettempdir())
    path = tmp / f"bench_roster_{rows}.xlsx"
    if not path.exists():
        t = time.perf_counter()
        make_file(path, rows)
        print(f"built {path} in {time.perf_counter() - t:.1f} s")
    data = path.read_bytes()

    import fastexcel
    import openpyxl

    # openpyxl needs minutes for 100.000 rows on a busy machine: time the first 20.000 and scale.
    t = time.perf_counter()
    wb = openpyxl.load_workbook(path, read_only=True)
    sample = min(rows, 20_000)
    for _ in wb["DS"].iter_rows(values_only=True, max_row=sample + 3):
        pass
    t_openpyxl = (time.perf_counter() - t) * rows / sample
    t = time.perf_counter()
    fastexcel.read_excel(data).load_sheet(0, header_row=None, dtypes="string").to_arrow()
    t_fastexcel = time.perf_counter() - t

    dbfile = tmp / "bench_import.duckdb"
    dbfile.unlink(missing_ok=True)
    con = db.connect(dbfile)
    con.execute("INSERT INTO import_batch (kind, created_by) VALUES ('demo', 'bench')")
    for code, name in UNITS:
        con.execute("INSERT INTO unit (unit_code, name, unit_type, level, commune_kind, batch_id) "
                    "VALUES ($c, $n, 'ubnd_xa', 'commune', 'phuong', 1)", {"c": code, "n": name})
    t = time.perf_counter()
    plan = prepare(con, files=[(path.name, data)], as_of=None)
    t_prepare = time.perf_counter() - t
    errors = [p for p in plan.problems if p.severity == "error"]
    assert not errors, [p.message() for p in errors[:5]]
    t = time.perf_counter()
    result = load(con, plan, user="bench")
    t_load = time.perf_counter() - t
    con.close()
    total = t_prepare + t_load
    print("prepare steps: " + ", ".join(f"{k} {v:.2f}" for k, v in plan.timings.items()))
    print(f"rows: {rows:,}; loaded: {result.rows_by_table}")
    print(f"baseline openpyxl read-only iteration: {t_openpyxl:6.2f} s (first {sample:,} rows, scaled)")
    print(f"baseline fastexcel read (strings):     {t_fastexcel:6.2f} s")
    print(f"prepare (check, parse in child, recognise, validate): {t_prepare:6.2f} s")
    print(f"load (one transaction):                              {t_load:6.2f} s")
    print(f"total {total:.2f} s = {total / t_openpyxl:.2f} x openpyxl read, {total / t_fastexcel:.1f} x fastexcel read; "
          f"goal < 10 s: {'met' if total < 10 else 'NOT met'}")


if __name__ == "__main__":
    main()
