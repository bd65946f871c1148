"""The demo city against DOMAIN.md: the seed report's figures, the 103 communes, pay and retirement
rules, secondment rules, determinism, removal and the CLI. The checks read the session's demo
(conftest); only the CLI tests build it again."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import duckdb
import pytest

from analytics import batches, db, reduction, workforce
from analytics.demo import build_demo
from analytics.errors import OversightError
from oversight.__main__ import main
from oversight.cli import demo as demo_cli

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def demo(demo_db_path: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """The session's demo city (conftest), read only."""
    con = db.connect(demo_db_path)
    yield con
    con.close()


def _row(con: duckdb.DuckDBPyConnection, sql: str, params: dict | None = None) -> tuple[Any, ...]:
    row = con.cursor().execute(sql, params or {}).fetchone()
    assert row is not None
    return row


def _one(con: duckdb.DuckDBPyConnection, sql: str, params: dict | None = None) -> Any:
    """The query's single value (its type is the column's: Any)."""
    return _row(con, sql, params)[0]


def _checksums(con: duckdb.DuckDBPyConnection) -> dict[str, object]:
    return {
        t: con.cursor()
        .execute(f"SELECT count(*), sum(hash(COLUMNS(*))) FROM (SELECT * EXCLUDE (batch_id) FROM {t})")
        .fetchone()
        for t in db.DATA_TABLES
    }


@pytest.mark.parametrize(
    ("province", "phuong", "xa"), [("can_tho", 16, 16), ("hau_giang", 7, 21), ("soc_trang", 8, 35)]
)
def test_communes_by_former_province(demo: duckdb.DuckDBPyConnection, province: str, phuong: int, xa: int) -> None:
    rows = dict(
        demo.cursor()
        .execute(
            "SELECT commune_kind, count(*) FROM unit WHERE unit_type = 'ubnd_xa' AND level = 'commune' "
            "AND valid_to IS NULL AND former_province = $p GROUP BY 1",
            {"p": province},
        )
        .fetchall()
    )
    assert rows == {"phuong": phuong, "xa": xa}


@pytest.mark.parametrize(
    ("sql", "expected"),
    [
        ("SELECT count(*) FROM unit WHERE unit_type = 'ubnd_xa' AND valid_to IS NULL", 103),
        ("SELECT count(*) FROM unit WHERE commune_kind = 'phuong' AND valid_to IS NULL", 31),
        ("SELECT count(*) FROM unit WHERE parent_code = 'CT' AND unit_type IN ('so_nganh', 'co_quan_khac')", 15),
        ("SELECT count(*) FROM unit WHERE unit_type = 'dvsnc' AND valid_to IS NULL", 1450),
        ("SELECT count(*) FROM unit WHERE unit_type = 'tinh_cu' AND merged_into = 'CT'", 3),
        ("SELECT count(*) FROM unit WHERE unit_type = 'huyen_cu'", 9 + 8 + 11),
        ("SELECT count(*) FROM unit WHERE unit_type = 'ubnd_xa' AND valid_to IS NULL AND especially_difficult", 15),
    ],
)
def test_unit_counts(demo: duckdb.DuckDBPyConnection, sql: str, expected: int) -> None:
    assert _one(demo, sql) == expected


@pytest.mark.parametrize(
    ("category", "year", "assigned", "pending"),
    [
        ("cong_chuc", 2021, 1860, 0),
        ("cong_chuc", 2024, 1841, 0),
        ("vien_chuc", 2021, 20735, 0),
        ("vien_chuc", 2024, 20735 - 1320, 374),
    ],
)
def test_old_can_tho_quota_matches_the_report(
    demo: duckdb.DuckDBPyConnection, category: str, year: int, assigned: int, pending: int
) -> None:
    row = (
        demo.cursor()
        .execute(
            "SELECT sum(q.quota_assigned), sum(q.cut_pending) FROM quota q JOIN unit_closure c USING (unit_code) "
            "WHERE c.ancestor_code = 'CT_CU' AND q.year = $y AND q.category = $c",
            {"y": year, "c": category},
        )
        .fetchone()
    )
    assert row == (assigned, pending)


