import net from 'node:net';
import { describe, expect, it, vi } from 'vitest';
import { useServerWithAccount } from '../helpers/server.js';

// A client that hangs up halfway through its body is a client matter: nothing is stored, nothing
// is logged as a server fault (anyone could flood the log that way), and the server keeps serving.
const w = useServerWithAccount({ domains: ['example.com'] });

function hangUpMidBody(path: string): Promise<void> {
  const port = Number(new URL(w.srv.url).port);
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1', () => {
      socket.write(`POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/plain\r\nContent-Length: 1000\r\n\r\n{"site":"${w.acct.siteKey}",`);
      setTimeout(() => socket.destroy(), 50);
    });
    socket.on('close', () => resolve());
    socket.on('error', () => {});
  });
}

describe('a client hanging up mid-body', () => {
  it('logs no server error, stores nothing and leaves the server serving', async () => {
    const errors = vi.spyOn(console, 'error');
    try {
      for (const path of ['/api/collect', '/api/forms/demo/submit', '/api/auth/login']) await hangUpMidBody(path);
      await new Promise((r) => setTimeout(r, 100));
      expect(errors.mock.calls.map((c) => String(c[0]))).not.toContainEqual(expect.stringContaining('unhandled error'));
    } finally {
      errors.mockRestore();
    }
    expect(w.srv.deps.db.prepare('SELECT count(*) FROM events').pluck().get()).toBe(0);
    expect((await fetch(`${w.srv.url}/health`)).status).toBe(200);
  });
});

function raw(request: string): Promise<string> {
  const port = Number(new URL(w.srv.url).port);
  return new Promise((resolve) => {
    let reply = '';
    const socket = net.connect(port, '127.0.0.1', () => socket.write(request));
    socket.on('data', (d) => (reply += d.toString('latin1')));
    socket.on('close', () => resolve(reply));
    socket.on('error', () => {});
  });
}

describe('requests Node refuses before any route', () => {
  it('answers an oversized address with 431 and the JSON error envelope', async () => {
    const res = await fetch(`${w.srv.url}/api/companies/${'z'.repeat(20_000)}`);
    expect(res.status).toBe(431);
    expect(await res.json()).toEqual({ error: { code: 'headers-too-large', message: 'request: address or headers larger than 16 KB' } });
  });

  it('answers bytes that are not HTTP with 400 and the envelope, and keeps serving', async () => {
    const reply = await raw('GARBAGE \x00\x01 NOT HTTP\r\n\r\n');
    expect(reply).toMatch(/^HTTP\/1\.1 400 /);
    expect(JSON.parse(reply.slice(reply.indexOf('\r\n\r\n') + 4))).toMatchObject({ error: { code: 'bad-request' } });
    expect((await fetch(`${w.srv.url}/health`)).status).toBe(200);
  });
});
