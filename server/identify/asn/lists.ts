import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where the shipped MIT lists live (copied from X4BNet/lists_vpn and brianhama/bad-asn-list). */
export const ASN_CLASS_DIR = fileURLToPath(new URL('../../../data/asn-class/', import.meta.url));

export type BlockLists = { hosting: Set<number>; vpn: Set<number> };

/** Parses `AS123 # comment` lines (X4BNet format). */
export function parseAsnLines(text: string): number[] {
  const out: number[] = [];
  for (const line of text.split(/\r?\n/)) {
    const m = /^\s*AS(\d+)\b/i.exec(line);
    if (m) out.push(Number(m[1]));
  }
  return out;
}

/** Parses brianhama's `ASN,Entity` CSV, whose ASN is sometimes quoted or followed by a space. */
export function parseAsnCsv(text: string): number[] {
  const out: number[] = [];
  for (const line of text.split(/\r?\n/).slice(1)) {
    const m = /^\s*"?(\d+)"?\s*,/.exec(line);
    if (m) out.push(Number(m[1]));
  }
  return out;
}

/**
 * Reads the hosting (datacenter) and VPN lists once, at start. A list that cannot be read counts
 * as empty and is reported through `onUnreadable`: classification degrades, the server still starts.
 */
export function loadBlockLists(dir = ASN_CLASS_DIR, onUnreadable: (file: string, err: Error) => void = () => {}): BlockLists {
  const read = (f: string) => {
    try {
      return fs.readFileSync(path.join(dir, f), 'utf8');
    } catch (err) {
      onUnreadable(f, err as Error);
      return '';
    }
  };
  const hosting = new Set([...parseAsnLines(read('x4bnet-datacenter-asn.txt')), ...parseAsnCsv(read('brianhama-bad-asn-list.csv'))]);
  const vpn = new Set(parseAsnLines(read('x4bnet-vpn-asn.txt')));
  return { hosting, vpn };
}
