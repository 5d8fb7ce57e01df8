-- The collector's intake log. Under a burst, an acknowledged batch of hits is first committed
-- here as one row (an append: no index but the rowid), and turned into event, session and visitor
-- rows a little later, in large slices, by the transaction that also deletes it from the log: so
-- each hit is expanded exactly once, and a batch acknowledged but not yet expanded when the
-- process dies is expanded when it starts again. Under light traffic hits skip the log.
-- A queue across organisations, read by nothing but the collector's expansion: each hit in
-- `batch` carries its organisation id (server/collect/hit-log.ts). The raw IP is never in it.
CREATE TABLE hit_log (
  id      INTEGER PRIMARY KEY,
  hits    INTEGER NOT NULL,         -- how many hits `batch` holds
  batch   TEXT NOT NULL
);
