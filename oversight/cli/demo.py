"""``demo``: load the deterministic demo city (one 'demo' batch), or remove it."""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable

from analytics import store
from analytics.batches import demo_batches, remove_demo
from analytics.demo import build_demo
from analytics.demo.national import build_national, scale_provinces
from oversight.cli._common import add_db_argument, settings_from
from oversight.cli.users import os_actor
from ui import format as fmt


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "demo",
        help="load the demo city (or remove it)",
        description="Nạp dữ liệu mẫu: Cần Thơ mới và lịch sử ba tỉnh, thành cũ. "
        "Load the deterministic demo city as one import batch of kind 'demo'.",
    )
    add_db_argument(p)
    p.add_argument("--seed", type=int, default=None, help="random seed (default: $OVERSIGHT_DEMO_SEED or 20250701)")
    p.add_argument("--force", action="store_true", help="remove an existing demo first")
    p.add_argument("--remove", action="store_true", help="only remove the demo")
    p.add_argument(
        "--scale",
        default="city",
        help="city (default), national (34 provinces) or N: the first N provinces, Cần Thơ first",
    )
    p.set_defaults(func=run)


def _print_rows(title: str, rows: dict[str, int]) -> None:
    print(title)
    for table, n in rows.items():
        print(f"  {table:<20} {fmt.number(n):>9}")


def _progress(started: float) -> Callable[[int, int, str], None]:
    """A one-line progress bar on stderr: provinces done, elapsed, estimated time left."""

    def show(done: int, total: int, name: str) -> None:
        elapsed = time.perf_counter() - started
        bar = "#" * (30 * done // total)
        left = elapsed / done * (total - done)
        sys.stderr.write(f"\r[{bar:<30}] {done}/{total} tỉnh, thành  {elapsed:4.0f} s  còn ≈ {left:4.0f} s  {name:<28}")
        if done == total:
            sys.stderr.write("\n")
        sys.stderr.flush()

    return show


def run(args: argparse.Namespace) -> int:
    settings = settings_from(args)
    with store.writing(settings) as con:
        print(f"Cơ sở dữ liệu: {settings.db_path}")
        if args.remove or args.force:
            if demo_batches(con):
                _print_rows("Đã xóa dữ liệu mẫu (số dòng xóa theo bảng):", remove_demo(con, user=os_actor()))
            elif args.remove:
                print("Không có dữ liệu mẫu để xóa.")
            if args.remove:
                return 0
        existing = demo_batches(con)
        if existing:
            print(
                f"Đã có dữ liệu mẫu (lô {', '.join(map(str, existing))}): không nạp lại. "
                "Dùng --force để xóa và nạp lại, --remove để xóa."
            )
            return 1
        seed = settings.demo_seed if args.seed is None else args.seed
        started = time.perf_counter()
        provinces = scale_provinces(args.scale)
        if provinces == 1 and args.scale == "city":
            rows = build_demo(con, seed=seed, user=os_actor())
        else:
            rows = build_national(con, provinces=provinces, seed=seed, user=os_actor(), progress=_progress(started))
        elapsed = time.perf_counter() - started
    _print_rows(f"Đã nạp dữ liệu mẫu (hạt giống {seed}), số dòng theo bảng:", rows)
    print(f"  {'tổng cộng':<20} {fmt.number(sum(rows.values())):>9}")
    print(f"Thời gian: {fmt.number(elapsed, 'vi', 1)} giây")
    return 0
