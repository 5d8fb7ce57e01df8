import type { Db } from './db/open.js';
import type { Config } from './config.js';
import type { Health } from './http/health.js';
import type { Bus } from './bus.js';

/** Milliseconds since the epoch; tests pass a controllable clock. */
export type Clock = () => number;

/** What every slice receives. Stateful services of a slice hang off `services`. */
export type AppDeps = {
  db: Db;
  config: Config;
  clock: Clock;
  health: Health;
  bus: Bus;
  /** Shutdown hooks, run in reverse order by `closeApp` (drain queues, close files). */
  onClose: (fn: () => Promise<void> | void) => void;
};
