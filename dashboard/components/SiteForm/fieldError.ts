import type { ApiError } from '../../api';
import { t } from '../../i18n';

export type FieldErrors = { name?: string; domains?: string };

/**
 * Turns the server's 400 (`field` = "name", "domains" or "domains.N") into a message for the
 * input it concerns, in the user's language; the server's own message is the fallback.
 */
export function fieldErrorFor(err: ApiError, sent: { name: string; domains: string[] }): FieldErrors {
  if (err.status !== 400 || !err.field) return {};
  const [field, index] = err.field.split('.');
  if (field === 'name') {
    return { name: sent.name.trim() === '' ? t('sites.error.nameRequired') : sent.name.length > 100 ? t('sites.error.nameTooLong') : err.message };
  }
  if (field === 'domains') {
    const bad = index !== undefined ? sent.domains[Number(index)] : undefined;
    if (bad !== undefined) return { domains: t('sites.error.domainInvalid', { domain: bad }) };
    if (sent.domains.length === 0) return { domains: t('sites.error.domainsRequired') };
    if (sent.domains.length > 50) return { domains: t('sites.error.domainsTooMany') };
    return { domains: err.message };
  }
  return {};
}
