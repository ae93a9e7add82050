import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import compression from 'compression';
import express, { type Express } from 'express';
import { pinoHttp } from 'pino-http';
import type { Database } from './db/database.js';
import type { PrismaClient } from './generated/prisma/client.js';
import type { Logger } from './logger.js';
import { adminRouter } from './auth/admin.routes.js';
import { authRouter } from './auth/auth.routes.js';
import { setupRouter, type FirstRun } from './auth/first-run.js';
import { authenticate } from './auth/authenticate.js';
import { crossingsRouter } from './crossings/crossings.routes.js';
import { crossingsAdminRouter } from './crossings/crossings-admin.routes.js';
import { healthRouter } from './health/health.routes.js';
import { logLevelFor } from './http/log-level.js';
import { errorMiddleware, notFoundHandler } from './http/error-middleware.js';
import { requireJsonBody } from './http/require-json.js';
import { reviewRouter } from './review/review.routes.js';
import { photosRouter } from './photos/photos.routes.js';
import { importsRouter, type ImportLimits } from './imports/imports.routes.js';
import { submissionsRouter, type SubmissionLimits } from './submissions/submissions.routes.js';
import { observationsRouter } from './observations/observations.routes.js';
import { rollupsRouter } from './rollups/rollups.routes.js';
import { viewsRouter } from './views/views.routes.js';
import { createEmbedService, type EmbedSettings } from './embeds/embed-service.js';
import { loadEmbedTemplate } from './embeds/embed-page.js';
import { embedsRouter } from './embeds/embeds.routes.js';
import { oembedRouter } from './embeds/oembed.routes.js';
import { ogcRouter } from './ogc/ogc.routes.js';
import { exportsRouter } from './exports/exports.routes.js';
import { openApiDocument } from './openapi/openapi-document.js';
import { responseCache } from './http/response-cache.js';
import { precompressedStatic, servedName } from './http/precompressed-static.js';
import { securityHeaders } from './http/security-headers.js';
import { uploadLimit } from './http/upload-limit.js';
import { renderDocsPage } from './openapi/docs-page.js';
import { seriesRouter } from './series/series.routes.js';
import { tradeRouter } from './trade/trade.routes.js';
import { analysisRouter } from './analysis/analysis.routes.js';
import { webhooksRouter } from './webhooks/webhooks.routes.js';
import { DEFAULT_RELEASE_LAG_DAYS } from './analysis/nowcast.js';
import type { AppConfigDto } from './contracts/meta.js';

export type AppDeps = {
  db: Database;
  logger: Logger;
  bodyLimitBytes?: number;
  /** Built front end (Vite's output) to serve at `/`; skipped when absent. */
  staticDir?: string;
  /** A vector-tile style for online deployments; the built-in offline basemap otherwise. */
  basemapStyleUrl?: string;
  /** Mark the session cookie Secure (behind HTTPS). */
  secureCookies?: boolean;
  /** Sign-in attempts allowed per address and email in 15 minutes. */
  loginLimit?: number;
  /** Writes (observations, submissions, imports) per account and minute. */
  uploadLimit?: number;
  /** Requests with a wrong API token per address in 15 minutes, before the address is refused. */
  tokenFailureLimit?: number;
  /** Where photos are stored under their content hash. */
  photoDir: string;
  submissionLimits?: SubmissionLimits;
  importLimits?: ImportLimits;
  embeds?: EmbedSettings & {
    /** CSP frame-ancestors of embed pages (`*`: anyone may embed). */
    frameAncestors: string;
  };
  /** Origin for absolute links handed out (embed code, oEmbed); the request's own when unset. */
  publicUrl?: string;
  /** Express's `trust proxy` setting: which X-Forwarded-* headers to believe. */
  trustProxy?: boolean | number | string;
  /** How long public read answers (series, crossings, rollups, trade) are reused; 0 = never. */
  responseCacheSeconds?: number;
  /** Release lag per trade reporter, in days after the month, for the analysis's expected publication dates. */
  releaseLagDays?: Record<string, number>;
  /** The one-time setup token when no admin exists yet (first run in the browser, `/setup/`). */
  firstRun?: FirstRun | null;
};

