import { Router } from 'express';
import type { PrismaClient } from '../generated/prisma/client.js';
import { anyAccount } from '../auth/require-role.js';
import { submitterOf } from '../auth/current-user.js';
import { badRequest, conflict } from '../http/http-error.js';
import { multipartBody, uploadedFiles } from '../http/multipart.js';
import { parsePhotoLocations, submitWithPhotos } from './submit-with-photos.js';
import type { SubmissionDto } from '../contracts/submissions.js';

export type SubmissionLimits = { photoMaxBytes: number; photosPerSubmission: number };

/**
 * `POST /api/submissions`: one observation (JSON in the `observation` field) with its photos (`photos`).
 * This reads the form and answers; `submitWithPhotos` does the storing.
 */
export function submissionsRouter(prisma: PrismaClient, photoDir: string, limits: SubmissionLimits): Router {
  const router = Router();
  const multipart = multipartBody({
    fileField: 'photos', maxFiles: limits.photosPerSubmission, fileMaxBytes: limits.photoMaxBytes, storage: 'memory',
    maxFields: 10, fieldMaxBytes: 200_000, expected: 'Send a submission as multipart/form-data',
  });
  router.post('/', anyAccount, multipart, async (req, res) => {
    const raw = typeof req.body?.observation === 'string' ? req.body.observation : undefined;
    if (!raw) throw badRequest([{ path: 'observation', message: 'is required (the observation as JSON)' }]);
    let observation: unknown;
    try {
      observation = JSON.parse(raw);
    } catch {
      throw badRequest([{ path: 'observation', message: 'is not valid JSON' }]);
    }
    const shareLocation = req.body.shareLocation === 'true';
    const outcome = await submitWithPhotos(prisma, photoDir, {
      observation,
      photos: uploadedFiles(req).map((f) => f.buffer),
      shareLocation,
      // The upload app resizes photos on the device, which drops EXIF; it reads the position first and sends it here.
      photoLocations: shareLocation ? parsePhotoLocations(req.body.photoLocations) : [],
    }, submitterOf(req.user!));
    if (outcome.status === 'invalid') throw badRequest(outcome.issues.map((i) => ({ ...i, path: `observation.${i.path}`.replace(/\.$/, '') })));
    if (outcome.status === 'conflict') throw conflict(outcome.message, { id: outcome.id });
    res.status(outcome.status === 'created' ? 201 : 200).json({ observation: outcome.observation, photos: outcome.photos } satisfies SubmissionDto);
  });
  return router;
}
