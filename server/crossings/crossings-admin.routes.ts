import { Router } from 'express';
import type { Prisma, PrismaClient } from '../generated/prisma/client.js';
import { createCrossingInput, updateCrossingInput } from '../contracts/crossings-admin.js';
import { adminOnly } from '../auth/require-role.js';
import { conflict, notFound } from '../http/http-error.js';
import { parseOrThrow } from '../http/validate.js';
import { toCrossingFeature, emptyActivity } from './crossing-feature.js';

type Fields = Partial<ReturnType<typeof updateCrossingInput.parse>>;

function toData(f: Fields): Prisma.CrossingUpdateInput {
  return {
    ...(f.nameEn !== undefined && { nameEn: f.nameEn }),
    ...(f.nameZh !== undefined && { nameZh: f.nameZh }),
    ...(f.nameKo !== undefined && { nameKo: f.nameKo }),
    ...(f.countries && { countryA: f.countries[0], countryB: f.countries[1] }),
    ...(f.kind && { kind: f.kind }),
    ...(f.kindNote !== undefined && { kindNote: f.kindNote }),
    ...(f.queueSpacingM !== undefined && { queueSpacingM: f.queueSpacingM }),
    ...(f.queueLanes !== undefined && { queueLanes: f.queueLanes }),
    ...(f.location !== undefined && { lat: f.location?.lat ?? null, lon: f.location?.lon ?? null }),
    ...(f.status && { status: f.status }),
    ...(f.sources && { sources: f.sources }),
  };
}

/** Crossings are managed by admins: any land crossing anywhere, with a location or knowingly without one. */
export function crossingsAdminRouter(prisma: PrismaClient): Router {
  const router = Router();
  router.use(adminOnly);
  router.post('/', async (req, res) => {
    const input = parseOrThrow(createCrossingInput, req.body);
    try {
      const created = await prisma.crossing.create({ data: { ...(toData(input) as Prisma.CrossingCreateInput), id: input.id } });
      res.status(201).type('application/geo+json').json(toCrossingFeature(created, emptyActivity()));
    } catch (err) {
      if ((err as { code?: string }).code === 'P2002') throw conflict(`A crossing with the id ${input.id} exists`);
      throw err;
    }
  });
  router.patch('/:id', async (req, res) => {
    const input = parseOrThrow(updateCrossingInput, req.body);
    try {
      const updated = await prisma.crossing.update({ where: { id: String(req.params.id) }, data: toData(input) });
      res.type('application/geo+json').json(toCrossingFeature(updated, emptyActivity()));
    } catch (err) {
      if ((err as { code?: string }).code === 'P2025') throw notFound(`Crossing ${req.params.id}`);
      throw err;
    }
  });
  return router;
}
