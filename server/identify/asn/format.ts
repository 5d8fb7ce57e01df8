import os from 'node:os';

/** First bytes of a compiled table; bump the digit when the layout changes (old files recompile). */
export const MAGIC = 'VIGASN02';

export type TableParts = {
  stamp: string;
  v4: { start: Uint32Array; end: Uint32Array; as: Uint32Array };
  v6: { start: Uint32Array; end: Uint32Array; as: Uint32Array };
  asNumbers: Uint32Array;
  asNames: string[];
};

export type TableHeader = { stamp: string; n4: number; n6: number; nAs: number; namesBytes: number };

/*
 * Layout (little-endian, u32 sections 4-byte aligned so they are read as views, not copied):
 *   MAGIC (8) | header length (u32) | header JSON | padding to 8
 *   v4 start[n4] | v4 end[n4] | v4 as[n4] | v6 start[4*n6] | v6 end[4*n6] | v6 as[n6]
 *   as number[nAs] | name offset[nAs+1] | names (UTF-8)
 */
export function writeTable(p: TableParts): Buffer {
  const names = p.asNames.map((n) => Buffer.from(n, 'utf8'));
  const offsets = new Uint32Array(names.length + 1);
  for (let i = 0; i < names.length; i++) offsets[i + 1] = offsets[i]! + names[i]!.length;
  const header: TableHeader = { stamp: p.stamp, n4: p.v4.start.length, n6: p.v6.as.length, nAs: p.asNumbers.length, namesBytes: offsets[names.length]! };
  const headerBytes = Buffer.from(JSON.stringify(header), 'utf8');
  const lead = Buffer.alloc(12);
  lead.write(MAGIC, 0, 'latin1');
  lead.writeUInt32LE(headerBytes.length, 8);
  const pad = Buffer.alloc((8 - ((12 + headerBytes.length) % 8)) % 8);
  const u32 = (a: Uint32Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);
  return Buffer.concat([
    lead, headerBytes, pad,
    u32(p.v4.start), u32(p.v4.end), u32(p.v4.as),
    u32(p.v6.start), u32(p.v6.end), u32(p.v6.as),
    u32(p.asNumbers), u32(offsets), ...names,
  ]);
}

export type TableViews = TableHeader & {
  v4Start: Uint32Array; v4End: Uint32Array; v4As: Uint32Array;
  v6Start: Uint32Array; v6End: Uint32Array; v6As: Uint32Array;
  asNumbers: Uint32Array; nameOffsets: Uint32Array; names: Uint8Array;
};

/** Reads only the header (to decide whether a file is up to date); null when not a table. */
export function readHeader(buf: Buffer): (TableHeader & { dataStart: number }) | null {
  if (buf.length < 12 || buf.toString('latin1', 0, 8) !== MAGIC) return null;
  const len = buf.readUInt32LE(8);
  if (12 + len > buf.length) return null;
  try {
    const h = JSON.parse(buf.toString('utf8', 12, 12 + len)) as TableHeader;
    const dataStart = 12 + len + ((8 - ((12 + len) % 8)) % 8);
    return { ...h, dataStart };
  } catch {
    return null;
  }
}

/** Maps a compiled file onto typed-array views; throws on a truncated or foreign file. */
export function readTable(file: Buffer): TableViews {
  if (os.endianness() !== 'LE') throw new Error('the compiled ASN table is little-endian only');
  const h = readHeader(file);
  if (!h) throw new Error('not a Vigie ASN table');
  // Views need a 4-byte aligned base; Buffers from the pool may not be.
  const buf = file.byteOffset % 8 === 0 ? file : Buffer.from(new Uint8Array(file));
  let off = buf.byteOffset + h.dataStart;
  const take = (count: number) => {
    const v = new Uint32Array(buf.buffer, off, count);
    off += count * 4;
    return v;
  };
  const expected = h.dataStart + 4 * (3 * h.n4 + 9 * h.n6 + 2 * h.nAs + 1) + h.namesBytes;
  if (buf.length !== expected) throw new Error(`ASN table truncated (${buf.length} bytes, expected ${expected})`);
  const v4Start = take(h.n4);
  const v4End = take(h.n4);
  const v4As = take(h.n4);
  const v6Start = take(4 * h.n6);
  const v6End = take(4 * h.n6);
  const v6As = take(h.n6);
  const asNumbers = take(h.nAs);
  const nameOffsets = take(h.nAs + 1);
  const names = new Uint8Array(buf.buffer, off, h.namesBytes);
  return { ...h, v4Start, v4End, v4As, v6Start, v6End, v6As, asNumbers, nameOffsets, names };
}
