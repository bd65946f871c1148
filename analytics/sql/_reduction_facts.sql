-- Facts behind the reduction measures of each key of the CTE keyed(unit_code, key), long format:
--   kind 'quota'     : quota_assigned and cut_pending summed per key, category and year;
--   kind 'people_left': reduction cases of $programme, approved or left, per key and category;
--   kind 'retiring'  : people in post at $roster_as_of whose retirement date falls on or after $as_of and
--                      on or before $end_date, per key and category;
--   kind 'key'       : one row per key, so keys without any data still get a row.
-- Needs roster, retirement (fragments), keyed and key_quota(key, category, year, quota_assigned,
-- cut_pending): the quota of each key per category ('cong_chuc', 'vien_chuc') and year, summed from
-- keyed by the fragment keyed_quota, or read from quota_rollup when a key is a whole subtree.
-- Cán bộ count against the civil-servant quota (analytics/codes.py), so they are mapped to cong_chuc.
facts AS (
    SELECT 'quota' AS kind, key, category, year, quota_assigned, cut_pending, NULL::BIGINT AS n
    FROM key_quota
    UNION ALL
    SELECT 'people_left', k.key, CASE WHEN r.category = 'can_bo' THEN 'cong_chuc' ELSE r.category END,
           NULL, NULL, NULL, count(*)
    FROM reduction_case r JOIN keyed k ON k.unit_code = r.unit_code
    WHERE r.programme = $programme AND r.status IN ('da_nghi', 'da_phe_duyet')
      AND r.category IN ('can_bo', 'cong_chuc', 'vien_chuc')
    GROUP BY ALL
    UNION ALL
    SELECT 'retiring', k.key, r.category, NULL, NULL, NULL, sum(r.n)::BIGINT
    FROM (  -- per unit first, then per key: joining every row to keyed costs more
        SELECT p.unit_code, CASE WHEN p.category = 'can_bo' THEN 'cong_chuc' ELSE p.category END AS category,
               count(*) AS n
        FROM retirement_roster p  -- the roster rows born in the retirement window
        JOIN retirement pr ON pr.birth_date = p.birth_date AND pr.gender = p.gender
        WHERE p.status = 'dang_cong_tac' AND p.category IN ('can_bo', 'cong_chuc', 'vien_chuc')
          AND pr.retirement_date >= $as_of AND pr.retirement_date <= $end_date
        GROUP BY ALL
    ) r
    JOIN keyed k ON k.unit_code = r.unit_code
    GROUP BY ALL
    UNION ALL
    SELECT DISTINCT 'key', key, NULL, NULL, NULL, NULL, NULL FROM keyed
)
SELECT kind, key, category, year, quota_assigned, cut_pending, n FROM facts
