"""Cài đặt: the rules that change results, the lương cơ sở table, and who changed what."""

from __future__ import annotations

from datetime import date

import streamlit as st

from analytics.errors import SettingError
from analytics.policy import (
    Policy,
    base_salary_table,
    save_base_salary,
    save_setting,
    setting_changes,
    settings_table,
)
from ui import data, errors
from ui import format as fmt
from ui.auth import require_page
from ui.panel import data_table
from ui.session import lang, tr
from ui.views.settings import setting_input

L = lang()
user = require_page("settings", L)
st.title(tr("settings.title"))
st.caption(tr("settings.intro"))

table = data.run(settings_table)
in_use = dict(zip(table["key"], table["value"], strict=True))
with st.form("settings_form"):
    columns = st.columns(2)
    entered = {}
    for i, key in enumerate(in_use):
        with columns[i % 2]:
            entered[key] = setting_input(key, in_use[key], L)
    submitted = st.form_submit_button(tr("settings.save"), type="primary")
if submitted:
    changed = {k: v for k, v in entered.items() if (v.isoformat() if isinstance(v, date) else v) != in_use[k]}
    try:
        for key, value in changed.items():
            save_setting(data.connection(), key, value, user=user.username)
    except SettingError as exc:
        errors.show(exc, L)
    else:
        st.success(tr("settings.saved", n=len(changed)))

st.subheader(tr("settings.base_salary_title"))
salary = data.run(base_salary_table)
st.dataframe(
    {
        tr("col.valid_from"): salary["valid_from"].map(fmt.day),
        tr("col.amount"): salary["amount_vnd"].map(lambda v: fmt.money_exact(v, L)),
    },
    hide_index=True,
)
with st.form("base_salary_form"):
    c1, c2 = st.columns(2)
    valid_from = c1.date_input(tr("col.valid_from"), value=date(date.today().year, 7, 1), format="DD/MM/YYYY")
    amount = c2.number_input(tr("col.amount"), min_value=0, value=int(salary["amount_vnd"].iloc[-1]), step=10_000)
    if st.form_submit_button(tr("settings.base_salary_add")):
        try:
            save_base_salary(data.connection(), valid_from=valid_from, amount_vnd=int(amount), user=user.username)
        except SettingError as exc:
            errors.show(exc, L)
        else:
            st.success(tr("settings.saved", n=1))
            st.rerun()

st.subheader(tr("settings.history_title"))
changes = data.run(setting_changes)
if changes.empty:
    st.caption(tr("settings.history_empty"))
else:
    data_table(
        changes,
        (
            ("changed_at", "col.changed_at", "datetime"),
            ("changed_by", "col.changed_by", "text"),
            ("key", "col.setting", "text"),
            ("old_value", "col.old_value", "text"),
            ("new_value", "col.new_value", "text"),
        ),
        key="settings_history",
        lang=L,
        file_stem="lich-su-cai-dat",
    )
st.caption(tr("settings.defaults_note", n=len(Policy().as_dict())))
