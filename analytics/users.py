"""Accounts: user names, the password policy and hashes, and user management (admins and the CLI).

Password policy (``check_password_policy``): at least ``MIN_PASSWORD_CHARS`` (10) characters, not
the user name; error codes ``password_too_short``, ``password_is_username``, ``password_not_text``.

User management (``create_user``, ``set_password``, ``set_role``, ``disable_user``,
``enable_user``) takes ``by`` — the acting account, or ``os:<login>`` from the command line — and
writes a ``user_change`` audit row in the same transaction. The last active admin cannot be
disabled or demoted (``last_admin``). ``needs_first_admin`` / ``create_first_admin``: the start
screen when no active admin exists (there is no default account and no default password).

Logging in, sessions and throttling: ``analytics.auth`` (which re-exports this module's API, the
import path most callers use). ``HASHER`` lives here: tests swap it as ``analytics.users.HASHER``.
"""

from __future__ import annotations

import re
from typing import Any

import duckdb
import pandas as pd
from argon2 import PasswordHasher

from analytics import events, sql_files
from analytics.audit import record_in_transaction
from analytics.db import transaction
from analytics.errors import NotFound, OversightError
from analytics.roles import ROLES, User

# argon2id with argon2-cffi's defaults (RFC 9106 "low memory" profile: t=3, m=64 MiB, p=4),
# ~0.25 s a hash on the server. Tests swap in a cheaper hasher; hashes record their parameters,
# so old hashes keep verifying and are rehashed at the next login when the parameters change.
HASHER = PasswordHasher()
MIN_PASSWORD_CHARS = 10
USERNAME_RE = re.compile(r"[a-z0-9][a-z0-9._@-]{2,63}")  # same rule as the CHECK in schema.sql


class UserError(OversightError):
    """A user-management request was refused (bad name, weak password, unknown role or scope, …)."""

    code = "user_invalid"


# ---------------------------------------------------------------------------------------------
# Passwords
# ---------------------------------------------------------------------------------------------


def check_password_policy(*, username: str, password: str) -> None:
    """Raise UserError unless the password is acceptable for this user."""
    if not isinstance(password, str):
        raise UserError("password_not_text")
    if len(password) < MIN_PASSWORD_CHARS:
        raise UserError("password_too_short", min_chars=MIN_PASSWORD_CHARS)
    if password.strip().casefold() == username.strip().casefold():
        raise UserError("password_is_username")


def hash_password(password: str) -> str:
    """An argon2id hash (``$argon2id$v=19$m=…``) with a fresh salt."""
    return HASHER.hash(password)


# ---------------------------------------------------------------------------------------------
# Accounts
# ---------------------------------------------------------------------------------------------


def normalise_username(raw: str) -> str:
    """Lower-case, trimmed; UserError('username_invalid') unless 3-64 of a-z 0-9 . _ @ -."""
    name = raw.strip().lower() if isinstance(raw, str) else ""
    if not USERNAME_RE.fullmatch(name):
        raise UserError("username_invalid", username=raw if isinstance(raw, str) else None)
    return name


def _check_role(role: str) -> str:
    if role not in ROLES:
        raise UserError("role_unknown", role=role, allowed=list(ROLES))
    return role


def _check_scope(cur: duckdb.DuckDBPyConnection, scope_unit_code: str | None) -> str | None:
    if scope_unit_code is None:
        return None
    code = scope_unit_code.strip()
    found = cur.execute("SELECT count(*) FROM unit WHERE unit_code = $u", {"u": code}).fetchone()
    if not found or not found[0]:
        # A typo would give an account that silently sees nothing; units are imported first.
        raise UserError("scope_unknown", scope_unit_code=scope_unit_code)
    return code


def account_row(cur: duckdb.DuckDBPyConnection, username: str) -> dict[str, Any] | None:
    """The account (DuckDB) with its failed attempts and lock (SQLite, ``analytics.events``)."""
    rel = cur.execute(
        "SELECT username, display_name, password_hash, role, scope_unit_code, active FROM app_user WHERE username = $u",
        {"u": username},
    )
    names = [d[0] for d in rel.description]
    row = rel.fetchone()
    if not row:
        return None
    found = dict(zip(names, row, strict=True))
    with events.of(cur).reading() as ev:
        state = ev.execute(
            "SELECT failed_attempts, locked_until FROM login_state WHERE username = ?", (username,)
        ).fetchone()
    found["failed_attempts"], found["locked_until"] = state if state else (0, None)
    return found


# Failed attempts and locks live in SQLite (analytics/events.py); a new password or an enabled
# account starts again from zero.
CLEAR_LOGIN_STATE = "DELETE FROM login_state WHERE username = ?"


def _existing(cur: duckdb.DuckDBPyConnection, username: str) -> dict[str, Any]:
    row = account_row(cur, username)
    if row is None:
        raise NotFound("user_not_found", username=username)
    return row


def as_user(row: dict[str, Any]) -> User:
    return User(
        username=row["username"],
        display_name=row["display_name"],
        role=row["role"],
        scope_unit_code=row["scope_unit_code"],
    )


def _active_admins(cur: duckdb.DuckDBPyConnection) -> int:
    row = cur.execute("SELECT count(*) FROM app_user WHERE role = 'admin' AND active").fetchone()
    return int(row[0]) if row else 0


def create_user(
    con: duckdb.DuckDBPyConnection,
    *,
    username: str,
    password: str,
    role: str,
    scope_unit_code: str | None = None,
    display_name: str | None = None,
    by: str,
) -> User:
    """Add an active account (audited as user_change); UserError on a bad name/password/role/scope."""
    name = normalise_username(username)
    _check_role(role)
    check_password_policy(username=name, password=password)
    password_hash = hash_password(password)
    with transaction(con) as cur:
        return _insert_user(
            cur,
            name=name,
            password_hash=password_hash,
            role=role,
            scope_unit_code=scope_unit_code,
            display_name=display_name,
            by=by,
        )


