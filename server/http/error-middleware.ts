import type { ErrorRequestHandler, RequestHandler } from 'express';
import { HttpError } from './http-error.js';
import { logLevelFor } from './log-level.js';

type ErrorBody = { error: { code: string; message: string; details?: unknown } };

const send = (res: Parameters<RequestHandler>[1], status: number, body: ErrorBody) =>
  res.status(status).json(body);

/** Errors from body-parser carry a `type`; map them to the client mistakes they are. */
function fromBodyParser(err: { type?: string; limit?: number; message?: string }): HttpError | undefined {
  switch (err.type) {
    case 'entity.too.large':
      return new HttpError(413, 'payload_too_large', `Request body is larger than the limit of ${err.limit} bytes`);
    case 'entity.parse.failed': {
      // The parser's message says where (position, line and column); the body is the field.
      const where = String(err.message ?? '').slice(0, 300);
      return new HttpError(400, 'invalid_json', `Request body is not valid JSON: ${where}`, { fields: [{ path: '', message: `is not valid JSON: ${where}` }] });
    }
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new HttpError(415, 'unsupported_media_type', 'Request body must be UTF-8 JSON');
    default:
      return undefined;
  }
}

// Codes that mean the database is unreachable or restarting: the client should retry. SQLSTATE class 08 is
// "connection exception"; 57P01–57P03 an administrator shutdown, a crash shutdown, "cannot connect now";
// 53300 too many connections. Prisma wraps the driver's error (in `meta`, `cause` or only its message).
const UNAVAILABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', '57P01', '57P02', '57P03', '53300', 'P1001', 'P1002', 'P1017']);
const UNAVAILABLE_MESSAGE = /Connection terminated|connect ECONNREFUSED|not queryable|terminating connection due to administrator command|the database system is (starting up|shutting down)|Can't reach database server|Code: `(57P0[123]|53300|08\d{3})`/;

function isDatabaseUnavailable(err: unknown, depth = 0): boolean {
  if (!err || typeof err !== 'object' || depth > 4) return false;
  const e = err as { code?: unknown; originalCode?: unknown; message?: unknown; cause?: unknown; meta?: Record<string, unknown> };
  for (const code of [e.code, e.originalCode, e.meta?.code]) {
    if (typeof code === 'string' && (UNAVAILABLE_CODES.has(code) || /^08\d{3}$/.test(code))) return true;
  }
  if (typeof e.message === 'string' && UNAVAILABLE_MESSAGE.test(e.message)) return true;
  return isDatabaseUnavailable(e.cause, depth + 1) || isDatabaseUnavailable(e.meta?.driverAdapterError, depth + 1);
}

export const notFoundHandler: RequestHandler = (req, res) =>
  send(res, 404, { error: { code: 'not_found', message: `No route for ${req.method} ${req.path}` } });

/** The one place an error becomes a response. No stack trace ever leaves the server. */
export const errorMiddleware: ErrorRequestHandler = (err, req, res, _next) => {
  const known = err instanceof HttpError ? err : fromBodyParser(err);
  // A server-side failure the code foresaw (a full disk) still goes to the log, with its cause.
  if (known && logLevelFor(known.status, true) === 'error') req.log?.error({ err: known.cause ?? known, requestId: String(req.id ?? ''), code: known.code }, known.message);
  if (known) {
    return send(res, known.status, {
      error: { code: known.code, message: known.message, ...(known.details ? { details: known.details } : {}) },
    });
  }
  const requestId = String(req.id ?? '');
  if (isDatabaseUnavailable(err)) {
    req.log?.warn({ err, requestId }, 'database unavailable');
    res.setHeader('Retry-After', '5');
    return send(res, 503, {
      error: { code: 'unavailable', message: 'The database is unavailable; retry shortly', details: { requestId } },
    });
  }
  req.log?.error({ err, requestId }, 'unhandled error');
  return send(res, 500, { error: { code: 'internal', message: 'Internal server error', details: { requestId } } });
};
