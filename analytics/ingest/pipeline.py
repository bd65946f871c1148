"""read -> recognise -> validate -> load: the import API used by the CLI and the Import page.

``prepare(con, files=[(name, source)], as_of=...)`` returns a ``Plan``: what was recognised in each
sheet, the typed rows per table, and every problem (errors block loading, warnings do not).
``load(con, plan, user=...)`` stores a plan without errors as one batch in one transaction.
``import_files`` does both and raises ``ImportRejected`` carrying every problem.

Uploads of many files (a million rows) run in memory bounded by the largest file: a source is
the file's bytes, a path, or a function returning the bytes, taken only when its turn comes;
after a file is checked its typed rows go to disk (``staging``) and its frames are dropped. The
checks over the whole upload and ``load`` run in DuckDB over the staged Parquet parts.

Problems are capped per file: the first ``problem_cap`` (1000) of each code are kept, the rest
of that code become one "… and K more rows" problem (``problems.ProblemCap``). ``progress(step, fraction)`` advances from 0 to 1 over the whole job; each file's share is its
size. Steps: ``read:<file>``, ``check:<file>:<sheet>``, ``stage:<file>:<sheet>``, ``upload``
(checks across files), ``done``; ``load`` reports ``load:<table>``, ``commit`` and ``done``.
"""

from __future__ import annotations

import hashlib
import math
import os
import threading
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
from analytics.errors import ImportRejected, OversightError
from analytics.ingest import mappings, staging
from analytics.ingest.fit import fit_sheet
from analytics.ingest.load import META, to_table
from analytics.ingest.messages import refusal_params, table_name
from analytics.ingest.problems import Problem, ProblemCap, has_errors, problems_frame
from analytics.ingest.reader import ReadLimits, read_workbook
from analytics.ingest.recognise import Recognised, recognise
from analytics.ingest.safety import Limits, check_content
from analytics.ingest.sheetcheck import Clock, notes, summary, validate
from analytics.ingest.sources import Bar, Progress, Source, read_source, size_of
from analytics.ingest.staging import StagedTables, Staging
from analytics.ingest.template import GUIDE_SHEET
from analytics.ingest.units import UnitResolver
from analytics.ingest.validate import Context

PREVIEW_COLUMNS = ("file", "sheet", "kind", "header_rows", "columns", "data_rows", "rows", "skipped_total",
                   "skipped_section", "skipped_hidden", "skipped_footer", "ignored_columns")
PROBLEM_CAP = 1000  # problems kept per code and file; the rest are counted
READ_BYTES_PER_SECOND = 2.5e6  # .xlsx parsed per second (bench: 7 MB, 100.000 rows, in 3 s): paces the bar
_LOAD_LOCK = threading.Lock()
Also = Callable[[duckdb.DuckDBPyConnection, int], None]  # (cursor in load's transaction, batch id)


@dataclass
class FileInfo:
    name: str
    sha256: str
    size_bytes: int


@dataclass
class Plan:
    """The outcome of ``prepare``: load it only when ``ok``. Its typed rows are on disk until
    ``close()`` (or garbage collection, or exit); usable as a context manager."""

    files: list[FileInfo]
    sheets: list[dict[str, Any]]  # file, sheet, kind, header_rows, data_rows, skipped counts
    staging: Staging
    problems: list[Problem]
    as_of: date | None = None
    replaced: dict[str, int] = field(default_factory=dict)
    timings: dict[str, float] = field(default_factory=dict)  # seconds per step, for the benchmark
    layouts: list[mappings.SheetLayout] = field(default_factory=list)  # headers per sheet, for mapping by hand

    @property
    def ok(self) -> bool:
        return not has_errors(self.problems)

    @property
    def tables(self) -> StagedTables:
        """table -> typed rows with _file, _sheet, _row, read from the staged parts on access."""
        return StagedTables(self.staging)

    def problems_frame(self) -> pd.DataFrame:
        return problems_frame(self.problems)

    def preview(self) -> pd.DataFrame:
        """One row per sheet: what was recognised and what was skipped, and why (no rows, same
        columns, when nothing was recognised)."""
        return pd.DataFrame(self.sheets, columns=list(PREVIEW_COLUMNS))

    def rows_by_table(self) -> dict[str, int]:
        counts = self.staging.rows_by_table()
        return {t: counts[t] for t in DATA_TABLES if counts.get(t)}

    def close(self) -> None:
        """Remove the staged rows (the plan cannot be loaded afterwards)."""
        self.staging.close()

    def __enter__(self) -> Plan:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


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


@dataclass
class _FileResult:
    problems: list[Problem] = field(default_factory=list)
    sheets: list[dict[str, Any]] = field(default_factory=list)
    layouts: list[mappings.SheetLayout] = field(default_factory=list)
    units: bool = False  # a unit sheet: later files may name its units
    others: bool = False  # sheets that name units


