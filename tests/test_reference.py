"""Pay table, lương cơ sở and the retirement roadmap: numbers checkable against DOMAIN.md §6."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import duckdb
import pytest

from analytics import reference
from tests.conftest import add_batch


@pytest.mark.parametrize(
    ("group", "step", "coef"),
    [
        ("A3.1", 1, "6.20"),
        ("A3.1", 6, "8.00"),
        ("A2.1", 1, "4.40"),
        ("A2.1", 8, "6.78"),
        ("A1", 1, "2.34"),
        ("A1", 2, "2.67"),
        ("A1", 9, "4.98"),
        ("A0", 10, "4.89"),
        ("B", 1, "1.86"),
        ("B", 12, "4.06"),
    ],
)
def test_pay_scale_matches_domain(group: str, step: int, coef: str) -> None:
    assert reference.PAY_SCALE[(group, step)] == Decimal(coef)


@pytest.mark.parametrize(
    ("day", "amount"),
    [
        (date(2019, 7, 1), 1_490_000),
        (date(2023, 6, 30), 1_490_000),
        (date(2023, 7, 1), 1_800_000),
        (date(2024, 7, 1), 2_340_000),
        (date(2026, 1, 31), 2_340_000),
    ],
)
def test_base_salary_on(day: date, amount: int) -> None:
    assert reference.base_salary_on(day) == amount


@pytest.mark.parametrize(
    ("birth", "gender", "retires"),
    [
        (date(1961, 1, 15), "nam", date(2021, 4, 30)),  # 60y3m in 2021
        (date(1960, 11, 1), "nam", date(2020, 11, 30)),  # 60y before the roadmap
        (date(1964, 6, 10), "nam", date(2025, 9, 30)),  # 61y3m in 2025
        (date(1975, 2, 1), "nam", date(2037, 2, 28)),  # 62y after 2028
        (date(1966, 5, 1), "nu", date(2021, 9, 30)),  # 55y4m in 2021
        (date(1980, 12, 31), "nu", date(2040, 12, 31)),  # 60y after 2035
    ],
)
def test_retirement_date(birth: date, gender: str, retires: date) -> None:
    assert reference.retirement_date(birth, gender) == retires


def test_sql_view_and_python_agree(con: duckdb.DuckDBPyConnection) -> None:
    b = add_batch(con)
    people = [(date(1955, 1, 1).toordinal() + i * 97, g) for i in range(120) for g in ("nam", "nu")]
    con.executemany(
        "INSERT INTO person (as_of, unit_code, person_id, full_name, birth_date, gender, category, batch_id) "
        f"VALUES ('2025-01-01', 'U', ?, 'X', ?, ?, 'cong_chuc', {b})",
        [(f"P{i}", date.fromordinal(o), g) for i, (o, g) in enumerate(people)],
    )
    sql = dict(con.execute("SELECT person_id, retirement_date FROM person_retirement").fetchall())
    assert len(sql) == len(people)
    for i, (o, g) in enumerate(people):
        assert sql[f"P{i}"] == reference.retirement_date(date.fromordinal(o), g)
