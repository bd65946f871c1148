"""The child-process side of ``reader``: imports only the standard library, pyarrow, fastexcel and
isal (and xlrd for the layout of a legacy .xls), so a fresh child starts fast and holds nothing of the server's state.

Anything about the file that makes it unreadable is raised as ``Refusal(code, sheet=, row=, column=,
**params)``: the parent turns it into a problem with a message of ``messages``, never a raw exception.
Workbooks are parsed by ``_workbook`` (a big sheet in halves, ``_halves``), CSV by ``_csv``, their
answers made by ``_reply``.
"""

from __future__ import annotations

from typing import Any

from analytics.ingest._csv import parse_csv
from analytics.ingest._reply import Refusal
from analytics.ingest._workbook import parse_workbook

# ------------------------------------------------------------------------------------ fork server
# A long-lived process (``python -m analytics.ingest._child``) that has imported only the reader's
# modules. It forks a worker that sets its memory limit and parses the files it is sent, one at a
# time, each under a CPU limit and a deadline; a worker killed by the kernel or by the Rust reader
# aborting only loses that request, and the next file gets a new worker. Forking from this small
# process costs milliseconds; a fresh interpreter would pay ~0.4 s of imports per file, and
# multiprocessing would re-import the caller's main module (the whole dashboard) in every child.
#
# The worker stays for the next file while files keep coming (``ReadLimits.warm_seconds``): its
# memory allocator keeps what a parse freed (``reader._CHILD_MALLOC``), so the next parse writes
# into pages it already has instead of asking the kernel for half a gigabyte of new ones (a
# 100.000-row roster: 0,15-0,45 s of system time and 150.000 page faults in a new process, 0,01 s
# and a few hundred in a warm one). It leaves when idle that long, after a parse that left it
# holding more than ``warm_bytes``, after a refusal for memory or a failed parse, and with the server.


def _read_exact(fd: int, n: int) -> bytes:
    import os

    chunks, got = [], 0
    while got < n:
        b = os.read(fd, min(n - got, 1 << 20))
        if not b:
            raise EOFError
        chunks.append(b)
        got += len(b)
    return b"".join(chunks)


_DONE = b"\x01"  # what the worker writes once a result is in place, and it waits for the next file
_LAST = b"\x02"  # the same, and it has left (see ``_Worker``)


def _frame(payload: bytes) -> bytes:
    return len(payload).to_bytes(8, "little") + payload


