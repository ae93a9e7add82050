import crypto from 'node:crypto';
import fs from 'node:fs';
import { Router, type RequestHandler, type Response } from 'express';
import { multipartBody, uploadedFiles } from '../http/multipart.js';
import type { z } from 'zod';
import type { Database } from '../db/database.js';
import { cbpImportOptions, feedImportOptions, importOptions } from '../contracts/imports.js';
import { analystOnly, anyAccount } from '../auth/require-role.js';
import { HttpError, badRequest } from '../http/http-error.js';
import { parseOrThrow } from '../http/validate.js';
import { submitterOf } from '../auth/current-user.js';
import { runImport, type ImportFile } from './run-import.js';
import type { Submitter } from '../observations/submit-observations.js';
import { importBts } from '../feeds/import-bts.js';
import { importTrade } from '../feeds/import-trade.js';
import { importCbp } from '../feeds/import-cbp.js';

export type ImportLimits = { maxBytes: number; maxRows: number };
/** `read`: rows read and checked; `write`: rows stored (or found stored). */
type ImportPhase = 'read' | 'write';

/** One file under `file`, streamed to a temp file (an import can be 100 MB), beside `options`. */
const parseUpload = (limits: ImportLimits) =>
  multipartBody({
    fileField: 'file', maxFiles: 1, fileMaxBytes: limits.maxBytes, storage: 'disk', maxFields: 5, fieldMaxBytes: 100_000,
    expected: 'Upload the file as multipart/form-data (field "file")',
  });

function formatOf(name: string, mime: string): 'csv' | 'geojson' {
  if (/\.(geo)?json$/i.test(name) || /json/.test(mime)) return 'geojson';
  if (/\.csv$/i.test(name) || /csv|text\/plain/.test(mime)) return 'csv';
  throw new HttpError(415, 'unsupported_media_type', 'The file must be CSV (.csv) or GeoJSON (.geojson, .json)', { fields: [{ path: 'file', message: 'must be .csv or .geojson' }] });
}

async function sha256File(path: string): Promise<string> {
  const hash = crypto.createHash('sha256');
  for await (const chunk of fs.createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/**
 * Runs an import; once progress lines have gone out, the status is sent, so an error (a
 * malformed line deep in the file, the row limit) becomes the stream's last line, in the one
 * error shape, instead of a cut connection.
 */
async function streamedErrors<T>(res: Response, streaming: boolean, run: () => Promise<T>): Promise<T | null> {
  try {
    return await run();
  } catch (err) {
    if (!streaming || !res.headersSent) throw err;
    if (!(err instanceof HttpError)) res.req.log?.error({ err }, 'import failed after its progress stream began');
    const e = err instanceof HttpError ? err : new HttpError(500, 'internal', 'The import failed; nothing was stored');
    res.end(`${JSON.stringify({ type: 'report', status: e.status, error: { code: e.code, message: e.message, details: e.details } })}\n`);
    return null;
  }
}

/**
 * One upload handler for every importer: the file, `options` as JSON checked against `schema`,
 * the report as JSON (422 when nothing was committed), or with `Accept: application/x-ndjson`
 * progress lines first and the report as the last line. The uploaded temp file is always removed.
 */
function importHandler<Options, Report extends { dryRun: boolean; committed: boolean }>(
  schema: z.ZodType<Options>,
  run: (file: Express.Multer.File, options: Options, by: Submitter, onProgress: (rows: number, phase?: ImportPhase) => void) => Promise<Report>,
): RequestHandler {
  return async (req, res) => {
    const file = uploadedFiles(req)[0];
    try {
      if (!file) throw badRequest([{ path: 'file', message: 'is required' }]);
      let rawOptions: unknown = {};
      try {
        rawOptions = typeof req.body?.options === 'string' ? JSON.parse(req.body.options) : {};
      } catch {
        throw badRequest([{ path: 'options', message: 'is not valid JSON' }]);
      }
      const options = parseOrThrow(schema, rawOptions, 'options');
      const streaming = req.accepts(['application/json', 'application/x-ndjson']) === 'application/x-ndjson';
      if (streaming) res.status(200).type('application/x-ndjson');
      const report = await streamedErrors(res, streaming, () => run(file, options, submitterOf(req.user!), (rows, phase) => {
        // A phase is named where an importer reads the whole file before writing it (BTS, trade, CBP).
        if (streaming) res.write(`${JSON.stringify({ type: 'progress', rows, ...(phase ? { phase } : {}) })}\n`);
      }));
      if (!report) return;
      const status = report.dryRun || report.committed ? 200 : 422;
      if (streaming) res.end(`${JSON.stringify({ type: 'report', status, report })}\n`);
      else res.status(status).json(report);
    } finally {
      if (file) fs.rm(file.path, { force: true }, () => {});
    }
  };
}

/**
 * `POST /api/imports`: a CSV or GeoJSON file of observations with `options` (mapping, defaults,
 * dryRun, mode), for any account. `/bts` and `/trade`: the feed importers, options `{ dryRun,
 * retrievedAt }`; `/cbp`: a saved CBP wait-times snapshot, options `{ dryRun, fetchedAt, sourceUrl? }`;
 * analysts only, since they create crossings and official figures.
 */
export function importsRouter(db: Database, limits: ImportLimits): Router {
  const { prisma } = db;
  const router = Router();
  router.post('/', anyAccount, parseUpload(limits), importHandler(importOptions, async (file, options, by, onProgress) => {
    const source: ImportFile = { path: file.path, name: file.originalname, sha256: await sha256File(file.path), format: formatOf(file.originalname, file.mimetype) };
    return runImport(db, source, options, by, limits, onProgress);
  }));
  router.post('/bts', analystOnly, parseUpload(limits), importHandler(feedImportOptions, (file, opts, by, onProgress) => importBts(prisma, file.path, opts, by, limits, onProgress)));
  router.post('/trade', analystOnly, parseUpload(limits), importHandler(feedImportOptions, (file, opts, by, onProgress) => importTrade(prisma, file.path, opts, by, limits, onProgress)));
  router.post('/cbp', analystOnly, parseUpload(limits), importHandler(cbpImportOptions, (file, opts, by, onProgress) => importCbp(prisma, file.path, opts, by, onProgress)));
  return router;
}
