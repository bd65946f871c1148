"""Every piece of display text, Vietnamese first, English as a switch.

``t(key, lang, **params)`` for sentences; ``code(value, lang)`` for coded values stored in the
database (categories, routes, …). Tests check that both languages have the same keys, that every
key used in the code exists, and that every code of ``analytics.codes`` has a label.
"""

from __future__ import annotations

from typing import Any

from ui import text_en, text_vi

LANGS = ("vi", "en")

TEXT: dict[str, dict[str, str]] = {"vi": text_vi.TEXT, "en": text_en.TEXT}
# Labels of coded values (analytics.codes) and of table names.
CODES: dict[str, dict[str, str]] = {"vi": text_vi.CODES, "en": text_en.CODES}


def t(key: str, lang: str = "vi", **params: Any) -> str:
    """The text for ``key`` in ``lang`` with ``{params}`` filled in. A missing key is a bug: KeyError."""
    text = TEXT["en" if lang == "en" else "vi"][key]
    return text.format(**params) if params else text


def code(value: Any, lang: str = "vi") -> str:
    """Label of a coded value; an unknown code is shown as it is (data from a newer version)."""
    if value is None or value != value:  # None or NaN
        return "–"
    return CODES["en" if lang == "en" else "vi"].get(str(value), str(value))
