import { Router } from 'express';
import { isUuid } from '../http/uuid.js';
import type { PrismaClient } from '../generated/prisma/client.js';
import { observationBatchInput, observationQuery, type AuditTrailDto, type ObservationBatchDto } from '../contracts/observations.js';
import { HttpError, badRequest, conflict, notFound } from '../http/http-error.js';
import { parseOrThrow } from '../http/validate.js';
import { analystOnly, anyAccount } from '../auth/require-role.js';
import { listAuditEvents } from '../review/review.repo.js';
import { getImport } from '../imports/imports.repo.js';
import { submitterOf } from '../auth/current-user.js';
import { toObservationDto } from './observation-dto.js';
import { visibleObservations } from './visibility.js';
import { getObservation } from './observations.repo.js';
import { listObservationPage } from './list-observations.js';
import { submitObservations, type SubmitResult } from './submit-observations.js';

function batchItemResult(r: SubmitResult): ObservationBatchDto['results'][number] {
  switch (r.status) {
    case 'created':
    case 'existing':
      return { index: r.index, status: r.status, id: r.id };
    case 'conflict':
      return { index: r.index, status: r.status, id: r.id, error: { code: 'conflict', message: r.message } };
    case 'invalid':
      return { index: r.index, status: r.status, error: { code: 'invalid_request', message: 'Invalid item', details: { fields: r.issues } } };
  }
}

export function observationsRouter(prisma: PrismaClient): Router {
  const router = Router();

  router.get('/', async (req, res) => {
    res.json(await listObservationPage(prisma, parseOrThrow(observationQuery, req.query, 'query'), req.user));
  });

  router.get('/:id/audit', analystOnly, async (req, res) => {
    const id = String(req.params.id);
    const row = isUuid(id) ? await getObservation(prisma, id) : null;
    if (!row) throw notFound(`Observation ${id}`);
    const events = await listAuditEvents(prisma, id);
    // Every event stores its before and after as a JSON object of the fields it changed (decide.ts, the importers).
    const asFields = (v: unknown) => v as AuditTrailDto['items'][number]['before'];
    const items: AuditTrailDto['items'] = events.map((e) => ({
      at: e.at.toISOString(), actor: e.actorLabel, actorUserId: e.actorUserId, action: e.action,
      before: asFields(e.before), after: asFields(e.after), reason: e.reason, importFileName: null,
    }));
    // A row from an import has no `create` event of its own (rows imported before that change do): its import is
    // the record of who made it and when.
    const origin = row.importId && !events.some((e) => e.action === 'create') ? await getImport(prisma, row.importId) : null;
    if (origin) {
      items.unshift({
        at: row.createdAt.toISOString(), actor: row.submittedBy, actorUserId: row.submittedByUserId, action: 'create',
        before: null, after: null, reason: null, importFileName: origin.fileName,
      });
    }
    res.json({ items } satisfies AuditTrailDto);
  });

  router.get('/:id', async (req, res) => {
    const id = req.params.id;
    const row = isUuid(id) ? await getObservation(prisma, id, visibleObservations(req.user)) : null;
    if (!row) throw notFound(`Observation ${id}`);
    res.json(toObservationDto(row));
  });

  router.post('/', anyAccount, async (req, res) => {
    if (req.body === undefined) throw badRequest([{ path: '', message: 'a JSON object is required' }]);
    const [result] = await submitObservations(prisma, [req.body], submitterOf(req.user!));
    switch (result.status) {
      case 'created':
      case 'existing': {
        const row = await getObservation(prisma, result.id);
        if (!row) throw new HttpError(500, 'internal', 'stored observation vanished');
        if (result.status === 'created') res.status(201).location(`/api/observations/${result.id}`);
        res.json(toObservationDto(row));
        return;
      }
      case 'conflict':
        throw conflict(result.message, { id: result.id });
      case 'invalid':
        throw badRequest(result.issues);
    }
  });

  router.post('/batch', anyAccount, async (req, res) => {
    const { items } = parseOrThrow(observationBatchInput, req.body ?? {});
    const results = (await submitObservations(prisma, items, submitterOf(req.user!))).map(batchItemResult);
    const summary = { created: 0, existing: 0, conflict: 0, invalid: 0 };
    for (const r of results) summary[r.status]++;
    res.status(200).json({ summary, results } satisfies ObservationBatchDto);
  });

  return router;
}
