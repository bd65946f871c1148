"""read -> recognise -> validate -> load: the import API used by the CLI and the Import page.

``prepare(con, files=[(name, source)], as_of=...)`` returns a ``Plan``: what was recognised in each
sheet, the typed rows per table, and every problem (errors block loading, warnings do not).
``load(con, plan, user=...)`` stores a plan without errors as one batch in one transaction
(``analytics.ingest.plan``, re-exported here).
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
import time
from collections.abc import Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

import duckdb

from analytics.db import DATA_TABLES
from analytics.errors import ImportRejected
from analytics.ingest import mappings, staging
from analytics.ingest.fit import fit_sheet
from analytics.ingest.load import META, to_table
from analytics.ingest.messages import refusal_params, table_name
from analytics.ingest.plan import PREVIEW_COLUMNS, FileInfo, LoadResult, Plan, audit_rejected, load
from analytics.ingest.problems import Problem, ProblemCap, has_errors
from analytics.ingest.reader import ReadLimits, read_workbook, start_reader
from analytics.ingest.recognise import Recognised, recognise
from analytics.ingest.safety import Limits, check_content
from analytics.ingest.sheetcheck import Clock, notes, summary, validate
from analytics.ingest.sources import Bar, Progress, Source, read_source, size_of
from analytics.ingest.staging import Staging
from analytics.ingest.template import GUIDE_SHEET
from analytics.ingest.units import UnitResolver
from analytics.ingest.validate import Context
from analytics.policy import load_policy

PROBLEM_CAP = 1000  # problems kept per code and file; the rest are counted
READ_BYTES_PER_SECOND = 2.5e6  # .xlsx parsed per second (bench: 7 MB, 100.000 rows, in 3 s): paces the bar


def _context(con: duckdb.DuckDBPyConnection, as_of: date | None, today: date | None) -> Context:
    cur = con.cursor()
    scale = {
        (g, int(s)): Decimal(str(c))
        for g, s, c in cur.execute("SELECT pay_group, step, coef FROM pay_scale").fetchall()
    }
    base = [
        (d, int(a))
        for d, a in cur.execute("SELECT valid_from, amount_vnd FROM base_salary ORDER BY valid_from").fetchall()
    ]
    return Context(
        as_of,
        UnitResolver.from_db(con),
        scale,
        base,
        today or date.today(),
        secondment_min_months=load_policy(con).secondment_min_months,
    )


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
    sheets, p = read_workbook(
        name,
        data,
        fmt,
        job.read_limits,
        lambda waited: job.bar.file(n_file, f"read:{name}", 0.4 * (1 - math.exp(-waited / expected))),
    )  # approaches 40 %, never passes it
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
        out.problems.append(
            Problem(
                "file_not_recognised",
                "error",
                name,
                params={"hint": "Họ và tên, Ngày sinh, Tên đơn vị, Biên chế được giao"},
            )
        )
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


def prepare(
    con: duckdb.DuckDBPyConnection,
    *,
    files: Sequence[tuple[str, Source]],
    as_of: date | None = None,
    allow_duplicate: bool = False,
    limits: Limits | None = None,
    read_limits: ReadLimits | None = None,
    today: date | None = None,
    progress: Progress | None = None,
    extra_headers: Mapping[str, Mapping[str, str]] | None = None,
    problem_cap: int = PROBLEM_CAP,
    staging_dir: str | os.PathLike[str] | None = None,
    user: str | None = None,
) -> Plan:
    """Read, recognise and validate ``files`` (name, bytes | path | callable) against the database;
    store nothing. Each file is read when its turn comes and dropped once its rows are staged.

    ``progress(step, fraction)`` is called as files are read, sheets checked and staged.
    ``extra_headers`` {kind: {header text: column}}: mappings a user made in the UI (see recognise);
    mappings remembered for a sheet's layout (``mappings.for_sheet``) apply too, the user's own win.
    ``limits`` default to the configured file size (``Limits.from_settings``), as on the page.
    ``staging_dir``: where the plan's temporary folder goes (default: the system's).
    ``user``: who imports; when given, files the checks refuse are audited (``import_rejected``).
    """
    start_reader()  # its start overlaps the units' and mappings' reading below
    timings: dict[str, float] = {}
    clock = Clock(timings)
    bar = Bar(progress, [size_of(src) for _, src in files])
    store = Staging(staging_dir)
    try:
        job = _Job(
            con,
            _context(con, as_of, today),
            store,
            bar,
            limits or Limits.from_settings(),
            read_limits or ReadLimits(),
            extra_headers,
            mappings.stored(con),
            problem_cap,
            timings,
        )
        plan = _prepare(job, files, as_of, allow_duplicate, clock)
    except BaseException:
        store.close()
        raise
    if user is not None and not plan.ok:
        audit_rejected(con, plan, user, stage="check", errors=sum(p.severity == "error" for p in plan.problems))
    return plan


def _prepare(
    job: _Job, files: Sequence[tuple[str, Source]], as_of: date | None, allow_duplicate: bool, clock: Clock
) -> Plan:
    infos: list[FileInfo] = []
    results: list[_FileResult] = []
    file_problems: list[list[Problem]] = []
    seen: dict[str, str] = {}
    cur = job.con.cursor()
    sev = "warning" if allow_duplicate else "error"
    for n_file, (name, source) in enumerate(files):
        job.bar.file(n_file, f"read:{name}", 0.0)
        try:
            data = read_source(source, job.limits.max_file_bytes)  # a path over the limit: its first bytes only
        except OSError as exc:  # a path that is gone or unreadable: that file's error; the others are checked
            code = "file_missing" if isinstance(exc, FileNotFoundError) else "file_not_readable"
            infos.append(FileInfo(name, "", 0))
            file_problems.append([Problem(code, "error", name, params={"reason": type(exc).__name__})])
            results.append(_FileResult())
            continue
        # hashed on a thread while the file is read and checked (hashlib lets go of the GIL, and the
        # parse is another process's): 10 ms a 7 MB file no longer waited for
        with ThreadPoolExecutor(max_workers=1) as pool:
            hashed = pool.submit(_sha256, data)
            checked = _check_file(job, n_file, name, data)
            sha = hashed.result()
        infos.append(FileInfo(name, sha, len(data)))
        fp = []
        if sha in seen:
            fp.append(Problem("file_duplicate_upload", sev, name, params={"other": seen[sha]}))
        seen.setdefault(sha, name)
        row = cur.execute(
            "SELECT min(f.batch_id) FROM import_file f JOIN import_batch b USING (batch_id) "
            "WHERE f.sha256 = $s AND b.status = 'loaded'",
            {"s": sha},
        ).fetchall()[0]
        if row and row[0] is not None:
            fp.append(Problem("file_duplicate", sev, name, params={"batch_id": int(row[0])}))
        file_problems.append(fp)
        results.append(checked)
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
    plan = Plan(
        infos,
        [s for r in results for s in r.sheets],
        job.staging,
        problems,
        as_of,
        timings=job.timings,
        layouts=[lay for r in results for lay in r.layouts],
    )
    plan.replaced = {t: staging.replaced_count(job.con, job.staging, t) for t in DATA_TABLES if counts.get(t)}
    job.bar.report("upload", 0.99)
    for t, n in plan.replaced.items():
        if n:
            plan.problems.append(Problem("replaces_rows", "warning", params={"count": n, "table": table_name(t)}))
    clock("upload")
    job.bar.report("done", 1.0)
    return plan


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _upload_checks(job: _Job) -> list[Problem]:
    """Duplicates across the whole upload (errors) and people already on another unit's roster
    (warnings), capped per file like the other problems."""
    out: list[Problem] = []
    more: dict[tuple[str, str, str], int] = {}
    found: list[tuple[str, str, tuple[list[Problem], dict[str, int]]]] = [
        ("duplicate_in_upload", "error", staging.duplicates(job.con, job.staging, t, job.problem_cap))
        for t in DATA_TABLES
    ]
    found.append(("person_elsewhere", "warning", staging.people_elsewhere(job.con, job.staging, job.problem_cap)))
    for code, severity, (problems, extra) in found:
        out += problems
        for f, n in extra.items():
            more[(f, code, severity)] = more.get((f, code, severity), 0) + n
    for (f, code, severity), n in more.items():
        last = next(p for p in reversed(out) if p.code == code and p.file == f)
        out.append(
            Problem(
                "problems_more",
                severity,
                f,
                params={"count": n, "code": code, "message_vi": last.message("vi"), "message_en": last.message("en")},
            )
        )
    return out


def import_files(
    con: duckdb.DuckDBPyConnection,
    *,
    files: Sequence[tuple[str, Source]],
    user: str,
    as_of: date | None = None,
    kind: str = "upload",
    dry_run: bool = False,
    allow_duplicate: bool = False,
    limits: Limits | None = None,
    progress: Progress | None = None,
) -> tuple[Plan, LoadResult | None]:
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

    plan = prepare(
        con,
        files=files,
        as_of=as_of,
        allow_duplicate=allow_duplicate,
        limits=limits,
        progress=part(0.0, 1.0 if dry_run else 0.8, dry_run),
        user=user,
    )
    if not plan.ok:
        plan.close()
        raise ImportRejected(plan.problems)
    if dry_run:
        return plan, None
    return plan, load(con, plan, user=user, kind=kind, progress=part(0.8, 0.2, True))


__all__ = [
    "META",
    "PREVIEW_COLUMNS",
    "PROBLEM_CAP",
    "FileInfo",
    "LoadResult",
    "Plan",
    "Source",
    "import_files",
    "load",
    "prepare",
]
