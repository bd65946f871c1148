-- Retirement date of each (birth_date, gender) found in the roster CTE: the same rule as the view
-- person_retirement (Decree 135/2020 roadmap: the age in force in the calendar year the person
-- reaches it, retiring at the end of that month; years outside the table keep its first / last
-- age), computed for distinct birth dates only, which is far cheaper than the view over every
-- snapshot. Only people whose retirement can fall between $retire_from and $retire_until are
-- looked at (born 54 to 65 years before; the roadmap's ages are 55 to 62): retirement_roster
-- is the roster rows born then, for the queries to count (reading the roster once: referenced
-- twice, the whole roster CTE was materialized). The birth window is written as constants in its
-- filter, not joined from a one-row CTE: with the join, DuckDB guessed a few thousand roster rows
-- and built its hash table on the hundreds of thousands of person rows instead of on the units.
-- tests/test_workforce.py checks that the rule agrees with the view. Needs roster.
retirement_bounds AS (
    SELECT gender, min(year) AS first_year, arg_min(age_months, year) AS first_age,
           arg_max(age_months, year) AS last_age
    FROM retirement_age GROUP BY gender
),
retirement_roster AS MATERIALIZED (  -- read once: the queries count these rows, and their birth dates
    SELECT r.unit_code, r.as_of, r.birth_date, r.gender, r.category, r.status
    FROM roster r
    WHERE r.birth_date > CAST(CAST($retire_from AS DATE) - INTERVAL 65 YEAR AS DATE)
      AND r.birth_date <= CAST(CAST($retire_until AS DATE) - INTERVAL 54 YEAR AS DATE)
),
retirement_births AS (
    SELECT DISTINCT birth_date, gender FROM retirement_roster
),
retirement_months AS (  -- the rule depends on the birth month only: see the note above
    SELECT DISTINCT year(birth_date) * 12 + month(birth_date) - 1 AS birth_month, gender
    FROM retirement_births
),
retirement_candidates AS (
    SELECT m.birth_month, m.gender, m.birth_month // 12 + k.k AS year,
           m.birth_month + coalesce(ra.age_months,
               CASE WHEN m.birth_month // 12 + k.k < b.first_year THEN b.first_age ELSE b.last_age END) AS reach_month
    FROM retirement_months m
    JOIN retirement_bounds b ON b.gender = m.gender
    CROSS JOIN range(50, 71) k(k)
    LEFT JOIN retirement_age ra ON ra.gender = m.gender AND ra.year = m.birth_month // 12 + k.k
),
retirement_month AS (
    SELECT birth_month, gender, min(reach_month) AS reach_month
    FROM retirement_candidates
    WHERE reach_month // 12 = year
    GROUP BY birth_month, gender
),
retirement AS (
    SELECT rb.birth_date, rb.gender,
           last_day(make_date(rm.reach_month // 12, rm.reach_month % 12 + 1, 1)) AS retirement_date
    FROM retirement_births rb
    JOIN retirement_month rm ON rm.gender = rb.gender
     AND rm.birth_month = year(rb.birth_date) * 12 + month(rb.birth_date) - 1
)
