import path from 'node:path';
import { loadConfig } from '../server/config.js';
import { compileAsnTable } from '../server/identify/asn/compile.js';
import { asnSources, packageAsnDir } from '../server/identify/asn/manager.js';
import { asnTableFile } from '../server/identify/context.js';

/**
 * Compiles the embedded IP→ASN table ahead of time (the server otherwise does it in the
 * background at first start): `npx tsx scripts/compile-asn.ts [CSV_DIR] [OUT_FILE]`.
 * Defaults: VIGIE_ASN_DIR or the installed @ip-location-db/asn, and <VIGIE_DATA_DIR>/asn-table.bin.
 */
const config = loadConfig();
const dir = path.resolve(process.argv[2] ?? (config.asnDir || packageAsnDir()));
const out = path.resolve(process.argv[3] ?? asnTableFile(config));
const src = asnSources(dir);
if (!src.ipv4Csv && !src.ipv6Csv) {
  console.error(`no asn-ipv4.csv or asn-ipv6.csv in ${dir}`);
  process.exit(2);
}
const started = Date.now();
const counts = await compileAsnTable(src, out, src.stamp);
console.log(`${out}: ${counts.v4} IPv4 + ${counts.v6} IPv6 ranges, ${counts.as} AS organisations (${Date.now() - started} ms)`);
