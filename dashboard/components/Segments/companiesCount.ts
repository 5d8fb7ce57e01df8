import { fmt, locale, t } from '../../i18n';

/** "0 entreprise", "1 entreprise", "2 entreprises" / "0 companies", "1 company": each language's own plural rule. */
export function companiesCount(n: number): string {
  const one = new Intl.PluralRules(locale.value).select(n) === 'one';
  return t(one ? 'segments.category.companiesOne' : 'segments.category.companies', { count: fmt.number(n) });
}
