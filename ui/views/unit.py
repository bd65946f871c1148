"""Unit page pieces: the breadcrumb back to the whole scope (city, province or country) and the programme cards of one unit."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from ui import format as fmt
from ui.cards import kpi_card
from ui.filters import whole_label
from ui.labels import t


def breadcrumb(path: pd.DataFrame, lang: str) -> None:
    """Links from the city down to the unit's parent; each opens that unit's page."""
    links = st.columns(len(path) + 1, gap="small")
    links[0].page_link(
        "pages/unit.py", label=whole_label(lang), icon=":material/account_balance:", query_params={"lang": lang}
    )
    for column, row in zip(links[1:], path.itertuples(), strict=True):
        column.page_link("pages/unit.py", label=f"› {row.name}", query_params={"unit": row.unit_code, "lang": lang})


def programme_cards(agencies: pd.DataFrame, training: pd.DataFrame, lang: str) -> None:
    """Secondment and training cards when the unit sends staff or has a training budget."""
    cards = []
    if len(agencies) and agencies["required"].sum():
        required, active = int(agencies["required"].sum()), int(agencies["active"].sum())
        cards.append(
            (
                t("sec.card_fulfilment", lang),
                fmt.percent(active / required * 100, lang, 1),
                t(
                    "sec.card_fulfilment_line",
                    lang,
                    active=fmt.number(active, lang),
                    required=fmt.number(required, lang),
                ),
            )
        )
    if len(training) and training["budget_vnd"].fillna(0).sum():
        budget, spent = training["budget_vnd"].sum(), training["spent_vnd"].sum()
        cards.append(
            (
                t("train.card_spent", lang),
                fmt.percent(spent / budget * 100, lang, 1),
                t("unit.training_line", lang, spent=fmt.money(spent, lang), budget=fmt.money(budget, lang)),
            )
        )
    for column, (label, value, line) in zip(st.columns(max(len(cards), 1)), cards, strict=False):
        with column:
            kpi_card(label, value, lang=lang, lines=(line,))


def merged_from_lines(df: pd.DataFrame, lang: str) -> list[str]:
    """ "Được hợp nhất từ …": one line per unit merged into this one (recursively), its last day, the
    merger decision when imported, and the unit it went through when not straight into this one."""
    from ui import format as fmt
    from ui.labels import t

    lines = []
    for r in df.itertuples():
        decision = (
            ""
            if pd.isna(r.decision_no)
            else t("unit.merged_from_decision", lang, no=r.decision_no, date=fmt.day(r.decision_date))
        )
        via = "" if r.depth == 1 else t("unit.merged_from_via", lang, name=r.into_name)
        until = fmt.day(r.valid_to) if not pd.isna(r.valid_to) else "…"
        lines.append("- " + t("unit.merged_from_row", lang, name=r.name, until=until, decision=decision, via=via))
    return lines
