"""`pip install .` gives a working `oversight` command; pyproject names every package and data file;
requirements stay pinned and the lock files hold every pin (issue 16, item 4)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
SETUPTOOLS = PYPROJECT["tool"]["setuptools"]
TOP = ("analytics", "ui", "oversight")
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==(\S+)$")


def _source_files(top: str) -> list[Path]:
    return [p for p in (ROOT / top).rglob("*") if p.is_file() and "__pycache__" not in p.parts]


def test_pyproject_names_every_package() -> None:
    found = {".".join(p.parent.relative_to(ROOT).parts) for top in TOP for p in (ROOT / top).rglob("__init__.py")}
    assert set(SETUPTOOLS["packages"]) == found


def test_package_data_covers_every_data_file() -> None:
    """Schema, queries and migrations travel with the code (db.py and sql_files read them from there)."""
    patterns = SETUPTOOLS["package-data"]
    missing = []
    for top in TOP:
        for path in _source_files(top):
            if path.suffix in (".py", ".pyc") or path.name == ".keep":
                continue
            package = ".".join(path.parent.relative_to(ROOT).parts)
            # the glob is relative to the package that lists it (analytics: "sql/*.sql")
            owners = [
                (pkg, glob)
                for pkg, globs in patterns.items()
                for glob in globs
                if package == pkg or package.startswith(pkg + ".")
            ]
            if not any(path.relative_to(ROOT / Path(*pkg.split("."))).match(glob) for pkg, glob in owners):
                missing.append(str(path.relative_to(ROOT)))
    assert not missing


@pytest.mark.parametrize("name", ["requirements.txt", "requirements-dev.txt"])
def test_requirements_are_pinned(name: str) -> None:
    lines = [ln.split("#")[0].strip() for ln in (ROOT / name).read_text(encoding="utf-8").splitlines()]
    unpinned = [ln for ln in lines if ln and not ln.startswith("-r ") and not PIN.match(ln)]
    assert not unpinned


def _pins(name: str) -> dict[str, str]:
    pins: dict[str, str] = {}
    for line in (ROOT / name).read_text(encoding="utf-8").splitlines():
        line = line.split("#")[0].strip().rstrip("\\").strip()
        if line.startswith("-r "):
            pins |= _pins(line[3:].strip())
        elif m := PIN.match(line):
            pins[m.group(1).lower().replace("_", "-")] = m.group(2)
    return pins


@pytest.mark.parametrize("name", ["requirements", "requirements-dev"])
def test_lock_holds_every_pin_with_hashes(name: str) -> None:
    text = (ROOT / f"{name}.lock").read_text(encoding="utf-8")
    locked = dict(re.findall(r"^([a-z0-9][a-z0-9._-]*)==(\S+) \\$", text, re.M))
    wanted = _pins(f"{name}.txt")
    assert {k: v for k, v in wanted.items() if locked.get(k) != v} == {}, "regenerate the lock (see its header)"
    entries = re.split(r"\n(?=[a-z0-9])", text[text.index("\n" + next(iter(sorted(locked)))) + 1 :])
    assert len(entries) == len(locked) and all("--hash=sha256:" in e for e in entries)


def test_dependencies_are_requirements_txt() -> None:
    assert "dependencies" in PYPROJECT["project"]["dynamic"]
    assert PYPROJECT["tool"]["setuptools"]["dynamic"]["dependencies"] == {"file": ["requirements.txt"]}


@pytest.mark.slow
def test_pip_install_gives_a_working_oversight_command(tmp_path: Path) -> None:
    """A fresh virtual environment, `pip install .`, then `oversight` from another folder.

    Offline and fast on purpose: the venv sees the system's site-packages, where README command 2 put
    the pinned dependencies (and the pinned setuptools that builds the wheel), so pip needs neither
    the index (--no-index, --no-deps) nor a build environment of its own (--no-build-isolation). What
    is tested is this project's packaging: its packages, its data files, its entry point.
    The sources are copied first, so the build writes nothing into the checkout.
    """
    src = tmp_path / "src"
    src.mkdir()
    for name in ("pyproject.toml", "README.md", "requirements.txt"):
        shutil.copy(ROOT / name, src / name)
    for top in TOP:
        shutil.copytree(ROOT / top, src / top, ignore=shutil.ignore_patterns("__pycache__"))
    venv = tmp_path / "venv"
    # --without-pip: the system's pip installs into the venv all the same, and ensurepip would put its own
    # old setuptools (65.5 for Python 3.11, which cannot build wheels alone) in front of the pinned one.
    subprocess.run(
        [sys.executable, "-m", "venv", "--system-site-packages", "--without-pip", str(venv)], check=True, timeout=120
    )
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("PYTHONPATH", "PIP_CONSTRAINT") and not k.startswith("OVERSIGHT_")
    }
    env["PIP_CONFIG_FILE"] = os.devnull  # this machine's pip.conf (extra indexes, constraints) plays no part
    install = subprocess.run(
        [
            str(venv / "bin" / "python"),
            "-m",
            "pip",
            "install",
            "-q",
            "--no-index",
            "--no-deps",
            "--no-build-isolation",
            str(src),
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert install.returncode == 0, install.stdout[-2000:] + install.stderr[-2000:]

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()

    def run(*argv: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(argv, cwd=elsewhere, env=env, capture_output=True, text=True, timeout=300)

    help_ = run(str(venv / "bin" / "oversight"), "--help")
    assert help_.returncode == 0, help_.stderr[-2000:]
    assert help_.stdout.startswith("usage: oversight") and "kpis" in help_.stdout and "import" in help_.stdout
    where = run(str(venv / "bin" / "python"), "-c", "import analytics, oversight, ui; print(analytics.__file__)")
    assert Path(where.stdout.strip()).is_relative_to(venv), where.stdout + where.stderr
    # a new database from the installed schema, queries and migrations, in data/ under the current folder
    info = run(str(venv / "bin" / "oversight"), "info")
    assert info.returncode == 0, info.stderr[-2000:]
    assert (elsewhere / "data" / "oversight.duckdb").is_file()
    kpis = run(str(venv / "bin" / "oversight"), "kpis", "--json")
    assert kpis.returncode == 0 and '"missing"' in kpis.stdout, kpis.stderr[-2000:]
    requires = run(
        str(venv / "bin" / "python"),
        "-c",
        "import importlib.metadata as m; print('\\n'.join(m.requires('cantho-oversight')))",
    )
    assert set(requires.stdout.split()) == {f"{k}=={v}" for k, v in _pins("requirements.txt").items()}
