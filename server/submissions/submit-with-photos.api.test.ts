import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { observationBody, startTestApp, type TestApp } from '../test/test-app.js';
import { jpegWithExif } from '../test/test-photo.js';
import { parsePhotoLocations, submitWithPhotos } from './submit-with-photos.js';

// The submission command on its own, without HTTP: a real database and a real photo folder.
let t: TestApp;
let photo: Buffer;
let by: { userId: string; label: string };
beforeAll(async () => {
  t = await startTestApp();
  photo = await jpegWithExif();
  by = { userId: t.as.ids.observer, label: 'Test observer' };
});
afterAll(() => t.cleanup());

const files = () => fs.readdirSync(t.photoDir, { recursive: true }).map(String).filter((f) => f.endsWith('.jpg'));

describe('submitWithPhotos', () => {
  it('stores the row and its photo together; a resend stores nothing twice', async () => {
    const observation = observationBody();
    const first = await submitWithPhotos(t.db.prisma, t.photoDir, { observation, photos: [photo], shareLocation: false, photoLocations: [] }, by);
    expect(first.status).toBe('created');
    const again = await submitWithPhotos(t.db.prisma, t.photoDir, { observation, photos: [photo], shareLocation: false, photoLocations: [] }, by);
    expect(again.status).toBe('existing');
    expect(await t.db.prisma.photo.count({ where: { observationId: observation.id } })).toBe(1);
    if (first.status !== 'created') return;
    expect(first.observation.submittedBy).toBe('Test observer');
    expect(first.photos[0]).toMatchObject({ lat: null, lon: null });
  });

  it('keeps the device-read position only when the observer shares it', async () => {
    const here = [{ lat: 40.1, lon: 124.39 }];
    const kept = await submitWithPhotos(t.db.prisma, t.photoDir, { observation: observationBody({ value: 7 }), photos: [photo], shareLocation: true, photoLocations: here }, by);
    const dropped = await submitWithPhotos(t.db.prisma, t.photoDir, { observation: observationBody({ value: 8 }), photos: [photo], shareLocation: false, photoLocations: here }, by);
    expect(kept.status === 'created' && kept.photos[0].lat).not.toBeNull();
    expect(dropped.status === 'created' && dropped.photos[0]).toMatchObject({ lat: null, lon: null });
  });

  it('leaves no file behind when the observation is refused', async () => {
    const before = files().length;
    // A different image (so its file is new) with an invalid observation.
    const other = await jpegWithExif('#aa2233', 320, 200);
    const out = await submitWithPhotos(t.db.prisma, t.photoDir, { observation: observationBody({ value: -1 }), photos: [other], shareLocation: false, photoLocations: [] }, by);
    expect(out.status).toBe('invalid');
    if (out.status === 'invalid') expect(out.issues.map((i) => i.path)).toContain('value');
    expect(files().length).toBe(before);
  });

  it('reads photo positions leniently: anything but {lat, lon} in range is null', () => {
    expect(parsePhotoLocations('[{"lat":40,"lon":124},null,{"lat":91,"lon":0},"x"]')).toEqual([{ lat: 40, lon: 124 }, null, null, null]);
    expect(parsePhotoLocations('not json')).toEqual([]);
    expect(parsePhotoLocations(undefined)).toEqual([]);
  });
});
