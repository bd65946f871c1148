"""Batches: replacing a snapshot keeps the old rows; undo restores exactly what was there."""

from __future__ import annotations

import duckdb
import pandas as pd
import pytest

from analytics import batches, db
from analytics.errors import OversightError
from analytics.ingest.kinds import KINDS


def _checksum(con: duckdb.DuckDBPyConnection) -> dict[str, object]:
    out: dict[str, object] = {}
    for t in db.DATA_TABLES:
        out[t] = con.execute(
            f"SELECT count(*), coalesce(sum(hash(COLUMNS(*))), 0) FROM (SELECT * EXCLUDE (batch_id) FROM {t})"
        ).fetchone()
    return out


def _load_quota(con: duckdb.DuckDBPyConnection, rows: list[tuple], user: str = "t") -> int:
    with db.transaction(con) as cur:
        b = batches.open_batch(cur, kind="cli", user=user, files=[("q.xlsx", "a" * 64, 10)])
        keys = pd.DataFrame([{"unit_code": r[0], "year": r[1], "category": r[2]} for r in rows])
        batches.replace_rows(cur, "quota", keys, b)
        cur.executemany(
            f"INSERT INTO quota (unit_code, year, category, quota_assigned, batch_id) VALUES (?, ?, ?, ?, {b})", rows
        )
        batches.close_batch(cur, b, {"quota": len(rows)})
    return b


def test_newer_snapshot_replaces_and_undo_restores(con: duckdb.DuckDBPyConnection) -> None:
    b1 = _load_quota(con, [("A", 2024, "cong_chuc", 10), ("B", 2024, "cong_chuc", 20)])
    before = _checksum(con)
    b2 = _load_quota(con, [("A", 2024, "cong_chuc", 9)])
    assert con.execute("SELECT unit_code, quota_assigned FROM quota ORDER BY 1").fetchall() == [("A", 9), ("B", 20)]
    assert con.execute("SELECT count(*) FROM quota__replaced").fetchone() == (1,)
    with pytest.raises(OversightError) as err:
        batches.undo_batch(con, b1, user="t")
    assert err.value.code == "batch_undo_blocked"
    removed = batches.undo_batch(con, b2, user="t")
    assert removed["quota"] == 1
    assert _checksum(con) == before
    assert con.execute("SELECT count(*) FROM quota__replaced").fetchone() == (0,)
    listed = batches.list_batches(con)
    assert list(listed["status"]) == ["undone", "loaded"] and listed["files"].iloc[0] == "q.xlsx"
    with pytest.raises(OversightError):
        batches.undo_batch(con, b2, user="t")
    batches.undo_batch(con, b1, user="t")
    assert con.execute("SELECT count(*) FROM quota").fetchone() == (0,)


def test_undo_unknown_batch(con: duckdb.DuckDBPyConnection) -> None:
    with pytest.raises(OversightError) as err:
        batches.undo_batch(con, 999, user="t")
    assert err.value.code == "batch_not_found"


def test_freshness_and_snapshot_dates(con: duckdb.DuckDBPyConnection) -> None:
    from analytics import inventory

    b = _load_quota(con, [("A", 2024, "cong_chuc", 10)])
    con.execute("UPDATE quota SET as_of = '2024-12-31'")
    con.execute(
        "INSERT INTO person (as_of, unit_code, person_id, full_name, birth_date, gender, category, batch_id) "
        f"VALUES ('2025-06-30', 'A', 'P1', 'X', '1980-01-01', 'nam', 'cong_chuc', {b}), "
        f"('2025-12-31', 'A', 'P1', 'X', '1980-01-01', 'nam', 'cong_chuc', {b})"
    )
    assert inventory.snapshot_dates(con) == ["2025-12-31", "2025-06-30"]
    fresh = inventory.freshness_by_table(con).set_index("table")
    assert fresh.loc["quota", "rows"] == 1 and str(fresh.loc["quota", "latest"])[:10] == "2024-12-31"
    assert fresh.loc["quota", "loaded_by"] == "t" and fresh.loc["training", "rows"] == 0
    # rows of several batches: counted together, and the last batch says when and by whom
    _load_quota(con, [("B", 2024, "cong_chuc", 5), ("C", 2024, "cong_chuc", 6)], user="lan")
    fresh = inventory.freshness_by_table(con).set_index("table")
    assert fresh.loc["quota", "rows"] == 3 and fresh.loc["quota", "loaded_by"] == "lan"
    assert fresh.loc["person", "rows"] == 2 and fresh.loc["person", "loaded_by"] == "t"


def test_the_keys_of_person_and_payroll_are_checked_per_batch(con: duckdb.DuckDBPyConnection) -> None:
    """Without a primary key (migration 30) a batch's own rows are checked at close_batch: a key
    twice rolls the whole batch back; the same key in another batch's unit or date is no clash."""
    assert batches.UNIQUE_KEYS == {t: KINDS[t].key for t in batches.UNIQUE_KEYS}
    person = (
        "INSERT INTO person (as_of, unit_code, person_id, full_name, birth_date, gender, category, batch_id) "
        "VALUES ($d, $u, $p, 'A', '1980-01-01', 'nam', 'cong_chuc', $b)"
    )
    payroll = (
        "INSERT INTO payroll (month, unit_code, person_id, salary_coef, base_salary_vnd, basic_salary_vnd, total_vnd, batch_id) "
        "VALUES ('2025-01-01', 'SNV', $p, 2.34, 2340000, 5475600, 5475600, $b)"
    )
    with db.transaction(con) as cur:
        b = batches.open_batch(cur, kind="cli", user="t")
        for d, u in (("2025-01-01", "SNV"), ("2025-01-01", "SYT"), ("2025-02-01", "SNV")):
            cur.execute(person, {"d": d, "u": u, "p": "P1", "b": b})
        cur.execute(payroll, {"p": "P1", "b": b})
        batches.close_batch(cur, b, {"person": 3, "payroll": 1})
    before = _checksum(con)
    for table, sql in (("person", person), ("payroll", payroll)):
        with pytest.raises(duckdb.ConstraintException, match=f'"{table}"'):
            with db.transaction(con) as cur:
                b = batches.open_batch(cur, kind="cli", user="t")
                params = {"d": "2025-03-01", "u": "SNV"} if table == "person" else {}
                for _ in range(2):
                    cur.execute(sql, {**params, "p": "P2", "b": b})
                batches.close_batch(cur, b, {table: 2})
        assert _checksum(con) == before
