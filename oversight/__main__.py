"""Command line: ``oversight --help`` (installed), ``python -m oversight`` or ``python -m analytics``.

Subcommands are the modules of ``oversight/cli``; each documents itself in its --help. The command
line sits above the pure core (``analytics``) and uses the same text layer as the dashboard
(``ui.format``, ``ui.labels``: no Streamlit), so both print the same figures.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys

from analytics import store
from analytics.errors import OversightError
from oversight import cli
from oversight.cli._messages import exit_code, message, print_wait


def build_parser(prog: str = "oversight") -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=prog,
        description="Cơ sở dữ liệu giám sát sắp xếp bộ máy — Sở Nội vụ Cần Thơ. "
        "Restructuring-oversight database of Cần Thơ's Department of Home Affairs.",
        epilog="Database: --db PATH, else $OVERSIGHT_DB, else data/oversight.duckdb. "
        "A --db path that does not exist yet is created empty, with the schema.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for info in sorted(pkgutil.iter_modules(cli.__path__), key=lambda m: m.name):
        if not info.name.startswith("_"):  # _common and the like are helpers, not commands
            importlib.import_module(f"oversight.cli.{info.name}").register(sub)
    return parser


def main(argv: list[str] | None = None, *, prog: str = "oversight") -> int:
    parser = build_parser(prog)
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
