// @vitest-environment happy-dom
import { render } from 'preact';
import { afterEach, describe, expect, it } from 'vitest';
import { locale } from '../../i18n';
import { PageviewsTable } from './PageviewsTable';
import type { PageviewView } from '../../../server/schemas/overview';

const hostile: PageviewView = {
  ts: Date.parse('2025-03-31T08:05:00Z'),
  siteId: 'site_1',
  url: 'javascript:alert(1)',
  path: '/<script>alert(1)</script>',
  title: '<img src=x onerror="window.pwned=1">',
  referrer: 'https://evil.example/"><svg onload=alert(1)>',
  source: '<b>evil</b>',
};

afterEach(() => render(null, document.body));

describe('PageviewsTable', () => {
  it('renders visitor-sent path, title and source as inert text', () => {
    render(<PageviewsTable pageviews={[hostile]} />, document.body);
    expect(document.querySelector('img, script, svg, b, a')).toBeNull();
    const row = document.querySelectorAll('tbody tr')[0]!;
    expect(row.textContent).toContain('/<script>alert(1)</script>');
    expect(row.textContent).toContain('<img src=x onerror="window.pwned=1">');
    expect(row.textContent).toContain('<b>evil</b>');
  });

  it('labels a session without source as direct, in the chosen language', () => {
    locale.value = 'fr';
    render(<PageviewsTable pageviews={[{ ...hostile, source: null }]} />, document.body);
    expect(document.querySelector('tbody')!.textContent).toContain('Accès direct');
    locale.value = 'en';
    render(<PageviewsTable pageviews={[{ ...hostile, source: null }]} />, document.body);
    expect(document.querySelector('tbody')!.textContent).toContain('Direct');
  });

  it('adds a Site column only when site names are given', () => {
    locale.value = 'en';
    render(<PageviewsTable pageviews={[hostile]} />, document.body);
    expect([...document.querySelectorAll('thead th')].map((th) => th.textContent)).toEqual(['Date and time', 'Page', 'Source']);
    render(<PageviewsTable pageviews={[hostile]} siteNames={new Map([['site_1', 'Acme']])} />, document.body);
    expect(document.querySelector('tbody tr')!.lastElementChild!.textContent).toBe('Acme');
  });
});
