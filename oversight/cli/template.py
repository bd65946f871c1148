"""``template``: write the .xlsx import template of one kind of data."""

from __future__ import annotations

import argparse
from pathlib import Path

from analytics.ingest.kinds import KINDS
from analytics.ingest.template import build_template


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "template",
        help="tải mẫu nhập .xlsx cho một loại dữ liệu",
        description="Write the .xlsx import template of KIND.",
    )
    p.add_argument("kind", choices=list(KINDS), metavar="KIND", help=", ".join(KINDS))
    p.add_argument("--out", type=Path, required=True, metavar="FILE")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    args.out.write_bytes(build_template(args.kind))
    print(f"Đã ghi mẫu {args.kind}: {args.out}")
    return 0
