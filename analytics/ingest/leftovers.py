"""Temporary folders of an import, named after the process that owns them, and their removal.

An import killed mid-way (SIGKILL, power cut, the container stopped) cannot run its own clean-up:
its staged Parquet parts and the reader's input/output folder stay behind. Every such folder is
named ``<prefix><pid>-<random>``; ``remove_stale`` deletes those whose owning process no longer
exists. The importer calls it whenever it starts (``staging.Staging``: the command line and the
Import page alike), so leftovers last at most until the next import.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from collections.abc import Iterable
from pathlib import Path

STAGING_PREFIX = "oversight-import-"
READ_PREFIX = "oversight-read-"
_OWNED = re.compile(rf"^(?:{re.escape(STAGING_PREFIX)}|{re.escape(READ_PREFIX)})(\d+)-")


def owned_prefix(prefix: str) -> str:
    """``prefix`` + this process's id, for ``tempfile.mkdtemp(prefix=...)``."""
    return f"{prefix}{os.getpid()}-"


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # another user's live process
    return True


def default_places() -> list[Path]:
    """Where import folders are made: the system's temporary folder and shared memory."""
    return [Path(tempfile.gettempdir()), Path("/dev/shm")]


def remove_stale(places: Iterable[str | os.PathLike[str]] | None = None) -> list[Path]:
    """Remove import folders whose owning process has died; returns what was removed."""
    removed = []
    for place in default_places() if places is None else [Path(p) for p in places]:
        try:
            entries = list(os.scandir(place))
        except OSError:
            continue
        for e in entries:
            m = _OWNED.match(e.name)
            if not m or int(m.group(1)) == os.getpid() or _alive(int(m.group(1))):
                continue
            try:
                if e.is_dir(follow_symlinks=False):
                    shutil.rmtree(e.path, ignore_errors=True)
                    removed.append(Path(e.path))
            except OSError:
                continue
    return removed
