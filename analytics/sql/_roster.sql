-- Roster rows in scope: each unit's latest snapshot on or before $roster_as_of (every unit's latest
-- when NULL), leaving out units closed before that date (valid_to; today when NULL) and old units
-- whose successor (merged_into) has a newer snapshot than theirs, so an old unit's last roster does
-- not double the people now listed by the unit that took it over. Needs scope_units.
--
-- $roster_stable (sql_files works it out: no roster in the database is dated after $roster_as_of)
-- picks one of two ways to the same units, the other one dropped when the query is planned: the
-- summary table roster_latest, where those rules are already applied to every unit's latest roster
-- (today's pages: a tenth to a quarter of a roster query at national scale), or the latest roster
-- dates on or before $roster_as_of found per unit (an earlier date: a report of last year).
roster_snap AS (  -- from the summary table: the same dates, without scanning every person row
    SELECT unit_code, max(as_of) AS snap
    FROM person_summary
    WHERE NOT $roster_stable
      AND (CAST($roster_as_of AS DATE) IS NULL OR as_of <= CAST($roster_as_of AS DATE))
    GROUP BY unit_code
),
-- MATERIALIZED: worked out first, over the units. Inlined, the optimizer joined the person rows
-- first and applied the unit conditions to every person row (a third to half of some queries).
roster_units AS MATERIALIZED (
    SELECT r.unit_code, r.snap
    FROM roster_latest r  -- (units of the unit table, whose successor has no newer roster)
    WHERE $roster_stable
      AND (r.valid_to IS NULL OR r.valid_to >= coalesce(CAST($roster_as_of AS DATE), current_date))
      -- in scope: scope_units, written so that with no scope the check is dropped, not a semi-join
      -- against every unit (half of roster_units' cost on the national database)
      AND ($scope IS NULL OR r.unit_code IN (SELECT unit_code FROM scope_walk))
    UNION ALL
    SELECT s.unit_code, s.snap
    FROM roster_snap s
    JOIN unit u ON u.unit_code = s.unit_code  -- (scope_units are units: the whole table with no scope)
    LEFT JOIN roster_snap m ON m.unit_code = u.merged_into
    WHERE NOT $roster_stable
      AND (u.valid_to IS NULL OR u.valid_to >= coalesce(CAST($roster_as_of AS DATE), current_date))
      AND (m.snap IS NULL OR m.snap <= s.snap)
      AND ($scope IS NULL OR s.unit_code IN (SELECT unit_code FROM scope_walk))
),
-- $roster_whole (sql_files reads it from roster_date when $roster_stable): the dates whose person
-- rows are all in the roster, each unit there having it as its roster date and none closed. Those
-- rows are taken by their date alone, a filter the scan applies, and only the other dates' rows are
-- joined to their unit's date: on the national demo the join cost two fifths of a roster query.
roster AS (
    SELECT p.* FROM person p
    WHERE list_contains(CAST($roster_whole AS DATE[]), p.as_of)
      AND ($scope IS NULL OR p.unit_code IN (SELECT unit_code FROM scope_walk))
    UNION ALL
    SELECT p.* FROM person p
    JOIN (SELECT * FROM roster_units WHERE NOT list_contains(CAST($roster_whole AS DATE[]), snap)) r
      ON r.unit_code = p.unit_code AND r.snap = p.as_of
),
roster_groups AS (  -- the groups of person_in_post (people in post) of the roster's rows, taken the same way
    SELECT p.* FROM person_in_post p
    WHERE list_contains(CAST($roster_whole AS DATE[]), p.as_of)
      AND ($scope IS NULL OR p.unit_code IN (SELECT unit_code FROM scope_walk))
    UNION ALL
    SELECT p.* FROM person_in_post p
    JOIN (SELECT * FROM roster_units WHERE NOT list_contains(CAST($roster_whole AS DATE[]), snap)) r
      ON r.unit_code = p.unit_code AND r.snap = p.as_of
)
