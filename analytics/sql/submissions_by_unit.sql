-- submissions_by_unit: for reporting period $period_id, one row per unit that must report (in scope,
-- of $unit_types, existing at the period's end) and data kind due in that period: the status at
-- $today (returned / sent / late / with_errors / missing / not_due), the review state of its good
-- file, when and by whom the last good file came, how many files were sent. A good file is one
-- that passed validation (submitted, published, or superseded by a newer one before review); a
-- unit is late when its first good file came after the due date.
WITH RECURSIVE
-- @include scope_units
,
p AS (SELECT * FROM reporting_period WHERE period_id = $period_id),
reporting AS (
    SELECT u.unit_code, coalesce(u.short_name, u.name) AS name, u.unit_type
    FROM unit u, p
    WHERE ($scope IS NULL OR u.unit_code IN (SELECT unit_code FROM scope_walk))
      AND list_contains($unit_types, u.unit_type)
      AND (u.valid_from IS NULL OR u.valid_from <= p.end_date)
      AND (u.valid_to IS NULL OR u.valid_to >= p.end_date)
),
agg AS (
    SELECT unit_code, data_kind, count(*) AS submissions,
           min(submitted_at) FILTER (WHERE status IN ('submitted', 'published', 'superseded')) AS first_good_at,
           max(submission_id) FILTER (WHERE status IN ('submitted', 'published', 'superseded')) AS last_good_id,
           max(submission_id) AS latest_id
    FROM submission WHERE period_id = $period_id
    GROUP BY ALL
)
SELECT * FROM (
SELECT r.unit_code, r.name, r.unit_type, d.data_kind, d.due_date, coalesce(a.submissions, 0)::BIGINT AS submissions,
       CASE WHEN latest.status = 'returned' THEN 'returned'
            WHEN a.first_good_at IS NOT NULL
                THEN CASE WHEN CAST(a.first_good_at AS DATE) > d.due_date THEN 'late' ELSE 'sent' END
            WHEN latest.status = 'with_errors' THEN 'with_errors'
            WHEN CAST($today AS DATE) > d.due_date THEN 'missing'
            ELSE 'not_due' END AS status,
       CASE WHEN latest.status = 'returned' THEN NULL ELSE good.status END AS review,
       good.submitted_at AS last_good_at, good.submitted_by AS last_good_by,
       latest.submission_id AS latest_id, latest.status AS latest_status, latest.errors AS latest_errors,
       latest.review_reason AS latest_reason
FROM reporting r
CROSS JOIN (SELECT * FROM period_due WHERE period_id = $period_id) d
LEFT JOIN agg a ON a.unit_code = r.unit_code AND a.data_kind = d.data_kind
LEFT JOIN submission good ON good.submission_id = a.last_good_id
LEFT JOIN submission latest ON latest.submission_id = a.latest_id
)
ORDER BY CASE status WHEN 'missing' THEN 0 WHEN 'with_errors' THEN 1 WHEN 'returned' THEN 2 WHEN 'late' THEN 3
                     WHEN 'not_due' THEN 4 ELSE 5 END, name, data_kind
