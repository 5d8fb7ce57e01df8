import { describe, expect, it } from 'vitest';
import type { BatchResult, Hit } from './hit.js';
import { GroupCommitWriter, MAX_BATCH } from './writer.js';

const bot = (ts: number): Hit => ({ kind: 'bot', orgId: 'o', siteId: 's', ts });
const ok = (hits: Hit[]): BatchResult => ({ sessionIds: hits.map((h) => h.ts), startedVisitorIds: hits.map(() => 0), synced: null });
const quiet = { committed: () => {}, failed: () => {} };

describe('GroupCommitWriter', () => {
  it('commits everything queued while a commit runs in the next single batch', async () => {
    const batches: number[] = [];
    let release: () => void = () => {};
    const writer = new GroupCommitWriter(async (hits) => {
      batches.push(hits.length);
      if (batches.length === 1) await new Promise<void>((r) => (release = r));
      return ok(hits);
    }, quiet);
    const first = writer.write(bot(1));
    await new Promise((r) => setImmediate(r)); // the first commit is now running
    const rest = Array.from({ length: 50 }, (_, i) => writer.write(bot(i + 2)));
    release();
    const outcomes = await Promise.all([first, ...rest]);
    expect(batches).toEqual([1, 50]);
    expect(outcomes.map((o) => o.sessionId)).toEqual(Array.from({ length: 51 }, (_, i) => i + 1));
  });

  it('settles a request only after the batch holding it committed', async () => {
    let committed = false;
    const writer = new GroupCommitWriter(async (hits) => {
      await new Promise((r) => setTimeout(r, 5));
      committed = true;
      return ok(hits);
    }, quiet);
    await writer.write(bot(1));
    expect(committed).toBe(true);
  });

  it('splits a queue longer than MAX_BATCH', async () => {
    const sizes: number[] = [];
    const writer = new GroupCommitWriter(async (hits) => {
      sizes.push(hits.length);
      return ok(hits);
    }, quiet);
    await Promise.all(Array.from({ length: MAX_BATCH + 10 }, (_, i) => writer.write(bot(i))));
    expect(sizes).toEqual([MAX_BATCH, 10]);
  });

  it('rejects the whole batch when the commit fails, refuses at once during the cool-down, then recovers', async () => {
    let broken = true;
    let attempts = 0;
    const failures: unknown[] = [];
    const writer = new GroupCommitWriter(
      async (hits) => {
        attempts++;
        if (broken) throw new Error('SQLITE_FULL: database or disk is full');
        return ok(hits);
      },
      { committed: () => {}, failed: (e) => failures.push(e) },
      50,
    );
    await expect(Promise.all([writer.write(bot(1)), writer.write(bot(2))])).rejects.toThrow(/full/);
    await expect(writer.write(bot(3))).rejects.toThrow(/full/);
    expect(attempts).toBe(1); // the cool-down spared the database a second attempt
    broken = false;
    await new Promise((r) => setTimeout(r, 60));
    await expect(writer.write(bot(4))).resolves.toEqual({ sessionId: 4, startedVisitorId: 0 });
    expect(failures).toHaveLength(1);
  });

  it('keeps writing when a listener throws', async () => {
    const writer = new GroupCommitWriter(async (hits) => ok(hits), {
      committed: () => {
        throw new Error('listener bug');
      },
      failed: () => {},
    });
    await writer.write(bot(1));
    await expect(writer.write(bot(2))).resolves.toMatchObject({ sessionId: 2 });
  });

  it('flush waits for queued hits', async () => {
    const done: number[] = [];
    const writer = new GroupCommitWriter(async (hits) => {
      await new Promise((r) => setTimeout(r, 5));
      done.push(...hits.map((h) => h.ts));
      return ok(hits);
    }, quiet);
    void writer.write(bot(1));
    void writer.write(bot(2));
    await writer.flush();
    expect(done).toEqual([1, 2]);
  });
});
