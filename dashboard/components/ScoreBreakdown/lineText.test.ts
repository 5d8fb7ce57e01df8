import { afterEach, describe, expect, it } from 'vitest';
import { locale } from '../../i18n';
import { lineText } from './lineText';

const NOW = Date.parse('2025-06-15T12:00:00Z');
const DAY = 86_400_000;

afterEach(() => {
  locale.value = 'fr';
});

describe('score line text', () => {
  it('says why in French, with the sign and how long ago', () => {
    locale.value = 'fr';
    expect(lineText({ kind: 'key-page', ref: '/pricing', points: 18, at: NOW - 2 * DAY }, NOW)).toBe('+18 pts — page /pricing, il y a 2 jours');
    expect(lineText({ kind: 'category', ref: 'hors-cible', points: -10 }, NOW)).toBe('−10 pts — Hors-cible');
    expect(lineText({ kind: 'recency', points: 9, at: NOW - DAY }, NOW)).toBe('+9 pts — dernière visite, il y a 1 jour');
    expect(lineText({ kind: 'clamp', points: -12 }, NOW)).toBe('−12 pts — plafonné à 100');
  });

  it('says why in English, with the user label of a key page', () => {
    locale.value = 'en';
    expect(lineText({ kind: 'key-page', ref: '/pricing', label: 'pricing page', points: 18, at: NOW - 2 * DAY }, NOW)).toBe('+18 pts — pricing page, 2 days ago');
    expect(lineText({ kind: 'category', ref: 'hors-cible', points: -10 }, NOW)).toBe('−10 pts — Out of target');
    expect(lineText({ kind: 'engaged', count: 420, points: 7 }, NOW)).toBe('+7 pts — 7 min engaged');
    expect(lineText({ kind: 'pin', ref: 'Met at a trade show', points: 20 }, NOW)).toBe('+20 pts — pinned score: Met at a trade show');
    expect(lineText({ kind: 'list', ref: 'lst_1', points: 5 }, NOW, new Map([['lst_1', 'prospect-salons']]))).toBe('+5 pts — list prospect-salons');
  });

  it('counts visits, pages and forms in the singular or the plural', () => {
    locale.value = 'fr';
    expect(lineText({ kind: 'sessions', count: 1, points: 4 }, NOW)).toBe('+4 pts — 1 visite');
    expect(lineText({ kind: 'pageviews', count: 31, points: 10 }, NOW)).toBe('+10 pts — 31 pages vues');
    expect(lineText({ kind: 'repeat', count: 3, points: 9 }, NOW)).toBe('+9 pts — 3 visites de retour');
    expect(lineText({ kind: 'forms', count: 1, points: 25, at: NOW }, NOW)).toBe('+25 pts — 1 formulaire envoyé, à l’instant');
    locale.value = 'en';
    expect(lineText({ kind: 'sessions', count: 2, points: 8 }, NOW)).toBe('+8 pts — 2 visits');
    expect(lineText({ kind: 'pageviews', count: 1, points: 1 }, NOW)).toBe('+1 pts — 1 pageview');
  });
});
