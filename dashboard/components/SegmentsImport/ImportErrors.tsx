import { fmt, t } from '../../i18n';
import type { ImportView } from '../../../server/schemas/segments';
import { downloads } from '../Segments/segmentsApi';

/** The first rejected rows (line, column, reason) and the link to all of them as CSV. */
export function ImportErrors({ imp, rejected }: { imp: ImportView; rejected: number }) {
  if (rejected === 0) return null;
  return (
    <details class="stack">
      <summary>{t('segments.import.rejectedSummary', { count: fmt.number(rejected) })}</summary>
      <p>
        <a href={downloads.errors(imp.id)} download>{t('segments.import.errorsDownload')}</a>
      </p>
      <table>
        <caption class="visually-hidden">{t('segments.import.errorsCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('segments.import.errLine')}</th>
            <th scope="col">{t('segments.import.errColumn')}</th>
            <th scope="col">{t('segments.import.errReason')}</th>
            <th scope="col">{t('segments.import.errValue')}</th>
          </tr>
        </thead>
        <tbody>
          {imp.errors.map((e, i) => (
            <tr key={i}>
              <td>{e.line}</td>
              <td>{e.column || '—'}</td>
              <td>{e.message}</td>
              <td>{e.value ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}
