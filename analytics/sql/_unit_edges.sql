-- Every step up from a unit: to its parent in the tree (parent_code) and to the unit it was merged
-- into (merged_into). The walks over the units start from these edges.
unit_edges AS (
    SELECT unit_code AS child, parent_code AS up FROM unit WHERE parent_code IS NOT NULL
    UNION ALL
    SELECT unit_code, merged_into FROM unit WHERE merged_into IS NOT NULL
)
