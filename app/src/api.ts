// The answers' types are the server's own contracts (server/contracts), imported as types only: the bundles
// carry no validation library.
import type { AnalysisDto, BordersDto } from '../../server/contracts/analysis.js';
import type { MeDto, SessionUserDto, SetupStatusDto } from '../../server/contracts/auth.js';
import type { CrossingCollectionDto } from '../../server/contracts/crossings.js';
import type { AppConfigDto } from '../../server/contracts/meta.js';
import type { ObservationPageDto } from '../../server/contracts/observations.js';
import type { MonthlyRollupDto } from '../../server/contracts/rollups.js';
import type { AnnualTradeDto, MonthlyTradeDto } from '../../server/contracts/trade.js';

export type CrossingCollection = CrossingCollectionDto;
export type MonthlyTrade = MonthlyTradeDto;
export type AnnualTrade = AnnualTradeDto;

/** The signed-in user (as `/api/auth/me` and signing in both answer it); null for the public. */
export type Me = SessionUserDto | null;

export class ApiError extends Error {
  /** `details` is the server's own (`{ fields: [{ path, message }] }` for a 400): a form can show each by its field. */
  constructor(message: string, readonly status?: number, readonly details?: unknown) {
    super(message);
  }
}

/**
 * The one way the front ends (map, upload, review, embed, saved embeds) talk JSON to our server: our cookie session,
 * a JSON body when there is one, and a failure as an ApiError with the server's own message.
 */
export async function requestJson<T>(path: string, init: { method?: string; body?: unknown; signal?: AbortSignal } = {}): Promise<T> {
  const res = await fetch(path, {
    method: init.method ?? 'GET',
    signal: init.signal,
    credentials: 'same-origin',
    headers: { Accept: 'application/json', ...(init.body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const body = (await res.json().catch(() => null)) as ({ error?: { message?: string; details?: unknown } } & T) | null;
  if (!res.ok) throw new ApiError(body?.error?.message ?? `${res.status} ${res.statusText}`, res.status, body?.error?.details);
  return body as T;
}

/** GET a JSON resource from our own server; the signal lets a newer request cancel an older one. */
export async function getJson<T>(path: string, params: Record<string, string | null | undefined>, signal?: AbortSignal): Promise<T> {
  const query = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v) query.set(k, v);
  return requestJson<T>(query.size ? `${path}?${query}` : path, { signal });
}

export const api = {
  me: async (signal?: AbortSignal) => (await getJson<MeDto>('/api/auth/me', {}, signal)).user,
  signIn: (email: string, password: string) => requestJson<SessionUserDto>('/api/auth/login', { method: 'POST', body: { email, password } }),
  signInDevice: (token: string) => requestJson<SessionUserDto>('/api/auth/device', { method: 'POST', body: { token } }),
  signOut: () => requestJson<null>('/api/auth/logout', { method: 'POST', body: {} }),
  /** Whether this server still waits for its first admin (the link the server printed at its first start). */
  setupNeeded: async () => (await getJson<SetupStatusDto>('/api/setup', {})).needed,
  appConfig: (signal?: AbortSignal) => getJson<AppConfigDto>('/api/app-config', {}, signal),
  crossings: (signal?: AbortSignal) => getJson<CrossingCollection>('/api/crossings', {}, signal),
  rollup: (params: Record<string, string | null>, signal?: AbortSignal) =>
    getJson<MonthlyRollupDto>('/api/rollups/monthly', params, signal),
  monthlyTrade: (reporter: string, partner: string, signal?: AbortSignal) =>
    getJson<MonthlyTrade>('/api/trade/monthly', { reporter, partner }, signal),
  annualTrade: (reporter: string, partner: string, signal?: AbortSignal) =>
    getJson<AnnualTrade>('/api/trade/annual', { reporter, partner }, signal),
  analysis: (params: Record<string, string | null>, signal?: AbortSignal) =>
    getJson<AnalysisDto>('/api/analysis', params, signal),
  borders: (signal?: AbortSignal) => getJson<BordersDto>('/api/analysis/borders', {}, signal),
  /** The caller's view of these observations (an observer: their own, with a rejection's reason). */
  observationsByIds: (ids: string[], signal?: AbortSignal) =>
    getJson<ObservationPageDto>('/api/observations', { ids: ids.join(','), limit: String(ids.length) }, signal),
  latestObservations: (crossing: string, signal?: AbortSignal) =>
    getJson<ObservationPageDto>('/api/observations', { crossing, limit: '5' }, signal),
};
