"""What the command line prints for an expected error: Vietnamese first, never a raw exception."""

from __future__ import annotations

import sys
from typing import Any

from analytics.errors import OversightError
from analytics.store import Holder

# What a writer is doing, as the lock file names it (the subcommand, or the dashboard's "write").
OPERATION_VI = {
    "import": "nhập dữ liệu",
    "batches:undo": "hoàn tác một lô",
    "undo": "hoàn tác một lô",
    "users": "sửa tài khoản",
    "demo": "nạp dữ liệu mẫu",
    "restore": "khôi phục",
    "write": "ghi dữ liệu",
}

_DB_MESSAGES = {
    "db_busy": "đang có một lần {op} khác (PID {pid}); đã chờ {seconds} giây mà chưa xong — hãy thử lại sau. "
    "/ another process is writing ({operation}); try again later.",
    "db_locked": "tệp {path} đang bị một chương trình khác mở để ghi (không qua kho dữ liệu của ứng dụng). "
    "/ another program holds the file open for writing.",
    "db_unreadable": "không mở được cơ sở dữ liệu {path}: {detail} / the database cannot be opened.",
    "db_not_ours": "tệp {path} không phải cơ sở dữ liệu của ứng dụng. / not this application's database.",
    "db_too_new": "cơ sở dữ liệu ở phiên bản lược đồ {version}, phần mềm này chỉ hiểu đến {supported}. "
    "/ the database is newer than this program.",
    "db_upgrade_failed": "nâng cấp lược đồ từ {version} lên {target} thất bại: {detail} / upgrade failed.",
}


def operation_vi(name: str) -> str:
    return OPERATION_VI.get(name) or OPERATION_VI.get(name.split(":")[0], "ghi dữ liệu")


def message(exc: OversightError) -> str:
    template = _DB_MESSAGES.get(exc.code)
    params: dict[str, Any] = dict(exc.params)
    if template is not None:
        params.setdefault("op", operation_vi(str(params.get("operation", "write"))))
        try:
            return f"Lỗi: {template.format(**params)}"
        except (KeyError, IndexError):
            pass
    detail = ", ".join(f"{k}={v}" for k, v in params.items())
    return f"Lỗi / error [{exc.code}]" + (f": {detail}" if detail else "")


def exit_code(exc: OversightError) -> int:
    """2: the input or the moment was wrong (try again, fix the file); 1: something else failed."""
    return 2 if exc.code.startswith("import_") or exc.code == "db_busy" else 1


def print_wait(holder: Holder, wait_s: float) -> None:
    """Told once when a write has to wait for another writer."""
    print(
        f"Đang có một lần {operation_vi(holder.operation)} khác (PID {holder.pid or '?'}, từ {holder.since}), "
        f"chờ tối đa {wait_s:.0f} giây… / another write is running, waiting up to {wait_s:.0f} s",
        file=sys.stderr,
        flush=True,
    )