const REQUEST_ID = /^[\w.-]{1,100}$/;

/** The routes behind the public read cache (mounted with `publicReads` below). */
const CACHED_READ_PREFIX = /^\/api\/(crossings|trade|series|rollups|analysis)(\/|$)/;

/**
 * A read-only router built twice when there is a read replica: anonymous callers (the public, a spike) read the
 * replica; a signed-in user reads the primary, so an analyst sees what they just wrote. Mounted after `auth`.
 */
function replicaForAnonymous(db: Database) {
  return (makeRouter: (prisma: PrismaClient) => express.Router): express.RequestHandler => {
    const onPrimary = makeRouter(db.prisma);
    if (db.readPrisma === db.prisma) return onPrimary;
    const onReplica = makeRouter(db.readPrisma);
    const dispatch = (req: express.Request, res: express.Response, next: express.NextFunction) => (req.user ? onPrimary : onReplica)(req, res, next);
    // Its routes are the router's, for listRoutes (the API description and permission tests).
    return Object.assign(dispatch, { stack: onPrimary.stack });
  };
}

/** Vite names built files by their content hash: such a name never changes content, so caches keep it. */
const HASHED_ASSET = /^assets[\\/][\w.-]+-[\w-]{8}\.(js|css)$/;

function staticCacheHeaders(staticDir: string) {
  return (res: express.Response, file: string) => {
    const name = servedName(path.relative(staticDir, file));
    if (HASHED_ASSET.test(name)) res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
    // Publishers include /embed.js once and keep it: short freshness, long stale-while-revalidate, any origin.
    if (name === 'embed.js') {
      res.setHeader('Cache-Control', 'public, max-age=3600, stale-while-revalidate=86400');
      res.setHeader('Access-Control-Allow-Origin', '*');
    }
  };
}

