"""Run a command and measure it: wall time and the peak memory of its whole process tree.

The tree is polled from /proc every few milliseconds; each process's own peak (VmHWM, which the
kernel keeps, so a spike between two polls is not missed) is summed over every process seen in
the tree. Pages a forked child shares with its parent count twice: the sum is an upper bound.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path


@dataclass
class Measured:
    returncode: int
    out: str
    seconds: float  # wall time
    peak_bytes: int
    pids: set[int]
    cpu_seconds: float = 0.0  # user + system time of the whole tree (an upper bound)


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


_TICK = os.sysconf("SC_CLK_TCK")


def _cpu(pid: int) -> float | None:
    """User + system time of ``pid`` and of the children it has waited for."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return sum(int(fields[i]) for i in (11, 12, 13, 14)) / _TICK


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


# A warm runner: one interpreter imports the command line once and forks a child per command, so
# the measured run is the command itself, not 1 s of interpreter start and imports each time. The
# child is a fresh process for everything the command does (its own reader server, database
# connection and temporary folders); it shares only the runner's already imported modules.
_RUNNER = r"""
import json, os, sys, tempfile, traceback
from oversight.__main__ import main
for line in sys.stdin:
    job = json.loads(line)
    sys.stdout.flush()
    pid = os.fork()
    if pid == 0:
        fd = os.open(job["out"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
        os.dup2(fd, 1)
        os.dup2(fd, 2)
        os.environ.update(job["env"])
        tempfile.tempdir = None
        try:
            code = main(job["argv"])
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 1
        except BaseException:
            traceback.print_exc()
            code = 1
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)
    print(pid, flush=True)
    _, status, usage = os.wait4(pid, 0)
    print(os.waitstatus_to_exitcode(status), usage.ru_utime + usage.ru_stime, flush=True)
"""


class Runner:
    """``run_cli(argv)``: ``python -m analytics ARGV`` in a child forked from a warm interpreter, measured
    like ``run`` (wall time, peak memory of the child's process tree)."""

    def __init__(self, cwd: Path) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-c", _RUNNER], stdin=subprocess.PIPE, stdout=subprocess.PIPE, cwd=str(cwd), text=True
        )

    def run_cli(self, argv: list[str], out: Path, env: dict[str, str] | None = None, poll: float = 0.02) -> Measured:
        import json

        assert self.proc.stdin is not None and self.proc.stdout is not None
        started = time.monotonic()
        self.proc.stdin.write(json.dumps({"argv": argv, "out": str(out), "env": env or {}}) + "\n")
        self.proc.stdin.flush()
        pid = int(self.proc.stdout.readline())
        peaks: dict[int, int] = {}
        cpu: dict[int, float] = {}
        done = threading.Event()

        def sample() -> None:
            while not done.is_set():
                for p in tree(pid):
                    if (h := _hwm(p)) is not None and h > peaks.get(p, 0):
                        peaks[p] = h
                    if p != pid and (c := _cpu(p)) is not None:
                        cpu[p] = max(c, cpu.get(p, 0.0))
                time.sleep(poll)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        code, own_cpu = self.proc.stdout.readline().split()
        seconds = time.monotonic() - started
        done.set()
        sampler.join()
        return Measured(
            int(code),
            out.read_text(encoding="utf-8", errors="replace"),
            seconds,
            sum(peaks.values()),
            set(peaks),
            float(own_cpu) + sum(cpu.values()),
        )

    def close(self) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.close()
        self.proc.wait(timeout=30)
