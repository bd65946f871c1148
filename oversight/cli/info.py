"""``info``: what the database holds — tables, row counts, batches and as-of dates, schema version."""

from __future__ import annotations

import argparse
import json

from analytics import store
from analytics.inventory import database_summary
from oversight.cli._common import add_db_argument, settings_from
from ui import format as fmt


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "info", help="tables, row counts, as-of dates and schema version", description="Print what the database holds."
    )
    add_db_argument(p)
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    settings = settings_from(args)
    with store.reading(settings) as con:
        summary = database_summary(con)
    summary["path"] = str(settings.db_path)
    if args.json:
        print(json.dumps(summary, ensure_ascii=False, indent=2, default=str))
        return 0
    print(f"Cơ sở dữ liệu: {summary['path']}  (phiên bản lược đồ {summary['schema_version']})")
    print(f"Dữ liệu mẫu: {'có' if summary['has_demo'] else 'không'}")
    print("Bảng / table                 số dòng   số liệu đến ngày")
    for table, count in summary["tables"].items():
        as_of = summary["as_of"].get(table) or ""
        print(f"  {table:<26} {fmt.number(count):>9}   {as_of}")
    return 0
