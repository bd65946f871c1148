-- check_secondment_not_to_commune: postings whose receiving unit is not a commune (ubnd_xa).
-- Needs scope_units.
check_secondment_not_to_commune AS (
    SELECT s.secondment_id, s.sending_unit_code, s.receiving_unit_code, u.unit_type AS receiving_unit_type
    FROM secondment s JOIN unit u ON u.unit_code = s.receiving_unit_code
    WHERE u.unit_type <> 'ubnd_xa'
      AND ((s.sending_unit_code IN (SELECT unit_code FROM scope_walk) OR ($scope IS NULL AND s.sending_unit_code NOT IN (SELECT unit_code FROM unknown_unit_ref)))
           OR (s.receiving_unit_code IN (SELECT unit_code FROM scope_walk) OR ($scope IS NULL AND s.receiving_unit_code NOT IN (SELECT unit_code FROM unknown_unit_ref))))
)
