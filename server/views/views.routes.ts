import crypto from 'node:crypto';
import { Router } from 'express';
import type { PrismaClient, SavedView } from '../generated/prisma/client.js';
import { createSavedViewInput, savedViewSettings, type SavedViewDto } from '../contracts/views.js';
import { analystOnly } from '../auth/require-role.js';
import { notFound } from '../http/http-error.js';
import { parseOrThrow } from '../http/validate.js';
import { embedSnippet } from '../embeds/embed-snippet.js';
import { publicOrigin } from '../http/public-origin.js';

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** 10 random base62 characters (~59 bits): short in a URL, never sequential. */
export function newViewId(): string {
  let id = '';
  for (const byte of crypto.randomBytes(10)) id += BASE62[byte % 62];
  return id;
}

function toDto(v: SavedView, origin: string): SavedViewDto {
  const embedUrl = `${origin}/embed/${v.id}`;
  return {
    id: v.id,
    title: v.title,
    view: savedViewSettings.parse(v.view),
    createdAt: v.createdAt.toISOString(),
    embedUrl,
    embedCode: embedSnippet(origin, v.id, v.title),
  };
}

/** Saved views: analysts save what the map shows; anyone may read one (embeds show approved data only). */
export function viewsRouter(prisma: PrismaClient, publicUrl?: string): Router {
  const originOf = (req: Parameters<typeof publicOrigin>[0]) => publicOrigin(req, publicUrl);
  const router = Router();

  router.post('/', analystOnly, async (req, res) => {
    const input = parseOrThrow(createSavedViewInput, req.body);
    const view = await prisma.savedView.create({
      data: { id: newViewId(), title: input.title, view: input.view, createdByUserId: req.user!.id },
    });
    res.status(201).location(`/api/views/${view.id}`).json(toDto(view, originOf(req)));
  });

  router.get('/', analystOnly, async (req, res) => {
    const views = await prisma.savedView.findMany({ orderBy: { createdAt: 'desc' }, take: 200 });
    res.json({ items: views.map((v) => toDto(v, originOf(req))) });
  });

  router.get('/:id', async (req, res) => {
    const id = String(req.params.id);
    const view = /^[0-9A-Za-z]{10}$/.test(id) ? await prisma.savedView.findUnique({ where: { id } }) : null;
    if (!view) throw notFound(`View ${id}`);
    // Views never change once saved: caches may keep them, and revalidate cheaply with the ETag.
    res.setHeader('Cache-Control', 'public, max-age=300, stale-while-revalidate=86400');
    res.json(toDto(view, originOf(req)));
  });

  return router;
}
