import { describe, expect, it } from 'vitest';
import { readDataCsv } from './read-csv.js';
import { crossingFromCsv, localName } from './seed-crossings.js';

describe('crossing names from data/crossings.csv', () => {
  it('drops the compiler’s English note from a Chinese name and keeps the names themselves', () => {
    expect(localName('三合口岸 / 三合國境大橋 (as written, traditional chars)')).toBe('三合口岸 / 三合國境大橋');
    expect(localName('图们江大桥 (圈河口岸)')).toBe('图们江大桥 (圈河口岸)');
    expect(localName('  ')).toBeNull();
  });

  it('seeds no Chinese or Korean name that the data does not give, and none with English notes in it', () => {
    const rows = readDataCsv('crossings.csv').map(crossingFromCsv);
    const sanhe = rows.find((r) => r.id === 'cn-kp-sanhe-hoeryong')!;
    expect(sanhe.nameZh).toBe('三合口岸 / 三合國境大橋');
    expect(sanhe.nameKo).toBeNull();
    expect(rows.find((r) => r.id === 'cn-kp-kaishantun-sambong')).toMatchObject({ nameZh: null, nameKo: null });
    for (const r of rows) expect(`${r.nameZh ?? ''}${r.nameKo ?? ''}`).not.toMatch(/as written|traditional chars/);
  });
});
