"""The typed rows of an upload on disk, so that memory is bounded by the largest file, not the upload.

After a file's sheets are checked, their typed rows go to Parquet files in a temporary folder
owned by the plan (one part per sheet and table, with the kind's column types plus ``_file``,
``_sheet``, ``_row`` and ``_ord``, the row's place in the upload) and the pandas frames are dropped before the next file is read.
The checks that need the whole upload (duplicates across files, people already on another
unit's roster, rows replaced, the upload's as-of date) and ``load`` run in DuckDB over
``read_parquet($files)``: DuckDB streams the parts, so neither holds the upload in memory.

The folder is removed by ``close()``, or when the staging object is garbage-collected, or at
interpreter exit (``weakref.finalize``), whichever comes first. A process killed before any of
these leaves it behind: its name carries the owner's pid, and the next ``Staging`` removes the
folders of dead owners (``leftovers.remove_stale``).
"""

from __future__ import annotations

import os
import shutil
import tempfile
import weakref
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from analytics import sql_files
from analytics.ingest.kinds import KINDS
from analytics.ingest.leftovers import STAGING_PREFIX, default_places, owned_prefix, remove_stale
from analytics.ingest.problems import Problem


@dataclass(frozen=True)
class Part:
    """One staged piece: the rows of one sheet (``n_file``-th file of the upload) for one table."""

    table: str
    n_file: int
    file: str
    sheet: str
    path: str
    rows: int


