"""Serving benchmark: N dashboard processes behind nginx (sticky sessions) against one process.

    python bench/bench_serve.py [--viewers 30] [--procs 2] [--seconds 90] [--soak 300] [--think 10]

The defaults finish in about 10 minutes on a 2-core machine (demo build, two 90 s phases, a 5-minute
soak); ``--soak 600`` gives the 10-minute soak.

Builds the demo city in a temporary folder, starts the dashboard processes on loopback and nginx in
front of them (Debian ``nginx-light``; sticky by a cookie, as a browser's session needs its HTTP
requests on the process that holds its WebSocket). Viewers are ``tests.stclient.Viewer``: they sign
in through the login form and rerun the heaviest page (the overview) with a think time, while an
analyst imports a roster from the command line every 20 s. Prints p50/p95 time to a complete page
(request sent → script finished) for one process and for N processes, measured in the same run,
errors, and the RSS of the dashboard processes over the soak (sampled every 5 s: the median of its
first minute against the median of its last).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests import browser  # noqa: E402
from tests.stclient import Viewer  # noqa: E402

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
PAGE = ""  # the default page: the overview, the heaviest one (every KPI family, 6 charts)
PASSWORD = "mat-khau-thu-nghiem"


def nginx_conf(folder: Path, port: int, upstreams: list[int]) -> str:
    servers = "\n".join(f"    server 127.0.0.1:{p};" for p in upstreams)
    temp = "\n".join(f"  {k}_temp_path {folder}/{k};" for k in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    return f"""daemon off;
worker_processes 1;
pid {folder}/nginx.pid;
error_log {folder}/error.log warn;
events {{ worker_connections 4096; }}
http {{
  access_log off;
{temp}
  map $http_upgrade $connection_upgrade {{ default upgrade; '' close; }}
  # Sticky sessions: a browser keeps one cookie; a new one gets a random node id.
  map $cookie_oversight_node $sticky {{ "" $request_id; default $cookie_oversight_node; }}
  upstream dashboard {{
    hash $sticky consistent;
{servers}
  }}
  server {{
    listen 127.0.0.1:{port};
    location / {{
      proxy_pass http://dashboard;
      proxy_http_version 1.1;
      proxy_set_header Upgrade $http_upgrade;
      proxy_set_header Connection $connection_upgrade;
      proxy_set_header Host $host;
      proxy_read_timeout 1d;
      add_header Set-Cookie "oversight_node=$sticky; Path=/; HttpOnly; SameSite=Lax";
    }}
  }}
}}
"""


@contextmanager
def nginx(folder: Path, upstreams: list[int]) -> Iterator[str]:
    port = browser._free_port()
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "nginx.conf").write_text(nginx_conf(folder, port, upstreams))
    proc = subprocess.Popen([NGINX, "-c", str(folder / "nginx.conf"), "-p", str(folder)])  # noqa: S603
    try:
        time.sleep(0.5)
        if proc.poll() is not None:
            raise RuntimeError((folder / "error.log").read_text())
        yield f"http://127.0.0.1:{port}"
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def rss_mb(pids: list[int]) -> float:
    """Resident memory of processes and their children (MB), from /proc."""
    total = 0
    for pid in pids:
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except FileNotFoundError:
            pass
    return total / 1024


def streamlit_pids(db_path: Path) -> list[int]:
    out = subprocess.run(["pgrep", "-f", "streamlit run .*app.py"], capture_output=True, text=True).stdout  # noqa: S603 S607
    return [
        int(p)
        for p in out.split()
        if Path(f"/proc/{p}/environ").exists() and str(db_path).encode() in Path(f"/proc/{p}/environ").read_bytes()
    ]


@dataclass
class Stats:
    times: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def line(self, name: str) -> str:
        if not self.times:
            return f"{name}: no pages, errors={len(self.errors)} {self.errors[:3]}"
        q = statistics.quantiles(self.times, n=20) if len(self.times) >= 20 else [max(self.times)] * 19
        return (
            f"{name}: pages={len(self.times)} p50={statistics.median(self.times):.2f}s p95={q[18]:.2f}s "
            f"max={max(self.times):.2f}s errors={len(self.errors)}"
        )


async def viewer(url: str, n: int, until: float, think: float, stats: Stats) -> None:
    v = Viewer(url, page=PAGE)
    v.headers = {"Cookie": f"oversight_node=viewer{n}"}
    try:
        await asyncio.sleep(random.uniform(0, think))  # noqa: S311 spread the sign-ins
        first = await v.open()
        run = await v.sign_in("lanhdao", PASSWORD, first)
        while time.monotonic() < until:
            await asyncio.sleep(random.uniform(0.5, 1.5) * think)  # noqa: S311
            run = await v.rerun()
            if run.exceptions or not run.of("plotly_chart"):
                stats.errors.append(run.exceptions[0] if run.exceptions else "page without charts")
            else:
                stats.times.append(run.seconds)
    except Exception as exc:  # noqa: BLE001 a benchmark counts every failure as an error
        stats.errors.append(f"{type(exc).__name__}: {exc}")
    finally:
        await v.close()


def analyst(db_path: Path, folder: Path, until: float, every: float, stats: Stats) -> None:
    from tests.ingest_helpers import corpus_module

    mc = corpus_module()
    i = 0
    while time.monotonic() < until:
        i += 1
        f = folder / f"roster-{i}.xlsx"
        f.write_bytes(mc._roster([["SNV", f"BENCH-{i}", f"Người {i}", "01/01/1980", "Nam", "Công chức", "2,34"]]))
        r = subprocess.run(
            [
                sys.executable,
                "-m",
                "analytics",
                "import",
                str(f),
                "--db",
                str(db_path),  # noqa: S603
                "--as-of",
                "2026-10-31",
                "--allow-duplicate",
            ],
            cwd=ROOT,
            capture_output=True,
            text=True,
        )
        if r.returncode != 0:
            stats.errors.append(f"import exit {r.returncode}: {r.stderr.strip()[-200:]}")
        time.sleep(max(0.0, min(every, until - time.monotonic())))  # the phase's end ends the analyst too


async def load(
    url: str,
    viewers: int,
    seconds: float,
    think: float,
    db_path: Path,
    folder: Path,
    rss: tuple[list[int], list[float]] | None = None,
) -> Stats:
    """One phase; with ``rss`` = (pids, samples), the processes' RSS is sampled every 5 s into samples."""
    stats = Stats()
    until = time.monotonic() + seconds
    imports = asyncio.get_running_loop().run_in_executor(None, analyst, db_path, folder, until, 20.0, stats)

    async def sample() -> None:
        while rss is not None and time.monotonic() < until:
            rss[1].append(rss_mb(rss[0]))
            await asyncio.sleep(5)

    try:  # a viewer stuck past the phase counts as an error, never hangs the benchmark
        await asyncio.wait_for(
            asyncio.gather(sample(), *(viewer(url, n, until, think, stats) for n in range(viewers))), seconds + 60
        )
    except TimeoutError:
        stats.errors.append("viewers still waiting 60 s after the phase ended")
    await imports
    return stats


