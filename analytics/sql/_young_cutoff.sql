-- Who counts as young (full years of age below $young_age at the reference date: $as_of, else the
-- snapshot date) without computing every person's age, which costs more than the rest of a roster
-- query: young_cutoff(snap, ref, born_after) per roster snapshot date, and a person of that snapshot
-- is young exactly when birth_date > born_after, for $young_age >= 1 (queries keep
-- date_sub('year', birth_date, ref) < $young_age for a threshold below 1, where people born after
-- the reference date would differ). born_after is ref minus $young_age years, except that on the
-- last day of a month it is the last day of that month $young_age years before: date_sub counts a
-- year complete on 28 February for someone born on 29 February. tests/test_workforce.py compares
-- the two over every day of several decades. Needs roster_units.
young_cutoff AS (
    SELECT snap, ref,
           CASE WHEN ref = last_day(ref) THEN last_day(ref - to_years(CAST($young_age AS INTEGER)))
                ELSE CAST(ref - to_years(CAST($young_age AS INTEGER)) AS DATE) END AS born_after
    FROM (SELECT DISTINCT snap, coalesce(CAST($as_of AS DATE), snap) AS ref FROM roster_units)
)
