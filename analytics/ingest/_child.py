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
# modules. For each request it forks a child that sets its memory and CPU limits, parses, and
# writes the result to a pipe; a child killed by the kernel or by the Rust reader aborting only
# loses that request. Forking from this small process costs milliseconds; a fresh interpreter
# would pay ~0.4 s of imports per file, and multiprocessing would re-import the caller's main
# module (the whole dashboard) in every child.


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


_DONE = b"\x01"  # what a child writes to its pipe once its result is in place


def _frame(payload: bytes) -> bytes:
    return len(payload).to_bytes(8, "little") + payload


def _serve_one(request: dict[str, Any]) -> tuple[dict[str, Any], int | None]:
    """Fork a child for one file: (the reply, the child still to be reaped). The bytes travel
    through files (``in_path`` -> ``out_path``, in a private temporary folder of the caller):
    piping megabytes through two processes costs more than the parse. The pipe only tells when the
    child is done: a byte once its result is in place, or its end closed when it exits without one.
    A child that is done is reaped after the reply: unmapping the memory of a big parse takes the
    kernel ~15 ms, which the caller need not wait for."""
    import os
    import pickle
    import resource
    import select
    import signal
    import time

    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: limits, parse, write, leave without cleanup
        os.close(r)
        code = 0
        try:
            resource.setrlimit(resource.RLIMIT_AS, (request["memory"], request["memory"]))
            cpu = int(request["seconds"]) + 1
            resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu))
            with open(request["in_path"], "rb") as fh:
                data = fh.read()
            caps = request["caps"]
            try:
                parsed = (
                    parse_csv(data, caps) if request["fmt"] == "csv" else parse_workbook(data, request["fmt"], caps)
                )
                result: tuple[str, Any] = ("ok", parsed)
            except Refusal as exc:
                result = ("refused", exc.info)
            except MemoryError:
                result = (
                    "refused",
                    {
                        "code": "parse_memory",
                        "sheet": None,
                        "row": None,
                        "column": None,
                        "params": {"mb": request["memory"] // 2**20},
                    },
                )
            except BaseException as exc:  # noqa: BLE001 - reported to the parent as a message
                # Under its memory cap the parser may fail in other ways than MemoryError (a
                # library that cannot be mapped, an allocation refused inside Rust).
                memory = isinstance(exc, ImportError) or "alloc" in str(exc).lower() or "memory" in str(exc).lower()
                result = (
                    (
                        "refused",
                        {
                            "code": "parse_memory",
                            "sheet": None,
                            "row": None,
                            "column": None,
                            "params": {"mb": request["memory"] // 2**20},
                        },
                    )
                    if memory
                    else ("error", f"{type(exc).__name__}: {str(exc)[:200]}")
                )
            tmp = request["out_path"] + ".part"
            with open(tmp, "wb") as fh:
                pickle.dump(result, fh, protocol=5)
            os.rename(tmp, request["out_path"])
            os.write(w, _DONE)
        except BaseException:  # noqa: BLE001
            code = 70
        os._exit(code)
    os.close(w)
    deadline = time.monotonic() + request["seconds"]
    timed_out, said = False, b""
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            timed_out = True
            break
        ready, _, _ = select.select([r], [], [], left)
        if ready:
            said = os.read(r, 1)  # the done byte, or b"" when the child exited without it
            break
    os.close(r)
    if said == _DONE and os.path.exists(request["out_path"]):
        return {"status": "done"}, pid
    if timed_out:
        os.kill(pid, signal.SIGKILL)
    _, status = os.waitpid(pid, 0)
    if timed_out:
        return {"status": "timeout"}, None
    return {"status": "crashed", "exitcode": os.waitstatus_to_exitcode(status)}, None


class _NoPandas:
    """pyarrow imports pandas the first time it makes an array of Python values (its pandas shim):
    0,15 s of every CSV file's child, and a gigabyte more address space under its memory cap.
    Nothing in the reader uses pandas: in the server, its import fails at once (a finder that
    refuses it; an import error tells pyarrow there is no pandas)."""

    def find_spec(self, name: str, path: Any = None, target: Any = None) -> None:
        if name == "pandas" or name.startswith("pandas."):
            raise ModuleNotFoundError(f"No module named {name!r} (not in the reader's server)", name=name)


def serve() -> None:
    import os
    import pickle
    import sys

    sys.meta_path.insert(0, _NoPandas())
    fin, fout = sys.stdin.fileno(), sys.stdout.fileno()
    while True:
        try:
            n = int.from_bytes(_read_exact(fin, 8), "little")
            request = pickle.loads(_read_exact(fin, n))  # noqa: S301 - from our parent process
        except EOFError:
            return
        answer, child = _serve_one(request)
        view = memoryview(_frame(pickle.dumps(answer, protocol=5)))
        while view:
            view = view[os.write(fout, view) :]
        if child is not None:
            os.waitpid(child, 0)


if __name__ == "__main__":
    serve()
