import { useRef, useState } from 'preact/hooks';
import { t } from '../../i18n';
import { snippetFor } from './snippet';
import styles from './SiteSnippet.module.css';

type CopyState = 'idle' | 'copied' | 'failed';

/** A site's tracking snippet with a Copy button; the result is announced through a status region. */
export function SiteSnippet({ siteName, siteKey, origin }: { siteName: string; siteKey: string; origin: string }) {
  const code = snippetFor(origin, siteKey);
  const codeRef = useRef<HTMLElement>(null);
  const [state, setState] = useState<CopyState>('idle');

  async function copy() {
    try {
      // navigator.clipboard only exists in secure contexts (HTTPS, localhost).
      if (!navigator.clipboard) throw new Error('no clipboard');
      await navigator.clipboard.writeText(code);
      setState('copied');
    } catch {
      selectCode();
      setState('failed');
    }
  }

  // Fallback: select the snippet so that Ctrl+C works.
  function selectCode() {
    const el = codeRef.current;
    const selection = window.getSelection();
    if (!el || !selection) return;
    const range = document.createRange();
    range.selectNodeContents(el);
    selection.removeAllRanges();
    selection.addRange(range);
  }

  return (
    <div class={styles.snippet}>
      <pre class={styles.code}>
        <code ref={codeRef}>{code}</code>
      </pre>
      <div class={styles.actions}>
        <button type="button" aria-label={t('sites.copyLabel', { name: siteName })} onClick={copy}>
          {t('sites.copy')}
        </button>
        <span role="status" class={state === 'failed' ? 'error' : styles.ok}>
          {state === 'copied' ? t('sites.copied') : state === 'failed' ? t('sites.copyFailed') : ''}
        </span>
      </div>
    </div>
  );
}
