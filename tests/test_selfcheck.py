"""The start-up self-check refuses unsafe server settings; the shipped configuration passes."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from analytics.config import Settings
from ui.selfcheck import problems

ROOT = Path(__file__).resolve().parent.parent
SAFE = {
    "client.showErrorDetails": "none",
    "server.enableXsrfProtection": True,
    "browser.gatherUsageStats": False,
    "server.maxUploadSize": 200,
}


def _codes(options: dict, secrets: dict | None = None) -> list[str]:
    return [code for code, _ in problems(options.__getitem__, secrets, Settings())]


def test_shipped_config_is_safe() -> None:
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    options = {f"{section}.{key}": value for section, values in config.items() for key, value in values.items()}
    assert _codes({**SAFE, **options}) == []
    assert options["client.showErrorDetails"] == "none" and options["server.enableXsrfProtection"] is True


@pytest.mark.parametrize(
    ("change", "code"),
    [
        ({"client.showErrorDetails": "full"}, "selfcheck.error_details"),
        ({"server.enableXsrfProtection": False}, "selfcheck.xsrf"),
        ({"browser.gatherUsageStats": True}, "selfcheck.usage_stats"),
        ({"server.maxUploadSize": 2000}, "selfcheck.upload_size"),
    ],
)
def test_unsafe_settings_are_refused(change: dict, code: str) -> None:
    assert _codes({**SAFE, **change}) == [code]


def test_identity_provider_needs_a_strong_cookie_secret() -> None:
    assert _codes(SAFE, {"client_id": "x"}) == ["selfcheck.cookie_secret"]
    assert _codes(SAFE, {"client_id": "x", "cookie_secret": "k" * 40}) == []