def test_old_can_tho_quota_falls_every_year(demo: duckdb.DuckDBPyConnection) -> None:
    rows = (
        demo.cursor()
        .execute(
            "SELECT q.category, q.year, sum(q.quota_assigned) FROM quota q JOIN unit_closure c USING (unit_code) "
            "WHERE c.ancestor_code = 'CT_CU' GROUP BY ALL ORDER BY 1, 2"
        )
        .fetchall()
    )
    for category in ("cong_chuc", "vien_chuc"):
        series = [r[2] for r in rows if r[0] == category]
        assert len(series) == 4 and series == sorted(series, reverse=True) and len(set(series)) == 4


@pytest.mark.parametrize(("level", "year", "expected"), [("city", 2025, 4018), ("commune", 2025, 5933)])
def test_new_city_civil_quota(demo: duckdb.DuckDBPyConnection, level: str, year: int, expected: int) -> None:
    assert (
        _one(
            demo,
            "SELECT sum(quota_assigned) FROM quota JOIN unit u USING (unit_code) WHERE year = $y "
            "AND category = 'cong_chuc' AND u.level = $l AND u.valid_to IS NULL",
            {"y": year, "l": level},
        )
        == expected
    )


def test_quota_2026_is_a_few_percent_lower_with_units_over_quota(demo: duckdb.DuckDBPyConnection) -> None:
    q25, q26 = _row(
        demo,
        "SELECT sum(quota_assigned) FILTER (year = 2025), sum(quota_assigned) FILTER (year = 2026) FROM quota "
        "WHERE category = 'cong_chuc' AND year >= 2025",
    )
    assert 0.9 < q26 / q25 < 0.99
    over = _one(demo, "SELECT count(*) FROM quota WHERE year = 2026 AND present > quota_assigned")
    assert 2 <= over <= 3


AS_OF = date(2026, 9, 30)


@pytest.mark.parametrize("category", ["cong_chuc", "vien_chuc"])
def test_merged_agencies_cut_against_their_predecessors(demo: duckdb.DuckDBPyConnection, category: str) -> None:
    """Each agency's 2026 quota against the 2021 quota of the old agencies merged into it: no absurd
    progress, most on track, a few at risk or behind (Thanh tra has no public employees)."""
    rows = reduction.reduction_by_unit(demo, category=category, scope="CT", as_of=AS_OF)
    agencies = rows[rows["unit_type"].isin(["so_nganh", "co_quan_khac"])]
    progress = agencies["plan_progress_pct"].dropna()
    assert len(agencies) == 15 and len(progress) >= 14
    assert progress.min() > -50 and progress.max() < 400
    assert (agencies["baseline_quota"] >= agencies["current_quota"]).sum() >= 13
    assert 3 <= agencies["status"].isin(["at_risk", "behind"]).sum() <= 5


@pytest.mark.parametrize(("category", "abolished_share"), [("cong_chuc", 0.08), ("vien_chuc", 0.02)])
def test_communes_cut_a_few_percent_against_their_predecessors(
    demo: duckdb.DuckDBPyConnection, category: str, abolished_share: float
) -> None:
    """Civil servants against the old communes merged into each commune; public employees against
    the old district units of the commune's area (schools, health stations), which it took over.
    What is under no current unit (the districts' own staff) is a small part of the 2021 quota."""
    rows = reduction.reduction_by_unit(demo, category=category, scope="CT", as_of=AS_OF)
    communes = rows[rows["unit_type"] == "ubnd_xa"]
    pct = communes["reduced_pct"]
    assert len(pct) == 103 and pct.notna().all()
    assert pct.min() > -5 and pct.max() < 15 and 3 <= pct.median() <= 8
    assert communes["status"].nunique() == 3
    assert rows.loc[rows["unit_code"].isna(), "baseline_quota"].sum() < abolished_share * rows["baseline_quota"].sum()


