-- reduction_by_group: the key of a unit is its own sector / former province, else that of the
-- nearest unit it rolls up to (fewest steps up the tree and mergers) that has one; NULL when
-- none has. For the former province the walk starts at the unit that carries the unit today
-- (unit_successor): an old agency merged into a city-wide agency counts with the city-wide
-- agencies (NULL), an old commune with the new commune's province — so each group compares the
-- same posts in 2021 and now instead of old agencies per province against nothing. The keys are
-- worked out per unit by analytics/sql/refresh_unit_group_key.sql (summary table unit_group_key).
WITH RECURSIVE
-- @include scope_units
,
-- @include roster
,
-- @include retirement
,
keyed AS (  -- each unit's key: unit_group_key, the walk done once per change of the units
    SELECT k.unit_code, k.key
    FROM unit_group_key k
    WHERE k.attribute = $by
      AND ($scope IS NULL OR k.unit_code IN (SELECT unit_code FROM scope_walk))  -- (as _roster's scope check)
),
-- @include keyed_quota
,
-- @include reduction_facts