@dataclass
class _Job:
    con: duckdb.DuckDBPyConnection
    ctx: Context
    staging: Staging
    bar: Bar
    limits: Limits
    read_limits: ReadLimits
    extra_headers: Mapping[str, Mapping[str, str]] | None
    remembered: list[mappings.StoredMapping]
    problem_cap: int
    timings: dict[str, float]
    narrow: dict[str, dict[str, tuple[int, int]]] = field(default_factory=dict)  # fit.narrow_columns per table


def _check_file(job: _Job, n_file: int, name: str, data: bytes) -> _FileResult:
    """Safety, read, recognise and check one file; stage its typed rows. Holds the file's frames
    only while it runs."""
    clock = Clock(job.timings)
    out = _FileResult()
    cap = ProblemCap(job.problem_cap)
    fmt, p = check_content(name, data, job.limits)
    out.problems += p
    clock("safety")
    if fmt is None:
        return out
    expected = max(0.5, len(data) / READ_BYTES_PER_SECOND)
    sheets, p = read_workbook(name, data, fmt, job.read_limits, lambda waited: job.bar.file(
        n_file, f"read:{name}", 0.4 * (1 - math.exp(-waited / expected))))  # approaches 40 %, never passes it
    out.problems += p
    clock("read")
    recs: list[Recognised] = []
    refused = False  # a sheet already told why it cannot be read: no generic "not recognised" too
    for s in sheets:
        if s.name == GUIDE_SHEET and fmt == "xlsx":
            continue  # the instructions sheet of our own templates
        if not s.visible:
            out.problems.append(Problem("sheet_hidden", "warning", name, s.name))
            continue
        sheet_mapping, applied = mappings.for_sheet(job.remembered, s, job.extra_headers)
        rec = recognise(s, extra_headers=sheet_mapping)
        out.layouts.append(mappings.describe(rec, applied))
        clock("recognise")
        if rec.kind is None:
            if rec.refused:
                refused = True
                out.problems.append(Problem(f"sheet_{rec.refused}", "error", name, s.name, params=refusal_params(rec)))
            elif not s.cells.empty:
                out.problems.append(Problem("sheet_not_recognised", "warning", name, s.name))
            continue
        recs.append(rec)
    had_sheets = bool(sheets)
    del sheets
    if had_sheets and not recs and not refused:
        out.problems.append(Problem("file_not_recognised", "error", name,
                                    params={"hint": "Họ và tên, Ngày sinh, Tên đơn vị, Biên chế được giao"}))
    recs.sort(key=lambda r: r.kind != "unit")  # units first: other sheets may name them
    total = sum(len(r.data_rows) for r in recs) or 1
    done = 0
    while recs:
        rec = recs.pop(0)
        sheet = rec.sheet.name
        job.bar.file(n_file, f"check:{name}:{sheet}", 0.4 + 0.5 * done / total)
        w = validate(rec, job.ctx, job.timings, cap)
        clock.t = time.perf_counter()
        out.units |= rec.kind == "unit"
        out.others |= rec.kind != "unit"
        cap.add(out.problems, notes(rec))
        out.problems += w.problems  # capped as they were found
        out.sheets.append(summary(rec, len(w.typed)))
        if len(w.typed):
            job.bar.file(n_file, f"stage:{name}:{sheet}", 0.4 + 0.5 * (done + 0.8 * len(rec.data_rows)) / total)
            rows, p = to_table(w.kind, w.typed, w.raw["_row"].to_numpy(), name, sheet)
            rows, p2 = fit_sheet(job.con, job.narrow, w.kind.table, rows, w.labels, w.raw, name, sheet)
            cap.add(out.problems, p + p2)
            job.staging.write(w.kind.table, n_file, name, sheet, rows)
        done += len(rec.data_rows)
        del w, rec
        clock("stage")
    out.problems += cap.summary(name)
    return out


def prepare(con: duckdb.DuckDBPyConnection, *, files: Sequence[tuple[str, Source]], as_of: date | None = None,
            allow_duplicate: bool = False, limits: Limits | None = None, read_limits: ReadLimits | None = None,
            today: date | None = None, progress: Progress | None = None,
            extra_headers: Mapping[str, Mapping[str, str]] | None = None, problem_cap: int = PROBLEM_CAP,
            staging_dir: str | os.PathLike[str] | None = None) -> Plan:
    """Read, recognise and validate ``files`` (name, bytes | path | callable) against the database;
    store nothing. Each file is read when its turn comes and dropped once its rows are staged.

    ``progress(step, fraction)`` is called as files are read, sheets checked and staged.
    ``extra_headers`` {kind: {header text: column}}: mappings a user made in the UI (see recognise);
    mappings remembered for a sheet's layout (``mappings.for_sheet``) apply too, the user's own win.
    ``staging_dir``: where the plan's temporary folder goes (default: the system's).
    """
    timings: dict[str, float] = {}
    clock = Clock(timings)
    bar = Bar(progress, [size_of(src) for _, src in files])
    store = Staging(staging_dir)
    try:
        job = _Job(con, _context(con, as_of, today), store, bar, limits or Limits(), read_limits or ReadLimits(),
                   extra_headers, mappings.stored(con), problem_cap, timings)
        return _prepare(job, files, as_of, allow_duplicate, clock)
    except BaseException:
        store.close()
        raise


