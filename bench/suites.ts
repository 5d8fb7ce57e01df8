import type { Suite } from './lib/types.js';
import { collectSuite } from './collect/suite.js';
import { trackerSizeSuite } from './tracker-size.js';
import { identifySuite } from './identify.js';
import { companiesSuite } from './companies.js';
import { scoringSuite } from './scoring.js';
import { segmentsSuite } from './segments.js';

/** Every benchmark `npm run bench` knows. Add yours here: `{ name, description, run }` returning figures. */
export const suites: Suite[] = [collectSuite, trackerSizeSuite, identifySuite, companiesSuite, scoringSuite, segmentsSuite];
