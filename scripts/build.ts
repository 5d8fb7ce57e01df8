import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import viteConfig, { formConfig, trackerConfig } from '../vite.config.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUTPUTS = ['dist/t.js', 'dist/form.js', 'dist/dashboard/index.html'];
const SOURCES = ['widget', 'dashboard', 'server/schemas', 'vite.config.ts', 'package-lock.json'];

/** Builds the tracker (dist/t.js), the form bundle (dist/form.js) and the dashboard (dist/dashboard). */
export async function buildAll(): Promise<void> {
  await build({ ...viteConfig, configFile: false, logLevel: 'warn' });
  await build(trackerConfig());
  await build(formConfig());
}

function newestMtime(p: string): number {
  const full = path.join(root, p);
  if (!fs.existsSync(full)) return 0;
  const st = fs.statSync(full);
  if (!st.isDirectory()) return st.mtimeMs;
  return Math.max(0, ...fs.readdirSync(full).map((f) => newestMtime(path.join(p, f))));
}

/** Builds only when an output is missing or older than a source; returns whether it built. */
export async function buildIfStale(): Promise<boolean> {
  const oldestOutput = Math.min(...OUTPUTS.map((o) => newestMtime(o)));
  const newestSource = Math.max(...SOURCES.map((s) => newestMtime(s)));
  if (oldestOutput > 0 && oldestOutput >= newestSource) return false;
  await buildAll();
  return true;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  buildAll().then(
    () => console.log('[vigie] built dist/t.js, dist/form.js and dist/dashboard'),
    (err) => {
      console.error(err);
      process.exit(1);
    },
  );
}