def _insert_user(
    cur: duckdb.DuckDBPyConnection,
    *,
    name: str,
    password_hash: str,
    role: str,
    scope_unit_code: str | None,
    display_name: str | None,
    by: str,
) -> User:
    if account_row(cur, name) is not None:
        raise UserError("user_exists", username=name)
    scope = _check_scope(cur, scope_unit_code)
    display = display_name.strip() or None if display_name else None
    cur.execute(
        "INSERT INTO app_user (username, display_name, password_hash, role, scope_unit_code, created_by) "
        "VALUES ($u, $d, $h, $r, $s, $by)",
        {"u": name, "d": display, "h": password_hash, "r": role, "s": scope, "by": by},
    )
    record_in_transaction(
        cur,
        username=by,
        event="user_change",
        target=name,
        detail={"action": "create", "role": role, "scope_unit_code": scope},
    )
    return User(username=name, display_name=display, role=role, scope_unit_code=scope)


def needs_first_admin(con: duckdb.DuckDBPyConnection) -> bool:
    """True when no active admin exists: the app must ask for one before anything else."""
    return _active_admins(con.cursor()) == 0


def create_first_admin(
    con: duckdb.DuckDBPyConnection,
    *,
    username: str,
    password: str,
    display_name: str | None = None,
) -> User:
    """Create the first admin from the start screen; UserError('admin_exists') once one is active."""
    name = normalise_username(username)
    check_password_policy(username=name, password=password)
    password_hash = hash_password(password)
    with transaction(con) as cur:
        # Checked inside the transaction so that two first visitors cannot both become admin.
        if _active_admins(cur) > 0:
            raise UserError("admin_exists")
        return _insert_user(
            cur,
            name=name,
            password_hash=password_hash,
            role="admin",
            scope_unit_code=None,
            display_name=display_name,
            by="first_start",
        )


def set_password(con: duckdb.DuckDBPyConnection, *, username: str, password: str, by: str) -> None:
    """Replace the password, clear failed attempts and any lock (audited as user_change)."""
    name = normalise_username(username)
    check_password_policy(username=name, password=password)
    password_hash = hash_password(password)
    with transaction(con) as cur:
        _existing(cur, name)
        cur.execute(
            "UPDATE app_user SET password_hash = $h, password_changed_at = current_localtimestamp() "
            "WHERE username = $u",
            {"h": password_hash, "u": name},
        )
        with events.in_transaction(cur) as ev:
            ev.execute(CLEAR_LOGIN_STATE, (name,))
        record_in_transaction(cur, username=by, event="user_change", target=name, detail={"action": "set_password"})


def set_role(
    con: duckdb.DuckDBPyConnection,
    *,
    username: str,
    role: str,
    scope_unit_code: str | None,
    by: str,
) -> User:
    """Change an account's role and scope (None = whole city); the last active admin stays admin."""
    name = normalise_username(username)
    _check_role(role)
    with transaction(con) as cur:
        row = _existing(cur, name)
        scope = _check_scope(cur, scope_unit_code)
        if row["role"] == "admin" and row["active"] and role != "admin" and _active_admins(cur) <= 1:
            raise UserError("last_admin", username=name)
        cur.execute(
            "UPDATE app_user SET role = $r, scope_unit_code = $s WHERE username = $u",
            {"r": role, "s": scope, "u": name},
        )
        record_in_transaction(
            cur,
            username=by,
            event="user_change",
            target=name,
            detail={
                "action": "set_role",
                "role": role,
                "scope_unit_code": scope,
                "old_role": row["role"],
                "old_scope_unit_code": row["scope_unit_code"],
            },
        )
        return User(username=name, display_name=row["display_name"], role=role, scope_unit_code=scope)


def _set_active(con: duckdb.DuckDBPyConnection, *, username: str, active: bool, by: str) -> None:
    name = normalise_username(username)
    with transaction(con) as cur:
        row = _existing(cur, name)
        if not active and row["role"] == "admin" and row["active"] and _active_admins(cur) <= 1:
            raise UserError("last_admin", username=name)
        # Enabling also clears a lock: the admin has looked at the account.
        cur.execute("UPDATE app_user SET active = $a WHERE username = $u", {"a": active, "u": name})
        if active:
            with events.in_transaction(cur) as ev:
                ev.execute(CLEAR_LOGIN_STATE, (name,))
        record_in_transaction(
            cur, username=by, event="user_change", target=name, detail={"action": "enable" if active else "disable"}
        )


def disable_user(con: duckdb.DuckDBPyConnection, *, username: str, by: str) -> None:
    """Refuse further logins of the account (kept for the audit trail; never deleted)."""
    _set_active(con, username=username, active=False, by=by)


def enable_user(con: duckdb.DuckDBPyConnection, *, username: str, by: str) -> None:
    """Allow logins again and clear any lock."""
    _set_active(con, username=username, active=True, by=by)


def list_users(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """One row per account, never the hash: username, display_name, role, scope_unit_code, active,
    created_at, created_by, password_changed_at, failed_attempts, locked_until."""
    users = con.cursor().execute(sql_files.load("list_users")).fetchdf()
    with events.of(con).reading() as ev:
        states = dict(ev.execute("SELECT username, failed_attempts FROM login_state").fetchall())
        locks = dict(ev.execute("SELECT username, locked_until FROM login_state").fetchall())
    users["failed_attempts"] = users["username"].map(states).fillna(0).astype("int32")
    users["locked_until"] = users["username"].map(locks).astype("datetime64[us]")
    return users
