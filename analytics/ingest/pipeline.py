"""read -> recognise -> validate -> load: the import API used by the CLI and the Import page.

``prepare(con, files=[(name, bytes)], as_of=...)`` returns a ``Plan``: what was recognised in each
sheet, the typed rows per table, and every problem (errors block loading, warnings do not).
``load(con, plan, user=...)`` stores a plan without errors as one batch in one transaction.
``import_files`` does both and raises ``ImportRejected`` carrying every problem.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

import duckdb
import pandas as pd

from analytics.batches import close_batch, open_batch, replace_rows
from analytics.db import DATA_TABLES, transaction
from analytics.errors import ImportRejected
from analytics.ingest import mappings, rules
from analytics.ingest.kinds import KINDS
from analytics.ingest.load import insert_rows
from analytics.ingest.normalize import is_blank_number, parse_int
from analytics.ingest.problems import Problem, has_errors, problems_frame
from analytics.ingest.reader import ReadLimits, read_workbook
from analytics.ingest.recognise import Recognised, recognise
from analytics.ingest.safety import Limits, check_content
from analytics.ingest.template import GUIDE_SHEET
from analytics.ingest.units import UnitResolver
from analytics.ingest.validate import (
    Context,
    Sheetwork,
    check_columns,
    check_required,
    convert,
    extract,
    fill_context,
)

META = ["_file", "_sheet", "_row"]
PREVIEW_COLUMNS = ("file", "sheet", "kind", "header_rows", "columns", "data_rows", "rows", "skipped_total",
                   "skipped_section", "skipped_hidden", "skipped_footer", "ignored_columns")


@dataclass
class FileInfo:
    name: str
    sha256: str
    size_bytes: int


@dataclass
class Plan:
    """The outcome of ``prepare``: load it only when ``ok``."""

    files: list[FileInfo]
    sheets: list[dict[str, Any]]  # file, sheet, kind, header_rows, data_rows, skipped counts
    tables: dict[str, pd.DataFrame]  # table -> typed rows with _file, _sheet, _row
    problems: list[Problem]
    as_of: date | None = None
    replaced: dict[str, int] = field(default_factory=dict)
    timings: dict[str, float] = field(default_factory=dict)  # seconds per step, for the benchmark
    layouts: list[mappings.SheetLayout] = field(default_factory=list)  # headers per sheet, for mapping by hand

    @property
    def ok(self) -> bool:
        return not has_errors(self.problems)

    def problems_frame(self) -> pd.DataFrame:
        return problems_frame(self.problems)

    def preview(self) -> pd.DataFrame:
        """One row per sheet: what was recognised and what was skipped, and why (no rows, same
        columns, when nothing was recognised)."""
        return pd.DataFrame(self.sheets, columns=list(PREVIEW_COLUMNS))

    def rows_by_table(self) -> dict[str, int]:
        return {t: len(df) for t, df in self.tables.items() if len(df)}


@dataclass
class LoadResult:
    batch_id: int
    rows_by_table: dict[str, int]
    replaced: dict[str, int]


def _context(con: duckdb.DuckDBPyConnection, as_of: date | None, today: date | None) -> Context:
    cur = con.cursor()
    scale = {(g, int(s)): Decimal(str(c)) for g, s, c in cur.execute("SELECT pay_group, step, coef FROM pay_scale").fetchall()}
    base = [(d, int(a)) for d, a in cur.execute("SELECT valid_from, amount_vnd FROM base_salary ORDER BY valid_from").fetchall()]
    return Context(as_of, UnitResolver.from_db(con), scale, base, today or date.today())


def _summary(rec: Recognised, rows: int) -> dict[str, Any]:
    sk = rec.skipped
    return {"file": rec.sheet.file, "sheet": rec.sheet.name, "kind": rec.kind,
            "header_rows": f"{rec.header_rows[0]}-{rec.header_rows[1]}" if rec.kind else None,
            "columns": ", ".join(f"{m.label} → {m.field}" for m in rec.columns if not m.field.startswith("_stt")),
            "data_rows": len(rec.data_rows), "rows": rows,
            "skipped_total": len(sk.get("total", [])), "skipped_section": len(sk.get("section", [])),
            "skipped_hidden": len(sk.get("hidden", [])), "skipped_footer": len(sk.get("footer", [])),
            "ignored_columns": ", ".join(h for _, h in rec.ignored)}


def _fmt_rows(rows: list[int]) -> str:
    return ", ".join(map(str, rows[:10])) + (" …" if len(rows) > 10 else "")


def _skip_notes(rec: Recognised) -> list[Problem]:
    f, s = rec.sheet.file, rec.sheet.name
    out = []
    for reason, code in (("total", "rows_skipped_total"), ("section", "rows_skipped_section"),
                         ("hidden", "rows_skipped_hidden"), ("colnum", "rows_skipped_colnum")):
        rows = rec.skipped.get(reason, [])
        if rows:
            out.append(Problem(code, "warning", f, s, rows[0], None, None, {"count": len(rows), "rows": _fmt_rows(rows)}))
    if rows := rec.skipped.get("footer", []):
        out.append(Problem("rows_skipped_footer", "warning", f, s, rows[0], None, None, {"count": len(rows), "first": rows[0]}))
    return out


def _check_totals(w: Sheetwork) -> None:
    """A quota sheet's grand-total row must equal the sum of its data rows, column by column."""
    rec = w.rec
    if not rec.grand_totals or w.kind.name != "quota":
        return
    cells = rec.sheet.cells
    total_row = rec.grand_totals[0]
    value_cols = [m for m in rec.columns if m.field in ("quota_year", "quota_assigned", "cut_pending", "present")]
    for m in value_cols:
        stated_text = cells.at[total_row, m.col]
        try:
            stated = 0 if is_blank_number(stated_text) else parse_int(str(stated_text))
            computed = sum(0 if is_blank_number(v) else parse_int(str(v)) for v in cells.loc[rec.data_rows, m.col])
        except ValueError:
            continue
        if stated != computed:
            w.problems.append(Problem("totals_mismatch", "error", rec.sheet.file, rec.sheet.name, total_row, m.label,
                                      None if stated_text is None else str(stated_text),
                                      {"stated": stated, "computed": computed}))


