import { useRef, useState } from 'preact/hooks';
import { t, tCount } from '../../i18n';
import type { CategoryView, ListView } from '../../../server/schemas/segments';
import { ImportPanel } from '../SegmentsImport/ImportPanel';
import { AddListForm } from './AddListForm';
import { DeletePanel, RenamePanel } from './ListPanels';
import { ListRow, type PanelKind } from './ListRow';
import { SnapshotsPanel } from './SnapshotsPanel';
import { categoryLabel } from './segmentsApi';

import styles from './Segments.module.css';

export type OpenPanel = { listId: string; kind: PanelKind } | null;

type Props = {
  category: CategoryView;
  open: OpenPanel;
  setOpen: (p: OpenPanel) => void;
  onListChanged: (l: ListView) => void;
  reload: () => void;
};

const PANEL_TITLE: Record<PanelKind, string> = {
  import: 'segments.panel.import',
  rename: 'segments.panel.rename',
  delete: 'segments.panel.delete',
  snapshots: 'segments.panel.snapshots',
};

/** One fixed category: its lists with counts and lock switches, the open panel of one list, and the form to add a list. */
export function CategoryCard({ category, open, setOpen, onListChanged, reload }: Props) {
  const label = categoryLabel(category);
  const total = category.lists.reduce((n, l) => n + l.companies, 0);
  const openList = open && category.lists.find((l) => l.id === open.listId);
  const [done, setDone] = useState('');
  const statusRef = useRef<HTMLParagraphElement>(null);
  /**
   * Closing a panel gives the keyboard focus back to the button that opened it (the row stays,
   * even renamed); after a deletion that row is gone, and the focus goes to the message saying so.
   */
  const focusTrigger = (p: OpenPanel) => {
    if (!p) return;
    setTimeout(() => document.querySelector<HTMLElement>(`[data-panel-trigger="${p.listId}:${p.kind}"]`)?.focus(), 0);
  };
  const close = () => {
    focusTrigger(open);
    setOpen(null);
  };
  const finished = (message: string, focusMessage: boolean) => {
    setDone(message);
    if (focusMessage) {
      setOpen(null);
      setTimeout(() => statusRef.current?.focus(), 0);
    } else close();
    reload();
  };
  return (
    <section class="card" aria-labelledby={`cat-${category.id}`}>
      <div class={styles.catHead}>
        <h2 id={`cat-${category.id}`}>{label}</h2>
        <span class="muted">{tCount('segments.category.companies', total)}</span>
      </div>
      <div class={styles.tableWrap}>
        <table>
          <caption class="visually-hidden">{t('segments.category.caption', { category: label })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('segments.col.list')}</th>
              <th scope="col" class={styles.num}>{t('segments.col.companies')}</th>
              <th scope="col" class={styles.num}>{t('segments.col.entries')}</th>
              <th scope="col">{t('segments.col.locked')}</th>
              <th scope="col">{t('segments.col.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {category.lists.map((l) => (
              <ListRow
                key={l.id}
                list={l}
                open={open?.listId === l.id ? open.kind : null}
                onOpen={(kind) => setOpen(open?.listId === l.id && open.kind === kind ? null : { listId: l.id, kind })}
                onChanged={onListChanged}
              />
            ))}
          </tbody>
        </table>
      </div>
      {openList && open && (
        <section id={`panel-${openList.id}`} class={styles.panel} aria-labelledby={`panel-title-${openList.id}`}>
          <div class={styles.panelHead}>
            <h3 id={`panel-title-${openList.id}`}>{t(PANEL_TITLE[open.kind], { name: openList.name })}</h3>
            <button type="button" class="secondary" onClick={close} aria-label={t('segments.panel.close', { name: openList.name })}>×</button>
          </div>
          {open.kind === 'import' && <ImportPanel list={openList} onApplied={reload} />}
          {open.kind === 'snapshots' && <SnapshotsPanel list={openList} onRestored={reload} />}
          {open.kind === 'rename' && <RenamePanel list={openList} onClose={close} onDone={(name) => finished(t('segments.rename.done', { name }), false)} />}
          {open.kind === 'delete' && <DeletePanel list={openList} category={category} onClose={close} onDone={(to) => finished(t('segments.delete.done', { name: openList.name, to }), true)} />}
        </section>
      )}
      <p ref={statusRef} role="status" class="success" tabIndex={-1}>{done}</p>
      <AddListForm category={category} onCreated={() => reload()} />
    </section>
  );
}
