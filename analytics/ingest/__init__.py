"""Spreadsheet import: read -> recognise -> validate -> load (all or nothing).

For the Import page (``analytics.ingest.pipeline``)::

    plan = prepare(con, files=[(name, data)], as_of=None, allow_duplicate=False,
                   progress=lambda step, fraction: ..., extra_headers={"person": {"Sinh nhật": "birth_date"}})
    plan.ok                  # no errors (warnings never block)
    plan.preview()           # one row per sheet: kind, header rows, columns, rows, skipped rows and why
    plan.problems_frame()    # file, sheet, row, column, value, code, severity, message_vi, message_en
    plan.rows_by_table()     # table -> rows staged
    plan.tables              # table -> typed rows (+ _file, _sheet, _row), read from disk on access
    result = load(con, plan, user="...", kind="upload", progress=...)  # -> LoadResult(batch_id, rows_by_table, replaced)
    plan.close()             # remove the staged rows now (else at garbage collection or exit)

``data`` may be bytes, a path, or a function returning the bytes: each file is taken when its
turn comes and its typed rows are staged to Parquet on disk, so memory is bounded by the largest
file, not by the upload (``staging``). Progress steps: ``read:<file>``, ``check:<file>:<sheet>``,
``stage:<file>:<sheet>``, ``upload``, ``done``; in ``load``: ``load:<table>``, ``commit``, ``done``.

``problems.problems_xlsx(plan.problems)`` is the download; ``template.build_template(kind)`` the
template; ``analytics.batches.list_batches`` / ``undo_batch`` the history. Messages:
``messages.MESSAGES`` (vi/en). This package module imports nothing itself, so the reader's
child processes start light.
"""
