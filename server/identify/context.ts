import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '../db/open.js';
import type { Config } from '../config.js';
import type { Health } from '../http/health.js';
import { loadBlockLists } from './asn/lists.js';
import { asnSources, ensureAsnTable, packageAsnDir } from './asn/manager.js';
import { MaxmindDatabases, type DbStatus } from './maxmind/databases.js';
import { networkCache, type IdentifyContext } from './pipeline.js';
import { AsnResolver } from './resolvers/asn-table.js';
import { CountryResolver } from './resolvers/country.js';
import { ReverseDns } from './resolvers/rdns.js';

export type IdentifyStatus = {
  asnTable: { status: 'ok' | 'degraded' | 'loading'; detail: string };
  maxmind: { configured: boolean; databases: DbStatus[] };
  country: { source: 'maxmind' | 'embedded' | 'none' };
  reverseDns: { enabled: boolean; servers: readonly string[] };
};

export type LoadedContext = {
  ctx: IdentifyContext;
  /** Resolves when the first load of every data source is over (successful or not). */
  ready: Promise<void>;
  status: () => IdentifyStatus;
  close: () => void;
};

/** The compiled table's path: `<dataDir>/asn-table.bin`. */
export const asnTableFile = (config: Config): string => path.join(config.dataDir, 'asn-table.bin');

/** How often the IP→ASN sources are looked at for a change while running. */
export const ASN_RECHECK_MS = 30_000;

/** The sources' stamp, or a marker when they cannot even be listed (a directory gone). */
function sourceStamp(dir: string): string {
  try {
    return asnSources(dir).stamp;
  } catch (err) {
    return `unreadable: ${(err as Error).message}`;
  }
}

/**
 * Builds the pipeline's context from the configuration: block lists, MaxMind databases
 * (watched), the embedded ASN table (compiled in the background when missing or stale), the
 * country database and reverse DNS. Returns at once; `ready` says when loading is over. Each
 * source reports to `/health` (`asn-table`, `maxmind`, `country`) and failures only degrade it.
 */
export function loadIdentifyContext(opts: { db: Db; config: Config; health: Health; clock?: () => number; log?: (line: string) => void; asnRecheckMs?: number }): LoadedContext {
  const { config, health } = opts;
  const log = opts.log ?? ((line: string) => console.warn(line));
  const unreadable: string[] = [];
  const lists = loadBlockLists(undefined, (file, err) => unreadable.push(`${file}: ${err.message}`));
  if (unreadable.length) {
    log(`[vigie] asn-lists: hosting/VPN lists unreadable, those classes are weaker: ${unreadable.join('; ')}`);
    health.degraded('asn-lists', unreadable.join('; '));
  }
  const asn = new AsnResolver(lists);
  const country = new CountryResolver();
  const network = networkCache(50_000, opts.clock);
  let asnState: IdentifyStatus['asnTable'] = { status: 'loading', detail: 'loading' };

  const maxmind = new MaxmindDatabases({
    dir: config.maxmindDir,
    files: config.maxmindFiles,
    log,
    onStatus: (all) => {
      network.clear(); // answers change with the databases
      const failed = all.filter((d) => d.status === 'failed');
      const ok = all.filter((d) => d.status === 'ok');
      if (failed.length) health.degraded('maxmind', failed.map((d) => `${path.basename(d.file)}: ${d.detail}`).join('; '));
      else if (ok.length) health.ok('maxmind', ok.map((d) => d.type).join(', '));
      else health.degraded('maxmind', 'no MaxMind database found');
    },
  });

  fs.mkdirSync(config.dataDir, { recursive: true });
  const asnDir = config.asnDir || packageAsnDir();
  const asnEvents = {
    log,
    onTable: (t: Parameters<AsnResolver['setTable']>[0]) => {
      asn.setTable(t);
      network.clear();
    },
    onStatus: (status: 'ok' | 'degraded', detail: string) => {
      asnState = { status, detail };
      if (status === 'ok') health.ok('asn-table', detail);
      else health.degraded('asn-table', detail);
    },
  };
  let asnStamp = sourceStamp(asnDir);
  const asnReady = ensureAsnTable(asnTableFile(config), asnDir, asnEvents);
  // Sources fixed, replaced or updated while running are taken up without a restart: a look at
  // the files' sizes and dates every so often, a (background) compile only when they changed.
  const asnRecheck = setInterval(() => {
    const stamp = sourceStamp(asnDir);
    if (stamp === asnStamp) return;
    asnStamp = stamp;
    void asnReady.then(() => ensureAsnTable(asnTableFile(config), asnDir, asnEvents)).catch((err: Error) => log(`[vigie] asn-table: recheck failed: ${err.message}`));
  }, opts.asnRecheckMs ?? ASN_RECHECK_MS);
  asnRecheck.unref();
  const countryReady = country.open().then(
    () => health.ok('country', 'embedded geo-whois-asn-country (CC0)'),
    (err: Error) => health.degraded('country', `embedded country database unavailable: ${err.message}`),
  );
  const rdns = config.reverseDns ? new ReverseDns({ servers: config.dnsServers, clock: opts.clock }) : null;

  const ctx: IdentifyContext = { db: opts.db, lists, asn, maxmind, country, rdns, network, networkTtlMs: 3_600_000 };
  const ready = Promise.all([maxmind.start(), asnReady, countryReady]).then(() => undefined);
  return {
    ctx,
    ready,
    close: () => {
      clearInterval(asnRecheck);
      return maxmind.close();
    },
    status: () => ({
      asnTable: asnState,
      maxmind: { configured: maxmind.configured, databases: maxmind.statuses() },
      country: { source: maxmind.has('city') || maxmind.has('country') || maxmind.has('enterprise') ? 'maxmind' : country.ready ? 'embedded' : 'none' },
      reverseDns: { enabled: Boolean(rdns), servers: config.dnsServers },
    }),
  };
}
