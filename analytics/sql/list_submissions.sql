-- list_submissions: the files sent for $period_id (every period when NULL) by units in scope, newest
-- first, optionally only those of $status: everything but the file itself and its problem list.
WITH RECURSIVE
-- @include scope_units
SELECT s.submission_id, s.period_id, s.unit_code, coalesce(u.short_name, u.name, s.unit_code) AS unit_name,
       s.data_kind, s.status, s.submitted_by, s.submitted_at, s.file_name, s.size_bytes, s.rows_total,
       s.errors, s.warnings, s.reviewed_by, s.reviewed_at, s.review_reason, s.batch_id
FROM submission s LEFT JOIN unit u USING (unit_code)
WHERE s.unit_code IN (SELECT unit_code FROM scope_units)
  AND ($period_id IS NULL OR s.period_id = $period_id)
  AND ($status IS NULL OR s.status = $status)
ORDER BY s.submission_id DESC
