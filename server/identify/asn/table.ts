import fs from 'node:fs';
import { parseIpv4, parseIpv6 } from '../ip.js';
import type { PrefixSpan } from '../prefix-span.js';
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

  /**
   * Lookup of an IPv4 address as a uint32. With `span`, also says whether the answer holds for
   * the whole prefix around the address: the range found covers it, or no range touches it.
   */
  lookup4(ip: number, span?: PrefixSpan): AsnHit | null {
    const { v4Start, v4End, v4As } = this.t;
    let lo = 0;
    let hi = v4Start.length - 1;
    // Largest start <= ip, then check the range end (ranges do not overlap).
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      if (v4Start[mid]! <= ip) lo = mid + 1;
      else hi = mid - 1;
    }
    const found = hi >= 0 && v4End[hi]! >= ip;
    if (span) {
      const size = 2 ** (32 - span.bits);
      const first = ip - (ip % size);
      const last = first + size - 1;
      const whole = found
        ? v4Start[hi]! <= first && v4End[hi]! >= last
        : (hi < 0 || v4End[hi]! < first) && (hi + 1 >= v4Start.length || v4Start[hi + 1]! > last);
      if (!whole) span.narrow();
    }
    return found ? this.hit(v4As[hi]!) : null;
  }

  /** Lookup of an IPv6 address as four words; `span` as for `lookup4`. */
  lookup6(w: readonly number[], span?: PrefixSpan): AsnHit | null {
    const { v6Start, v6End, v6As } = this.t;
    let lo = 0;
    let hi = v6As.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      if (cmpAt(v6Start, mid, w) <= 0) lo = mid + 1;
      else hi = mid - 1;
    }
    const found = hi >= 0 && cmpAt(v6End, hi, w) >= 0;
    if (span) {
      const [first, last] = block6(w, span.bits);
      const whole = found
        ? cmpAt(v6Start, hi, first) <= 0 && cmpAt(v6End, hi, last) >= 0
        : (hi < 0 || cmpAt(v6End, hi, first) < 0) && (hi + 1 >= v6As.length || cmpAt(v6Start, hi + 1, last) > 0);
      if (!whole) span.narrow();
    }
    return found ? this.hit(v6As[hi]!) : null;
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

/** First and last address of the `bits`-long prefix holding `w`. */
function block6(w: readonly number[], bits: number): [number[], number[]] {
  const first: number[] = [];
  const last: number[] = [];
  for (let i = 0; i < 4; i++) {
    const keep = Math.max(0, Math.min(32, bits - i * 32));
    const mask = keep === 0 ? 0 : (~0 << (32 - keep)) >>> 0;
    first.push((w[i]! & mask) >>> 0);
    last.push((w[i]! | ~mask) >>> 0);
  }
  return [first, last];
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
