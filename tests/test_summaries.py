"""Summary tables (analytics/summaries.py) change no result: every KPI function over a spread of
scopes on the demo city gives the same answer from the summary tables as from the raw rows (the
summary tables replaced by views that aggregate the raw rows on every query), and a load and its
undo keep the tables equal to what the raw rows say."""

from __future__ import annotations

import inspect
import json
import shutil
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
import pytest

from analytics import (
    batches,
    db,
    kpis,
    quality,
    reduction,
    reorganisation,
    secondment,
    sql_files,
    summaries,
    training,
    workforce,
)
from analytics.policy import load_policy, save_setting
from tests.conftest import insert

pytestmark = pytest.mark.slow
AS_OF = date(2026, 9, 30)
MODULES = (kpis, reduction, secondment, training, workforce, quality, reorganisation)
# The whole database, the demo's root, an old province, an agency, a commune and a division.
SCOPES = (None, "CT", "CT_CU", "SNV", "XA103", "SNV.P01")
ARGUMENTS: dict[str, Any] = {
    "as_of": AS_OF,
    "category": "vien_chuc",
    "by": "former_province",
    "dimension": "category",
    "start": date(2015, 1, 1),
    "end": AS_OF,
    "whole_city": True,
    "report_scope": "CT_CU",
    "report_as_of": date(2024, 6, 30),
}
RAW_VIEWS = {
    "person_in_post": "SELECT as_of, unit_code, category, gender, ethnicity <> 'kinh' AS minority, "
    "count(*)::BIGINT AS people, count(*) FILTER (WHERE is_leader)::BIGINT AS leaders, "
    "count(*) FILTER (WHERE in_succession_plan)::BIGINT AS succession_pool, "
    "list(birth_date ORDER BY birth_date) AS births, count(salary_coef)::BIGINT AS coef_people, "
    "coalesce(CAST(sum(salary_coef) * 100 AS BIGINT), 0) AS coef_cents "
    "FROM person WHERE status = 'dang_cong_tac' GROUP BY ALL",
    "person_summary": "SELECT as_of, unit_code, category, status, count(*)::BIGINT AS people FROM person GROUP BY ALL",
    "payroll_summary": "SELECT month, unit_code, count(*)::BIGINT AS payroll_rows, "
    "sum(basic_salary_vnd)::BIGINT AS basic_salary_vnd FROM payroll GROUP BY ALL",
    "person_twice": "SELECT as_of, person_id, unit_code FROM person WHERE status = 'dang_cong_tac' "
    "QUALIFY count(*) OVER (PARTITION BY as_of, person_id) > 1",
    "payroll_coef_diff": "SELECT pr.month, pr.unit_code, pr.person_id, pr.salary_coef AS payroll_coef, "
    "p.salary_coef AS roster_coef, p.as_of AS roster_as_of "
    "FROM (SELECT l.unit_code, l.month, max(s.as_of) AS as_of "
    "FROM (SELECT DISTINCT unit_code, month FROM payroll) l JOIN (SELECT DISTINCT unit_code, as_of FROM person) s "
    "ON s.unit_code = l.unit_code AND s.as_of <= last_day(l.month) GROUP BY ALL) s "
    "JOIN payroll pr ON pr.unit_code = s.unit_code AND pr.month = s.month "
    "JOIN person p ON p.as_of = s.as_of AND p.unit_code = pr.unit_code AND p.person_id = pr.person_id "
    "WHERE p.salary_coef IS NOT NULL AND p.salary_coef <> pr.salary_coef",
    "payroll_after_leaving": "SELECT p.unit_code, p.month, p.person_id, r.case_id, r.unit_code AS case_unit_code, "
    "r.effective_date FROM reduction_case r JOIN payroll p ON p.person_id = r.person_id "
    "AND p.month > date_trunc('month', r.effective_date) "
    "WHERE r.status = 'da_nghi' AND r.effective_date IS NOT NULL AND r.person_id IS NOT NULL",
    "person_posted": "SELECT as_of, unit_code, person_id, birth_date, gender, ethnicity, is_leader, in_succession_plan, "
    "discipline, discipline_until, health FROM person WHERE person_id IN (SELECT person_id FROM secondment)",
    "person_coef_off": "SELECT p.as_of, p.unit_code, p.person_id, p.pay_group, p.step, p.salary_coef, "
    "s.coef AS scale_coef FROM person p LEFT JOIN pay_scale s ON s.pay_group = p.pay_group AND s.step = p.step "
    "WHERE p.status = 'dang_cong_tac' AND p.pay_group IS NOT NULL AND p.salary_coef IS NOT NULL "
    "AND s.coef IS DISTINCT FROM p.salary_coef",
    "person_birth": "SELECT as_of, birth_date, gender, sum(1)::BIGINT AS people FROM person "
    "WHERE status = 'dang_cong_tac' GROUP BY as_of, birth_date, gender",
    "unit_rollup": "SELECT DISTINCT ancestor_code, unit_code FROM unit_closure",
    "quota_rollup": "FROM (SELECT r.ancestor_code, q.category, q.year, count(*) AS quota_rows, "
    "sum(q.quota_assigned)::BIGINT AS quota_assigned, sum(q.cut_pending)::BIGINT AS cut_pending, "
    "sum(q.present)::BIGINT AS present FROM quota q "
    "JOIN (SELECT DISTINCT ancestor_code, unit_code FROM unit_closure) r USING (unit_code) GROUP BY ALL "
    "UNION ALL SELECT NULL, category, year, count(*), sum(quota_assigned)::BIGINT, sum(cut_pending)::BIGINT, "
    "sum(present)::BIGINT FROM quota WHERE unit_code IN (SELECT unit_code FROM unit) GROUP BY ALL)",
    "unknown_unit_ref": "FROM (SELECT table_name, unit_code, count(*)::BIGINT AS rows FROM ("
    "SELECT 'quota' AS table_name, unit_code FROM quota UNION ALL SELECT 'person', unit_code FROM person "
    "UNION ALL SELECT 'payroll', unit_code FROM payroll UNION ALL SELECT 'reduction_case', unit_code FROM reduction_case "
    "UNION ALL SELECT 'secondment', sending_unit_code FROM secondment "
    "UNION ALL SELECT 'secondment', receiving_unit_code FROM secondment UNION ALL SELECT 'training', unit_code FROM training "
    "UNION ALL SELECT 'unit', parent_code FROM unit UNION ALL SELECT 'unit', merged_into FROM unit) "
    "WHERE unit_code NOT IN (SELECT unit_code FROM unit) GROUP BY ALL)",
    # a walk of its own up parent_code and merged_into (the table is read from the view unit_closure)
    "unit_agency": "FROM (WITH RECURSIVE walk(unit_code, up_code, depth) AS ("
    "SELECT unit_code, unit_code, 0 FROM unit UNION SELECT w.unit_code, u.up, w.depth + 1 FROM walk w "
    "JOIN (SELECT unit_code, parent_code AS up FROM unit UNION SELECT unit_code, merged_into FROM unit) u "
    "ON u.unit_code = w.up_code AND u.up IS NOT NULL WHERE w.depth < 32) "
    "SELECT w.unit_code, first(w.up_code ORDER BY w.depth, w.up_code) AS agency_code FROM walk w "
    "JOIN unit a ON a.unit_code = w.up_code "
    "WHERE a.unit_type IN ('so_nganh', 'co_quan_khac') AND a.merged_into IS NULL GROUP BY w.unit_code)",
    "roster_latest": "FROM (WITH latest AS (SELECT unit_code, max(as_of) AS snap FROM person GROUP BY unit_code) "
    "SELECT s.unit_code, s.snap, u.valid_to FROM latest s JOIN unit u USING (unit_code) "
    "LEFT JOIN latest m ON m.unit_code = u.merged_into WHERE m.snap IS NULL OR m.snap <= s.snap)",
    "commune_unit": "SELECT unit_code, coalesce(short_name, name) AS name, commune_kind, former_province, "
    "especially_difficult, valid_from, valid_to, coalesce((SELECT list({'start_date': s.start_date, "
    "'end_date': coalesce(s.actual_end_date, s.planned_end_date)} ORDER BY s.start_date, s.secondment_id) "
    "FROM secondment s WHERE s.receiving_unit_code = unit.unit_code), []) AS postings FROM unit "
    "WHERE unit_type = 'ubnd_xa' AND level = 'commune' AND merged_into IS NULL",
    "agency_unit": "SELECT unit_code, coalesce(short_name, name) AS name, unit_type, restructured_on, valid_from, "
    "valid_to FROM unit WHERE unit_type IN ('so_nganh', 'co_quan_khac') AND merged_into IS NULL",
    "agency_rollup": "SELECT DISTINCT c.ancestor_code AS agency_code, c.unit_code FROM unit_closure c "
    "JOIN unit a ON a.unit_code = c.ancestor_code "
    "WHERE a.unit_type IN ('so_nganh', 'co_quan_khac') AND a.merged_into IS NULL",
    "roster_date": "FROM (WITH dated AS (SELECT as_of, count(DISTINCT unit_code) AS units FROM person GROUP BY as_of), "
    "latest AS (SELECT snap, count(*) AS units, min(valid_to) AS first_end FROM roster_latest GROUP BY snap) "
    "SELECT d.as_of, d.units::BIGINT AS units, coalesce(l.units, 0)::BIGINT AS latest_units, l.first_end "
    "FROM dated d LEFT JOIN latest l ON l.snap = d.as_of)",
    "quota_subtotal": "FROM (SELECT q.unit_code, q.year, q.category, q.quota_assigned, "
    "c.children_quota::BIGINT AS children_quota, c.children::BIGINT AS children FROM quota q JOIN ("
    "SELECT u.parent_code AS unit_code, q.year, q.category, sum(q.quota_assigned) AS children_quota, "
    "count(*) AS children FROM quota q JOIN unit u ON u.unit_code = q.unit_code "
    "WHERE u.parent_code IS NOT NULL GROUP BY ALL) c USING (unit_code, year, category) "
    "WHERE q.quota_assigned = c.children_quota AND q.quota_assigned > 0)",
    "unit_group_key": "FROM (SELECT 'sector' AS attribute, c.unit_code, "
    "min_by(a.sector, c.depth) FILTER (WHERE a.sector IS NOT NULL) AS key "
    "FROM unit_closure c JOIN unit a ON a.unit_code = c.ancestor_code GROUP BY c.unit_code "
    "UNION ALL SELECT 'former_province', s.unit_code, "
    "min_by(a.former_province, c.depth) FILTER (WHERE a.former_province IS NOT NULL) "
    "FROM (SELECT u.unit_code, coalesce(us.successor_code, u.unit_code) AS successor "
    "FROM unit u LEFT JOIN unit_successor us USING (unit_code)) s "
    "JOIN unit_closure c ON c.unit_code = s.successor JOIN unit a ON a.unit_code = c.ancestor_code "
    "GROUP BY s.unit_code)",
}


