import { Router } from 'express';
import type { PrismaClient } from '../generated/prisma/client.js';
import { notFound } from '../http/http-error.js';
import { visibleObservations } from '../observations/visibility.js';
import { photoPath } from './photo-store.js';

/** `GET /photos/<sha256>.jpg`, only when the photo belongs to an observation the caller may see. */
export function photosRouter(prisma: PrismaClient, photoDir: string): Router {
  const router = Router();
  router.get('/:name', async (req, res) => {
    const m = /^([0-9a-f]{64})\.jpg$/.exec(req.params.name);
    if (!m) throw notFound('Photo');
    const photo = await prisma.photo.findFirst({ where: { sha256: m[1], observation: visibleObservations(req.user) }, include: { observation: { select: { status: true } } } });
    if (!photo) throw notFound('Photo');
    res.setHeader('Cache-Control', photo.observation.status === 'approved' ? 'public, max-age=86400, immutable' : 'private, no-store');
    res.type('image/jpeg').sendFile(photoPath(photoDir, m[1]), { dotfiles: 'deny' }, (err) => {
      if (err && !res.headersSent) res.status(404).json({ error: { code: 'not_found', message: 'Photo file missing' } });
    });
  });
  return router;
}
