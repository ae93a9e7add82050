import { Router } from 'express';
import type { PrismaClient } from '../generated/prisma/client.js';
import { reviewDecisionInput, reviewQueueQuery, type ReviewDecisionDto, type ReviewQueueDto, type ReviewQueueItem } from '../contracts/review.js';
import { analystOnly } from '../auth/require-role.js';
import { parseOrThrow } from '../http/validate.js';
import { toObservationDto } from '../observations/observation-dto.js';
import { distanceMeters } from '../../geo/distance-meters.js';
import { decide } from './decide.js';
import { DUPLICATE_WINDOW_MINUTES, listLikelyDuplicates, listPendingPage, listQueueNeighbours } from './review.repo.js';
import { queueChecks, queueGeometry } from '../analysis/queue-physics.js';

/** The review queue and decisions, for analysts and admins. */
export function reviewRouter(prisma: PrismaClient): Router {
  const router = Router();
  router.use(analystOnly);

  router.get('/queue', async (req, res) => {
    const q = parseOrThrow(reviewQueueQuery, req.query, 'query');
    const { rows: pending, total, nextCursor, facets } = await listPendingPage(prisma, q);
    const [duplicates, neighbours] = await Promise.all([
      listLikelyDuplicates(prisma, pending.map((o) => o.id)),
      listQueueNeighbours(prisma, pending.map((o) => o.id)),
    ]);
    res.setHeader('Cache-Control', 'no-store');
    const items: ReviewQueueItem[] = pending.map((o) => ({
      ...toObservationDto(o),
      crossing: { id: o.crossing.id, name: o.crossing.nameEn, lat: o.crossing.lat, lon: o.crossing.lon },
      distanceToCrossingM:
        o.observerLat !== null && o.observerLon !== null && o.crossing.lat !== null && o.crossing.lon !== null
          ? Math.round(distanceMeters([o.observerLon, o.observerLat], [o.crossing.lon, o.crossing.lat]))
          : null,
      photos: o.photos.map((p) => ({ url: `/photos/${p.sha256}.jpg`, width: p.width, height: p.height, lat: p.lat, lon: p.lon })),
      likelyDuplicates: duplicates.get(o.id) ?? [],
      queueChecks: queueChecks(o, neighbours.get(o.id) ?? {}, queueGeometry(o.crossing)),
    }));
    const names = new Map((await prisma.crossing.findMany({ where: { id: { in: facets.crossings.map((c) => c.id) } }, select: { id: true, nameEn: true } })).map((c) => [c.id, c.nameEn]));
    res.json({
      duplicateWindowMinutes: DUPLICATE_WINDOW_MINUTES, total, nextCursor, items,
      facets: { crossings: facets.crossings.map((c) => ({ ...c, name: names.get(c.id) ?? c.id })), observers: facets.observers },
    } satisfies ReviewQueueDto);
  });

  router.post('/decisions', async (req, res) => {
    const input = parseOrThrow(reviewDecisionInput, req.body);
    const results = await decide(prisma, input, req.user!);
    res.json({ results } satisfies ReviewDecisionDto);
  });

  return router;
}