def rss_growth(samples: list[float]) -> tuple[float, float, float]:
    """Median RSS of the first and of the last minute of a soak (12 samples 5 s apart) and the growth
    between them in %: RSS jumps by a hundred MB while a new version is opened beside the old one,
    so two single readings compare a spike with a trough more often than the trend."""
    n = min(12, max(1, len(samples) // 3))
    first, last = statistics.median(samples[:n]), statistics.median(samples[-n:])
    return first, last, (last - first) / first * 100


def build(folder: Path) -> Path:
    from analytics import db
    from analytics.demo import build_demo
    from tests.conftest import add_accounts

    path = folder / "bench.duckdb"
    con = db.connect(path)
    build_demo(con)
    add_accounts(con)
    con.execute("CHECKPOINT")
    con.close()
    return path


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--viewers", type=int, default=30)
    p.add_argument("--procs", type=int, default=2)
    p.add_argument("--seconds", type=float, default=90, help="each of the two comparison phases")
    p.add_argument("--soak", type=float, default=300, help="N processes, RSS measured at start and end")
    p.add_argument("--think", type=float, default=10)
    args = p.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="bench-serve-") as tmp, ExitStack() as stack:
        folder = Path(tmp)
        db_path = build(folder)
        print(
            f"demo city: {db_path.stat().st_size / 1e6:.0f} MB; viewers={args.viewers} think={args.think}s; "
            f"imports every 20 s during every phase",
            flush=True,
        )
        # No file watcher: as in production, and an edit of the source mid-run must not reload modules.
        quiet = {"STREAMLIT_SERVER_FILE_WATCHER_TYPE": "none"}
        urls = [
            stack.enter_context(browser.streamlit_server(db_path, extra_env=quiet, log_suffix=f".{i}"))
            for i in range(args.procs)
        ]
        for u in urls:  # first script run of each process (page list, caches)
            asyncio.run(_warm(u))
        one = asyncio.run(load(urls[0], args.viewers, args.seconds, args.think, db_path, folder))
        print(one.line("1 process        "), flush=True)
        ports = [int(u.rsplit(":", 1)[1]) for u in urls]
        proxy = stack.enter_context(nginx(folder / "nginx", ports))
        many = asyncio.run(load(proxy, args.viewers, args.seconds, args.think, db_path, folder))
        print(many.line(f"{args.procs} processes+nginx"), flush=True)
        if args.soak > 0:
            pids = streamlit_pids(db_path)
            samples: list[float] = []
            soak = asyncio.run(load(proxy, args.viewers, args.soak, args.think, db_path, folder, (pids, samples)))
            print(soak.line(f"soak {args.soak:.0f}s      "), flush=True)
            first, last, growth = rss_growth(samples)
            print(
                f"RSS of {len(pids)} dashboard processes, median of the first and of the last minute: "
                f"{first:.0f} MB → {last:.0f} MB ({growth:+.1f} %); lowest {min(samples):.0f} MB, "
                f"highest {max(samples):.0f} MB over {len(samples)} samples",
                flush=True,
            )
    return 0


async def _warm(url: str) -> None:
    v = Viewer(url, page=PAGE)
    try:
        first = await v.open()
        await v.sign_in("lanhdao", PASSWORD, first)
    finally:
        await v.close()


if __name__ == "__main__":
    os.environ.setdefault("OVERSIGHT_WRITE_WAIT_S", "120")
    sys.exit(main())
