import { fmt, t } from '../../i18n';
import type { ListView } from '../../../server/schemas/segments';
import { LockSwitch } from './LockSwitch';
import { downloads } from './segmentsApi';
import styles from './Segments.module.css';

export type PanelKind = 'import' | 'rename' | 'delete' | 'snapshots';

/** One list: name, companies, imported rows waiting for a company, lock switch and actions. */
export function ListRow({ list, open, onOpen, onChanged }: { list: ListView; open: PanelKind | null; onOpen: (k: PanelKind) => void; onChanged: (l: ListView) => void }) {
  const action = (kind: PanelKind, label: string, text: string) => (
    <button type="button" class="secondary" aria-label={label} aria-expanded={open === kind} aria-controls={`panel-${list.id}`} data-panel-trigger={`${list.id}:${kind}`} onClick={() => onOpen(kind)}>
      {text}
    </button>
  );
  return (
    <tr class={list.locked ? styles.lockedRow : undefined}>
      <th scope="row">
        <span class={styles.listName}>{list.name}</span>
        {list.isDefault && <span class={styles.badge}>{t('segments.list.default')}</span>}
      </th>
      <td class={styles.num}>{fmt.number(list.companies)}</td>
      <td class={styles.num}>{fmt.number(list.entries)}</td>
      <td>
        <LockSwitch list={list} onChanged={onChanged} />
      </td>
      <td>
        <div class={styles.actions}>
          {action('import', t('segments.action.importLabel', { name: list.name }), t('segments.action.import'))}
          <a class={styles.linkButton} href={downloads.export(list.id)} download aria-label={t('segments.action.exportLabel', { name: list.name })}>
            {t('segments.action.export')}
          </a>
          {action('snapshots', t('segments.action.snapshotsLabel', { name: list.name }), t('segments.action.snapshots'))}
          {!list.isDefault && action('rename', t('segments.action.renameLabel', { name: list.name }), t('segments.action.rename'))}
          {!list.isDefault && action('delete', t('segments.action.deleteLabel', { name: list.name }), t('segments.action.delete'))}
        </div>
      </td>
    </tr>
  );
}
