-- Auto-segmentation rules: ordered per organisation, "if every condition holds, move to list".
CREATE TABLE segment_rules (
  id          TEXT PRIMARY KEY,
  org_id      TEXT NOT NULL REFERENCES organisations(id),
  position    INTEGER NOT NULL,
  name        TEXT NOT NULL,
  list_id     TEXT NOT NULL REFERENCES lists(id) ON DELETE CASCADE,
  conditions  TEXT NOT NULL,             -- JSON array of RuleCondition (server/schemas/segments.ts)
  enabled     INTEGER NOT NULL DEFAULT 1,
  created_at  INTEGER NOT NULL
);
CREATE INDEX segment_rules_org ON segment_rules(org_id, position);
