// @vitest-environment happy-dom
import { render } from 'preact';
import { afterEach, expect, it } from 'vitest';
import { locale, t } from '../../i18n';
import { LeadBell } from './LeadBell';

afterEach(() => render(null, document.body));

it('draws the bell in SVG under an accessible name, with no emoji that would show as an empty box', () => {
  locale.value = 'fr';
  render(<LeadBell />, document.body);
  const button = document.querySelector('button')!;
  expect(button.getAttribute('aria-label')).toBe(t('leads.bell'));
  expect(button.querySelector('svg[aria-hidden="true"]')).not.toBeNull();
  expect(button.textContent).not.toMatch(/\p{Extended_Pictographic}/u);
});
