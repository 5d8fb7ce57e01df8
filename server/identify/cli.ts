import type { Db } from '../db/open.js';
import type { Config } from '../config.js';
import { Health } from '../http/health.js';
import { loadIdentifyContext } from './context.js';
import { normalizeIp } from './ip.js';
import { identifyIp } from './pipeline.js';

export const IDENTIFY_USAGE = 'usage: vigie identify [--org ORG] IP [IP…]';

/** Parses `[--org ORG] IP…`; throws the usage on a mistake. */
export function parseIdentifyArgs(argv: readonly string[]): { org: string | null; ips: string[] } {
  let org: string | null = null;
  const ips: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--org') {
      org = argv[++i] ?? null;
      if (!org) throw new Error(`--org needs a value\n${IDENTIFY_USAGE}`);
    } else if (a.startsWith('--')) throw new Error(`unknown option ${a}\n${IDENTIFY_USAGE}`);
    else ips.push(a);
  }
  if (!ips.length) throw new Error(IDENTIFY_USAGE);
  return { org, ips };
}

/** The organisation whose IP rules and learned mappings apply: the one named, else the only one. */
function resolveOrg(db: Db, org: string | null, warn: (l: string) => void): string {
  if (org) {
    const rows = db.prepare('SELECT id FROM organisations WHERE id = ? OR name = ?').pluck().all(org, org) as string[];
    if (rows.length === 1) return rows[0]!;
    throw new Error(rows.length ? `several organisations are named ${org}: give its id` : `no organisation ${org}`);
  }
  const all = db.prepare('SELECT id FROM organisations LIMIT 2').pluck().all() as string[];
  if (all.length === 1) return all[0]!;
  if (all.length > 1) warn('[vigie] several organisations: IP rules and learned mappings skipped (use --org)');
  return '';
}

/**
 * Runs the server's pipeline on each IP with the server's configuration and prints one JSON
 * object per line: `{ip, class, company: {name, domain} | null, confidence, source, evidence}`,
 * where `class` is `company` or the network class. Status of the data sources goes to `warn`.
 * Returns the exit code (1 when an argument is not an IP address).
 */
export async function runIdentifyCli(
  db: Db, config: Config, args: { org: string | null; ips: string[] }, print: (l: string) => void, warn: (l: string) => void,
): Promise<number> {
  const orgId = resolveOrg(db, args.org, warn);
  const health = new Health();
  const loaded = loadIdentifyContext({ db, config, health, log: warn });
  try {
    await loaded.ready;
    for (const [name, c] of Object.entries(health.snapshot().components)) {
      if (c.status !== 'ok') warn(`[vigie] ${name}: ${c.status}: ${c.detail ?? ''}`);
    }
    let code = 0;
    for (const ip of args.ips) {
      if (!normalizeIp(ip)) {
        code = 1;
        print(JSON.stringify({ ip, class: 'unknown', company: null, confidence: 0, source: null, evidence: [], error: 'not an IPv4 or IPv6 address' }));
        continue;
      }
      const r = await identifyIp(loaded.ctx, orgId, ip);
      const company = r.company ? { name: r.company.name, domain: r.company.domain ?? null } : null;
      print(JSON.stringify({ ip: r.ip, class: r.class, company, confidence: r.confidence, source: r.source, country: r.country, evidence: r.evidence }));
    }
    return code;
  } finally {
    loaded.close();
  }
}

/** `vigie identify …`: reads the environment like the server; returns the exit code. */
export async function identifyCommand(argv: string[]): Promise<number> {
  try {
    const args = parseIdentifyArgs(argv);
    const { loadConfig } = await import('../config.js');
    const { openDb } = await import('../db/open.js');
    const config = loadConfig();
    const db = openDb(config.dbPath);
    try {
      return await runIdentifyCli(db, config, args, (l) => console.log(l), (l) => console.error(l));
    } finally {
      db.close();
    }
  } catch (err) {
    console.error(err instanceof Error ? err.message : String(err));
    return 2;
  }
}
