-- The render token's signature on each submission: a token that vouched for one person's lead
-- and comes back with another e-mail address is a script replaying it.
ALTER TABLE lead_submissions ADD COLUMN token_sig TEXT;
CREATE INDEX lead_submissions_token ON lead_submissions(org_id, token_sig) WHERE token_sig IS NOT NULL;
