"""Login before anything is shown, the first admin account, sessions, and page checks.

The signed-in account lives in ``st.session_state["user"]`` (an ``analytics.auth.User``); on every
run it is re-read from the database (a disabled account or changed role takes effect at once) and
the session ends after ``AuthPolicy.session_timeout_minutes`` without activity. Passwords never
leave this module except into ``analytics.auth``.
"""

from __future__ import annotations

from datetime import datetime

import streamlit as st

from analytics import access
from analytics import auth as core
from analytics.errors import OversightError
from ui import data, errors, selfcheck
from ui.labels import t

USER_KEY, SEEN_KEY = "user", "user_last_seen"


def current_user() -> core.User | None:
    user = st.session_state.get(USER_KEY)
    return user if isinstance(user, core.User) else None


def current_username() -> str:
    """The signed-in user's name, for history and audit rows."""
    user = current_user()
    return user.username if user else "anonymous"


def _sign_in(user: core.User) -> None:
    st.session_state[USER_KEY] = user
    st.session_state[SEEN_KEY] = datetime.now()


def sign_out(reason: str = "logout") -> None:
    """End the session: ``logout`` and ``expired`` are audited (``analytics.auth.end_session``);
    ``revoked`` (the account was disabled or removed) was audited when an admin changed it."""
    user = current_user()
    if user is not None and reason in core.SESSION_END_EVENTS:
        core.end_session(
            data.connection(), username=user.username, reason=reason, last_seen=st.session_state.get(SEEN_KEY)
        )
    st.session_state.pop(USER_KEY, None)
    st.session_state.pop(SEEN_KEY, None)
    if identity_provider_configured() and st.user.is_logged_in:
        st.logout()


def gate(lang: str) -> core.User | None:
    """The signed-in account, or None after drawing the login (or first-admin) form."""
    con = data.connection()
    user = current_user()
    if user is not None:
        last_seen = st.session_state.get(SEEN_KEY) or datetime.now()
        if core.session_expired(last_seen=last_seen):
            sign_out("expired")
            st.info(t("auth.expired", lang), icon=":material/timer_off:")
        else:
            try:
                user = core.current_user(con, username=user.username)
            except OversightError:
                sign_out("revoked")
            else:
                _sign_in(user)
                return user
    if core.needs_first_admin(con):
        _first_admin_form(lang)
        return None
    if identity_provider_configured():
        user = _sso_user(lang)
        if user is not None:
            _sign_in(user)
            return user
    _login_form(lang)
    return None


def identity_provider_configured() -> bool:
    """True when .streamlit/secrets.toml has an [auth] section (OIDC through ``st.login``)."""
    return selfcheck.auth_secrets() is not None


def identity() -> str | None:
    """The name the identity provider vouches for (e-mail, else preferred user name), if signed in."""
    if not st.user.is_logged_in:
        return None
    name = st.user.get("email") or st.user.get("preferred_username")
    return str(name) if name else None


def _sso_user(lang: str) -> core.User | None:
    """The local account of someone the identity provider signed in; role and scope stay local."""
    name = identity()
    if name is None:
        return None
    try:
        return core.authenticate_external(data.connection(), username=name, provider="oidc")
    except OversightError as exc:
        errors.show(exc, lang)
        return None


def _login_form(lang: str) -> None:
    st.title(t("auth.login_title", lang))
    st.caption(t("app.title", lang))
    with st.form("login"):
        username = st.text_input(t("auth.username", lang), key="login_username")
        password = st.text_input(t("auth.password", lang), type="password", key="login_password")
        submitted = st.form_submit_button(t("auth.login", lang), type="primary")
    if identity_provider_configured():
        st.button(t("auth.sso", lang), on_click=st.login, key="login_sso", icon=":material/key:")
    if submitted:
        _sign_in_with_password(username, password, lang)


def _sign_in_with_password(username: str, password: str, lang: str, *, create_admin: str | None = None) -> None:
    """Check the password (creating the first admin first when asked) and start the session."""
    try:
        if create_admin is not None:
            core.create_first_admin(
                data.connection(), username=username, password=password, display_name=create_admin or None
            )
        user = core.authenticate(data.connection(), username=username, password=password)
    except OversightError as exc:
        errors.show(exc, lang)
    else:
        _sign_in(user)
        st.rerun()


def _first_admin_form(lang: str) -> None:
    st.title(t("auth.first_admin_title", lang))
    st.info(t("auth.first_admin_intro", lang), icon=":material/admin_panel_settings:")
    with st.form("first_admin"):
        username = st.text_input(t("auth.username", lang), key="admin_username")
        name = st.text_input(t("auth.display_name", lang), key="admin_name")
        password = st.text_input(t("auth.password", lang), type="password", key="admin_password")
        again = st.text_input(t("auth.password_again", lang), type="password", key="admin_password_again")
        submitted = st.form_submit_button(t("auth.create_admin", lang), type="primary")
    if submitted:
        if password != again:
            st.error(t("auth.passwords_differ", lang))
            return
        _sign_in_with_password(username, password, lang, create_admin=name)


def account_box(user: core.User, lang: str) -> None:
    """Who is signed in, their role and scope, and the sign-out button (sidebar)."""
    box = st.sidebar.container(border=True)
    scope = user.scope_unit_code or t("filter.all_units", lang)
    box.markdown(f"**{user.display_name or user.username}**  \n{t(f'role.{user.role}', lang)} · {scope}")
    if box.button(t("auth.logout", lang), key="logout", icon=":material/logout:"):
        sign_out()
        st.rerun()


def require_page(page_id: str, lang: str) -> core.User:
    """Stop the page (with a message) unless the signed-in account may see it; audited when denied."""
    user = current_user()
    try:
        access.require(data.connection(), user, page_id)
    except OversightError as exc:
        errors.show(exc, lang)
        st.stop()
    assert user is not None  # require() refuses a missing user
    return user
