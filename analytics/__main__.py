"""Command line: ``python -m analytics --help``.

Subcommands are the modules of ``analytics/cli``; each documents itself in its --help.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys

from analytics import cli, store
from analytics.cli._messages import exit_code, message, print_wait
from analytics.errors import OversightError


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m analytics",
        description="Cơ sở dữ liệu giám sát sắp xếp bộ máy — Sở Nội vụ Cần Thơ. "
        "Restructuring-oversight database of Cần Thơ's Department of Home Affairs.",
        epilog="Database: --db PATH, else $OVERSIGHT_DB, else data/oversight.duckdb. "
        "A --db path that does not exist yet is created empty, with the schema.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for info in sorted(pkgutil.iter_modules(cli.__path__), key=lambda m: m.name):
        if not info.name.startswith("_"):  # _common and the like are helpers, not commands
            importlib.import_module(f"analytics.cli.{info.name}").register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    # A write that must wait for another process's write says so (in Vietnamese) and names this one.
    store.wait_notice = print_wait
    store.set_operation(":".join(str(v) for v in (args.command, getattr(args, "action", None)) if v))
    try:
        return int(args.func(args))
    except OversightError as exc:
        print(message(exc), file=sys.stderr)
        return exit_code(exc)


if __name__ == "__main__":
    sys.exit(main())
