"""The command line and the dashboard print the same figures for the same data (issue 16).

``oversight kpis`` and the overview page's headline cards on the demo city, at one cut-off date:
every figure both show — reduction totals and percentages, status, secondment, training, workforce —
must read the same, character for character (one formatter, ``ui.format``, half-up rounding).
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from oversight.__main__ import main
from tests.conftest import sign_in
from ui.nav import ROOT

AS_OF = "2026-09-30"
NUM = r"-?[\d.]+(?:,\d+)?"
PCT = NUM + "\u00a0%"


def _one(pattern: str, text: str) -> tuple[str, ...]:
    found = re.findall(pattern, text)
    assert len(found) == 1, (pattern, found)
    return found[0] if isinstance(found[0], tuple) else (found[0],)


@pytest.fixture(scope="module")
def both(demo_db_path: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[str, str]:
    """(the CLI's summary, the overview page's card text) for the demo city at AS_OF."""
    path = tmp_path_factory.mktemp("cli_vs_web") / "demo.duckdb"
    shutil.copy(demo_db_path, path)
    with pytest.MonkeyPatch.context() as mp:
        import contextlib
        import io

        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            assert main(["kpis", "--db", str(path), "--as-of", AS_OF]) == 0
        mp.setenv("OVERSIGHT_DB", str(path))
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
        sign_in(at, "admin")
        at.query_params["as_of"] = AS_OF
        at.switch_page("pages/overview.py")
        at.run()
        assert not at.exception, [e.message for e in at.exception]
        page = "\n".join([f"{m.label}: {m.value}" for m in at.metric] + [md.value for md in at.markdown])
    return out.getvalue(), page


@pytest.mark.parametrize("category", ["Công chức", "Viên chức"])
def test_reduction(both: tuple[str, str], category: str) -> None:
    cli, page = both
    block = cli.split(f"  {category}: biên chế", 1)[1].split("số người đã tinh giản", 1)[0]
    total, pct = _one(rf"giảm ({NUM}) \(đã giảm .*?\) = ({PCT}) so với năm gốc", block)
    plan = _one(rf"kế hoạch ({NUM}) \(", block)[0]
    status = _one(r"/tháng — (.+)", block)[0]
    cards = re.findall(rf"đạt kế hoạch: giảm ({NUM}) / ({NUM}) biên chế \(({PCT}) so với năm gốc\)", page)
    assert (total, plan, pct) in cards, (total, plan, pct, cards)
    assert f"[{status}]" in page  # the card's status badge: same symbol, same words
    assert total != "0"  # the demo city does cut: figures, not dashes


def test_secondment(both: tuple[str, str]) -> None:
    cli, page = both
    required, active, pct = _one(rf"phải cử ({NUM}) \(.*?\); đang tăng cường ({NUM}) = ({PCT})", cli)
    assert f"{active} người đang tăng cường / {required} phải cử" in page
    assert re.search(rf"Tăng cường cơ sở.*: {re.escape(pct)}$", page, re.M), pct


def test_training(both: tuple[str, str]) -> None:
    cli, page = both
    pct, days = _one(rf"đã chi {NUM}\u00a0₫ = ({PCT});.*còn ({NUM}) ngày", cli)
    assert re.search(rf"Đào tạo.*: {re.escape(pct)}$", page, re.M), pct
    # the first year's window: days left, or (0 days, as in the demo city by AS_OF) closed
    assert (f"còn {days} ngày" if days != "0" else "năm đầu đã kết thúc") in page


def test_workforce(both: tuple[str, str]) -> None:
    cli, page = both
    present, retiring = _one(rf"có mặt ({NUM}) \(danh sách.*nghỉ hưu đến 2030: ({NUM})", cli)
    assert re.search(rf": {re.escape(present)}$", page, re.M), present
    assert f"{retiring} người đến tuổi nghỉ hưu đến hết 2030" in page
    assert int(present.replace(".", "")) > 50_000
