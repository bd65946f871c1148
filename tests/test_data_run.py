"""ui.data.run takes the analytics function itself, never its name as a string (issue 16).

The allow-list, the scope enforcement and the cache key (qualified name + data version + arguments)
stay in ``ui.data``; these tests pin what the switch from strings to functions must not lose.
"""

from __future__ import annotations

import ast
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from analytics import db, quality, reduction
from analytics.quality import CHECKS
from ui import data

ROOT = Path(__file__).resolve().parent.parent
SOURCES = sorted([ROOT / "app.py", *(ROOT / "pages").glob("*.py"), *(ROOT / "ui").rglob("*.py")])


def string_calls(source: str) -> list[int]:
    """Lines where ``data.run`` / ``run`` (imported from ui.data) gets a string or f-string first."""
    tree = ast.parse(source)
    run_names = (
        {"run"}
        if any(
            isinstance(n, ast.ImportFrom) and n.module == "ui.data" and any(a.name == "run" for a in n.names)
            for n in ast.walk(tree)
        )
        else set()
    )
    lines = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or not node.args:
            continue
        f = node.func
        is_run = (
            isinstance(f, ast.Attribute) and f.attr == "run" and isinstance(f.value, ast.Name) and f.value.id == "data"
        ) or (isinstance(f, ast.Name) and f.id in run_names)
        first = node.args[0]
        if is_run and (
            isinstance(first, ast.JoinedStr) or (isinstance(first, ast.Constant) and isinstance(first.value, str))
        ):
            lines.append(node.lineno)
    return lines


def test_the_scanner_finds_string_names() -> None:
    assert string_calls('data.run("reduction.reduction_by_unit", scope=None)') == [1]
    assert string_calls('x = 1\ndata.run(f"quality.check_{c}")') == [2]
    assert string_calls('from ui.data import run\nrun("units.unit_list")') == [2]
    assert string_calls("data.run(reduction_by_unit, scope=None)\nat.run()") == []


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_page_or_ui_module_names_a_function_as_a_string(path: Path) -> None:
    assert string_calls(path.read_text(encoding="utf-8")) == [], f"{path}: pass the function to data.run"


def test_the_pages_do_call_data_run() -> None:
    """Guards the scan above against passing because it no longer sees any call."""
    calls = sum(path.read_text(encoding="utf-8").count("data.run(") for path in SOURCES)
    assert calls >= 40


@pytest.mark.parametrize(
    "fn, name",
    [
        (reduction.reduction_by_unit, "reduction.reduction_by_unit"),
        (quality.check_over_quota, "quality.check_over_quota"),
        *((fn, f"quality.check_{code}") for code, _, fn in CHECKS),
    ],
)
def test_the_cache_key_is_the_qualified_name(fn: object, name: str) -> None:
    assert data.qualified_name(fn) == name  # type: ignore[arg-type]  # CHECKS items are typed as object here
    assert data._resolve(name) is fn


@pytest.mark.parametrize(
    "fn",
    [
        "reduction.reduction_by_unit",  # a name, as before issue 16
        db.connect,  # a real analytics function outside the allow-list
        lambda con: None,  # not an analytics function at all
        reduction._by_category,  # private: not for pages
    ],
    ids=["string", "not-allowed", "lambda", "private"],
)
def test_only_public_functions_of_allowed_modules_run(fn: object) -> None:
    with pytest.raises(ValueError, match="not a runnable analytics function"):
        data.run(fn)  # type: ignore[arg-type]  # the point: what mypy would refuse is refused at run time too


def test_positional_arguments_are_refused() -> None:
    with pytest.raises(TypeError, match="by keyword"):
        data.run(reduction.reduction_by_unit, "cong_chuc")  # type: ignore[call-arg]


def test_mypy_checks_the_arguments_of_a_data_run_call(tmp_path: Path) -> None:
    """The point of passing the function: a misspelt or mistyped argument fails the type check."""
    import subprocess
    import sys

    probe = tmp_path / "probe.py"
    probe.write_text(
        "from analytics.reduction import reduction_by_unit\nfrom ui import data\n\n"
        'data.run(reduction_by_unit, categroy="cong_chuc", scope=None)\n'
        "data.run(reduction_by_unit, category=2026, scope=None)\n"
        'data.run(reduction_by_unit, category="vien_chuc", scope=None)\n',
        encoding="utf-8",
    )
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--config-file", "pyproject.toml", str(probe)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    errors = [line for line in result.stdout.splitlines() if ": error:" in line]
    assert [e.split(":")[1] for e in errors] == ["4", "5"], result.stdout
    assert '"categroy"' in errors[0] and '"category"' in errors[1] and '"int"' in errors[1]


