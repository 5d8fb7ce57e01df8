import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { migrate } from './migrate.js';

export type Db = Database.Database;

/**
 * Opens (creating if needed) the SQLite database with the pragmas Vigie relies on, and migrates it.
 * WAL lets the dashboard read while the collector writes; synchronous=NORMAL is durable across
 * process crashes in WAL mode (only an OS crash can lose the last commits).
 */
export function openDb(file: string): Db {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 2000');
    db.pragma('temp_store = MEMORY');
    db.pragma('cache_size = -32000');
    migrate(db);
  } catch (err) {
    db.close(); // a corrupt file or a full disk: the caller may retry, without a leaked handle
    throw err;
  }
  return db;
}
