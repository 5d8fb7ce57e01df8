#!/usr/bin/env node
// Administrator commands, e.g. `npx vigie import --org ORG --list LIST FILE [--dry-run]`, `npx vigie identify IP…`.
// TypeScript sources run through tsx, as `npm start` does.
import { register } from 'tsx/esm/api';

const COMMANDS = {
  import: async (argv) => (await import('../server/segments/cli.ts')).importCommand(argv),
  identify: async (argv) => (await import('../server/identify/cli.ts')).identifyCommand(argv),
};

register();
const [command, ...rest] = process.argv.slice(2);
if (!COMMANDS[command]) {
  console.error(`usage: vigie <${Object.keys(COMMANDS).join('|')}> …`);
  process.exitCode = 2;
} else {
  process.exitCode = await COMMANDS[command](rest);
}
