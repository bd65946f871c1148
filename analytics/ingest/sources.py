"""Where an upload's files come from, and the progress bar over them.

A source is the file's bytes, a path, or a function returning the bytes: ``prepare`` takes each
only when its turn comes, so a command line import of many files does not read them all first.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

Source = bytes | bytearray | memoryview | os.PathLike[str] | Callable[[], bytes]
Progress = Callable[[str, float], object]  # what it returns is ignored (st.progress returns its element)


def read_source(source: Source, limit: int | None = None) -> bytes:
    """The bytes of a source (a path is read now, a function called now). A path longer than
    ``limit`` gives only its first ``limit + 1`` bytes: enough for the size check to refuse it,
    without a 10 GB file ever being read into memory."""
    if isinstance(source, (bytes, bytearray, memoryview)):
        return bytes(source) if not isinstance(source, bytes) else source
    if isinstance(source, os.PathLike):
        if limit is None:
            return Path(source).read_bytes()
        with open(source, "rb") as fh:
            return fh.read(limit + 1)
    return source()


def size_of(source: Source) -> int | None:
    """Bytes of a source without reading it; None for a function (its size is known once called)."""
    if isinstance(source, (bytes, bytearray, memoryview)):
        return len(source)
    if isinstance(source, os.PathLike):
        try:
            return os.stat(source).st_size
        except OSError:
            return None
    return None


class Bar:
    """Maps (file, share within the file) to the fraction of the whole job: files by size, the
    last 5 % for the checks across files."""

    def __init__(self, report: Progress | None, sizes: list[int | None]) -> None:
        self.report = report or (lambda step, fraction: None)
        self.held: float | None = None  # files checked again at the end report here: never backwards
        known = [s for s in sizes if s]
        mean = sum(known) / len(known) if known else 1.0
        weights = [float(s) if s else mean for s in sizes]
        total = sum(weights) or 1.0
        self.starts, self.widths, acc = [], [], 0.0
        for w in weights:
            self.starts.append(0.95 * acc / total)
            self.widths.append(0.95 * w / total)
            acc += w

    def file(self, n_file: int, step: str, within: float) -> None:
        if self.held is not None:
            self.report(step, self.held)
        else:
            self.report(step, self.starts[n_file] + self.widths[n_file] * min(max(within, 0.0), 1.0))
