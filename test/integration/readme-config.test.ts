import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { zEnv } from '../../server/config.js';

describe('README configuration table', () => {
  it('documents every environment variable of the config schema, and no other', () => {
    const readme = fs.readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const table = readme.split('<!-- config-table:start -->')[1]!.split('<!-- config-table:end -->')[0]!;
    const documented = [...table.matchAll(/^\| `([A-Z_]+)` \|/gm)].map((m) => m[1]).sort();
    expect(documented).toEqual(Object.keys(zEnv.shape).sort());
  });
});
