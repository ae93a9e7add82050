import { z } from 'zod';
import { observationResponse } from './observations.js';

/** A stored photo: where to fetch it, its size, and where it was taken when the observer shared that. */
export const photoResponse = z.object({
  url: z.string().describe('/photos/{sha256}.jpg'),
  width: z.number().int(),
  height: z.number().int(),
  bytes: z.number().int(),
  lat: z.number().nullable(),
  lon: z.number().nullable(),
});
export type PhotoDto = z.output<typeof photoResponse>;

/** `POST /api/submissions`: the observation as stored, and every photo it now has. */
export const submissionResponse = z.object({ observation: observationResponse, photos: z.array(photoResponse) });
export type SubmissionDto = z.output<typeof submissionResponse>;
