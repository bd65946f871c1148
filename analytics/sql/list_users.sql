-- Accounts without their password hashes, admins first.
SELECT username, display_name, role, scope_unit_code, active, created_at, created_by,
       password_changed_at, failed_attempts, locked_until
FROM app_user
ORDER BY CASE role WHEN 'admin' THEN 0 WHEN 'analyst' THEN 1 ELSE 2 END, username
