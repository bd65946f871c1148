-- Retirement date of each (birth_date, gender) found in the roster CTE: the same rule as the view
-- person_retirement (Decree 135/2020 roadmap: the age in force in the calendar year the person
-- reaches it, retiring at the end of that month; years outside the table keep its first / last
-- age), computed for distinct birth dates only, which is far cheaper than the view over every
-- snapshot. Only people whose retirement can fall between $retire_from and $retire_until are
-- looked at (born 54 to 65 years before; the roadmap's ages are 55 to 62): retirement_window
-- gives the birth dates to keep, for the queries to filter the roster the same way.
-- tests/test_workforce.py checks that the rule agrees with the view. Needs roster.
retirement_bounds AS (
    SELECT gender, min(year) AS first_year, arg_min(age_months, year) AS first_age,
           arg_max(age_months, year) AS last_age
    FROM retirement_age GROUP BY gender
),
retirement_window AS (
    SELECT CAST(CAST($retire_from AS DATE) - INTERVAL 65 YEAR AS DATE) AS born_after,
           CAST(CAST($retire_until AS DATE) - INTERVAL 54 YEAR AS DATE) AS born_until
),
retirement_births AS (
    SELECT DISTINCT r.birth_date, r.gender FROM roster r, retirement_window w
    WHERE r.birth_date > w.born_after AND r.birth_date <= w.born_until
),
retirement_candidates AS (
    SELECT rb.birth_date, rb.gender, year(rb.birth_date) + k.k AS year,
           CAST(rb.birth_date + to_months(coalesce(ra.age_months,
               CASE WHEN year(rb.birth_date) + k.k < b.first_year THEN b.first_age ELSE b.last_age END)) AS DATE) AS reach
    FROM retirement_births rb
    JOIN retirement_bounds b ON b.gender = rb.gender
    CROSS JOIN range(50, 71) k(k)
    LEFT JOIN retirement_age ra ON ra.gender = rb.gender AND ra.year = year(rb.birth_date) + k.k
),
retirement AS (
    SELECT birth_date, gender, last_day(min(reach)) AS retirement_date
    FROM retirement_candidates
    WHERE year(reach) = year
    GROUP BY birth_date, gender
)
