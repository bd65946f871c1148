"""Build the forms corpus: workbooks laid out like the published Vietnamese HR forms and filled in
the way agencies and communes really fill them in (issue 11, items 4 and 5).

Written by someone who did not write the recogniser and without looking at its header
dictionary: the files are the specification. Generated, not committed as binaries (openpyxl stamps
times into every .xlsx); run ``python tests/forms/make_forms.py OUTDIR`` to open them in Excel.

``CASES``: file name -> (builder, expectation). A good file's expectation is
``{"tables": {table: rows}, "db": "units" | "empty", "as_of": date | None, "checks": [(sql, rows)]}``:
it must load with no hand mapping into a database holding ``UNITS`` ("units") or nothing
("empty"), ``as_of`` is the date declared at upload (None: the file says it), and each check query
must return exactly its rows afterwards. A bad file's expectation is
``{"db": …, "words": [...], "cell": (sheet, excel row, column letter)}``: it is refused, every word
appears in the problems, and one problem names that cell.
"""

from __future__ import annotations

import sys
from pathlib import Path

if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.forms import bad as bad_forms  # noqa: E402  (bad() below lists their names)
from tests.forms import payroll, quota, reduction, secondment, staff, training  # noqa: E402
from tests.forms.common import UNITS, Case, seed_units  # noqa: E402,F401
from tests.ingest_helpers import write_cases  # noqa: E402

CASES: dict[str, Case] = {
    # the two files of issue 11's "Done when"
    "bc_bien_che_cantho_2021_2024.xlsx": quota.CASES["bc_bien_che_cantho_2021_2024.xlsx"],
    "danh_sach_cbcc_xa_hoa_tu.xlsx": (staff.danh_sach_xa_hoa_tu, staff.HOA_TU_EXPECT),
    **{n: c for n, c in quota.CASES.items() if n != "bc_bien_che_cantho_2021_2024.xlsx"},
    "danh_sach_so_noi_vu_2025.xlsx": (staff.danh_sach_so_noi_vu, staff.SNV_EXPECT),
    "ds_vien_chuc_nhieu_don_vi.xlsx": (staff.danh_sach_vien_chuc_nhieu_don_vi, staff.MANY_EXPECT),
    "ds_cbcc_moi_xa_mot_sheet.xlsx": (staff.danh_sach_cbcc_moi_xa_mot_sheet, staff.COMMUNES_EXPECT),
    **payroll.CASES,
    **reduction.CASES,
    **secondment.CASES,
    **training.CASES,
    **bad_forms.CASES,
}


def good() -> list[str]:
    return [n for n, (_, e) in CASES.items() if "tables" in e]


def bad() -> list[str]:
    return [n for n, (_, e) in CASES.items() if "words" in e]


def build(outdir: Path) -> dict[str, Path]:
    return write_cases(CASES, outdir)


if __name__ == "__main__":
    for p in build(Path(sys.argv[1] if len(sys.argv) > 1 else "forms_out")).values():
        print(p)
