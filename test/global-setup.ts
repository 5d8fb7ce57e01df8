import { buildIfStale } from '../scripts/build.js';

/**
 * Builds dist/ (tracker, form bundle, dashboard) before any test runs when it is older than the
 * sources, so browser and integration tests serve exactly what the code says; tests must not
 * build dist/ themselves (parallel builds into one folder would race).
 */
export default async function setup(): Promise<void> {
  await buildIfStale();
}
