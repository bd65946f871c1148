"""The app shell: language switch, landing page, empty database, first-start behaviour."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from analytics import db

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def empty_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "empty.duckdb"
    db.connect(path).close()
    monkeypatch.setenv("OVERSIGHT_DB", str(path))
    return path


def _app() -> AppTest:
    return AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)


def test_landing_page_on_an_empty_database(empty_db: Path) -> None:
    at = _app().run()
    assert not at.exception
    assert [t.value for t in at.title] == ["Dữ liệu hiện có"]
    assert any("chưa có dữ liệu" in i.value for i in at.info)
    assert not at.warning  # no demo banner without demo data


def test_language_switch_changes_titles(empty_db: Path) -> None:
    at = _app().run()
    at.sidebar.radio(key="lang_switch").set_value("en").run()
    assert not at.exception
    assert [t.value for t in at.title] == ["Data on hand"]
    assert at.query_params["lang"] == ["en"] or at.query_params["lang"] == "en"


def test_unreadable_database_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "broken.duckdb"
    path.write_bytes(b"not a database" * 200)
    monkeypatch.setenv("OVERSIGHT_DB", str(path))
    at = _app().run()
    assert not at.exception
    assert any("Không mở được cơ sở dữ liệu" in e.value for e in at.error)
