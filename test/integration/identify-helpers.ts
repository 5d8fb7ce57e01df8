import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDb, type Db } from '../../server/db/open.js';
import { testConfig, type Config } from '../../server/config.js';
import { Health } from '../../server/http/health.js';
import { createOrganisation } from '../../server/orgs/repo.js';
import { loadIdentifyContext, type LoadedContext } from '../../server/identify/context.js';
import { tempDir } from '../helpers/temp.js';

/** The fake MaxMind test databases (copied from maxmind/MaxMind-DB, licences alongside). */
export const MMDB_DIR = fileURLToPath(new URL('../fixtures/identify/mmdb/', import.meta.url));

export const mmdb = (name: string): string => path.join(MMDB_DIR, `${name}.mmdb`);

/** The records a test database was generated from: `[network, record]` pairs. */
export function sourceData<T>(name: string): Array<[string, T]> {
  const rows = JSON.parse(fs.readFileSync(path.join(MMDB_DIR, 'source-data', `${name}.json`), 'utf8')) as Array<Record<string, T>>;
  return rows.flatMap((r) => Object.entries(r));
}

/** First address of a source-data network: `::1.2.0.0/112` → `1.2.0.0`, `2001:480::/64` → `2001:480::`. */
export function firstAddress(network: string): string {
  const addr = network.split('/')[0]!;
  return addr.startsWith('::') && addr.includes('.') ? addr.slice(2) : addr;
}

export type IdentifyHarness = LoadedContext & { db: Db; orgId: string; health: Health; config: Config; logs: string[]; cleanup: () => void };

/**
 * A real SQLite file, an organisation and a loaded identification context (fixture ASN table,
 * embedded country database, MaxMind files as configured), for tests that call identifyIp directly.
 */
export async function identifyHarness(overrides: Partial<Config> = {}): Promise<IdentifyHarness> {
  const tmp = tempDir();
  const config = testConfig({ dataDir: tmp.dir, dbPath: path.join(tmp.dir, 'vigie.db'), ...overrides });
  const db = openDb(config.dbPath);
  const health = new Health();
  const logs: string[] = [];
  const loaded = loadIdentifyContext({ db, config, health, log: (l) => logs.push(l) });
  await loaded.ready;
  const org = createOrganisation(db, 'Test org');
  return {
    ...loaded, db, orgId: org.id, health, config, logs,
    cleanup: () => {
      loaded.close();
      db.close();
      tmp.cleanup();
    },
  };
}