def _prepare(job: _Job, files: Sequence[tuple[str, Source]], as_of: date | None, allow_duplicate: bool,
             clock: Clock) -> Plan:
    infos: list[FileInfo] = []
    results: list[_FileResult] = []
    file_problems: list[list[Problem]] = []
    seen: dict[str, str] = {}
    cur = job.con.cursor()
    sev = "warning" if allow_duplicate else "error"
    for n_file, (name, source) in enumerate(files):
        job.bar.file(n_file, f"read:{name}", 0.0)
        data = read_source(source, job.limits.max_file_bytes)  # a path over the limit: its first bytes only
        sha = hashlib.sha256(data).hexdigest()
        infos.append(FileInfo(name, sha, len(data)))
        fp = []
        if sha in seen:
            fp.append(Problem("file_duplicate_upload", sev, name, params={"other": seen[sha]}))
        seen.setdefault(sha, name)
        row = cur.execute("SELECT min(f.batch_id) FROM import_file f JOIN import_batch b USING (batch_id) "
                          "WHERE f.sha256 = $s AND b.status = 'loaded'", {"s": sha}).fetchall()[0]
        if row and row[0] is not None:
            fp.append(Problem("file_duplicate", sev, name, params={"batch_id": int(row[0])}))
        file_problems.append(fp)
        clock("hash")
        results.append(_check_file(job, n_file, name, data))
        clock.t = time.perf_counter()
        del data
    # A unit sheet teaches the resolver new units: files checked before it are checked again
    # (rare: a unit list usually comes alone or first).
    last_units = max((i for i, r in enumerate(results) if r.units), default=0)
    job.bar.held = 0.95
    for n_file, (name, source) in enumerate(files[:last_units]):
        if results[n_file].others:
            job.bar.file(n_file, f"read:{name}", 0.0)
            job.staging.drop_file(n_file)
            results[n_file] = _check_file(job, n_file, name, read_source(source, job.limits.max_file_bytes))
            clock.t = time.perf_counter()
    job.bar.report("upload", 0.95)
    problems = [p for fp, r in zip(file_problems, results, strict=True) for p in (*fp, *r.problems)]
    problems += _upload_checks(job)
    job.bar.report("upload", 0.97)
    counts = job.staging.rows_by_table()
    if not has_errors(problems) and not any(counts.values()):
        problems.append(Problem("nothing_to_import", "error"))
    if as_of is None:  # the upload's as-of date: the one date its snapshots share, if they share one
        dates = staging.as_of_dates(job.con, job.staging)
        as_of = next(iter(dates)) if len(dates) == 1 else None
    plan = Plan(infos, [s for r in results for s in r.sheets], job.staging, problems, as_of, timings=job.timings,
                layouts=[lay for r in results for lay in r.layouts])
    plan.replaced = {t: staging.replaced_count(job.con, job.staging, t) for t in DATA_TABLES if counts.get(t)}
    job.bar.report("upload", 0.99)
    for t, n in plan.replaced.items():
        if n:
            plan.problems.append(Problem("replaces_rows", "warning", params={"count": n, "table": table_name(t)}))
    clock("upload")
    job.bar.report("done", 1.0)
    return plan


def _upload_checks(job: _Job) -> list[Problem]:
    """Duplicates across the whole upload (errors) and people already on another unit's roster
    (warnings), capped per file like the other problems."""
    out: list[Problem] = []
    more: dict[tuple[str, str, str], int] = {}
    found: list[tuple[str, str, tuple[list[Problem], dict[str, int]]]] = [
        ("duplicate_in_upload", "error", staging.duplicates(job.con, job.staging, t, job.problem_cap)) for t in DATA_TABLES]
    found.append(("person_elsewhere", "warning", staging.people_elsewhere(job.con, job.staging, job.problem_cap)))
    for code, severity, (problems, extra) in found:
        out += problems
        for f, n in extra.items():
            more[(f, code, severity)] = more.get((f, code, severity), 0) + n
    for (f, code, severity), n in more.items():
        last = next(p for p in reversed(out) if p.code == code and p.file == f)
        out.append(Problem("problems_more", severity, f, params={
            "count": n, "code": code, "message_vi": last.message("vi"), "message_en": last.message("en")}))
    return out


