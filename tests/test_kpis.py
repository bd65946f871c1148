"""kpis.headline computes its parts a few at a time: the same figures, in the same order, as one part
after another, and an error in a part is raised, not lost."""

from __future__ import annotations

import json
from datetime import date

import duckdb
import pytest

from analytics import kpis, summaries
from analytics.errors import OversightError
from tests.conftest import add_batch
from tests.test_quality import fill_clean

AS_OF = date(2025, 12, 31)


@pytest.fixture
def city(con: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
    """Every part has data: quotas, a roster, a payroll month, a posting, a training record."""
    fill_clean(con)
    con.execute(f"""
        INSERT INTO training (record_id, unit_code, course_name, field, funding, start_date, participants,
                              cost_committed_vnd, cost_spent_vnd, batch_id)
        VALUES ('T1', 'A', 'Course', 'kinh_te_phap_luat', 'tai_co_cau_5pct', '2025-09-01', 4, 8000000, 6000000,
                {add_batch(con)})""")
    return con


@pytest.mark.parametrize("parts", [kpis.PARTS, ("quality", "reduction"), ("training",)])
@pytest.mark.parametrize("scope", [None, "A"])
def test_parts_at_once_give_what_one_after_another_gives(
    city: duckdb.DuckDBPyConnection, monkeypatch: pytest.MonkeyPatch, parts: tuple[str, ...], scope: str | None
) -> None:
    at_once = kpis.headline(city, scope=scope, as_of=AS_OF, parts=parts)
    monkeypatch.setattr(kpis, "PARALLEL_PARTS", 1)
    one_by_one = kpis.headline(city, scope=scope, as_of=AS_OF, parts=parts)
    assert json.dumps(at_once) == json.dumps(one_by_one)  # same values and the same key order
    assert [k for k in at_once if k in kpis.PARTS] == [p for p in kpis.PARTS if p in parts]
    assert all(at_once[p] is not None for p in parts if p != "reduction")


def test_missing_parts_are_listed_in_part_order(con: duckdb.DuckDBPyConnection) -> None:
    fill_clean(con)
    con.execute("DELETE FROM secondment; DELETE FROM payroll")
    summaries.refresh(con, None)  # rows deleted by hand, not by an undo: bring the summaries along
    h = kpis.headline(con, as_of=AS_OF)
    assert list(h["missing"]) == ["reduction.vien_chuc", "secondment", "training"]


def test_an_error_in_one_part_is_raised(city: duckdb.DuckDBPyConnection, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object) -> None:
        raise OversightError("broken_part")

    monkeypatch.setattr(kpis, "_training", broken)
    with pytest.raises(OversightError, match="broken_part"):
        kpis.headline(city, as_of=AS_OF)
