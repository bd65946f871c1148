-- Version 19: quota_rollup, the quota summed per unit it rolls up to, category and year (issue 14),
-- filled from the quota rows already there. Same DDL as the section of schema.sql; the same rows as
-- analytics/sql/refresh_quota_rollup.sql.
CREATE TABLE IF NOT EXISTS quota_rollup (
    ancestor_code  VARCHAR,
    category       VARCHAR NOT NULL,
    year           INTEGER NOT NULL,
    quota_rows     BIGINT NOT NULL,
    quota_assigned BIGINT NOT NULL,
    cut_pending    BIGINT NOT NULL,
    present        BIGINT
);
DELETE FROM quota_rollup;
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
ORDER BY 1 NULLS FIRST, 2, 3;
