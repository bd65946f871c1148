"""Workforce: quota vs present vs vacant with over-quota flags, merged units' old rosters, age
pyramid, composition, leaders and pool, retirements (and the retirement rule against the view)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import duckdb
import pytest

from analytics import reference, sql_files, workforce
from analytics.errors import OversightError
from tests.conftest import insert

AS_OF = date(2025, 12, 31)


def person(
    pid: str, unit: str, birth: str, gender: str, category: str = "cong_chuc", as_of: str = "2025-12-31", **extra: Any
) -> dict[str, Any]:
    row = {
        "as_of": as_of,
        "unit_code": unit,
        "person_id": pid,
        "full_name": pid,
        "birth_date": birth,
        "gender": gender,
        "ethnicity": "kinh",
        "category": category,
        "status": "dang_cong_tac",
        "is_leader": False,
        "in_succession_plan": False,
        "qualification": "dai_hoc",
    }
    row.update(extra)
    return row


@pytest.fixture
def city(con: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
    insert(
        con,
        "unit",
        [
            {
                "unit_code": c,
                "name": c,
                "unit_type": t,
                "level": "city",
                "parent_code": p,
                "merged_into": m,
                "valid_to": v,
            }
            for c, t, p, m, v in (
                ("CT", "thanh_pho", None, None, None),
                ("A", "so_nganh", "CT", None, None),
                ("A.P", "phong", "A", None, None),
                ("OLD", "so_nganh", None, "A", "2025-06-30"),
                ("B", "so_nganh", "CT", None, None),
            )
        ],
    )
    insert(
        con,
        "quota",
        [
            {"unit_code": u, "year": y, "category": c, "quota_assigned": n}
            for u, y, c, n in (
                ("A", 2025, "cong_chuc", 3),
                ("A.P", 2025, "cong_chuc", 1),
                ("B", 2025, "cong_chuc", 2),
                ("B", 2024, "cong_chuc", 10),
                ("B", 2025, "vien_chuc", 1),
                ("OLD", 2024, "cong_chuc", 9),
            )
        ],
    )
    insert(
        con,
        "person",
        [
            person("P1", "A", "1990-06-15", "nam", is_leader=True),
            person("P2", "A", "1985-01-01", "nu", category="can_bo", ethnicity="khmer"),
            person("P3", "A.P", "2000-01-01", "nu", in_succession_plan=True),
            person("P4", "A.P", "1980-01-01", "nam", status="nghi_huu"),
            person("P5", "B", "1970-01-20", "nu", category="vien_chuc"),  # retires 31/5/2027 (57y4m)
            person("P6", "B", "1966-06-15", "nam", category="vien_chuc"),  # retires 30/6/2028 (62 years)
            person("P1", "OLD", "1990-06-15", "nam", as_of="2024-12-31"),  # the old agency's last roster
            person("X9", "OLD", "1975-01-01", "nam", as_of="2024-12-31"),
        ],
    )
    return con


def test_quota_present_vacant_and_over_quota(city: duckdb.DuckDBPyConnection) -> None:
    df = workforce.headcount_by_unit(city, as_of=AS_OF, scope="CT")
    got = {
        (r["unit_code"], r["category"]): (r["quota"], r["present"], r["vacant"], r["over_quota"])
        for r in df.astype(object).where(df.notna(), None).to_dict("records")
    }
    assert got == {
        ("A", "cong_chuc"): (4, 3, 1, False),  # cán bộ P2 counts against the civil-servant quota
        ("A", "vien_chuc"): (None, 0, None, False),
        ("A", "nguoi_lao_dong"): (None, 0, None, False),
        ("B", "cong_chuc"): (2, 0, 2, False),  # the 2025 quota, not 2024's
        ("B", "vien_chuc"): (1, 2, -1, True),
        ("B", "nguoi_lao_dong"): (None, 0, None, False),
    }


def test_old_units_roster_counts_only_before_the_merger(city: duckdb.DuckDBPyConnection) -> None:
    before = workforce.headcount_by_category(city, as_of=date(2025, 1, 1), scope="A").set_index("category")
    assert before.loc["cong_chuc", "present"] == 2  # OLD's roster of 31/12/2024 (P1, X9)
    after = workforce.headcount_by_category(city, as_of=AS_OF, scope="A").set_index("category")
    assert (after.loc["cong_chuc", "present"], after.loc["cong_chuc", "quota"]) == (3, 4)


def test_age_pyramid(city: duckdb.DuckDBPyConnection) -> None:
    df = workforce.age_pyramid(city, as_of=AS_OF)
    assert df[["age_band", "gender", "people"]].values.tolist() == [
        ["25-29", "nu", 1],
        ["35-39", "nam", 1],
        ["40-44", "nu", 1],
        ["55-59", "nam", 1],
        ["55-59", "nu", 1],
    ]


@pytest.mark.parametrize(
    ("dimension", "expected"),
    [
        ("ethnicity", {"kinh": 4, "khmer": 1}),
        ("category", {"cong_chuc": 2, "can_bo": 1, "vien_chuc": 2}),
        ("gender", {"nam": 2, "nu": 3}),
    ],
)
def test_workforce_by(city: duckdb.DuckDBPyConnection, dimension: str, expected: dict[str, int]) -> None:
    df = workforce.workforce_by(city, dimension=dimension, as_of=AS_OF)
    assert dict(zip(df["value"], df["people"], strict=True)) == expected
    assert df["share_pct"].sum() == pytest.approx(100.0)


def test_workforce_by_refuses_unknown_dimension(city: duckdb.DuckDBPyConnection) -> None:
    with pytest.raises(OversightError):
        workforce.workforce_by(city, dimension="full_name")


def test_leaders_and_pool(city: duckdb.DuckDBPyConnection) -> None:
    a = workforce.leaders_and_pool(city, as_of=AS_OF, scope="CT").set_index("unit_code").loc["A"]
    assert (a["staff"], a["leaders"], a["succession_pool"], a["pool_women"], a["pool_young"]) == (3, 1, 1, 1, 1)
    assert a["pool_per_leader"] == 1.0


def test_retirements_by_year(city: duckdb.DuckDBPyConnection) -> None:
    assert reference.retirement_date(date(1970, 1, 20), "nu") == date(2027, 5, 31)
    assert reference.retirement_date(date(1966, 6, 15), "nam") == date(2028, 6, 30)
    df = workforce.retirements_by_year(city, as_of=AS_OF)
    assert df.values.tolist() == [[2027, "vien_chuc", "nu", 1], [2028, "vien_chuc", "nam", 1]]
    assert workforce.retirements_by_year(city, as_of=AS_OF, until=2027)["people"].sum() == 1


@pytest.mark.parametrize(("as_of", "count"), [(date(2027, 5, 30), 1), (date(2027, 5, 31), 1), (date(2027, 6, 1), 0)])
def test_person_exactly_at_retirement_date(city: duckdb.DuckDBPyConnection, as_of: date, count: int) -> None:
    df = workforce.retirements_by_year(city, as_of=as_of, scope="B")
    assert int(df.loc[df["year"] == 2027, "people"].sum()) == count


def test_retirement_fragment_agrees_with_the_view(con: duckdb.DuckDBPyConnection) -> None:
    births = [date(1950, 1, 1) + timedelta(days=37 * i) for i in range(600)]  # 1950 … 2010
    insert(con, "unit", [{"unit_code": "U", "name": "U", "unit_type": "so_nganh", "level": "city"}])
    insert(
        con, "person", [person(f"{g}{i}", "U", b.isoformat(), g) for i, b in enumerate(births) for g in ("nam", "nu")]
    )
    sql = (
        "WITH RECURSIVE "
        + ",\n".join(sql_files.load(n) for n in ("_scope_units", "_roster", "_retirement"))
        + "\nSELECT p.person_id, r.retirement_date FROM roster p JOIN retirement r USING (birth_date, gender)"
    )
    params = {"scope": None, "roster_as_of": None, "retire_from": "1900-01-01", "retire_until": "2100-12-31"}
    # both ways of the roster fragment to its units (the summary table, the dates found per unit)
    fragment, per_unit = (
        dict(con.execute(sql, {**params, **ways}).fetchall())
        for ways in (
            {"roster_stable": True, "roster_whole": sql_files.roster_whole(con, None)},
            {"roster_stable": False, "roster_whole": []},
        )
    )
    assert fragment == per_unit
    view = dict(con.execute("SELECT person_id, retirement_date FROM person_retirement").fetchall())
    assert len(fragment) == 1200 and fragment == view


# Month ends, leap days and the first and last day of a year: the fragment works the rule out per
# birth month (the day cannot change the month reached), the view per person.
EDGE_BIRTHS = [
    "1964-01-31",
    "1964-02-29",
    "1965-08-31",
    "1966-12-31",
    "1967-01-01",
    "1968-02-29",
    "1969-03-31",
    "1970-05-31",
    "1971-10-31",
    "1972-02-29",
    "1974-11-30",
    "1976-02-29",
    "1980-07-31",
]


@pytest.mark.parametrize("birth", EDGE_BIRTHS)
def test_retirement_fragment_agrees_with_the_view_at_month_ends(con: duckdb.DuckDBPyConnection, birth: str) -> None:
    insert(con, "unit", [{"unit_code": "U", "name": "U", "unit_type": "so_nganh", "level": "city"}])
    insert(
        con,
        "person",
        [person(f"{g}-{birth}", "U", birth, g) for g in ("nam", "nu")]
        + [
            person(f"{g}-next", "U", (date.fromisoformat(birth) + timedelta(days=1)).isoformat(), g)
            for g in ("nam", "nu")
        ],
    )
    sql = (
        "WITH RECURSIVE "
        + ",\n".join(sql_files.load(n) for n in ("_scope_units", "_roster", "_retirement"))
        + "\nSELECT p.person_id, r.retirement_date FROM roster p JOIN retirement r USING (birth_date, gender)"
    )
    params = {"scope": None, "roster_as_of": None, "retire_from": "1900-01-01", "retire_until": "2100-12-31"}
    # both ways of the roster fragment to its units (the summary table, the dates found per unit)
    fragment, per_unit = (
        dict(con.execute(sql, {**params, **ways}).fetchall())
        for ways in (
            {"roster_stable": True, "roster_whole": sql_files.roster_whole(con, None)},
            {"roster_stable": False, "roster_whole": []},
        )
    )
    assert fragment == per_unit
    view = dict(con.execute("SELECT person_id, retirement_date FROM person_retirement").fetchall())
    assert len(fragment) == 4 and fragment == view
    assert fragment[f"nam-{birth}"] == reference.retirement_date(date.fromisoformat(birth), "nam")


def test_self_financed_units_are_outside_the_budget_paid_quota(city: duckdb.DuckDBPyConnection) -> None:
    insert(
        city,
        "unit",
        [
            {
                "unit_code": "B.S",
                "name": "B.S",
                "unit_type": "dvsnc",
                "level": "city",
                "parent_code": "B",
                "self_financed": True,
            }
        ],
    )
    insert(
        city,
        "person",
        [
            person("P7", "B.S", "1988-03-03", "nu", category="vien_chuc"),
            person("P8", "B.S", "1989-03-03", "nam", category="cong_chuc"),
        ],
    )
    df = workforce.headcount_by_unit(city, as_of=AS_OF, scope="CT").set_index(["unit_code", "category"])
    assert df.loc[("B", "vien_chuc"), "present"] == 2  # P5, P6; not P7 of the self-financed unit
    assert df.loc[("B", "cong_chuc"), "present"] == 1  # a civil servant there still counts
    totals = workforce.headcount_by_category(city, as_of=AS_OF, scope="CT").set_index("category")
    assert totals.loc["vien_chuc", "present"] == 2


@pytest.mark.parametrize("young_age", [1, 4, 18, 30, 35, 40, 62])
def test_young_cutoff_agrees_with_the_age(young_age: int) -> None:
    """birth_date > born_after (fragment young_cutoff) exactly when date_sub('year', birth_date, ref)
    < $young_age, for every reference day of four decades and births around the cut-off, on month
    ends and on 28/29 February and 1 March of the years nearby."""
    sql = (
        "WITH roster_units AS (SELECT CAST(d AS DATE) AS snap"
        " FROM range(DATE '1996-01-01', DATE '2036-01-01', INTERVAL 1 DAY) t(d)),\n"
        + sql_files.load("_young_cutoff")
        + """,
        births AS (
            SELECT c.ref, c.born_after, c.born_after + CAST(k AS INTEGER) AS birth_date
            FROM young_cutoff c, range(-3, 4) t(k)
            UNION ALL
            SELECT c.ref, c.born_after, make_date(CAST(year(c.ref) - $young_age + y AS BIGINT), m, d)
            FROM young_cutoff c, range(-1, 2) t(y), (VALUES (2, 28), (3, 1), (12, 31), (1, 1)) v(m, d)
            UNION ALL
            SELECT c.ref, c.born_after, make_date(CAST(year(c.ref) - $young_age + y AS BIGINT), 2, 29)
            FROM young_cutoff c, range(-4, 5) t(y)
            WHERE (year(c.ref) - $young_age + y) % 4 = 0
              AND ((year(c.ref) - $young_age + y) % 100 <> 0 OR (year(c.ref) - $young_age + y) % 400 = 0)
        )
        SELECT count(*), count(*) FILTER (WHERE (birth_date > born_after)
                                          <> (date_sub('year', birth_date, ref) < $young_age))
        FROM births"""
    )
    with duckdb.connect() as mem:
        pairs, differ = mem.execute(sql, {"as_of": None, "young_age": young_age}).fetchall()[0]
    assert pairs > 14_600 * 10 and differ == 0