@pytest.mark.parametrize(("category", "low", "high"), [("cong_chuc", 8, 13), ("vien_chuc", 6, 9)])
def test_city_quota_never_rises_2021_to_2026(
    demo: duckdb.DuckDBPyConnection, category: str, low: float, high: float
) -> None:
    years = reduction.reduction_by_year(demo, category=category, scope="CT").set_index("year")["quota_assigned"]
    assert list(years.index) == [2021, 2022, 2023, 2024, 2025, 2026]
    assert years.is_monotonic_decreasing
    assert low <= (1 - years[2026] / years[2021]) * 100 <= high


@pytest.mark.parametrize("category", ["cong_chuc", "vien_chuc"])
def test_every_sector_compares_2026_with_its_own_2021_staff(demo: duckdb.DuckDBPyConnection, category: str) -> None:
    """Old public employees are counted on public service units of their sector, so no sector shows
    a quota out of nowhere or a cut to zero."""
    rows = reduction.reduction_by_group(demo, category=category, by="sector", scope="CT", as_of=AS_OF)
    used = rows[(rows["baseline_quota"] > 0) | (rows["current_quota"] > 0)]
    assert used["group_code"].notna().all() and len(used) == (1 if category == "cong_chuc" else 6)
    assert ((used["reduced_pct"] > 0) & (used["reduced_pct"] < 25)).all()


def test_contract_staff_within_their_quota(demo: duckdb.DuckDBPyConnection) -> None:
    assert (
        _one(
            demo,
            "SELECT count(*) FROM quota WHERE year = 2026 AND category = 'nguoi_lao_dong' AND present > quota_assigned",
        )
        == 0
    )
    assert (
        _one(
            demo,
            "SELECT count(*) FROM person p WHERE p.as_of = '2026-09-30' AND p.category = 'nguoi_lao_dong' "
            "AND p.unit_code NOT IN (SELECT unit_code FROM quota WHERE year = 2026 AND category = 'nguoi_lao_dong')",
        )
        == 0
    )
    rows = workforce.headcount_by_unit(demo, as_of=AS_OF, scope="CT")
    staff = rows[rows["category"] == "nguoi_lao_dong"]
    assert len(staff) == 118 and (staff["quota"] >= staff["present"]).all()


@pytest.mark.parametrize(
    ("category", "year", "expected"),
    [
        ("cong_chuc", 2022, 3),
        ("cong_chuc", 2023, 3),
        ("cong_chuc", 2024, 3),
        ("vien_chuc", 2022, 75),
        ("vien_chuc", 2023, 17),
        ("vien_chuc", 2024, 3),
    ],
)
def test_reduction_people_of_the_report(
    demo: duckdb.DuckDBPyConnection, category: str, year: int, expected: int
) -> None:
    assert (
        _one(
            demo,
            "SELECT count(*) FROM reduction_case r JOIN unit_closure c USING (unit_code) "
            "WHERE c.ancestor_code = 'CT_CU' AND r.programme = 'tinh_gian_2022_2026' AND r.category = $c "
            "AND r.year = $y",
            {"c": category, "y": year},
        )
        == expected
    )


def test_merger_leavers_and_payouts(demo: duckdb.DuckDBPyConnection) -> None:
    n, paid, first, last = _row(
        demo,
        "SELECT count(*), sum(payout_vnd), min(decision_date), max(decision_date) FROM reduction_case "
        "WHERE programme = 'sap_xep_2025'",
    )
    assert n == 3264 and 3.05e12 < paid < 3.2e12
    assert date(2025, 7, 1) <= first and last <= date(2025, 10, 31)
    still = _one(
        demo,
        "SELECT count(DISTINCT r.person_id) FROM reduction_case r JOIN payroll p USING (person_id) "
        "WHERE r.programme = 'sap_xep_2025' AND p.month > r.effective_date",
    )
    assert 2 <= still <= 3


def test_roster_sizes(demo: duckdb.DuckDBPyConnection) -> None:
    rows = dict(demo.cursor().execute("SELECT as_of, count(*) FROM person GROUP BY 1").fetchall())
    assert rows[date(2026, 6, 30)] == 58000 and 57000 < rows[date(2026, 9, 30)] < 58000
    civil = dict(
        demo.cursor()
        .execute(
            "SELECT u.level, count(*) FROM person p JOIN unit u USING (unit_code) WHERE p.as_of = '2026-06-30' "
            "AND p.category IN ('cong_chuc', 'can_bo') GROUP BY 1"
        )
        .fetchall()
    )
    assert civil == {"city": 2590, "commune": 4530}


