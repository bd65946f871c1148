"""Who is using the app in this session (the login gate fills it; until then the OS account)."""

from __future__ import annotations

import getpass

import streamlit as st


def current_username() -> str:
    """The signed-in user's name, for history and audit rows."""
    user = st.session_state.get("user")
    if user is not None:
        return str(getattr(user, "username", user))
    return f"local:{getpass.getuser()}"
