import { describe, expect, it } from 'vitest';
import { locale } from '../../i18n';
import { conditionText, ruleFieldLabel } from './ruleText';

describe('rule form errors', () => {
  it('name the control as its label reads, not the API field', () => {
    locale.value = 'fr';
    expect(ruleFieldLabel('name')).toBe('Nom de la règle');
    expect(ruleFieldLabel('listId')).toBe('Déplacer vers la liste');
    expect(ruleFieldLabel('conditions.0.value')).toBe('Valeur de la condition 1');
    expect(ruleFieldLabel('conditions.2.op')).toBe('Opérateur de la condition 3');
    expect(ruleFieldLabel('conditions')).toBe('Si toutes ces conditions sont vraies');
    locale.value = 'en';
    expect(ruleFieldLabel('conditions.1.value')).toMatch(/2/);
    expect(ruleFieldLabel('somethingElse')).toBe('somethingElse');
  });

  it('show a network class by its name, not its stored id', () => {
    locale.value = 'fr';
    expect(conditionText({ field: 'networkClass', op: 'equals', value: 'government' })).toBe('Type de réseau est Administration');
    expect(conditionText({ field: 'domain', op: 'endsWith', value: 'gouv.fr' })).toBe('Domaine se termine par gouv.fr');
  });
});
