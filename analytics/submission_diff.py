"""What publishing a checked file would change: its rows against the rows of the database it would replace.

``compare(con, plan, table)`` counts rows added, removed, changed and unchanged, sums each number
column before and after, and lists up to ``MAX_CHANGED_VALUES`` changed values (key, column,
before, after). "Removed" are rows publishing would replace (same replace key) that the file no
longer has. Used by ``analytics.submissions.diff`` for the reviewer.
"""

from __future__ import annotations

from typing import Any

import duckdb
import pandas as pd

from analytics.ingest.kinds import KINDS
from analytics.ingest.pipeline import Plan

MAX_CHANGED_VALUES = 200


def compare(con: duckdb.DuckDBPyConnection, plan: Plan, table: str) -> dict[str, Any]:
    """The staged rows of ``table`` in ``plan`` against the database's (counts, totals, changes)."""
    kind = KINDS[table]
    cols = [c.name for c in kind.columns]
    key, rkey = list(kind.key), list(kind.replace_key)
    others = [c for c in cols if c not in key]
    numbers = [c.name for c in kind.columns if c.type in ("count", "money") or c.name in ("quota_assigned", "present")]
    q = lambda names: ", ".join(f'"{c}"' for c in names)  # noqa: E731 - identifiers from the kind spec
    on_r = " AND ".join(f'o."{c}" IS NOT DISTINCT FROM n."{c}"' for c in rkey)
    on_k = " AND ".join(f'o."{c}" IS NOT DISTINCT FROM n."{c}"' for c in key)
    # Identifiers below come from the kind specs, values are bound parameters.
    base = (
        f"WITH n AS (SELECT {q(cols)} FROM read_parquet($files)), "  # noqa: S608
        f"o AS (SELECT {q(cols)} FROM {table} o WHERE EXISTS (SELECT 1 FROM n WHERE {on_r})) "
    )
    cur = con.cursor()
    params = {"files": plan.staging.paths(table)}
    if not params["files"]:
        return {
            "added": 0,
            "removed": 0,
            "changed": 0,
            "unchanged": 0,
            "rows_before": 0,
            "rows_after": 0,
            "totals": pd.DataFrame(columns=["column", "before", "after", "change"]),
            "changes": pd.DataFrame(columns=["key", "column", "before", "after"]),
        }
    differs = " OR ".join(f'o."{c}" IS DISTINCT FROM n."{c}"' for c in others) or "false"
    sql = (
        f"SELECT (SELECT count(*) FROM n WHERE NOT EXISTS (SELECT 1 FROM o WHERE {on_k})) AS added, "  # noqa: S608
        f"(SELECT count(*) FROM o WHERE NOT EXISTS (SELECT 1 FROM n WHERE {on_k})) AS removed, "
        f"(SELECT count(*) FROM n JOIN o ON {on_k} WHERE {differs}) AS changed, "
        f"(SELECT count(*) FROM n JOIN o ON {on_k} WHERE NOT ({differs})) AS unchanged, "
        "(SELECT count(*) FROM o) AS rows_before, (SELECT count(*) FROM n) AS rows_after"
    )
    counts = cur.execute(base + sql, params).fetchall()[0]
    out: dict[str, Any] = dict(
        zip(
            ("added", "removed", "changed", "unchanged", "rows_before", "rows_after"),
            (int(v) for v in counts),
            strict=True,
        )
    )
    totals = []
    for c in numbers:
        before, after = cur.execute(
            base + f'SELECT (SELECT sum("{c}") FROM o), (SELECT sum("{c}") FROM n)',  # noqa: S608 - identifiers from the kind spec
            params,
        ).fetchall()[0]
        before, after = int(before or 0), int(after or 0)
        totals.append({"column": c, "before": before, "after": after, "change": after - before})
    out["totals"] = pd.DataFrame(totals, columns=["column", "before", "after", "change"])
    key_text = "concat_ws(' · ', " + ", ".join(f'CAST(n."{k}" AS VARCHAR)' for k in key) + ")"
    pieces = " UNION ALL ".join(
        f'SELECT {key_text} AS k, \'{c}\' AS col, CAST(o."{c}" AS VARCHAR) AS was, CAST(n."{c}" AS VARCHAR) AS now '  # noqa: S608 - identifiers from the kind spec
        f'FROM n JOIN o ON {on_k} WHERE o."{c}" IS DISTINCT FROM n."{c}"'
        for c in others
    )
    changes = pd.DataFrame(columns=["key", "column", "before", "after"])
    if others:
        changes = cur.execute(base + f"SELECT * FROM ({pieces}) ORDER BY 1, 2 LIMIT {MAX_CHANGED_VALUES}", params).df()  # noqa: S608 - identifiers from the kind spec
        changes.columns = ["key", "column", "before", "after"]
    out["changes"] = changes
    return out
