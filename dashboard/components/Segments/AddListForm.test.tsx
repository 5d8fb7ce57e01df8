// @vitest-environment happy-dom
import { render } from 'preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { locale } from '../../i18n';
import type { CategoryView, ListView } from '../../../server/schemas/segments';
import { AddListForm } from './AddListForm';

const category: CategoryView = { id: 'prospect', label: { fr: 'Prospect', en: 'Prospect' }, lists: [] };
const created: ListView = { id: 'lst_1', category: 'prospect', name: 'prospect-salons', isDefault: false, locked: false, companies: 0 } as ListView;

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const conflict = () => json(409, { error: { code: 'conflict', message: 'Already exists' } });

const input = () => document.querySelector('input[name="name"]') as HTMLInputElement;
const describedBy = () => input().getAttribute('aria-describedby');
const alertText = () => document.querySelector('[role="alert"]')?.textContent ?? null;
const statusText = () => document.querySelector('[role="status"]')?.textContent ?? '';
const type = (value: string) => {
  input().value = value;
  input().dispatchEvent(new Event('input', { bubbles: true }));
};
const submit = () => (document.querySelector('button[type="submit"]') as HTMLButtonElement).click();

beforeEach(() => {
  locale.value = 'fr';
});
afterEach(() => {
  render(null, document.body);
  vi.unstubAllGlobals();
});

describe('Segments: adding a list', () => {
  it('lets go of the error of a refused name as soon as the name changes', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => conflict()));
    render(<AddListForm category={category} onCreated={() => {}} />, document.body);
    type('salons');
    submit();
    await vi.waitFor(() => expect(alertText()).toBe('Une liste porte déjà ce nom.'));
    expect(input().getAttribute('aria-invalid')).toBe('true');
    expect(describedBy()).toBe('add-list-prospect-error');

    type('salons-2026');
    await vi.waitFor(() => expect(alertText()).toBeNull());
    expect(input().getAttribute('aria-invalid')).toBeNull();
    expect(describedBy()).toBe('add-list-prospect-hint');
  });

  it('replaces the error of a refused name with the success of the next one', async () => {
    const fetch = vi.fn<() => Promise<Response>>(async () => conflict());
    vi.stubGlobal('fetch', fetch);
    const onCreated = vi.fn();
    render(<AddListForm category={category} onCreated={onCreated} />, document.body);
    type('salons');
    submit();
    await vi.waitFor(() => expect(alertText()).toBe('Une liste porte déjà ce nom.'));

    // Sent again without retyping (say, after deleting the other list): this time it works.
    fetch.mockImplementation(async () => json(201, { list: created }));
    submit();
    await vi.waitFor(() => expect(statusText()).toBe('Liste « prospect-salons » ajoutée.'));
    expect(alertText()).toBeNull();
    expect(input().getAttribute('aria-invalid')).toBeNull();
    expect(input().value).toBe('');
    expect(onCreated).toHaveBeenCalledWith(created);

    // A later failure takes the success message away.
    fetch.mockImplementation(async () => conflict());
    type('salons');
    await vi.waitFor(() => expect(statusText()).toBe(''));
    submit();
    await vi.waitFor(() => expect(alertText()).toBe('Une liste porte déjà ce nom.'));
    expect(statusText()).toBe('');
  });
});
