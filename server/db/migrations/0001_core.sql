-- Core tables: tenancy, accounts, sites and the raw traffic the collector writes.
-- Every table holding customer data carries org_id; every query filters on it.
-- Exposed ids (org, user, site) are random text; high-volume internal rows
-- (visitors, sessions, events) use INTEGER rowids so that inserts append and
-- the collector's hot path never touches a random-key index.

CREATE TABLE organisations (
  id          TEXT PRIMARY KEY,
  name        TEXT NOT NULL,
  created_at  INTEGER NOT NULL
);

CREATE TABLE users (
  id             TEXT PRIMARY KEY,
  org_id         TEXT NOT NULL REFERENCES organisations(id),
  email          TEXT NOT NULL COLLATE NOCASE UNIQUE,
  name           TEXT NOT NULL DEFAULT '',
  password_hash  TEXT NOT NULL,
  role           TEXT NOT NULL DEFAULT 'admin' CHECK (role IN ('admin', 'member')),
  locale         TEXT,
  created_at     INTEGER NOT NULL
);
CREATE INDEX users_org ON users(org_id);

-- Dashboard log-in sessions. The cookie holds a token; only its SHA-256 is stored.
CREATE TABLE auth_sessions (
  token_hash  TEXT PRIMARY KEY,
  user_id     TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  org_id      TEXT NOT NULL REFERENCES organisations(id),
  csrf_token  TEXT NOT NULL,
  created_at  INTEGER NOT NULL,
  expires_at  INTEGER NOT NULL
);
CREATE INDEX auth_sessions_user ON auth_sessions(user_id);

CREATE TABLE sites (
  id          TEXT PRIMARY KEY,
  org_id      TEXT NOT NULL REFERENCES organisations(id),
  name        TEXT NOT NULL,
  public_key  TEXT NOT NULL UNIQUE,      -- the data-site attribute of the snippet
  domains     TEXT NOT NULL DEFAULT '[]', -- JSON array of host names; subdomains allowed
  default_country TEXT NOT NULL DEFAULT 'FR',
  created_at  INTEGER NOT NULL
);
CREATE INDEX sites_org ON sites(org_id);

-- A visitor is a daily salted hash (cookieless) or a consented first-party id.
-- No index on the hash: it is a random key, and indexing it would put a random B-tree insert on
-- every new visitor. The collector keeps today's hashed visitors in memory instead (reloaded at
-- start through visitors_first_seen, which only ever appends); consented visitors, which must be
-- found again across days, are few and get a partial unique index.
CREATE TABLE visitors (
  id          INTEGER PRIMARY KEY,
  org_id      TEXT NOT NULL,
  site_id     TEXT NOT NULL,
  kind        TEXT NOT NULL CHECK (kind IN ('hash', 'consent')),
  key         TEXT NOT NULL,             -- 'h:<daily hash>' or 'c:<consent id>'
  first_seen  INTEGER NOT NULL,
  last_seen   INTEGER NOT NULL,
  company_id  TEXT
);
CREATE UNIQUE INDEX visitors_consent ON visitors(site_id, key) WHERE kind = 'consent';
CREATE INDEX visitors_first_seen ON visitors(first_seen);

CREATE TABLE sessions (
  id            INTEGER PRIMARY KEY,
  org_id        TEXT NOT NULL,
  site_id       TEXT NOT NULL,
  visitor_id    INTEGER NOT NULL,
  started_at    INTEGER NOT NULL,
  last_seen_at  INTEGER NOT NULL,
  entry_url     TEXT NOT NULL,
  referrer      TEXT,
  referrer_host TEXT,
  utm_source    TEXT,
  utm_medium    TEXT,
  utm_campaign  TEXT,
  utm_term      TEXT,
  utm_content   TEXT,
  gclid         TEXT,
  fbclid        TEXT,
  msclkid       TEXT,
  li_fat_id     TEXT,
  ip_prefix     TEXT NOT NULL,           -- /24 (IPv4) or /48 (IPv6); the raw IP is never stored
  country       TEXT,
  browser       TEXT,
  os            TEXT,
  device        TEXT,
  language      TEXT,
  screen_width  INTEGER,
  pageviews     INTEGER NOT NULL DEFAULT 0,
  engaged_ms    INTEGER NOT NULL DEFAULT 0,
  company_id    TEXT,                    -- set by identification
  network_class TEXT,                    -- isp, mobile, hosting, vpn_proxy, ... when no company
  lead_id       TEXT
);
CREATE INDEX sessions_org_time ON sessions(org_id, started_at);
CREATE INDEX sessions_visitor ON sessions(visitor_id);
CREATE INDEX sessions_company ON sessions(company_id) WHERE company_id IS NOT NULL;

-- Pageviews, custom events and engagement pings.
CREATE TABLE events (
  id          INTEGER PRIMARY KEY,
  org_id      TEXT NOT NULL,
  site_id     TEXT NOT NULL,
  session_id  INTEGER NOT NULL,
  type        TEXT NOT NULL CHECK (type IN ('pageview', 'event', 'engagement')),
  ts          INTEGER NOT NULL,
  url         TEXT NOT NULL,
  path        TEXT NOT NULL,
  title       TEXT,
  referrer    TEXT,
  name        TEXT,                      -- custom event name
  props       TEXT,                      -- JSON object of custom event properties
  engaged_ms  INTEGER
);
CREATE INDEX events_org_time ON events(org_id, ts);
CREATE INDEX events_session ON events(session_id);

CREATE TABLE bot_counts (
  org_id   TEXT NOT NULL,
  site_id  TEXT NOT NULL,
  day      TEXT NOT NULL,                -- YYYY-MM-DD (UTC)
  hits     INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (site_id, day)
);

-- Collector bookkeeping. 'synced_event_id': every event up to this id is counted in its session row
-- (pageviews, engaged_ms, last_seen_at); at start the collector recounts the sessions of later events.
CREATE TABLE collector_state (
  key    TEXT PRIMARY KEY,
  value  INTEGER NOT NULL
);

-- Daily salts for the cookieless visitor hash; rows older than two days are deleted.
CREATE TABLE daily_salts (
  day   TEXT PRIMARY KEY,
  salt  TEXT NOT NULL
);
