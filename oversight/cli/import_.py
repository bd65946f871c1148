"""``import``: load spreadsheets (Excel or CSV) as one batch, or reject them with every problem.

Exit codes: 0 loaded (or checked, with --dry-run), 2 rejected (every problem printed, nothing
stored): anything about the files, however hostile; 1 only for a fault of the program. Problems
are printed in the UI language (``OVERSIGHT_LANG``: vi, or en).
"""

from __future__ import annotations

import argparse
import getpass
import sys
from datetime import date, datetime
from pathlib import Path
from typing import Any

from analytics import store
from analytics.errors import ImportRejected
from analytics.ingest.messages import KIND_NAMES
from analytics.ingest.pipeline import Plan, Source, import_files
from analytics.ingest.problems import Problem
from analytics.ingest.safety import Limits
from oversight.cli._common import add_db_argument, settings_from


def parse_day(text: str) -> date:
    """DD/MM/YYYY or YYYY-MM-DD."""
    for fmt in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            return datetime.strptime(text.strip(), fmt).date()
        except ValueError:
            continue
    raise argparse.ArgumentTypeError(f"ngày không hợp lệ: {text} (dùng DD/MM/YYYY)")


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "import",
        help="nhập tệp Excel/CSV (một lô, tất cả hoặc không gì cả)",
        description="Import spreadsheets as one batch: all rows of all files, or nothing.",
    )
    p.add_argument("files", nargs="+", metavar="FILE", type=Path)
    add_db_argument(p)
    p.add_argument("--as-of", type=parse_day, default=None, help="số liệu đến ngày (DD/MM/YYYY)")
    p.add_argument("--dry-run", action="store_true", help="chỉ kiểm tra, không ghi")
    p.add_argument("--user", default=None, help="người nhập (mặc định: tài khoản hệ điều hành)")
    p.add_argument("--allow-duplicate", action="store_true", help="cho nhập lại tệp đã nhập")
    p.add_argument(
        "--progress", action="store_true", default=None, help="in tiến độ ra stderr (mặc định: khi stderr là màn hình)"
    )
    p.set_defaults(func=run)


_WORDS = {
    "vi": {
        "row": "dòng",
        "column": "cột",
        "error": "LỖI",
        "warning": "Lưu ý",
        "value": "giá trị",
        "refused": "TỪ CHỐI: {n} lỗi; không có dữ liệu nào được ghi.",
    },
    "en": {
        "row": "row",
        "column": "column",
        "error": "ERROR",
        "warning": "Note",
        "value": "value",
        "refused": "REFUSED: {n} errors; nothing was stored.",
    },
}


def _where(p: Problem, lang: str = "vi") -> str:
    w = _WORDS[lang]
    parts = [
        p.file or "",
        p.sheet or "",
        f"{w['row']} {p.row}" if p.row else "",
        f"{w['column']} {p.column}" if p.column else "",
    ]
    return " | ".join(x for x in parts if x)


def print_problems(problems: list[Problem], out: Any = None, lang: str = "vi") -> None:
    out = out or sys.stdout
    w = _WORDS[lang]
    for p in sorted(problems, key=lambda p: (p.severity != "error", p.file or "", p.sheet or "", p.row or 0)):
        tag = w["error"] if p.severity == "error" else w["warning"]
        value = f' {w["value"]} "{_short(p.value)}"' if p.value not in (None, "") else ""
        print(f"{tag}: {_where(p, lang)}{value}: {p.message(lang)}", file=out)


def _short(value: str | None) -> str:
    """A cell value as printed: one line, at most 80 characters (a hostile cell can be 32.767)."""
    s = "".join(ch if ch.isprintable() else " " for ch in str(value))
    return s if len(s) <= 80 else s[:77] + "…"


def _print_preview(plan: Plan) -> None:
    for s in plan.sheets:
        kind = KIND_NAMES.get(s["kind"] or "", {}).get("vi", s["kind"])
        print(f"{s['file']} | {s['sheet']}: {kind}, tiêu đề dòng {s['header_rows']}, {s['rows']} dòng dữ liệu")


_STEPS = {
    "read": "đọc",
    "check": "kiểm tra",
    "stage": "lưu tạm",
    "upload": "đối chiếu toàn bộ lô",
    "load": "ghi",
    "commit": "ghi lô",
    "done": "xong",
}


class StderrProgress:
    """``progress(step, fraction)`` as one line on stderr rewritten in place: "[ 42%] kiểm tra a.xlsx — DS"."""

    def __init__(self, out: Any = None) -> None:
        self.out = out or sys.stderr
        self.last = ""

    def __call__(self, step: str, fraction: float) -> None:
        what, _, rest = step.partition(":")
        detail = rest.replace(":", " — ")
        line = f"[{fraction * 100:3.0f}%] {_STEPS.get(what, what)} {detail}".rstrip()
        if line != self.last:
            self.out.write("\r" + line[:100].ljust(len(self.last[:100])))
            self.out.flush()
            self.last = line
        if what == "done" and fraction >= 1.0:
            self.out.write("\n")
            self.out.flush()


def run(args: argparse.Namespace) -> int:
    settings = settings_from(args)
    lang = "en" if settings.language == "en" else "vi"
    w = _WORDS[lang]
    # Read when its turn comes, not all up front; a missing or unreadable one is refused (and
    # audited) by the importer like any other bad file.
    files: list[tuple[str, Source]] = [(path.name, path) for path in args.files]
    show = sys.stderr.isatty() if args.progress is None else args.progress
    with store.reading(settings) as con:
        try:
            plan, result = import_files(
                con,
                files=files,
                user=args.user or getpass.getuser(),
                as_of=args.as_of,
                kind="cli",
                dry_run=args.dry_run,
                allow_duplicate=args.allow_duplicate,
                limits=Limits(max_file_bytes=settings.upload_max_mb * 1024 * 1024),
                progress=StderrProgress() if show else None,
            )
        except ImportRejected as exc:
            errors = [p for p in exc.problems if p.severity == "error"]
            print_problems(exc.problems, lang=lang)
            print(w["refused"].format(n=len(errors)))
            return 2
    plan.close()
    _print_preview(plan)
    print_problems(plan.problems, lang=lang)
    if result is None:
        print(
            "Kiểm tra xong (--dry-run), không ghi: " + ", ".join(f"{t}: {n}" for t, n in plan.rows_by_table().items())
        )
        return 0
    for table, n in result.rows_by_table.items():
        extra = f" (thay thế {result.replaced[table]} dòng cũ)" if result.replaced.get(table) else ""
        print(f"Đã nhập {table}: {n} dòng{extra}")
    print(f"Lô số {result.batch_id}")
    return 0
