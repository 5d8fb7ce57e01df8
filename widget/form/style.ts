/**
 * The default look, in one small stylesheet: fonts and colours are inherited from the host page,
 * and these custom properties theme it: --vigie-accent, --vigie-on-accent, --vigie-error,
 * --vigie-border, --vigie-bg, --vigie-radius. Every field reserves the line of its error message,
 * so errors never push the page around, and heights are in rem (not the host's line-height), so
 * that the server can predict the form's height (forms.ts formMinHeight) for the embed code.
 */
const CSS = `.vigie-form{max-width:36rem;font:inherit;color:inherit}
.vigie-form label{display:block;font-weight:600;line-height:1.5rem;margin-bottom:.25rem}
.vigie-form :is(input,select,textarea){box-sizing:border-box;width:100%;height:2.5rem;font:inherit;color:inherit;padding:.375rem .625rem;border:1px solid var(--vigie-border,#767676);border-radius:var(--vigie-radius,6px);background:var(--vigie-bg,#fff)}
.vigie-form textarea{height:6.5rem;resize:vertical}
.vigie-form [aria-invalid=true]{border-color:var(--vigie-error,#b3261e)}
.vigie-form :focus-visible{outline:2px solid var(--vigie-accent,#2451b7);outline-offset:2px}
.vigie-form .vf-err{color:var(--vigie-error,#b3261e);line-height:1.25rem;min-height:1.25rem;margin:.125rem 0 .5rem;font-size:.875em}
.vigie-form .vf-hint{line-height:1.25rem;margin:.125rem 0 0;font-size:.875em}
.vigie-form [role=status]{min-height:1.5rem;margin:.5rem 0 0}
.vigie-form .vf-check{display:flex;gap:.5rem;font-weight:400}
.vigie-form .vf-check input{width:auto;height:auto}
.vigie-form button{font:inherit;line-height:1.5rem;padding:.625rem 1.25rem;border:0;border-radius:var(--vigie-radius,6px);background:var(--vigie-accent,#2451b7);color:var(--vigie-on-accent,#fff)}
.vigie-form .vf-link{background:none;color:inherit;padding:0 .5rem;text-decoration:underline}
.vigie-form [role=alert]:not(:empty){border:1px solid var(--vigie-error,#b3261e);padding:0 .75rem;margin-bottom:1rem}`;

let injected = false;

/**
 * Adds the stylesheet once per page, before the host's own styles so that they can override it.
 * A host whose Content-Security-Policy refuses inline styles (no 'unsafe-inline' in style-src)
 * blocks that <style> element, which then has no sheet: the same rules go in as a constructed
 * stylesheet instead, which CSP does not govern, so the form keeps its look on strict sites too.
 * Adopted sheets come after the page's own, so there the host overrides with a more specific
 * selector or, as everywhere, with the --vigie-* custom properties.
 */
export function injectStyle(doc: Document): void {
  if (injected) return;
  injected = true;
  const style = doc.createElement('style');
  style.textContent = CSS;
  doc.head.insertBefore(style, doc.head.firstChild);
  if (style.sheet || !('adoptedStyleSheets' in doc)) return;
  style.remove();
  try {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(CSS);
    doc.adoptedStyleSheets = [...doc.adoptedStyleSheets, sheet];
  } catch {
    // A browser without constructable stylesheets: the form still works, unstyled.
  }
}
