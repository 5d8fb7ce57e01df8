import autocannon from 'autocannon';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { LoadOptions, LoadResult } from './load.js';
import { ROOT } from './child.js';

type RequestModule = {
  setup?: (arg: unknown) => void;
  makeRequest: (n: number) => { headers: Record<string, string>; body: string };
};

// Entry of the load process: autocannon with a per-request generator (bodies and headers vary).
const opts = JSON.parse(process.argv[2]!) as LoadOptions;
const mod = (await import(pathToFileURL(path.join(ROOT, opts.requests)).href)) as RequestModule;
mod.setup?.(opts.arg);
let n = 0;
const result = await autocannon({
  url: opts.url,
  connections: opts.connections,
  duration: opts.durationSec,
  requests: [
    {
      method: 'POST',
      setupRequest: (req: Record<string, unknown>) => {
        const { headers, body } = mod.makeRequest(n++);
        return { ...req, method: 'POST', headers, body };
      },
    },
  ],
});
const out: LoadResult = {
  rps: result.requests.average,
  p50: result.latency.p50,
  p99: result.latency.p99,
  total: result.requests.total,
  non2xx: result.non2xx,
  errors: result.errors,
  timeouts: result.timeouts,
};
console.log(`RESULT ${JSON.stringify(out)}`);
process.exit(0);