def test_nobody_in_post_past_retirement_and_ages_plausible(demo: duckdb.DuckDBPyConnection) -> None:
    assert (
        _one(
            demo,
            "SELECT count(*) FROM person p JOIN person_retirement r USING (as_of, unit_code, person_id) "
            "WHERE p.status = 'dang_cong_tac' AND r.retirement_date < p.as_of",
        )
        == 0
    )
    assert (
        _one(demo, "SELECT count(*) FROM person p ANTI JOIN person_retirement r USING (as_of, unit_code, person_id)")
        == 0
    )
    lo, hi = _row(
        demo, "SELECT min(date_diff('year', birth_date, as_of)), max(date_diff('year', birth_date, as_of)) FROM person"
    )
    assert 18 <= lo and hi <= 70


def test_coefficients_and_steps_follow_the_pay_scale(demo: duckdb.DuckDBPyConnection) -> None:
    assert _one(demo, "SELECT count(*) FROM person WHERE pay_group IS NULL") == 0
    assert (
        _one(
            demo,
            "SELECT count(*) FROM person p LEFT JOIN pay_scale s USING (pay_group, step) "
            "WHERE s.coef IS NULL OR s.coef <> p.salary_coef",
        )
        == 0
    )
    assert (
        _one(
            demo,
            """
        SELECT count(*) FROM person p JOIN pay_scale s USING (pay_group, step)
        WHERE p.step <> least(1 + (date_diff('year', p.hire_date, p.as_of)
                                   - CASE WHEN strftime(p.as_of, '%m%d') < strftime(p.hire_date, '%m%d') THEN 1 ELSE 0 END)
                                  // s.years_per_step,
                              (SELECT max(step) FROM pay_scale m WHERE m.pay_group = p.pay_group))
          AND p.hire_date <= p.as_of""",
        )
        == 0
    )


def test_payroll_amounts(demo: duckdb.DuckDBPyConnection) -> None:
    assert _one(demo, "SELECT count(DISTINCT month) FROM payroll") == 12
    assert (
        _one(
            demo,
            "SELECT count(*) FROM payroll WHERE basic_salary_vnd <> round(salary_coef * base_salary_vnd) "
            "OR total_vnd <> basic_salary_vnd + allowance_leadership_vnd + allowance_seniority_vnd "
            "+ allowance_occupational_vnd + allowance_public_service_vnd + allowance_other_vnd",
        )
        == 0
    )
    differ = _one(
        demo,
        "SELECT count(DISTINCT p.person_id) FROM payroll p JOIN person r ON r.person_id = p.person_id "
        "AND r.as_of = '2026-06-30' WHERE p.salary_coef <> r.salary_coef",
    )
    assert 3 <= differ <= 5


def test_secondments_follow_the_plan(demo: duckdb.DuckDBPyConnection) -> None:
    assert (
        _one(
            demo,
            "SELECT count(*) FROM secondment WHERE planned_end_date + INTERVAL 1 DAY "
            "< start_date + INTERVAL 36 MONTH AND exception_decision_no IS NULL",
        )
        == 0
    )
    assert _one(demo, "SELECT count(*) FROM secondment WHERE exception_decision_no IS NOT NULL") == 1
    sent = _one(demo, "SELECT count(*) FROM secondment")
    quota = _one(
        demo,
        "SELECT sum(quota_assigned) FROM quota JOIN unit u USING (unit_code) WHERE year = 2026 "
        "AND category = 'cong_chuc' AND u.level = 'city'",
    )
    assert 0.04 <= sent / quota <= 0.06
    assert _one(demo, "SELECT count(*) FROM (SELECT person_id FROM secondment GROUP BY 1 HAVING count(*) > 1)") == 1
    idle = _one(
        demo,
        "SELECT count(*) FROM unit u WHERE unit_type = 'ubnd_xa' AND valid_to IS NULL "
        "AND unit_code NOT IN (SELECT receiving_unit_code FROM secondment)",
    )
    assert 10 <= idle <= 15
    assert (
        _one(
            demo,
            "SELECT count(*) FROM secondment WHERE allowance_regime = 'mot_lan_10x' "
            "AND one_time_allowance_vnd <> 23400000",
        )
        == 0
    )


