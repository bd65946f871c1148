"""Logging in and sessions: argon2id password checks with throttling, single sign-on, session ends.

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

Accounts, the password policy and user management: ``analytics.users``; its public names are
re-exported here, the import path the pages, the command line and the tests use.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache
from typing import Any

import duckdb
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from analytics import events, users
from analytics.audit import record
from analytics.db import transaction
from analytics.errors import OversightError
from analytics.roles import User
from analytics.users import (
    MIN_PASSWORD_CHARS,
    USERNAME_RE,
    UserError,
    account_row,
    as_user,
    check_password_policy,
    create_first_admin,
    create_user,
    disable_user,
    enable_user,
    hash_password,
    list_users,
    needs_first_admin,
    normalise_username,
    set_password,
    set_role,
)

__all__ = [
    "MIN_PASSWORD_CHARS",
    "SESSION_END_EVENTS",
    "USERNAME_RE",
    "AuthError",
    "AuthPolicy",
    "User",
    "UserError",
    "authenticate",
    "authenticate_external",
    "change_own_password",
    "check_password_policy",
    "create_first_admin",
    "create_user",
    "current_user",
    "disable_user",
    "enable_user",
    "end_session",
    "hash_password",
    "list_users",
    "needs_first_admin",
    "normalise_username",
    "session_expired",
    "set_password",
    "set_role",
]


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


@cache
def _dummy_hash(time_cost: int, memory_cost: int, parallelism: int) -> str:
    return PasswordHasher(time_cost=time_cost, memory_cost=memory_cost, parallelism=parallelism).hash(
        "dummy password for unknown users"
    )


def _verify(password_hash: str | None, password: Any) -> bool:
    """True when ``password`` matches; unknown users verify against a dummy hash (same cost)."""
    known = password_hash is not None
    if password_hash is None:
        password_hash = _dummy_hash(users.HASHER.time_cost, users.HASHER.memory_cost, users.HASHER.parallelism)
    candidate = password if isinstance(password, str) else ""
    try:
        ok: bool = users.HASHER.verify(password_hash, candidate)
    except (VerificationError, InvalidHashError):
        ok = False
    return ok and known


# Login bookkeeping lives in SQLite (analytics/events.py): a login must not publish the database.
_COUNT_FAILURE = (
    "INSERT INTO login_state (username, failed_attempts) VALUES (?, 1) "
    "ON CONFLICT (username) DO UPDATE SET failed_attempts = failed_attempts + 1 "
    "RETURNING failed_attempts"
)
_LOCK = "UPDATE login_state SET failed_attempts = 0, locked_until = ? WHERE username = ?"


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


def current_user(con: duckdb.DuckDBPyConnection, *, username: str) -> User:
    """The account as stored now (role or scope may have changed); AuthError if gone or disabled."""
    row = account_row(con.cursor(), username)
    if row is None:
        raise AuthError("login_failed")
    if not row["active"]:
        raise AuthError("user_disabled")
    return as_user(row)


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
    row = account_row(con.cursor(), typed) if USERNAME_RE.fullmatch(typed) else None
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
    new_hash = users.HASHER.hash(password) if users.HASHER.check_needs_rehash(row["password_hash"]) else None
    if new_hash is not None:  # rare (hash parameters changed): a DuckDB write, published
        with transaction(con) as cur:
            cur.execute("UPDATE app_user SET password_hash = $h WHERE username = $u", {"h": new_hash, "u": name})
    with events.of(con).writing() as ev:
        ev.execute(users.CLEAR_LOGIN_STATE, (name,))
        record(
            con,
            username=name,
            event="login_ok",
            at=now,
            detail={"method": "password", "rehashed": new_hash is not None},
        )
    return as_user(row)


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
    row = account_row(con.cursor(), typed) if USERNAME_RE.fullmatch(typed) else None
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
    return as_user(row)
