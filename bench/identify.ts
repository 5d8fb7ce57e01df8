import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDb } from '../server/db/open.js';
import { loadConfig } from '../server/config.js';
import { Health } from '../server/http/health.js';
import { createOrganisation } from '../server/orgs/repo.js';
import { compileAsnTable } from '../server/identify/asn/compile.js';
import { asnSources, packageAsnDir } from '../server/identify/asn/manager.js';
import { AsnTable } from '../server/identify/asn/table.js';
import { asnTableFile, loadIdentifyContext } from '../server/identify/context.js';
import { identifyIp, networkPart } from '../server/identify/pipeline.js';
import { parseIpv4, toIpNum } from '../server/identify/ip.js';
import type { Figure, Suite } from './lib/types.js';

const N = Number(process.env.BENCH_IDENTIFY_N ?? 1_000_000);

/** Random public-looking IPv4 strings (first octet 1–223, no 10/127). */
function randomIps(n: number, seed = 42): string[] {
  let x = seed;
  const next = () => ((x = (x * 1103515245 + 12345) >>> 0), x);
  const out: string[] = [];
  while (out.length < n) {
    const v = next();
    const a = (v >>> 24) % 223 + 1;
    if (a === 10 || a === 127) continue;
    out.push(`${a}.${(v >>> 16) & 255}.${(v >>> 8) & 255}.${next() & 255}`);
  }
  return out;
}

function perSecond(count: number, fn: () => void): number {
  const t0 = performance.now();
  fn();
  return Math.round(count / ((performance.now() - t0) / 1000));
}

async function perSecondAsync(count: number, fn: () => Promise<void>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return Math.round(count / ((performance.now() - t0) / 1000));
}

/**
 * The embedded identification path on the real @ip-location-db/asn data: compile time, load
 * time and memory of the binary table, bare lookups, and identifications per second (no MaxMind,
 * no reverse DNS), cold (every address new) and cached (a working set of 1,000 addresses).
 */
export const identifySuite: Suite = {
  name: 'identify',
  description: `Embedded IP→ASN identification, ${N.toLocaleString('en-US')} random public IPv4s, one core`,
  async run(): Promise<Figure[]> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigie-bench-identify-'));
    try {
      const config = loadConfig({ VIGIE_DATA_DIR: dir, VIGIE_RDNS: 'false' });
      const src = asnSources(packageAsnDir());
      const file = asnTableFile(config);
      const t0 = performance.now();
      await compileAsnTable(src, file, src.stamp);
      const compileMs = performance.now() - t0;

      global.gc?.();
      const before = process.memoryUsage();
      const t1 = performance.now();
      const table = AsnTable.load(file);
      const loadMs = performance.now() - t1;
      const after = process.memoryUsage();
      const ips = randomIps(N);

      let hits = 0;
      const bare = perSecond(N, () => {
        for (const ip of ips) if (table.lookup4(parseIpv4(ip))) hits++;
      });

      const db = openDb(config.dbPath);
      const loaded = loadIdentifyContext({ db, config, health: new Health(), log: () => {} });
      await loaded.ready;
      const orgId = createOrganisation(db, 'Bench').id;
      const ctx = loaded.ctx;
      ctx.network.clear();
      const embeddedCold = perSecond(N, () => {
        for (const ip of ips) networkPart(ctx, ip, toIpNum(ip)!);
      });
      const pipelineN = Math.min(N, 300_000);
      ctx.network.clear();
      const pipelineCold = await perSecondAsync(pipelineN, async () => {
        for (let i = 0; i < pipelineN; i++) await identifyIp(ctx, orgId, ips[i]!);
      });
      const hot = ips.slice(0, 1000);
      const pipelineCached = await perSecondAsync(pipelineN, async () => {
        for (let i = 0; i < pipelineN; i++) await identifyIp(ctx, orgId, hot[i % 1000]!);
      });
      // Offices and carrier pools: many addresses of few /24s, nearly every address new.
      const hotPrefixes = hot.map((ip) => ip.slice(0, ip.lastIndexOf('.') + 1));
      const spread = Array.from({ length: pipelineN }, (_, i) => `${hotPrefixes[i % 1000]}${(i * 7 + (i >>> 10)) & 255}`);
      ctx.network.clear();
      const hitsBefore = ctx.network.stats.hits;
      const pipelinePrefixes = await perSecondAsync(pipelineN, async () => {
        for (let i = 0; i < pipelineN; i++) await identifyIp(ctx, orgId, spread[i]!);
      });
      const hitRate = (ctx.network.stats.hits - hitsBefore) / pipelineN;
      loaded.close();
      db.close();
      return [
        { name: 'compile real CSVs → binary', value: Math.round(compileMs), unit: 'ms', note: `${table.size.v4} IPv4 + ${table.size.v6} IPv6 ranges, ${table.size.as} AS` },
        { name: 'table load (prebuilt binary)', value: loadMs.toFixed(1), unit: 'ms', note: 'target <= 50 ms' },
        { name: 'table memory', value: ((after.arrayBuffers - before.arrayBuffers) / 1048576).toFixed(1), unit: 'MB', note: `file ${(table.size.bytes / 1048576).toFixed(1)} MB; target <= 40 MB` },
        { name: 'bare lookups (parse + search)', value: bare, unit: '/s', note: `${((hits / N) * 100).toFixed(0)} % of addresses routed` },
        { name: 'embedded path, uncached', value: embeddedCold, unit: 'id/s', note: 'ASN table + AS class + country; target >= 1M/s' },
        { name: 'identifyIp, cold', value: pipelineCold, unit: 'id/s', note: 'adds IP rules and learned mappings (both in memory per organisation)' },
        { name: 'identifyIp, cached', value: pipelineCached, unit: 'id/s', note: '1,000 recurring addresses' },
        { name: 'identifyIp, 1,000 /24s, new addresses', value: pipelinePrefixes, unit: 'id/s', note: `${(hitRate * 100).toFixed(1)} % answered by the /24 cache` },
      ];
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
};

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const f of await identifySuite.run()) console.log(`${f.name.padEnd(34)} ${String(f.value).padStart(12)} ${f.unit ?? ''}${f.note ? `   (${f.note})` : ''}`);
}