def _validate(rec: Recognised, ctx: Context, timings: dict[str, float]) -> Sheetwork:
    clock = _Clock(timings)
    w = extract(rec, ctx)
    if w.kind.name == "unit" and "unit_code" in w.raw and "name" in w.raw:
        ctx.units.add(pd.DataFrame({"unit_code": w.raw["unit_code"], "name": w.raw["name"]}).dropna())
    fill_context(w, ctx)
    clock("extract")
    if not check_columns(w) or any(p.code in ("as_of_missing",) for p in w.problems):
        return w
    convert(w, ctx)
    clock("convert")
    rules.derive(w, ctx)
    check_required(w)
    clock("derive")
    rules.check(w, ctx)
    _check_totals(w)
    clock("check")
    return w


class _Clock:
    def __init__(self, timings: dict[str, float]) -> None:
        self.timings, self.t = timings, time.perf_counter()

    def __call__(self, step: str) -> None:
        now = time.perf_counter()
        self.timings[step] = self.timings.get(step, 0.0) + now - self.t
        self.t = now


def _duplicates(table: str, df: pd.DataFrame) -> list[Problem]:
    key = list(KINDS[table].key)
    dup = df.duplicated(key, keep=False)
    if not dup.any():
        return []
    out = []
    for _, g in df[dup].groupby(key, sort=False, dropna=False):
        first = g.iloc[0]
        for _, r in g.iloc[1:].iterrows():
            out.append(Problem("duplicate_in_upload", "error", r["_file"], r["_sheet"], int(r["_row"]), ", ".join(key),
                               " | ".join(str(r[k]) for k in key),
                               {"other_row": int(first["_row"]), "other_sheet": first["_sheet"], "other_file": first["_file"]}))
    return out


