import type { PrismaClient } from '../generated/prisma/client.js';

/** What the managing analyst sees of who saved a view (never the email). */
const withCreator = { createdBy: { select: { id: true, displayName: true } } } as const;

/** How many views one list answer holds at most (newest first). */
export const VIEW_LIST_LIMIT = 200;

export function listViews(prisma: PrismaClient, opts: { includeUnpublished: boolean }) {
  return prisma.savedView.findMany({
    where: opts.includeUnpublished ? {} : { unpublishedAt: null },
    orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
    take: VIEW_LIST_LIMIT,
    include: withCreator,
  });
}

export const findView = (prisma: PrismaClient, id: string) => prisma.savedView.findUnique({ where: { id }, include: withCreator });

export type ViewWithCreator = NonNullable<Awaited<ReturnType<typeof findView>>>;

/**
 * Changes a published view's words. Null when no published view has that id (the caller tells unknown from
 * unpublished); the condition is in the UPDATE itself, so an unpublish in between cannot be undone by an edit.
 */
export async function updatePublishedView(prisma: PrismaClient, id: string, data: { title?: string; description?: string | null }) {
  const { count } = await prisma.savedView.updateMany({ where: { id, unpublishedAt: null }, data: { ...data, updatedAt: new Date() } });
  return count ? findView(prisma, id) : null;
}

/** Unpublishes a view; false when it was not published (unknown, or unpublished already). */
export async function unpublishView(prisma: PrismaClient, id: string): Promise<boolean> {
  const { count } = await prisma.savedView.updateMany({ where: { id, unpublishedAt: null }, data: { unpublishedAt: new Date() } });
  return count > 0;
}
