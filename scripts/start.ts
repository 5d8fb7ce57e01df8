import { buildIfStale } from './build.js';
import { main } from '../server/main.js';

// `npm start` on a fresh clone: build the front-end bundles if missing or stale, then serve.
if (await buildIfStale()) console.log('[vigie] built the tracker, form bundle and dashboard');
await main();
