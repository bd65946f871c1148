"""Rules that change KPI results, stored in the ``setting`` table with DOMAIN.md's defaults.

Every KPI result carries the ``Policy`` it was computed with (``as_dict``), so the UI can show the
values in use next to each number. Unknown keys or ill-typed values raise ``SettingError``.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, fields, replace
from datetime import date
from typing import Any, NoReturn

import duckdb
import pandas as pd

from analytics import audit, db
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
    # Reorganisation figures (issue 15): the scope and date the page and the briefing slide open on
    # when none is picked — the mid-2024 report's (old Cần Thơ; its agencies ended on 30/6/2025, so
    # a later date would count the new city's agencies in the denominator).
    reorg_report_scope: str = "CT_CU"
    reorg_report_as_of: date = date(2024, 6, 30)
    # Reporting cycle (issue 15): a unit's file waits for an analyst's review before it is published;
    # off for small offices (a good file is published as it arrives).
    reporting_review_required: bool = True

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

    def as_dict(self) -> PolicyValues:
        """JSON-ready values (dates as ISO strings), read-only."""
        return PolicyValues({k: (v.isoformat() if isinstance(v, date) else v) for k, v in asdict(self).items()})


class PolicyValues(dict[str, Any]):
    """``Policy.as_dict()``: a read-only dict. The KPI frames carry it in ``attrs``, which pandas
    deep-copies on every operation on a frame (some 5.000 copies of it for the headline, 3 % of
    its time on the national demo): read-only, its copy is itself."""

    def __deepcopy__(self, memo: dict[int, Any]) -> PolicyValues:
        return self

    def __copy__(self) -> PolicyValues:
        return self

    def __reduce__(self) -> tuple[Any, ...]:  # pickled as a dict's items, not set one by one
        return (PolicyValues, (dict(self),))

    def _read_only(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise TypeError("policy values are read-only: change a setting with save_setting")

    __setitem__ = __delitem__ = __ior__ = _read_only
    clear = pop = popitem = setdefault = update = _read_only


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
    rows = db.thread_cursor(con).execute("SELECT key, value FROM setting").fetchall()
    stored = {k: _coerce(k, json.loads(v)) for k, v in rows if k in POLICY_KEYS}
    return replace(Policy(), **stored)


def save_setting(con: duckdb.DuckDBPyConnection, key: str, value: Any, *, user: str) -> Policy:
    """Validate and store one setting, keeping the old value in ``setting_history``; audited by ``user``
    (``setting_change``) in the same transaction."""
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
        audit.record_in_transaction(
            cur,
            username=user,
            event="setting_change",
            target=key,
            detail={"old": json.loads(old[0]) if old else None, "new": json.loads(encoded)},
        )
    return policy


def settings_table(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """One row per setting: key, value in use, default, whether stored, updated_at, updated_by."""
    policy, defaults = load_policy(con).as_dict(), Policy().as_dict()
    stored = {
        k: (at, by) for k, at, by in con.cursor().execute("SELECT key, updated_at, updated_by FROM setting").fetchall()
    }
    return pd.DataFrame(
        [
            {
                "key": k,
                "value": policy[k],
                "default": defaults[k],
                "changed": policy[k] != defaults[k],
                "updated_at": stored.get(k, (None, None))[0],
                "updated_by": stored.get(k, (None, None))[1],
            }
            for k in POLICY_KEYS
        ]
    )


def setting_changes(con: duckdb.DuckDBPyConnection, *, limit: int = 200) -> pd.DataFrame:
    """Who changed what and when, newest first: changed_at, changed_by, key, old_value, new_value."""
    return (
        con.cursor()
        .execute(
            "SELECT changed_at, changed_by, key, old_value, new_value FROM setting_history "
            "ORDER BY change_id DESC LIMIT $n",
            {"n": limit},
        )
        .df()
    )


def base_salary_table(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """lương cơ sở by date: valid_from, amount_vnd, oldest first."""
    return con.cursor().execute("SELECT valid_from, amount_vnd FROM base_salary ORDER BY valid_from").df()


def save_base_salary(con: duckdb.DuckDBPyConnection, *, valid_from: date, amount_vnd: int, user: str) -> None:
    """Add or change the lương cơ sở in force from a date (e.g. 2.530.000 from 1/7/2026 once confirmed).

    Kept in setting_history under the key ``base_salary:YYYY-MM-DD``; audited by ``user`` in the
    same transaction.
    """
    if isinstance(amount_vnd, bool) or not isinstance(amount_vnd, int) or not 100_000 <= amount_vnd <= 100_000_000:
        raise SettingError("setting_invalid", key="base_salary", value=amount_vnd)
    if not isinstance(valid_from, date) or not 2000 <= valid_from.year <= 2100:
        raise SettingError("setting_invalid", key="base_salary_valid_from", value=str(valid_from))
    key = f"base_salary:{valid_from.isoformat()}"
    with transaction(con) as cur:
        old = cur.execute("SELECT amount_vnd FROM base_salary WHERE valid_from = $d", {"d": valid_from}).fetchone()
        cur.execute("INSERT OR REPLACE INTO base_salary VALUES ($d, $a)", {"d": valid_from, "a": amount_vnd})
        cur.execute(
            "INSERT INTO setting_history (key, old_value, new_value, changed_by) VALUES ($k, $o, $n, $u)",
            {"k": key, "o": json.dumps(old[0]) if old else None, "n": json.dumps(amount_vnd), "u": user},
        )
        audit.record_in_transaction(
            cur,
            username=user,
            event="setting_change",
            target=key,
            detail={"old": int(old[0]) if old else None, "new": amount_vnd},
        )
