-- Version 24: quota_subtotal, the quota rows equal to the sum of their child units' rows (issue 14:
-- the check quota_total_row reads them instead of summing every quota row per parent on each
-- call), filled from the rows already there. Same DDL as the section of schema.sql; the same rows
-- as analytics/sql/refresh_quota_subtotal.sql.
CREATE TABLE IF NOT EXISTS quota_subtotal (
    unit_code      VARCHAR NOT NULL,
    year           INTEGER NOT NULL,
    category       VARCHAR NOT NULL,
    quota_assigned INTEGER NOT NULL,
    children_quota BIGINT NOT NULL,
    children       BIGINT NOT NULL
);
DELETE FROM quota_subtotal;
INSERT INTO quota_subtotal
WITH children AS (
    SELECT u.parent_code AS unit_code, q.year, q.category, sum(q.quota_assigned) AS children_quota,
           count(*) AS children
    FROM quota q JOIN unit u ON u.unit_code = q.unit_code
    WHERE u.parent_code IS NOT NULL
    GROUP BY ALL
)
SELECT q.unit_code, q.year, q.category, q.quota_assigned, c.children_quota::BIGINT, c.children::BIGINT
FROM quota q JOIN children c USING (unit_code, year, category)
WHERE q.quota_assigned = c.children_quota AND q.quota_assigned > 0
ORDER BY q.unit_code, q.year, q.category;
