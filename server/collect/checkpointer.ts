import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { Db } from '../db/open.js';

const require = createRequire(import.meta.url);

export type Checkpointer = { stop: () => Promise<void> };

/**
 * Moves WAL checkpoints off the event loop. SQLite's automatic checkpoint runs inside the commit
 * that crosses 1,000 WAL pages, with an fsync, and doubled the collector's cost per event. Here
 * the connections stop checkpointing (wal_autocheckpoint = 0) and a worker thread with its own
 * connection checkpoints every `everyMs`. If the worker dies, automatic checkpoints come back.
 */
export function startCheckpointer(file: string, connections: Db[], onError: (message: string | null) => void, everyMs = 200): Checkpointer {
  const worker = new Worker(require.resolve('./checkpointer.worker.cjs'), {
    workerData: { file, everyMs, driver: require.resolve('better-sqlite3') },
  });
  worker.unref();
  for (const db of connections) db.pragma('wal_autocheckpoint = 0');
  let stopped: (() => void) | null = null;
  let exited = false;
  worker.on('message', (m: { error?: string; ok?: boolean; stopped?: boolean }) => {
    if (m.error) onError(m.error);
    if (m.ok) onError(null);
    if (m.stopped) stopped?.();
  });
  worker.on('error', (err) => onError(err.message));
  worker.on('exit', () => {
    exited = true;
    for (const db of connections) if (db.open) db.pragma('wal_autocheckpoint = 1000');
    stopped?.();
  });
  return {
    stop: async () => {
      if (exited) return;
      await new Promise<void>((resolve) => {
        stopped = resolve;
        worker.postMessage('stop');
      });
      await worker.terminate();
    },
  };
}
