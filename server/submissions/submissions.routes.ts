import crypto from 'node:crypto';
import { Router, type RequestHandler } from 'express';
import multer from 'multer';
import type { PrismaClient } from '../generated/prisma/client.js';
import { anyAccount } from '../auth/require-role.js';
import { HttpError, badRequest, conflict } from '../http/http-error.js';
import { toObservationDto } from '../observations/observation-dto.js';
import { getObservation } from '../observations/observations.repo.js';
import { submitterOf } from '../observations/observations.routes.js';
import { submitObservations } from '../observations/submit-observations.js';
import { removePhotoFile, storePhoto, type StoredPhoto } from '../photos/photo-store.js';

/** `photoLocations`: a JSON array aligned with the photos, each `{lat, lon}` or null; anything else is ignored. */
function parseLocations(raw: unknown): ({ lat: number; lon: number } | null)[] {
  if (typeof raw !== 'string') return [];
  try {
    const list = JSON.parse(raw) as unknown;
    if (!Array.isArray(list)) return [];
    return list.map((l) => {
      const { lat, lon } = (l ?? {}) as { lat?: unknown; lon?: unknown };
      return typeof lat === 'number' && typeof lon === 'number' && Math.abs(lat) <= 90 && Math.abs(lon) <= 180 ? { lat, lon } : null;
    });
  } catch {
    return [];
  }
}

export type SubmissionLimits = { photoMaxBytes: number; photosPerSubmission: number };

const MULTER_ERRORS: Record<string, (limits: SubmissionLimits, field?: string) => HttpError> = {
  LIMIT_FILE_SIZE: (l, f) => new HttpError(413, 'payload_too_large', `${f ?? 'A photo'} is larger than ${l.photoMaxBytes} bytes`, { fields: [{ path: f ?? 'photos', message: `must be at most ${l.photoMaxBytes} bytes` }] }),
  LIMIT_FILE_COUNT: (l) => new HttpError(413, 'payload_too_large', `At most ${l.photosPerSubmission} photos per submission`, { fields: [{ path: 'photos', message: `at most ${l.photosPerSubmission} photos` }] }),
  LIMIT_UNEXPECTED_FILE: (_l, f) => badRequest([{ path: f ?? '', message: 'unexpected file field; send photos as "photos"' }]),
  LIMIT_FIELD_VALUE: (_l, f) => new HttpError(413, 'payload_too_large', `Field ${f} is too large`),
};

/** multer with our limits; its errors become our error shape, naming the field. */
function parseMultipart(limits: SubmissionLimits): RequestHandler {
  const upload = multer({
    storage: multer.memoryStorage(),
    limits: { fileSize: limits.photoMaxBytes, files: limits.photosPerSubmission, fields: 10, fieldSize: 200_000, parts: 20 },
  }).array('photos', limits.photosPerSubmission);
  return (req, res, next) => {
    if (!req.is('multipart/form-data')) throw new HttpError(415, 'unsupported_media_type', 'Send a submission as multipart/form-data');
    upload(req, res, (err: unknown) => {
      if (!err) return next();
      const e = err as { code?: string; field?: string };
      const make = e.code ? MULTER_ERRORS[e.code] : undefined;
      next(make ? make(limits, e.field) : badRequest([{ path: '', message: 'the multipart body could not be read' }]));
    });
  };
}

/**
 * `POST /api/submissions`: one observation (JSON in the `observation` field) with its photos,
 * stored together: the row and its photo rows commit in one transaction, and photo files a
 * failed submission wrote are removed. Resending the same id is safe and adds missing photos.
 */
export function submissionsRouter(prisma: PrismaClient, photoDir: string, limits: SubmissionLimits): Router {
  const router = Router();
  router.post('/', anyAccount, parseMultipart(limits), async (req, res) => {
    const raw = typeof req.body?.observation === 'string' ? req.body.observation : undefined;
    if (!raw) throw badRequest([{ path: 'observation', message: 'is required (the observation as JSON)' }]);
    let observation: unknown;
    try {
      observation = JSON.parse(raw);
    } catch {
      throw badRequest([{ path: 'observation', message: 'is not valid JSON' }]);
    }
    const shareLocation = req.body.shareLocation === 'true';
    // The upload app resizes photos on the device, which drops EXIF; it reads the position first and sends it here.
    const deviceLocations = shareLocation ? parseLocations(req.body.photoLocations) : [];
    const files = (req.files as Express.Multer.File[] | undefined) ?? [];
    const stored: (StoredPhoto & { written: boolean })[] = [];
    try {
      for (const [i, f] of files.entries()) {
        const p = await storePhoto(photoDir, f.buffer, `photos.${i}`, shareLocation);
        const given = deviceLocations[i];
        stored.push(p.lat === null && given ? { ...p, lat: given.lat, lon: given.lon } : p);
      }
      const photoRows = (observationId: string) =>
        stored.map((p) => ({ id: crypto.randomUUID(), observationId, sha256: p.sha256, mimeType: 'image/jpeg', bytes: p.bytes, width: p.width, height: p.height, lat: p.lat, lon: p.lon }));
      const [result] = await submitObservations(prisma, [observation], submitterOf(req.user!), {
        alsoInTransaction: async (tx, createdIds) => {
          if (createdIds[0] && stored.length) await tx.photo.createMany({ data: photoRows(createdIds[0]), skipDuplicates: true });
        },
      });
      if (result.status === 'invalid') throw badRequest(result.issues.map((i) => ({ ...i, path: `observation.${i.path}`.replace(/\.$/, '') })));
      if (result.status === 'conflict') throw conflict(result.message, { id: result.id });
      if (result.status === 'existing' && stored.length) {
        await prisma.photo.createMany({ data: photoRows(result.id), skipDuplicates: true });
      }
      const row = await getObservation(prisma, result.id);
      const photos = await prisma.photo.findMany({ where: { observationId: result.id }, orderBy: { createdAt: 'asc' } });
      res.status(result.status === 'created' ? 201 : 200).json({
        observation: toObservationDto(row!),
        photos: photos.map((p) => ({ url: `/photos/${p.sha256}.jpg`, width: p.width, height: p.height, bytes: p.bytes, lat: p.lat, lon: p.lon })),
      });
    } catch (err) {
      // Nothing half-stored: files this request wrote and no row refers to are removed.
      for (const p of stored.filter((s) => s.written)) {
        const used = await prisma.photo.count({ where: { sha256: p.sha256 } }).catch(() => 1);
        if (used === 0) await removePhotoFile(photoDir, p.sha256).catch(() => {});
      }
      throw err;
    }
  });
  return router;
}
