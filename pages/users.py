"""Người dùng (admin): accounts, roles, unit scope; add, change, disable, reset a password."""

from __future__ import annotations

import streamlit as st

from analytics import auth as core
from analytics.access import ROLES
from analytics.errors import OversightError
from analytics.units import unit_list
from ui import data, errors
from ui.auth import require_page
from ui.panel import data_table
from ui.session import lang, tr

L = lang()
user = require_page("users", L)
st.title(tr("users.title"))
con = data.connection()

accounts = core.list_users(con)
data_table(
    accounts,
    (
        ("username", "auth.username", "text"),
        ("display_name", "auth.display_name", "text"),
        ("role", "users.role", "text"),
        ("scope_unit_code", "users.scope", "text"),
        ("active", "users.active", "text"),
        ("locked_until", "users.locked_until", "datetime"),
        ("password_changed_at", "users.password_changed", "datetime"),
    ),
    key="users",
    lang=L,
    file_stem="nguoi-dung",
)
units = data.run(unit_list)
scopes = [None, *units["unit_code"]]


def scope_label(code: str | None) -> str:
    return tr("filter.all_units") if code is None else f"{code}"


with st.form("user_add", clear_on_submit=True):
    st.subheader(tr("users.add_title"))
    c1, c2 = st.columns(2)
    username = c1.text_input(tr("auth.username"))
    name = c2.text_input(tr("auth.display_name"))
    role = c1.selectbox(tr("users.role"), ROLES, format_func=lambda r: tr(f"role.{r}"))
    scope = c2.selectbox(tr("users.scope"), scopes, format_func=scope_label)
    password = c1.text_input(tr("users.first_password"), type="password")
    if st.form_submit_button(tr("users.add"), type="primary"):
        try:
            core.create_user(
                con,
                username=username,
                password=password,
                role=role,
                scope_unit_code=scope,
                display_name=name or None,
                by=user.username,
            )
        except OversightError as exc:
            errors.show(exc, L)
        else:
            st.success(tr("users.saved"))
            st.rerun()

if len(accounts):
    st.subheader(tr("users.change_title"))
    who = st.selectbox(tr("auth.username"), list(accounts["username"]), key="users_pick")
    row = accounts.set_index("username").loc[who]
    c1, c2, c3 = st.columns(3)
    new_role = c1.selectbox(
        tr("users.role"), ROLES, index=ROLES.index(row["role"]), key="users_role", format_func=lambda r: tr(f"role.{r}")
    )
    current_scope = row["scope_unit_code"] if isinstance(row["scope_unit_code"], str) else None
    new_scope = c2.selectbox(
        tr("users.scope"), scopes, index=scopes.index(current_scope), key="users_scope", format_func=scope_label
    )
    new_password = c3.text_input(tr("users.new_password"), type="password", key="users_password")
    b1, b2, b3 = st.columns(3)
    try:
        if b1.button(tr("users.save_role"), key="users_save_role"):
            core.set_role(con, username=who, role=new_role, scope_unit_code=new_scope, by=user.username)
            st.rerun()
        if b2.button(tr("users.reset_password"), key="users_reset", disabled=not new_password):
            core.set_password(con, username=who, password=new_password, by=user.username)
            st.success(tr("users.saved"))
        active = bool(row["active"])
        if b3.button(tr("users.disable" if active else "users.enable"), key="users_toggle"):
            (core.disable_user if active else core.enable_user)(con, username=who, by=user.username)
            st.rerun()
    except OversightError as exc:
        errors.show(exc, L)
