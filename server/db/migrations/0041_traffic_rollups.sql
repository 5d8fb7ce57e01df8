-- Daily roll-ups of raw traffic for the Overview (top pages, top sources, unidentified traffic
-- by reason): a 30-day window over millions of pageviews reads a few thousand rows instead.
-- Built by server/companies/rollups.ts from the append-only events and sessions tables, resuming
-- from the last id it counted (rollup_state), so each row is counted exactly once.

CREATE TABLE rollup_state (
  name     TEXT PRIMARY KEY,        -- 'events' | 'sessions'
  last_id  INTEGER NOT NULL
);

CREATE TABLE page_days (
  org_id   TEXT NOT NULL,
  day      INTEGER NOT NULL,        -- floor(ms / 86400000), UTC
  site_id  TEXT NOT NULL,
  path     TEXT NOT NULL,
  views    INTEGER NOT NULL,
  PRIMARY KEY (org_id, day, site_id, path)
) WITHOUT ROWID;

-- Sessions per day, source and network class; `identified` says whether a company was found.
-- Counted once a session is an hour old, when identification has long settled.
CREATE TABLE session_days (
  org_id      TEXT NOT NULL,
  day         INTEGER NOT NULL,
  site_id     TEXT NOT NULL,
  source      TEXT NOT NULL,
  network     TEXT NOT NULL,
  identified  INTEGER NOT NULL,
  sessions    INTEGER NOT NULL,
  PRIMARY KEY (org_id, day, site_id, source, network, identified)
) WITHOUT ROWID;
