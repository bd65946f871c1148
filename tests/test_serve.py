"""The dashboard beside the command line and a second dashboard process, all on one database.

A signed-in page keeps being served while ``import``, ``batches undo``, ``kpis --json``, ``brief`` and
``users add`` run from the command line on the same file; the page shows the new import after its
next rerun, in the same session (no second sign-in). A second dashboard process serves the same
file at the same time.
"""

from __future__ import annotations

import asyncio
import importlib.util
import json
import re
import sys
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path

import pytest

from tests import browser
from tests.conftest import TEST_PASSWORD
from tests.ingest_helpers import corpus_module
from tests.test_store import ROOT, cli

needs_browser = [
    pytest.mark.browser,
    pytest.mark.skipif(not browser.available(), reason="needs Debian chromium and the playwright package"),
]


@pytest.fixture
def demo_copy(demo_db_path: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "demo.duckdb"
    copy.write_bytes(demo_db_path.read_bytes())
    return copy


@pytest.fixture
def chromium() -> Iterator[object]:
    with browser.browser() as b:
        yield b


def _roster(tmp_path: Path, name: str, people: list[tuple[str, str]]) -> Path:
    rows = [["SNV", pid, full, "01/01/1980", "Nam", "Công chức", "2,34"] for pid, full in people]
    path = tmp_path / name
    path.write_bytes(corpus_module()._roster(rows))
    return path


def _batches_shown(page: object) -> str:
    """The 'loaded batches' figure of the data page (its second metric)."""
    return str(page.locator('[data-testid="stMetricValue"]').nth(1).inner_text())  # type: ignore[attr-defined]


def _warm_up(chromium: object, url: str) -> None:
    # Streamlit learns the page list from its first script run: a deep link before it says
    # "Page not found" (see test_browser.app_url).
    page = chromium.new_page()  # type: ignore[attr-defined]
    page.goto(url)
    browser.wait_until_idle(page)
    page.close()


def _rerun(page: object) -> None:
    page.locator("h1").first.click()  # type: ignore[attr-defined]  # focus off any input: "r" reruns
    page.keyboard.press("r")  # type: ignore[attr-defined]
    page.wait_for_timeout(500)  # type: ignore[attr-defined]
    browser.wait_until_idle(page)


@needs_browser[0]
@needs_browser[1]
def test_command_line_beside_a_signed_in_dashboard_and_a_second_process(
    demo_copy: Path, tmp_path: Path, chromium
) -> None:
    with browser.streamlit_server(demo_copy) as url:
        _warm_up(chromium, url)
        page = chromium.new_page()
        browser.open_signed_in(page, f"{url}/du-lieu", "quantri", TEST_PASSWORD)
        before = _batches_shown(page)

        first = cli(demo_copy, "import", str(_roster(tmp_path, "a.xlsx", [("SNV-T1", "An")])), "--as-of", "2026-10-31")
        assert first.returncode == 0, first.stderr
        batch = re.search(r"Lô số (\d+)", first.stdout)
        assert batch is not None
        undone = cli(demo_copy, "batches", "undo", batch.group(1))
        assert undone.returncode == 0, undone.stderr
        second = cli(
            demo_copy, "import", str(_roster(tmp_path, "b.xlsx", [("SNV-T2", "Bình")])), "--as-of", "2026-10-31"
        )
        assert second.returncode == 0, second.stderr
        kpis = cli(demo_copy, "kpis", "--json")
        assert kpis.returncode == 0, kpis.stderr
        assert json.loads(kpis.stdout)["workforce"]
        brief = cli(demo_copy, "brief", "--out", str(tmp_path / "brief.pptx"), timeout=300)
        assert brief.returncode == 0, brief.stderr
        assert (tmp_path / "brief.pptx").stat().st_size > 10_000
        added = cli(
            demo_copy, "users", "add", "nguoi.moi", "--role", "viewer", "--password-stdin", stdin="mat-khau-dai-du-12\n"
        )
        assert added.returncode == 0, added.stderr
        for run in (first, undone, second, kpis, brief, added):
            assert "Traceback" not in run.stderr

        _rerun(page)
        assert page.locator('input[type="password"]').count() == 0  # still signed in
        assert page.locator('[data-testid="stException"]').count() == 0
        after = _batches_shown(page)
        assert int(after.replace(".", "")) == int(before.replace(".", "")) + 1, (before, after)

        # A second dashboard process on the same file, at the same time, signs in the new account.
        with browser.streamlit_server(demo_copy, log_suffix=".second") as url2:
            _warm_up(chromium, url2)
            other = chromium.new_page()
            browser.open_signed_in(other, f"{url2}/du-lieu", "nguoi.moi", "mat-khau-dai-du-12")
            assert _batches_shown(other) == after
            other.close()
        _rerun(page)
        assert _batches_shown(page) == after  # the first process kept serving throughout
        page.close()


def _bench_serve() -> object:
    """bench/bench_serve.py as a module (bench/ is not a package)."""
    if "bench_serve" not in sys.modules:
        spec = importlib.util.spec_from_file_location("bench_serve", ROOT / "bench" / "bench_serve.py")
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules["bench_serve"] = module  # dataclasses look their module up there
        spec.loader.exec_module(module)
    return sys.modules["bench_serve"]


@pytest.mark.skipif(not Path(_bench_serve().NGINX).exists(), reason="needs nginx (Debian nginx-light)")  # type: ignore[attr-defined]
def test_two_processes_behind_nginx_serve_viewers_while_an_analyst_imports(demo_copy: Path, tmp_path: Path) -> None:
    """bench/bench_serve.py in small: 2 processes, 3 viewers signed in through nginx, 20 s, one import."""
    bench = _bench_serve()
    with ExitStack() as stack:
        urls = [stack.enter_context(browser.streamlit_server(demo_copy, log_suffix=f".{i}")) for i in range(2)]
        for url in urls:
            asyncio.run(bench._warm(url))  # type: ignore[attr-defined]
        proxy = stack.enter_context(bench.nginx(tmp_path / "nginx", [int(u.rsplit(":", 1)[1]) for u in urls]))  # type: ignore[attr-defined]
        stats = asyncio.run(bench.load(proxy, 3, 20, 2, demo_copy, tmp_path))  # type: ignore[attr-defined]
    assert stats.errors == []
    assert len(stats.times) >= 6, stats.line("2 processes")
    assert max(stats.times) < 20, stats.line("2 processes")
