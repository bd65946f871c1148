"""``restore``: put a backup back, while the dashboard runs; open sessions switch to it.

The backup is checked by opening it first; the file it replaces is kept as
``<database>.before-restore``. Restoring waits for a running import like any other write.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from analytics import backup, store
from oversight.cli._common import add_db_argument, settings_from
from ui import format as fmt


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "restore",
        help="khôi phục từ bản sao lưu / restore a backup",
        description="Replace the database by FILE (a backup) and publish it; "
        "the replaced file is kept as <database>.before-restore.",
    )
    add_db_argument(p)
    p.add_argument("file", type=Path, metavar="FILE", help="a file written by 'backup'")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    settings = settings_from(args)
    done = backup.restore(store.open_store(settings.db_path, settings=settings), args.file)
    print(
        f"Đã khôi phục {args.file} → {settings.db_path} (phiên bản {done['version']}, "
        f"{fmt.number(done['rows'])} dòng); bản cũ giữ ở {settings.db_path.name}.before-restore."
    )
    return 0
