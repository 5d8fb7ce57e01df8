import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';
import { formConfig, trackerConfig } from '../vite.config.js';

export interface BundleSize {
  /** Minified size in bytes. */
  bytes: number;
  /** Size after gzip level 9, what a browser downloads from a compressing server. */
  gzip: number;
}

/**
 * Budgets enforced by widget/size.test.ts (gzip bytes). The tracker's is its size (1,157 B) plus a
 * small margin, so that a regression fails instead of eating the headroom the issue allowed (1,200).
 * (1,080 -> 1,157 B: the SPA pageview delay, the guard against a second copy, the title and
 * referrer caps.)
 */
export const BUDGETS = { tracker: 1160, form: 12_288 } as const;

/** Builds the tracker and the form bundle into `outDir` (same configs as `npm run build`); returns their paths. */
export async function buildWidgets(outDir: string): Promise<{ tracker: string; form: string }> {
  await build(trackerConfig(outDir));
  await build(formConfig(outDir));
  return { tracker: path.join(outDir, 't.js'), form: path.join(outDir, 'form.js') };
}

/** Minified and gzip sizes of one file. */
export function sizeOf(file: string): BundleSize {
  const code = fs.readFileSync(file);
  return { bytes: code.length, gzip: gzipSync(code, { level: 9 }).length };
}

/**
 * Builds both widget bundles into a temporary directory and measures them.
 * Example: `const { tracker } = await measureBundles(); tracker.gzip // 900`
 */
export async function measureBundles(): Promise<{ tracker: BundleSize; form: BundleSize }> {
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigie-bundles-'));
  try {
    const files = await buildWidgets(outDir);
    return { tracker: sizeOf(files.tracker), form: sizeOf(files.form) };
  } finally {
    fs.rmSync(outDir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  measureBundles().then(
    ({ tracker, form }) => {
      console.log(`tracker t.js   ${tracker.bytes} B minified, ${tracker.gzip} B gzip (budget ${BUDGETS.tracker})`);
      console.log(`form form.js   ${form.bytes} B minified, ${form.gzip} B gzip (budget ${BUDGETS.form})`);
    },
    (err) => {
      console.error(err);
      process.exit(1);
    },
  );
}
