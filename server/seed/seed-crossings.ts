import type { Prisma, PrismaClient } from '../generated/prisma/client.js';
import { readDataCsv } from './read-csv.js';

const toNumber = (s: string) => (s.trim() === '' ? null : Number(s));
const orNull = (s: string | undefined) => (s && s.trim() !== '' ? s.trim() : null);
/**
 * A Chinese or Korean name as the source writes it. The reference set appends its compiler's English notes in
 * brackets to a few ("三合口岸 / 三合國境大橋 (as written, traditional chars)"): a note, not part of the name, so a
 * Chinese reader is not shown English inside one. The note stays in the CSV beside its source.
 */
export const localName = (s: string | undefined) => orNull(s?.replace(/\s*\((?:as written|per )[^)]*\)\s*$/i, ''));

/** data/crossings.csv row → database row. Sources separated by " | " become one entry each. */
export function crossingFromCsv(r: Record<string, string>): Prisma.CrossingCreateInput {
  const [countryA, countryB] = r.countries.split('-');
  if (!r.id || !countryA || !countryB) throw new Error(`data/crossings.csv: bad row ${JSON.stringify(r)}`);
  return {
    id: r.id,
    nameEn: r.name_en,
    nameZh: localName(r.name_zh),
    nameKo: localName(r.name_ko),
    countryA,
    countryB,
    kind: r.kind_code as Prisma.CrossingCreateInput['kind'],
    kindNote: orNull(r.kind),
    lat: toNumber(r.lat),
    lon: toNumber(r.lon),
    status: r.status as Prisma.CrossingCreateInput['status'],
    sources: r.source.split(' | ').map((s) => s.trim()).filter(Boolean),
  };
}

const SAME_FIELDS = ['nameEn', 'nameZh', 'nameKo', 'countryA', 'countryB', 'kind', 'kindNote', 'lat', 'lon', 'status'] as const;

/** Inserts new crossings and updates changed ones; an unchanged row is not touched (updatedAt stays). */
export async function seedCrossings(prisma: PrismaClient): Promise<{ created: number; updated: number }> {
  const wanted = readDataCsv('crossings.csv').map(crossingFromCsv);
  const existing = new Map((await prisma.crossing.findMany()).map((c) => [c.id, c]));
  let created = 0;
  let updated = 0;
  for (const c of wanted) {
    const have = existing.get(c.id);
    if (!have) {
      // Two servers starting together both seed: the second insert finds the row and does nothing.
      created += (await prisma.crossing.createMany({ data: [c], skipDuplicates: true })).count;
    } else if (
      SAME_FIELDS.some((f) => have[f] !== (c[f] ?? null)) ||
      JSON.stringify(have.sources) !== JSON.stringify(c.sources)
    ) {
      const { id, ...rest } = c;
      await prisma.crossing.update({ where: { id }, data: rest });
      updated++;
    }
  }
  return { created, updated };
}