class Staging:
    """Parquet parts of one upload in a private temporary folder."""

    def __init__(self, parent: str | os.PathLike[str] | None = None) -> None:
        remove_stale([*default_places(), *([parent] if parent else [])])  # what killed imports left
        self.folder = tempfile.mkdtemp(prefix=owned_prefix(STAGING_PREFIX), dir=parent)
        self.parts: list[Part] = []
        self._serial = 0
        self._rows_of_file: dict[int, int] = {}
        self._finalizer = weakref.finalize(self, shutil.rmtree, self.folder, ignore_errors=True)

    def write(self, table: str, n_file: int, file: str, sheet: str, rows: pa.Table) -> Part:
        """Stage ``rows`` (``to_table``); ``_ord`` = n_file * 2**40 + rows staged before from that file."""
        self._serial += 1
        base = self._rows_of_file.get(n_file, 0)
        self._rows_of_file[n_file] = base + rows.num_rows
        ords = np.arange(base, base + rows.num_rows, dtype=np.int64) + (n_file << 40)
        rows = rows.append_column("_ord", pa.array(ords))
        path = os.path.join(self.folder, f"{self._serial:05d}-{table}.parquet")
        # No dictionary pages: a part is written once and read a few times, and on a 100.000-row
        # roster plain pages are written a quarter faster, read faster by DuckDB, and are no larger.
        # No statistics: every read of a part reads it whole, and they cost a quarter of the write.
        pq.write_table(
            rows, path, compression="lz4", row_group_size=65536, use_dictionary=False, write_statistics=False
        )
        part = Part(table, n_file, file, sheet, path, rows.num_rows)
        self.parts.append(part)
        return part

    def drop_file(self, n_file: int) -> None:
        """Forget the parts of one file (it is about to be checked again)."""
        for p in self.parts:
            if p.n_file == n_file:
                Path(p.path).unlink(missing_ok=True)
        self.parts = [p for p in self.parts if p.n_file != n_file]
        self._rows_of_file.pop(n_file, None)

    def parts_of(self, table: str) -> list[Part]:
        """Parts of ``table`` in upload order (file, then sheet)."""
        return [p for p in sorted(self.parts, key=lambda p: p.n_file) if p.table == table and p.rows]

    def paths(self, table: str) -> list[str]:
        return [p.path for p in self.parts_of(table)]

    def rows_by_table(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for p in self.parts:
            if p.rows:
                out[p.table] = out.get(p.table, 0) + p.rows
        return out

    def read(self, table: str) -> pd.DataFrame:
        """All staged rows of ``table`` (object columns of Python values, as validation made them)."""
        paths = self.paths(table)
        if not paths:
            return pd.DataFrame()
        tbl = pa.concat_tables([pq.read_table(p) for p in paths]).drop_columns(["_ord"])
        return pd.DataFrame({c: pd.Series(tbl.column(c).to_pylist(), dtype=object) for c in tbl.column_names})

    @property
    def closed(self) -> bool:
        return not self._finalizer.alive

    def close(self) -> None:
        """Remove the folder now (also done at garbage collection and at exit)."""
        self._finalizer()


class StagedTables(Mapping[str, pd.DataFrame]):
    """``plan.tables``: table -> typed rows with ``_file``, ``_sheet``, ``_row``, read from disk on
    access (for tests and small uploads; the product reads the parts in DuckDB)."""

    def __init__(self, staging: Staging) -> None:
        self.staging = staging

    def __getitem__(self, table: str) -> pd.DataFrame:
        if table not in self.staging.rows_by_table():
            raise KeyError(table)
        return self.staging.read(table)

    def __iter__(self) -> Iterator[str]:
        return iter(self.staging.rows_by_table())

    def __len__(self) -> int:
        return len(self.staging.rows_by_table())


# ------------------------------------------------------------------------------- upload-wide checks


def duplicates(
    con: duckdb.DuckDBPyConnection, staging: Staging, table: str, cap: int
) -> tuple[list[Problem], dict[str, int]]:
    """Rows whose key repeats an earlier row of the upload: the first ``cap`` per file as problems,
    and how many more each file has.

    Two steps, so that a million clean rows cost little: keys hashed to 64 bits and counted
    (about 30 MB and 0.2 s per million rows); only rows whose hash repeats (true duplicates, or in
    rare cases a collision, which the exact comparison then drops) go through the exact window."""
    paths = staging.paths(table)
    key = list(KINDS[table].key)
    if not paths:
        return [], {}
    cols = ", ".join(f'"{k}"' for k in key)
    sql = f"""
        WITH twice AS (SELECT hash({cols}) AS h FROM read_parquet($files) GROUP BY h HAVING count(*) > 1),
        d AS (SELECT {cols}, _file, _sheet, _row, _ord,
                     first_value(_file) OVER w AS other_file, first_value(_sheet) OVER w AS other_sheet,
                     first_value(_row) OVER w AS other_row, row_number() OVER w AS n
              FROM read_parquet($files) WHERE hash({cols}) IN (SELECT h FROM twice)
              WINDOW w AS (PARTITION BY {cols} ORDER BY _ord))
        SELECT {cols}, _file, _sheet, _row, other_file, other_sheet, other_row,
               count(*) OVER (PARTITION BY _file) AS in_file
        FROM d WHERE n > 1
        QUALIFY row_number() OVER (PARTITION BY _file ORDER BY _ord) <= $cap
        ORDER BY _file, _sheet, _row"""  # noqa: S608 - identifiers from the kind specs
    rows = con.cursor().execute(sql, {"files": paths, "cap": cap}).fetchall()
    out, more = [], {}
    k = len(key)
    for r in rows:
        values, (f, s, row, of, osheet, orow, in_file) = r[:k], r[k:]
        out.append(
            Problem(
                "duplicate_in_upload",
                "error",
                f,
                s,
                int(row),
                ", ".join(key),
                " | ".join(str(v) for v in values),
                {"other_row": int(orow), "other_sheet": osheet, "other_file": of},
            )
        )
        more[f] = int(in_file) - min(int(in_file), cap)
    return out, {f: n for f, n in more.items() if n}


def people_elsewhere(
    con: duckdb.DuckDBPyConnection, staging: Staging, cap: int
) -> tuple[list[Problem], dict[str, int]]:
    """Against the database: a person ID already on another unit's roster at the same as-of date
    (that roster is not being replaced by this upload). Suspicious, not impossible: a warning."""
    paths = staging.paths("person")
    if not paths:
        return [], {}
    rows = sql_files.records(con, "people_elsewhere", {"files": paths, "cap": cap})
    out = [
        Problem(
            "person_elsewhere",
            "warning",
            r["_file"],
            r["_sheet"],
            int(r["_row"]),
            "person_id",
            r["person_id"],
            {"other_unit": r["other_unit"], "batch_id": r["batch_id"]},
        )
        for r in rows
    ]
    more: dict[str, int] = {}
    for r in rows:
        more[r["_file"]] = int(r["in_file"]) - min(int(r["in_file"]), cap)
    return out, {f: n for f, n in more.items() if n}


def replace_keys(con: duckdb.DuckDBPyConnection, staging: Staging, table: str) -> pd.DataFrame:
    """The distinct replace keys of the staged rows of ``table`` (Arrow-backed: compact even for
    a million row IDs)."""
    cols = ", ".join(f'"{c}"' for c in KINDS[table].replace_key)
    sql = f"SELECT DISTINCT {cols} FROM read_parquet($files)"  # noqa: S608 - identifiers from the kind specs
    tbl = con.cursor().sql(sql, params={"files": staging.paths(table)}).to_arrow_table()
    return tbl.to_pandas(types_mapper=pd.ArrowDtype)


def replaced_count(con: duckdb.DuckDBPyConnection, staging: Staging, table: str) -> int:
    """Rows of ``table`` in the database that loading the staged rows would replace."""
    key = KINDS[table].replace_key
    cols = ", ".join(f'"{c}"' for c in key)
    on = " AND ".join(f'x."{c}" IS NOT DISTINCT FROM k."{c}"' for c in key)
    sql = (
        f"SELECT count(*) FROM {table} x SEMI JOIN (SELECT DISTINCT {cols} FROM read_parquet($files)) k "  # noqa: S608
        f"ON {on}"
    )  # identifiers from the kind specs
    row = con.cursor().execute(sql, {"files": staging.paths(table)}).fetchall()[0]
    return int(row[0])


def as_of_dates(con: duckdb.DuckDBPyConnection, staging: Staging) -> set[date]:
    """The as-of dates of the staged snapshots (rosters and quotas)."""
    found: set[date] = set()
    for table in ("person", "quota"):
        if paths := staging.paths(table):
            found |= {
                r[0]
                for r in con.cursor()
                .execute("SELECT DISTINCT as_of FROM read_parquet($files) WHERE as_of IS NOT NULL", {"files": paths})
                .fetchall()
            }
    return found


def insert(cur: duckdb.DuckDBPyConnection, part: Part, batch_id: int) -> int:
    """INSERT … SELECT one staged part under ``batch_id`` (inside the caller's transaction)."""
    table = part.table
    names = ", ".join(f'"{c.name}"' for c in KINDS[table].columns)
    sql = (
        f"INSERT INTO {table} BY NAME SELECT {names}, $b AS batch_id "  # noqa: S608 - identifiers from the kind specs
        "FROM read_parquet($file)"
    )
    row = cur.execute(sql, {"b": batch_id, "file": part.path}).fetchall()
    return int(row[0][0]) if row else 0
