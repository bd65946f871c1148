-- Audit rows, newest first, filtered by time window, account and event (each filter optional).
-- Runs on SQLite (analytics/events.py): logged_at and the bounds are ISO text, compared as text.
SELECT event_id, logged_at, username, event, target, CAST(detail AS VARCHAR) AS detail
FROM audit_log
WHERE ($since IS NULL OR logged_at >= $since)
  AND ($until IS NULL OR logged_at < $until)
  AND ($username IS NULL OR username = $username)
  AND ($event IS NULL OR event = $event)
ORDER BY event_id DESC
LIMIT $limit
