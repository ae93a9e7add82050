import crypto from 'node:crypto';
import type { PrismaClient } from '../generated/prisma/client.js';
import { toObservationDto } from '../observations/observation-dto.js';
import { getObservation } from '../observations/observations.repo.js';
import { submitObservations, type Submitter } from '../observations/submit-observations.js';
import { removePhotoFile, storePhoto, type StoredPhoto } from '../photos/photo-store.js';
import type { SubmissionDto } from '../contracts/submissions.js';

export type PhotoLocation = { lat: number; lon: number } | null;

/** What a submission carries once its multipart body is read: nothing here knows about HTTP. */
export type Submission = {
  observation: unknown;
  photos: Buffer[];
  /** Only when true is any position of a photo kept (its EXIF, or the one the device read before resizing). */
  shareLocation: boolean;
  /** Aligned with `photos`: the position the device read from each original, or null. */
  photoLocations: PhotoLocation[];
};

export type SubmissionOutcome =
  | ({ status: 'created' | 'existing' } & SubmissionDto)
  | { status: 'invalid'; issues: { path: string; message: string }[] }
  | { status: 'conflict'; id: string; message: string };

/**
 * Stores one observation with its photos, all or nothing: the row and its photo rows commit in one transaction,
 * and photo files this call wrote that no row refers to afterwards are removed. Resending the same id is safe:
 * it stores nothing twice and adds the photos the first attempt did not deliver.
 */
export async function submitWithPhotos(prisma: PrismaClient, photoDir: string, s: Submission, by: Submitter): Promise<SubmissionOutcome> {
  const stored: (StoredPhoto & { written: boolean })[] = [];
  try {
    for (const [i, buffer] of s.photos.entries()) {
      const p = await storePhoto(photoDir, buffer, `photos.${i}`, s.shareLocation);
      const given = s.shareLocation ? s.photoLocations[i] : null;
      stored.push(p.lat === null && given ? { ...p, lat: given.lat, lon: given.lon } : p);
    }
    const photoRows = (observationId: string) =>
      stored.map((p) => ({ id: crypto.randomUUID(), observationId, sha256: p.sha256, mimeType: 'image/jpeg', bytes: p.bytes, width: p.width, height: p.height, lat: p.lat, lon: p.lon }));
    const [result] = await submitObservations(prisma, [s.observation], by, {
      alsoInTransaction: async (tx, createdIds) => {
        if (createdIds[0] && stored.length) await tx.photo.createMany({ data: photoRows(createdIds[0]), skipDuplicates: true });
      },
    });
    if (result.status === 'invalid') {
      await removeUnused(prisma, photoDir, stored);
      return { status: 'invalid', issues: result.issues };
    }
    if (result.status === 'conflict') {
      await removeUnused(prisma, photoDir, stored);
      return { status: 'conflict', id: result.id, message: result.message };
    }
    if (result.status === 'existing' && stored.length) await prisma.photo.createMany({ data: photoRows(result.id), skipDuplicates: true });
    const row = await getObservation(prisma, result.id);
    const photos = await prisma.photo.findMany({ where: { observationId: result.id }, orderBy: { createdAt: 'asc' } });
    return {
      status: result.status,
      observation: toObservationDto(row!),
      photos: photos.map((p) => ({ url: `/photos/${p.sha256}.jpg`, width: p.width, height: p.height, bytes: p.bytes, lat: p.lat, lon: p.lon })),
    };
  } catch (err) {
    await removeUnused(prisma, photoDir, stored);
    throw err;
  }
}

/** Nothing half-stored: files this call wrote and no row refers to are removed. */
async function removeUnused(prisma: PrismaClient, photoDir: string, stored: (StoredPhoto & { written: boolean })[]) {
  for (const p of stored.filter((s) => s.written)) {
    const used = await prisma.photo.count({ where: { sha256: p.sha256 } }).catch(() => 1);
    if (used === 0) await removePhotoFile(photoDir, p.sha256).catch(() => {});
  }
}

/** `photoLocations`: a JSON array aligned with the photos, each `{lat, lon}` or null; anything else is ignored. */
export function parsePhotoLocations(raw: unknown): PhotoLocation[] {
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
