import crypto from 'node:crypto';
import { Router, type Request } from 'express';
import type { PrismaClient, SavedView } from '../generated/prisma/client.js';
import {
  createSavedViewInput, listSavedViewsQuery, savedViewSettings, updateSavedViewInput,
  type ManagedSavedViewDto, type SavedViewDto,
} from '../contracts/views.js';
import { analystOnly } from '../auth/require-role.js';
import { gone, notFound } from '../http/http-error.js';
import { parseOrThrow } from '../http/validate.js';
import { embedSnippet } from '../embeds/embed-snippet.js';
import { embedDataAsOf } from '../embeds/embed-data-as-of.js';
import { publicOrigin } from '../http/public-origin.js';
import { findView, listViews, unpublishView, updatePublishedView, type ViewWithCreator } from './views.repo.js';

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const VIEW_ID = /^[0-9A-Za-z]{10}$/;

/** 10 random base62 characters (~59 bits): short in a URL, never sequential. */
export function newViewId(): string {
  let id = '';
  for (const byte of crypto.randomBytes(10)) id += BASE62[byte % 62];
  return id;
}

function toDto(v: SavedView, origin: string): SavedViewDto {
  return {
    id: v.id,
    title: v.title,
    description: v.description,
    view: savedViewSettings.parse(v.view),
    createdAt: v.createdAt.toISOString(),
    updatedAt: v.updatedAt.toISOString(),
    embedUrl: `${origin}/embed/${v.id}`,
    embedCode: embedSnippet(origin, v.id, v.title),
  };
}

function toManagedDto(v: ViewWithCreator, origin: string, dataAsOf: Date | null): ManagedSavedViewDto {
  return {
    ...toDto(v, origin),
    createdBy: v.createdBy,
    dataAsOf: dataAsOf?.toISOString() ?? null,
    unpublishedAt: v.unpublishedAt?.toISOString() ?? null,
  };
}

export type ViewsRouterOptions = {
  publicUrl?: string;
  /** Called after a view's title, description or publication changed: embeds must not keep the old one. */
  onViewChanged: (id: string) => void;
};

/**
 * Saved views: analysts save what the map shows, edit its words and unpublish it; anyone may
 * read a published one (embeds show approved data only).
 */
export function viewsRouter(prisma: PrismaClient, { publicUrl, onViewChanged }: ViewsRouterOptions): Router {
  const originOf = (req: Request) => publicOrigin(req, publicUrl);
  const idOf = (req: Request) => {
    const id = String(req.params.id);
    // Anything else is no view: the database is not asked.
    if (!VIEW_ID.test(id)) throw notFound(`View ${id}`);
    return id;
  };
  const managed = async (req: Request, v: ViewWithCreator) => {
    const [asOf] = await embedDataAsOf(prisma, [savedViewSettings.parse(v.view)]);
    return toManagedDto(v, originOf(req), asOf);
  };
  const router = Router();

  router.post('/', analystOnly, async (req, res) => {
    const input = parseOrThrow(createSavedViewInput, req.body);
    const view = await prisma.savedView.create({
      data: { id: newViewId(), title: input.title, description: input.description ?? null, view: input.view, createdByUserId: req.user!.id },
    });
    res.status(201).location(`/api/views/${view.id}`).json(toDto(view, originOf(req)));
  });

  router.get('/', analystOnly, async (req, res) => {
    const q = parseOrThrow(listSavedViewsQuery, req.query, 'query');
    const views = await listViews(prisma, { includeUnpublished: q.include === 'unpublished' });
    const asOf = await embedDataAsOf(prisma, views.map((v) => savedViewSettings.parse(v.view)));
    const origin = originOf(req);
    // Signed-in answers: no shared cache may keep them.
    res.setHeader('Cache-Control', 'private, no-cache');
    res.json({ items: views.map((v, i) => toManagedDto(v, origin, asOf[i])) });
  });

  router.get('/:id', async (req, res) => {
    const id = idOf(req);
    const view = await prisma.savedView.findUnique({ where: { id } });
    if (!view) throw notFound(`View ${id}`);
    if (view.unpublishedAt) throw gone(`View ${id}`);
    // Its title and description may be edited, and it may be unpublished: caches revalidate every time (a 304
    // from the ETag when nothing changed).
    res.setHeader('Cache-Control', 'public, no-cache');
    res.json(toDto(view, originOf(req)));
  });

  router.patch('/:id', analystOnly, async (req, res) => {
    const id = idOf(req);
    const input = parseOrThrow(updateSavedViewInput, req.body);
    const updated = await updatePublishedView(prisma, id, input);
    if (!updated) {
      const existing = await findView(prisma, id);
      throw existing ? gone(`View ${id}`) : notFound(`View ${id}`);
    }
    onViewChanged(id);
    res.json(await managed(req, updated));
  });

  // Unpublishing is a soft delete: the row stays so its embed says "unpublished" (410) instead of "not found".
  // A second DELETE finds it unpublished already and answers 204 again: retrying is always safe.
  router.delete('/:id', analystOnly, async (req, res) => {
    const id = idOf(req);
    if (!(await unpublishView(prisma, id)) && !(await prisma.savedView.findUnique({ where: { id }, select: { id: true } }))) {
      throw notFound(`View ${id}`);
    }
    onViewChanged(id);
    res.status(204).end();
  });

  return router;
}
