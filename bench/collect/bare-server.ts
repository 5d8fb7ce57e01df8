import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import type { AddressInfo } from 'node:net';

// The reference point: a Hono endpoint on @hono/node-server that only reads the body and answers 204.
const app = new Hono();
app.post('/api/collect', async (c) => {
  await c.req.text();
  return c.body(null, 204);
});
const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => {
  console.log(`READY ${JSON.stringify({ port: (server.address() as AddressInfo).port })}`);
});
const cpuAtStart = process.cpuUsage();
process.on('SIGTERM', () => {
  server.close(() => {
    const cpu = process.cpuUsage(cpuAtStart);
    console.log(`STATS ${JSON.stringify({ cpuUs: cpu.user + cpu.system })}`);
    process.exit(0);
  });
  (server as unknown as { closeIdleConnections?: () => void }).closeIdleConnections?.();
});
