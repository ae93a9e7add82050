import type { ErrorRequestHandler, RequestHandler } from 'express';
import { HttpError } from './http-error.js';

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

// Codes that mean the database is unreachable or restarting: the client should retry.
const UNAVAILABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', '57P01', '57P02', '57P03', '53300']);

function isDatabaseUnavailable(err: unknown): boolean {
  const e = err as { code?: string; cause?: { code?: string }; message?: string };
  if (e?.code && UNAVAILABLE_CODES.has(e.code)) return true;
  if (e?.cause?.code && UNAVAILABLE_CODES.has(e.cause.code)) return true;
  return typeof e?.message === 'string' && /Connection terminated|connect ECONNREFUSED/.test(e.message);
}

export const notFoundHandler: RequestHandler = (req, res) =>
  send(res, 404, { error: { code: 'not_found', message: `No route for ${req.method} ${req.path}` } });

/** The one place an error becomes a response. No stack trace ever leaves the server. */
export const errorMiddleware: ErrorRequestHandler = (err, req, res, _next) => {
  const known = err instanceof HttpError ? err : fromBodyParser(err);
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
