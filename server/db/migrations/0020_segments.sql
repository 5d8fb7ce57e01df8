-- Segments: CSV imports into lists, their reports and errors, the list entries kept for
-- prospective matching, the snapshots of replaced lists and the automatic moves skipped
-- because a company sat in a locked list.

-- Valid rows of the list's current import: their sum per organisation is held under the import quota.
ALTER TABLE lists ADD COLUMN imported_rows INTEGER NOT NULL DEFAULT 0;

-- One CSV import into one list: upload -> parse (progress) -> preview -> confirm (applied).
CREATE TABLE list_imports (
  id            TEXT PRIMARY KEY,
  org_id        TEXT NOT NULL REFERENCES organisations(id),
  list_id       TEXT NOT NULL REFERENCES lists(id) ON DELETE CASCADE,
  status        TEXT NOT NULL CHECK (status IN ('receiving','parsing','ready','applied','failed','cancelled')),
  source        TEXT NOT NULL DEFAULT 'upload' CHECK (source IN ('upload','cli')),
  file_name     TEXT,
  bytes_total   INTEGER,
  bytes_done    INTEGER NOT NULL DEFAULT 0,
  encoding      TEXT,
  delimiter     TEXT,
  rows_read     INTEGER NOT NULL DEFAULT 0,
  rows_valid    INTEGER NOT NULL DEFAULT 0,
  rows_invalid  INTEGER NOT NULL DEFAULT 0,
  preview       TEXT,                    -- JSON ImportCounts computed after parsing (dry run)
  report        TEXT,                    -- JSON ImportCounts of the applied import
  error_code    TEXT,
  error         TEXT,
  created_by    TEXT,
  created_at    INTEGER NOT NULL,
  applied_at    INTEGER
);
CREATE INDEX list_imports_list ON list_imports(org_id, list_id, created_at);

-- Valid rows of an import waiting for confirmation (deleted once applied).
CREATE TABLE import_rows (
  import_id     TEXT NOT NULL REFERENCES list_imports(id) ON DELETE CASCADE,
  line          INTEGER NOT NULL,
  name          TEXT NOT NULL,
  name_key      TEXT NOT NULL,
  siren         TEXT,
  email_domain  TEXT,
  web_domain    TEXT,
  company_id    TEXT,                    -- set by matching
  match_key     TEXT,                    -- siren | email_domain | website | name
  PRIMARY KEY (import_id, line)
) WITHOUT ROWID;

-- Each rule violation: line (spreadsheet row, header = 1), column and reason code.
CREATE TABLE import_errors (
  id         INTEGER PRIMARY KEY,
  import_id  TEXT NOT NULL REFERENCES list_imports(id) ON DELETE CASCADE,
  line       INTEGER NOT NULL,
  col        TEXT NOT NULL,
  reason     TEXT NOT NULL,
  value      TEXT
);
CREATE INDEX import_errors_import ON import_errors(import_id, line);

-- Imported rows that matched no identified company: a company identified later that matches
-- one lands directly in the entry's list (prospective matching).
CREATE TABLE list_entries (
  id            INTEGER PRIMARY KEY,
  org_id        TEXT NOT NULL,
  list_id       TEXT NOT NULL REFERENCES lists(id) ON DELETE CASCADE,
  import_id     TEXT,
  line          INTEGER,
  name          TEXT NOT NULL,
  name_key      TEXT NOT NULL,
  siren         TEXT,
  email_domain  TEXT,
  web_domain    TEXT
);
CREATE INDEX list_entries_list ON list_entries(list_id);
CREATE INDEX list_entries_siren ON list_entries(org_id, siren) WHERE siren IS NOT NULL;
CREATE INDEX list_entries_email ON list_entries(org_id, email_domain) WHERE email_domain IS NOT NULL;
CREATE INDEX list_entries_web ON list_entries(org_id, web_domain) WHERE web_domain IS NOT NULL;
CREATE INDEX list_entries_name ON list_entries(org_id, name_key);

-- Automatic moves not made because the company was in a locked list (shown in reports).
CREATE TABLE list_move_skips (
  id            INTEGER PRIMARY KEY,
  org_id        TEXT NOT NULL,
  company_id    TEXT NOT NULL REFERENCES companies(id) ON DELETE CASCADE,
  from_list_id  TEXT NOT NULL,
  to_list_id    TEXT NOT NULL,
  actor         TEXT NOT NULL CHECK (actor IN ('import','rule','identification','system')),
  actor_id      TEXT,
  reason        TEXT NOT NULL,
  at            INTEGER NOT NULL
);
CREATE INDEX list_move_skips_actor ON list_move_skips(org_id, actor_id, at);
CREATE INDEX list_move_skips_company ON list_move_skips(company_id, at);

-- What a list held before an import (or a restore) replaced it: downloadable and restorable.
CREATE TABLE list_snapshots (
  id             TEXT PRIMARY KEY,
  org_id         TEXT NOT NULL,
  list_id        TEXT NOT NULL REFERENCES lists(id) ON DELETE CASCADE,
  reason         TEXT NOT NULL CHECK (reason IN ('import','restore')),
  import_id      TEXT,
  imported_rows  INTEGER NOT NULL,
  companies      INTEGER NOT NULL,
  entries        INTEGER NOT NULL,
  created_at     INTEGER NOT NULL
);
CREATE INDEX list_snapshots_list ON list_snapshots(org_id, list_id, created_at);

CREATE TABLE list_snapshot_items (
  snapshot_id   TEXT NOT NULL REFERENCES list_snapshots(id) ON DELETE CASCADE,
  kind          TEXT NOT NULL CHECK (kind IN ('company','entry')),
  company_id    TEXT,
  name          TEXT NOT NULL,
  siren         TEXT,
  email_domain  TEXT,
  web_domain    TEXT,
  import_id     TEXT,
  line          INTEGER
);
CREATE INDEX list_snapshot_items_snapshot ON list_snapshot_items(snapshot_id);
