"""Local accounts: argon2id hashes, password policy, login throttling, user management, CLI."""

from __future__ import annotations

import io
import json
from datetime import datetime, timedelta
from pathlib import Path
from typing import Literal

import duckdb
import pytest
from argon2 import PasswordHasher

from analytics import auth, db, users
from analytics.auth import AuthError, AuthPolicy, UserError
from analytics.errors import NotFound, OversightError
from oversight.__main__ import main
from tests.conftest import add_batch, audit_db

T0 = datetime(2026, 1, 5, 9, 0, 0)
GOOD = "mat-khau-dung-1"
POLICY = AuthPolicy(max_failures=5, lock_minutes=15, session_timeout_minutes=30)


@pytest.fixture(autouse=True)
def fast_hasher(monkeypatch: pytest.MonkeyPatch) -> None:
    """Cheap argon2id parameters so the file runs in seconds (the production ones are tested below)."""
    monkeypatch.setattr(users, "HASHER", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))


def _add(
    con: duckdb.DuckDBPyConnection,
    username: str = "lan",
    role: str = "analyst",
    password: str = GOOD,
    scope: str | None = None,
) -> auth.User:
    return auth.create_user(
        con,
        username=username,
        password=password,
        role=role,
        scope_unit_code=scope,
        display_name="Trần Thị Lan",
        by="test",
    )


def _audit(con: duckdb.DuckDBPyConnection) -> list[tuple]:
    return (
        audit_db(con)
        .execute("SELECT username, event, target, CAST(detail AS VARCHAR) FROM audit_log ORDER BY event_id")
        .fetchall()
    )


def _login(con: duckdb.DuckDBPyConnection, password: str, at: datetime, username: str = "lan") -> auth.User:
    return auth.authenticate(con, username=username, password=password, now=at, policy=POLICY)


# --- hashing --------------------------------------------------------------------------------------


