import { badRequest } from '../http/http-error.js';

/** A `from`…`to` month range given in a query must not run backwards. */
export function assertMonthRange(from?: string | null, to?: string | null) {
  if (from && to && to < from) throw badRequest([{ path: 'query.to', message: 'must not be before from' }]);
}

/** The first instant of a `YYYY-MM` month, UTC. */
export const monthStart = (m: string) => new Date(`${m}-01T00:00:00Z`);

/** The first instant after a `YYYY-MM` month, UTC. */
export function nextMonthStart(m: string): Date {
  const d = monthStart(m);
  d.setUTCMonth(d.getUTCMonth() + 1);
  return d;
}
