"""Start-up self-check: refuse to serve with settings that would leak data or weaken the server.

Tracebacks can carry personal data (showErrorDetails), usage statistics leave the machine, XSRF
protects uploads and settings forms, an identity provider needs a strong cookie secret, and the
upload limit must not exceed what the importer is sized for.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import streamlit as st

from analytics.config import Settings


def problems(
    get_option: Callable[[str], Any], auth_secrets: Mapping[str, Any] | None, settings: Settings
) -> list[tuple[str, dict[str, Any]]]:
    """(label key, params) of every unsafe setting; empty when the configuration is safe."""
    found: list[tuple[str, dict[str, Any]]] = []
    if get_option("client.showErrorDetails") not in ("none", False, "False"):
        found.append(("selfcheck.error_details", {"value": get_option("client.showErrorDetails")}))
    if not get_option("server.enableXsrfProtection"):
        found.append(("selfcheck.xsrf", {}))
    if get_option("browser.gatherUsageStats"):
        found.append(("selfcheck.usage_stats", {}))
    if int(get_option("server.maxUploadSize")) > settings.upload_max_mb:
        found.append(
            ("selfcheck.upload_size", {"value": get_option("server.maxUploadSize"), "limit": settings.upload_max_mb})
        )
    if auth_secrets is not None and len(str(auth_secrets.get("cookie_secret", ""))) < 32:
        found.append(("selfcheck.cookie_secret", {}))
    return found


def auth_secrets() -> Mapping[str, Any] | None:
    """The [auth] section of .streamlit/secrets.toml (an identity provider), or None."""
    try:
        section = st.secrets.get("auth")
    except FileNotFoundError:  # no secrets file at all: no identity provider configured
        return None
    return dict(section) if section else None


def check() -> list[tuple[str, dict[str, Any]]]:
    return problems(st.get_option, auth_secrets(), Settings.from_env())
