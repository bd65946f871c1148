-- key_quota for _reduction_facts: the quota rows of the keys' units (keyed) summed per key,
-- category ('cong_chuc', 'vien_chuc') and year. Needs keyed.
key_quota AS (
    SELECT k.key, q.category, q.year,
           sum(q.quota_assigned)::BIGINT AS quota_assigned, sum(q.cut_pending)::BIGINT AS cut_pending
    FROM quota q JOIN keyed k ON k.unit_code = q.unit_code
    WHERE q.category IN ('cong_chuc', 'vien_chuc')
    GROUP BY k.key, q.category, q.year
)
