"""Local accounts: argon2id password hashes, login with throttling, user management.

How the app uses it (the Streamlit login page and gate are built on this; nothing here imports
Streamlit):

1. At start, ``needs_first_admin(con)``: when no active admin exists, show only a "create the
   administrator" form and call ``create_first_admin`` (it refuses once an admin exists, so two
   visitors cannot both do it). There is **no default account and no default password**.
2. The login form calls ``authenticate(con, username=…, password=…)``. It returns a ``User`` or
   raises ``AuthError`` with code ``login_failed`` (wrong password or unknown name — the page must
   not say which), ``login_locked`` (``params['locked_until']``) or ``user_disabled``. Every attempt
   is audited; the password never is.
3. Keep the ``User`` in the session with the time of the last request. On every rerun call
   ``current_user(con, username=…)`` (an account disabled or changed by an admin takes effect at
   once) and ``session_expired(last_seen=…, now=…)``; on expiry call ``end_session(…, reason="expired")``
   (audited ``session_expired``) and show the login again; on logout ``end_session(…, reason="logout")``.
4. Page gating and unit scope: ``analytics.access``.
5. Optional single sign-on: when an identity provider is configured in the app's secrets, the page
   calls ``st.login``, then ``authenticate_external(con, username=<e-mail>, provider="oidc")``:
   the provider vouches for the person, the ``app_user`` row (created by an admin) gives the role
   and scope. Without a matching active account the person gets no access.

Throttling: after ``AuthPolicy.max_failures`` wrong passwords in a row (default 5) the account is
locked for ``lock_minutes`` (default 15); during the lock even the right password is refused. An
unknown user name costs the same hash verification as a known one (a dummy hash), and is audited
with username NULL and only a fingerprint of the typed name — people type their password into the
name field. Tunables: ``AuthPolicy`` with ``OVERSIGHT_LOGIN_MAX_FAILURES``,
``OVERSIGHT_LOGIN_LOCK_MINUTES``, ``OVERSIGHT_SESSION_TIMEOUT_MINUTES``.

Password policy (``check_password_policy``): at least ``MIN_PASSWORD_CHARS`` (10) characters, not
the user name; error codes ``password_too_short``, ``password_is_username``, ``password_not_text``.

User management (``create_user``, ``set_password``, ``set_role``, ``disable_user``,
``enable_user``) takes ``by`` — the acting account, or ``os:<login>`` from the command line — and
writes a ``user_change`` audit row in the same transaction. The last active admin cannot be
disabled or demoted (``last_admin``).
"""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache
from typing import Any

import duckdb
import pandas as pd
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from analytics import events, sql_files
from analytics.audit import record, record_in_transaction
from analytics.db import transaction
from analytics.errors import NotFound, OversightError
from analytics.roles import ROLES, User

# argon2id with argon2-cffi's defaults (RFC 9106 "low memory" profile: t=3, m=64 MiB, p=4),
# ~0.25 s a hash on the server. Tests swap in a cheaper hasher; hashes record their parameters,
# so old hashes keep verifying and are rehashed at the next login when the parameters change.
HASHER = PasswordHasher()
MIN_PASSWORD_CHARS = 10
USERNAME_RE = re.compile(r"[a-z0-9][a-z0-9._@-]{2,63}")  # same rule as the CHECK in schema.sql


def _env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    return int(raw) if raw not in (None, "") else default


@dataclass(frozen=True)
class AuthPolicy:
    """Login throttling and session lifetime; ``from_env`` applies OVERSIGHT_* overrides."""

    max_failures: int = 5
    lock_minutes: int = 15
    session_timeout_minutes: int = 30

    @classmethod
    def from_env(cls) -> AuthPolicy:
        return cls(
            max_failures=_env_int("OVERSIGHT_LOGIN_MAX_FAILURES", cls.max_failures),
            lock_minutes=_env_int("OVERSIGHT_LOGIN_LOCK_MINUTES", cls.lock_minutes),
            session_timeout_minutes=_env_int("OVERSIGHT_SESSION_TIMEOUT_MINUTES", cls.session_timeout_minutes),
        )


