"""Exporter process: ``python -m oversight.cli._deck --out deck.pptx|deck.pdf|slide.png [options]``.

Run by ``oversight brief`` as a separate process (see ``oversight/cli/brief.py``). Builds the deck from the database (or a frozen snapshot), writes the
file, records an ``export`` audit row, prints the path and the time taken. Exit 0 on success, 1 on
an OversightError (message on stderr), 3 when Chromium is missing.
"""

from __future__ import annotations

import argparse
import sys
import time
from datetime import date
from pathlib import Path

import duckdb

from analytics import audit, briefing, store
from analytics.config import Settings
from analytics.errors import OversightError
from oversight.cli._messages import exit_code, message
from ui.briefing import export
from ui.briefing import slides as sl


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="python -m oversight.cli._deck", description="Xuất bộ trình chiếu / export the briefing deck"
    )
    p.add_argument("--out", required=True, type=Path, help="deck.pdf, deck.pptx, or deck.png (one PNG per slide)")
    p.add_argument("--db", default=None, help="database file (default: $OVERSIGHT_DB or data/oversight.duckdb)")
    p.add_argument("--as-of", type=date.fromisoformat, default=None, help="cut-off date YYYY-MM-DD (default: today)")
    p.add_argument("--unit", default=None, help="unit code of the scope (default: the city)")
    p.add_argument("--lang", choices=("vi", "en"), default="vi")
    p.add_argument("--theme", choices=tuple(sl.THEMES), default="light")
    p.add_argument("--snapshot", type=int, default=None, help="brief from this frozen snapshot id")
    p.add_argument("--compare", type=int, default=None, help="add a slide comparing with this snapshot id")
    p.add_argument("--user", default="cli", help="who exports (audit log)")
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    if args.out.suffix.lower() not in (".pdf", ".pptx", ".png"):
        print(f"Lỗi: định dạng không hỗ trợ '{args.out.suffix}' (chỉ .pdf, .pptx, .png)", file=sys.stderr)
        return 2
    if not export.available():
        print("Lỗi: cần Chromium (/usr/bin/chromium) để xuất ảnh / Chromium is needed", file=sys.stderr)
        return 3
    started = time.monotonic()
    settings = Settings.from_env(args.db)
    try:
        with store.reading(settings) as con:
            return _export(con, args, started)
    except OversightError as exc:
        print(message(exc), file=sys.stderr)
        return exit_code(exc)


def _export(con: duckdb.DuckDBPyConnection, args: argparse.Namespace, started: float) -> int:
    try:
        deck = (
            briefing.load_snapshot(con, snapshot_id=args.snapshot)
            if args.snapshot is not None
            else briefing.deck(con, scope=args.unit, as_of=args.as_of)
        )
        other = briefing.load_snapshot(con, snapshot_id=args.compare) if args.compare is not None else None
        slides = sl.build(deck, args.lang, compare_with=other)
        args.out.parent.mkdir(parents=True, exist_ok=True)
        export.export(slides, args.out, theme=args.theme)
        audit.record(
            con,
            username=args.user,
            event="export",
            target=args.out.name,
            detail={
                "format": args.out.suffix.lower().lstrip("."),
                "slides": len(slides),
                "as_of": deck["as_of"],
                "snapshot": args.snapshot,
                "lang": args.lang,
            },
        )
    except OversightError as exc:
        print(message(exc), file=sys.stderr)
        return exit_code(exc)
    finally:
        export.stop()
    print(f"Đã xuất {len(slides)} trang → {args.out} ({time.monotonic() - started:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
