// Junk sent to every segments endpoint (real server, real SQLite): 4xx, never 5xx; files that are
// not CSV end as a failed or partly rejected import, never as a crash.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, seedAccount, startTestServer, type TestServer } from '../helpers/server.js';
import type { ImportView, SegmentsOverview } from '../../server/schemas/segments.js';

let srv: TestServer;
let h: Record<string, string>;
let listId: string;

beforeAll(async () => {
  srv = await startTestServer();
  const acct = await seedAccount(srv.deps, { domains: ['exemple.fr'] });
  h = await login(srv.url, acct.email, acct.password);
  const overview = (await (await fetch(`${srv.url}/api/segments`, { headers: h })).json()) as SegmentsOverview;
  listId = overview.categories.find((c) => c.id === 'prospect')!.lists.find((l) => l.name === 'prospect-default')!.id;
});
afterAll(() => srv.close());

const call = (method: string, path: string, body?: string | Uint8Array<ArrayBuffer>) => fetch(`${srv.url}${path}`, { method, headers: h, body });

async function importOf(csv: string | Uint8Array<ArrayBuffer>): Promise<ImportView> {
  const res = await call('POST', `/api/segments/lists/${listId}/imports?filename=junk.csv`, csv);
  expect(res.status).toBe(202);
  let imp = ((await res.json()) as { import: ImportView }).import;
  for (let i = 0; i < 500 && (imp.status === 'receiving' || imp.status === 'parsing'); i++) {
    await new Promise((r) => setTimeout(r, 10));
    imp = ((await (await call('GET', `/api/segments/imports/${imp.id}`)).json()) as { import: ImportView }).import;
  }
  return imp;
}

describe('junk sent to the segments endpoints', () => {
  it('answers 4xx, never 5xx, to malformed, mistyped, hostile and oversized JSON bodies', async () => {
    const routes: Array<[string, string]> = [
      ['POST', '/api/segments/lists'], ['PATCH', `/api/segments/lists/${listId}`], ['PUT', `/api/segments/lists/${listId}/lock`],
      ['POST', '/api/segments/moves'], ['POST', '/api/segments/rules'], ['PUT', '/api/segments/rules/rul_x'],
      ['POST', '/api/segments/rules/order'], ['POST', '/api/segments/rules/apply'],
    ];
    const junk: Array<[string, string]> = [
      ['malformed', '{"name":'], ['array', '[1,2]'], ['null', 'null'], ['number', '12'], ['empty', ''],
      ['wrong types', JSON.stringify({ category: 5, name: [], locked: 'yes', companyIds: 'x', listId: {}, conditions: 'x', ids: [1], dryRun: 'no' })],
      ['prototype keys', '{"__proto__":{"x":1},"constructor":{"prototype":{}}}'],
      ['deep nesting', '['.repeat(5_000) + ']'.repeat(5_000)],
      ['control characters', JSON.stringify({ category: 'prospect', name: 'a\u0000b' })],
      ['too many ids', JSON.stringify({ companyIds: Array.from({ length: 200_001 }, (_, i) => `cmp_${i}`), listId })],
      ['oversized', JSON.stringify({ name: 'x'.repeat(100_000) })],
    ];
    for (const [method, path] of routes) {
      for (const [name, body] of junk) {
        const res = await call(method, path, body);
        // rules/apply has only an optional field: any object (extra keys ignored) is a dry run.
        const anObject = /^\{/.test(body) && name !== 'oversized';
        if (!(path.endsWith('/rules/apply') && anObject)) expect(res.status, `${name} → ${method} ${path}`).toBeGreaterThanOrEqual(400);
        expect(res.status, `${name} → ${method} ${path}`).toBeLessThan(500);
      }
    }
    for (const path of [`/api/segments/lists/${listId}/imports?filename=${'x'.repeat(300)}`, '/api/segments/imports/%00', '/api/segments/snapshots/snp_x/restore']) {
      const res = await call('POST', path, 'Nom;Website\nA;a.fr\n');
      expect(res.status, path).toBeGreaterThanOrEqual(400);
      expect(res.status, path).toBeLessThan(500);
    }
  });

  it('ends a binary file, an unterminated quote, a 3 MB line and 100,000 cells as a failed or partly rejected import, keeping the rows after a huge line', async () => {
    const binary = await importOf(new Uint8Array(Array.from({ length: 5_000 }, (_, i) => (i * 7) % 256)));
    expect(binary).toMatchObject({ status: 'failed', error: { code: 'missing-name-column' } });
    // An unclosed quote swallows every line after it: the file is refused, saying where, instead of
    // importing the lines before it and silently losing the others.
    const quote = await importOf('Nom;Website\n"Sans fin;quote.fr\nBonne;bonne.fr\n');
    expect(quote).toMatchObject({ status: 'failed', error: { code: 'unclosed-quote' } });
    const rows = Array.from({ length: 20_000 }, (_, i) => `Société ${i};s${i}.fr`).join('\n');
    const swallowing = await importOf(`Nom;Website\nA;a.fr\n"Sans fin;quote.fr\n${rows}\n`);
    expect(swallowing).toMatchObject({ status: 'failed', error: { code: 'unclosed-quote' } });
    expect(swallowing.error!.message).toMatch(/^Un guillemet ouvert ligne 3 n’est jamais refermé/);
    const long = await importOf(`Nom;Website\n${'x'.repeat(3_000_000)};long.fr\nBonne;bonne.fr\n`);
    expect(long.status).toBe('ready');
    // One unreadable line, at its own line number; the row after it is still imported (nothing lost).
    expect(long.errors.map((e) => [e.line, e.reason])).toEqual([[2, 'malformed-row']]);
    expect(long.preview).toMatchObject({ rowsRead: 2, valid: 1, rejected: 1 });
    const wide = await importOf(`Nom;Website\n${'a;'.repeat(100_000)}\n`);
    expect(wide.status).toBe('ready');
    expect(wide.errors.map((e) => e.reason)).toEqual(['malformed-row']); // 200,000 characters: too long to be a row
    for (const imp of [long, wide]) expect((await call('GET', `/api/segments/imports/${imp.id}/errors.csv`)).status).toBe(200);
  });
});
