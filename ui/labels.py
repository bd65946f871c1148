"""Every piece of display text, Vietnamese first, English as a switch.

``t(key, lang, **params)`` for sentences; ``code(value, lang)`` for coded values stored in the
database (categories, routes, …). Tests check that both languages have the same keys, that every
key used in the code exists, and that every code of ``analytics.codes`` has a label.
"""

from __future__ import annotations

import importlib
import pkgutil
from typing import Any

import ui
from analytics import vocab

LANGS = ("vi", "en")


def _merge(lang: str, attr: str) -> dict[str, str]:
    """Merge ``attr`` of every module ``ui/text_<lang>*.py`` (one file per area); a key defined in
    two files is a bug and stops the import."""
    merged: dict[str, str] = {}
    names = sorted(m.name for m in pkgutil.iter_modules(ui.__path__) if m.name.split("_")[:2] == ["text", lang])
    for name in names:
        part: dict[str, str] = getattr(importlib.import_module(f"ui.{name}"), attr, {})
        twice = set(part) & set(merged)
        if twice:
            raise RuntimeError(f"labels defined twice ({name}): {sorted(twice)}")
        merged.update(part)
    return merged


TEXT: dict[str, dict[str, str]] = {lang: _merge(lang, "TEXT") for lang in LANGS}
# Labels of coded values: those of analytics.codes come from analytics.vocab (the importer lists the
# same labels in its messages); table names and statuses of pages from ui/text_<lang>*.py.
CODES: dict[str, dict[str, str]] = {lang: {**vocab.labels(lang), **_merge(lang, "CODES")} for lang in LANGS}
_TWICE = set(vocab.TERMS) & {k for lang in LANGS for k in _merge(lang, "CODES")}
if _TWICE:
    raise RuntimeError(f"code labels defined in ui and in analytics.vocab: {sorted(_TWICE)}")


def t(key: str, lang: str = "vi", **params: Any) -> str:
    """The text for ``key`` in ``lang`` with ``{params}`` filled in. A missing key is a bug: KeyError."""
    text = TEXT["en" if lang == "en" else "vi"][key]
    return text.format(**params) if params else text


def code(value: Any, lang: str = "vi") -> str:
    """Label of a coded value; an unknown code is shown as it is (data from a newer version)."""
    if value is None or value != value:  # None or NaN
        return "–"
    return CODES["en" if lang == "en" else "vi"].get(str(value), str(value))
