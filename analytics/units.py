"""The unit tree for pickers and breadcrumbs: lists, paths, children."""

from __future__ import annotations

from datetime import date

import duckdb
import pandas as pd

from analytics.errors import NotFound


def unit_list(
    con: duckdb.DuckDBPyConnection,
    *,
    active_on: date | None = None,
    within: str | None = None,
    max_depth: int | None = None,
    include: str | None = None,
) -> pd.DataFrame:
    """One row per unit (valid on ``active_on`` when given; under ``within`` and itself when given;
    at most ``max_depth`` parent links below a root when given, plus ``include`` whatever its depth):
    unit_code, name, unit_type, level, sector, former_province, parent_code, merged_into,
    valid_from, valid_to; agencies first.

    ``max_depth=2`` at national scale keeps a picker to provinces, agencies and communes (≈ 4.000
    of 57.000 units); the units below are reached from their agency's or commune's page."""
    return (
        con.cursor()
        .execute(
            """
        WITH RECURSIVE depth(unit_code, d) AS (
            SELECT unit_code, 0 FROM unit WHERE $m IS NOT NULL AND parent_code IS NULL
            UNION ALL
            SELECT u.unit_code, depth.d + 1 FROM unit u JOIN depth ON u.parent_code = depth.unit_code
            WHERE depth.d < $m
        )
        SELECT unit_code, name, short_name, unit_type, level, sector, former_province, parent_code,
               merged_into, valid_from, valid_to
        FROM unit
        WHERE ($d IS NULL OR ((valid_from IS NULL OR valid_from <= $d) AND (valid_to IS NULL OR valid_to >= $d)))
          AND ($w IS NULL OR unit_code IN (SELECT unit_code FROM unit_closure WHERE ancestor_code = $w))
          AND ($m IS NULL OR unit_code IN (SELECT unit_code FROM depth) OR unit_code = $i)
        ORDER BY CASE unit_type WHEN 'thanh_pho' THEN 0 WHEN 'so_nganh' THEN 1 WHEN 'co_quan_khac' THEN 2
                 WHEN 'ubnd_xa' THEN 3 WHEN 'tinh_cu' THEN 4 WHEN 'huyen_cu' THEN 5 WHEN 'phong' THEN 6 ELSE 7 END,
                 name
    """,
            {"d": active_on, "w": within, "m": max_depth, "i": include},
        )
        .df()
    )


def unit_path(con: duckdb.DuckDBPyConnection, *, unit_code: str) -> pd.DataFrame:
    """The unit and its parents up to the root, root first: unit_code, name, unit_type, depth."""
    df = (
        con.cursor()
        .execute(
            """
        WITH RECURSIVE up(unit_code, depth) AS (
            SELECT $u, 0
            UNION ALL
            SELECT u.parent_code, up.depth + 1 FROM up JOIN unit u ON u.unit_code = up.unit_code
            WHERE u.parent_code IS NOT NULL AND up.depth < 32
        )
        SELECT u.unit_code, u.name, u.unit_type, up.depth
        FROM up JOIN unit u USING (unit_code)
        ORDER BY up.depth DESC
    """,
            {"u": unit_code},
        )
        .df()
    )
    if df.empty:
        raise NotFound("unit_not_found", unit=unit_code)
    return df


def province_of(con: duckdb.DuckDBPyConnection, *, unit_code: str) -> str | None:
    """The province of today (unit_type 'thanh_pho', no parent, not merged) that ``unit_code`` rolls
    up to through the tree and the mergers (an old district's is the province that took it over);
    None when it rolls up to none."""
    row = (
        con.cursor()
        .execute(
            """
        SELECT r.ancestor_code FROM unit_rollup r JOIN unit u ON u.unit_code = r.ancestor_code
        WHERE r.unit_code = $u AND u.unit_type = 'thanh_pho' AND u.parent_code IS NULL AND u.merged_into IS NULL
        ORDER BY r.ancestor_code LIMIT 1
    """,
            {"u": unit_code},
        )
        .fetchone()
    )
    return None if row is None else str(row[0])


def unit_children(con: duckdb.DuckDBPyConnection, *, unit_code: str) -> pd.DataFrame:
    """Direct children and units merged into it: unit_code, name, unit_type, relation ('child'|'merged')."""
    return (
        con.cursor()
        .execute(
            """
        SELECT unit_code, name, unit_type, 'child' AS relation FROM unit WHERE parent_code = $u
        UNION ALL
        SELECT unit_code, name, unit_type, 'merged' FROM unit WHERE merged_into = $u
        ORDER BY relation, name
    """,
            {"u": unit_code},
        )
        .df()
    )


def root_unit(con: duckdb.DuckDBPyConnection, *, active_on: date | None = None) -> str | None:
    """The province (unit_type 'thanh_pho', no parent) valid on ``active_on`` when the database holds
    one; None when it holds none or several (the country: the whole database is the scope).

    "Toàn thành phố" in the UI means this unit, so breakdowns list its agencies and communes; at
    national scale the breakdown rows are the provinces.
    """
    rows = (
        con.cursor()
        .execute(
            """
        SELECT unit_code FROM unit
        WHERE unit_type = 'thanh_pho' AND parent_code IS NULL AND merged_into IS NULL
          AND ($d IS NULL OR ((valid_from IS NULL OR valid_from <= $d) AND (valid_to IS NULL OR valid_to >= $d)))
        ORDER BY valid_from DESC NULLS LAST LIMIT 2
    """,
            {"d": active_on},
        )
        .fetchall()
    )
    return str(rows[0][0]) if len(rows) == 1 else None


def scope_name(con: duckdb.DuckDBPyConnection, *, scope: str | None, active_on: date | None = None) -> str | None:
    """The name of a scope for wording ("Thành phố Cần Thơ"): the unit's name, or for scope None the
    single province's name; None for the country (several provinces, or none).

    A date before a merger finds no province valid on it (Cần Thơ before 1/7/2025 is its former
    provinces): the database's one province today names it then too; only several make a country."""
    code = scope or root_unit(con, active_on=active_on) or root_unit(con)
    if code is None:
        return None
    row = con.cursor().execute("SELECT name FROM unit WHERE unit_code = $u", {"u": code}).fetchone()
    return str(row[0]) if row else None


def unit_name(con: duckdb.DuckDBPyConnection, *, unit_code: str) -> str | None:
    """The unit's name (None for an unknown code)."""
    row = con.cursor().execute("SELECT name FROM unit WHERE unit_code = $u", {"u": unit_code}).fetchone()
    return str(row[0]) if row else None
