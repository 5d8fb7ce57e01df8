-- The search column also holds the company's name key (no case, no accents: computed by
-- nameKey() when the company is written), because SQLite's lower() folds ASCII only: a search
-- for "lefevre" or "lefèvre" must find "LEFÈVRE SAS".

DROP TRIGGER company_stats_on_insert;
DROP TRIGGER company_stats_on_update;

CREATE TRIGGER company_stats_on_insert AFTER INSERT ON companies BEGIN
  INSERT INTO company_stats (company_id, org_id, name, search, domain, country, list_id, category)
  VALUES (NEW.id, NEW.org_id, NEW.name, lower(NEW.name) || ' ' || NEW.name_key || ' ' || coalesce(NEW.domain, ''), NEW.domain, NEW.country,
          NEW.list_id, (SELECT category FROM lists WHERE id = NEW.list_id));
END;

CREATE TRIGGER company_stats_on_update AFTER UPDATE OF name, name_key, domain, country, list_id, best_confidence, tags ON companies
WHEN OLD.name IS NOT NEW.name OR OLD.name_key IS NOT NEW.name_key OR OLD.domain IS NOT NEW.domain OR OLD.country IS NOT NEW.country
  OR OLD.list_id IS NOT NEW.list_id OR OLD.best_confidence IS NOT NEW.best_confidence OR OLD.tags IS NOT NEW.tags
BEGIN
  UPDATE company_stats SET
    name = NEW.name,
    search = lower(NEW.name) || ' ' || NEW.name_key || ' ' || coalesce(NEW.domain, ''),
    domain = NEW.domain,
    country = NEW.country,
    list_id = NEW.list_id,
    category = (SELECT category FROM lists WHERE id = NEW.list_id),
    dirty = max(dirty, 1)
  WHERE company_id = NEW.id;
END;

UPDATE company_stats SET search = (
  SELECT lower(c.name) || ' ' || c.name_key || ' ' || coalesce(c.domain, '') FROM companies c WHERE c.id = company_stats.company_id
);
