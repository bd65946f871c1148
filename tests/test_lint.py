"""Static checks run with the suite, so CI enforces them: ruff (incl. S608), ruff format, import contract, mypy."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(
    "command",
    [
        [sys.executable, "-m", "ruff", "check", "."],
        [sys.executable, "-m", "ruff", "format", "--check", "."],
        [str(Path(sys.executable).with_name("lint-imports"))],
        [sys.executable, "-m", "mypy"],
    ],
    ids=["ruff", "ruff-format", "import-linter", "mypy"],
)
def test_static_check(command: list[str]) -> None:
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
