"""``batches``: list import batches, or undo one (restoring exactly what it replaced)."""

from __future__ import annotations

import argparse
import getpass

import pandas as pd

from analytics import store
from analytics.batches import list_batches, undo_batch
from oversight.cli._common import add_db_argument, settings_from


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("batches", help="các lô đã nhập: list | undo ID", description="Import batches: list, undo.")
    bs = p.add_subparsers(dest="action", required=True, metavar="ACTION")
    ls = bs.add_parser("list", help="liệt kê các lô")
    add_db_argument(ls)
    ls.set_defaults(func=run_list)
    un = bs.add_parser("undo", help="hoàn tác một lô")
    un.add_argument("batch_id", type=int, metavar="ID")
    un.add_argument("--user", default=None)
    add_db_argument(un)
    un.set_defaults(func=run_undo)


def run_list(args: argparse.Namespace) -> int:
    settings = settings_from(args)
    with store.reading(settings) as con:
        df = list_batches(con)
    print("Lô  loại  trạng thái  lúc                  người       số liệu đến  tệp / số dòng")
    for r in df.itertuples(index=False):
        as_of = r.as_of.strftime("%d/%m/%Y") if not pd.isna(r.as_of) else ""
        rows = r.rows_by_table if isinstance(r.rows_by_table, str) else ""
        print(
            f"{r.batch_id:<4}{r.kind:<6}{r.status:<12}{r.created_at:%d/%m/%Y %H:%M:%S}  {r.created_by:<11} "
            f"{as_of:<12} {r.files} {rows}"
        )
    return 0


def run_undo(args: argparse.Namespace) -> int:
    settings = settings_from(args)
    with store.reading(settings) as con:
        removed = undo_batch(con, args.batch_id, user=args.user or getpass.getuser())
    print(f"Đã hoàn tác lô {args.batch_id}: " + ", ".join(f"{t}: {n}" for t, n in removed.items() if n))
    return 0
