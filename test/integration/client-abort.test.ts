import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { seedAccount, startTestServer, type SeededAccount, type TestServer } from '../helpers/server.js';

// A client that hangs up halfway through its body is a client matter: nothing is stored, nothing
// is logged as a server fault (anyone could flood the log that way), and the server keeps serving.
let srv: TestServer;
let acct: SeededAccount;
beforeAll(async () => {
  srv = await startTestServer();
  acct = await seedAccount(srv.deps, { domains: ['example.com'] });
});
afterAll(() => srv.close());

function hangUpMidBody(path: string): Promise<void> {
  const port = Number(new URL(srv.url).port);
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1', () => {
      socket.write(`POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/plain\r\nContent-Length: 1000\r\n\r\n{"site":"${acct.siteKey}",`);
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
    expect(srv.deps.db.prepare('SELECT count(*) FROM events').pluck().get()).toBe(0);
    expect((await fetch(`${srv.url}/health`)).status).toBe(200);
  });
});
