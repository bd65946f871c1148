"""Real-browser helpers: start the app on a loopback port, drive Debian's Chromium with Playwright.

Never ``playwright install``: Chromium comes from Debian (``/usr/bin/chromium``).
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
SCREENSHOTS = ROOT / "screenshots"
VIEWPORTS = ((1920, 1080), (1366, 768))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


def available() -> bool:
    try:
        import playwright  # noqa: F401
    except ImportError:
        return False
    return Path(CHROMIUM).exists()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def streamlit_server(
    db_path: Path, *, extra_env: dict[str, str] | None = None, log_suffix: str = "", port: int | None = None
) -> Iterator[str]:
    """Run ``streamlit run app.py`` on 127.0.0.1 against ``db_path``; yield its base URL."""
    port = port or _free_port()
    env = {**os.environ, "OVERSIGHT_DB": str(db_path), **(extra_env or {})}
    log_path = db_path.with_suffix(f"{log_suffix}.streamlit.log")
    log = open(log_path, "w")  # noqa: SIM115 closed below
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            str(ROOT / "app.py"),
            "--server.headless",
            "true",
            "--server.address",
            "127.0.0.1",
            "--server.port",
            str(port),
            "--browser.gatherUsageStats",
            "false",
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:  # noqa: S310 loopback only
                    if r.status == 200:
                        break
            except OSError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"streamlit did not start: {log_path.read_text()}")
            time.sleep(0.5)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


@contextmanager
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            yield b
        finally:
            b.close()


def wait_until_idle(page: Any, timeout_ms: int = 60_000) -> None:
    """Wait for the app to render and its script run to finish (the running indicator gone)."""
    page.wait_for_selector('[data-testid="stApp"]', timeout=timeout_ms)
    page.wait_for_selector('[data-testid="stMain"]', timeout=timeout_ms)
    deadline = time.monotonic() + timeout_ms / 1000
    quiet_since = None
    while time.monotonic() < deadline:
        running = (
            page.locator('[data-testid="stStatusWidget"]').count() > 0
            or page.locator('[data-test-script-state="running"]').count() > 0
        )
        if running:
            quiet_since = None
        elif quiet_since is None:
            quiet_since = time.monotonic()
        elif time.monotonic() - quiet_since > 1.5:
            return
        time.sleep(0.25)
    raise TimeoutError("the app kept running")


def plotly_state(page: Any, settle_s: float = 20.0) -> tuple[int, int]:
    """(charts on the page, charts that have drawn their SVG with at least one trace), both counted
    in one look at the page; a chart still drawing is given ``settle_s`` to finish."""
    deadline = time.monotonic() + settle_s
    while True:
        total, drawn = page.evaluate(
            """() => { const all = [...document.querySelectorAll('.js-plotly-plot')];
                       return [all.length,
                               all.filter(el => el.querySelector('.main-svg') && el.data && el.data.length > 0).length]; }"""
        )
        if drawn == total or time.monotonic() > deadline:
            return int(total), int(drawn)
        time.sleep(0.5)


def full_screenshot(page: Any, path: Path) -> None:
    """The whole page: Streamlit scrolls inside its main block, so grow the viewport to fit it."""
    size = page.viewport_size
    height = page.evaluate(
        """() => { const m = document.querySelector('[data-testid="stMain"]');
                   return m ? Math.max(m.scrollHeight, window.innerHeight) : document.body.scrollHeight; }"""
    )
    page.set_viewport_size({"width": size["width"], "height": min(int(height) + 40, 12000)})
    page.wait_for_timeout(800)
    page.screenshot(path=str(path))
    page.set_viewport_size(size)


def login(page: Any, username: str, password: str) -> None:
    """Fill the login form the app shows on a fresh session, and wait for the page behind it."""
    page.wait_for_selector('input[type="password"]', timeout=60_000)
    page.locator('input[type="text"]').first.fill(username)
    page.locator('input[type="password"]').first.fill(password)
    title = page.locator("h1").first.inner_text()
    page.locator('[data-testid="stFormSubmitButton"] button').first.click()
    # the sign-in title gives way to the page (which may have password fields of its own)
    page.wait_for_function(
        "t => { const h = document.querySelector('h1'); return h && h.innerText !== t; }", arg=title, timeout=60_000
    )
    wait_until_idle(page)


def open_signed_in(page: Any, url: str, username: str, password: str) -> None:
    """Open ``url`` in a fresh session (a full load starts one) and sign in there."""
    page.goto(url)
    wait_until_idle(page)
    login(page, username, password)
