-- Per-company aggregates and scores read by the companies table (scoring/ and companies/ own them).
-- The list filters and sorts 100,000 companies on ONE narrow table (company_stats): company fields
-- are copied into it by triggers (so any slice that moves or renames a company keeps it right),
-- traffic aggregates are rebuilt per company by server/scoring/aggregates.ts, and the effective
-- score/temperature are written by the scorer. The wide breakdown lives in company_scores so that
-- filtered scans and counts do not read it. Both tables are clustered on company_id (WITHOUT ROWID):
-- a rescoring pass walks companies in id order, so each chunk writes neighbouring pages instead of
-- one random page per company.

CREATE TABLE company_stats (
  company_id     TEXT PRIMARY KEY REFERENCES companies(id) ON DELETE CASCADE,
  org_id         TEXT NOT NULL,
  name           TEXT NOT NULL,
  search         TEXT NOT NULL,              -- lower(name) || ' ' || domain, for the search box
  domain         TEXT,
  country        TEXT,
  list_id        TEXT NOT NULL,
  category       TEXT NOT NULL,
  sessions       INTEGER NOT NULL DEFAULT 0,
  pageviews      INTEGER NOT NULL DEFAULT 0,
  engaged_ms     INTEGER NOT NULL DEFAULT 0,
  first_visit_at INTEGER,
  last_visit_at  INTEGER,
  top_source     TEXT,
  network_class  TEXT,                       -- most frequent class of its sessions; 'company' when none
  score          INTEGER NOT NULL DEFAULT 0, -- effective score (a pin applied)
  temperature    TEXT NOT NULL DEFAULT 'cold' CHECK (temperature IN ('hot', 'warm', 'cold')),
  -- 0 clean, 1 fields changed (rescore), 2 traffic changed (re-aggregate then rescore)
  dirty          INTEGER NOT NULL DEFAULT 2
) WITHOUT ROWID;
CREATE INDEX company_stats_org ON company_stats(org_id, company_id);
CREATE INDEX company_stats_score ON company_stats(org_id, score DESC, company_id);
CREATE INDEX company_stats_last_visit ON company_stats(org_id, last_visit_at DESC, company_id);
CREATE INDEX company_stats_name ON company_stats(org_id, name COLLATE NOCASE, company_id);
CREATE INDEX company_stats_sessions ON company_stats(org_id, sessions DESC, company_id);
CREATE INDEX company_stats_pageviews ON company_stats(org_id, pageviews DESC, company_id);
-- Temperature and category indexes leave the score out: a rescoring pass then rewrites only the
-- score index, and hot companies sit at the top of that index anyway.
CREATE INDEX company_stats_temperature ON company_stats(org_id, temperature);
CREATE INDEX company_stats_list ON company_stats(org_id, list_id);
CREATE INDEX company_stats_category ON company_stats(org_id, category);
CREATE INDEX company_stats_dirty ON company_stats(org_id, dirty) WHERE dirty > 0;

-- Score and its explanation. `computed_score` is what the rules give; a pin overrides it.
CREATE TABLE company_scores (
  company_id      TEXT PRIMARY KEY REFERENCES companies(id) ON DELETE CASCADE,
  org_id          TEXT NOT NULL,
  computed_score  INTEGER NOT NULL,
  fit             INTEGER NOT NULL,
  engagement      INTEGER NOT NULL,
  breakdown       TEXT NOT NULL,             -- JSON array of lines whose points add up to the score
  rules_version   INTEGER NOT NULL,
  scored_at       INTEGER NOT NULL,
  pin_score       INTEGER,
  pin_temperature TEXT CHECK (pin_temperature IN ('hot', 'warm', 'cold')),
  pin_reason      TEXT,
  pin_by          TEXT,
  pin_at          INTEGER
) WITHOUT ROWID;

