import fs from 'node:fs';
import path from 'node:path';
import exifr from 'exifr';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { observationBody, startTestApp, type TestApp } from '../test/test-app.js';
import { jpegWithExif } from '../test/test-photo.js';

let t: TestApp;
let photo: Buffer;
beforeAll(async () => {
  t = await startTestApp();
  photo = await jpegWithExif();
});
afterAll(() => t.cleanup());

function submit(observation: unknown, photos: Buffer[] = [], opts: { shareLocation?: boolean; as?: Record<string, string> } = {}) {
  let req = t.request.post('/api/submissions').set(opts.as ?? t.as.observer).field('observation', JSON.stringify(observation));
  if (opts.shareLocation) req = req.field('shareLocation', 'true');
  for (const [i, p] of photos.entries()) req = req.attach('photos', p, { filename: `p${i}.jpg`, contentType: 'image/jpeg' });
  return req;
}

const photoFiles = () =>
  fs.readdirSync(t.photoDir, { recursive: true }).map(String).filter((f) => f.endsWith('.jpg'));

describe('POST /api/submissions', () => {
  it('stores the observation with its photo, EXIF removed, location kept only when shared', async () => {
    const body = observationBody();
    const res = await submit(body, [photo]);
    expect(res.status).toBe(201);
    expect(res.body.observation.id).toBe(body.id);
    expect(res.body.photos).toHaveLength(1);
    expect(res.body.photos[0]).toMatchObject({ lat: null, lon: null, width: 640, height: 480 });
    const file = await t.request.get(res.body.photos[0].url).set(t.as.analyst);
    expect(file.status).toBe(200);
    expect(file.headers['content-type']).toBe('image/jpeg');
    const meta = await exifr.parse(file.body as Buffer).catch(() => undefined);
    expect(meta?.Make).toBeUndefined();
    expect(meta?.latitude).toBeUndefined();

    const shared = await submit(observationBody({ value: 7 }), [await jpegWithExif('#aa3300')], { shareLocation: true });
    expect(shared.body.photos[0].lat).toBeCloseTo(40.11643, 4);
    expect(shared.body.photos[0].lon).toBeCloseTo(124.39058, 4);
  });

  it('hides photos of unreviewed observations from the public', async () => {
    const res = await submit(observationBody({ value: 9 }), [await jpegWithExif('#00aa00')]);
    await t.request.get(res.body.photos[0].url).expect(404);
  });

  it('keeps one row and one photo when the same submission arrives 100 times at once', async () => {
    const body = observationBody({ value: 12 });
    const own = await jpegWithExif('#123456', 320, 240);
    const before = photoFiles().length;
    const responses = await Promise.all(Array.from({ length: 100 }, () => submit(body, [own])));
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 200)).toHaveLength(99);
    expect(await t.db.prisma.observation.count({ where: { id: body.id } })).toBe(1);
    expect(await t.db.prisma.photo.count({ where: { observationId: body.id } })).toBe(1);
    expect(photoFiles().length).toBe(before + 1);
  });

  it('refuses bad input by field and leaves nothing behind', async () => {
    const rowsBefore = await t.db.prisma.observation.count();
    const filesBefore = photoFiles().length;
    const notImage = await submit(observationBody(), [Buffer.from('this is not an image')]);
    expect(notImage.status).toBe(415);
    expect(notImage.body.error.details.fields[0].path).toBe('photos.0');
    const badObservation = await submit(observationBody({ value: -1 }), [await jpegWithExif('#999999')]);
    expect(badObservation.status).toBe(400);
    expect(badObservation.body.error.details.fields[0].path).toBe('observation.value');
    const tooBig = await submit(observationBody(), [await sharp({ create: { width: 3000, height: 3000, channels: 3, background: '#000', noise: { type: 'gaussian', mean: 128, sigma: 60 } } }).png().toBuffer()]);
    expect(tooBig.status).toBe(413);
    const tooMany = await submit(observationBody(), [photo, photo, photo, photo]);
    expect(tooMany.status).toBe(413);
    const noJson = await t.request.post('/api/submissions').set(t.as.observer).field('observation', '{oops');
    expect(noJson.status).toBe(400);
    expect(noJson.body.error.details.fields[0].path).toBe('observation');
    expect(await t.db.prisma.observation.count()).toBe(rowsBefore);
    expect(photoFiles().length).toBe(filesBefore);
  });

  it('serves only content-hash names: no path escapes the photo folder', async () => {
    for (const name of ['..%2F..%2Fetc%2Fpasswd', '%2e%2e%2fpackage.json', 'abc.jpg', `${'a'.repeat(64)}.jpg`]) {
      const res = await t.request.get(`/photos/${name}`).set(t.as.analyst);
      expect(res.status).toBe(404);
    }
    expect(path.isAbsolute(t.photoDir)).toBe(true);
  });
});
