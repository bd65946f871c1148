-- reorg_units: the units in scope with their group in the reorganisation figures (seed 002 §II.2):
-- so_nganh (cơ quan chuyên môn cấp thành phố), co_quan_khac (cơ quan, tổ chức khác), chi_cuc (a
-- division at city level whose name starts with "Chi cục": the unit types have no sub-department of
-- their own, and divisions inside an agency are no organisation of their own), cqcm_huyen (a
-- division of a district: cơ quan chuyên môn cấp huyện), dvsnc (public service unit); NULL for the
-- rest. agency_code: the agency a unit reports to: its parent for divisions and public service
-- units under an agency or district, itself otherwise (a unit straight under the city or a former
-- province is an agency of its own, labelled by its own name). alive: exists at $as_of. Needs
-- scope_units.
reorg_units AS (
    SELECT u.unit_code, u.name, u.unit_type, u.level, u.sector, u.parent_code, u.valid_from, u.valid_to,
           CASE WHEN u.unit_type IN ('so_nganh', 'co_quan_khac', 'dvsnc') THEN u.unit_type
                WHEN u.unit_type = 'phong' AND u.level = 'district' THEN 'cqcm_huyen'
                WHEN u.unit_type = 'phong' AND u.level = 'city'
                     AND starts_with(lower(strip_accents(u.name)), 'chi cuc') THEN 'chi_cuc'
           END AS unit_group,
           CASE WHEN u.unit_type IN ('dvsnc', 'phong') AND p.unit_type NOT IN ('thanh_pho', 'tinh_cu')
                THEN u.parent_code ELSE u.unit_code END AS agency_code,
           (u.valid_from IS NULL OR u.valid_from <= CAST($as_of AS DATE))
               AND (u.valid_to IS NULL OR u.valid_to >= CAST($as_of AS DATE)) AS alive
    FROM unit u LEFT JOIN unit p ON p.unit_code = u.parent_code
    WHERE ($scope IS NULL OR u.unit_code IN (SELECT unit_code FROM scope_walk))
)
