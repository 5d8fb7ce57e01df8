import { BUDGETS, measureBundles } from '../scripts/bundle-size.js';
import type { Figure, Suite } from './lib/types.js';

/** The tracker's and the form bundle's sizes, as built for production. */
export const trackerSizeSuite: Suite = {
  name: 'tracker-size',
  description: 'Tracker (t.js) and lead-form bundle sizes, minified and gzip -9',
  async run(): Promise<Figure[]> {
    const { tracker, form } = await measureBundles();
    return [
      { name: 'tracker t.js gzip', value: tracker.gzip, unit: 'bytes', note: `${tracker.bytes} bytes minified; budget ${BUDGETS.tracker} (issue limit 1200)` },
      { name: 'form.js gzip', value: form.gzip, unit: 'bytes', note: `${form.bytes} bytes minified; budget ${BUDGETS.form}` },
    ];
  },
};