def load(con: duckdb.DuckDBPyConnection, plan: Plan, *, user: str, kind: str = "upload", note: str | None = None,
         progress: Progress | None = None, also: Also | None = None) -> LoadResult:
    """Store a plan as one batch, all or nothing; older snapshots of the same keys are replaced.

    ``also(cur, batch_id)`` runs inside the same transaction, last: what must commit with the rows or
    not at all (publishing a submission marks it published there); its exception rolls all back.

    ``progress(step, fraction)``: ``load:<table>`` per staged part (a sheet), ``commit``, ``done``. DuckDB runs the
    inserts on one thread: inserting into primary-key indexes does not gain from a second one,
    and loses a lot when another process holds the other core (measured: 0.22 s vs 0.65 s for
    100.000 roster rows). The setting is restored afterwards.
    """
    if not plan.ok:
        raise ImportRejected([p for p in plan.problems if p.severity == "error"])
    if plan.staging.closed:
        raise OversightError("import_plan_closed")
    report = progress or (lambda step, fraction: None)
    counts = plan.staging.rows_by_table()
    tables = [t for t in DATA_TABLES if counts.get(t)]
    rows: dict[str, int] = {}
    replaced: dict[str, int] = {}
    with _LOAD_LOCK:  # one load at a time per process: the thread setting is the database's, not the cursor's
        threads = con.cursor().execute("SELECT current_setting('threads')").fetchall()[0][0]
        try:
            con.cursor().execute("SET threads = 1")
            batch_id = _store(con, plan, kind, user, note, tables, counts, rows, replaced, report, also)
        except (duckdb.ConstraintException, duckdb.ConversionException) as exc:  # the rest is fit per cell
            raise ImportRejected([Problem("db_constraint", params={"detail": str(exc).splitlines()[0][:200]})]) from exc
        finally:
            con.cursor().execute(f"SET threads = {int(threads)}")
    report("done", 1.0)
    return LoadResult(batch_id, rows, replaced)


def _store(con: duckdb.DuckDBPyConnection, plan: Plan, kind: str, user: str, note: str | None, tables: list[str],
           counts: dict[str, int], rows: dict[str, int], replaced: dict[str, int], report: Progress,
           also: Also | None = None) -> int:
    """The one transaction of ``load``: batch, replaced rows, inserts part by part; returns the batch."""
    total = sum(counts[t] for t in tables) or 1
    done = 0
    with transaction(con) as cur:
        batch_id = open_batch(cur, kind=kind, user=user, as_of=plan.as_of, note=note,
                              files=[(f.name, f.sha256, f.size_bytes) for f in plan.files])
        for table in tables:
            replaced[table] = replace_rows(cur, table, staging.replace_keys(con, plan.staging, table), batch_id)
            rows[table] = 0
            for part in plan.staging.parts_of(table):  # part by part: the bar moves on a big table too
                report(f"load:{table}", 0.95 * done / total)
                rows[table] += staging.insert(cur, part, batch_id)
                done += part.rows
        mappings.mark_used(cur, {i for layout in plan.layouts for i in layout.applied})
        close_batch(cur, batch_id, rows)
        if also is not None:
            also(cur, batch_id)
        report("commit", 0.95)
    return batch_id


def import_files(con: duckdb.DuckDBPyConnection, *, files: Sequence[tuple[str, Source]], user: str,
                 as_of: date | None = None, kind: str = "upload", dry_run: bool = False,
                 allow_duplicate: bool = False, limits: Limits | None = None,
                 progress: Progress | None = None) -> tuple[Plan, LoadResult | None]:
    """prepare + load; raises ImportRejected (every problem) when any error was found. ``progress``
    covers both: checking takes the first 80 %, loading the rest."""
    def part(start: float, width: float, last: bool) -> Progress | None:
        if progress is None:
            return None
        report = progress

        def scaled(step: str, fraction: float) -> None:
            if step != "done" or last:
                report(step, start + width * fraction)
        return scaled

    plan = prepare(con, files=files, as_of=as_of, allow_duplicate=allow_duplicate, limits=limits,
                   progress=part(0.0, 1.0 if dry_run else 0.8, dry_run))
    if not plan.ok:
        plan.close()
        raise ImportRejected(plan.problems)
    if dry_run:
        return plan, None
    return plan, load(con, plan, user=user, kind=kind, progress=part(0.8, 0.2, True))


__all__ = ["META", "PROBLEM_CAP", "FileInfo", "LoadResult", "Plan", "Source", "import_files", "load", "prepare"]
