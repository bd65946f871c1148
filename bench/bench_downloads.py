"""What the chart panels' Excel/CSV downloads cost a page run (issue 16: build them on click).

    python bench/bench_downloads.py [--runs 5] [--db PATH] [--pages overview reduction …]

Builds the demo city in a temporary folder (or uses ``--db``, read only), signs in an analyst and
runs each page with Streamlit's AppTest ``--runs`` times after one warm-up run (results are then
cached, as on a reader's rerun). It reports per page: the median run time, the number of download
files built during a run and the time spent building them (``safe_export.to_xlsx_bytes`` /
``to_csv_bytes`` are wrapped and timed). Built on click, a run builds none.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

PAGES = ("overview", "reduction", "secondment", "training", "workforce", "reorganisation", "unit")


def build_demo(folder: Path) -> Path:
    from analytics import auth, db
    from analytics.demo import build_demo as build

    path = folder / "demo.duckdb"
    con = db.connect(path)
    try:
        build(con)
        auth.create_user(con, username="chuyenvien", password="mat-khau-do-toc-do", role="analyst", by="bench")
    finally:
        con.close()
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--db", type=Path, default=None)
    parser.add_argument("--pages", nargs="+", default=list(PAGES))
    args = parser.parse_args()
    path = args.db or build_demo(Path(tempfile.mkdtemp(prefix="bench-downloads-")))
    os.environ["OVERSIGHT_DB"] = str(path)

    from streamlit.testing.v1 import AppTest

    from analytics import safe_export
    from analytics.auth import User
    from ui import panel

    spent: list[float] = []

    def timed(fn: Callable[..., bytes]) -> Callable[..., bytes]:
        def wrapper(*a: Any, **k: Any) -> bytes:
            t = time.perf_counter()
            try:
                return fn(*a, **k)
            finally:
                spent.append(time.perf_counter() - t)

        return wrapper

    # ui.panel imported the names: replace them there too.
    xlsx, csv = timed(safe_export.to_xlsx_bytes), timed(safe_export.to_csv_bytes)
    for module in (safe_export, panel):
        module.to_xlsx_bytes, module.to_csv_bytes = xlsx, csv  # type: ignore[attr-defined]

    print(f"database {path}; {args.runs} runs per page after one warm-up")
    print(f"{'page':<16}{'median run':>12}{'files built':>13}{'building':>11}")
    for page in args.pages:
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=300)
        at.session_state["user"] = User(username="chuyenvien", display_name=None, role="analyst", scope_unit_code=None)
        at.switch_page(f"pages/{page}.py")
        at.run()
        assert not at.exception, at.exception
        runs, built, building = [], [], []
        for _ in range(args.runs):
            spent.clear()
            t = time.perf_counter()
            at.run()
            runs.append(time.perf_counter() - t)
            built.append(len(spent))
            building.append(sum(spent))
        print(
            f"{page:<16}{statistics.median(runs) * 1000:>10.0f} ms{statistics.median(built):>13.0f}"
            f"{statistics.median(building) * 1000:>8.0f} ms"
        )


if __name__ == "__main__":
    main()
