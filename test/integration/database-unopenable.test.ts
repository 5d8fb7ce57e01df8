import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { testConfig } from '../../server/config.js';
import { depsWhenDatabaseOpens } from '../../server/main.js';
import { tempDir } from '../helpers/temp.js';

// A database file that cannot be opened at start (here: random bytes where vigie.db should be)
// must not stop the process: a stand-in answers on the port until the file is usable again.
describe('a database that cannot be opened at start', () => {
  it('keeps the process up with /health saying why, answers 503 meanwhile, and opens it once it is fixed', async () => {
    const tmp = tempDir();
    try {
      const config = testConfig({ dataDir: tmp.dir, dbPath: path.join(tmp.dir, 'vigie.db'), port: 0, host: '127.0.0.1' });
      fs.writeFileSync(config.dbPath, crypto.randomBytes(100_000));
      let standIn!: AddressInfo;
      let opened: Awaited<ReturnType<typeof depsWhenDatabaseOpens>> | undefined;
      const listening = new Promise<void>((resolve) => {
        const opening = depsWhenDatabaseOpens(config, { retryMs: 100, onStandIn: (info) => ((standIn = info), resolve()) });
        void opening.then((deps) => (opened = deps));
      });
      await listening;
      const base = `http://127.0.0.1:${standIn.port}`;

      const health = await fetch(`${base}/health`);
      expect(health.status).toBe(503);
      expect(await health.json()).toEqual({ status: 'down', components: { database: { status: 'down', detail: 'file is not a database' } } });
      const api = await fetch(`${base}/api/sites`);
      expect(api.status).toBe(503);
      expect(api.headers.get('retry-after')).toBe('5');
      expect(((await api.json()) as { error: { code: string } }).error.code).toBe('unavailable');
      expect(opened).toBeUndefined();

      // The operator moves the broken file away: Vigie opens a fresh database by itself.
      fs.renameSync(config.dbPath, `${config.dbPath}.broken`);
      while (!opened) await new Promise((r) => setTimeout(r, 50));
      expect(opened.db.prepare('SELECT count(*) FROM organisations').pluck().get()).toBe(0);
      await expect(fetch(`${base}/health`)).rejects.toThrow(); // the stand-in has left the port
      await opened.close();
    } finally {
      tmp.cleanup();
    }
  });
});
