import fs from 'node:fs';
import { parseIpv4, parseIpv6 } from '../ip.js';
import { readTable, type TableViews } from './format.js';

export type AsnHit = { asId: number; asn: number; name: string };

/**
 * The embedded IP→ASN table in memory: typed arrays over one file read, binary search per lookup.
 * AS names are decoded on first use and kept (about 90k distinct organisations).
 */
export class AsnTable {
  private readonly t: TableViews;
  private readonly names: Array<string | undefined>;
  private readonly decoder = new TextDecoder();

  constructor(views: TableViews) {
    this.t = views;
    this.names = new Array(views.nAs);
  }

  static load(file: string): AsnTable {
    return new AsnTable(readTable(fs.readFileSync(file)));
  }

  get stamp(): string { return this.t.stamp; }
  get size(): { v4: number; v6: number; as: number; bytes: number } {
    const t = this.t;
    return { v4: t.n4, v6: t.n6, as: t.nAs, bytes: t.v4Start.buffer.byteLength };
  }

  /** Lookup of a normalised IP string (see `normalizeIp`). */
  lookup(ip: string): AsnHit | null {
    if (ip.includes(':')) {
      const w = parseIpv6(ip);
      return w ? this.lookup6(w) : null;
    }
    const n = parseIpv4(ip);
    return n < 0 ? null : this.lookup4(n);
  }

  lookup4(ip: number): AsnHit | null {
    const { v4Start, v4End, v4As } = this.t;
    let lo = 0;
    let hi = v4Start.length - 1;
    // Largest start <= ip, then check the range end (ranges do not overlap).
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      if (v4Start[mid]! <= ip) lo = mid + 1;
      else hi = mid - 1;
    }
    if (hi < 0 || v4End[hi]! < ip) return null;
    return this.hit(v4As[hi]!);
  }

  lookup6(w: readonly number[]): AsnHit | null {
    const { v6Start, v6End, v6As } = this.t;
    let lo = 0;
    let hi = v6As.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      if (cmpAt(v6Start, mid, w) <= 0) lo = mid + 1;
      else hi = mid - 1;
    }
    if (hi < 0 || cmpAt(v6End, hi, w) < 0) return null;
    return this.hit(v6As[hi]!);
  }

  /** The organisation name of an AS id (decoded once). */
  name(asId: number): string {
    let n = this.names[asId];
    if (n === undefined) {
      const { nameOffsets, names } = this.t;
      n = this.decoder.decode(names.subarray(nameOffsets[asId]!, nameOffsets[asId + 1]!));
      this.names[asId] = n;
    }
    return n;
  }

  private hit(asId: number): AsnHit {
    return { asId, asn: this.t.asNumbers[asId]!, name: this.name(asId) };
  }
}

/** Compares the 128-bit row `i` of `arr` with `w`. */
function cmpAt(arr: Uint32Array, i: number, w: readonly number[]): number {
  const o = i * 4;
  for (let k = 0; k < 4; k++) {
    const a = arr[o + k]!;
    const b = w[k]!;
    if (a !== b) return a < b ? -1 : 1;
  }
  return 0;
}
