"""Benchmark: every KPI of the demo city, as the dashboard asks for them.

Prints the time of ``kpis.headline`` (all headline figures), of each page's breakdowns, and their
ratio to a baseline measured in the same run on the same database (one full scan of the payroll
table, the largest), so results compare across machines. Not a test:
``python bench/bench_kpis.py [--db PATH] [--runs N]`` (builds the demo into a temporary file
without --db).

The medians are wall times; "cpu" is the process CPU time of the same runs (every thread, DuckDB's
included), which a busy machine disturbs far less: when the two disagree a lot, the machine was not
idle. headline computes its parts a few at a time (kpis.PARALLEL_PARTS); the line "headline, parts
one after another" shows the same work without that.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import duckdb  # noqa: E402

from analytics import db, kpis, quality, reduction, secondment, training, workforce  # noqa: E402

AS_OF = date(2026, 9, 30)


def best_of(fn: Callable[[], object], runs: int = 5) -> float:
    return timed(fn, runs)[0]


def timed(fn: Callable[[], object], runs: int) -> tuple[float, float]:
    """Median wall time and median process CPU time of ``runs`` calls, in seconds."""
    wall, cpu = [], []
    for _ in range(runs):
        t, c = time.perf_counter(), time.process_time()
        fn()
        wall.append(time.perf_counter() - t)
        cpu.append(time.process_time() - c)
    return statistics.median(wall), statistics.median(cpu)


def one_after_another(fn: Callable[[], object]) -> Callable[[], object]:
    def run() -> object:
        saved, kpis.PARALLEL_PARTS = kpis.PARALLEL_PARTS, 1
        try:
            return fn()
        finally:
            kpis.PARALLEL_PARTS = saved

    return run


def page_calls(
    con: duckdb.DuckDBPyConnection, scope: str | None, when: date = AS_OF
) -> dict[str, Callable[[], object]]:
    """The calls behind each page, as the dashboard makes them (also used by bench/run.py)."""
    return {
        "headline (all areas)": lambda: kpis.headline(con, scope=scope, as_of=when),
        "headline, parts one after another": one_after_another(lambda: kpis.headline(con, scope=scope, as_of=when)),
        "overview page (4 areas, no quality)": lambda: kpis.headline(
            con, scope=scope, as_of=when, parts=("reduction", "secondment", "training", "workforce")
        ),
        "reduction page": lambda: [
            reduction.reduction_by_category(con, scope=scope, as_of=when),
            reduction.reduction_by_unit(con, category="cong_chuc", scope=scope, as_of=when),
            reduction.reduction_by_year(con, category="cong_chuc", scope=scope),
            reduction.reduction_by_group(con, category="cong_chuc", by="former_province", scope=scope, as_of=when),
            reduction.people_left_by_route_year(con, scope=scope),
        ],
        "secondment page": lambda: [
            secondment.secondment_by_agency(con, as_of=when, scope=scope),
            secondment.secondment_postings(con, as_of=when, scope=scope),
            secondment.secondment_by_commune(con, as_of=when, scope=scope),
        ],
        "training page": lambda: [
            training.training_budget_by_agency(con, as_of=when, scope=scope),
            training.training_by_field(con, scope=scope),
        ],
        "workforce page": lambda: [
            workforce.headcount_by_unit(con, as_of=when, scope=scope),
            workforce.age_pyramid(con, as_of=when, scope=scope),
            workforce.workforce_by(con, dimension="category", as_of=when, scope=scope),
            workforce.retirements_by_year(con, as_of=when, scope=scope),
            workforce.leaders_and_pool(con, as_of=when, scope=scope),
        ],
        "quality page": lambda: quality.quality_checks(con, as_of=when, scope=scope),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", type=Path)
    parser.add_argument("--runs", type=int, default=3, help="runs per line (the median is shown)")
    args = parser.parse_args()
    path = args.db
    if path is None:
        from analytics.demo import build_demo

        path = Path(tempfile.mkdtemp()) / "demo.duckdb"
        con = db.connect(path)
        build_demo(con)
        con.close()
    con = db.connect(path)
    scope = "CT"
    baseline = best_of(
        lambda: con.cursor().execute("SELECT count(*), sum(basic_salary_vnd), sum(total_vnd) FROM payroll").fetchall()
    )
    pages = page_calls(con, scope)
    print(f"baseline (full scan of payroll): {baseline * 1000:.0f} ms")
    print(f"{'what':<38} {'ms':>7} {'× baseline':>11} {'cpu ms':>7}")
    for name, fn in pages.items():
        fn()  # warm up: the first call reads the SQL files
        t, cpu = timed(fn, args.runs)
        print(f"{name:<38} {t * 1000:>7.0f} {t / baseline:>11.1f} {cpu * 1000:>7.0f}")


if __name__ == "__main__":
    main()
