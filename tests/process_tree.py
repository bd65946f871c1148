"""Run a command and measure it: wall time and the peak memory of its whole process tree.

The tree is polled from /proc every few milliseconds; each process's own peak (VmHWM, which the
kernel keeps, so a spike between two polls is not missed) is summed over every process seen in
the tree. Pages a forked child shares with its parent count twice: the sum is an upper bound.
"""

from __future__ import annotations

import os
import subprocess
import threading
import time
from dataclasses import dataclass
from pathlib import Path


@dataclass
class Measured:
    returncode: int
    out: str
    seconds: float
    peak_bytes: int
    pids: set[int]


def _children() -> dict[int, list[int]]:
    kids: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            stat = Path(entry.path, "stat").read_text()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        kids.setdefault(ppid, []).append(int(entry.name))
    return kids


def _hwm(pid: int) -> int | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    except OSError:
        return None
    return None


def tree(root: int) -> list[int]:
    kids = _children()
    out, todo = [], [root]
    while todo:
        pid = todo.pop()
        out.append(pid)
        todo += kids.get(pid, [])
    return out


def run(cmd: list[str], *, env: dict[str, str] | None = None, timeout: float = 60, poll: float = 0.02) -> Measured:
    """Run ``cmd`` to the end (killed after ``timeout``) and measure it."""
    started = time.monotonic()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env)
    peaks: dict[int, int] = {}
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            for pid in tree(proc.pid):
                if (h := _hwm(pid)) is not None and h > peaks.get(pid, 0):
                    peaks[pid] = h
            time.sleep(poll)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    try:
        out, _ = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        for pid in tree(proc.pid):
            try:
                os.kill(pid, 9)
            except ProcessLookupError:
                pass
        out, _ = proc.communicate()
    seconds = time.monotonic() - started
    done.set()
    sampler.join()
    return Measured(proc.returncode, out.decode("utf-8", errors="replace"), seconds, sum(peaks.values()), set(peaks))
