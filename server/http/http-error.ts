/** Field-level problem reported in a 400: `path` is dotted (`observer.lat`, `items.3.value`). */
export type FieldIssue = { path: string; message: string };

/** The one error type services throw; the error middleware turns it into the one error shape. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export const badRequest = (issues: FieldIssue[], message?: string) =>
  new HttpError(400, 'invalid_request', message ?? describeIssues(issues), { fields: issues });

export const notFound = (what: string) => new HttpError(404, 'not_found', `${what} not found`);

/** 410: it existed and was withdrawn on purpose (an unpublished embed), unlike a 404's never-was. */
export const gone = (what: string) => new HttpError(410, 'unpublished', `${what} was unpublished by its publisher`);

export const conflict = (message: string, details?: unknown) => new HttpError(409, 'conflict', message, details);

export function describeIssues(issues: FieldIssue[]): string {
  const shown = issues.slice(0, 5).map((i) => `${i.path || '(body)'}: ${i.message}`);
  const more = issues.length > 5 ? ` (and ${issues.length - 5} more)` : '';
  return `Invalid request: ${shown.join('; ')}${more}`;
}
