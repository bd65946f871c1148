"""Generate the demo city and load it as one import batch of kind 'demo', in one transaction."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

import duckdb
import numpy as np
import pandas as pd

from analytics import audit
from analytics.batches import close_batch, demo_batches, open_batch
from analytics.config import Settings
from analytics.db import DATA_TABLES, transaction
from analytics.demo import people, programmes, quotas, reorganisation, training
from analytics.demo.payroll import build_payroll
from analytics.demo.units import UNIT_COLUMNS, build_units
from analytics.errors import OversightError

DEMO_AS_OF = date(2026, 9, 30)
DEMO_NOTE = "Dữ liệu mẫu"


@dataclass
class DemoData:
    """The generated tables (stored columns only) and what was planted for the data-quality checks."""

    tables: dict[str, pd.DataFrame]
    planted: dict[str, Any] = field(default_factory=dict)


def generate(seed: int) -> DemoData:
    """Every table of the demo, deterministic for a seed (one generator, used in a fixed order)."""
    rng = np.random.default_rng(seed)
    units = build_units(rng)
    civil25 = quotas.civil_2025(units, rng)
    divisions = units.loc[units["role"] == "division", "unit_code"].to_numpy()
    communes = units.loc[units["role"] == "commune", "unit_code"].to_numpy()
    over_quota = [str(c) for c in rng.choice(divisions, 2, replace=False)] + [str(rng.choice(communes))]
    plan = people.plan_headcount(units, civil25, over_quota, rng)
    p = people.generate_people(units, plan, rng)
    s1, s2 = people.snapshot(p, people.AS_OF_1), people.snapshot(p, people.AS_OF_2)
    present = (
        s2.assign(category=s2["category"].replace({"can_bo": "cong_chuc"}))
        .groupby(["unit_code", "category"])
        .size()
        .rename("present")
        .reset_index()
    )
    new_q = quotas.new_quotas(units, civil25, present, over_quota, rng)
    old_q = quotas.old_quotas(units, new_q, rng)
    quota = pd.concat([old_q, new_q], ignore_index=True)
    p1 = p[~p["new_hire"]].reset_index(drop=True)
    payroll, planted_pay = build_payroll(p1, units, rng)
    red_old = programmes.old_ct_cases(units, old_q, rng)
    red_new, still_paid = programmes.merger_cases(p1, units, rng)
    sec, reviews, planted_sec = programmes.secondments(p1, units, quota, rng)
    train, ratios = training.build_training(p1, payroll, units, rng)
    tables = {
        "unit": units[list(UNIT_COLUMNS)],
        "quota": quota,
        "person": pd.concat([s1, s2], ignore_index=True),
        "payroll": payroll,
        "reduction_case": pd.concat([red_old, red_new], ignore_index=True)[list(programmes.REDUCTION_COLUMNS)],
        "secondment": sec,
        "secondment_review": reviews,
        "training": train,
    }
    # The old Cần Thơ's reorganisation to mid-2024 (issue 15): deterministic, appended last so that
    # nothing above changes.
    reorg = reorganisation.build()
    tables["unit"] = pd.concat([tables["unit"], reorg.pop("unit")[list(UNIT_COLUMNS)]], ignore_index=True)
    tables |= reorg
    planted = {
        "over_quota": over_quota,
        "payroll": planted_pay,
        "reduction_still_paid": still_paid,
        "secondment": planted_sec,
        "training_ratio": ratios,
    }
    return DemoData(tables, planted)


def load(cur: duckdb.DuckDBPyConnection, data: DemoData, batch_id: int) -> dict[str, int]:
    """Insert every table of ``data`` under ``batch_id`` (inside the caller's transaction)."""
    counts: dict[str, int] = {}
    for table in DATA_TABLES:
        df = data.tables[table]
        cur.register("_demo_rows", df)
        try:
            cur.execute(
                f"INSERT INTO {table} BY NAME SELECT *, $b AS batch_id FROM _demo_rows",  # noqa: S608 allow-listed
                {"b": batch_id},
            )
        finally:
            cur.unregister("_demo_rows")
        counts[table] = len(df)
    return counts


def build_demo(
    con: duckdb.DuckDBPyConnection, *, seed: int = Settings().demo_seed, user: str = "demo"
) -> dict[str, int]:
    """Load the demo city as one 'demo' batch; returns rows per table. Refused while a demo is loaded."""
    existing = demo_batches(con)
    if existing:
        raise OversightError("demo_exists", batch_ids=existing)
    data = generate(seed)
    with transaction(con) as cur:
        batch_id = open_batch(cur, kind="demo", user=user, as_of=DEMO_AS_OF, note=DEMO_NOTE)
        counts = load(cur, data, batch_id)
        close_batch(cur, batch_id, counts)
        audit.record_in_transaction(
            cur, username=user, event="demo_build", target=batch_id, detail={"seed": seed, "rows": counts}
        )
        audit.reconcile_batches(cur)
    return counts
