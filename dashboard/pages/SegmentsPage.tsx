import { useState } from 'preact/hooks';
import { fmt, t } from '../i18n';
import { useApi } from '../hooks/useApi';
import { useTitle } from '../hooks/useTitle';
import { LoadError } from '../components/LoadError/LoadError';
import { CategoryCard, type OpenPanel } from '../components/Segments/CategoryCard';
import { RulesSection } from '../components/SegmentsRules/RulesSection';
import { SEGMENTS, downloads } from '../components/Segments/segmentsApi';
import type { ListView, SegmentsOverview } from '../../server/schemas/segments';
import styles from '../components/Segments/Segments.module.css';

/**
 * Segments / Lists: the nine fixed categories with their lists and company counts; create,
 * rename, delete and lock lists; import a CSV into a list (progress, confirmation, report),
 * export it, restore a snapshot; auto-segmentation rules.
 */
export default function SegmentsPage() {
  useTitle(t('segments.title'));
  const { data, error, reload } = useApi<SegmentsOverview>(SEGMENTS);
  const [open, setOpen] = useState<OpenPanel>(null);
  // A lock switched here shows at once; the next reload brings the server's view.
  const [patched, setPatched] = useState<Record<string, ListView>>({});
  const categories = (data?.categories ?? []).map((c) => ({ ...c, lists: c.lists.map((l) => patched[l.id] ?? l) }));
  const refresh = () => {
    setPatched({});
    reload();
  };

  return (
    <div class="page">
      <header class="page-head">
        <h1>{t('segments.title')}</h1>
        <p class="muted">{t('segments.intro')}</p>
        {data && (
          <p class={styles.quota}>
            <span>{t('segments.quota', { used: fmt.number(data.quota.used), limit: fmt.number(data.quota.limit) })}</span>
            <a href={downloads.template()} download>{t('segments.import.template')}</a>
          </p>
        )}
      </header>
      {error && <LoadError error={error} onRetry={reload} />}
      {!data && !error && <p role="status">{t('common.loading')}</p>}
      {categories.map((c) => (
        <CategoryCard key={c.id} category={c} open={open} setOpen={setOpen} reload={refresh} onListChanged={(l) => setPatched((p) => ({ ...p, [l.id]: l }))} />
      ))}
      {data && <RulesSection categories={categories} onApplied={refresh} />}
    </div>
  );
}