class AuthError(OversightError):
    """A login was refused: login_failed, login_locked (params: locked_until) or user_disabled."""

    code = "login_failed"


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


@cache
def _dummy_hash(time_cost: int, memory_cost: int, parallelism: int) -> str:
    return PasswordHasher(time_cost=time_cost, memory_cost=memory_cost, parallelism=parallelism).hash(
        "dummy password for unknown users"
    )


def _verify(password_hash: str | None, password: Any) -> bool:
    """True when ``password`` matches; unknown users verify against a dummy hash (same cost)."""
    known = password_hash is not None
    if password_hash is None:
        password_hash = _dummy_hash(HASHER.time_cost, HASHER.memory_cost, HASHER.parallelism)
    candidate = password if isinstance(password, str) else ""
    try:
        ok: bool = HASHER.verify(password_hash, candidate)
    except (VerificationError, InvalidHashError):
        ok = False
    return ok and known


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


def _row(cur: duckdb.DuckDBPyConnection, username: str) -> dict[str, Any] | None:
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


# Login bookkeeping lives in SQLite (analytics/events.py): a login must not publish the database.
_COUNT_FAILURE = (
    "INSERT INTO login_state (username, failed_attempts) VALUES (?, 1) "
    "ON CONFLICT (username) DO UPDATE SET failed_attempts = failed_attempts + 1 "
    "RETURNING failed_attempts"
)
_LOCK = "UPDATE login_state SET failed_attempts = 0, locked_until = ? WHERE username = ?"
_CLEAR = "DELETE FROM login_state WHERE username = ?"


def _existing(cur: duckdb.DuckDBPyConnection, username: str) -> dict[str, Any]:
    row = _row(cur, username)
    if row is None:
        raise NotFound("user_not_found", username=username)
    return row


def _user(row: dict[str, Any]) -> User:
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
    if _row(cur, name) is not None:
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
            ev.execute(_CLEAR, (name,))
        record_in_transaction(cur, username=by, event="user_change", target=name, detail={"action": "set_password"})


def change_own_password(
    con: duckdb.DuckDBPyConnection,
    *,
    username: str,
    old_password: str,
    new_password: str,
    now: datetime | None = None,
) -> None:
    """A logged-in user changes their password: the old one is checked like a login."""
    user = authenticate(con, username=username, password=old_password, now=now)
    set_password(con, username=user.username, password=new_password, by=user.username)


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
                ev.execute(_CLEAR, (name,))
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


def current_user(con: duckdb.DuckDBPyConnection, *, username: str) -> User:
    """The account as stored now (role or scope may have changed); AuthError if gone or disabled."""
    row = _row(con.cursor(), username)
    if row is None:
        raise AuthError("login_failed")
    if not row["active"]:
        raise AuthError("user_disabled")
    return _user(row)


def session_expired(*, last_seen: datetime, now: datetime | None = None, policy: AuthPolicy | None = None) -> bool:
    """True when more than the session timeout has passed since the session's last request."""
    policy = policy or AuthPolicy.from_env()
    return (now or datetime.now()) - last_seen > timedelta(minutes=policy.session_timeout_minutes)


SESSION_END_EVENTS = {"logout": "logout", "expired": "session_expired"}


def end_session(
    con: duckdb.DuckDBPyConnection, *, username: str, reason: str, last_seen: datetime | None = None
) -> None:
    """Audit the end of a signed-in session: ``logout`` (the user asked) or ``expired`` (idle past
    the timeout; ``last_seen`` is the session's last request)."""
    if reason not in SESSION_END_EVENTS:
        raise ValueError(f"not a way a session ends: {reason!r}")
    record(
        con,
        username=username,
        event=SESSION_END_EVENTS[reason],
        detail={"last_seen": last_seen} if last_seen is not None else None,
    )


# ---------------------------------------------------------------------------------------------
# Login
# ---------------------------------------------------------------------------------------------


