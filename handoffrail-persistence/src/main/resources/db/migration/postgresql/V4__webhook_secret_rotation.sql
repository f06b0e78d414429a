-- Secret rotation (issue 11): the secret a rotation replaced keeps signing until previous_secret_expires_at.
-- Sealed by the same cipher as secret; both columns are NULL when there is no previous secret.
ALTER TABLE webhooks ADD COLUMN previous_secret TEXT;
ALTER TABLE webhooks ADD COLUMN previous_secret_expires_at BIGINT;
