-- unit_merged_from: the units merged into $unit, directly or through earlier mergers, with the
-- depth (1 = merged straight into it), the date each stopped (valid_to) and the decision when known.
WITH RECURSIVE chain(unit_code, into_code, depth) AS (
    SELECT unit_code, merged_into, 1 FROM unit WHERE merged_into = $unit
    UNION ALL
    SELECT u.unit_code, u.merged_into, c.depth + 1
    FROM unit u JOIN chain c ON u.merged_into = c.unit_code
    WHERE c.depth < 32
)
SELECT c.depth, c.unit_code, u.name, u.unit_type, c.into_code, i.name AS into_name, u.valid_to,
       r.decision_no, r.decision_date
FROM chain c
JOIN unit u ON u.unit_code = c.unit_code
JOIN unit i ON i.unit_code = c.into_code
LEFT JOIN (SELECT unit_code, arg_max(decision_no, decision_date) AS decision_no, max(decision_date) AS decision_date
           FROM reorg_decision WHERE action = 'sap_nhap' GROUP BY 1) r ON r.unit_code = c.unit_code
ORDER BY c.depth, u.valid_to DESC NULLS LAST, u.name
