"""Roles, the signed-in account and what is personal: the bottom of access control.

``access`` (page and scope checks), ``auth`` (logins, accounts) and ``audit`` (which refuses personal
keys in its details) all need these and nothing else of each other, so they live here, below all
three: the import graph stays acyclic (pyproject's import contracts check it).
"""

from __future__ import annotations

from dataclasses import dataclass

ROLES = ("viewer", "analyst", "admin")  # lowest first; schema.sql's CHECK on app_user.role mirrors it

# The role that may see person-level data (names, birth dates, ethnicity, salaries, discipline).
PERSON_DATA_ROLE = "analyst"


@dataclass(frozen=True)
class User:
    """A logged-in account: what access checks need, nothing secret."""

    username: str
    display_name: str | None
    role: str
    scope_unit_code: str | None  # None = the whole city


# Person-level columns masked for roles below the one named (the only list of what is personal;
# analytics.audit refuses these keys in audit details).
SENSITIVE_COLUMNS: dict[str, str] = {
    # identity
    "full_name": PERSON_DATA_ROLE,
    "birth_date": PERSON_DATA_ROLE,
    # special categories under Decree 13/2023 and the 2025 personal-data law
    "ethnicity": PERSON_DATA_ROLE,
    "health": PERSON_DATA_ROLE,
    # discipline
    "discipline": PERSON_DATA_ROLE,
    "discipline_until": PERSON_DATA_ROLE,
    # salaries of one person (person, payroll and reduction_case columns)
    "salary_coef": PERSON_DATA_ROLE,
    "pay_group": PERSON_DATA_ROLE,
    "step": PERSON_DATA_ROLE,
    "leadership_allowance_coef": PERSON_DATA_ROLE,
    "basic_salary_vnd": PERSON_DATA_ROLE,
    "allowance_leadership_vnd": PERSON_DATA_ROLE,
    "allowance_seniority_vnd": PERSON_DATA_ROLE,
    "allowance_occupational_vnd": PERSON_DATA_ROLE,
    "allowance_public_service_vnd": PERSON_DATA_ROLE,
    "allowance_other_vnd": PERSON_DATA_ROLE,
    "total_vnd": PERSON_DATA_ROLE,
    "payout_vnd": PERSON_DATA_ROLE,
    "one_time_allowance_vnd": PERSON_DATA_ROLE,
}
