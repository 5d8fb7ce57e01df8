import { render } from 'preact';
import { LeadForm } from './LeadForm';
import { injectStyle } from './style';

/**
 * The lead-form bundle, /form.js. The tracker injects it once on pages holding
 * `<div data-vigie-form="FORM_ID"></div>`; it renders a form in each such element, now and
 * whenever one appears later (single-page apps). It talks to the server it was loaded from, and
 * never throws into the host page.
 */
type VigieContext = { cid?: () => string | undefined };

const doc = document;
const script = doc.currentScript as HTMLScriptElement | null;
const origin = new URL(script ? script.src : location.href).origin;

function mountAll(): void {
  try {
    doc.querySelectorAll<HTMLElement>('[data-vigie-form]').forEach((el) => {
      const formId = el.dataset.vigieForm;
      if (!formId || el.dataset.vigieMounted) return;
      el.dataset.vigieMounted = '1';
      injectStyle(doc);
      const lang = (el.dataset.lang || doc.documentElement.lang || '').toLowerCase();
      const ctx = (window as Window & { __vigie?: VigieContext }).__vigie;
      render(<LeadForm formId={formId} origin={origin} locale={lang.startsWith('en') ? 'en' : 'fr'} cid={ctx?.cid} host={el} />, el);
    });
  } catch (err) {
    if (script?.dataset.debug != null) console.warn('[vigie form]', err);
  }
}

mountAll();
new MutationObserver(mountAll).observe(doc.documentElement, { childList: true, subtree: true });
