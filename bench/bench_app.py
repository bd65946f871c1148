"""The app in a real browser, for ``bench/run.py``: cold start to first paint, and peak RSS.

Starts ``streamlit run app.py`` on a published copy of the database (the way the dashboard runs),
opens it in Debian's Chromium through Playwright (``executable_path``; never ``playwright
install``), and measures:

- first paint: navigation start to the browser's first contentful paint, opening the running
  dashboard in a new browser profile (nothing cached; the issue's "first paint");
- cold start → first paint: from launching the server process to the first contentful paint of a
  browser that polls until the server answers (the sign-in form);
- sign-in → overview drawn: the first page of data (every KPI family) rendered and idle;
- each dashboard page opened in turn, then the server's peak RSS (``VmHWM`` of the process).
"""

from __future__ import annotations

import os
import secrets
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.browser import CHROMIUM, _free_port, available, browser, login, wait_until_idle  # noqa: E402

# wait_until_idle returns once the app has been quiet for 1,5 s: taken off the page times.
QUIET_S = 1.5
PAGES = ("tinh-gian", "tang-cuong-co-so", "dao-tao", "doi-ngu", "chat-luong-du-lieu")
BENCH_USER = "bench.viewer"


def add_bench_account(db_path: Path) -> str:
    """An admin account for the run (created, or its password reset); returns its password."""
    from analytics import auth, store
    from analytics.config import Settings

    password = secrets.token_urlsafe(16)
    with store.writing(Settings(db_path=db_path)) as con:
        if con.cursor().execute("SELECT count(*) FROM app_user WHERE username = $u", {"u": BENCH_USER}).fetchone()[0]:
            auth.set_password(con, username=BENCH_USER, password=password, by="bench")
        else:
            auth.create_user(
                con, username=BENCH_USER, password=password, role="admin", scope_unit_code=None, by="bench"
            )
    return password


def _peak_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _first_paint_s(b: Any, url: str, tries: int = 3) -> float:
    """First paint as browsers define it: navigation start to the first contentful paint, for a
    user opening the running dashboard in a new browser profile (nothing cached), median of ``tries``."""
    times = []
    for _ in range(tries):
        context = b.new_context(viewport={"width": 1920, "height": 1080})
        try:
            page = context.new_page()
            page.goto(url)
            page.wait_for_selector('input[type="password"]', timeout=60_000)
            times.append(
                page.evaluate("() => performance.getEntriesByName('first-contentful-paint')[0].startTime") / 1000
            )
        finally:
            context.close()
    return statistics.median(times)


def measure(db_path: Path) -> dict[str, Any]:
    """Cold start to first paint, sign-in to the overview drawn, each page's load, peak RSS (MB)."""
    if not available():
        return {"skipped": f"playwright or {CHROMIUM} missing"}
    username, password = BENCH_USER, add_bench_account(db_path)
    port = _free_port()
    env = {**os.environ, "OVERSIGHT_DB": str(db_path)}
    log = open(db_path.with_suffix(".bench.streamlit.log"), "w")  # noqa: SIM115 closed below
    url = f"http://127.0.0.1:{port}"
    started = time.time()
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
    out: dict[str, Any] = {}
    try:
        with browser() as b:
            page = b.new_page(viewport={"width": 1920, "height": 1080})
            while True:  # poll as a user pressing reload would, without a health-check head start
                try:
                    with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2):  # noqa: S310 loopback
                        break
                except OSError:
                    if proc.poll() is not None or time.time() - started > 120:
                        raise RuntimeError("streamlit did not start") from None
                    time.sleep(0.05)
            page.goto(url)
            page.wait_for_selector('input[type="password"]', timeout=60_000)
            fcp = page.evaluate("""() => { const e = performance.getEntriesByName('first-contentful-paint')[0];
                                           return performance.timeOrigin + (e ? e.startTime : performance.now()); }""")
            out["cold start → first paint s"] = fcp / 1000 - started
            wait_until_idle(page)
            # Streamlit learns the page list from its first script run; a sign-in on that very first
            # session does not get past the form (the browser tests warm up the same way).
            page.close()
            out["first paint s"] = _first_paint_s(b, url)
            page = b.new_page(viewport={"width": 1920, "height": 1080})
            page.goto(url)
            wait_until_idle(page)
            t = time.perf_counter()
            login(page, username, password)
            out["sign-in → overview drawn s"] = time.perf_counter() - t - QUIET_S
            for path in PAGES:
                t = time.perf_counter()
                # the sidebar's link, not page.goto: a full load starts a new session (sign-in again)
                link = page.locator(f'[data-testid="stSidebarNav"] a[href$="/{path}"]').first
                more = page.locator('[data-testid="stSidebarNavViewButton"]')
                if not link.is_visible() and more.count():  # past the tenth page: behind "View more"
                    more.first.click()
                link.click()
                page.wait_for_url(f"**/{path}*", timeout=60_000)
                wait_until_idle(page)
                out[f"page {path} drawn s"] = time.perf_counter() - t - QUIET_S
            out["peak_rss_mb"] = _peak_rss_mb(proc.pid)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()
    return out


def filter_change_s(db_path: Path, changes: int = 6) -> dict[str, float]:
    """A filter change on the overview, end to end as the server sees it: a viewer signed in on a
    running dashboard picks another unit in the sidebar, and the time runs from sending the new
    widget value to Streamlit's "script finished" (every element of the page sent). Each change
    picks a unit not shown before in this process, so nothing of it is cached: the first call of
    its data. Returns the median and the slowest, in seconds."""
    import asyncio

    from streamlit.proto.WidgetStates_pb2 import WidgetState

    from tests.browser import streamlit_server
    from tests.stclient import Viewer

    password = add_bench_account(db_path)

    async def run(url: str) -> list[float]:
        v = Viewer(url)
        try:
            first = await v.open()
            page = await v.sign_in(BENCH_USER, password, first)
            box = next(b for b in page.of("selectbox") if "filter_unit" in b.id)
            picks = [o for o in box.options if o != box.raw_value][:: max(1, len(box.options) // changes)][:changes]
            times = []
            for option in picks:
                state = WidgetState()
                state.id, state.string_value = box.id, option
                done = await v.rerun([state])
                if done.exceptions:
                    raise RuntimeError(f"{option}: {done.exceptions}")
                times.append(done.seconds)
            return times
        finally:
            await v.close()

    with streamlit_server(db_path, extra_env={"STREAMLIT_SERVER_FILE_WATCHER_TYPE": "none"}) as url:
        times = asyncio.run(run(url))
    return {"median s": statistics.median(times), "slowest s": max(times), "changes": float(len(times))}
