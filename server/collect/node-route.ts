import type { IncomingMessage, ServerResponse } from 'node:http';
import { readIncomingText } from '../http/body.js';
import { clientIpOf } from '../http/client-ip.js';
import { errorReply } from '../http/errors.js';
import type { Collector } from './collector.js';
import { handleCollect, MAX_BODY_BYTES, type CollectRequest } from './handle.js';
import { CORS } from './routes.js';

const PATH = '/api/collect';
const ACCEPTED: Array<[string, string]> = Object.entries(CORS);

/**
 * POST /api/collect answered straight on Node's request and response, before @hono/node-server
 * builds its Request, Context and Response for the router: on the hottest route that is about a
 * tenth of the collector's CPU per hit. Same handler, statuses, headers and error envelope as the
 * Hono route in routes.ts (which still serves `app.request()`). Returns false for any other
 * request, which then goes to Hono as usual.
 */
export function collectNodeRoute(col: Collector): (req: IncomingMessage, res: ServerResponse) => boolean {
  return function collectFastPath(req, res) {
    if (req.method !== 'POST') return false;
    const url = req.url ?? '';
    if (!(url === PATH || (url.startsWith(PATH) && url.charCodeAt(PATH.length) === 63 /* ? */))) return false;
    handleCollect(new NodeCollectRequest(req, col), col).then(
      () => {
        res.writeHead(202, ACCEPTED);
        res.end();
      },
      (err: unknown) => sendError(res, err),
    );
    return true;
  };
}

class NodeCollectRequest implements CollectRequest {
  constructor(
    private readonly req: IncomingMessage,
    private readonly col: Collector,
  ) {}

  header(name: Parameters<CollectRequest['header']>[0]): string | undefined {
    // Node keeps only the first of repeated Content-Type / User-Agent headers; Hono joins them all.
    if (name === 'content-type' || name === 'user-agent') return joinedRawHeader(this.req.rawHeaders, name);
    const value = this.req.headers[name];
    return Array.isArray(value) ? value.join(', ') : value;
  }

  text(): Promise<string> {
    return readIncomingText(this.req, MAX_BODY_BYTES);
  }

  ip(): string {
    return clientIpOf(this.req.socket.remoteAddress ?? '', (name) => this.header(name), this.col.ipOptions);
  }
}

function joinedRawHeader(raw: string[], lowerName: string): string | undefined {
  let value: string | undefined;
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i]!;
    if (name.length === lowerName.length && name.toLowerCase() === lowerName) value = value === undefined ? raw[i + 1]! : `${value}, ${raw[i + 1]!}`;
  }
  return value;
}

/** The error envelope of `handleError`, with CORS so that a page's script can read it. */
function sendError(res: ServerResponse, err: unknown): void {
  const reply = errorReply(err);
  const body = JSON.stringify(reply.body);
  if (res.headersSent || res.destroyed) return;
  res.writeHead(reply.status, {
    ...CORS,
    ...reply.headers,
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(body),
  });
  res.end(body);
}
