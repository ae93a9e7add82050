import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { observationBody, startTestApp, type TestApp } from '../test/test-app.js';

// A photo folder that is full, or that cannot be written at all: the submission is refused whole (507 for a full
// disk, so the phone tries again later; 500 otherwise), the reason is logged, and nothing is half-stored: no
// observation row without its photo, no photo file without its row. Once there is room, the same submission goes in.
// Mounting a small tmpfs needs root (as CI runs); elsewhere the full-disk case cannot be made and is skipped.
const isRoot = process.getuid?.() === 0;
let photo: Buffer;
beforeAll(async () => {
  // Noise does not compress: the stored JPEG stays about as large as this one.
  const noise = Buffer.from(Array.from({ length: 400 * 300 * 3 }, (_, i) => (i * 7919) % 251));
  photo = await sharp(noise, { raw: { width: 400, height: 300, channels: 3 } }).jpeg({ quality: 90 }).toBuffer();
});

const filesIn = (dir: string) => (fs.existsSync(dir) ? fs.readdirSync(dir, { recursive: true }).map(String).filter((f) => fs.statSync(path.join(dir, f)).isFile()) : []);

function submit(t: TestApp, body: object) {
  return t.request.post('/api/submissions').set(t.as.observer).field('observation', JSON.stringify(body)).attach('photos', photo, { filename: 'p.jpg', contentType: 'image/jpeg' });
}

describe.runIf(isRoot)('a full photo disk', () => {
  let t: TestApp;
  let mount: string;
  beforeAll(async () => {
    mount = fs.mkdtempSync(path.join(os.tmpdir(), 'landport-full-'));
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=512k', 'tmpfs', mount]);
    t = await startTestApp({ photoDir: mount });
  });
  afterAll(async () => {
    await t?.cleanup();
    execFileSync('umount', [mount]);
    fs.rmSync(mount, { recursive: true, force: true });
  });

  it('answers 507 and stores neither the row nor a file; with room again the same submission goes in', async () => {
    // Fill the disk but for less than one photo.
    const free = () => fs.statfsSync(mount).bavail * fs.statfsSync(mount).bsize;
    fs.writeFileSync(path.join(mount, 'filler'), Buffer.alloc(free() - 8 * 1024));
    const body = observationBody();
    const before = await t.db.prisma.observation.count();
    const res = await submit(t, body);
    expect(res.status).toBe(507);
    expect(res.body.error).toMatchObject({ code: 'insufficient_storage', details: { fields: [{ path: 'photos.0' }] } });
    expect(await t.db.prisma.observation.count()).toBe(before);
    expect(filesIn(mount)).toEqual(['filler']);
    expect(t.logLines.some((l) => l.includes('"code":"insufficient_storage"') && l.includes('ENOSPC'))).toBe(true);

    fs.rmSync(path.join(mount, 'filler'));
    const retried = await submit(t, body);
    expect(retried.status).toBe(201);
    expect(retried.body.photos).toHaveLength(1);
    expect(filesIn(mount)).toHaveLength(1);
  });
});

describe('a photo folder that cannot be written', () => {
  let t: TestApp;
  let blocker: string;
  beforeAll(async () => {
    // A folder inside a regular file: nobody, root included, can create it.
    blocker = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'landport-unwritable-')), 'a-file');
    fs.writeFileSync(blocker, 'not a folder');
    t = await startTestApp({ photoDir: path.join(blocker, 'photos') });
  });
  afterAll(async () => {
    await t?.cleanup();
    fs.rmSync(path.dirname(blocker), { recursive: true, force: true });
  });

  it('answers 500 naming the photo, logs why, and stores no row', async () => {
    const before = await t.db.prisma.observation.count();
    const res = await submit(t, observationBody());
    expect(res.status).toBe(500);
    expect(res.body.error).toMatchObject({ code: 'storage_unavailable', details: { fields: [{ path: 'photos.0' }] } });
    expect(await t.db.prisma.observation.count()).toBe(before);
    expect(t.logLines.some((l) => l.includes('"code":"storage_unavailable"') && /ENOTDIR|ENOENT|EACCES|EROFS/.test(l))).toBe(true);
  });
});
