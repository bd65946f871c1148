"""The app shell: language switch, landing page, empty database, first-start behaviour."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from analytics import db
from ui import labels

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def empty_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "empty.duckdb"
    db.connect(path).close()
    monkeypatch.setenv("OVERSIGHT_DB", str(path))
    return path


def _app() -> AppTest:
    return AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)


def test_data_page_on_an_empty_database(empty_db: Path) -> None:
    at = _app()
    at.switch_page("pages/about_data.py")
    at.run()
    assert not at.exception
    assert [t.value for t in at.title] == ["Dữ liệu hiện có"]
    assert any("chưa có dữ liệu" in i.value for i in at.info)
    assert not at.warning  # no demo banner without demo data


def test_language_switch_changes_titles_and_keeps_it_in_the_url(empty_db: Path) -> None:
    at = _app().run()
    assert not at.exception
    vi_title = at.title[0].value
    at.radio(key="lang_switch").set_value("en").run()
    assert not at.exception
    assert at.title[0].value != vi_title
    assert at.title[0].value in labels.TEXT["en"].values()
    assert at.query_params["lang"] in (["en"], "en")


def test_unreadable_database_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "broken.duckdb"
    path.write_bytes(b"not a database" * 200)
    monkeypatch.setenv("OVERSIGHT_DB", str(path))
    at = _app().run()
    assert not at.exception
    assert any("Không mở được cơ sở dữ liệu" in e.value for e in at.error)
