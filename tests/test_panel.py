"""Chart panels' tables: the Excel and CSV files are built when their button is clicked, not on
every run (issue 16; bench/bench_downloads.py measures what that saves)."""

from __future__ import annotations

import io
from typing import Any

import pandas as pd
import pytest
from openpyxl import load_workbook
from streamlit.delta_generator import DeltaGenerator
from streamlit.testing.v1 import AppTest


def _script() -> None:
    import pandas as pd

    from ui.panel import data_table

    df = pd.DataFrame({"unit_code": ["SNV", "=HYPERLINK()"], "quota": [50, 7]})
    data_table(
        df,
        (("unit_code", "col.unit_code", "text"), ("quota", "col.quota_assigned", "int")),
        key="t",
        lang="vi",
        file_stem="bien-che",
    )


def test_downloads_are_built_on_click_not_on_every_run(monkeypatch: pytest.MonkeyPatch) -> None:
    from analytics import safe_export
    from ui import panel

    built: list[str] = []
    buttons: dict[str, Any] = {}
    on_clicks: list[Any] = []

    def counting(name: str) -> Any:
        real = getattr(safe_export, name)

        def wrapper(*args: Any, **kwargs: Any) -> Any:
            built.append(name)
            return real(*args, **kwargs)

        return wrapper

    monkeypatch.setattr(panel, "to_xlsx_bytes", counting("to_xlsx_bytes"))
    monkeypatch.setattr(panel, "to_csv_bytes", counting("to_csv_bytes"))
    real_button = DeltaGenerator.download_button

    def spy(self: DeltaGenerator, label: str, data: Any, *args: Any, **kwargs: Any) -> Any:
        buttons[kwargs["file_name"]] = data
        on_clicks.append(kwargs["on_click"])
        return real_button(self, label, data, *args, **kwargs)

    monkeypatch.setattr(DeltaGenerator, "download_button", spy)
    at = AppTest.from_function(_script).run()
    at.run()
    assert not at.exception
    assert built == []  # two runs, nothing built
    assert set(buttons) == {"bien-che.xlsx", "bien-che.csv"} and all(callable(d) for d in buttons.values())

    from tests.conftest import audit_db
    from ui import data

    def audit_rows() -> list[tuple[Any, ...]]:
        return audit_db(data.connection()).execute("SELECT event, target, detail FROM audit_log").fetchall()

    assert audit_rows() == []  # nothing downloaded yet
    # A click does not rerun the page (a rerun that ended first would forget the callable).
    assert on_clicks == ["ignore"] * 4  # two buttons, two runs
    xlsx = buttons["bien-che.xlsx"]()  # what Streamlit calls when the button is clicked
    assert built == ["to_xlsx_bytes"]
    rows = list(load_workbook(io.BytesIO(xlsx)).active.iter_rows(values_only=True))
    assert rows[1:] == [("SNV", 50), ("'=HYPERLINK()", 7)]  # numbers as numbers, formulas neutralised
    # The click leaves a download row in the audit log (file name and rows, never values).
    assert audit_rows() == [("download", "bien-che.xlsx", '{"rows": 2}')]
    csv = pd.read_csv(io.BytesIO(buttons["bien-che.csv"]()), encoding="utf-8-sig")
    assert csv.iloc[:, 1].tolist() == [50, 7]
    assert audit_rows()[1:] == [("download", "bien-che.csv", '{"rows": 2}')]
