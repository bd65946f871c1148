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

from analytics import (  # noqa: E402
    children,
    db,
    kpis,
    quality,
    reduction,
    reorganisation,
    secondment,
    training,
    workforce,
)

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


Call = Callable[..., object]


def page_calls(
    con: duckdb.DuckDBPyConnection, scope: str | None, when: date = AS_OF, call: Call | None = None
) -> dict[str, Callable[[], object]]:
    """The calls behind each page, as the dashboard makes them (also used by bench/run.py).

    ``call(fn, **kwargs)`` runs one KPI function; by default ``fn(con, **kwargs)``. bench/run.py
    passes the dashboard's own path instead (``ui.data``: results cached by data version).
    """
    c: Call = call or (lambda fn, **kw: fn(con, **kw))
    return {
        "headline (all areas)": lambda: c(kpis.headline, scope=scope, as_of=when),
        "headline, parts one after another": one_after_another(lambda: kpis.headline(con, scope=scope, as_of=when)),
        "overview page (4 areas, no quality)": lambda: c(
            kpis.headline, scope=scope, as_of=when, parts=("reduction", "secondment", "training", "workforce")
        ),
        "reduction page": lambda: [
            c(reduction.reduction_by_category, scope=scope, as_of=when),
            c(reduction.reduction_by_unit, category="cong_chuc", scope=scope, as_of=when),
            c(reduction.reduction_by_year, category="cong_chuc", scope=scope),
            c(reduction.reduction_by_group, category="cong_chuc", by="former_province", scope=scope, as_of=when),
            c(reduction.people_left_by_route_year, scope=scope),
        ],
        "secondment page": lambda: [
            c(secondment.secondment_by_agency, as_of=when, scope=scope),
            c(children.province_links, as_of=when, scope=scope),
            c(secondment.secondment_postings, as_of=when, scope=scope),
            c(secondment.secondment_by_commune, as_of=when, scope=scope),
        ],
        "training page": lambda: [
            c(training.training_budget_by_agency, as_of=when, scope=scope),
            c(children.province_links, as_of=when, scope=scope),
            c(training.training_by_field, scope=scope),
        ],
        "workforce page": lambda: [
            c(workforce.headcount_by_unit, as_of=when, scope=scope),
            c(workforce.age_pyramid, as_of=when, scope=scope),
            c(workforce.workforce_by, dimension="category", as_of=when, scope=scope),
            c(workforce.retirements_by_year, as_of=when, scope=scope),
            c(workforce.leaders_and_pool, as_of=when, scope=scope),
        ],
        "quality page": lambda: c(quality.quality_checks, as_of=when, scope=scope),
        "reorganisation page": lambda: _reorganisation_page(c, scope, when),
    }


def _reorganisation_page(c: Call, scope: str | None, when: date) -> list[object]:
    """pages/reorganisation.py's calls: its window from the first decision on record to the date."""
    first, last = c(reorganisation.reorg_dates, scope=scope)  # type: ignore[misc]
    if first is None or last is None:
        return []
    end = min(last, when)
    return [
        c(reorganisation.reorganisation_by_group, start=first, end=end, as_of=end, scope=scope),
        c(reorganisation.job_positions_by_group, as_of=end, scope=scope),
        c(reorganisation.inspections_by_year, scope=scope),
        c(reorganisation.reorganisation_by_year, start=first, end=end, scope=scope),
        c(reorganisation.reorganisation_by_agency, start=first, end=end, as_of=end, scope=scope),
        c(reorganisation.reorg_decision_trail, start=first, end=end, scope=scope),
    ]


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
