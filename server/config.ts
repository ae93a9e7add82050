import path from 'node:path';
import { z } from 'zod';
import { DEFAULT_RELEASE_LAG_DAYS } from './analysis/nowcast.js';
import { newPassword } from './contracts/auth.js';

/** Environment variables the server reads; README's configuration table mirrors this. */
const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgresql:// URL')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  DATABASE_READ_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgresql:// URL')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  DATA_DIR: z.string().min(1).default('.data'),
  DEMO_DATA: z.enum(['auto', 'always', 'never']).default('auto'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  BODY_LIMIT_BYTES: z.coerce.number().int().positive().default(1_000_000),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
  PHOTO_DIR: z.string().min(1).optional(),
  PHOTO_MAX_BYTES: z.coerce.number().int().positive().default(10_000_000),
  PHOTOS_PER_SUBMISSION: z.coerce.number().int().min(1).max(20).default(5),
  IMPORT_MAX_BYTES: z.coerce.number().int().positive().default(100_000_000),
  IMPORT_MAX_ROWS: z.coerce.number().int().positive().default(500_000),
  ADMIN_EMAIL: z.email().optional().or(z.literal('').transform(() => undefined)),
  ADMIN_PASSWORD: newPassword.optional().or(z.literal('').transform(() => undefined)),
  COOKIE_SECURE: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
  LOGIN_RATE_LIMIT: z.coerce.number().int().positive().default(10),
  UPLOAD_RATE_LIMIT: z.coerce.number().int().positive().default(600),
  TOKEN_FAILURE_LIMIT: z.coerce.number().int().positive().default(50),
  EMBED_REFRESH_SECONDS: z.coerce.number().int().min(1).max(86_400).default(60),
  EMBED_CACHE_SECONDS: z.coerce.number().int().min(0).max(3600).default(5),
  EMBED_FRAME_ANCESTORS: z
    .string()
    .trim()
    .regex(/^[^;,\r\n]+$/, "must be CSP source expressions separated by spaces, such as * or 'self' https://news.example")
    .default('*'),
  TRUST_PROXY: z
    .string()
    .trim()
    .default('false')
    .transform((v) => (v === 'true' ? true : v === 'false' || v === '' ? false : /^\d+$/.test(v) ? Number(v) : v)),
  RESPONSE_CACHE_SECONDS: z.coerce.number().int().min(0).max(3600).default(5),
  CBP_FEED_URL: z.url({ protocol: /^https?$/, message: 'must be an http(s) URL' }).optional().or(z.literal('').transform(() => undefined)),
  CBP_POLL_SECONDS: z.coerce.number().int().min(10).max(86_400).default(300),
  PUBLIC_URL: z.url({ protocol: /^https?$/, message: 'must be an http(s) URL' }).optional().or(z.literal('').transform(() => undefined)),
  TRADE_RELEASE_LAG_DAYS: z
    .string()
    .regex(/^([A-Z]{2}=\d{1,3})(,[A-Z]{2}=\d{1,3})*$/, 'must be REPORTER=DAYS pairs separated by commas, such as CN=20,US=35')
    .default(Object.entries(DEFAULT_RELEASE_LAG_DAYS).map(([r, d]) => `${r}=${d}`).join(','))
    .transform((v) => Object.fromEntries(v.split(',').map((pair) => [pair.slice(0, 2), Number(pair.slice(3))]))),
  WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(10_000),
  WEBHOOK_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(10),
  WEBHOOK_RETRY_BASE_MS: z.coerce.number().int().min(10).max(3_600_000).default(30_000),
  WEBHOOK_POLL_MS: z.coerce.number().int().min(50).max(600_000).default(2000),
  WEBHOOK_WATCH_DEBOUNCE_MS: z.coerce.number().int().min(0).max(600_000).default(5000),
  BASEMAP_STYLE_URL: z.url({ protocol: /^https?$/, message: 'must be an http(s) URL' }).optional().or(z.literal('').transform(() => undefined)),
});

