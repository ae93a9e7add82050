import { once } from 'node:events';
import { Router, type Response } from 'express';
import type { PrismaClient } from '../generated/prisma/client.js';
import { observationExportQuery } from '../contracts/observations.js';
import { parseOrThrow } from '../http/validate.js';
import { observationFeature } from '../ogc/ogc-features.js';
import { csvCell } from '../../app/src/csv.js';
import { streamObservations } from './observation-stream.js';
import { canSeeUnreviewed, type CurrentUser } from '../auth/current-user.js';

export const OBSERVATION_CSV_COLUMNS = [
  'id', 'crossing_id', 'lon', 'lat', 'observed_at', 'period_start', 'period_end', 'metric', 'value', 'vehicle_class',
  'direction_from', 'direction_to', 'method', 'source', 'measure', 'source_url', 'retrieved_at', 'confidence', 'notes', 'status',
  'submitted_by', 'synthetic', 'observer_lat', 'observer_lon', 'observer_accuracy_m',
] as const;

/**
 * The observer's position locates a person: written only for callers who may see unreviewed data (analysts) and
 * for the observer's own rows; with it, an export imports back as the same content (`existing`).
 */
const mayLocate = (user: CurrentUser | null | undefined, row: { submittedByUserId: string | null }) =>
  canSeeUnreviewed(user) || (!!user && row.submittedByUserId === user.id);

/** Writes, waiting when the client reads slower than the database gives; stops when it went away. */
async function write(res: Response, chunk: string) {
  if (res.destroyed) throw new Error('client went away');
  if (!res.write(chunk)) {
    await Promise.race([once(res, 'drain'), once(res, 'close')]);
    if (res.destroyed) throw new Error('client went away');
  }
}

/**
 * Observations as files for GIS and spreadsheets: GeoJSON (RFC 7946) and CSV (RFC 4180,
 * formula cells neutralized), honouring the list filters and what the caller may see, streamed.
 */
export function exportsRouter(prisma: PrismaClient): Router {
  const router = Router();

  async function send(res: Response, type: string, file: string, start: string, end: string, rows: AsyncIterable<string>) {
    res.type(type).attachment(file);
    // A failure after the first byte cannot become an error response: the connection is cut, so
    // the client sees a broken download rather than a file that looks complete.
    try {
      await write(res, start);
      for await (const row of rows) await write(res, row);
      res.end(end);
    } catch (err) {
      if (!res.headersSent) throw err;
      res.destroy(err as Error);
    }
  }

  router.get('/observations.geojson', async (req, res) => {
    const q = parseOrThrow(observationExportQuery, req.query, 'query');
    const stream = streamObservations(prisma, q, req.user);
    const first = await stream.next(); // validation errors surface here, before any byte is sent
    async function* features() {
      let sep = '';
      for (let r = first; !r.done; r = await stream.next()) {
        yield `${sep}${JSON.stringify(observationFeature(r.value))}`;
        sep = ',\n';
      }
    }
    await send(res, 'application/geo+json', 'landport-observations.geojson', '{"type":"FeatureCollection","features":[\n', '\n]}\n', features());
  });

  router.get('/observations.csv', async (req, res) => {
    const q = parseOrThrow(observationExportQuery, req.query, 'query');
    const stream = streamObservations(prisma, q, req.user);
    const first = await stream.next();
    async function* lines() {
      for (let r = first; !r.done; r = await stream.next()) {
        const f = observationFeature(r.value);
        const p = f.properties as Record<string, string | number | boolean | null>;
        const [lon, lat] = f.geometry?.coordinates ?? [null, null];
        const o = r.value;
        const located = mayLocate(req.user, o);
        const observer = { observer_lat: o.observerLat, observer_lon: o.observerLon, observer_accuracy_m: o.observerAccuracyM };
        const cells = OBSERVATION_CSV_COLUMNS.map((c) => (c === 'id' ? f.id : c === 'lon' ? lon : c === 'lat' ? lat
          : c in observer ? (located ? observer[c as keyof typeof observer] : null) : p[c]));
        yield `${cells.map((v) => csvCell(v as string | number | boolean | null)).join(',')}\r\n`;
      }
    }
    const bom = q.bom === '1' ? '\uFEFF' : '';
    await send(res, 'text/csv; charset=utf-8', 'landport-observations.csv', `${bom}${OBSERVATION_CSV_COLUMNS.join(',')}\r\n`, '', lines());
  });

  return router;
}
