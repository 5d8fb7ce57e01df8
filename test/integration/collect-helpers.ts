import http from 'node:http';
import type { AppDeps } from '../../server/deps.js';

export const CHROME = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36';

/** POSTs a collect body the way the tracker does (text/plain JSON). */
export async function collect(url: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${url}/api/collect`, {
    method: 'POST',
    headers: { 'content-type': 'text/plain;charset=UTF-8', 'user-agent': CHROME, ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

/** Row counts of every table the collector writes. */
export function trafficCounts(deps: AppDeps): Record<string, number> {
  const count = (table: string) => deps.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
  const bots = deps.db.prepare('SELECT coalesce(sum(hits), 0) FROM bot_counts').pluck().get() as number;
  return { visitors: count('visitors'), sessions: count('sessions'), events: count('events'), bots };
}

export type RawReply = { status: number; headers: http.IncomingHttpHeaders; body: string } | { error: string };

/**
 * A request through node:http, for what fetch will not send: raw bytes, chunked bodies without
 * Content-Length, huge or empty headers. Resolves with the reply, or the socket error.
 */
export function rawRequest(url: string, opts: { method?: string; path?: string; headers?: Record<string, string>; chunks?: Buffer[] }): Promise<RawReply> {
  return new Promise((resolve) => {
    const req = http.request(`${url}${opts.path ?? '/api/collect'}`, { method: opts.method ?? 'POST', headers: opts.headers, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      res.on('error', (err) => resolve({ error: err.message }));
    });
    req.on('error', (err) => resolve({ error: err.message }));
    for (const chunk of opts.chunks ?? []) req.write(chunk);
    req.end();
  });
}

/** The status of a raw reply, or 0 when the server closed the connection without one. */
export const statusOf = (r: RawReply): number => ('status' in r ? r.status : 0);
