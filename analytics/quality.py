"""Data quality: cross-checks between sources, each a query returning the violating rows.

Every check is ``check_<code>(con, *, as_of=None, scope=None) -> DataFrame`` (the rows at fault,
columns as in its fragment ``analytics/sql/_check_<code>.sql``, listed by ``check_<code>.sql``);
``quality_checks`` counts them all in one query (``quality_checks.sql``, the same fragments).
``as_of`` None = no cut-off (today for "current period" checks).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import duckdb
import pandas as pd

from analytics import sql_files
from analytics.policy import load_policy
from analytics.scope import check_scope

Check = Callable[..., pd.DataFrame]


def _run(name: str) -> Check:
    def check(con: duckdb.DuckDBPyConnection, *, as_of: date | None = None, scope: str | None = None) -> pd.DataFrame:
        check_scope(con, scope)
        return sql_files.query(con, name, {"as_of": as_of, "roster_as_of": as_of, "scope": scope})

    check.__name__ = check.__qualname__ = name  # ui.data caches by qualified name
    check.__doc__ = f"Violating rows of analytics/sql/{name}.sql."
    return check


check_reduction_still_paid = _run("check_reduction_still_paid")
check_secondment_overlap = _run("check_secondment_overlap")
check_person_two_units = _run("check_person_two_units")
check_payroll_coef_mismatch = _run("check_payroll_coef_mismatch")
check_coef_not_in_pay_scale = _run("check_coef_not_in_pay_scale")
check_units_without_data = _run("check_units_without_data")
check_over_quota = _run("check_over_quota")
check_quota_total_row = _run("check_quota_total_row")
check_unknown_unit = _run("check_unknown_unit")
check_secondment_not_to_commune = _run("check_secondment_not_to_commune")

# code, severity ('fail': a result is wrong until fixed; 'warn': worth a look), function.
CHECKS: tuple[tuple[str, str, Check], ...] = (
    ("reduction_still_paid", "fail", check_reduction_still_paid),
    ("secondment_overlap", "fail", check_secondment_overlap),
    ("person_two_units", "fail", check_person_two_units),
    ("unknown_unit", "fail", check_unknown_unit),
    ("payroll_coef_mismatch", "warn", check_payroll_coef_mismatch),
    ("coef_not_in_pay_scale", "warn", check_coef_not_in_pay_scale),
    ("units_without_data", "warn", check_units_without_data),
    ("over_quota", "warn", check_over_quota),
    ("quota_total_row", "warn", check_quota_total_row),
    ("secondment_not_to_commune", "warn", check_secondment_not_to_commune),
)


def quality_checks(
    con: duckdb.DuckDBPyConnection, *, as_of: date | None = None, scope: str | None = None
) -> pd.DataFrame:
    """One row per check: check (code), severity ('fail'|'warn'), rows (violating rows),
    status ('pass' when none, else the severity)."""
    check_scope(con, scope)
    df = check_counts(con, as_of=as_of, scope=scope)
    df.attrs["policy"] = load_policy(con).as_dict()
    return df


def check_counts(con: duckdb.DuckDBPyConnection, *, as_of: date | None, scope: str | None) -> pd.DataFrame:
    """quality_checks without checking the scope or attaching the policy (for callers that did)."""
    # One query counts every check (analytics/sql/quality_checks.sql): ten queries, each working out
    # the scope, the roster and the payroll months again, cost several times more. It counts the
    # same fragments the check_<code> queries list; tests/test_quality.py compares the two (and
    # that both name the same checks).
    rows = sql_files.records(con, "quality_checks", {"as_of": as_of, "roster_as_of": as_of, "scope": scope})
    counted = {r["check"]: int(r["rows"]) for r in rows}
    out = [
        {
            "check": code,
            "severity": severity,
            "rows": counted[code],
            "status": "pass" if counted[code] == 0 else severity,
        }
        for code, severity, _ in CHECKS
    ]
    return pd.DataFrame(out, columns=["check", "severity", "rows", "status"])
