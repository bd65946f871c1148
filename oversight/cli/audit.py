"""``audit``: print the audit log (newest first) or write it to a CSV file.

Writing the file is itself audited (``export`` by ``os:<login>``, with the file's SHA-256).
"""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from analytics import audit, safe_export, store
from oversight.cli._common import add_db_argument, settings_from
from oversight.cli.users import os_actor

CSV_HEADERS = {
    "event_id": "Mã sự kiện",
    "logged_at": "Thời điểm",
    "username": "Tài khoản",
    "event": "Sự kiện",
    "target": "Đối tượng",
    "detail": "Chi tiết",
}


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "audit",
        help="show or export the audit log",
        description="Nhật ký truy cập và thao tác / audit log, newest first.",
    )
    add_db_argument(p)
    p.add_argument(
        "--since", type=date.fromisoformat, default=None, metavar="YYYY-MM-DD", help="only events on or after this date"
    )
    p.add_argument("--user", default=None, help="only this account")
    p.add_argument("--event", default=None, choices=audit.EVENTS, help="only this event")
    p.add_argument("--limit", type=int, default=1000, help="at most this many rows (default 1000)")
    p.add_argument(
        "--csv", type=Path, default=None, metavar="FILE", help="write the rows to FILE (UTF-8 with BOM, opens in Excel)"
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    settings = settings_from(args)
    with store.reading(settings) as con:
        rows = audit.audit_events(con, since=args.since, username=args.user, event=args.event, limit=args.limit)
        if args.csv is not None:
            payload = safe_export.to_csv_bytes(rows, CSV_HEADERS)
            args.csv.write_bytes(payload)
            audit.record(
                con,
                username=os_actor(),
                event="export",
                target="audit_log",
                detail=safe_export.describe(payload, rows, fmt="csv"),
            )
    if args.csv is not None:
        print(f"Đã ghi {len(rows)} dòng nhật ký vào {args.csv}.")
        return 0
    if rows.empty:
        print("Nhật ký trống.")
        return 0
    print(f"{'#':>6}  {'Thời điểm':<19}  {'Tài khoản':<18} {'Sự kiện':<16} {'Đối tượng':<20} Chi tiết")
    for r in rows.itertuples(index=False):
        who = r.username if isinstance(r.username, str) else "-"
        target = r.target if isinstance(r.target, str) else ""
        detail = r.detail if isinstance(r.detail, str) else ""
        print(f"{r.event_id:>6}  {r.logged_at:%Y-%m-%d %H:%M:%S}  {who:<18} {r.event:<16} {target:<20} {detail}")
    return 0
