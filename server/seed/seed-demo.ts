import crypto from 'node:crypto';
import type { Prisma, PrismaClient } from '../generated/prisma/client.js';
import { SYNTHETIC_SOURCE } from '../contracts/common.js';
import { keyUuid } from '../observations/submit-observations.js';

/**
 * A made-up activity set so a first run shows something. Every row is method `synthetic`,
 * carries SYNTHETIC_SOURCE and says so in its notes; the API flags it `synthetic: true`.
 * The numbers follow no real pattern and must never be read as evidence.
 */
type DemoSite = { crossingId: string; vehicleClass: 'truck' | 'rail_wagon'; base: number; queue: boolean };

const SITES: DemoSite[] = [
  { crossingId: 'cn-kp-dandong-sinuiju-friendship-bridge', vehicleClass: 'truck', base: 120, queue: true },
  { crossingId: 'cn-kp-quanhe-wonjong', vehicleClass: 'truck', base: 45, queue: true },
  { crossingId: 'cn-kp-tumen-namyang-road', vehicleClass: 'truck', base: 20, queue: true },
  { crossingId: 'cn-kp-changbai-hyesan', vehicleClass: 'truck', base: 15, queue: true },
  { crossingId: 'cn-kp-linjiang-junggang', vehicleClass: 'truck', base: 10, queue: true },
  { crossingId: 'cn-kp-jian-manpo-rail', vehicleClass: 'rail_wagon', base: 30, queue: false },
  { crossingId: 'ru-kp-khasan-tumangang', vehicleClass: 'rail_wagon', base: 25, queue: false },
];

const FIRST_MONTH = '2023-01';
const MONTHS = 36;
const NOTE = 'Synthetic demo data: made up by landport for illustration. Not an observation; not evidence.';

/** mulberry32: a small seeded generator, so every run makes the same demo set. */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A UUID fixed by its key, so re-seeding finds the same rows instead of adding copies. */
const demoId = (key: string) => keyUuid(`landport-demo:${key}`);

function row(key: string, o: Omit<Prisma.ObservationCreateManyInput, 'id' | 'method' | 'source' | 'notes' | 'status' | 'submittedBy' | 'contentHash'>): Prisma.ObservationCreateManyInput {
  return {
    ...o,
    id: demoId(key),
    method: 'synthetic',
    source: SYNTHETIC_SOURCE,
    notes: NOTE,
    status: 'approved',
    submittedBy: 'landport demo generator',
    contentHash: crypto.createHash('sha256').update(key).digest('hex'),
  };
}

export function buildDemoObservations(): Prisma.ObservationCreateManyInput[] {
  const rows: Prisma.ObservationCreateManyInput[] = [];
  const start = Date.parse(`${FIRST_MONTH}-01T00:00:00Z`);
  SITES.forEach((site, siteIndex) => {
    const rand = random(1000 + siteIndex);
    const [from, to] = site.crossingId.startsWith('ru-') ? ['RU', 'KP'] : ['CN', 'KP'];
    for (let m = 0; m < MONTHS; m++) {
      const periodStart = new Date(start);
      periodStart.setUTCMonth(periodStart.getUTCMonth() + m);
      const periodEnd = new Date(periodStart);
      periodEnd.setUTCMonth(periodEnd.getUTCMonth() + 1);
      const level = site.base * (1 + 0.25 * Math.sin((m / 12) * 2 * Math.PI) + m / MONTHS / 2);
      for (const [dirFrom, dirTo, share] of [[from, to, 22], [to, from, 9]] as const) {
        rows.push(
          row(`${site.crossingId}:crossed:${m}:${dirFrom}`, {
            crossingId: site.crossingId,
            observedAt: periodEnd,
            periodStart,
            periodEnd,
            metric: 'crossed_vehicles',
            value: Math.round(level * share * (0.85 + 0.3 * rand())),
            vehicleClass: site.vehicleClass,
            directionFrom: dirFrom,
            directionTo: dirTo,
          }),
        );
      }
      if (!site.queue) continue;
      for (let day = 0; day * 3 * 86_400_000 < periodEnd.getTime() - periodStart.getTime(); day++) {
        const observedAt = new Date(periodStart.getTime() + day * 3 * 86_400_000 + 1 * 3_600_000);
        rows.push(
          row(`${site.crossingId}:queue:${m}:${day}`, {
            crossingId: site.crossingId,
            observedAt,
            metric: 'queue_vehicles',
            value: Math.max(0, Math.round(level * (0.6 + 0.8 * rand()))),
            vehicleClass: site.vehicleClass,
            directionFrom: from,
            directionTo: to,
          }),
        );
      }
    }
  });
  return rows;
}

/** Loads the demo set; rows already there are skipped, so running it twice adds nothing. */
export async function seedDemo(prisma: PrismaClient): Promise<{ created: number }> {
  const { count } = await prisma.observation.createMany({ data: buildDemoObservations(), skipDuplicates: true });
  return { created: count };
}
