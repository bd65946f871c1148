"""Theo dõi báo cáo: who has sent what for a reporting period (sent / late / with errors / returned /
missing), the list of units still to chase with a reminder text each, and (admin) opening a period."""

from __future__ import annotations

from datetime import date

import streamlit as st

from analytics import reporting
from analytics.access import can_do
from analytics.errors import OversightError
from ui import data, errors, filters
from ui import format as fmt
from ui.auth import require_page
from ui.cards import kpi_card
from ui.labels import code
from ui.panel import data_table, empty_state
from ui.session import lang, tr
from ui.views import reporting as view

L = lang()
user = require_page("tracker", L)
st.title(tr("rep.tracker_title"))
st.caption(tr("rep.tracker_intro"))

if can_do(user, "manage_periods"):
    with st.expander(tr("rep.period_form"), icon=":material/event:"), st.form("rep_period_form"):
        c1, c2, c3 = st.columns(3)
        kind = c1.selectbox(
            tr("rep.period_kind"), reporting.PERIOD_KINDS, format_func=lambda k: code(k, L), key="rep_period_kind"
        )
        year = c2.number_input(
            tr("rep.period_year"),
            min_value=2000,
            max_value=2100,
            value=date.today().year,
            step=1,
            key="rep_period_year",
        )
        number = c3.number_input(
            tr("rep.period_number"), min_value=1, max_value=12, value=1, step=1, key="rep_period_number"
        )
        kinds = st.multiselect(
            tr("rep.period_kinds"),
            reporting.REPORTED_KINDS,
            default=["quota"],
            format_func=lambda k: code(k, L),
            key="rep_period_kinds",
        )
        due_cols = st.columns(3)
        due = {
            k: due_cols[i % 3].date_input(
                tr("rep.due_for", kind=code(k, L)), value=None, format="DD/MM/YYYY", key=f"rep_due_{k}"
            )
            for i, k in enumerate(reporting.REPORTED_KINDS)
        }
        if st.form_submit_button(tr("rep.period_save"), type="primary"):
            try:
                picked: dict[str, date] = {k: d for k in kinds if (d := due[k]) is not None}
                if len(picked) < len(kinds):
                    raise reporting.ReportingError("period_due_missing")
                saved = reporting.save_period(
                    data.connection(), kind=kind, year=int(year), number=int(number), due=picked, user=user.username
                )
            except OversightError as exc:
                errors.show(exc, L)
            else:
                st.success(tr("rep.period_saved", period=view.period_label(saved, L)))

c1, c2 = st.columns(2)
period = filters.period_picker(c1, L, label=lambda p: view.period_label(p, L), key="rep_period")
if period is None:
    empty_state("rep.no_period", L)
    st.stop()
today = c2.date_input(tr("rep.today"), value=date.today(), format="DD/MM/YYYY", key="rep_today")
df = view.tracker_frame(data.run(reporting.submissions_by_unit, period_id=period, today=today, scope=None), L)
counts = reporting.tracker_summary(df)
st.caption(
    tr(
        "rep.tracker_counts",
        units=fmt.number(counts["units"], L),
        pairs=fmt.number(counts["pairs"], L),
        waiting=fmt.number(counts["awaiting_review"], L),
    )
)
for column, status in zip(st.columns(len(view.CARDS)), view.CARDS, strict=True):
    with column:
        kpi_card(view.status_label(status, L), fmt.number(counts[status], L), lang=L)

st.subheader(tr("rep.table_title"))
data_table(df, view.TRACKER_SPEC, key="rep_tracker", lang=L, file_stem=f"theo-doi-bao-cao-{period}")

st.subheader(tr("rep.missing_title"))
missing = reporting.units_missing(df)
if missing.empty:
    st.success(tr("rep.none_missing"), icon=":material/check_circle:")
    st.stop()
data_table(missing, view.MISSING_SPEC, key="rep_missing", lang=L, file_stem=f"don-vi-chua-gui-{period}")
names = dict(zip(missing["unit_code"], missing["name"], strict=False))
unit = st.selectbox(tr("rep.remind_unit"), list(names), format_func=lambda u: names[u], key="rep_remind_unit")
st.code(
    view.reminder(names[unit], missing[missing["unit_code"] == unit], period, today, L), language=None, wrap_lines=True
)
st.caption(tr("rep.remind_copy"))
letters = "\n\n" + "-" * 40 + "\n\n"
st.download_button(
    tr("rep.remind_all", n=fmt.number(len(names), L)),
    letters.join(
        view.reminder(n, missing[missing["unit_code"] == u], period, today, L) for u, n in names.items()
    ).encode("utf-8"),
    file_name=f"nhac-bao-cao-{period}.txt",
    mime="text/plain",
    key="rep_remind_all",
    icon=":material/download:",
)
