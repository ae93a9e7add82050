import { Router } from 'express';
import type { CrossingCollectionDto } from '../contracts/crossings.js';
import type { PrismaClient } from '../generated/prisma/client.js';
import { notFound } from '../http/http-error.js';
import { getCrossing, listActivityCounts, listCrossings, listLatestByMetric } from './crossings.repo.js';
import { buildActivity, toCrossingFeature } from './crossing-feature.js';
import { aggregateStatus } from '../observations/visibility.js';
import type { StatusScope } from '../observations/status-condition.js';

async function loadActivity(prisma: PrismaClient, scope: StatusScope, crossingId?: string) {
  const [counts, latest] = await Promise.all([
    listActivityCounts(prisma, scope, crossingId),
    listLatestByMetric(prisma, scope, crossingId),
  ]);
  const countsBy = new Map(counts.map((c) => [c.crossingId, c]));
  return (id: string) => buildActivity(countsBy.get(id), latest.filter((l) => l.crossingId === id));
}

const CROSSING_ID = /^[\w.-]{1,200}$/;

export function crossingsRouter(prisma: PrismaClient): Router {
  const router = Router();

  router.get('/', async (req, res) => {
    const [crossings, activityOf] = await Promise.all([listCrossings(prisma), loadActivity(prisma, aggregateStatus(req.user, undefined))]);
    const body: CrossingCollectionDto = {
      type: 'FeatureCollection',
      features: crossings.map((c) => toCrossingFeature(c, activityOf(c.id))),
    };
    res.type('application/geo+json').json(body);
  });

  router.get('/:id', async (req, res) => {
    // Crossing ids are slugs; anything else (a NUL byte the database would refuse) is simply not one.
    const crossing = CROSSING_ID.test(req.params.id) ? await getCrossing(prisma, req.params.id) : null;
    if (!crossing) throw notFound(`Crossing ${req.params.id}`);
    const activityOf = await loadActivity(prisma, aggregateStatus(req.user, undefined), crossing.id);
    res.type('application/geo+json').json(toCrossingFeature(crossing, activityOf(crossing.id)));
  });

  return router;
}
