import { buildAll } from '../scripts/build.js';

/**
 * Builds dist/ (tracker, form bundle, dashboard) once before any test runs, from the current
 * sources, so browser and integration tests serve exactly what the code says; tests must not
 * build dist/ themselves (parallel builds into one folder would race).
 */
export default async function setup(): Promise<void> {
  await buildAll();
}
