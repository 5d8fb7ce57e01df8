import { t } from '../../i18n';
import type { RuleCondition } from '../../../server/schemas/segments';

export type Field = RuleCondition['field'];
export const FIELDS: Field[] = ['domain', 'name', 'country', 'networkClass', 'pageVisited', 'utmSource', 'visitCount'];
export const OPS: Record<Field, string[]> = {
  domain: ['equals', 'endsWith'],
  name: ['equals', 'contains'],
  country: ['equals'],
  networkClass: ['equals'],
  pageVisited: ['equals', 'contains'],
  utmSource: ['equals'],
  visitCount: ['gte', 'lte'],
};

/** "Domaine se termine par gouv.fr", "Type de réseau est Administration" */
export const conditionText = (c: RuleCondition) =>
  `${t(`segments.rules.field.${c.field}`)} ${t(`segments.rules.op.${c.op}`)} ${c.field === 'networkClass' ? t(`companies.network.${c.value}`) : c.value}`;

/** The form control a server error names (`name`, `listId`, `conditions.0.value`), as its label reads. */
export function ruleFieldLabel(field: string): string {
  const cond = /^conditions\.(\d+)(?:\.(field|op|value))?/.exec(field);
  if (cond) {
    const n = Number(cond[1]) + 1;
    return t(cond[2] === 'field' ? 'segments.rules.field' : cond[2] === 'op' ? 'segments.rules.op' : 'segments.rules.value', { n });
  }
  if (field === 'name') return t('segments.rules.name');
  if (field === 'listId') return t('segments.rules.target');
  if (field === 'conditions') return t('segments.rules.conditions');
  return field;
}
