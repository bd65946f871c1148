-- refresh_roster_latest: roster_latest from person_summary and the unit table: each unit's latest
-- roster date, for the units of the unit table whose successor (merged_into) has no newer roster,
-- with the unit's closing date. The caller has deleted the old rows (analytics/summaries.py).
INSERT INTO roster_latest
WITH latest AS (SELECT unit_code, max(as_of) AS snap FROM person_summary GROUP BY unit_code)
SELECT s.unit_code, s.snap, u.valid_to
FROM latest s
JOIN unit u ON u.unit_code = s.unit_code
LEFT JOIN latest m ON m.unit_code = u.merged_into
WHERE m.snap IS NULL OR m.snap <= s.snap
ORDER BY s.unit_code
