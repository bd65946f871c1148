-- training_budget_by_agency: per city agency in scope, its first-year window (restructured_on, else
-- $window_start; $window_months long), the basic salary fund paid in the window (payroll of the
-- agency's subtree), the inputs of the planning estimate (quota of the window's start year or the
-- latest before it; count and sum in hundredths of the salary coefficients of the staff in post at
-- $roster_as_of) and the training of the restructuring fund ('tai_co_cau_5pct') that starts in the
-- window.
WITH RECURSIVE
-- @include scope_units
,
-- @include roster
,
-- @include city_agencies
,
windows AS (
    SELECT unit_code AS agency_code, name, unit_type, restructured_on,
           coalesce(restructured_on, CAST($window_start AS DATE)) AS window_start,
           CAST(coalesce(restructured_on, CAST($window_start AS DATE)) + to_months(CAST($window_months AS INTEGER))
                - INTERVAL 1 DAY AS DATE) AS window_end
    FROM city_agencies
),
unit_months AS (  -- payroll summed per unit and month: the summary table (analytics/summaries.py); the
                  -- join in pay keeps the agencies' units (a filter here first cost a fifth of the query)
    SELECT unit_code, month, basic_salary_vnd AS fund
    FROM payroll_summary
),
pay AS (
    SELECT w.agency_code, sum(p.fund) AS fund, count(DISTINCT p.month) AS months
    FROM windows w
    JOIN agency_subtree s ON s.agency_code = w.agency_code
    JOIN unit_months p ON p.unit_code = s.unit_code
     AND p.month >= date_trunc('month', w.window_start) AND p.month <= w.window_end
    GROUP BY w.agency_code
),
quotas AS (  -- each agency's quota of its subtree per category in the latest year (quota_rollup), summed
    SELECT agency_code, sum(quota) AS quota
    FROM (
        SELECT w.agency_code, q.category, arg_max(q.quota_assigned, q.year) AS quota
        FROM windows w JOIN quota_rollup q ON q.ancestor_code = w.agency_code
        WHERE q.year <= year(w.window_start) AND q.category IN ('cong_chuc', 'vien_chuc')
        GROUP BY ALL
    )
    GROUP BY agency_code
),
coef AS (  -- the salary coefficients of the staff in post, from the groups of person_in_post of the
           -- roster's snapshots (roster_units narrowed to the agencies' units first): their count and
           -- sum in hundredths, averaged in Python as avg() over the person rows would (training.py)
    SELECT s.agency_code, sum(p.coef_people)::BIGINT AS coef_people, sum(p.coef_cents)::BIGINT AS coef_cents
    FROM person_in_post p
    JOIN roster_units r ON r.unit_code = p.unit_code AND r.snap = p.as_of
     AND r.unit_code IN (SELECT unit_code FROM agency_subtree)
    JOIN agency_subtree s ON s.unit_code = p.unit_code
    GROUP BY s.agency_code
),
train AS (
    SELECT w.agency_code,
           count(*) AS records,
           sum(t.participants) AS participants,
           sum(t.cost_committed_vnd) AS committed,
           sum(t.cost_spent_vnd) AS spent,
           sum(t.cost_spent_vnd) FILTER (WHERE t.location = 'trong_nuoc') AS domestic,
           sum(t.cost_spent_vnd) FILTER (WHERE t.location = 'nuoc_ngoai') AS abroad,
           sum(t.cost_spent_vnd) FILTER (WHERE list_contains($priority_fields, t.field)) AS priority
    FROM windows w
    JOIN agency_subtree s ON s.agency_code = w.agency_code
    JOIN training t ON t.unit_code = s.unit_code
    WHERE t.funding = 'tai_co_cau_5pct' AND t.start_date BETWEEN w.window_start AND w.window_end
    GROUP BY w.agency_code
)
SELECT w.agency_code, w.name, w.unit_type, w.restructured_on IS NOT NULL AS restructured,
       w.window_start, w.window_end,
       coalesce(pay.fund, 0)::BIGINT AS payroll_fund_vnd, coalesce(pay.months, 0)::BIGINT AS months_with_payroll,
       q.quota::BIGINT AS estimate_quota, coalesce(c.coef_people, 0)::BIGINT AS coef_people,
       coalesce(c.coef_cents, 0)::BIGINT AS coef_cents,
       coalesce(t.records, 0)::BIGINT AS records, coalesce(t.participants, 0)::BIGINT AS participants,
       coalesce(t.committed, 0)::BIGINT AS committed_vnd, coalesce(t.spent, 0)::BIGINT AS spent_vnd,
       coalesce(t.domestic, 0)::BIGINT AS domestic_spent_vnd, coalesce(t.abroad, 0)::BIGINT AS abroad_spent_vnd,
       coalesce(t.priority, 0)::BIGINT AS priority_spent_vnd
FROM windows w
LEFT JOIN pay ON pay.agency_code = w.agency_code
LEFT JOIN quotas q ON q.agency_code = w.agency_code
LEFT JOIN coef c ON c.agency_code = w.agency_code
LEFT JOIN train t ON t.agency_code = w.agency_code
ORDER BY w.agency_code
