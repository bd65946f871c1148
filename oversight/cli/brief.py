"""``brief``: export the briefing deck to PDF or PowerPoint (``--out deck.pdf|deck.pptx``).

The deck's DATA comes from ``analytics.briefing``; drawing it needs Plotly, kaleido and Chromium.
This command runs the exporter (``oversight/cli/_deck.py``, over ``ui.briefing``) as a separate
process with the same arguments — so the other commands never load Plotly or start Chromium, and a
crash of the browser cannot take the command line with it — and returns its exit code. The exporter
records the ``export`` audit row.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from datetime import date
from pathlib import Path

from oversight.cli._common import add_db_argument
from oversight.cli.users import os_actor

ROOT = Path(__file__).resolve().parent.parent.parent  # the folder holding the oversight package


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "brief",
        help="export the briefing deck (PDF, PPTX, PNG per slide)",
        description="Xuất bộ trình chiếu giao ban ra PDF hoặc PowerPoint. Export the briefing deck.",
    )
    add_db_argument(p)
    p.add_argument("--out", required=True, metavar="FILE", help="deck.pdf, deck.pptx or deck.png (one PNG per slide)")
    p.add_argument(
        "--as-of", metavar="YYYY-MM-DD", type=date.fromisoformat, default=None, help="cut-off date (default: today)"
    )
    p.add_argument("--unit", metavar="CODE", default=None, help="unit code of the scope (default: the city)")
    p.add_argument("--lang", choices=("vi", "en"), default="vi")
    p.add_argument("--theme", choices=("light", "dark"), default="light")
    p.add_argument("--snapshot", metavar="ID", type=int, default=None, help="brief from a frozen snapshot")
    p.add_argument("--compare", metavar="ID", type=int, default=None, help="add a comparison with a snapshot")
    p.add_argument("--user", default=None, help="name recorded in the audit log (default: os:<login>)")
    p.set_defaults(func=run)


def command(args: argparse.Namespace) -> list[str]:
    """The exporter's command line for these arguments."""
    cmd = [
        sys.executable,
        "-m",
        "oversight.cli._deck",
        "--out",
        str(Path(args.out).resolve()),
        "--lang",
        args.lang,
        "--theme",
        args.theme,
        "--user",
        args.user or os_actor(),
    ]
    for flag, value in (
        ("--db", args.db),
        ("--as-of", args.as_of),
        ("--unit", args.unit),
        ("--snapshot", args.snapshot),
        ("--compare", args.compare),
    ):
        if value is not None:
            cmd += [flag, str(Path(value).resolve()) if flag == "--db" else str(value)]
    return cmd


def run(args: argparse.Namespace) -> int:
    return subprocess.run(command(args), cwd=ROOT, check=False).returncode  # noqa: S603 fixed argv, no shell
