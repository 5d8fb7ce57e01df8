import { build } from 'vite';
import viteConfig, { formConfig, trackerConfig } from '../vite.config.js';

/** Builds the tracker (dist/t.js), the form bundle (dist/form.js) and the dashboard (dist/dashboard). */
export async function buildAll(): Promise<void> {
  await build({ ...viteConfig, configFile: false, logLevel: 'warn' });
  await build(trackerConfig());
  await build(formConfig());
}

if (import.meta.url === `file://${process.argv[1]}`) {
  buildAll().then(
    () => console.log('[vigie] built dist/t.js, dist/form.js and dist/dashboard'),
    (err) => {
      console.error(err);
      process.exit(1);
    },
  );
}
