import type { PrismaClient } from '../generated/prisma/client.js';
import type { CurrentUser } from '../auth/current-user.js';

export type DecisionResult = { id: string; status: 'approved' | 'rejected' | 'unchanged' | 'not_found' };

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
  return prisma.$transaction(async (tx) => {
    const rows = await tx.observation.findMany({ where: { id: { in: input.ids } } });
    const byId = new Map(rows.map((r) => [r.id, r]));
    const results: DecisionResult[] = [];
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
    }
    return results;
  });
}
