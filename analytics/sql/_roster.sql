-- Roster rows in scope from each unit's latest snapshot on or before $roster_as_of (every unit's
-- latest when NULL). Needs scope_units.
roster AS (
    SELECT p.*
    FROM person p
    JOIN (SELECT unit_code, max(as_of) AS snap
          FROM person
          WHERE CAST($roster_as_of AS DATE) IS NULL OR as_of <= CAST($roster_as_of AS DATE)
          GROUP BY unit_code) l
      ON l.unit_code = p.unit_code AND l.snap = p.as_of
    WHERE p.unit_code IN (SELECT unit_code FROM scope_units)
)