def prepare(con: duckdb.DuckDBPyConnection, *, files: Sequence[tuple[str, bytes]], as_of: date | None = None,
            allow_duplicate: bool = False, limits: Limits | None = None, read_limits: ReadLimits | None = None,
            today: date | None = None, progress: Callable[[str, float], None] | None = None,
            extra_headers: Mapping[str, Mapping[str, str]] | None = None) -> Plan:
    """Read, recognise and validate ``files`` (name, content) against the database; store nothing.

    ``progress(step, fraction)`` is called as files are read and sheets validated (a progress bar).
    ``extra_headers`` {kind: {header text: column}}: mappings a user made in the UI (see recognise);
    mappings remembered for a sheet's layout (``mappings.for_sheet``) apply too, the user's own win.
    """
    limits, read_limits = limits or Limits(), read_limits or ReadLimits()
    report = progress or (lambda step, fraction: None)
    timings: dict[str, float] = {}
    clock = _Clock(timings)
    problems: list[Problem] = []
    infos: list[FileInfo] = []
    recs: list[Recognised] = []
    seen: dict[str, str] = {}
    layouts: list[mappings.SheetLayout] = []
    remembered = mappings.stored(con)
    cur = con.cursor()
    for n_file, (name, data) in enumerate(files):
        report(f"read:{name}", n_file / max(len(files), 1) / 2)
        sha = hashlib.sha256(data).hexdigest()
        infos.append(FileInfo(name, sha, len(data)))
        sev = "warning" if allow_duplicate else "error"
        if sha in seen:
            problems.append(Problem("file_duplicate_upload", sev, name, params={"other": seen[sha]}))
        seen.setdefault(sha, name)
        row = cur.execute("SELECT min(f.batch_id) FROM import_file f JOIN import_batch b USING (batch_id) "
                          "WHERE f.sha256 = $s AND b.status = 'loaded'", {"s": sha}).fetchall()[0]
        if row and row[0] is not None:
            problems.append(Problem("file_duplicate", sev, name, params={"batch_id": int(row[0])}))
        clock("hash")
        fmt, p = check_content(name, data, limits)
        problems += p
        clock("safety")
        if fmt is None:
            continue
        sheets, p = read_workbook(name, data, fmt, read_limits)
        problems += p
        clock("read")
        file_recs = []
        for s in sheets:
            if s.name == GUIDE_SHEET and fmt == "xlsx":
                continue  # the instructions sheet of our own templates
            if not s.visible:
                problems.append(Problem("sheet_hidden", "warning", name, s.name))
                continue
            clock("read")
            sheet_mapping, applied = mappings.for_sheet(remembered, s, extra_headers)
            rec = recognise(s, extra_headers=sheet_mapping)
            layouts.append(mappings.describe(rec, applied))
            clock("recognise")
            if rec.kind is None:
                if not s.cells.empty:
                    problems.append(Problem("sheet_not_recognised", "warning", name, s.name))
                continue
            file_recs.append(rec)
        if sheets and not file_recs:
            problems.append(Problem("file_not_recognised", "error", name,
                                    params={"hint": "Họ và tên, Ngày sinh, Tên đơn vị, Biên chế được giao"}))
        recs += file_recs
    ctx = _context(con, as_of, today)
    works: list[Sheetwork] = []
    summaries = []
    ordered = sorted(recs, key=lambda r: r.kind != "unit")  # units first: other sheets may name them
    for n_rec, rec in enumerate(ordered):
        report(f"check:{rec.sheet.file}:{rec.sheet.name}", 0.5 + n_rec / max(len(ordered), 1) / 2)
        w = _validate(rec, ctx, timings)
        clock.t = time.perf_counter()
        problems += _skip_notes(rec) + w.problems
        for _c, h in rec.ignored:
            problems.append(Problem("column_ignored", "warning", rec.sheet.file, rec.sheet.name, rec.header_rows[0],
                                    None, None, {"header": h}))
        works.append(w)
        summaries.append(_summary(rec, len(w.typed)))
    tables: dict[str, pd.DataFrame] = {}
    for table in DATA_TABLES:
        parts = []
        for w in works:
            if w.kind.table == table and len(w.typed):
                df = w.typed.copy()
                df["_file"], df["_sheet"] = w.rec.sheet.file, w.rec.sheet.name
                df["_row"] = w.raw["_row"].to_numpy()
                parts.append(df)
        if parts:
            df = pd.concat(parts, ignore_index=True)
            problems += _duplicates(table, df)
            tables[table] = df
    if not has_errors(problems) and not any(len(df) for df in tables.values()):
        problems.append(Problem("nothing_to_import", "error"))
    clock("assemble")
    report("done", 1.0)
    if as_of is None:  # the upload's as-of date: the one date its snapshots share, if they share one
        dates = {d for t in ("person", "quota") if t in tables for d in tables[t]["as_of"].dropna().unique()}
        as_of = next(iter(dates)) if len(dates) == 1 else None
    plan = Plan(infos, summaries, tables, problems, as_of, timings=timings, layouts=layouts)
    plan.replaced = _replaced_counts(con, plan)
    if "person" in tables:
        plan.problems += _people_elsewhere(con, tables["person"])
    clock("replaced")
    for t, n in plan.replaced.items():
        if n:
            plan.problems.append(Problem("replaces_rows", "warning", params={"count": n, "table": t}))
    return plan


