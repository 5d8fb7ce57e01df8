import { describe, expect, it } from 'vitest';
import { createLineGuard, LINE_TOO_LONG } from './line-guard.js';

describe('overlong line guard', () => {
  it('passes ordinary lines through unchanged, whatever the chunking and line endings', () => {
    const g = createLineGuard(10);
    expect(g('Nom;Web\r\nAcme;a.fr\rB;') + g('b.fr\nC;c.fr')).toBe('Nom;Web\r\nAcme;a.fr\rB;b.fr\nC;c.fr');
  });

  it('cuts a line longer than the limit, even across chunks, and resumes at the next line', () => {
    const g = createLineGuard(10);
    const out = g('ok\n' + 'x'.repeat(7)) + g('y'.repeat(50)) + g('z'.repeat(5) + '\r\nnext;n.fr\n');
    expect(out).toBe(`ok\n${'x'.repeat(7)}yyy${LINE_TOO_LONG}\r\nnext;n.fr\n`);
  });
});
