"""``backup``: a consistent copy of the database, while the dashboard and imports run.

The copy is the newest published version (``analytics.store``; copied by ``analytics.backup``): complete and never written again,
so no lock is needed and nobody waits. It is checked by opening it before it takes its name.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from analytics import backup, events, store
from oversight.cli._common import add_db_argument, settings_from
from ui import format as fmt


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "backup",
        help="sao lưu cơ sở dữ liệu (khi ứng dụng đang chạy) / back up",
        description="Copy the newest published version of the database to FILE, checked by opening it.",
    )
    add_db_argument(p)
    p.add_argument("--out", type=Path, required=True, metavar="FILE", help="the backup file to write")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    settings = settings_from(args)
    done = backup.backup(store.open_store(settings.db_path, settings=settings), args.out)
    print(
        f"Đã sao lưu phiên bản {done['version']} → {args.out} ({fmt.number(done['bytes'] / 1e6, 'vi', 1)} MB, "
        f"{fmt.number(done['rows'])} dòng, lược đồ {done['schema_version']}); đã mở thử: tốt."
    )
    print(f"Nhật ký ({fmt.number(done['audit_rows'])} dòng) → {events.path_for(args.out)}")
    return 0
