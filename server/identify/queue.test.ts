import { describe, expect, it } from 'vitest';
import { BoundedQueue } from './queue.js';

const deferred = () => {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
};

describe('bounded identification queue', () => {
  it('holds items until started, then runs them with the given concurrency', async () => {
    const gates = [deferred(), deferred(), deferred()];
    let running = 0;
    let peak = 0;
    const done: number[] = [];
    const q = new BoundedQueue<number>(async (i) => {
      running++;
      peak = Math.max(peak, running);
      await gates[i]!.promise;
      running--;
      done.push(i);
    }, { max: 10, concurrency: 2 });
    [0, 1, 2].forEach((i) => q.push(i));
    expect(running).toBe(0);
    q.start();
    expect(running).toBe(2);
    gates.forEach((g) => g.resolve());
    await q.idle();
    expect(done.sort()).toEqual([0, 1, 2]);
    expect(peak).toBe(2);
  });

  it('drops, and counts, what exceeds its bound instead of blocking the producer', () => {
    const drops: number[] = [];
    const q = new BoundedQueue<number>(async () => {}, { max: 2, concurrency: 1, onDrop: (n) => drops.push(n) });
    expect([q.push(1), q.push(2), q.push(3), q.push(4)]).toEqual([true, true, false, false]);
    expect(q.dropped).toBe(2);
    expect(drops).toEqual([1, 2]);
  });

  it('keeps going after a failing item and drains on close', async () => {
    const errors: unknown[] = [];
    const seen: number[] = [];
    const q = new BoundedQueue<number>(async (i) => {
      if (i === 1) throw new Error('boom');
      seen.push(i);
    }, { max: 10, concurrency: 1, onError: (e) => errors.push(e) });
    [1, 2, 3].forEach((i) => q.push(i));
    await q.close(1_000);
    expect(seen).toEqual([2, 3]);
    expect(errors).toHaveLength(1);
    expect(q.push(4)).toBe(false);
  });
});