/** Builds the HTTP app; `main.ts` only wires config and listens, tests call this on port 0. */
export function createApp({
  db, logger, bodyLimitBytes = 1_000_000, staticDir, basemapStyleUrl, secureCookies = false, loginLimit = 10, uploadLimit: uploadsPerMinute = 600, tokenFailureLimit = 50,
  photoDir, submissionLimits = { photoMaxBytes: 10_000_000, photosPerSubmission: 5 },
  importLimits = { maxBytes: 100_000_000, maxRows: 500_000 },
  embeds = { refreshSeconds: 60, cacheSeconds: 5, frameAncestors: '*' }, publicUrl, trustProxy = false,
  responseCacheSeconds = 0, releaseLagDays = DEFAULT_RELEASE_LAG_DAYS, firstRun = null,
}: AppDeps): Express {
  const app = express();
  app.set('trust proxy', trustProxy);
  app.disable('x-powered-by');
  app.set('etag', 'strong');
  app.set('query parser', 'simple');

  app.use(
    pinoHttp({
      logger,
      // One line per request with what an operator needs, and no headers: nothing secret can be in it, and at
      // thousands of requests a second, serializing and redacting every header was a tenth of the CPU.
      serializers: {
        req: (req: { id: unknown; method: string; url: string; remoteAddress?: string }) => ({ id: req.id, method: req.method, url: req.url, remoteAddress: req.remoteAddress }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
      genReqId: (req, res) => {
        const given = req.headers['x-request-id'];
        const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
        res.setHeader('X-Request-Id', id);
        return id;
      },
      customLogLevel: (_req, res, err) => logLevelFor(res.statusCode, !!err),
    }),
  );

  // Only embed pages may be framed (their own CSP says by whom); everything else refuses, against clickjacking.
  app.use(securityHeaders({ basemapStyleUrl }));

  // gzip for JSON and the front end (the basemap and MapLibre shrink to a third).
  // Public reads the response cache serves arrive gzipped from it: compression() is mounted after the cache
  // for those (below), and skipped here, saving its per-request wrapping on the hottest routes.
  const compress = compression();
  app.use((req, res, next) => (CACHED_READ_PREFIX.test(req.path) ? next() : compress(req, res, next)));
  app.use('/health', healthRouter(db));

  const auth = authenticate(db.prisma, { tokenFailureLimit });
  const uploads = uploadLimit(db.prisma, uploadsPerMinute);
  const api = express.Router();
  // Multipart, so before the JSON-only rule below.
  api.use('/submissions', auth, uploads, submissionsRouter(db.prisma, photoDir, submissionLimits));
  api.use('/imports', auth, uploads, importsRouter(db, importLimits));
  api.use(requireJsonBody, express.json({ limit: bodyLimitBytes, strict: true }));
  api.use(auth);
  api.use('/auth', authRouter(db.prisma, { secureCookies, loginLimit }));
  api.use('/setup', setupRouter(db.prisma, firstRun, { secureCookies }));
  api.use('/admin/crossings', crossingsAdminRouter(db.prisma));
  api.use('/admin/webhooks', webhooksRouter(db.prisma));
  api.use('/admin', adminRouter(db.prisma, { publicUrl }));
  api.use('/review', reviewRouter(db.prisma));
  // The public reads a spike hits: computed once per few seconds, gzip and 304s from memory, and read from the
  // replica when there is one.
  const publicReads = responseCache(responseCacheSeconds);
  const readRoute = replicaForAnonymous(db);
  api.use('/crossings', publicReads, compress, readRoute(crossingsRouter));
  api.use('/observations', uploads, observationsRouter(db.prisma));
  api.use('/trade', publicReads, compress, readRoute(tradeRouter));
  api.use('/series', publicReads, compress, readRoute(seriesRouter));
  api.use('/rollups', publicReads, compress, readRoute(rollupsRouter));
  api.use('/analysis', publicReads, compress, readRoute(analysisRouter({ releaseLagDays })));
  // Public, cached, framable by others: embeds never read the session (approved data only). Made here because an
  // edit or unpublishing of a view must drop its kept embed at once.
  const embedService = createEmbedService(db.readPrisma, { ...embeds, releaseLagDays });
  api.use('/views', viewsRouter(db.prisma, { publicUrl, onViewChanged: (id) => embedService.forget(id) }));
  api.use('/exports', readRoute(exportsRouter));
  // Built on first request, then kept: the contracts do not change while the server runs.
  let openApi: { json: string; page: string } | null = null;
  const apiDocs = () => {
    const doc = openApiDocument();
    return (openApi ??= { json: JSON.stringify(doc), page: renderDocsPage(doc) });
  };
  api.get('/openapi.json', (_req, res) => {
    res.type('application/vnd.oai.openapi+json;version=3.1').send(apiDocs().json);
  });
  api.get('/docs', (_req, res) => {
    res.type('html').send(apiDocs().page);
  });
  api.get('/app-config', (_req, res) => {
    res.json({ basemapStyleUrl: basemapStyleUrl ?? null } satisfies AppConfigDto);
  });
  api.use(notFoundHandler);
  app.use('/api', api);
  app.use('/photos', auth, photosRouter(db.prisma, photoDir));
  // OGC API – Features for GIS clients; the public gets approved observations, a signed-in analyst everything.
  app.use('/ogc', auth, readRoute((prisma) => ogcRouter(prisma, publicUrl)));

  app.use('/embed', embedsRouter({ service: embedService, template: loadEmbedTemplate(staticDir), publicUrl, frameAncestors: embeds.frameAncestors }));
  app.use('/oembed', oembedRouter(embedService, publicUrl));

  if (staticDir && fs.existsSync(staticDir)) {
    app.use(precompressedStatic(staticDir), express.static(staticDir, { index: 'index.html', maxAge: 0, setHeaders: staticCacheHeaders(staticDir) }));
  }
  app.use(notFoundHandler);
  app.use(errorMiddleware);
  return app;
}
