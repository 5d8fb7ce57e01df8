// Checkpointer thread (plain CommonJS, so it runs the same under tsx, vitest and node).
// Copies the WAL back into the database file with PASSIVE checkpoints, which never take the write
// lock nor wait for writers: the collector's commits no longer pay for checkpoints and their fsyncs.
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);

const db = new Database(workerData.file);
db.pragma('busy_timeout = 1000');
let failing = false;

function checkpoint() {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
    if (failing) parentPort.postMessage({ ok: true });
    failing = false;
  } catch (err) {
    if (!failing) parentPort.postMessage({ error: String(err && err.message ? err.message : err) });
    failing = true;
  }
}

const timer = setInterval(checkpoint, workerData.everyMs);
parentPort.on('message', (message) => {
  if (message !== 'stop') return;
  clearInterval(timer);
  checkpoint();
  db.close();
  parentPort.postMessage({ stopped: true });
});
