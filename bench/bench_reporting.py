"""One unit's report through the reporting cycle on the demo city, timed step by step.

    python bench/bench_reporting.py [--db PATH]

Builds the demo city in a temporary folder (or copies ``--db``), opens it as the dashboard does
(``store.open_store(...).reader()``), opens a period asking for the staff list, and times for the
unit with the largest roster: the pre-filled template (query, .xlsx), sending it back unchanged
(``submit``: the importer's checks plus the submission's own), the review's diff, publishing (the
import and a new published version), and the tracker of every reporting unit.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from analytics import db, reporting, store, submissions  # noqa: E402
from analytics.auth import User  # noqa: E402
from analytics.ingest.template import build_template  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="a database to copy (default: build the demo city)")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="bench-reporting-"))
    try:
        path = folder / "demo.duckdb"
        if args.db:
            shutil.copy(args.db, path)
        else:
            from analytics.demo import build_demo

            con = db.connect(path)
            build_demo(con)
            con.close()
        st = store.open_store(path)
        analyst = User("bench", None, "admin", None)
        unit = (
            st.reader().execute("SELECT unit_code FROM person GROUP BY 1 ORDER BY count(*) DESC LIMIT 1").fetchone()[0]
        )
        period = reporting.save_period(
            st.reader(), kind="quarter", year=2026, number=3, due={"person": date(2026, 10, 10)}, user="bench"
        )

        def step(name: str, fn):  # type: ignore[no-untyped-def]
            t = time.perf_counter()
            out = fn()
            print(f"{name:<34} {time.perf_counter() - t:6.2f} s")
            return out

        rows = step(
            "pre-filled rows (query)",
            lambda: submissions.prefilled_rows(st.reader(), data_kind="person", unit_code=unit, user=analyst),
        )
        xlsx = step("pre-filled template (.xlsx)", lambda: build_template("person", rows))
        sent = step(
            "submit (checks, store the file)",
            lambda: submissions.submit(
                st.reader(),
                period_id=period,
                unit_code=unit,
                data_kind="person",
                file_name="ds.xlsx",
                content=xlsx,
                user=analyst,
            ),
        )
        diff = step(
            "diff for the review", lambda: submissions.diff(st.reader(), submission_id=sent.submission_id, user=analyst)
        )
        step(
            "publish (import, new version)",
            lambda: submissions.publish(st.reader(), submission_id=sent.submission_id, user=analyst),
        )
        tracker = step(
            "tracker (every reporting unit)",
            lambda: reporting.submissions_by_unit(st.reader(), period_id=period, today=date(2026, 10, 12)),
        )
        print(
            f"unit {unit}: {len(rows)} rows, file {len(xlsx) / 1e6:.2f} MB, status {sent.status}; diff added "
            f"{diff['added']}, removed {diff['removed']}, changed {diff['changed']}, unchanged {diff['unchanged']}; "
            f"tracker {len(tracker)} rows"
        )
    finally:
        store.forget_all()
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
