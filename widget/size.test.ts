// Builds the shipped widget bundles (same vite configs as `npm run build`) and holds them to their
// gzip budgets: the tracker is on every page of every customer site, the form bundle only where a
// form is placed.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BUDGETS, buildWidgets, measureBundles } from '../scripts/bundle-size';

it('keeps t.js within 1,160 B and form.js within 12,288 B, minified and gzipped', async () => {
  const sizes = await measureBundles();
  console.log(
    `[size] t.js ${sizes.tracker.bytes} B minified, ${sizes.tracker.gzip} B gzip (budget ${BUDGETS.tracker}); ` +
      `form.js ${sizes.form.bytes} B minified, ${sizes.form.gzip} B gzip (budget ${BUDGETS.form})`,
  );
  expect(sizes.tracker.bytes).toBeGreaterThan(500); // an empty or broken build would pass any budget
  expect(sizes.tracker.gzip).toBeLessThanOrEqual(BUDGETS.tracker);
  expect(sizes.form.gzip).toBeLessThanOrEqual(BUDGETS.form);
});

it('ships one self-contained IIFE without zod or transpiler helpers', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigie-size-'));
  try {
    const code = fs.readFileSync((await buildWidgets(dir)).tracker, 'utf8');
    expect(code).toMatch(/^\(function\(\)\{/);
    expect(code).not.toMatch(/\bimport\b|require\(|zod|@babel\/helpers/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
