"""``users``: local accounts — add, list, disable, enable, reset (new password, unlocks).

Passwords are never command-line arguments (they would stay in the shell history and in ``ps``):
they are asked twice with a hidden prompt, or read from the first line of standard input with
``--password-stdin`` for scripts. Every change is audited as ``user_change`` by ``os:<login>``.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from datetime import datetime

import pandas as pd

from analytics import auth, store
from analytics.access import ROLES
from analytics.errors import OversightError
from oversight.cli._common import add_db_argument, settings_from
from ui.labels import t  # role names as the Users page shows them


class PasswordInputError(OversightError):
    """The password could not be read or the two entries differ."""

    code = "password_input"


def os_actor() -> str:
    """The acting account recorded for command-line changes."""
    try:
        login = getpass.getuser()
    except (KeyError, OSError):  # no login name in a container: still record something honest
        login = "unknown"
    return f"os:{login}"


def read_password(args: argparse.Namespace) -> str:
    if args.password_stdin:
        line = sys.stdin.readline()
        password = line.rstrip("\r\n")
        if not password:
            raise PasswordInputError("password_input_empty")
        return password
    first = getpass.getpass("Mật khẩu / password: ")
    second = getpass.getpass("Nhập lại / repeat: ")
    if first != second:
        raise PasswordInputError("password_input_mismatch")
    return first


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "users",
        help="local accounts: add, list, disable, enable, reset",
        description="Quản lý tài khoản / manage local accounts. "
        "Passwords are read from a hidden prompt or --password-stdin, never from arguments.",
    )
    add_db_argument(p)
    actions = p.add_subparsers(dest="users_command", metavar="ACTION", required=True)

    add = actions.add_parser("add", help="create an account")
    add.add_argument("username")
    add.add_argument("--role", required=True, choices=ROLES)
    add.add_argument(
        "--scope", metavar="UNIT", default=None, help="unit code the account is limited to (default: the whole city)"
    )
    add.add_argument("--name", default=None, help="display name")
    add.add_argument("--password-stdin", action="store_true", help="read the password from standard input")
    add.set_defaults(func=run_add)

    lst = actions.add_parser("list", help="list accounts (never the password hashes)")
    lst.set_defaults(func=run_list)

    for name, func, text in (
        ("disable", run_disable, "refuse further logins"),
        ("enable", run_enable, "allow logins again (clears a lock)"),
    ):
        a = actions.add_parser(name, help=text)
        a.add_argument("username")
        a.set_defaults(func=func)

    reset = actions.add_parser("reset", help="set a new password and unlock")
    reset.add_argument("username")
    reset.add_argument("--password-stdin", action="store_true", help="read the password from standard input")
    reset.set_defaults(func=run_reset)
    # ``--db`` may also come after the action (``users list --db x``).
    for child in (add, lst, reset, *(actions.choices[n] for n in ("disable", "enable"))):
        child.add_argument("--db", metavar="PATH", default=argparse.SUPPRESS, help=argparse.SUPPRESS)


def run_add(args: argparse.Namespace) -> int:
    password = read_password(args)
    settings = settings_from(args)
    with store.reading(settings) as con:
        user = auth.create_user(
            con,
            username=args.username,
            password=password,
            role=args.role,
            scope_unit_code=args.scope,
            display_name=args.name,
            by=os_actor(),
        )
    scope = user.scope_unit_code or "toàn thành phố"
    print(f"Đã tạo tài khoản {user.username} — vai trò {t('role.' + user.role)}, phạm vi {scope}.")
    return 0


def run_list(args: argparse.Namespace) -> int:
    settings = settings_from(args)
    with store.reading(settings) as con:
        users = auth.list_users(con)
    if users.empty:
        print("Chưa có tài khoản nào. Tạo quản trị viên: python -m analytics users add TÊN --role admin")
        return 0
    print(f"{'Tài khoản':<20} {'Vai trò':<16} {'Phạm vi':<14} {'Trạng thái':<16} Họ tên")
    now = datetime.now()
    for row in users.itertuples(index=False):
        status = "hoạt động" if row.active else "vô hiệu hóa"
        if row.active and pd.notna(row.locked_until) and row.locked_until > now:
            status = f"khóa đến {row.locked_until:%H:%M}"
        scope = row.scope_unit_code if isinstance(row.scope_unit_code, str) else "toàn TP"
        name = row.display_name if isinstance(row.display_name, str) else ""
        print(f"{row.username:<20} {t('role.' + row.role):<16} {scope:<14} {status:<16} {name}")
    return 0


def _simple(args: argparse.Namespace, action: str) -> int:
    settings = settings_from(args)
    with store.reading(settings) as con:
        if action == "disable":
            auth.disable_user(con, username=args.username, by=os_actor())
        else:
            auth.enable_user(con, username=args.username, by=os_actor())
    print(f"Đã {'vô hiệu hóa' if action == 'disable' else 'kích hoạt lại'} tài khoản {args.username}.")
    return 0


def run_disable(args: argparse.Namespace) -> int:
    return _simple(args, "disable")


def run_enable(args: argparse.Namespace) -> int:
    return _simple(args, "enable")


def run_reset(args: argparse.Namespace) -> int:
    password = read_password(args)
    settings = settings_from(args)
    with store.reading(settings) as con:
        auth.set_password(con, username=args.username, password=password, by=os_actor())
    print(f"Đã đặt mật khẩu mới và mở khóa tài khoản {args.username}.")
    return 0
