-- Company identification (server/identify/).

-- Manual IP rules: an organisation maps a CIDR to one of its companies, or ignores it
-- (its own offices, a partner's test bench). The most specific matching rule wins.
CREATE TABLE ip_rules (
  id          TEXT PRIMARY KEY,
  org_id      TEXT NOT NULL REFERENCES organisations(id),
  cidr        TEXT NOT NULL,             -- canonical network, host bits cleared: 192.0.2.0/24, 2001:db8::/32
  action      TEXT NOT NULL CHECK (action IN ('company', 'ignore')),
  company_id  TEXT REFERENCES companies(id) ON DELETE CASCADE,
  note        TEXT NOT NULL DEFAULT '',
  created_at  INTEGER NOT NULL,
  updated_at  INTEGER NOT NULL,
  CHECK ((action = 'company') = (company_id IS NOT NULL)),
  UNIQUE (org_id, cidr)
);

-- Learned mappings: a visitor from this prefix told us (by a form e-mail) who they work for.
-- Filled by the leads slice through server/identify/learned.ts; a revoked mapping stays revoked
-- (new evidence is counted but never re-enables it) so a user's "no" sticks.
CREATE TABLE learned_mappings (
  id              TEXT PRIMARY KEY,
  org_id          TEXT NOT NULL REFERENCES organisations(id),
  prefix          TEXT NOT NULL,         -- canonical /24 (IPv4) or /48 (IPv6), as ipPrefix() writes it
  company_id      TEXT NOT NULL REFERENCES companies(id) ON DELETE CASCADE,
  evidence_count  INTEGER NOT NULL DEFAULT 1,
  first_seen_at   INTEGER NOT NULL,
  last_seen_at    INTEGER NOT NULL,
  confidence      REAL NOT NULL,
  last_source     TEXT NOT NULL,         -- form_email, …
  revoked         INTEGER NOT NULL DEFAULT 0,
  revoked_at      INTEGER,
  UNIQUE (org_id, prefix, company_id)
);
CREATE INDEX learned_mappings_org_seen ON learned_mappings(org_id, last_seen_at);

-- Which source and confidence decided a session's company or network class.
ALTER TABLE sessions ADD COLUMN ident_source TEXT;
ALTER TABLE sessions ADD COLUMN ident_confidence REAL;
