import os from 'node:os';
import { suites } from './suites.js';
import type { Figure } from './lib/types.js';

/**
 * `npm run bench` runs every suite of bench/suites.ts; `npm run bench -- collect` only the named ones.
 * Figures are printed as they come, one line each, so one run gives comparable numbers.
 */
async function main(): Promise<void> {
  const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
  const unknown = wanted.filter((w) => !suites.some((s) => s.name === w));
  if (unknown.length) {
    console.error(`unknown suite(s): ${unknown.join(', ')}; known: ${suites.map((s) => s.name).join(', ')}`);
    process.exit(2);
  }
  const selected = wanted.length ? suites.filter((s) => wanted.includes(s.name)) : suites;
  console.log(`vigie bench — ${os.cpus().length} CPU (${os.cpus()[0]?.model ?? '?'}), Node ${process.version}`);
  let failed = false;
  for (const suite of selected) {
    console.log(`\n## ${suite.name}: ${suite.description}`);
    try {
      for (const f of await suite.run()) console.log(format(f));
    } catch (err) {
      failed = true;
      console.log(`  failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  process.exit(failed ? 1 : 0);
}

function format(f: Figure): string {
  const value = `${typeof f.value === 'number' ? f.value.toLocaleString('en-US') : f.value}${f.unit ? ` ${f.unit}` : ''}`;
  return `  ${f.name.padEnd(44)} ${value.padStart(16)}${f.note ? `   (${f.note})` : ''}`;
}

await main();
