import type { IncomingMessage } from 'node:http';
import type { Context } from 'hono';
import { AppError } from './errors.js';
import { findUnsafeJson } from './json-guard.js';
import { readIncomingCapped, unreadIncoming } from './node-body.js';

/**
 * Reads a request body with a hard size cap enforced while streaming, so that a chunked
 * body without Content-Length cannot exhaust memory; answers 413 past the cap.
 */
export async function readBodyText(c: Context, maxBytes: number): Promise<string> {
  const incoming = unreadIncoming(c.env);
  if (incoming) return readIncomingText(incoming, maxBytes);
  const declared = Number(c.req.header('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge(maxBytes, { Connection: 'close' });
  const body = c.req.raw.body;
  if (!body) return '';
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read().catch(() => Promise.reject(clientGone()));
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => {});
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  return decodeUtf8(Buffer.concat(chunks));
}

/**
 * `readBodyText` for a Node request (a route served ahead of Hono, or Hono's own Node request):
 * 413 (and the connection closed) past `maxBytes`, declared or streamed; 400 on invalid UTF-8.
 */
export async function readIncomingText(incoming: IncomingMessage, maxBytes: number): Promise<string> {
  const declared = Number(incoming.headers['content-length'] ?? NaN);
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge(maxBytes, { Connection: 'close' });
  const buf = await readIncomingCapped(incoming, maxBytes).catch(() => Promise.reject(clientGone()));
  if (!buf) throw tooLarge(maxBytes, { Connection: 'close' });
  return decodeUtf8(buf);
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function decodeUtf8(buf: Uint8Array): string {
  try {
    return utf8.decode(buf);
  } catch {
    throw new AppError('bad-request', 400, 'body: not valid UTF-8', 'body');
  }
}

/** Reads and parses a JSON body (any content type) with a size cap; 400 on malformed JSON. */
export async function readJson(c: Context, maxBytes: number): Promise<unknown> {
  const text = await readBodyText(c, maxBytes);
  if (text.trim() === '') throw new AppError('bad-request', 400, 'body: empty', 'body');
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch {
    throw new AppError('bad-request', 400, 'body: malformed JSON', 'body');
  }
  const bad = findUnsafeJson(value);
  if (bad) throw new AppError('bad-request', 400, `${bad.field}: ${bad.reason}`, bad.field);
  return value;
}

/**
 * The client went away mid-body (an aborted upload, a closed tab): a client error, answered (if
 * anyone still listens) with a 400, and not logged as a server fault, which anyone could flood.
 */
function clientGone(): AppError {
  return new AppError('bad-request', 400, 'body: the connection closed before the body was complete', 'body');
}

function tooLarge(maxBytes: number, headers?: Record<string, string>): AppError {
  return new AppError('payload-too-large', 413, `body: larger than ${maxBytes} bytes`, 'body', headers);
}
