"""Settings that change results: defaults from DOMAIN.md, stored overrides, history, bad values."""

from __future__ import annotations

import copy
import json
import pickle
from datetime import date

import duckdb
import pandas as pd
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


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("no_such_setting", 1),
        ("young_age_threshold", "forty"),
        ("young_age_threshold", 35.5),
        ("secondment_rounding", "banker"),
        ("target_pct_cong_chuc", -1),
        ("secondment_base_includes_vien_chuc", "yes"),
        ("training_window_start", "31/02/2025"),
    ],
)
def test_bad_setting_is_refused_and_nothing_changes(con: duckdb.DuckDBPyConnection, key: str, value: object) -> None:
    with pytest.raises(SettingError):
        save_setting(con, key, value, user="admin")
    assert con.execute("SELECT count(*) FROM setting").fetchone() == (0,)
    assert load_policy(con) == Policy()


def test_settings_table_shows_value_default_and_who(con: duckdb.DuckDBPyConnection) -> None:
    from analytics.policy import settings_table

    save_setting(con, "target_pct_vien_chuc", 12, user="admin")
    table = settings_table(con).set_index("key")
    assert table.loc["target_pct_vien_chuc", "value"] == 12.0 and table.loc["target_pct_vien_chuc", "default"] == 10.0
    assert (
        bool(table.loc["target_pct_vien_chuc", "changed"])
        and table.loc["target_pct_vien_chuc", "updated_by"] == "admin"
    )
    assert not bool(table.loc["target_pct_cong_chuc", "changed"])


def test_new_base_salary_row_applies_from_its_date(con: duckdb.DuckDBPyConnection) -> None:
    from analytics.policy import base_salary_table, save_base_salary, setting_changes

    save_base_salary(con, valid_from=date(2026, 7, 1), amount_vnd=2_530_000, user="admin")
    table = base_salary_table(con)
    assert list(table["amount_vnd"]) == [1_490_000, 1_800_000, 2_340_000, 2_530_000]
    assert setting_changes(con).iloc[0]["key"] == "base_salary:2026-07-01"
    with pytest.raises(SettingError):
        save_base_salary(con, valid_from=date(2026, 7, 1), amount_vnd=25, user="admin")
    assert base_salary_table(con)["amount_vnd"].iloc[-1] == 2_530_000


def test_the_policy_values_a_frame_carries_are_read_only_and_never_copied() -> None:
    """Policy.as_dict(): what KPI frames carry in attrs, which pandas deep-copies on every operation;
    read-only, the copy is the same object, and it survives pickling (the dashboard's cache) and JSON."""
    values = Policy().as_dict()
    assert copy.deepcopy(values) is values and copy.copy(values) is values
    for change in (
        lambda: values.__setitem__("young_age_threshold", 1),
        lambda: values.update(young_age_threshold=1),
        lambda: values.pop("young_age_threshold"),
        lambda: values.clear(),
    ):
        with pytest.raises(TypeError):
            change()
    assert values["young_age_threshold"] == Policy().young_age_threshold
    again = pickle.loads(pickle.dumps(values))  # noqa: S301 - our own object
    assert again == values and type(again) is type(values)
    assert json.loads(json.dumps(values)) == values
    frame = pd.DataFrame({"n": [1, 2, 3]})
    frame.attrs["policy"] = values
    assert frame[frame["n"] > 1].assign(m=1).attrs["policy"] is values
