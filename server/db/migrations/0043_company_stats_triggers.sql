-- Cheaper upkeep of company_stats when companies move (a bulk move of 50,000 must stay within
-- the segments budget): one trigger per kind of change instead of one rewriting every copied
-- column, no (org_id, list_id) index (list filters scan the narrow table or walk the score
-- index), and "rescore this company" noted in an append-only queue rather than in the dirty
-- column's partial index. company_stats.dirty keeps meaning "new company, no aggregates yet".

DROP TRIGGER company_stats_on_update;
DROP INDEX company_stats_list;

-- Companies whose score must be redone (list moved, identity or fit fields changed), in order.
-- Read and emptied by server/scoring/service.ts.
CREATE TABLE company_rescore_queue (
  id          INTEGER PRIMARY KEY,
  org_id      TEXT NOT NULL,
  company_id  TEXT NOT NULL
);

CREATE TRIGGER company_stats_on_list AFTER UPDATE OF list_id ON companies
WHEN OLD.list_id IS NOT NEW.list_id
BEGIN
  UPDATE company_stats SET list_id = NEW.list_id, category = (SELECT category FROM lists WHERE id = NEW.list_id)
  WHERE company_id = NEW.id;
  INSERT INTO company_rescore_queue (org_id, company_id) VALUES (NEW.org_id, NEW.id);
END;

CREATE TRIGGER company_stats_on_identity AFTER UPDATE OF name, name_key, domain, country ON companies
WHEN OLD.name IS NOT NEW.name OR OLD.name_key IS NOT NEW.name_key OR OLD.domain IS NOT NEW.domain OR OLD.country IS NOT NEW.country
BEGIN
  UPDATE company_stats SET
    name = NEW.name,
    search = lower(NEW.name) || ' ' || NEW.name_key || ' ' || coalesce(NEW.domain, ''),
    domain = NEW.domain,
    country = NEW.country
  WHERE company_id = NEW.id;
  INSERT INTO company_rescore_queue (org_id, company_id) VALUES (NEW.org_id, NEW.id);
END;

CREATE TRIGGER company_stats_on_fit AFTER UPDATE OF best_confidence, tags ON companies
WHEN OLD.best_confidence IS NOT NEW.best_confidence OR OLD.tags IS NOT NEW.tags
BEGIN
  INSERT INTO company_rescore_queue (org_id, company_id) VALUES (NEW.org_id, NEW.id);
END;