def kpi_functions() -> list[tuple[str, Callable[..., Any]]]:
    """Every public function of the KPI modules that takes a scope."""
    found: list[tuple[str, Callable[..., Any]]] = []
    for module in MODULES:
        for name, fn in inspect.getmembers(module, inspect.isfunction):
            if (
                not name.startswith("_")
                and fn.__module__ == module.__name__
                and "scope" in inspect.signature(fn).parameters
            ):
                found.append((f"{module.__name__.rsplit('.', 1)[1]}.{name}", fn))
    return found


def call(fn: Callable[..., Any], con: duckdb.DuckDBPyConnection, scope: str | None) -> Any:
    params = inspect.signature(fn).parameters
    return fn(con, scope=scope, **{k: v for k, v in ARGUMENTS.items() if k in params})


def canonical(result: Any) -> Any:
    if isinstance(result, pd.DataFrame):
        return result.reset_index(drop=True)
    return json.dumps(result, default=str, sort_keys=True)


@pytest.fixture(scope="module")
def both(demo_db_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Any, Any]]:
    """(the demo with its summary tables, a copy whose summary tables are views over the raw rows)."""
    raw_path = tmp_path_factory.mktemp("raw") / "raw.duckdb"
    shutil.copy(demo_db_path, raw_path)
    raw = db.connect(raw_path)
    for table, sql in RAW_VIEWS.items():
        raw.execute(f"DROP TABLE {table}; CREATE VIEW {table} AS {sql}")
    summarised = db.connect(demo_db_path)
    yield summarised, raw
    summarised.close()
    raw.close()