def _write_all(fd: int, data: bytes) -> None:
    import os

    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def _memory_refusal(request: dict[str, Any]) -> tuple[str, Any]:
    return (
        "refused",
        {
            "code": "parse_memory",
            "sheet": None,
            "row": None,
            "column": None,
            "params": {"mb": request["memory"] // 2**20},
        },
    )


def _parse(request: dict[str, Any]) -> tuple[str, Any]:
    """One file's result: ("ok", sheets), ("refused", info) or ("error", text)."""
    with open(request["in_path"], "rb") as fh:
        data = fh.read()
    caps = request["caps"]
    try:
        parsed = parse_csv(data, caps) if request["fmt"] == "csv" else parse_workbook(data, request["fmt"], caps)
        return ("ok", parsed)
    except Refusal as exc:
        return ("refused", exc.info)
    except MemoryError:
        return _memory_refusal(request)
    except BaseException as exc:  # noqa: BLE001 - reported to the parent as a message
        # Under its memory cap the parser may fail in other ways than MemoryError (a library that
        # cannot be mapped, an allocation refused inside Rust).
        text = str(exc).lower()
        if isinstance(exc, ImportError) or "alloc" in text or "memory" in text:
            return _memory_refusal(request)
        return ("error", f"{type(exc).__name__}: {str(exc)[:200]}")


def _resident_bytes() -> int:
    import os

    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def _work(requests: int, done: int, memory: int) -> None:
    """The worker's life: the memory limit once, then each request read from ``requests`` parsed
    under a CPU limit of its own seconds, its result written to its ``out_path``, and ``_DONE``
    (or ``_LAST`` when it leaves after it) written to ``done``. Never returns."""
    import os
    import pickle
    import resource

    code = 0
    try:
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
        hard = resource.getrlimit(resource.RLIMIT_CPU)[1]
        while True:
            try:
                size = int.from_bytes(_read_exact(requests, 8), "little")
                request = pickle.loads(_read_exact(requests, size))  # noqa: S301 - from our server
            except EOFError:  # the server retired this worker, or is gone
                break
            usage = resource.getrusage(resource.RUSAGE_SELF)
            cpu = int(usage.ru_utime + usage.ru_stime + request["seconds"]) + 1
            resource.setrlimit(resource.RLIMIT_CPU, (cpu if hard == resource.RLIM_INFINITY else min(cpu, hard), hard))
            result = _parse(request)
            # A refusal for memory or a failure may leave the allocator's heap in pieces: start afresh.
            last = result[0] == "error" or (result[0] == "refused" and result[1]["code"] == "parse_memory")
            tmp = request["out_path"] + ".part"
            with open(tmp, "wb") as fh:
                pickle.dump(result, fh, protocol=5)
            os.rename(tmp, request["out_path"])
            del result
            last = last or request["warm_seconds"] <= 0 or _resident_bytes() > request["warm_bytes"]
            os.write(done, _LAST if last else _DONE)
            if last:
                break
    except BaseException:  # noqa: BLE001
        code = 70
    os._exit(code)


class _Worker:
    """The server's side of one worker: its pid, the pipe it reads requests from, the pipe it says
    "done" on, and the memory limit it was started with."""

    def __init__(self, memory: int, server_fds: tuple[int, int]) -> None:
        import os

        req_r, self.requests = os.pipe()
        self.done, done_w = os.pipe()
        self.memory = memory
        self.ended, self.status = False, 0
        self.pid = os.fork()
        if self.pid == 0:  # the worker: none of the server's pipes but its own two ends
            try:
                null = os.open(os.devnull, os.O_RDWR)
                for fd in server_fds:  # (the caller sees the server's replies end when the server does)
                    os.dup2(null, fd)
                os.close(self.requests)
                os.close(self.done)
            except BaseException:  # noqa: BLE001
                os._exit(70)
            _work(req_r, done_w, memory)
        os.close(req_r)
        os.close(done_w)

    def serve(self, request: dict[str, Any]) -> tuple[dict[str, Any], bool] | None:
        """(the reply, whether this worker takes the next file); one that does not is ended by the
        caller once it has replied (``end``: the kernel takes ~15 ms to unmap a big parse's memory).
        None when the request could not reach it (it died since its last file, ended here)."""
        import os
        import pickle
        import select
        import signal
        import time

        try:
            _write_all(self.requests, _frame(pickle.dumps(request, protocol=5)))
        except OSError:  # it died since its last file (its end of the pipe closed)
            self.end()
            return None
        deadline = time.monotonic() + request["seconds"]
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                os.kill(self.pid, signal.SIGKILL)
                self.end()
                return {"status": "timeout"}, False
            if select.select([self.done], [], [], left)[0]:
                said = os.read(self.done, 1)  # DONE / LAST, or b"" when it died without a result
                break
        if said in (_DONE, _LAST) and os.path.exists(request["out_path"]):
            return {"status": "done"}, said == _DONE
        return self.end(), False

    def end(self) -> dict[str, Any]:
        """Close its pipes (it leaves at the end of its requests) and reap it; the "crashed" reply
        with its exit code, for a worker that died."""
        import os

        if not self.ended:
            self.ended = True
            os.close(self.requests)
            os.close(self.done)
            self.status = os.waitpid(self.pid, 0)[1]
        return {"status": "crashed", "exitcode": os.waitstatus_to_exitcode(self.status)}


class _NoPandas:
    """pyarrow imports pandas the first time it makes an array of Python values (its pandas shim):
    0,15 s of every CSV file's child, and a gigabyte more address space under its memory cap.
    Nothing in the reader uses pandas: in the server, its import fails at once (a finder that
    refuses it; an import error tells pyarrow there is no pandas)."""

    def find_spec(self, name: str, path: Any = None, target: Any = None) -> None:
        if name == "pandas" or name.startswith("pandas."):
            raise ModuleNotFoundError(f"No module named {name!r} (not in the reader's server)", name=name)


def serve() -> None:
    import pickle
    import select
    import sys

    sys.meta_path.insert(0, _NoPandas())
    fin, fout = sys.stdin.fileno(), sys.stdout.fileno()
    worker: _Worker | None = None
    idle = 0.0  # how long the worker waits for the next file (the last request's warm_seconds)
    while True:
        if worker is not None and not select.select([fin], [], [], idle)[0]:
            worker.end()  # idle that long: its memory goes back to the system
            worker = None
            continue
        try:
            n = int.from_bytes(_read_exact(fin, 8), "little")
            request = pickle.loads(_read_exact(fin, n))  # noqa: S301 - from our parent process
        except EOFError:
            break
        if worker is not None and worker.memory != request["memory"]:
            worker.end()
            worker = None
        served = worker.serve(request) if worker is not None else None
        if worker is None or served is None:  # no worker yet, or one that died waiting for this file
            worker = _Worker(request["memory"], (fin, fout))
            served = worker.serve(request) or (worker.end(), False)
        answer, keep = served
        idle = request["warm_seconds"]
        _write_all(fout, _frame(pickle.dumps(answer, protocol=5)))
        if not keep:
            worker.end()
            worker = None
    if worker is not None:
        worker.end()


if __name__ == "__main__":
    serve()
