import { fmt, t } from '../../i18n';

/** Previous / next page, and where we are. */
export function CompaniesPager({ page, limit, total, onPage }: { page: number; limit: number; total: number; onPage: (page: number) => void }) {
  const pages = Math.max(1, Math.ceil(total / limit));
  if (pages <= 1) return null;
  return (
    <nav aria-label={t('companies.pagination')} class="form-actions">
      <button type="button" class="secondary" disabled={page <= 1} onClick={() => onPage(page - 1)}>
        {t('companies.prev')}
      </button>
      <span>{t('companies.page', { page: fmt.number(page), pages: fmt.number(pages) })}</span>
      <button type="button" class="secondary" disabled={page >= pages} onClick={() => onPage(page + 1)}>
        {t('companies.next')}
      </button>
    </nav>
  );
}