@pytest.mark.parametrize(
    ("condition", "low", "high"),
    [
        ("NOT p.in_succession_plan AND NOT p.is_leader", 2, 4),
        ("p.discipline IS NOT NULL AND p.discipline_until > s.start_date", 1, 2),
        ("p.health = 'yeu'", 1, 1),
    ],
)
def test_secondment_violations_are_planted(
    demo: duckdb.DuckDBPyConnection, condition: str, low: int, high: int
) -> None:
    n = _one(
        demo,
        "SELECT count(DISTINCT s.person_id) FROM secondment s JOIN person p ON p.person_id = s.person_id "
        f"AND p.as_of = '2026-06-30' WHERE {condition}",
    )
    assert low <= n <= high


def test_training_spans_behind_and_over_budget(demo: duckdb.DuckDBPyConnection) -> None:
    ratios = [
        r[0]
        for r in demo.cursor()
        .execute("""
        WITH fund AS (SELECT c.ancestor_code AS agency, 0.05 * sum(p.basic_salary_vnd) AS budget
                      FROM payroll p JOIN unit_closure c USING (unit_code) JOIN unit a ON a.unit_code = c.ancestor_code
                      WHERE a.parent_code = 'CT' AND a.unit_type IN ('so_nganh', 'co_quan_khac') GROUP BY 1),
             spend AS (SELECT c.ancestor_code AS agency, sum(t.cost_committed_vnd) AS committed
                       FROM training t JOIN unit_closure c USING (unit_code) WHERE t.funding = 'tai_co_cau_5pct' GROUP BY 1)
        SELECT committed / budget FROM fund JOIN spend USING (agency)""")
        .fetchall()
    ]
    assert len(ratios) == 15 and 0.25 <= min(ratios) <= 0.35 and 1.05 <= max(ratios) <= 1.15


def test_second_build_is_refused(demo: duckdb.DuckDBPyConnection) -> None:
    with pytest.raises(OversightError) as err:
        build_demo(demo)
    assert err.value.code == "demo_exists"


def test_cli_build_is_deterministic_refuses_twice_and_removes(
    demo: duckdb.DuckDBPyConnection, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "cli.duckdb"
    assert main(["demo", "--db", str(path)]) == 0
    out = capsys.readouterr().out
    assert "Đã nạp dữ liệu mẫu" in out and "payroll" in out and "giây" in out
    con = db.connect(path)
    try:
        assert _checksums(con) == _checksums(demo)
    finally:
        con.close()
    assert main(["demo", "--db", str(path)]) == 1
    assert "--force" in capsys.readouterr().out
    assert main(["demo", "--db", str(path), "--remove"]) == 0
    assert "Đã xóa dữ liệu mẫu" in capsys.readouterr().out
    con = db.connect(path)
    try:
        assert all(_one(con, f"SELECT count(*) FROM {t}") == 0 for t in db.DATA_TABLES)  # noqa: S608
        assert batches.demo_batches(con) == []
    finally:
        con.close()


def test_cli_force_removes_then_builds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "force.duckdb"
    con = db.connect(path)
    con.execute("INSERT INTO import_batch (kind, created_by) VALUES ('demo', 'test')")
    con.close()
    calls: list[int] = []

    def fake_build(con: duckdb.DuckDBPyConnection, *, seed: int, user: str) -> dict[str, int]:
        calls.append(seed)
        assert batches.demo_batches(con) == []
        return {"unit": 1}

    monkeypatch.setattr(demo_cli, "build_demo", fake_build)
    assert main(["demo", "--db", str(path), "--force", "--seed", "7"]) == 0
    assert calls == [7]
    assert "Đã xóa dữ liệu mẫu" in capsys.readouterr().out
