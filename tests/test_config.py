"""Settings: every one is used where a user expects it, and tests never see the developer's own."""

from __future__ import annotations

import dataclasses
import os
import re
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from analytics.auth import AuthPolicy
from analytics.config import Settings

ROOT = Path(__file__).resolve().parent.parent


def test_every_setting_is_read_somewhere() -> None:
    code = "\n".join(
        p.read_text(encoding="utf-8")
        for d in ("analytics", "ui", "pages")
        for p in (ROOT / d).glob("**/*.py")
        if p.name != "config.py"
    )
    unused = [f.name for f in dataclasses.fields(Settings) if not re.search(rf"\.{f.name}\b", code)]
    assert unused == []


def test_the_environment_a_test_sees_is_clean() -> None:
    """Run in the suite and, below, under a developer's settings: nothing of theirs gets through."""
    assert sorted(n for n in os.environ if n.startswith(("OVERSIGHT_", "STREAMLIT_"))) == ["OVERSIGHT_DB"]
    assert AuthPolicy.from_env() == AuthPolicy()
    assert Settings.from_env().language == "vi"
    assert not (Path.home() / ".streamlit").exists()


def test_a_developers_settings_never_reach_the_tests(tmp_path: Path) -> None:
    home = tmp_path / "home"
    (home / ".streamlit").mkdir(parents=True)
    (home / ".streamlit" / "config.toml").write_text("[server]\nmaxUploadSize = 5000\n", encoding="utf-8")
    env = {
        **os.environ,
        "HOME": str(home),
        "OVERSIGHT_LANG": "en",
        "OVERSIGHT_SESSION_TIMEOUT_MINUTES": "1",
        "OVERSIGHT_LOGIN_MAX_FAILURES": "1",
        "OVERSIGHT_LOGIN_LOCK_MINUTES": "999",
        "OVERSIGHT_UPLOAD_MAX_MB": "1",
        "STREAMLIT_SERVER_MAX_UPLOAD_SIZE": "5000",
    }
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            f"{__file__}::test_the_environment_a_test_sees_is_clean",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout[-3000:]


def test_oversight_lang_is_the_dashboards_language_until_a_visitor_switches(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from streamlit.testing.v1 import AppTest

    from analytics import db
    from tests.conftest import add_accounts
    from ui.nav import ROOT as APP_ROOT

    path = tmp_path / "t.duckdb"
    con = db.connect(path)
    add_accounts(con, with_scoped=False)
    con.close()
    monkeypatch.setenv("OVERSIGHT_DB", str(path))
    monkeypatch.setenv("OVERSIGHT_LANG", "en")
    at = AppTest.from_file(str(APP_ROOT / "app.py"), default_timeout=60).run()
    assert [t.value for t in at.title] == ["Sign in"]
    at.radio(key="lang_switch").set_value("vi").run()
    assert [t.value for t in at.title] == ["Đăng nhập"]


def test_oversight_upload_max_mb_bounds_the_pages_import_too(tdb: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from analytics.ingest.pipeline import prepare

    big = ("Mã đơn vị,Năm,Đối tượng,Biên chế được giao\n" + "SNV,2021,Công chức,50\n" * 70_000).encode()
    assert 1024 * 1024 < len(big) < 2 * 1024 * 1024
    monkeypatch.setenv("OVERSIGHT_UPLOAD_MAX_MB", "1")
    with prepare(tdb, files=[("lon.csv", big)], as_of=date(2026, 1, 1)) as plan:  # no limits given: the page's call
        assert [p.code for p in plan.problems if p.severity == "error"] == ["file_too_large"]
    monkeypatch.setenv("OVERSIGHT_UPLOAD_MAX_MB", "2")
    with prepare(tdb, files=[("lon.csv", big)], as_of=date(2026, 1, 1)) as plan:
        assert "file_too_large" not in {p.code for p in plan.problems}