def test_production_hash_is_argon2id_with_64_mib(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.undo()  # the real hasher, once
    h = auth.hash_password(GOOD)
    assert h.startswith("$argon2id$v=19$m=65536,t=3,p=4$")
    assert users.HASHER.verify(h, GOOD)
    assert auth.hash_password(GOOD) != h  # salted


def test_stored_hash_is_argon2id_and_never_listed(con: duckdb.DuckDBPyConnection) -> None:
    _add(con)
    [(stored,)] = con.execute("SELECT password_hash FROM app_user WHERE username = 'lan'").fetchall()
    assert stored.startswith("$argon2id$")
    users = auth.list_users(con)
    assert "password_hash" not in users.columns
    assert not users.astype(str).apply(lambda c: c.str.contains("argon2")).any().any()
    assert users.loc[0, "username"] == "lan" and users.loc[0, "role"] == "analyst"


# --- password policy and account validation -------------------------------------------------------

POLICY_CASES = [
    ("9 characters", "lan", "123456789", "password_too_short"),
    ("the user name, padded to 10", "lan_ngoc_ha", "lan_ngoc_ha", "password_is_username"),
    ("the user name in capitals", "lan_ngoc_ha", "LAN_NGOC_HA", "password_is_username"),
    ("exactly 10 characters", "lan", "1234567890", None),
    ("a Vietnamese passphrase", "lan", "mùa thu Hà Nội", None),
]


@pytest.mark.parametrize(("what", "username", "password", "code"), POLICY_CASES, ids=[c[0] for c in POLICY_CASES])
def test_password_policy(what: str, username: str, password: str, code: str | None) -> None:
    if code is None:
        auth.check_password_policy(username=username, password=password)
        return
    with pytest.raises(UserError) as err:
        auth.check_password_policy(username=username, password=password)
    assert err.value.code == code


BAD_ACCOUNTS = [
    ("name too short", {"username": "ab"}, "username_invalid"),
    ("name with a space", {"username": "tran lan"}, "username_invalid"),
    ("name with diacritics", {"username": "lân"}, "username_invalid"),
    ("unknown role", {"role": "boss"}, "role_unknown"),
    ("unknown scope unit", {"scope_unit_code": "KHONG_CO"}, "scope_unknown"),
    ("weak password", {"password": "short"}, "password_too_short"),
]


@pytest.mark.parametrize(("what", "change", "code"), BAD_ACCOUNTS, ids=[c[0] for c in BAD_ACCOUNTS])
def test_bad_accounts_are_refused_and_nothing_is_stored(
    con: duckdb.DuckDBPyConnection, what: str, change: dict, code: str
) -> None:
    kwargs = {"username": "lan", "password": GOOD, "role": "analyst", "scope_unit_code": None, "by": "test"} | change
    with pytest.raises(UserError) as err:
        auth.create_user(con, **kwargs)
    assert err.value.code == code
    assert con.execute("SELECT count(*) FROM app_user").fetchone() == (0,)
    assert audit_db(con).execute("SELECT count(*) FROM audit_log").fetchone() == (0,)


def test_user_names_are_trimmed_and_lower_cased_and_unique(con: duckdb.DuckDBPyConnection) -> None:
    assert _add(con, username="  Lan.Tran ").username == "lan.tran"
    with pytest.raises(UserError) as err:
        _add(con, username="LAN.TRAN")
    assert err.value.code == "user_exists"


def test_scope_must_be_a_known_unit(con: duckdb.DuckDBPyConnection) -> None:
    b = add_batch(con)
    con.execute(
        "INSERT INTO unit (unit_code, name, unit_type, level, batch_id) VALUES ('SNV', 'Sở Nội vụ', 'so_nganh', 'city', $b)",
        {"b": b},
    )
    assert _add(con, scope="SNV").scope_unit_code == "SNV"


def test_every_user_change_is_audited_without_the_password(con: duckdb.DuckDBPyConnection) -> None:
    _add(con, username="admin1", role="admin")
    _add(con)
    auth.set_password(con, username="lan", password="mat-khau-moi-2", by="admin1")
    auth.set_role(con, username="lan", role="viewer", scope_unit_code=None, by="admin1")
    auth.disable_user(con, username="lan", by="admin1")
    auth.enable_user(con, username="lan", by="admin1")
    rows = _audit(con)
    assert [(r[1], r[2], json.loads(r[3])["action"]) for r in rows] == [
        ("user_change", "admin1", "create"),
        ("user_change", "lan", "create"),
        ("user_change", "lan", "set_password"),
        ("user_change", "lan", "set_role"),
        ("user_change", "lan", "disable"),
        ("user_change", "lan", "enable"),
    ]
    assert [r[0] for r in rows[2:]] == ["admin1"] * 4
    text = repr(rows)
    assert GOOD not in text and "mat-khau-moi-2" not in text and "argon2" not in text


def test_unknown_user_cannot_be_changed(con: duckdb.DuckDBPyConnection) -> None:
    with pytest.raises(NotFound):
        auth.disable_user(con, username="nobody", by="test")


# --- first admin and the last admin ---------------------------------------------------------------


def test_first_admin_is_asked_for_until_an_active_admin_exists(con: duckdb.DuckDBPyConnection) -> None:
    assert auth.needs_first_admin(con)
    _add(con, role="analyst")
    assert auth.needs_first_admin(con)  # an analyst is not enough
    admin = auth.create_first_admin(con, username="quantri", password=GOOD, display_name="Quản trị")
    assert admin.role == "admin" and admin.scope_unit_code is None
    assert not auth.needs_first_admin(con)
    with pytest.raises(UserError) as err:
        auth.create_first_admin(con, username="intruder", password=GOOD)
    assert err.value.code == "admin_exists"
    assert con.execute("SELECT created_by FROM app_user WHERE username = 'quantri'").fetchone() == ("first_start",)


def test_no_default_account_exists(con: duckdb.DuckDBPyConnection) -> None:
    assert con.execute("SELECT count(*) FROM app_user").fetchone() == (0,)
    for name, password in [("admin", "admin"), ("admin", "admin123456"), ("root", "password123")]:
        with pytest.raises(AuthError):
            auth.authenticate(con, username=name, password=password, now=T0, policy=POLICY)


@pytest.mark.parametrize("change", ["disable", "demote"])
def test_the_last_active_admin_cannot_be_disabled_or_demoted(con: duckdb.DuckDBPyConnection, change: str) -> None:
    _add(con, username="admin1", role="admin")

    def act(name: str) -> None:
        if change == "disable":
            auth.disable_user(con, username=name, by="test")
        else:
            auth.set_role(con, username=name, role="analyst", scope_unit_code=None, by="test")

    with pytest.raises(UserError) as err:
        act("admin1")
    assert err.value.code == "last_admin"
    _add(con, username="admin2", role="admin")
    act("admin1")  # another admin remains
    assert not auth.needs_first_admin(con)


# --- login ----------------------------------------------------------------------------------------


def test_right_password_logs_in_and_is_audited(con: duckdb.DuckDBPyConnection) -> None:
    _add(con)
    user = _login(con, GOOD, T0)
    assert user == auth.User(username="lan", display_name="Trần Thị Lan", role="analyst", scope_unit_code=None)
    assert _audit(con)[-1][:2] == ("lan", "login_ok")
    assert audit_db(con).execute("SELECT logged_at FROM audit_log WHERE event = 'login_ok'").fetchone() == (T0,)


def test_user_name_is_case_insensitive_at_login(con: duckdb.DuckDBPyConnection) -> None:
    _add(con)
    assert _login(con, GOOD, T0, username=" LAN ").username == "lan"


def test_wrong_password_is_refused_counted_and_audited(con: duckdb.DuckDBPyConnection) -> None:
    _add(con)
    with pytest.raises(AuthError) as err:
        _login(con, "mat-khau-sai-9", T0)
    assert err.value.code == "login_failed" and isinstance(err.value, OversightError)
    username, event, _, detail = _audit(con)[-1]
    assert (username, event) == ("lan", "login_failed")
    assert json.loads(detail) == {"attempt": 1, "locked_until": None, "reason": "wrong_password"}
    assert audit_db(con).execute("SELECT failed_attempts FROM login_state").fetchone() == (1,)
    assert auth.list_users(con)["failed_attempts"].tolist() == [1]


def test_unknown_user_is_refused_like_a_wrong_password(
    con: duckdb.DuckDBPyConnection, monkeypatch: pytest.MonkeyPatch
) -> None:
    verified: list[str] = []

    class CountingHasher(PasswordHasher):
        def verify(self, hash: str | bytes, password: str | bytes) -> Literal[True]:  # noqa: A002 argon2's names
            verified.append(str(hash))
            return super().verify(hash, password)

    monkeypatch.setattr(users, "HASHER", CountingHasher(time_cost=1, memory_cost=1024, parallelism=1))
    typed = "MyPassword-typed-as-name"
    with pytest.raises(AuthError) as err:
        auth.authenticate(con, username=typed, password="whatever-123", now=T0, policy=POLICY)
    assert err.value.code == "login_failed"
    assert len(verified) == 1 and verified[0].startswith("$argon2id$")  # same work as for a known user
    username, event, _, detail = _audit(con)[-1]
    assert (username, event) == (None, "login_failed")
    assert typed.lower() not in detail and typed not in detail
    assert json.loads(detail)["reason"] == "unknown_user"


def test_five_failures_lock_the_account_until_the_lock_expires(con: duckdb.DuckDBPyConnection) -> None:
    _add(con)
    codes = []
    for i in range(5):
        with pytest.raises(AuthError) as err:
            _login(con, f"sai-mat-khau-{i}", T0 + timedelta(seconds=i))
        codes.append(err.value.code)
    assert codes == ["login_failed"] * 4 + ["login_locked"]
    locked_until = T0 + timedelta(seconds=4, minutes=15)
    assert err.value.params == {"locked_until": locked_until}
    # The right password is refused while locked, and that attempt is audited too.
    with pytest.raises(AuthError) as err:
        _login(con, GOOD, locked_until - timedelta(seconds=1))
    assert err.value.code == "login_locked"
    assert _audit(con)[-1][1] == "login_locked"
    # Once the lock has expired the right password works and the counter starts again.
    assert _login(con, GOOD, locked_until).username == "lan"
    assert audit_db(con).execute("SELECT count(*) FROM login_state").fetchone() == (0,)
    assert auth.list_users(con)[["failed_attempts", "locked_until"]].isna().values.tolist() == [[False, True]]


def test_a_success_resets_the_failure_count(con: duckdb.DuckDBPyConnection) -> None:
    _add(con)
    for _ in range(2):
        for i in range(4):
            with pytest.raises(AuthError) as err:
                _login(con, "sai-mat-khau-x", T0 + timedelta(seconds=i))
            assert err.value.code == "login_failed"
        _login(con, GOOD, T0 + timedelta(seconds=5))  # 4 + 4 failures, never 5 in a row


def test_failures_during_a_lock_do_not_extend_it(con: duckdb.DuckDBPyConnection) -> None:
    _add(con)
    for _ in range(5):
        with pytest.raises(AuthError):
            _login(con, "sai-mat-khau-x", T0)
    for minute in (1, 10, 14):
        with pytest.raises(AuthError) as err:
            _login(con, "sai-mat-khau-x", T0 + timedelta(minutes=minute))
        assert err.value.code == "login_locked"
    assert _login(con, GOOD, T0 + timedelta(minutes=15)).username == "lan"


def test_lock_settings_come_from_the_policy(con: duckdb.DuckDBPyConnection, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OVERSIGHT_LOGIN_MAX_FAILURES", "2")
    monkeypatch.setenv("OVERSIGHT_LOGIN_LOCK_MINUTES", "1")
    assert AuthPolicy.from_env() == AuthPolicy(max_failures=2, lock_minutes=1, session_timeout_minutes=30)
    _add(con)
    with pytest.raises(AuthError):
        auth.authenticate(con, username="lan", password="sai-mat-khau", now=T0)
    with pytest.raises(AuthError) as err:
        auth.authenticate(con, username="lan", password="sai-mat-khau", now=T0)
    assert err.value.code == "login_locked"
    assert err.value.params["locked_until"] == T0 + timedelta(minutes=1)


def test_reset_password_unlocks(con: duckdb.DuckDBPyConnection) -> None:
    _add(con)
    for _ in range(5):
        with pytest.raises(AuthError):
            _login(con, "sai-mat-khau-x", T0)
    auth.set_password(con, username="lan", password="mat-khau-moi-2", by="admin")
    assert _login(con, "mat-khau-moi-2", T0 + timedelta(minutes=1)).username == "lan"
    with pytest.raises(AuthError):
        _login(con, GOOD, T0 + timedelta(minutes=2))  # the old password is gone


def test_disabled_user_is_refused(con: duckdb.DuckDBPyConnection) -> None:
    _add(con)
    auth.disable_user(con, username="lan", by="admin")
    with pytest.raises(AuthError) as err:
        _login(con, GOOD, T0)
    assert err.value.code == "user_disabled"
    with pytest.raises(AuthError) as err:
        _login(con, "sai-mat-khau-x", T0)
    assert err.value.code == "login_failed"  # a wrong password does not reveal that the account is disabled
    with pytest.raises(AuthError) as err:
        auth.current_user(con, username="lan")  # a session opened before is ended at its next request
    assert err.value.code == "user_disabled"
    auth.enable_user(con, username="lan", by="admin")
    assert _login(con, GOOD, T0).username == "lan"


def test_current_user_follows_role_changes(con: duckdb.DuckDBPyConnection) -> None:
    _add(con, username="admin1", role="admin")
    _add(con)
    auth.set_role(con, username="lan", role="viewer", scope_unit_code=None, by="admin1")
    assert auth.current_user(con, username="lan").role == "viewer"


def test_change_own_password_needs_the_old_one(con: duckdb.DuckDBPyConnection) -> None:
    _add(con)
    with pytest.raises(AuthError):
        auth.change_own_password(
            con, username="lan", old_password="sai-mat-khau-x", new_password="mat-khau-moi-2", now=T0
        )
    auth.change_own_password(con, username="lan", old_password=GOOD, new_password="mat-khau-moi-2", now=T0)
    assert _login(con, "mat-khau-moi-2", T0).username == "lan"


def test_hash_is_upgraded_at_login_when_parameters_change(
    con: duckdb.DuckDBPyConnection, monkeypatch: pytest.MonkeyPatch
) -> None:
    _add(con)
    monkeypatch.setattr(users, "HASHER", PasswordHasher(time_cost=2, memory_cost=2048, parallelism=1))
    _login(con, GOOD, T0)
    [(stored,)] = con.execute("SELECT password_hash FROM app_user").fetchall()
    assert "$m=2048,t=2,p=1$" in stored
    assert _login(con, GOOD, T0).username == "lan"


@pytest.mark.parametrize(("idle_minutes", "expired"), [(29, False), (30, False), (31, True)])
def test_session_timeout(idle_minutes: int, expired: bool) -> None:
    assert auth.session_expired(last_seen=T0, now=T0 + timedelta(minutes=idle_minutes), policy=POLICY) is expired


# --- command line ---------------------------------------------------------------------------------


def _cli(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], args: list[str], stdin: str = ""
) -> tuple[int, str]:
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    code = main(args)
    out = capsys.readouterr()
    return code, out.out + out.err


def test_cli_add_with_password_stdin_then_list(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = str(tmp_path / "cli.duckdb")
    code, out = _cli(
        monkeypatch,
        capsys,
        ["users", "--db", path, "add", "Lan", "--role", "analyst", "--name", "Trần Thị Lan", "--password-stdin"],
        stdin=GOOD + "\n",
    )
    assert code == 0 and "lan" in out
    code, out = _cli(monkeypatch, capsys, ["users", "list", "--db", path])
    assert code == 0
    assert "lan" in out and "Trần Thị Lan" in out and "Chuyên viên" in out
    assert "argon2" not in out and GOOD not in out
    con = db.connect(path)
    try:
        assert auth.authenticate(con, username="lan", password=GOOD, now=T0, policy=POLICY).role == "analyst"
        actor = audit_db(con).execute("SELECT username FROM audit_log WHERE event = 'user_change'").fetchone()[0]
    finally:
        con.close()
    assert actor.startswith("os:")


def test_cli_reset_disable_enable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = str(tmp_path / "cli.duckdb")
    _cli(
        monkeypatch, capsys, ["users", "--db", path, "add", "lan", "--role", "viewer", "--password-stdin"], GOOD + "\n"
    )
    assert (
        _cli(monkeypatch, capsys, ["users", "--db", path, "reset", "lan", "--password-stdin"], "mat-khau-moi-2\n")[0]
        == 0
    )
    assert _cli(monkeypatch, capsys, ["users", "--db", path, "disable", "lan"])[0] == 0
    con = db.connect(path)
    try:
        with pytest.raises(AuthError) as err:
            auth.authenticate(con, username="lan", password="mat-khau-moi-2", now=T0, policy=POLICY)
        assert err.value.code == "user_disabled"
    finally:
        con.close()
    assert _cli(monkeypatch, capsys, ["users", "--db", path, "enable", "lan"])[0] == 0
    con = db.connect(path)
    try:
        assert (
            auth.authenticate(con, username="lan", password="mat-khau-moi-2", now=T0, policy=POLICY).username == "lan"
        )
        actions = [
            json.loads(d)["action"]
            for (d,) in audit_db(con)
            .execute("SELECT CAST(detail AS VARCHAR) FROM audit_log WHERE event = 'user_change' ORDER BY event_id")
            .fetchall()
        ]
    finally:
        con.close()
    assert actions == ["create", "set_password", "disable", "enable"]


def test_cli_refuses_a_weak_password_and_never_takes_one_as_argument(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = str(tmp_path / "cli.duckdb")
    code, out = _cli(
        monkeypatch, capsys, ["users", "--db", path, "add", "lan", "--role", "viewer", "--password-stdin"], "ngan\n"
    )
    assert code == 1 and "password_too_short" in out
    with pytest.raises(SystemExit):
        main(["users", "--db", path, "add", "lan", "--role", "viewer", "--password", GOOD])


# --- single sign-on -------------------------------------------------------------------------------


def test_external_login_uses_the_local_account_for_role_and_scope(con: duckdb.DuckDBPyConnection) -> None:
    _add(con, username="lan@cantho.gov.vn", role="viewer")
    user = auth.authenticate_external(con, username="Lan@CanTho.gov.vn", provider="oidc", now=T0)
    assert (user.username, user.role, user.scope_unit_code) == ("lan@cantho.gov.vn", "viewer", None)
    assert _audit(con)[-1][:2] == ("lan@cantho.gov.vn", "login_ok")
    assert json.loads(_audit(con)[-1][3]) == {"method": "oidc"}


@pytest.mark.parametrize(
    ("who", "code"), [("stranger@example.com", "login_failed"), ("lan@cantho.gov.vn", "user_disabled")]
)
def test_external_login_without_an_active_account_is_refused(
    con: duckdb.DuckDBPyConnection, who: str, code: str
) -> None:
    _add(con, username="admin1", role="admin")
    _add(con, username="lan@cantho.gov.vn", role="analyst")
    auth.disable_user(con, username="lan@cantho.gov.vn", by="admin1")
    with pytest.raises(AuthError) as err:
        auth.authenticate_external(con, username=who, provider="oidc", now=T0)
    assert err.value.code == code
    assert _audit(con)[-1][1] == "login_failed"
    assert "stranger" not in repr(_audit(con))
