import type { Browser, BrowserContext, Page } from 'playwright-core';

export type Lang = 'fr' | 'en';

const LABELS = {
  fr: { email: 'E-mail', password: 'Mot de passe', submit: 'Se connecter' },
  en: { email: 'E-mail', password: 'Password', submit: 'Log in' },
} as const;

/** A browser context whose preferred language is `lang`, at the given width (1280 px: a laptop); `asPerson`: see personUserAgent. */
export async function dashboardContext(browser: Browser, lang: Lang, width = 1280, opts: { asPerson?: boolean } = {}): Promise<BrowserContext> {
  const context = await browser.newContext({
    locale: lang === 'fr' ? 'fr-FR' : 'en-US',
    viewport: { width, height: 900 },
    ...(opts.asPerson ? { userAgent: personUserAgent(browser) } : {}),
  });
  // Below the test timeout, so that a missing element fails with playwright's call log.
  context.setDefaultTimeout(15_000);
  return context;
}

/**
 * The user agent of the same Chromium without "Headless": the collector (rightly) counts headless
 * browsers as bots and stores no visit for them, so a test playing a visitor must look like one.
 */
export function personUserAgent(browser: Browser): string {
  const major = browser.version().split('.')[0];
  return `Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${major}.0.0.0 Safari/537.36`;
}

/** Logs in through the dashboard's log-in form, finding the fields by their labels. */
export async function logInThroughForm(page: Page, url: string, email: string, password: string, lang: Lang): Promise<void> {
  const l = LABELS[lang];
  await page.goto(url);
  await page.getByLabel(l.email).waitFor();
  // The one log-in form lives at /login: a form shown anywhere else could be replaced while being typed into.
  if (new URL(page.url()).pathname !== '/login') throw new Error(`log-in form shown at ${page.url()}, not at /login`);
  await page.getByLabel(l.email).fill(email);
  await page.getByLabel(l.password).fill(password);
  await page.getByRole('button', { name: l.submit }).click();
  // Logged in once the main navigation is there.
  await page.getByRole('navigation', { name: lang === 'fr' ? 'Navigation principale' : 'Main navigation' }).waitFor();
}

/**
 * Records what would show that the page broke: uncaught exceptions and console errors
 * (CSP violations are reported there: "Refused to apply inline style…").
 */
export function watchPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
  page.on('console', (msg) => {
    // 4xx answers the page expects (401 before log-in, 400 on a bad form) are logged by Chromium too.
    if (msg.type() === 'error' && !/Failed to load resource: the server responded with a status of 4\d\d/.test(msg.text())) {
      errors.push(`console: ${msg.text()}`);
    }
  });
  return errors;
}

/** True when the page is wider than the viewport (a horizontal scroll bar: broken layout). */
export function overflowsHorizontally(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
}
