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

/** "Domaine se termine par gouv.fr" */
export const conditionText = (c: RuleCondition) => `${t(`segments.rules.field.${c.field}`)} ${t(`segments.rules.op.${c.op}`)} ${c.value}`;
