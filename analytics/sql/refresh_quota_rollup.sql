-- refresh_quota_rollup: quota_rollup from quota and unit_rollup (refreshed before it), every
-- ancestor's sums and the whole database's (ancestor_code NULL). The caller has deleted the old rows
-- (analytics/summaries.py). Sorted by ancestor, so that a scope's rows are in few row groups.
INSERT INTO quota_rollup
SELECT r.ancestor_code, q.category, q.year, count(*), sum(q.quota_assigned)::BIGINT,
       sum(q.cut_pending)::BIGINT, sum(q.present)::BIGINT
FROM quota q JOIN unit_rollup r ON r.unit_code = q.unit_code
GROUP BY r.ancestor_code, q.category, q.year
UNION ALL
SELECT NULL, q.category, q.year, count(*), sum(q.quota_assigned)::BIGINT,
       sum(q.cut_pending)::BIGINT, sum(q.present)::BIGINT
FROM quota q
WHERE q.unit_code IN (SELECT unit_code FROM unit)
GROUP BY q.category, q.year
ORDER BY 1 NULLS FIRST, 2, 3
