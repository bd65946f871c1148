-- Version 2: rows that an upload replaced are kept, so undoing the upload restores them exactly.
-- One archive table per data table, same columns plus the batch that replaced the row.
CREATE TABLE IF NOT EXISTS unit__replaced AS SELECT *, CAST(NULL AS BIGINT) AS replaced_by_batch FROM unit LIMIT 0;
CREATE TABLE IF NOT EXISTS quota__replaced AS SELECT *, CAST(NULL AS BIGINT) AS replaced_by_batch FROM quota LIMIT 0;
CREATE TABLE IF NOT EXISTS person__replaced AS SELECT *, CAST(NULL AS BIGINT) AS replaced_by_batch FROM person LIMIT 0;
CREATE TABLE IF NOT EXISTS payroll__replaced AS SELECT *, CAST(NULL AS BIGINT) AS replaced_by_batch FROM payroll LIMIT 0;
CREATE TABLE IF NOT EXISTS reduction_case__replaced AS SELECT *, CAST(NULL AS BIGINT) AS replaced_by_batch FROM reduction_case LIMIT 0;
CREATE TABLE IF NOT EXISTS secondment__replaced AS SELECT *, CAST(NULL AS BIGINT) AS replaced_by_batch FROM secondment LIMIT 0;
CREATE TABLE IF NOT EXISTS secondment_review__replaced AS SELECT *, CAST(NULL AS BIGINT) AS replaced_by_batch FROM secondment_review LIMIT 0;
CREATE TABLE IF NOT EXISTS training__replaced AS SELECT *, CAST(NULL AS BIGINT) AS replaced_by_batch FROM training LIMIT 0;
