import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import supertest from 'supertest';
import { createApp, type AppDeps } from '../app.js';
import type { Database } from '../db/database.js';
import { seedCrossings } from '../seed/seed-crossings.js';
import { createTestDatabase } from './test-database.js';
import { createTestAccounts } from './test-accounts.js';

/** The app on a fresh migrated database with the reference crossings, plus its log lines. */
export async function startTestApp(opts: { seed?: boolean; photoDir?: string } & Pick<AppDeps, 'embeds' | 'publicUrl' | 'staticDir' | 'responseCacheSeconds' | 'loginLimit' | 'uploadLimit' | 'tokenFailureLimit'> = {}) {
  const { db, handle, cleanup } = await createTestDatabase();
  if (opts.seed !== false) await seedCrossings(db.prisma);
  const logLines: string[] = [];
  const logger = pino(
    { level: 'info' },
    new Writable({
      write(chunk, _enc, done) {
        logLines.push(String(chunk));
        done();
      },
    }),
  );
  const photoDir = opts.photoDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'landport-photos-'));
  const app = createApp({
    db, logger, photoDir, submissionLimits: { photoMaxBytes: 2_000_000, photosPerSubmission: 3 }, embeds: opts.embeds, publicUrl: opts.publicUrl, staticDir: opts.staticDir, responseCacheSeconds: opts.responseCacheSeconds, loginLimit: opts.loginLimit, uploadLimit: opts.uploadLimit, tokenFailureLimit: opts.tokenFailureLimit,
  });
  const as = await createTestAccounts(db);
  return {
    db, handle, app, request: supertest(app), logLines, as, photoDir,
    cleanup: async () => {
      await cleanup();
      if (!opts.photoDir) fs.rmSync(photoDir, { recursive: true, force: true });
    },
  };
}

export type TestApp = Awaited<ReturnType<typeof startTestApp>>;

export const DANDONG = 'cn-kp-dandong-sinuiju-friendship-bridge';

/** A valid observation body; override fields per test. */
export function observationBody(overrides: Record<string, unknown> = {}) {
  return {
    id: crypto.randomUUID(),
    crossingId: DANDONG,
    observedAt: '2025-11-03T08:30:00Z',
    metric: 'queue_vehicles',
    value: 42,
    vehicleClass: 'truck',
    direction: { from: 'CN', to: 'KP' },
    method: 'field',
    source: 'test observer, riverside promenade',
    ...overrides,
  };
}

export async function countObservations(db: Database): Promise<number> {
  return db.prisma.observation.count();
}

export type { Database };
