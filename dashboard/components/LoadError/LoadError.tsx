import { t } from '../../i18n';

/** What a section shows when its data could not be loaded: the reason and a retry button. */
export function LoadError({ error, onRetry }: { error: Error; onRetry: () => void }) {
  return (
    <div role="alert" class="load-error">
      <p>
        {t('common.error')} ({error.message})
      </p>
      <button type="button" class="secondary" onClick={onRetry}>
        {t('common.retry')}
      </button>
    </div>
  );
}
