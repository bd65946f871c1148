-- quality_checks: the number of rows of every check (fragments _check_<code>.sql, the same text the
-- check_<code> queries list the rows of) in one query, so the scope, the roster and the latest
-- payroll months are worked out once instead of once per check. One row per check: check, rows.
WITH RECURSIVE
-- @include scope_units
,
-- @include roster
,
-- @include payroll_latest
,
-- @include check_reduction_still_paid
,
-- @include check_secondment_overlap
,
-- @include check_person_two_units
,
-- @include check_unknown_unit
,
-- @include check_payroll_coef_mismatch
,
-- @include check_coef_not_in_pay_scale
,
-- @include check_units_without_data
,
-- @include check_over_quota
,
-- @include check_quota_total_row
,
-- @include check_secondment_not_to_commune
SELECT 'reduction_still_paid' AS check, count(*)::BIGINT AS rows FROM check_reduction_still_paid
UNION ALL
SELECT 'secondment_overlap' AS check, count(*)::BIGINT AS rows FROM check_secondment_overlap
UNION ALL
SELECT 'person_two_units' AS check, count(*)::BIGINT AS rows FROM check_person_two_units
UNION ALL
SELECT 'unknown_unit' AS check, count(*)::BIGINT AS rows FROM check_unknown_unit
UNION ALL
SELECT 'payroll_coef_mismatch' AS check, count(*)::BIGINT AS rows FROM check_payroll_coef_mismatch
UNION ALL
SELECT 'coef_not_in_pay_scale' AS check, count(*)::BIGINT AS rows FROM check_coef_not_in_pay_scale
UNION ALL
SELECT 'units_without_data' AS check, count(*)::BIGINT AS rows FROM check_units_without_data
UNION ALL
SELECT 'over_quota' AS check, count(*)::BIGINT AS rows FROM check_over_quota
UNION ALL
SELECT 'quota_total_row' AS check, count(*)::BIGINT AS rows FROM check_quota_total_row
UNION ALL
SELECT 'secondment_not_to_commune' AS check, count(*)::BIGINT AS rows FROM check_secondment_not_to_commune
