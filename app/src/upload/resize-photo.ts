import exifr from 'exifr';

export const MAX_EDGE = 1600;

/**
 * Shrinks a photo on the device before it waits in the queue or crosses a weak network.
 * Drawing to a canvas drops all EXIF (camera model, serial, position); the position is read
 * first and returned only if the observer chose to share it.
 */
export async function resizePhoto(file: File, shareLocation: boolean): Promise<{ blob: Blob; location: { lat: number; lon: number } | null }> {
  let location: { lat: number; lon: number } | null = null;
  if (shareLocation) {
    const gps = await exifr.gps(file).catch(() => undefined);
    if (gps && Number.isFinite(gps.latitude) && Number.isFinite(gps.longitude)) location = { lat: gps.latitude, lon: gps.longitude };
  }
  const bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
  const scale = Math.min(1, MAX_EDGE / Math.max(bitmap.width, bitmap.height));
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(bitmap.width * scale);
  canvas.height = Math.round(bitmap.height * scale);
  canvas.getContext('2d')!.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
  bitmap.close();
  const blob = await new Promise<Blob>((resolve, reject) =>
    canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('could not encode the photo'))), 'image/jpeg', 0.85),
  );
  return { blob, location };
}
