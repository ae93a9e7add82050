/**
 * Finds a crossing from what a file calls it: its id, any of its names (English, Chinese,
 * Korean) with or without the bracketed qualifier ("Tumen Border Bridge" finds "Tumen Border
 * Bridge (Tumen–Namyang, road, 1941)"), ignoring case and spacing, or an alias someone confirmed
 * in an earlier import.
 */
export type NamedCrossing = { id: string; nameEn: string; nameZh: string | null; nameKo: string | null };
export type CrossingMatch = { ok: true; id: string } | { ok: false; message: string; candidates: { id: string; name: string }[] };

/** Case, width (NFKC), spacing, dashes and punctuation do not tell names apart. */
export const nameKey = (s: string) => s.normalize('NFKC').toLowerCase().replace(/[\s\p{P}\p{S}]+/gu, '');
const withoutQualifier = (s: string) => s.replace(/\s*[(（][^)）]*[)）]\s*$/u, '');

export function crossingMatcher(crossings: NamedCrossing[], aliases: Map<string, string>) {
  const byId = new Map(crossings.map((c) => [c.id.toLowerCase(), c]));
  const byName = new Map<string, Set<string>>();
  const add = (name: string | null, id: string) => {
    if (!name) return;
    // A source may give two names at once ("图们站 / 图们陆路(铁路)口岸"): either finds it.
    const names = [name, ...name.split(' / ')];
    for (const n of new Set(names.flatMap((x) => [x, withoutQualifier(x)]))) {
      const k = nameKey(n);
      if (k) byName.set(k, (byName.get(k) ?? new Set()).add(id));
    }
  };
  for (const c of crossings) [c.nameEn, c.nameZh, c.nameKo].forEach((n) => add(n, c.id));
  const label = (id: string) => byId.get(id)?.nameEn ?? id;

  /** The closest names, for a value that matched none. */
  function nearest(value: string) {
    const k = nameKey(withoutQualifier(value));
    const scored = crossings.map((c) => ({
      id: c.id,
      name: c.nameEn,
      d: Math.min(...[c.nameEn, withoutQualifier(c.nameEn), c.nameZh, c.nameKo, c.id].filter((n): n is string => !!n).map((n) => distance(k, nameKey(n)))),
    }));
    return scored.sort((a, b) => a.d - b.d).slice(0, 3).map(({ id, name }) => ({ id, name }));
  }

  const cache = new Map<string, CrossingMatch>();
  return function match(value: string): CrossingMatch {
    const hit = cache.get(value);
    if (hit) return hit;
    const v = value.trim();
    let m: CrossingMatch;
    const alias = aliases.get(nameKey(v));
    if (byId.has(v.toLowerCase())) m = { ok: true, id: byId.get(v.toLowerCase())!.id };
    else if (alias && byId.has(alias)) m = { ok: true, id: alias };
    else {
      const ids = byName.get(nameKey(v)) ?? byName.get(nameKey(withoutQualifier(v)));
      if (ids?.size === 1) m = { ok: true, id: [...ids][0] };
      else if (ids && ids.size > 1) {
        const candidates = [...ids].map((id) => ({ id, name: label(id) }));
        m = { ok: false, candidates, message: `"${v}" names ${ids.size} crossings: ${candidates.map((c) => `${c.name} (${c.id})`).join('; ')}; use the id or an alias` };
      } else {
        const candidates = nearest(v);
        m = { ok: false, candidates, message: `no crossing is called "${v}"; nearest: ${candidates.map((c) => c.name).join('; ')}` };
      }
    }
    if (cache.size < 10_000) cache.set(value, m);
    return m;
  };
}

/** Levenshtein distance, for suggesting the nearest names (names are short; the crossings few). */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length];
}
