import fs from 'node:fs';

export type FileEncoding = 'utf-8' | 'windows-1252' | 'utf-16le' | 'utf-16be';

// Windows-1252 differs from Latin-1 only in 0x80-0x9F (€, curly quotes, œ, …). Node's
// TextDecoder('windows-1252') decodes as Latin-1, so those 32 code points are mapped here.
const CP1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];

/** Decodes Windows-1252 bytes (what Excel in France writes for "CSV (séparateur : point-virgule)"). */
export function decodeCp1252(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    .toString('latin1')
    .replace(/[\x80-\x9f]/g, (c) => String.fromCharCode(CP1252_HIGH[c.charCodeAt(0) - 0x80]!));
}

/**
 * UTF-16 when the file starts with its byte-order mark (Excel's "Texte Unicode" and "CSV UTF-16");
 * else UTF-8 when every byte sequence of the file is valid UTF-8 (BOM or not), Windows-1252 otherwise.
 * Streams the file, so a large file is never held in memory.
 */
export async function detectEncoding(file: string): Promise<FileEncoding> {
  const head = Buffer.alloc(2);
  const fd = fs.openSync(file, 'r');
  const got = (() => { try { return fs.readSync(fd, head, 0, 2, 0); } finally { fs.closeSync(fd); } })();
  if (got === 2 && head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (got === 2 && head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  const decoder = new TextDecoder('utf-8', { fatal: true });
  try {
    for await (const chunk of fs.createReadStream(file, { highWaterMark: 256 * 1024 })) {
      decoder.decode(chunk as Buffer, { stream: true });
    }
    decoder.decode();
    return 'utf-8';
  } catch {
    return 'windows-1252';
  }
}

/**
 * A streaming decoder for the detected encoding; every one drops a leading byte-order mark,
 * Windows-1252 included (a UTF-8 BOM glued onto Windows-1252 text would otherwise read "ï»¿Nom").
 */
export function createDecoder(encoding: FileEncoding): { write: (b: Uint8Array) => string; end: () => string } {
  if (encoding === 'windows-1252') {
    let first = true;
    const write = (b: Uint8Array) => {
      const skip = first && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf ? 3 : 0;
      first = false;
      return decodeCp1252(b.subarray(skip));
    };
    return { write, end: () => '' };
  }
  const d = new TextDecoder(encoding);
  return { write: (b) => d.decode(b, { stream: true }), end: () => d.decode() };
}

export type Delimiter = ',' | ';' | '\t';

/** The delimiter of the header line: the most frequent of `,` `;` and tab outside quotes (comma on a tie). */
export function detectDelimiter(text: string): Delimiter {
  const counts = { ',': 0, ';': 0, '\t': 0 };
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && (ch === ',' || ch === ';' || ch === '\t')) counts[ch]++;
  }
  if (counts[';'] > counts[','] && counts[';'] >= counts['\t']) return ';';
  if (counts['\t'] > counts[','] && counts['\t'] > counts[';']) return '\t';
  return ',';
}
