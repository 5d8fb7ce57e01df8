import type { IncomingMessage } from 'node:http';

/** The Node request behind a Hono context served by @hono/node-server, when its body is still unread. */
export function unreadIncoming(env: unknown): IncomingMessage | undefined {
  const incoming = (env as { incoming?: IncomingMessage } | undefined)?.incoming;
  return incoming && typeof incoming.on === 'function' && !incoming.readableDidRead ? incoming : undefined;
}

/**
 * Reads a Node request body straight from its socket stream, stopping at `maxBytes`.
 * About five times faster than going through the WHATWG ReadableStream that `c.req.raw.body`
 * builds around it, which matters on the collector's hot path. Resolves null past the cap
 * (the caller answers 413 and closes the connection, so the rest is never buffered).
 */
export function readIncomingCapped(incoming: IncomingMessage, maxBytes: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    (incoming as Reading)[READ] = { chunks: [], size: 0, maxBytes, resolve, reject };
    incoming.on('data', onData);
    incoming.on('end', onEnd);
    incoming.on('error', onError);
    incoming.on('close', onClose);
  });
}

// Shared listeners (EventEmitter calls them with `this` = the request) and per-request state on a
// symbol: the hot path allocates no function per request.
const READ = Symbol('vigie.cappedRead');
type ReadState = { chunks: Buffer[]; size: number; maxBytes: number; resolve: (b: Buffer | null) => void; reject: (e: Error) => void };
type Reading = IncomingMessage & { [READ]?: ReadState };

function onData(this: Reading, chunk: Buffer): void {
  const st = this[READ];
  if (!st) return;
  st.size += chunk.length;
  if (st.size > st.maxBytes) {
    finish(this);
    this.pause();
    st.resolve(null);
    return;
  }
  st.chunks.push(chunk);
}

function onEnd(this: Reading): void {
  const st = finish(this);
  st?.resolve(st.chunks.length === 1 ? st.chunks[0]! : Buffer.concat(st.chunks, st.size));
}

function onError(this: Reading, err: Error): void {
  finish(this)?.reject(err);
}

function onClose(this: Reading): void {
  if (this.readableEnded) return onEnd.call(this);
  finish(this)?.reject(new Error('client closed the connection before the body was complete'));
}

function finish(incoming: Reading): ReadState | undefined {
  const st = incoming[READ];
  if (!st) return undefined;
  incoming[READ] = undefined;
  incoming.off('data', onData);
  incoming.off('end', onEnd);
  incoming.off('error', onError);
  incoming.off('close', onClose);
  return st;
}
