"""``kpis``: the headline figures — reduction, secondment, training, workforce, data quality.

``--json`` prints ``analytics.kpis.headline`` as one JSON object (unrounded numbers, null + reason
for parts without data); otherwise a short Vietnamese summary. Numbers, percentages, money, dates,
categories and statuses come from the dashboard's text layer (``ui.format``, ``ui.labels``), so a
figure reads the same here and on the overview page (tests/test_cli_matches_dashboard.py).
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from typing import Any

from analytics import store
from analytics.errors import NotFound
from analytics.kpis import headline
from oversight.cli._common import add_db_argument, settings_from
from ui import format as fmt
from ui.labels import code, t

# The dashboard's words for the parts of the headline and why one has no figure (ui/text_*.py).
PART_LABEL = {
    "reduction": "nav.reduction",
    "secondment": "nav.secondment",
    "training": "nav.training",
    "workforce": "nav.workforce",
    "reduction.cong_chuc": "ov.card_cc",
    "reduction.vien_chuc": "ov.card_vc",
}
MISSING_LABEL = {
    "no_quota_data": "ov.missing_quota",
    "no_secondment_data": "ov.missing_secondment",
    "no_training_data": "ov.missing_training",
    "no_roster_data": "ov.missing_roster",
}


# The shared formatters, in Vietnamese (half-up rounding, "–" for no figure).
def vn_number(value: float | int | None, decimals: int = 0) -> str:
    return fmt.number(value, "vi", decimals)


def vn_pct(value: float | None, decimals: int = 2) -> str:
    return fmt.percent(value, "vi", decimals)


def vn_money(value: float | int | None) -> str:
    return fmt.money_exact(value, "vi")


def vn_date(iso: str | None) -> str:
    return fmt.day(iso)


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "kpis",
        help="headline KPI figures (reduction, secondment, training, workforce, quality)",
        description="Print the headline figures of a unit (default: everything).",
    )
    add_db_argument(p)
    p.add_argument("--unit", metavar="CODE", default=None, help="unit code of the scope (default: all units)")
    p.add_argument(
        "--as-of", metavar="YYYY-MM-DD", type=date.fromisoformat, default=None, help="cut-off date (default: today)"
    )
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    settings = settings_from(args)
    try:
        with store.reading(settings) as con:
            result = headline(con, scope=args.unit, as_of=args.as_of)
    except NotFound as exc:
        if exc.code != "unit_not_found":
            raise
        print(f"Lỗi: không có đơn vị mã '{args.unit}' trong cơ sở dữ liệu {settings.db_path}.", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
    else:
        print("\n".join(summary_lines(result)))
    return 0


def _reduction_lines(cat: str, r: dict[str, Any]) -> list[str]:
    return [
        f"  {code(cat)}: biên chế {r['baseline_year']} {vn_number(r['baseline_quota'])}"
        f" → {r['current_year']} {vn_number(r['current_quota'])}",
        f"    giảm {vn_number(r['reduced_total'])} (đã giảm {vn_number(r['reduced_done'])},"
        f" chờ phê duyệt {vn_number(r['reduced_pending'])}) = {vn_pct(r['reduced_pct'])} so với năm gốc",
        f"    kế hoạch {vn_number(r['plan'], 1)} ({vn_pct(r['target_pct'], 0)})"
        f" → đạt {vn_pct(r['plan_progress_pct'])} kế hoạch; riêng đã giảm {vn_pct(r['plan_progress_done_pct'], 1)}",
        f"    còn {vn_number(r['months_left'])} tháng; cần {vn_number(r['pace_needed_per_month'], 1)}/tháng,"
        f" đã đạt {vn_number(r['pace_so_far_per_month'], 1)}/tháng — {code(r['status'])}",
        f"    số người đã tinh giản: {vn_number(r['people_left'])}",
    ]


def summary_lines(h: dict[str, Any]) -> list[str]:
    """The Vietnamese summary printed without --json."""
    s = h["settings"]
    lines = [f"Số liệu đến ngày {vn_date(h['as_of'])} — phạm vi: {h['scope'] or 'toàn bộ'}"]
    if h["reduction"]:
        lines.append(
            f"TINH GIẢN BIÊN CHẾ {s['reduction_baseline_year'] + 1}-{s['reduction_end_year']}"
            f" (so với biên chế năm {s['reduction_baseline_year']})"
        )
        for cat, r in h["reduction"].items():
            if r:
                lines += _reduction_lines(cat, r)
    if sec := h["secondment"]:
        lines += [
            "TĂNG CƯỜNG CƠ SỞ",
            f"  {sec['agencies']} cơ quan; phải cử {vn_number(sec['required'])} ({vn_pct(s['secondment_share_pct'], 0)},"
            f" {t('choice.' + s['secondment_rounding']).lower()}); đang tăng cường {vn_number(sec['active'])}"
            f" = {vn_pct(sec['fulfilment_pct'], 1)}",
            f"  vi phạm điều kiện: {vn_number(sec['with_violations'])}; kết thúc trong 3 tháng:"
            f" {vn_number(sec['ending_3m'])}, 6 tháng: {vn_number(sec['ending_6m'])}; kết thúc sớm: {vn_number(sec['ended_early'])}",
            f"  xã/phường nhận: {vn_number(sec['communes_receiving'])}/{vn_number(sec['communes'])}"
            f" (chưa nhận: {vn_number(sec['communes_without'])}); trợ cấp một lần: {vn_money(sec['allowance_vnd'])}",
        ]
    if tr := h["training"]:
        lines += [
            "ĐÀO TẠO SAU SẮP XẾP",
            f"  quỹ lương cơ bản năm đầu {vn_money(tr['salary_fund_vnd'])} → kinh phí {vn_pct(s['training_budget_pct'], 0)}"
            f" = {vn_money(tr['budget_vnd'])} ({tr['agencies_estimated']} cơ quan ước tính)",
            f"  đã chi {vn_money(tr['spent_vnd'])} = {vn_pct(tr['spent_pct'], 1)}; còn {vn_money(tr['remaining_vnd'])};"
            f" {vn_number(tr['participants'])} lượt người; còn {vn_number(tr['days_left'])} ngày",
        ]
    if wf := h["workforce"]:
        lines += [
            "NHÂN SỰ",
            f"  có mặt {vn_number(wf['present'])} (danh sách đến {vn_date(wf['roster_as_of'])});"
            f" nữ {vn_pct(wf['women_pct'], 1)}; DTTS {vn_pct(wf['minority_pct'], 1)};"
            f" nghỉ hưu đến 2030: {vn_number(wf['retiring_to_2030'])}",
        ]
        for cat, c in wf["by_category"].items():
            if c["quota"] is not None or c["present"]:
                lines.append(
                    f"  {code(cat)}: giao {vn_number(c['quota'])}, có mặt {vn_number(c['present'])},"
                    f" chưa tuyển {vn_number(c['vacant'])}{' (VƯỢT BIÊN CHẾ)' if c['over_quota'] else ''}"
                )
    q = h["quality"]
    lines.append(
        f"KIỂM TRA DỮ LIỆU: {q['checks']} phép kiểm tra, {q['fail']} lỗi, {q['warn']} cảnh báo"
        + (f" ({', '.join(q['failing'] + q['warning'])})" if q["fail"] or q["warn"] else "")
    )
    for part, reason in h["missing"].items():
        lines.append(
            f"{t(PART_LABEL[part]) if part in PART_LABEL else part}: "
            f"{t(MISSING_LABEL[reason]) if reason in MISSING_LABEL else reason}"
        )
    return lines
