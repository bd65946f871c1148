-- check_secondment_overlap: one person in two postings at the same time (counted in two communes).
-- Needs scope_units.
check_secondment_overlap AS (
    WITH spans AS (
        SELECT secondment_id, person_id, sending_unit_code, receiving_unit_code, start_date,
               coalesce(actual_end_date, planned_end_date) AS ends_on
        FROM secondment
    )
    SELECT a.person_id, a.secondment_id, b.secondment_id AS other_secondment_id,
           a.receiving_unit_code, b.receiving_unit_code AS other_receiving_unit_code,
           greatest(a.start_date, b.start_date) AS overlap_from, least(a.ends_on, b.ends_on) AS overlap_to
    FROM spans a
    JOIN spans b ON b.person_id = a.person_id AND a.secondment_id < b.secondment_id
     AND a.start_date <= b.ends_on AND b.start_date <= a.ends_on
    WHERE (a.sending_unit_code IN (SELECT unit_code FROM scope_walk) OR ($scope IS NULL AND a.sending_unit_code NOT IN (SELECT unit_code FROM unknown_unit_ref)))
       OR (a.receiving_unit_code IN (SELECT unit_code FROM scope_walk) OR ($scope IS NULL AND a.receiving_unit_code NOT IN (SELECT unit_code FROM unknown_unit_ref)))
       OR (b.receiving_unit_code IN (SELECT unit_code FROM scope_walk) OR ($scope IS NULL AND b.receiving_unit_code NOT IN (SELECT unit_code FROM unknown_unit_ref)))
)
