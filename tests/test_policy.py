"""Settings that change results: defaults from DOMAIN.md, stored overrides, history, bad values."""

from __future__ import annotations

from datetime import date

import duckdb
import pytest

from analytics.errors import SettingError
from analytics.policy import Policy, load_policy, save_setting


def test_defaults_are_domain_values(con: duckdb.DuckDBPyConnection) -> None:
    p = load_policy(con)
    assert (p.reduction_baseline_year, p.reduction_end_year) == (2021, 2026)
    assert (p.target_pct("cong_chuc"), p.target_pct("vien_chuc")) == (5.0, 10.0)
    assert p.secondment_share_pct == 5.0 and p.secondment_min_months == 36
    assert p.training_budget_pct == 5.0 and p.training_window_start == date(2025, 7, 1)
    assert p.as_dict()["training_window_start"] == "2025-07-01"


def test_saved_setting_is_used_and_history_kept(con: duckdb.DuckDBPyConnection) -> None:
    save_setting(con, "young_age_threshold", 35, user="admin")
    save_setting(con, "young_age_threshold", "38", user="admin2")
    assert load_policy(con).young_age_threshold == 38
    history = con.execute("SELECT old_value, new_value, changed_by FROM setting_history ORDER BY change_id").fetchall()
    assert history == [(None, "35", "admin"), ("35", "38", "admin2")]


@pytest.mark.parametrize(("key", "value"), [
    ("no_such_setting", 1),
    ("young_age_threshold", "forty"),
    ("young_age_threshold", 35.5),
    ("secondment_rounding", "banker"),
    ("target_pct_cong_chuc", -1),
    ("secondment_base_includes_vien_chuc", "yes"),
    ("training_window_start", "31/02/2025"),
])
def test_bad_setting_is_refused_and_nothing_changes(con: duckdb.DuckDBPyConnection, key: str, value: object) -> None:
    with pytest.raises(SettingError):
        save_setting(con, key, value, user="admin")
    assert con.execute("SELECT count(*) FROM setting").fetchone() == (0,)
    assert load_policy(con) == Policy()
