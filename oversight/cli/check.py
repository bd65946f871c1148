"""``check``: health for monitoring — exit 0 when healthy, 1 with what is wrong.

Checks: the database opens; its schema is the current version; the events file (audit log) passes
SQLite's quick_check; the newest import (not the demo)
is at most ``OVERSIGHT_CHECK_MAX_IMPORT_AGE_DAYS`` old; the disk keeps ``OVERSIGHT_CHECK_MIN_FREE_MB``
free (and at least twice the database).
"""

from __future__ import annotations

import argparse
import json
from dataclasses import asdict

from analytics import health, store
from oversight.cli._common import add_db_argument, settings_from

WORDS = {
    "db_opens": "mở được cơ sở dữ liệu {path} (phiên bản đã công bố {version})",
    "db_missing": "không có tệp cơ sở dữ liệu {path}",
    "db_unreadable": "không mở được cơ sở dữ liệu {path}: {detail}",
    "db_busy": "đang chờ một lần ghi khác quá lâu",
    "schema_current": "lược đồ phiên bản {version} (mới nhất)",
    "schema_old": "lược đồ phiên bản {version}, phần mềm cần {latest}",
    "events_ok": "nhật ký hệ thống {path}: {rows} dòng, tệp nguyên vẹn",
    "events_bad": "nhật ký hệ thống hỏng hoặc không mở được: {detail}",
    "import_recent": "lần nhập gần nhất {at}, cách đây {days} ngày (tối đa {max_days})",
    "import_old": "lần nhập gần nhất {at}, đã {days} ngày (quá {max_days} ngày)",
    "import_none": "chưa có lần nhập dữ liệu thật nào (chỉ có dữ liệu mẫu hoặc trống)",
    "disk_ok": "đĩa còn trống {free_mb} MB (cần ít nhất {min_mb} MB)",
    "disk_low": "đĩa chỉ còn trống {free_mb} MB, cần ít nhất {min_mb} MB",
}


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "check",
        help="kiểm tra sức khỏe (giám sát) / health check for monitoring",
        description="Exit 0 when healthy, 1 listing what is wrong.",
    )
    add_db_argument(p)
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.set_defaults(func=run)


def _words(c: health.Check) -> str:
    try:
        return WORDS[c.code].format(**c.params)
    except KeyError:
        return f"{c.code} {c.params}"


def run(args: argparse.Namespace) -> int:
    settings = settings_from(args)
    found = health.checks(store.open_store(settings.db_path, settings=settings))
    healthy = all(c.ok for c in found)
    if args.json:
        print(json.dumps({"healthy": healthy, "checks": [asdict(c) for c in found]}, ensure_ascii=False, default=str))
    else:
        for c in found:
            print(f"{'TỐT ' if c.ok else 'LỖI '} {c.name:<12} {_words(c)}")
    return 0 if healthy else 1