def authenticate(
    con: duckdb.DuckDBPyConnection,
    *,
    username: str,
    password: str,
    now: datetime | None = None,
    policy: AuthPolicy | None = None,
) -> User:
    """The account if the password is right and it is active and not locked; else AuthError.

    ``now`` (local time, like the database's timestamps) is for tests of the lock.
    """
    policy = policy or AuthPolicy.from_env()
    now = now or datetime.now()
    typed = username.strip().lower() if isinstance(username, str) else ""
    row = _row(con.cursor(), typed) if USERNAME_RE.fullmatch(typed) else None
    ok = _verify(row["password_hash"] if row else None, password)
    if row is None:
        # Only a fingerprint of the typed name: it may be a password typed into the wrong field.
        fingerprint = hashlib.sha256(typed.encode("utf-8")).hexdigest()[:16]
        record(
            con,
            username=None,
            event="login_failed",
            at=now,
            detail={"reason": "unknown_user", "username_sha256_16": fingerprint},
        )
        raise AuthError("login_failed")
    name = row["username"]
    locked_until = row["locked_until"]
    if locked_until is not None and now < locked_until:
        record(
            con,
            username=name,
            event="login_locked",
            at=now,
            detail={"locked_until": locked_until, "credentials_ok": ok},
        )
        raise AuthError("login_locked", locked_until=locked_until)
    if not ok:
        with events.of(con).writing() as ev:  # counter, lock and audit row commit together
            counted = ev.execute(_COUNT_FAILURE, (name,)).fetchone()
            attempts = int(counted[0]) if counted else 1
            lock_until = now + timedelta(minutes=policy.lock_minutes) if attempts >= policy.max_failures else None
            if lock_until is not None:
                ev.execute(_LOCK, (events.to_text(lock_until), name))
            record(
                con,
                username=name,
                event="login_failed",
                at=now,
                detail={"reason": "wrong_password", "attempt": attempts, "locked_until": lock_until},
            )
        if lock_until is not None:
            raise AuthError("login_locked", locked_until=lock_until)
        raise AuthError("login_failed")
    if not row["active"]:
        record(con, username=name, event="login_failed", at=now, detail={"reason": "user_disabled"})
        raise AuthError("user_disabled")
    new_hash = HASHER.hash(password) if HASHER.check_needs_rehash(row["password_hash"]) else None
    if new_hash is not None:  # rare (hash parameters changed): a DuckDB write, published
        with transaction(con) as cur:
            cur.execute("UPDATE app_user SET password_hash = $h WHERE username = $u", {"h": new_hash, "u": name})
    with events.of(con).writing() as ev:
        ev.execute(_CLEAR, (name,))
        record(
            con,
            username=name,
            event="login_ok",
            at=now,
            detail={"method": "password", "rehashed": new_hash is not None},
        )
    return _user(row)


def authenticate_external(
    con: duckdb.DuckDBPyConnection,
    *,
    username: str,
    provider: str,
    now: datetime | None = None,
) -> User:
    """Log in someone an identity provider (OIDC via ``st.login``) has already authenticated.

    The provider proves who the person is; role and scope still come from ``app_user`` — an admin
    creates the account first, named as the provider's e-mail or preferred user name (lower-cased).
    Unknown names give ``login_failed``, disabled accounts ``user_disabled``; both are audited.
    A lock set by failed password attempts does not apply (the password is not used).
    """
    now = now or datetime.now()
    typed = username.strip().lower() if isinstance(username, str) else ""
    row = _row(con.cursor(), typed) if USERNAME_RE.fullmatch(typed) else None
    if row is None:
        fingerprint = hashlib.sha256(typed.encode("utf-8")).hexdigest()[:16]
        record(
            con,
            username=None,
            event="login_failed",
            at=now,
            detail={"reason": "unknown_user", "method": provider, "username_sha256_16": fingerprint},
        )
        raise AuthError("login_failed")
    if not row["active"]:
        record(
            con,
            username=row["username"],
            event="login_failed",
            at=now,
            detail={"reason": "user_disabled", "method": provider},
        )
        raise AuthError("user_disabled")
    record(con, username=row["username"], event="login_ok", at=now, detail={"method": provider})
    return _user(row)
