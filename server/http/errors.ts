import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ZodError } from 'zod';

/** The one error envelope every error reply uses. */
export type ErrorBody = { error: { code: string; message: string; field?: string } };

/** A domain error with an HTTP status; thrown by plain functions, shaped by `onError`. */
export class AppError extends Error {
  constructor(
    readonly code: string,
    readonly status: ContentfulStatusCode,
    message: string,
    readonly field?: string,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
  }
}

export const notFound = (what = 'Not found') => new AppError('not-found', 404, what);
export const badRequest = (message: string, field?: string) => new AppError('bad-request', 400, message, field);
export const conflict = (message: string, field?: string) => new AppError('conflict', 409, message, field);

/** Turns the first zod issue into a 400 naming the field (`visitor.email`, `url`, …). */
export function fromZod(err: ZodError): AppError {
  const issue = err.issues[0];
  // An issue without a path is about the whole body (an array or null instead of an object).
  const field = issue ? (issue.path.length ? issue.path.join('.') : 'body') : undefined;
  const message = issue ? `${field}: ${issue.message}` : 'Invalid input';
  return new AppError('bad-request', 400, message, field);
}

/** Hono `onError`: known errors become the envelope; anything else is a bare 500, stack to the log. */
export function handleError(err: Error, c: Context): Response {
  const reply = errorReply(err);
  if (reply.headers) for (const [k, v] of Object.entries(reply.headers)) c.header(k, v);
  return c.json(reply.body, reply.status);
}

/**
 * The status, envelope and extra headers of an error reply, for `handleError` and for a route
 * served without Hono (the collector's Node fast path). Logs what is not a known error.
 */
export function errorReply(err: unknown): { status: ContentfulStatusCode; body: ErrorBody; headers?: Record<string, string> } {
  if (err instanceof AppError) {
    const body: ErrorBody = { error: { code: err.code, message: err.message, ...(err.field ? { field: err.field } : {}) } };
    return { status: err.status, body, headers: err.headers };
  }
  if (err instanceof HTTPException) {
    const status = err.status as ContentfulStatusCode;
    return { status, body: { error: { code: codeFor(status), message: err.message || codeFor(status) } } };
  }
  if (isSqliteUnavailable(err)) {
    // Locked or full database: a passing condition, not a bug. The caller may retry.
    return { status: 503, body: { error: { code: 'unavailable', message: 'Storage temporarily unavailable' } }, headers: { 'Retry-After': '5' } };
  }
  if (isSqliteConstraint(err)) {
    return { status: 409, body: { error: { code: 'conflict', message: 'Already exists' } } };
  }
  console.error('[vigie] unhandled error', err);
  return { status: 500, body: { error: { code: 'internal', message: 'Internal error' } } };
}

function codeFor(status: number): string {
  if (status === 413) return 'payload-too-large';
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not-found';
  if (status === 429) return 'rate-limited';
  if (status === 503) return 'unavailable';
  return status < 500 ? 'bad-request' : 'internal';
}

function isSqliteConstraint(err: unknown): boolean {
  return typeof err === 'object' && err !== null && 'code' in err && String((err as { code: unknown }).code).startsWith('SQLITE_CONSTRAINT_UNIQUE');
}

/** Locked, full, read-only or failing storage: a passing condition of the database, not a bug. */
export function isSqliteUnavailable(err: unknown): boolean {
  const code = typeof err === 'object' && err !== null && 'code' in err ? String((err as { code: unknown }).code) : '';
  return /^SQLITE_(BUSY|LOCKED|FULL|IOERR|READONLY)/.test(code);
}
