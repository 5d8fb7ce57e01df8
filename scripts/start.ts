import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildAll } from './build.js';
import { main } from '../server/main.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outputs = ['dist/t.js', 'dist/form.js', 'dist/dashboard/index.html'];
const sources = ['widget', 'dashboard', 'server/schemas', 'vite.config.ts'];

function newestMtime(p: string): number {
  const full = path.join(root, p);
  if (!fs.existsSync(full)) return 0;
  const st = fs.statSync(full);
  if (!st.isDirectory()) return st.mtimeMs;
  return Math.max(0, ...fs.readdirSync(full).map((f) => newestMtime(path.join(p, f))));
}

/** Builds the front-end bundles when they are missing or older than their sources. */
async function buildIfNeeded(): Promise<void> {
  const oldestOutput = Math.min(...outputs.map((o) => newestMtime(o)));
  const newestSource = Math.max(...sources.map((s) => newestMtime(s)));
  if (oldestOutput > 0 && oldestOutput >= newestSource) return;
  console.log('[vigie] building the tracker, form bundle and dashboard…');
  await buildAll();
}

await buildIfNeeded();
await main();