export type Config = {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  /** A read replica for anonymous public reads (PostgreSQL only). */
  databaseReadUrl: string | undefined;
  dataDir: string;
  demoData: 'auto' | 'always' | 'never';
  logLevel: string;
  bodyLimitBytes: number;
  shutdownTimeoutMs: number;
  basemapStyleUrl: string | undefined;
  secureCookies: boolean;
  loginLimit: number;
  uploadLimit: number;
  tokenFailureLimit: number;
  photoDir: string;
  photoMaxBytes: number;
  photosPerSubmission: number;
  importMaxBytes: number;
  importMaxRows: number;
  embeds: { refreshSeconds: number; cacheSeconds: number; frameAncestors: string };
  publicUrl: string | undefined;
  responseCacheSeconds: number;
  /** Days after a month's end that each reporter's customs figure is expected (analysis nowcasts). */
  releaseLagDays: Record<string, number>;
  /** The CBP Border Wait Times feed to poll (off when unset), and how often. */
  cbpFeed: { url: string; seconds: number } | undefined;
  /** Webhook deliveries (server/webhooks/): receiver timeout, tries, first retry wait, queue poll, analysis watch debounce. */
  webhooks: { timeoutMs: number; maxAttempts: number; retryBaseMs: number; pollMs: number; watchDebounceMs: number };
  /** Express's `trust proxy`: which X-Forwarded-* headers to believe (false, true, a hop count, or addresses). */
  trustProxy: boolean | number | string;
  /** Creates this admin at start when the database has none (containers, CI); else use `npm run user:create`. */
  bootstrapAdmin: { email: string; password: string } | undefined;
};

export class ConfigError extends Error {}

/** Parses the environment once at start; a bad value stops the server with a readable message. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  if (e.DATABASE_READ_URL && !e.DATABASE_URL) {
    throw new ConfigError('Invalid configuration:\n  DATABASE_READ_URL: needs DATABASE_URL (a read replica of the embedded database makes no sense)');
  }
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    databaseReadUrl: e.DATABASE_READ_URL,
    dataDir: path.resolve(e.DATA_DIR),
    demoData: e.DEMO_DATA,
    logLevel: e.LOG_LEVEL,
    bodyLimitBytes: e.BODY_LIMIT_BYTES,
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
    basemapStyleUrl: e.BASEMAP_STYLE_URL,
    secureCookies: e.COOKIE_SECURE,
    photoDir: path.resolve(e.PHOTO_DIR ?? path.join(e.DATA_DIR, 'photos')),
    photoMaxBytes: e.PHOTO_MAX_BYTES,
    photosPerSubmission: e.PHOTOS_PER_SUBMISSION,
    importMaxBytes: e.IMPORT_MAX_BYTES,
    importMaxRows: e.IMPORT_MAX_ROWS,
    bootstrapAdmin: e.ADMIN_EMAIL && e.ADMIN_PASSWORD ? { email: e.ADMIN_EMAIL, password: e.ADMIN_PASSWORD } : undefined,
    loginLimit: e.LOGIN_RATE_LIMIT,
    uploadLimit: e.UPLOAD_RATE_LIMIT,
    tokenFailureLimit: e.TOKEN_FAILURE_LIMIT,
    embeds: { refreshSeconds: e.EMBED_REFRESH_SECONDS, cacheSeconds: e.EMBED_CACHE_SECONDS, frameAncestors: e.EMBED_FRAME_ANCESTORS },
    publicUrl: e.PUBLIC_URL,
    trustProxy: e.TRUST_PROXY,
    responseCacheSeconds: e.RESPONSE_CACHE_SECONDS,
    releaseLagDays: e.TRADE_RELEASE_LAG_DAYS,
    cbpFeed: e.CBP_FEED_URL ? { url: e.CBP_FEED_URL, seconds: e.CBP_POLL_SECONDS } : undefined,
    webhooks: {
      timeoutMs: e.WEBHOOK_TIMEOUT_MS, maxAttempts: e.WEBHOOK_MAX_ATTEMPTS, retryBaseMs: e.WEBHOOK_RETRY_BASE_MS,
      pollMs: e.WEBHOOK_POLL_MS, watchDebounceMs: e.WEBHOOK_WATCH_DEBOUNCE_MS,
    },
  };
}