def test_there_are_kpi_functions_to_compare() -> None:
    assert len(kpi_functions()) >= 30


@pytest.mark.parametrize("scope", SCOPES)
def test_every_kpi_is_the_same_from_summaries_and_raw_rows(both: tuple[Any, Any], scope: str | None) -> None:
    summarised, raw = both
    for name, fn in kpi_functions():
        ours, theirs = canonical(call(fn, summarised, scope)), canonical(call(fn, raw, scope))
        if isinstance(ours, pd.DataFrame):
            pd.testing.assert_frame_equal(ours, theirs, check_exact=True, obj=f"{name}(scope={scope})")
        else:
            assert ours == theirs, name


@pytest.mark.parametrize("scope", SCOPES)
def test_every_kpi_is_the_same_either_way_of_the_roster(
    both: tuple[Any, Any], scope: str | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On or after the last roster date the roster's units are read from roster_latest: every KPI
    function gives the same answer as with the latest dates found per unit (the way for an earlier
    date), which the demo's report date still takes."""
    summarised, _ = both
    assert sql_files.roster_stable(summarised, AS_OF)
    assert not sql_files.roster_stable(summarised, ARGUMENTS["report_as_of"])
    for name, fn in kpi_functions():
        ours = canonical(call(fn, summarised, scope))
        with monkeypatch.context() as m:
            m.setattr(sql_files, "roster_stable", lambda con, roster_as_of: False)
            theirs = canonical(call(fn, summarised, scope))
        if isinstance(ours, pd.DataFrame):
            pd.testing.assert_frame_equal(ours, theirs, check_exact=True, obj=f"{name}(scope={scope})")
        else:
            assert ours == theirs, name


# Rosters of mixed dates on a copy of the demo (every unit's latest roster there is of one date):
# what each change does to the roster dates read whole (roster_date), as of AS_OF.
MIXED_ROSTERS: dict[str, tuple[list[str], list[date]]] = {
    "two communes' latest roster is the one before": (
        ["DELETE FROM person WHERE unit_code IN ('XA001', 'XA002') AND as_of = DATE '2026-09-30'"],
        [date(2026, 9, 30)],
    ),
    "a date only one commune has, its latest": (
        [
            "DELETE FROM person WHERE unit_code = 'XA003' AND as_of = DATE '2026-09-30'",
            "UPDATE person SET as_of = DATE '2026-03-31' WHERE unit_code = 'XA003'",
        ],
        [date(2026, 3, 31), date(2026, 9, 30)],
    ),
    "rows of a unit the unit table does not hold": (
        [
            "INSERT INTO person SELECT * REPLACE ('ZZ999' AS unit_code) FROM person "
            "WHERE unit_code = 'XA004' AND as_of = DATE '2026-09-30'"
        ],
        [],
    ),
    "a unit closed before the date": (["UPDATE unit SET valid_to = DATE '2026-07-01' WHERE unit_code = 'XA005'"], []),
    "an old unit whose successor has a newer roster": (
        [
            "DELETE FROM person WHERE unit_code = 'XA006' AND as_of = DATE '2026-09-30'",
            "UPDATE unit SET merged_into = 'XA007' WHERE unit_code = 'XA006'",
        ],
        [date(2026, 9, 30)],
    ),
}


@pytest.mark.parametrize("case", MIXED_ROSTERS)
def test_every_kpi_is_the_same_with_roster_dates_read_whole_or_joined(
    demo_db_path: Path, tmp_path: Path, case: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The roster's rows of a date all of whose units have it as their roster date are taken by the
    date alone (roster_date): every KPI function gives the same answer as with every date's rows
    joined to their unit's date, whichever dates the rosters leave whole."""
    statements, whole = MIXED_ROSTERS[case]
    path = tmp_path / "mixed.duckdb"
    shutil.copy(demo_db_path, path)
    con = db.connect(path)
    try:
        for sql in statements:
            con.execute(sql)
        summaries.refresh(con, None)
        _summary_is_raw(con)
        assert sql_files.roster_whole(con, AS_OF) == whole
        assert sql_files.roster_whole(con, ARGUMENTS["report_as_of"]) == []  # an earlier roster: joined
        for scope in (None, "CT", "XA007"):
            for name, fn in kpi_functions():
                ours = canonical(call(fn, con, scope))
                with monkeypatch.context() as m:
                    m.setattr(sql_files, "roster_whole", lambda con, roster_as_of: [])
                    theirs = canonical(call(fn, con, scope))
                if isinstance(ours, pd.DataFrame):
                    pd.testing.assert_frame_equal(ours, theirs, check_exact=True, obj=f"{name}(scope={scope})")
                else:
                    assert ours == theirs, name
    finally:
        con.close()


# Rows naming units the unit table does not hold, in every table a scope test reads (outside every
# scope, and left out of the whole database's figures by unknown_unit_ref).
UNKNOWN_UNIT_ROWS = [
    "INSERT INTO person SELECT * REPLACE ('ZZ901' AS unit_code) FROM person WHERE unit_code = 'XA004'",
    "INSERT INTO payroll SELECT * REPLACE ('ZZ901' AS unit_code) FROM payroll WHERE unit_code = 'XA004'",
    "INSERT INTO quota SELECT * REPLACE ('ZZ901' AS unit_code) FROM quota WHERE unit_code = 'SNV'",
    "INSERT INTO reduction_case SELECT * REPLACE (case_id || '-Z' AS case_id, 'ZZ902' AS unit_code) "
    "FROM reduction_case",
    "INSERT INTO secondment SELECT * REPLACE (secondment_id || '-Z' AS secondment_id, "
    "'ZZ903' AS receiving_unit_code) FROM secondment",
    "INSERT INTO secondment SELECT * REPLACE (secondment_id || '-Y' AS secondment_id, "
    "'ZZ904' AS sending_unit_code) FROM secondment WHERE secondment_id NOT LIKE '%-Z'",
    "INSERT INTO training SELECT * REPLACE (record_id || '-Z' AS record_id, 'ZZ905' AS unit_code) FROM training",
]


@pytest.mark.parametrize("unknown", [False, True])
def test_every_kpi_of_the_whole_database_is_the_same_with_the_scope_tests_answered(
    demo_db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, unknown: bool
) -> None:
    """With no scope the queries run with their tests against the scope's walk written as their
    answer, and against unknown_unit_ref too when it has no row (sql_files.load_whole): every KPI
    function gives what the queries as written give, with no unknown unit and with rows of units
    the unit table lacks in every table (left out either way)."""
    path = tmp_path / "unknown.duckdb"
    shutil.copy(demo_db_path, path)
    con = db.connect(path)
    try:
        for sql in UNKNOWN_UNIT_ROWS if unknown else []:
            con.execute(sql)
        summaries.refresh(con, None)
        known = {r[0] for r in con.execute("SELECT DISTINCT table_name FROM unknown_unit_ref").fetchall()}
        assert (
            known >= {"person", "payroll", "quota", "reduction_case", "secondment", "training"}
            if unknown
            else not known
        )
        assert sql_files.every_unit_known(con) is not unknown
        for name, fn in kpi_functions():
            ours = canonical(call(fn, con, None))
            with monkeypatch.context() as m:
                m.setattr(sql_files, "_statement", lambda con, name, used: (sql_files.load(name), used))
                theirs = canonical(call(fn, con, None))
            if isinstance(ours, pd.DataFrame):
                pd.testing.assert_frame_equal(ours, theirs, check_exact=True, obj=name)
            else:
                assert ours == theirs, name
    finally:
        con.close()


@pytest.mark.parametrize("young_age", [0, 1, 33])
def test_young_from_the_birth_lists_is_young_from_the_rows(both: tuple[Any, Any], young_age: int) -> None:
    """person_in_post counts the young from its birth lists, both ways the queries have (a cut-off
    date from 1 year up, the age itself below that): the same counts as the person rows give."""
    summarised, raw = both
    before = load_policy(summarised).young_age_threshold
    try:
        for con in both:
            save_setting(con, "young_age_threshold", young_age, user="test")
        for fn in (workforce.headcount_by_category, workforce.workforce_by, secondment.secondment_by_agency):
            for scope in (None, "SNV"):
                ours, theirs = call(fn, summarised, scope), call(fn, raw, scope)
                pd.testing.assert_frame_equal(ours, theirs, check_exact=True, obj=f"{fn.__name__}({scope})")
    finally:
        for con in both:
            save_setting(con, "young_age_threshold", before, user="test")


@pytest.mark.parametrize("dimension", workforce.PROFILE_DIMENSIONS)
def test_workforce_by_from_person_in_post_is_workforce_by_from_the_rows(
    both: tuple[Any, Any], dimension: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """workforce_by reads the dimensions person_in_post keeps from its groups: the same frame as the
    query over the person rows that the other dimensions use."""
    summarised, _ = both
    for scope in SCOPES:
        ours = workforce.workforce_by(summarised, dimension=dimension, as_of=AS_OF, scope=scope)
        with monkeypatch.context() as m:
            m.setattr(workforce, "PROFILE_DIMENSIONS", ())
            theirs = workforce.workforce_by(summarised, dimension=dimension, as_of=AS_OF, scope=scope)
        pd.testing.assert_frame_equal(ours, theirs, check_exact=True, obj=f"workforce_by({dimension}, {scope})")


def test_the_average_coefficient_of_the_training_estimate_is_the_average_over_the_people_in_post(
    both: tuple[Any, Any],
) -> None:
    """training_budget_by_agency averages the salary coefficient from person_in_post's sums: the
    average over the roster's person rows of each agency's units, people without a coefficient left
    out (the bits of the average from the groups are checked against avg() over every scope of the
    demo in the commit that made it)."""
    summarised, _ = both
    rows = sql_files.load("_scope_units") + ",\n" + sql_files.load("_roster") + ",\n" + sql_files.load("_city_agencies")
    params = {
        "scope": None,
        "roster_as_of": AS_OF,
        "as_of": AS_OF,
        "roster_stable": sql_files.roster_stable(summarised, AS_OF),
        "roster_whole": sql_files.roster_whole(summarised, AS_OF),
    }
    expected = dict(
        summarised.execute(
            f"WITH RECURSIVE {rows} SELECT s.agency_code, avg(p.salary_coef)::DOUBLE FROM roster p "
            "JOIN agency_subtree s ON s.unit_code = p.unit_code "
            "WHERE p.status = 'dang_cong_tac' AND p.salary_coef IS NOT NULL GROUP BY s.agency_code",
            {k: v for k, v in params.items() if f"${k}" in rows},
        ).fetchall()
    )
    found = training.training_budget_by_agency(summarised, as_of=AS_OF)
    assert len(found) == len(expected) > 10
    for agency, coef in zip(found["agency_code"], found["avg_coef"], strict=True):
        assert coef == pytest.approx(expected[agency], rel=1e-14), agency


def _summary_is_raw(con: duckdb.DuckDBPyConnection) -> None:
    for table, sql in RAW_VIEWS.items():
        diff = con.execute(
            f"SELECT count(*) FROM ((FROM {table} EXCEPT ALL {sql}) UNION ALL ({sql} EXCEPT ALL FROM {table}))"
        ).fetchone()  # noqa: S608
        assert diff == (0,), table


def _person(pid: str, unit: str, as_of: str = "2025-06-30") -> dict[str, Any]:
    """A roster row of a woman civil servant born in 1980."""
    return {
        "as_of": as_of,
        "unit_code": unit,
        "person_id": pid,
        "full_name": pid,
        "birth_date": "1980-01-01",
        "gender": "nu",
        "category": "cong_chuc",
    }


def _pay(pid: str, unit: str, month: str = "2025-07-01") -> dict[str, Any]:
    """A payroll row at coefficient 2,34."""
    return {
        "month": month,
        "unit_code": unit,
        "person_id": pid,
        "salary_coef": 2.34,
        "base_salary_vnd": 2340000,
        "basic_salary_vnd": 5475600,
        "total_vnd": 5475600,
    }


def test_a_load_and_its_undo_keep_the_summaries_equal_to_the_rows(con: duckdb.DuckDBPyConnection) -> None:
    insert(con, "person", [_person("P1", "A"), _person("P2", "A"), _person("P3", "B")])
    insert(con, "payroll", [_pay("P1", "A")])
    _summary_is_raw(con)
    assert con.execute("SELECT people FROM person_summary WHERE unit_code = 'A'").fetchall() == [(2,)]
    # a second load replaces unit A's roster of that date (the importer archives the old rows)
    b = batches.open_batch(con, kind="cli", user="t", as_of=None, note=None)
    batches.replace_rows(con, "person", pd.DataFrame({"unit_code": ["A"], "as_of": [date(2025, 6, 30)]}), b)
    con.execute(
        f"INSERT INTO person (as_of, unit_code, person_id, full_name, birth_date, gender, category, batch_id) "
        f"VALUES ('2025-06-30', 'A', 'P9', 'P9', '1980-01-01', 'nam', 'vien_chuc', {b})"
    )
    batches.close_batch(con, b, {"person": 1})
    _summary_is_raw(con)
    assert con.execute("SELECT category, people FROM person_summary WHERE unit_code = 'A'").fetchall() == [
        ("vien_chuc", 1)
    ]
    batches.undo_batch(con, b, user="t")
    _summary_is_raw(con)
    assert con.execute("SELECT category, people FROM person_summary WHERE unit_code = 'A'").fetchall() == [
        ("cong_chuc", 2)
    ]
    summaries.refresh(con, None)
    _summary_is_raw(con)


def _unit(code: str, parent: str | None = None) -> dict[str, Any]:
    return {"unit_code": code, "name": code, "unit_type": "so_nganh", "level": "city", "parent_code": parent}


def test_unit_rollup_follows_unit_loads_and_undos(con: duckdb.DuckDBPyConnection) -> None:
    insert(con, "unit", [_unit("CT"), _unit("S1", "CT"), _unit("S1.P1", "S1")])
    _summary_is_raw(con)
    assert con.execute("SELECT unit_code FROM unit_rollup WHERE ancestor_code = 'CT' ORDER BY 1").fetchall() == [
        ("CT",),
        ("S1",),
        ("S1.P1",),
    ]
    # an old unit merged into S1, with a division of its own: both roll up to S1 and to CT
    b = batches.open_batch(con, kind="cli", user="t", as_of=None, note=None)
    con.execute(
        f"INSERT INTO unit (unit_code, name, unit_type, level, parent_code, merged_into, former_province, batch_id) "
        f"VALUES ('OLD', 'OLD', 'so_nganh', 'city', NULL, 'S1', 'hau_giang', {b}), "
        f"('OLD.P', 'OLD.P', 'phong', 'city', 'OLD', NULL, NULL, {b})"
    )
    con.execute("UPDATE unit SET sector = 'y_te' WHERE unit_code = 'S1'")
    batches.close_batch(con, b, {"unit": 2})
    _summary_is_raw(con)
    # the reduction page's keys: the sector up the tree and the merger; the former province from the
    # unit that carries it today (OLD is carried by S1, which has none), its division's from OLD
    keys = con.execute("SELECT unit_code || ' ' || attribute, key FROM unit_group_key WHERE unit_code LIKE 'OLD%'")
    assert dict(keys.fetchall()) == {
        "OLD sector": "y_te",
        "OLD former_province": None,
        "OLD.P sector": "y_te",
        "OLD.P former_province": "hau_giang",
    }
    assert con.execute("SELECT count(*) FROM unit_rollup WHERE ancestor_code = 'S1'").fetchone() == (4,)
    assert con.execute("SELECT count(*) FROM unit_rollup WHERE unit_code = 'OLD.P'").fetchone() == (4,)
    # OLD.P's agency: not OLD (merged away) but S1, which took OLD over
    assert con.execute("SELECT agency_code FROM unit_agency WHERE unit_code = 'OLD.P'").fetchone() == ("S1",)
    # a roster load leaves the rollup alone; an undo of the units takes their rows away
    insert(con, "person", [_person("P1", "OLD.P")])
    _summary_is_raw(con)
    batches.undo_batch(con, b, user="t")
    _summary_is_raw(con)
    assert con.execute("SELECT count(*) FROM unit_rollup WHERE unit_code LIKE 'OLD%'").fetchone() == (0,)


def _quota(unit: str, quota: int, year: int = 2025, present: int | None = None) -> dict[str, Any]:
    return {"unit_code": unit, "year": year, "category": "cong_chuc", "quota_assigned": quota, "present": present}


def test_quota_rollup_follows_quota_and_unit_loads_and_undos(con: duckdb.DuckDBPyConnection) -> None:
    def rollup(ancestor: str | None) -> list[tuple[Any, ...]]:
        return con.execute(
            "SELECT year, quota_rows, quota_assigned, present FROM quota_rollup "
            "WHERE ancestor_code IS NOT DISTINCT FROM $a ORDER BY year",
            {"a": ancestor},
        ).fetchall()

    insert(con, "unit", [_unit("CT"), _unit("S1", "CT"), _unit("S1.P1", "S1"), _unit("S2", "CT")])
    insert(con, "quota", [_quota("S1", 40, present=38), _quota("S1.P1", 10), _quota("S2", 5), _quota("GONE", 7)])
    _summary_is_raw(con)
    # the unit not in the unit table counts nowhere, not even in the whole database's row
    assert rollup("CT") == rollup(None) == [(2025, 3, 55, 38)]
    assert rollup("S1") == [(2025, 2, 50, 38)]
    # a second quota year, then its undo
    b = batches.open_batch(con, kind="cli", user="t", as_of=None, note=None)
    con.execute(
        f"INSERT INTO quota (unit_code, year, category, quota_assigned, batch_id) VALUES ('S1', 2026, 'cong_chuc', 36, {b})"
    )
    batches.close_batch(con, b, {"quota": 1})
    _summary_is_raw(con)
    assert rollup("CT") == [(2025, 3, 55, 38), (2026, 1, 36, None)]
    batches.undo_batch(con, b, user="t")
    _summary_is_raw(con)
    assert rollup("CT") == [(2025, 3, 55, 38)]
    # the missing unit arrives, merged into S2: its quota now rolls up to S2 and to CT
    insert(con, "unit", [{**_unit("GONE"), "merged_into": "S2"}])
    _summary_is_raw(con)
    assert rollup("S2") == [(2025, 2, 12, None)] and rollup("CT") == [(2025, 4, 62, 38)]


def test_rows_of_units_taken_away_count_in_no_figure_until_the_units_come_back(
    con: duckdb.DuckDBPyConnection,
) -> None:
    """unknown_unit_ref follows the undo of a unit load: the whole database's figures (no scope) leave
    the rows of the units it took away out, and the quality check lists them, until a load brings
    the units back."""

    def whole() -> tuple[Any, ...]:
        quota = reduction.reduction_by_year(con, category="cong_chuc")["quota_assigned"].tolist()
        fields = training.training_by_field(con)
        return quota, int(fields["records"].sum()), len(quality.check_unknown_unit(con))

    insert(con, "unit", [_unit("CT"), _unit("S1", "CT")])
    b = batches.open_batch(con, kind="cli", user="t", as_of=None, note=None)
    con.execute(
        "INSERT INTO unit (unit_code, name, unit_type, level, parent_code, batch_id) "
        f"VALUES ('S2', 'S2', 'so_nganh', 'city', 'CT', {b})"
    )
    batches.close_batch(con, b, {"unit": 1})
    insert(con, "quota", [_quota("S1", 40), _quota("S2", 5)])
    insert(
        con,
        "training",
        [
            {
                "record_id": t,
                "unit_code": u,
                "course_name": t,
                "field": "kinh_te_phap_luat",
                "start_date": "2025-09-01",
                "funding": "thuong_xuyen",
            }
            for t, u in (("T1", "S1"), ("T2", "S2"))
        ],
    )
    assert whole() == ([45], 2, 0)
    batches.undo_batch(con, b, user="t")  # S2 goes: its quota and training rows name an unknown unit
    _summary_is_raw(con)
    assert whole() == ([40], 1, 2)
    insert(con, "unit", [_unit("S2", "CT")])
    _summary_is_raw(con)
    assert whole() == ([45], 2, 0)


def test_person_twice_follows_loads_and_undos_of_either_unit(con: duckdb.DuckDBPyConnection) -> None:
    def twice() -> list[tuple[str, str]]:
        return con.execute("SELECT person_id, unit_code FROM person_twice ORDER BY ALL").fetchall()

    def reload_a(pids: list[str]) -> int:
        b = batches.open_batch(con, kind="cli", user="t", as_of=None, note=None)
        batches.replace_rows(con, "person", pd.DataFrame({"unit_code": ["A"], "as_of": [date(2025, 6, 30)]}), b)
        for pid in pids:
            con.execute(
                "INSERT INTO person (as_of, unit_code, person_id, full_name, birth_date, gender, category, batch_id) "
                f"VALUES ('2025-06-30', 'A', '{pid}', '{pid}', '1980-01-01', 'nam', 'cong_chuc', {b})"
            )
        batches.close_batch(con, b, {"person": len(pids)})
        return b

    insert(
        con,
        "person",
        [_person("P1", "A"), _person("P2", "A"), _person("P1", "B"), _person("P2", "B"), _person("P2", "C")],
    )
    _summary_is_raw(con)
    assert twice() == [("P1", "A"), ("P1", "B"), ("P2", "A"), ("P2", "B"), ("P2", "C")]
    b = reload_a(["P3"])  # A no longer lists P1 (then listed by B alone) nor P2 (still by B and C)
    _summary_is_raw(con)
    assert twice() == [("P2", "B"), ("P2", "C")]
    batches.undo_batch(con, b, user="t")
    _summary_is_raw(con)
    assert twice() == [("P1", "A"), ("P1", "B"), ("P2", "A"), ("P2", "B"), ("P2", "C")]
    reload_a(["P3"])
    reload_a(["P3", "P4"])
    _summary_is_raw(con)
    insert(con, "person", [_person("P3", "D")])  # another unit lists one of A's people
    _summary_is_raw(con)
    assert twice() == [("P2", "B"), ("P2", "C"), ("P3", "A"), ("P3", "D")]


def _reposted(con: duckdb.DuckDBPyConnection, sid: str, pid: str, to: str, start: str, end: str) -> int:
    """A batch that replaces posting ``sid`` (as the importer does) by one of ``pid`` from A to ``to``."""
    b = batches.open_batch(con, kind="cli", user="t", as_of=None, note=None)
    batches.replace_rows(con, "secondment", pd.DataFrame({"secondment_id": [sid]}), b)
    con.execute(
        "INSERT INTO secondment (secondment_id, person_id, sending_unit_code, receiving_unit_code, start_date, "
        "planned_end_date, status, batch_id) VALUES ($s, $p, 'A', $to, $start, $end, 'dang_tang_cuong', $b)",
        {"s": sid, "p": pid, "to": to, "start": start, "end": end, "b": b},
    )
    batches.close_batch(con, b, {"secondment": 1})
    return b


def test_person_posted_follows_secondment_and_roster_loads_and_undos(con: duckdb.DuckDBPyConnection) -> None:
    def posting(sid: str, pid: str) -> dict[str, Any]:
        return {
            "secondment_id": sid,
            "person_id": pid,
            "sending_unit_code": "A",
            "receiving_unit_code": "X",
            "start_date": "2025-08-01",
            "planned_end_date": "2028-08-01",
            "status": "dang_tang_cuong",
        }

    def posted() -> list[tuple[str, str, str]]:
        rows = con.execute("SELECT person_id, unit_code, CAST(as_of AS VARCHAR) FROM person_posted ORDER BY ALL")
        return rows.fetchall()

    insert(
        con,
        "person",
        [_person("P1", "A", "2025-06-30"), _person("P2", "A", "2025-06-30"), _person("P1", "B", "2024-12-31")],
    )
    assert posted() == []
    insert(con, "secondment", [posting("S1", "P1")])  # a secondment brings the person's rows of every unit
    _summary_is_raw(con)
    assert posted() == [("P1", "A", "2025-06-30"), ("P1", "B", "2024-12-31")]
    b = _reposted(con, "S1", "P2", "X", "2025-08-01", "2028-08-01")  # a posting replaced by another
    _summary_is_raw(con)
    assert posted() == [("P2", "A", "2025-06-30")]
    batches.undo_batch(con, b, user="t")
    _summary_is_raw(con)
    assert posted() == [("P1", "A", "2025-06-30"), ("P1", "B", "2024-12-31")]
    insert(con, "person", [_person("P1", "C", "2025-09-30")])  # a roster load of another unit lists P1 too
    _summary_is_raw(con)
    assert ("P1", "C", "2025-09-30") in posted()


def test_payroll_after_leaving_follows_payroll_and_reduction_loads_and_undos(con: duckdb.DuckDBPyConnection) -> None:
    def case(cid: str, pid: str, effective: str) -> dict[str, Any]:
        return {
            "case_id": cid,
            "person_id": pid,
            "unit_code": "A",
            "category": "cong_chuc",
            "route": "thoi_viec",
            "year": 2025,
            "effective_date": effective,
            "status": "da_nghi",
        }

    def after() -> list[tuple[str, str, str, str]]:
        rows = con.execute(
            "SELECT case_id, person_id, unit_code, CAST(month AS VARCHAR) FROM payroll_after_leaving ORDER BY ALL"
        )
        return rows.fetchall()

    insert(
        con, "payroll", [_pay("P1", "A", "2025-05-01"), _pay("P1", "A", "2025-07-01"), _pay("P2", "B", "2025-07-01")]
    )
    insert(con, "reduction_case", [case("C1", "P1", "2025-06-15")])  # paid in July after leaving in June
    _summary_is_raw(con)
    assert after() == [("C1", "P1", "A", "2025-07-01")]
    b = batches.open_batch(con, kind="cli", user="t", as_of=None, note=None)  # the case now names P2
    batches.replace_rows(con, "reduction_case", pd.DataFrame({"case_id": ["C1"]}), b)
    con.execute(
        "INSERT INTO reduction_case (case_id, person_id, unit_code, category, route, year, effective_date, "
        f"status, batch_id) VALUES ('C1', 'P2', 'A', 'cong_chuc', 'thoi_viec', 2025, '2025-06-15', 'da_nghi', {b})"
    )
    batches.close_batch(con, b, {"reduction_case": 1})
    _summary_is_raw(con)
    assert after() == [("C1", "P2", "B", "2025-07-01")]  # paid by another unit: still found
    batches.undo_batch(con, b, user="t")
    _summary_is_raw(con)
    assert after() == [("C1", "P1", "A", "2025-07-01")]
    insert(con, "payroll", [_pay("P1", "C", "2025-08-01")])  # a payroll load of another unit pays P1 too
    _summary_is_raw(con)
    assert after() == [("C1", "P1", "A", "2025-07-01"), ("C1", "P1", "C", "2025-08-01")]


def test_the_communes_postings_follow_secondment_loads_and_undos(con: duckdb.DuckDBPyConnection) -> None:
    """commune_unit.postings: each commune's postings (start; actual end, else planned), refreshed by
    a secondment load, its replacement of a posting and its undo; secondment_by_commune counts them."""
    insert(
        con,
        "unit",
        [
            _unit("CT"),
            _unit("A", "CT"),
            {"unit_code": "X", "name": "Xã X", "unit_type": "ubnd_xa", "level": "commune", "parent_code": "CT"},
            {"unit_code": "Y", "name": "Xã Y", "unit_type": "ubnd_xa", "level": "commune", "parent_code": "CT"},
        ],
    )

    def posting(sid: str, to: str, start: str, end: str, ended: str | None = None) -> dict[str, Any]:
        return {
            "secondment_id": sid,
            "person_id": f"P{sid}",
            "sending_unit_code": "A",
            "receiving_unit_code": to,
            "start_date": start,
            "planned_end_date": end,
            "actual_end_date": ended,
            "status": "dang_tang_cuong",
        }

    def counts(as_of: date) -> dict[str, tuple[int, int]]:
        df = secondment.secondment_by_commune(con, as_of=as_of)
        return {u: (int(r), int(a)) for u, r, a in zip(df["unit_code"], df["received"], df["active"], strict=True)}

    assert con.execute("SELECT unit_code, postings FROM commune_unit ORDER BY 1").fetchall() == [("X", []), ("Y", [])]
    insert(
        con,
        "secondment",
        [
            posting("S2", "X", "2026-01-01", "2029-01-01"),
            posting("S1", "X", "2025-08-01", "2028-08-01", ended="2026-03-31"),
        ],
    )
    _summary_is_raw(con)
    postings = con.execute("SELECT postings FROM commune_unit WHERE unit_code = 'X'").fetchone()
    assert postings == (
        [
            {"start_date": date(2025, 8, 1), "end_date": date(2026, 3, 31)},  # in order of start, ended early
            {"start_date": date(2026, 1, 1), "end_date": date(2029, 1, 1)},
        ],
    )
    assert counts(date(2025, 12, 31)) == {"X": (1, 1), "Y": (0, 0)}
    assert counts(date(2026, 6, 30)) == {"X": (2, 1), "Y": (0, 0)}
    b = _reposted(con, "S2", "PS2", "Y", "2026-01-01", "2029-01-01")  # S2 goes to Y instead
    _summary_is_raw(con)
    assert counts(date(2026, 6, 30)) == {"X": (1, 0), "Y": (1, 1)}
    batches.undo_batch(con, b, user="t")
    _summary_is_raw(con)
    assert counts(date(2026, 6, 30)) == {"X": (2, 1), "Y": (0, 0)}
