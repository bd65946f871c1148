"""Rules that change KPI results, stored in the ``setting`` table with DOMAIN.md's defaults.

Every KPI result carries the ``Policy`` it was computed with (``as_dict``), so the UI can show the
values in use next to each number. Unknown keys or ill-typed values raise ``SettingError``.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, fields, replace
from datetime import date
from typing import Any

import duckdb

from analytics.db import transaction
from analytics.errors import SettingError

ROUNDING_RULES = ("nearest", "up", "down")


@dataclass(frozen=True)
class Policy:
    # Staff reduction 2022-2026 (Kết luận 40-KL/TW, Quyết định 71-QĐ/TW): % of the baseline quota.
    reduction_baseline_year: int = 2021
    reduction_end_year: int = 2026
    target_pct_cong_chuc: float = 5.0
    target_pct_vien_chuc: float = 10.0
    # Status of a KPI against the straight-line pace: behind when more than this many percentage
    # points of plan below the pace line, at risk when below it at all.
    status_behind_margin_pct: float = 10.0
    # Grassroots secondment (Kế hoạch 10/KH-UBND §III.1): "khoảng 5 %" of the assigned quota.
    secondment_share_pct: float = 5.0
    secondment_rounding: str = "nearest"
    secondment_base_includes_vien_chuc: bool = False
    secondment_min_months: int = 36
    one_time_allowance_multiplier: int = 10
    young_age_threshold: int = 40
    # Training (§III.2): 5 % of the basic salary fund of the first year after restructuring.
    training_budget_pct: float = 5.0
    training_window_start: date = date(2025, 7, 1)
    training_window_months: int = 12
    training_fund_method: str = "auto"  # auto: payroll when present, else quota × avg coef × lương cơ sở × 12
    # Privacy on shared screens: counts below this are shown as "<N".
    privacy_min_count: int = 5

    def __post_init__(self) -> None:
        if self.secondment_rounding not in ROUNDING_RULES:
            raise SettingError("setting_invalid", key="secondment_rounding", value=self.secondment_rounding)
        if self.training_fund_method not in ("auto", "payroll", "estimate"):
            raise SettingError("setting_invalid", key="training_fund_method", value=self.training_fund_method)
        for f in fields(self):
            v = getattr(self, f.name)
            if isinstance(v, int | float) and not isinstance(v, bool) and v < 0:
                raise SettingError("setting_invalid", key=f.name, value=v)

    def target_pct(self, category: str) -> float:
        return {"cong_chuc": self.target_pct_cong_chuc, "vien_chuc": self.target_pct_vien_chuc}[category]

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready values (dates as ISO strings)."""
        return {k: (v.isoformat() if isinstance(v, date) else v) for k, v in asdict(self).items()}


POLICY_KEYS = tuple(f.name for f in fields(Policy))


def _coerce(key: str, raw: Any) -> Any:
    kind = {f.name: f.type for f in fields(Policy)}.get(key)
    if kind is None:
        raise SettingError("setting_unknown", key=key)
    try:
        if kind == "bool":
            if not isinstance(raw, bool):
                raise TypeError
            return raw
        if kind == "int":
            if isinstance(raw, bool) or float(raw) != int(raw):
                raise TypeError
            return int(raw)
        if kind == "float":
            if isinstance(raw, bool):
                raise TypeError
            return float(raw)
        if kind == "date":
            return raw if isinstance(raw, date) else date.fromisoformat(str(raw))
        return str(raw)
    except (TypeError, ValueError) as exc:
        raise SettingError("setting_invalid", key=key, value=raw) from exc


def load_policy(con: duckdb.DuckDBPyConnection) -> Policy:
    """Defaults overlaid with the values stored in the ``setting`` table."""
    rows = con.cursor().execute("SELECT key, value FROM setting").fetchall()
    stored = {k: _coerce(k, json.loads(v)) for k, v in rows if k in POLICY_KEYS}
    return replace(Policy(), **stored)


def save_setting(con: duckdb.DuckDBPyConnection, key: str, value: Any, *, user: str) -> Policy:
    """Validate and store one setting, keeping the old value in ``setting_history``."""
    new_value = _coerce(key, value)
    policy = replace(load_policy(con), **{key: new_value})  # validates the whole policy
    encoded = json.dumps(policy.as_dict()[key])
    with transaction(con) as cur:
        old = cur.execute("SELECT value FROM setting WHERE key = $key", {"key": key}).fetchone()
        cur.execute(
            "INSERT INTO setting_history (key, old_value, new_value, changed_by) VALUES ($k, $o, $n, $u)",
            {"k": key, "o": old[0] if old else None, "n": encoded, "u": user},
        )
        cur.execute(
            "INSERT OR REPLACE INTO setting (key, value, updated_at, updated_by) "
            "VALUES ($k, $v, current_localtimestamp(), $u)",
            {"k": key, "v": encoded, "u": user},
        )
    return policy
