"""kpis.headline computes its parts a few at a time: the same figures, in the same order, as one part
after another, and an error in a part is raised, not lost."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

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


def _card_figures(h: dict[str, object]) -> dict[str, object]:
    """What the overview's cards compare: reduced_total per category, active postings, present staff."""
    red, sec, wf = (h.get(p) for p in ("reduction", "secondment", "workforce"))
    return {
        "as_of": h["as_of"],
        "reduction": red,
        "secondment": sec if sec is None else {k: sec[k] for k in ("sent", "active")},  # type: ignore[index]
        "workforce": wf if wf is None else {k: wf[k] for k in ("roster_as_of", "present")},  # type: ignore[index]
        "missing": {k: v for k, v in h["missing"].items() if k.split(".")[0] != "training"},  # type: ignore[attr-defined]
    }


def test_changes_give_the_headline_figures_the_cards_compare(demo_db_path: Path) -> None:
    """kpis.changes (the overview's previous snapshot) is the headline's own figures, computed with
    less work: the whole city and every sixth unit under it (agencies and communes), at three dates
    (one before any posting), against the full headline."""
    con = duckdb.connect(str(demo_db_path), read_only=True)
    try:
        units = con.execute("SELECT unit_code FROM unit WHERE parent_code = 'CT' ORDER BY unit_code").fetchall()
        scopes = [None, *(u for (u,) in units[::6])]
        for when in (date(2024, 12, 31), date(2026, 3, 31), date(2026, 9, 30)):
            for scope in scopes:
                full = kpis.headline(con, scope=scope, as_of=when, parts=("reduction", "secondment", "workforce"))
                light = kpis.changes(con, scope=scope, as_of=when)
                assert _card_figures(light) == _card_figures(full), (scope, when)
        assert light["secondment"]["active"] > 0 and light["workforce"]["present"] > 0  # the checks saw data
    finally:
        con.close()
