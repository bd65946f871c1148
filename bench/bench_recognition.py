"""Recognition score over the forms corpora (tests/forms/make_forms.py, and tests/forms/heldout.py,
written without reading the recogniser): how many files load with no
hand mapping, how many need mapping, how many are refused; for each file not loaded, its first
error message. A report, not a test: always exits 0. Run ``python bench/bench_recognition.py``.

"needs mapping" = refused because a sheet or its columns were not recognised (the user could map
them by hand); "refused" = refused for any other reason. For the deliberately bad files the right
outcome is "refused" with the expected cell named (marked ✓).
"""

from __future__ import annotations

import re
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

# Problem codes meaning "not recognised": a sheet, the file, or columns the recogniser could not place.
MAPPING_CODES = {
    "sheet_not_recognised",
    "file_not_recognised",
    "missing_column",
    "nothing_to_import",
    "quota_no_category",
    "sheet_reduction_summary",
}


def main() -> int:
    from tests.forms import heldout, make_forms

    for title, corpus in (("forms corpus", make_forms), ("held-out corpus", heldout)):
        print(f"== {title}")
        score(corpus)
        print()
    return 0


def score(mf: Any) -> None:
    from analytics import db
    from analytics.ingest.pipeline import load, prepare

    tmp = Path(tempfile.mkdtemp(prefix="bench_recognition_"))
    paths = mf.build(tmp / "files")
    rows = []
    t0 = time.perf_counter()
    for i, (name, (_, exp)) in enumerate(mf.CASES.items()):
        con = db.connect(tmp / f"{i}.duckdb")
        if exp["db"] == "units":
            mf.seed_units(con)
        try:
            plan = prepare(con, files=[(name, paths[name].read_bytes())], as_of=exp.get("as_of"))
        except Exception as exc:  # a crash is a result too: report it and go on
            rows.append((name, "-", "crashed", f"{type(exc).__name__}: {exc}", "words" in exp, False))
            con.close()
            continue
        kinds = ",".join(sorted({s.get("kind") or "?" for s in plan.sheets})) or "-"
        errors = [p for p in plan.problems if p.severity == "error"]
        first = ""
        if plan.ok:
            result = "loaded"
            got = load(con, plan, user="bench").rows_by_table
            if "tables" in exp and got != exp["tables"]:
                result, first = "loaded, wrong rows", f"{got} ≠ {exp['tables']}"
        else:
            codes = {p.code for p in errors}
            result = "needs mapping" if codes & MAPPING_CODES else "refused"
            p = errors[0] if errors else plan.problems[0]
            first = f"{p.sheet or ''}!{p.column or ''} dòng {p.row}: {p.message('vi')}" + (
                f" [{p.value}]" if p.value else ""
            )
        cell_ok = False
        if "words" in exp and not plan.ok:
            sheet, row, col = exp["cell"]
            named = [
                p
                for p in errors
                if p.sheet == sheet and p.row == row and re.search(rf"(^|\+ ){col}(:|$)", p.column or "")
            ]
            cell_ok = bool(named)
            if cell_ok:
                first = f"{named[0].sheet}!{named[0].column} dòng {named[0].row}: {named[0].message('vi')}"
        rows.append((name, kinds, result, first, "words" in exp, cell_ok))
        plan.close()
        con.close()
    elapsed = time.perf_counter() - t0

    w = max(len(r[0]) for r in rows)
    print(f"{'file':{w}}  {'kind(s)':28}  {'result':20}  first message")
    for name, kinds, result, first, is_bad, cell_ok in rows:
        mark = ("✓ " if cell_ok else "✗ ") if is_bad else ""
        shown = f"{mark}{result}" + (" (bad file)" if is_bad else "")
        print(f"{name:{w}}  {kinds[:28]:28}  {shown:20}  {first if (first and (result != 'loaded' or is_bad)) else ''}")
    good = [r for r in rows if not r[4]]
    bad = [r for r in rows if r[4]]
    print()
    print(
        f"well-formed files: {len(good)} — loaded without mapping {sum(r[2] == 'loaded' for r in good)}, "
        f"needs mapping {sum(r[2] == 'needs mapping' for r in good)}, refused {sum(r[2] == 'refused' for r in good)}, "
        f"other {sum(r[2] not in ('loaded', 'needs mapping', 'refused') for r in good)}"
    )
    print(
        f"bad files: {len(bad)} — refused naming the cell {sum(r[5] for r in bad)}, refused elsewhere "
        f"{sum(r[2] != 'loaded' and not r[5] for r in bad)}, wrongly loaded {sum(r[2].startswith('loaded') for r in bad)}"
    )
    print(
        f"TOTAL {len(rows)} files in {elapsed:.1f} s: loaded {sum(r[2] == 'loaded' for r in rows)}, "
        f"needs mapping {sum(r[2] == 'needs mapping' for r in rows)}, refused {sum(r[2] == 'refused' for r in rows)}"
    )


if __name__ == "__main__":
    try:
        main()
    except Exception as exc:  # a report: never fail the caller
        print(f"bench_recognition failed: {type(exc).__name__}: {exc}")
    sys.exit(0)
