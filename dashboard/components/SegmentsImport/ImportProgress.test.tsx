// @vitest-environment happy-dom
import { render } from 'preact';
import { afterEach, describe, expect, it } from 'vitest';
import { locale } from '../../i18n';
import { ProgressBar } from './ProgressBar';
import { ImportCounts } from './ImportCounts';
import type { ImportCounts as Counts } from '../../../server/schemas/segments';

afterEach(() => render(null, document.body));

const counts: Counts = {
  rowsRead: 100_000, valid: 99_990, rejected: 10, matched: 1200, matchedBy: { siren: 200, email_domain: 300, website: 600, name: 100 },
  moved: 1100, alreadyInList: 90, skippedLocked: 10, unmatched: 98_790, leaving: 5, leavingTo: { id: 'lst_d', name: 'prospect-default' },
  quota: { limit: 200_000, usedElsewhere: 0, total: 99_990, exceeded: false },
};

describe('import progress and counts', () => {
  it('exposes the progress as a named progressbar whose value is clamped to 0-100', () => {
    locale.value = 'fr';
    render(<ProgressBar label="Analyse des lignes" percent={142.4} />, document.body);
    const bar = document.querySelector('[role="progressbar"]')!;
    expect(bar.getAttribute('aria-valuenow')).toBe('100');
    expect(document.getElementById(bar.getAttribute('aria-labelledby')!)!.textContent).toBe('Analyse des lignes');
    render(<ProgressBar label="x" percent={-3} />, document.body);
    expect(document.querySelector('[role="progressbar"]')!.getAttribute('aria-valuenow')).toBe('0');
  });

  it('says "will" before confirming and "did" in the report, with numbers in the user’s locale', () => {
    locale.value = 'en';
    render(<ImportCounts counts={counts} applied={false} />, document.body);
    const text = () => [...document.querySelectorAll('dt')].map((dt) => `${dt.textContent}=${dt.nextElementSibling!.textContent}`);
    expect(text()).toContain('Will join the list=1,100');
    expect(text()).toContain('Will stay in a locked list=10');
    render(<ImportCounts counts={counts} applied />, document.body);
    expect(text()).toContain('Skipped (locked list)=10');
    expect(text()).toContain('No match (kept for later)=98,790');
    locale.value = 'fr';
  });
});
