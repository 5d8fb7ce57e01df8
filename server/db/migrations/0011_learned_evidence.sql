-- The evidence behind learned mappings, kept by identification (the only writer of learned_mappings):
-- one row per observation "this prefix belongs to this company" (e.g. a business e-mail in a form).
-- evidence_key (the e-mail) makes repeated observations of the same person count once; a row without
-- a key counts on its own. Callers choose how many distinct keys within which window make a mapping.
CREATE TABLE learned_evidence (
  id            INTEGER PRIMARY KEY,
  org_id        TEXT NOT NULL REFERENCES organisations(id),
  prefix        TEXT NOT NULL,
  company_id    TEXT NOT NULL REFERENCES companies(id) ON DELETE CASCADE,
  evidence_key  TEXT,
  source        TEXT NOT NULL,
  ref           TEXT,                  -- what produced it, e.g. the lead id
  at            INTEGER NOT NULL
);
CREATE INDEX learned_evidence_key ON learned_evidence(org_id, prefix, company_id, at);
