-- Companies and the segment lists they belong to. Shared by identify/, segments/,
-- leads/ and scoring/. Categories are fixed in code (server/segments/categories.ts).

CREATE TABLE lists (
  id          TEXT PRIMARY KEY,
  org_id      TEXT NOT NULL REFERENCES organisations(id),
  category    TEXT NOT NULL CHECK (category IN ('interne','concurrent','client','distributeur','prospect','partenaire','hors-cible','fournisseur','autre')),
  name        TEXT NOT NULL,             -- full name with the category prefix, e.g. 'prospect-salons'
  is_default  INTEGER NOT NULL DEFAULT 0,
  locked      INTEGER NOT NULL DEFAULT 0,
  created_at  INTEGER NOT NULL,
  UNIQUE (org_id, name)
);
CREATE INDEX lists_org ON lists(org_id, category);

-- A company belongs to exactly one list: list_id is NOT NULL and single-valued.
CREATE TABLE companies (
  id               TEXT PRIMARY KEY,
  org_id           TEXT NOT NULL REFERENCES organisations(id),
  name             TEXT NOT NULL,
  name_key         TEXT NOT NULL,        -- normalised name for matching (no case, accents, legal form)
  domain           TEXT,                 -- registrable domain, lower case
  siren            TEXT,                 -- 9 digits
  country          TEXT,
  list_id          TEXT NOT NULL REFERENCES lists(id),
  best_source      TEXT,
  best_confidence  REAL NOT NULL DEFAULT 0,
  tags             TEXT NOT NULL DEFAULT '[]',
  first_seen_at    INTEGER,
  last_seen_at     INTEGER,
  created_at       INTEGER NOT NULL
);
CREATE UNIQUE INDEX companies_domain ON companies(org_id, domain) WHERE domain IS NOT NULL;
CREATE UNIQUE INDEX companies_siren ON companies(org_id, siren) WHERE siren IS NOT NULL;
CREATE INDEX companies_name_key ON companies(org_id, name_key);
CREATE INDEX companies_list ON companies(org_id, list_id);

-- Every identification keeps its evidence: which source, what value matched, how sure.
CREATE TABLE company_evidence (
  id             INTEGER PRIMARY KEY,
  org_id         TEXT NOT NULL,
  company_id     TEXT NOT NULL REFERENCES companies(id) ON DELETE CASCADE,
  source         TEXT NOT NULL,          -- manual_rule, learned, maxmind, asn_table, rdns, form_email, import
  matched_value  TEXT NOT NULL,          -- the IP prefix, domain, host name or rule that matched
  confidence     REAL NOT NULL,
  detail         TEXT,                   -- JSON with the resolver's raw evidence
  session_id     INTEGER,
  seen_at        INTEGER NOT NULL
);
CREATE INDEX company_evidence_company ON company_evidence(company_id, seen_at);

-- Audit trail of list membership: who or what moved a company, when, from and to.
CREATE TABLE list_moves (
  id            INTEGER PRIMARY KEY,
  org_id        TEXT NOT NULL,
  company_id    TEXT NOT NULL REFERENCES companies(id) ON DELETE CASCADE,
  from_list_id  TEXT,
  to_list_id    TEXT NOT NULL,
  actor         TEXT NOT NULL CHECK (actor IN ('user','import','rule','identification','system')),
  actor_id      TEXT,                    -- user id, import id or rule id
  reason        TEXT,
  at            INTEGER NOT NULL
);
CREATE INDEX list_moves_company ON list_moves(company_id, at);
