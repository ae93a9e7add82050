import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { OutputInfo } from 'sharp';
import { loadSharp } from '../images/load-sharp.js';
import exifr from 'exifr';
import { HttpError } from '../http/http-error.js';

const SHA256 = /^[0-9a-f]{64}$/;
export const MAX_PHOTO_EDGE = 2048;

export type StoredPhoto = { sha256: string; bytes: number; width: number; height: number; lat: number | null; lon: number | null };

/** The file for a content hash; anything that is not a hash is refused, so no path can leave the folder. */
export function photoPath(dir: string, sha256: string): string {
  if (!SHA256.test(sha256)) throw new HttpError(404, 'not_found', 'No such photo');
  return path.join(dir, sha256.slice(0, 2), `${sha256}.jpg`);
}

/**
 * Re-encodes an uploaded image as JPEG (at most 2048 px a side, turned upright), which drops
 * every metadata block (EXIF, camera serials, GPS), and stores it under its SHA-256. The
 * location is read from the original's EXIF only when the observer chose to share it.
 * Returns whether this call wrote the file, so a failed submission can remove what it added.
 */
export async function storePhoto(
  dir: string,
  original: Buffer,
  field: string,
  shareLocation: boolean,
): Promise<StoredPhoto & { written: boolean }> {
  let encoded: { data: Buffer; info: OutputInfo };
  const sharp = await loadSharp();
  try {
    encoded = await sharp(original, { failOn: 'error', limitInputPixels: 60_000_000 })
      .rotate()
      .resize({ width: MAX_PHOTO_EDGE, height: MAX_PHOTO_EDGE, fit: 'inside', withoutEnlargement: true })
      .jpeg({ quality: 85, mozjpeg: true })
      .toBuffer({ resolveWithObject: true });
  } catch {
    throw new HttpError(415, 'unsupported_media_type', `${field} is not a JPEG, PNG or WebP image that can be read`, {
      fields: [{ path: field, message: 'is not a readable JPEG, PNG or WebP image' }],
    });
  }
  let lat: number | null = null;
  let lon: number | null = null;
  if (shareLocation) {
    const gps = await exifr.gps(original).catch(() => undefined);
    if (gps && Number.isFinite(gps.latitude) && Number.isFinite(gps.longitude)) [lat, lon] = [gps.latitude, gps.longitude];
  }
  const sha256 = crypto.createHash('sha256').update(encoded.data).digest('hex');
  const file = photoPath(dir, sha256);
  let written = false;
  try {
    await fs.access(file);
  } catch {
    // Write beside, then rename: a crash never leaves a half file under a valid name.
    const tmp = `${file}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`;
    try {
      await fs.mkdir(path.dirname(file), { recursive: true });
      await fs.writeFile(tmp, encoded.data);
      await fs.rename(tmp, file);
    } catch (err) {
      await fs.rm(tmp, { force: true }).catch(() => {});
      throw photoStorageError(err, field);
    }
    written = true;
  }
  return { sha256, bytes: encoded.data.length, width: encoded.info.width, height: encoded.info.height, lat, lon, written };
}

/** The disk refused a photo: full is 507 (try later), anything else a 500; both keep the cause for the log. */
function photoStorageError(err: unknown, field: string): HttpError {
  const code = (err as NodeJS.ErrnoException).code;
  const full = code === 'ENOSPC' || code === 'EDQUOT';
  const error = full
    ? new HttpError(507, 'insufficient_storage', 'The server has no room left to store photos; nothing was stored. Send it again later.', {
      fields: [{ path: field, message: 'could not be stored: the server is out of disk space' }],
    })
    : new HttpError(500, 'storage_unavailable', 'Photos cannot be stored on the server now; nothing was stored. Send it again later.', {
      fields: [{ path: field, message: `could not be stored (${code ?? 'storage error'})` }],
    });
  return Object.assign(error, { cause: err });
}

export async function removePhotoFile(dir: string, sha256: string) {
  await fs.rm(photoPath(dir, sha256), { force: true });
}
