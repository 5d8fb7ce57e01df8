import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { openDb } from '../db/open.js';
import { testConfig } from '../config.js';
import { Health } from '../http/health.js';
import { tempDir } from '../../test/helpers/temp.js';
import { loadIdentifyContext } from './context.js';

describe('IP→ASN sources fixed while running', () => {
  it('are taken up without a restart: degraded on garbage, ok once good files replace it', async () => {
    const tmp = tempDir();
    try {
      const sources = path.join(tmp.dir, 'asn');
      fs.mkdirSync(sources);
      fs.writeFileSync(path.join(sources, 'asn-ipv4.csv'), 'not,a,table\nat,all,\n???\nx\n');
      const config = testConfig({ dataDir: tmp.dir, dbPath: path.join(tmp.dir, 'vigie.db'), asnDir: sources });
      const db = openDb(config.dbPath);
      const health = new Health();
      const loaded = loadIdentifyContext({ db, config, health, log: () => {}, asnRecheckMs: 50 });
      try {
        await loaded.ready;
        expect(health.snapshot().components['asn-table']).toMatchObject({ status: 'degraded', detail: expect.stringMatching(/unreadable/) });

        // The operator drops good files in place (here: the test fixture of real rows).
        const good = testConfig().asnDir;
        for (const f of ['asn-ipv4.csv', 'asn-ipv6.csv']) fs.copyFileSync(path.join(good, f), path.join(sources, f));
        await vi.waitFor(() => expect(health.snapshot().components['asn-table']?.status).toBe('ok'), { timeout: 10_000, interval: 50 });
        expect(loaded.status().asnTable.detail).toMatch(/IPv4/);
      } finally {
        loaded.close();
        db.close();
      }
    } finally {
      tmp.cleanup();
    }
  });
});
