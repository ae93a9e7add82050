import type { PrismaClient } from '../generated/prisma/client.js';
import type { CurrentUser } from '../auth/current-user.js';
import { enqueueWebhookEvent } from '../webhooks/enqueue.js';
import { signalDataChanged, signalQueued } from '../webhooks/signals.js';
import type { ReviewDecisionDto } from '../contracts/review.js';

export type DecisionResult = ReviewDecisionDto['results'][number];

/**
 * Approves or rejects observations in one transaction, each change with an audit event
 * holding the status and reason before and after. Deciding again the same way is a no-op.
 */
export async function decide(
  prisma: PrismaClient,
  input: { ids: string[]; action: 'approve' | 'reject'; reason?: string },
  user: CurrentUser,
): Promise<DecisionResult[]> {
  const target = input.action === 'approve' ? 'approved' : 'rejected';
  const results = await prisma.$transaction(async (tx) => {
    const rows = await tx.observation.findMany({ where: { id: { in: input.ids } } });
    const byId = new Map(rows.map((r) => [r.id, r]));
    const results: DecisionResult[] = [];
    const approved: typeof rows = [];
    const now = new Date();
    for (const id of new Set(input.ids)) {
      const row = byId.get(id);
      if (!row) {
        results.push({ id, status: 'not_found' });
        continue;
      }
      if (row.status === target) {
        results.push({ id, status: 'unchanged' });
        continue;
      }
      const reason = input.reason ?? null;
      await tx.observation.update({
        where: { id },
        data: { status: target, reviewedByUserId: user.id, reviewedAt: now, reviewReason: reason },
      });
      await tx.auditEvent.create({
        data: {
          observationId: id,
          actorUserId: user.id,
          actorLabel: user.displayName,
          action: input.action,
          before: { status: row.status, reviewReason: row.reviewReason },
          after: { status: target, reviewReason: reason },
          reason,
          at: now,
        },
      });
      results.push({ id, status: target });
      if (target === 'approved') approved.push(row);
    }
    // In the same transaction: the event is queued exactly when the approval is committed.
    if (approved.length) {
      await enqueueWebhookEvent(tx, 'observation.approved', {
        observations: approved.map((o) => ({
          id: o.id, crossingId: o.crossingId, observedAt: o.observedAt.toISOString(), metric: o.metric, value: o.value,
          vehicleClass: o.vehicleClass, directionFrom: o.directionFrom, directionTo: o.directionTo, method: o.method, synthetic: o.method === 'synthetic',
        })),
      });
    }
    return results;
  });
  if (results.some((r) => r.status !== 'unchanged' && r.status !== 'not_found')) {
    signalQueued();
    signalDataChanged();
  }
  return results;
}