def test_allowed_scopes_are_kept_per_data_version_and_refusals_asked_every_time(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """ui.data._scope keeps effective_scope's answers per (database, data version, account's own
    unit, unit asked for); a refusal is never kept, so each one is raised (and audited) again."""
    from types import SimpleNamespace

    from analytics.access import AccessDenied
    from analytics.auth import User

    asked: list[str | None] = []

    def effective_scope(con: object, user: User, requested: str | None) -> str | None:
        asked.append(requested)
        if requested == "OTHER":
            raise AccessDenied("scope_denied", target="scope:OTHER")
        return requested or user.scope_unit_code

    user = User(username="a", display_name=None, role="analyst", scope_unit_code="SNV")
    monkeypatch.setattr(data, "effective_scope", effective_scope)
    monkeypatch.setattr(data, "st", SimpleNamespace(session_state={"user": user}))
    monkeypatch.setattr(data, "_SCOPES", {})
    for _ in range(3):
        assert data._scope(None, "db", "1:a", None) == "SNV"  # type: ignore[arg-type]
        assert data._scope(None, "db", "1:a", "SNV.P01") == "SNV.P01"  # type: ignore[arg-type]
    assert asked == [None, "SNV.P01"]
    assert data._scope(None, "db", "1:b", None) == "SNV"  # type: ignore[arg-type]  # a new version asks again
    assert data._scope(None, "other.db", "1:b", None) == "SNV"  # type: ignore[arg-type]  # so does another database
    assert asked == [None, "SNV.P01", None, None]
    for _ in range(2):
        with pytest.raises(AccessDenied):
            data._scope(None, "db", "1:a", "OTHER")  # type: ignore[arg-type]
    assert asked.count("OTHER") == 2


def test_start_computes_side_by_side_what_run_gives(
    tiny_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """data.start settles the scope and cache key on the caller's thread (a unit-limited account
    still only gets its own unit) and its result is what data.run returns, from the same cache."""
    import shutil
    import threading
    from types import SimpleNamespace

    from analytics.auth import User

    path = tmp_path / "t.duckdb"
    shutil.copy(tiny_file, path)
    monkeypatch.setenv("OVERSIGHT_DB", str(path))
    computed: list[tuple[str, str | None]] = []
    real = data._resolve

    def resolve(name: str) -> Any:
        fn = real(name)

        def counted(con: Any, **kwargs: Any) -> Any:
            computed.append((threading.current_thread().name, kwargs.get("scope")))
            return fn(con, **kwargs)

        return counted if name == "reduction.reduction_by_category" else fn

    scoped = User(username="a", display_name=None, role="analyst", scope_unit_code="SNV")
    monkeypatch.setattr(data, "st", SimpleNamespace(session_state={"user": scoped}))
    monkeypatch.setattr(data, "_resolve", resolve)
    monkeypatch.setattr(data, "qualified_name", lambda fn: f"reduction.{fn.__name__}")
    started = data.start(reduction.reduction_by_category, scope=None, as_of=None)
    first = started.result()
    assert computed and computed[0][0].startswith("data-run")  # computed on the pool's thread …
    assert computed[0][1] == "SNV"  # … for the account's own unit, though the whole city was asked
    again = data.run(reduction.reduction_by_category, scope=None, as_of=None)
    assert len(computed) == 1  # the same cache entry
    pd.testing.assert_frame_equal(first, again)


def test_results_of_an_older_data_version_are_dropped_when_a_newer_one_is_seen(
    tiny_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import shutil
    from types import SimpleNamespace

    from analytics import store
    from analytics.auth import User
    from analytics.config import Settings
    from analytics.policy import save_setting

    path = tmp_path / "t.duckdb"
    shutil.copy(tiny_file, path)
    monkeypatch.setenv("OVERSIGHT_DB", str(path))
    computed: list[str] = []
    real = data._resolve

    def resolve(name: str) -> Any:
        fn = real(name)

        def counted(con: Any, **kwargs: Any) -> Any:
            computed.append(name)
            return fn(con, **kwargs)

        return counted

    admin = User(username="a", display_name=None, role="admin", scope_unit_code=None)
    monkeypatch.setattr(data, "st", SimpleNamespace(session_state={"user": admin}))
    monkeypatch.setattr(data, "_resolve", resolve)
    monkeypatch.setattr(data, "qualified_name", lambda fn: f"reduction.{fn.__name__}")
    key = data._key(reduction.reduction_by_category, (), {"scope": None, "as_of": None})
    data._cached(*key)
    data._cached(*key)
    assert len(computed) == 1
    with store.writing(Settings(db_path=path)) as w:  # a settings change: a new data version
        save_setting(w, "young_age_threshold", 35, user="t")
    newer = data._key(reduction.reduction_by_category, (), {"scope": None, "as_of": None})
    assert newer[1] != key[1]
    data._cached(*key)  # the old version's entry went when the new version was seen
    assert len(computed) == 2
