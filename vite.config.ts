import type { InlineConfig } from 'vite';
import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('.', import.meta.url));
// development: false so that builds run under vitest (NODE_ENV=test) do not switch to the dev JSX runtime,
// which embeds source file paths and line numbers and grows the form bundle by ~300 B gzip.
const jsx = { jsx: { runtime: 'automatic' as const, importSource: 'preact', development: false } };

/** A browser bundle built as one IIFE file into `outDir` (kept: the dashboard build shares dist/). */
function iife(outDir: string, target: string, lib: { entry: string; name: string; fileName: string }): InlineConfig {
  return {
    configFile: false,
    logLevel: 'warn',
    oxc: jsx,
    build: {
      outDir,
      emptyOutDir: false,
      target,
      minify: true,
      lib: { entry: `${root}${lib.entry}`, formats: ['iife'], name: lib.name, fileName: () => lib.fileName },
    },
  };
}

/** The tracker: one small IIFE served at /t.js. */
export function trackerConfig(outDir = `${root}dist`): InlineConfig {
  return iife(outDir, 'es2017', { entry: 'widget/tracker.ts', name: 'vigieTracker', fileName: 't.js' });
}

/** The lead-form bundle (Preact), loaded by the tracker only on pages that place a form. */
export function formConfig(outDir = `${root}dist`): InlineConfig {
  // es2020, not es2017 like the tracker: lowering zod's and Preact's object spreads to es2017
  // adds ~600 B of helpers to a bundle whose budget is 12 KB; every browser since 2020 runs it.
  return iife(outDir, 'es2020', { entry: 'widget/form/index.tsx', name: 'vigieForm', fileName: 'form.js' });
}

/** The dashboard SPA and the vitest set-up (this is the default config). */
export default defineConfig({
  root: `${root}dashboard`,
  base: '/',
  oxc: jsx,
  build: { outDir: `${root}dist/dashboard`, emptyOutDir: true, target: 'es2020' },
  test: {
    root,
    globals: true,
    include: ['{server,widget,dashboard,test,scripts}/**/*.test.{ts,tsx}'],
    environment: 'node',
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    fileParallelism: true,
  },
});