def _people_elsewhere(con: duckdb.DuckDBPyConnection, people: pd.DataFrame) -> list[Problem]:
    """Against the database: a person ID already on another unit's roster at the same as-of date
    (that roster is not being replaced by this upload). Suspicious, not impossible: a warning."""
    keys = people[["as_of", "unit_code", "person_id", "_file", "_sheet", "_row"]].copy()
    keys["as_of"] = pd.to_datetime(keys["as_of"]).dt.date.astype(object)
    cur = con.cursor()
    cur.register("_plan_people", keys)
    try:
        rows = cur.execute("""
            SELECT k._file, k._sheet, k._row, k.person_id, p.unit_code, p.batch_id
            FROM _plan_people k JOIN person p ON p.as_of = k.as_of AND p.person_id = k.person_id
            WHERE p.unit_code <> k.unit_code
              AND NOT EXISTS (SELECT 1 FROM _plan_people r WHERE r.unit_code = p.unit_code AND r.as_of = p.as_of)
            ORDER BY k._row""").fetchall()
    finally:
        cur.unregister("_plan_people")
    return [Problem("person_elsewhere", "warning", f, s, int(r), "person_id", pid, {"other_unit": u, "batch_id": b})
            for f, s, r, pid, u, b in rows]


def _replace_keys(table: str, df: pd.DataFrame) -> pd.DataFrame:
    keys = df[list(KINDS[table].replace_key)].drop_duplicates().reset_index(drop=True)
    for c in keys.columns:
        if keys[c].map(lambda v: isinstance(v, date)).any():
            keys[c] = pd.to_datetime(keys[c]).dt.date.astype(object)
    return keys


def _replaced_counts(con: duckdb.DuckDBPyConnection, plan: Plan) -> dict[str, int]:
    out = {}
    cur = con.cursor()
    for table, df in plan.tables.items():
        keys = _replace_keys(table, df)
        cols = list(keys.columns)
        cur.register("_plan_keys", keys)
        try:
            on = " AND ".join(f'x."{c}" IS NOT DISTINCT FROM k."{c}"' for c in cols)
            row = cur.execute(f"SELECT count(*) FROM {table} x SEMI JOIN _plan_keys k ON {on}").fetchall()[0]  # noqa: S608 kind specs
        finally:
            cur.unregister("_plan_keys")
        out[table] = int(row[0]) if row else 0
    return out


def load(con: duckdb.DuckDBPyConnection, plan: Plan, *, user: str, kind: str = "upload", note: str | None = None) -> LoadResult:
    """Store a plan as one batch, all or nothing; older snapshots of the same keys are replaced."""
    if not plan.ok:
        raise ImportRejected([p for p in plan.problems if p.severity == "error"])
    rows: dict[str, int] = {}
    replaced: dict[str, int] = {}
    try:
        with transaction(con) as cur:
            batch_id = open_batch(cur, kind=kind, user=user, as_of=plan.as_of, note=note,
                                  files=[(f.name, f.sha256, f.size_bytes) for f in plan.files])
            for table in DATA_TABLES:
                df = plan.tables.get(table)
                if df is None or not len(df):
                    continue
                replaced[table] = replace_rows(cur, table, _replace_keys(table, df), batch_id)
                rows[table] = insert_rows(cur, KINDS[table], df.drop(columns=META), batch_id)
            mappings.mark_used(cur, {i for layout in plan.layouts for i in layout.applied})
            close_batch(cur, batch_id, rows)
    except duckdb.ConstraintException as exc:
        raise ImportRejected([Problem("db_constraint", params={"detail": str(exc).splitlines()[0][:200]})]) from exc
    return LoadResult(batch_id, rows, replaced)


def import_files(con: duckdb.DuckDBPyConnection, *, files: Sequence[tuple[str, bytes]], user: str,
                 as_of: date | None = None, kind: str = "upload", dry_run: bool = False,
                 allow_duplicate: bool = False, limits: Limits | None = None,
                 progress: Callable[[str, float], None] | None = None) -> tuple[Plan, LoadResult | None]:
    """prepare + load; raises ImportRejected (every problem) when any error was found."""
    plan = prepare(con, files=files, as_of=as_of, allow_duplicate=allow_duplicate, limits=limits, progress=progress)
    if not plan.ok:
        raise ImportRejected(plan.problems)
    if dry_run:
        return plan, None
    return plan, load(con, plan, user=user, kind=kind)


__all__ = ["FileInfo", "LoadResult", "Plan", "import_files", "load", "prepare"]
