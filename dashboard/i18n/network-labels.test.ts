import { describe, expect, it } from 'vitest';
import { dictionaries } from './index';
import { NETWORK_CLASSES } from '../../server/identify/types';

describe('network class labels', () => {
  it('name every class identification can store on a visit, in both languages', () => {
    for (const cls of ['company', ...NETWORK_CLASSES]) {
      for (const lang of ['fr', 'en'] as const) expect(dictionaries[lang][`companies.network.${cls}`], `${lang} ${cls}`).toBeTruthy();
    }
  });
});
