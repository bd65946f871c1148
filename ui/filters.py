"""Filters a leader expects, kept in the URL so a view can be bookmarked and shared.

URL keys: ``as_of`` (YYYY-MM-DD), ``unit`` (unit code, or ``all`` for the whole city on a page that
opens on another unit by default), ``cat`` (staff category). ``lang`` is kept by ``ui.session``. The reset button clears all but ``lang``. Sector and former province are breakdowns
on the pages (group-by), not filters: no KPI is defined on a slice of them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

import streamlit as st

from analytics import codes, reporting
from analytics.units import root_unit, scope_name, unit_list
from ui import data
from ui.labels import code as code_label
from ui.labels import t

URL_KEYS = ("as_of", "unit", "cat")
ALL = "all"  # the URL value of "the whole city" where a page's default is another unit


@dataclass(frozen=True)
class Filters:
    as_of: date
    unit: str | None  # the unit picked; None = the whole city
    category: str
    root: str | None = None  # the city unit on as_of (None in a database without one)

    @property
    def scope(self) -> str | None:
        """What KPIs are computed for: the picked unit, else the city."""
        return self.unit or self.root


def _param(name: str) -> str | None:
    value = st.query_params.get(name)
    return value or None


def _as_of(default: date | None = None) -> date:
    raw = _param("as_of")
    fallback = default or date.today()
    try:
        return date.fromisoformat(raw) if raw else fallback
    except ValueError:
        return fallback


def _store(widget_key: str, url_key: str, all_value: str | None = None) -> None:
    value = st.session_state.get(widget_key)
    if value == "__all__" and all_value:
        st.query_params[url_key] = all_value
    elif value in (None, "", "__all__"):
        st.query_params.pop(url_key, None)
    else:
        st.query_params[url_key] = value.isoformat() if isinstance(value, date) else str(value)


def _own_scope() -> str | None:
    """The unit a unit-limited account is confined to (None for whole-city accounts)."""
    user = st.session_state.get("user")
    return getattr(user, "scope_unit_code", None)


def _reset() -> None:
    for key in URL_KEYS:
        st.query_params.pop(key, None)
        st.session_state.pop(f"filter_{key}", None)


def whole_label(lang: str, as_of: date | None = None) -> str:
    """What "everything the account may see" is called: its scope's own name ("Thành phố Cần Thơ", a
    province, the account's unit), or "Toàn quốc" when the database holds several provinces."""
    return data.run(scope_name, scope=None, active_on=as_of) or t("filter.whole_country", lang)


def sidebar(
    lang: str,
    *,
    show: tuple[str, ...] = ("as_of", "unit"),
    default_as_of: date | None = None,
    default_unit: str | None = None,
) -> Filters:
    """Draw the filters named in ``show`` in the sidebar; the rest keep their URL (or default) value.

    ``default_as_of`` / ``default_unit``: what the page opens on when the URL names none (today and
    the whole city otherwise); picking the whole city on such a page is kept in the URL as ``unit=all``.
    """
    box = st.sidebar.container(border=True)
    box.markdown(f"**{t('filter.title', lang)}**")
    as_of, unit = _as_of(default_as_of), _param("unit") or default_unit
    unit = None if unit == ALL else unit
    category = _param("cat") or "cong_chuc"
    if category not in codes.REDUCTION_CATEGORIES:
        category = "cong_chuc"
    if "as_of" in show:
        as_of = box.date_input(
            t("filter.as_of", lang),
            value=as_of,
            format="DD/MM/YYYY",
            key="filter_as_of",
            on_change=_store,
            args=("filter_as_of", "as_of"),
        )
    if "unit" in show:
        # Several provinces: list provinces, agencies and communes only (57.000 units would be sent
        # to the browser on every run); a deeper unit from the URL or a drill-down stays listed.
        country = _own_scope() is None and data.run(root_unit, active_on=as_of) is None and data.run(root_unit) is None
        units = data.run(
            unit_list,
            active_on=as_of,
            within=_own_scope(),
            max_depth=2 if country else None,
            include=unit if country else None,
        )
        names = dict(zip(units["unit_code"], units["name"], strict=True))
        options = ["__all__", *names]
        whole = whole_label(lang, as_of)
        if unit not in names:
            unit = None
        picked = box.selectbox(
            t("filter.unit", lang),
            options,
            index=options.index(unit or "__all__"),
            key="filter_unit",
            format_func=lambda c: whole if c == "__all__" else f"{names[c]} ({c})",
            on_change=_store,
            args=("filter_unit", "unit", ALL if default_unit else None),
        )
        unit = None if picked == "__all__" else picked
    if "cat" in show:
        category = box.radio(
            t("filter.category", lang),
            codes.REDUCTION_CATEGORIES,
            horizontal=True,
            index=codes.REDUCTION_CATEGORIES.index(category),
            key="filter_cat",
            format_func=lambda c: code_label(c, lang),
            on_change=_store,
            args=("filter_cat", "cat"),
        )
    box.button(t("filter.reset", lang), on_click=_reset, key="filter_reset", width="stretch")
    root = _own_scope() or data.run(root_unit, active_on=as_of)
    return Filters(as_of=as_of, unit=unit, category=category, root=root)


def period_picker(where: Any, lang: str, *, label: Callable[[str], str], key: str) -> str | None:
    """A reporting period chosen in ``where`` (a column), shown by ``label``, the current one first
    picked; None when no period has been opened yet (the tracker and the sending page say so)."""
    periods = data.run(reporting.list_periods)
    if periods.empty:
        return None
    ids = list(periods["period_id"])
    default = data.run(reporting.current_period, today=date.today())
    picked: str = where.selectbox(
        t("rep.period", lang),
        ids,
        index=ids.index(default) if default in ids else 0,
        format_func=label,
        key=key,
    )
    return picked
