import { z } from 'zod';
import { Resolver } from 'node:dns';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const list = z
  .string()
  .default('')
  .transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean));

/** What node:dns accepts as a server (`192.0.2.53`, `192.0.2.53:5353`, `[2001:db8::53]:53`), checked here so the message names the variable. */
const isDnsServer = (s: string): boolean => {
  try {
    new Resolver().setServers([s]);
    return true;
  } catch {
    return false;
  }
};

const bool = (fallback: boolean) =>
  z
    .enum(['true', 'false', '1', '0', ''])
    .optional()
    .transform((v) => (v === undefined || v === '' ? fallback : v === 'true' || v === '1'));

/**
 * Every environment variable Vigie reads. The README's configuration table is checked against
 * this schema by a test, so a variable cannot be added without being documented.
 */
export const zEnv = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000).describe('HTTP port'),
  HOST: z.string().default('0.0.0.0').describe('Interface to listen on'),
  VIGIE_DATA_DIR: z.string().default('./data').describe('Directory of the SQLite database and compiled data files'),
  VIGIE_PUBLIC_URL: z.string().default('').describe('Public base URL used in the snippet (default: the request origin)'),
  VIGIE_TRUSTED_PROXIES: list.describe('Comma-separated IPs/CIDRs of reverse proxies whose X-Forwarded-For/Forwarded headers are trusted'),
  VIGIE_PROXY_HEADER: z.enum(['x-forwarded-for', 'forwarded']).default('x-forwarded-for').describe('Header the trusted proxies write the client IP to: x-forwarded-for or forwarded (RFC 7239)'),
  VIGIE_SECURE_COOKIES: bool(false).describe('Mark the dashboard session cookie Secure (set to true behind HTTPS)'),
  VIGIE_MAXMIND_DIR: z.string().default('').describe('Directory scanned for MaxMind .mmdb files (GeoIP2-Enterprise, -ISP, -Domain, GeoLite2-ASN, -Anonymous-IP, -Connection-Type, City/Country)'),
  VIGIE_MAXMIND_FILES: list.describe('Comma-separated explicit paths of MaxMind .mmdb files (in addition to VIGIE_MAXMIND_DIR)'),
  VIGIE_DNS_SERVERS: list.refine((xs) => xs.every(isDnsServer), 'each entry must be an IP address, optionally with :port').describe('Comma-separated DNS servers for reverse DNS (default: the system resolvers)'),
  VIGIE_RDNS: bool(true).describe('Use reverse DNS (PTR + forward confirmation) to identify companies'),
  VIGIE_ASN_DIR: z.string().default('').describe('Directory holding asn-ipv4.csv / asn-ipv6.csv compiled into the embedded IP→ASN table (default: the installed @ip-location-db/asn package)'),
  VIGIE_IMPORT_QUOTA: z.coerce.number().int().min(0).default(20000).describe('Total imported CSV rows allowed per organisation'),
  VIGIE_INTAKE_LOG_ABOVE: z.coerce.number().int().min(0).default(2000).describe('Hits per second above which the collector acknowledges hits once they are in its intake log, and writes their events a little later (0: always)'),
  VIGIE_LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info').describe('Log verbosity'),
});

export type Config = Readonly<{
  port: number;
  host: string;
  dataDir: string;
  dbPath: string;
  publicUrl: string;
  trustedProxies: readonly string[];
  proxyHeader: 'x-forwarded-for' | 'forwarded';
  secureCookies: boolean;
  maxmindDir: string;
  maxmindFiles: readonly string[];
  dnsServers: readonly string[];
  reverseDns: boolean;
  asnDir: string;
  importQuota: number;
  /** Hits per second above which hits go through the collector's intake log (server/collect/intake.ts). */
  intakeLogAbove: number;
  logLevel: 'debug' | 'info' | 'warn' | 'error';
}>;

/** Parses the environment once; throws a readable message naming the bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = zEnv.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`Invalid configuration ${String(issue.path[0])}: ${issue.message}`);
  }
  const e = parsed.data;
  const dataDir = path.resolve(e.VIGIE_DATA_DIR);
  return Object.freeze({
    port: e.PORT,
    host: e.HOST,
    dataDir,
    dbPath: path.join(dataDir, 'vigie.db'),
    publicUrl: e.VIGIE_PUBLIC_URL.replace(/\/$/, ''),
    trustedProxies: Object.freeze(e.VIGIE_TRUSTED_PROXIES),
    proxyHeader: e.VIGIE_PROXY_HEADER,
    secureCookies: e.VIGIE_SECURE_COOKIES,
    maxmindDir: e.VIGIE_MAXMIND_DIR,
    maxmindFiles: Object.freeze(e.VIGIE_MAXMIND_FILES),
    dnsServers: Object.freeze(e.VIGIE_DNS_SERVERS),
    reverseDns: e.VIGIE_RDNS,
    asnDir: e.VIGIE_ASN_DIR,
    importQuota: e.VIGIE_IMPORT_QUOTA,
    intakeLogAbove: e.VIGIE_INTAKE_LOG_ABOVE,
    logLevel: e.VIGIE_LOG_LEVEL,
  });
}

/** A config for tests: defaults plus overrides, no environment read. */
export function testConfig(overrides: Partial<Config> = {}): Config {
  // A 27-row IP→ASN fixture (real rows of the package) compiles in milliseconds per test server.
  const asnDir = fileURLToPath(new URL('../test/fixtures/identify/asn/', import.meta.url));
  return Object.freeze({ ...loadConfig({ VIGIE_RDNS: 'false', VIGIE_ASN_DIR: asnDir }), ...overrides });
}
