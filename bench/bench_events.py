"""Small writes: an audit row in SQLite (now) against the same row through DuckDB and a publish (before).

    python bench/bench_events.py [--writes 100] [--db PATH]

Builds the demo city in a temporary folder (or copies ``--db``), opens it as the dashboard does
(``store.open_store(...).reader()``) and times ``audit.record`` (the events file) and the former
path — the same INSERT in a DuckDB transaction on the reader, which runs on the writer and
publishes a copy of the database — ``--writes`` times each, plus two processes recording at once.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from analytics import audit, db, store  # noqa: E402

WRITER = """
import sys, time
from analytics import audit, store
con = store.open_store(sys.argv[1]).reader()
times = []
for i in range(int(sys.argv[2])):
    t = time.perf_counter()
    audit.record(con, username="bench", event="logout")
    times.append(time.perf_counter() - t)
print(" ".join(f"{x:.6f}" for x in times))
"""


def summary(name: str, times: list[float]) -> str:
    q = statistics.quantiles(times, n=20)
    return f"{name}: n={len(times)} p50={statistics.median(times) * 1000:.1f} ms p95={q[18] * 1000:.1f} ms"


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--writes", type=int, default=100)
    p.add_argument("--db", type=Path, default=None, help="a demo database to copy instead of building one")
    args = p.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="bench-events-") as tmp:
        path = Path(tmp) / "bench.duckdb"
        if args.db:
            shutil.copyfile(args.db, path)
        else:
            from analytics.demo import build_demo

            con = db.connect(path)
            build_demo(con)
            con.close()
        s = store.open_store(path)
        reader = s.reader()
        print(f"database: {path.stat().st_size / 1e6:.0f} MB", flush=True)

        now: list[float] = []
        for _ in range(args.writes):
            t = time.perf_counter()
            audit.record(s.reader(), username="bench", event="logout")
            now.append(time.perf_counter() - t)
        print(summary("audit row in SQLite (now)          ", now), flush=True)

        before: list[float] = []
        for _ in range(args.writes):
            t = time.perf_counter()
            with db.transaction(s.reader()) as cur:  # the former audit.record: DuckDB, then publish
                cur.execute("INSERT INTO audit_log (username, event) VALUES ('bench', 'logout')")
            before.append(time.perf_counter() - t)
        print(summary("audit row in DuckDB + publish (before)", before), flush=True)

        procs = [
            subprocess.Popen(
                [sys.executable, "-c", WRITER, str(path), str(args.writes)],  # noqa: S603
                cwd=ROOT,
                stdout=subprocess.PIPE,
                text=True,
            )
            for _ in range(2)
        ]
        both = [float(x) for pr in procs for x in pr.communicate()[0].split()]
        print(summary("2 processes at once, SQLite (now)  ", both), flush=True)
        del reader
    return 0


if __name__ == "__main__":
    sys.exit(main())
