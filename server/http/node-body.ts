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
    const chunks: Buffer[] = [];
    let size = 0;
    const stop = () => {
      incoming.off('data', onData);
      incoming.off('end', onEnd);
      incoming.off('error', onError);
      incoming.off('close', onClose);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        stop();
        incoming.pause();
        resolve(null);
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      stop();
      resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size));
    };
    const onError = (err: Error) => {
      stop();
      reject(err);
    };
    const onClose = () => {
      if (incoming.readableEnded) return onEnd();
      stop();
      reject(new Error('client closed the connection before the body was complete'));
    };
    incoming.on('data', onData);
    incoming.on('end', onEnd);
    incoming.on('error', onError);
    incoming.on('close', onClose);
  });
}