-- Visits per company and UTC day (day = floor(ms / 86400000)): decay, repeat visits, date filters.
CREATE TABLE company_days (
  company_id  TEXT NOT NULL REFERENCES companies(id) ON DELETE CASCADE,
  day         INTEGER NOT NULL,
  org_id      TEXT NOT NULL,
  sessions    INTEGER NOT NULL,
  pageviews   INTEGER NOT NULL,
  engaged_ms  INTEGER NOT NULL,
  first_at    INTEGER NOT NULL,
  last_at     INTEGER NOT NULL,
  PRIMARY KEY (company_id, day)
) WITHOUT ROWID;
CREATE INDEX company_days_org_day ON company_days(org_id, day);

-- Paths seen per company: key pages for the score and the "visited page" filter.
CREATE TABLE company_pages (
  company_id  TEXT NOT NULL REFERENCES companies(id) ON DELETE CASCADE,
  path        TEXT NOT NULL,
  org_id      TEXT NOT NULL,
  views       INTEGER NOT NULL,
  last_at     INTEGER NOT NULL,
  PRIMARY KEY (company_id, path)
) WITHOUT ROWID;
CREATE INDEX company_pages_org_path ON company_pages(org_id, path);

-- Sessions per company and source (utm_source, else referrer host, else '(direct)').
CREATE TABLE company_sources (
  company_id  TEXT NOT NULL REFERENCES companies(id) ON DELETE CASCADE,
  source      TEXT NOT NULL,
  org_id      TEXT NOT NULL,
  sessions    INTEGER NOT NULL,
  PRIMARY KEY (company_id, source)
) WITHOUT ROWID;
CREATE INDEX company_sources_org_source ON company_sources(org_id, source);

-- Scoring rules per organisation; no row means the defaults (version 0).
CREATE TABLE scoring_rules (
  org_id      TEXT PRIMARY KEY REFERENCES organisations(id),
  rules       TEXT NOT NULL,
  version     INTEGER NOT NULL,
  updated_by  TEXT,
  updated_at  INTEGER NOT NULL
);

-- Saved views of the companies table: a name and the URL query string of the filter.
CREATE TABLE company_views (
  id          TEXT PRIMARY KEY,
  org_id      TEXT NOT NULL REFERENCES organisations(id),
  name        TEXT NOT NULL,
  query       TEXT NOT NULL,
  created_by  TEXT,
  created_at  INTEGER NOT NULL,
  UNIQUE (org_id, name)
);

-- Keep the copies in company_stats right whoever writes companies (identify, segments, imports).
CREATE TRIGGER company_stats_on_insert AFTER INSERT ON companies BEGIN
  INSERT INTO company_stats (company_id, org_id, name, search, domain, country, list_id, category)
  VALUES (NEW.id, NEW.org_id, NEW.name, lower(NEW.name || ' ' || coalesce(NEW.domain, '')), NEW.domain, NEW.country,
          NEW.list_id, (SELECT category FROM lists WHERE id = NEW.list_id));
END;

CREATE TRIGGER company_stats_on_update AFTER UPDATE OF name, domain, country, list_id, best_confidence, tags ON companies
WHEN OLD.name IS NOT NEW.name OR OLD.domain IS NOT NEW.domain OR OLD.country IS NOT NEW.country
  OR OLD.list_id IS NOT NEW.list_id OR OLD.best_confidence IS NOT NEW.best_confidence OR OLD.tags IS NOT NEW.tags
BEGIN
  UPDATE company_stats SET
    name = NEW.name,
    search = lower(NEW.name || ' ' || coalesce(NEW.domain, '')),
    domain = NEW.domain,
    country = NEW.country,
    list_id = NEW.list_id,
    category = (SELECT category FROM lists WHERE id = NEW.list_id),
    dirty = max(dirty, 1)
  WHERE company_id = NEW.id;
END;

-- Companies that existed before this migration get their row (a fresh database has none).
INSERT INTO company_stats (company_id, org_id, name, search, domain, country, list_id, category)
SELECT c.id, c.org_id, c.name, lower(c.name || ' ' || coalesce(c.domain, '')), c.domain, c.country, c.list_id, l.category
FROM companies c JOIN lists l ON l.id = c.list_id;
