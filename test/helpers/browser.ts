import fs from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

const CANDIDATES = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

/** Path of the system Chromium; throws an install hint when none is found (never skips). */
export function findChromium(): string {
  const found = CANDIDATES.find((p): p is string => !!p && fs.existsSync(p));
  if (!found) {
    throw new Error(
      'No Chromium found for browser tests. Install it (Debian: `apt-get install -y chromium`) or set CHROMIUM_PATH.',
    );
  }
  return found;
}

/** Launches headless system Chromium with the flags this closed network needs. */
export async function launchBrowser(): Promise<Browser> {
  // playwright gives each launch its own temporary profile (it refuses a --user-data-dir argument).
  return chromium.launch({
    executablePath: findChromium(),
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
