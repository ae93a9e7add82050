import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../test/test-app.js';

const MONTHLY = new URL('../../data/cn_dprk_monthly_trade.csv', import.meta.url).pathname;
const RETRIEVED = '2026-11-01';
const rows = parse(fs.readFileSync(MONTHLY, 'utf8'), { columns: true, trim: true, bom: true }) as Record<string, string>[];
const figureCount = rows.reduce((n, r) => n + ['china_exports_usd', 'china_imports_usd', 'total_usd'].filter((c) => r[c]).length, 0);

let t: TestApp;
let dir: string;
const upload = (file: string, options: Record<string, unknown> = { retrievedAt: RETRIEVED }) =>
  t.request.post('/api/imports/trade').set(t.as.analyst).attach('file', file).field('options', JSON.stringify(options));
const write = (name: string, text: string) => {
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  return file;
};

beforeAll(async () => {
  t = await startTestApp();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'landport-trade-'));
});
afterAll(async () => {
  fs.rmSync(dir, { recursive: true, force: true });
  await t.cleanup();
});

describe('trade figures import', () => {
  it('imports any pair in the general layout, the figures being the reporter\'s, and names a bad code by line', async () => {
    const file = write('us-mx.csv', [
      'month,reporter,partner,exports_usd,imports_usd,total_usd,source',
      '2021-03,US,MX,23332918189,33314987509,,US Census via test file',
      '2021-04,US,MX,22372547861,31993950928,,US Census via test file',
    ].join('\n'));
    const res = await upload(file).expect(200);
    expect(res.body).toMatchObject({ layout: 'landport', committed: true, created: 4 });
    const trade = await t.request.get('/api/trade/monthly').query({ reporter: 'US', partner: 'MX', from: '2021-03', to: '2021-04' });
    expect(trade.body.months[0]).toMatchObject({ exports: { valueUsd: 23332918189 }, imports: { valueUsd: 33314987509 }, total: { valueUsd: 56647905698, derived: true } });
    const bad = write('bad.csv', 'month,reporter,partner,exports_usd,source\n2021-03,US,MX,1,s\n2021-04,USA,MX,1,s\n');
    const refused = await upload(bad).expect(422);
    expect(refused.body.errors).toEqual([{ line: 3, fields: [expect.objectContaining({ path: 'reporter' })] }]);
    await t.db.prisma.tradeFigure.deleteMany();
  });

  it('imports our layout (the file in data/), and again changes nothing', async () => {
    const dry = await upload(MONTHLY, { dryRun: true, retrievedAt: RETRIEVED }).expect(200);
    expect(dry.body).toMatchObject({ layout: 'landport', dryRun: true, committed: false, rows: rows.length, invalid: 0, created: figureCount });
    expect(await t.db.prisma.tradeFigure.count()).toBe(0);
    const first = await upload(MONTHLY).expect(200);
    expect(first.body).toMatchObject({ committed: true, created: figureCount, existing: 0, revisions: 0 });
    const again = await upload(MONTHLY).expect(200);
    expect(again.body).toMatchObject({ committed: true, created: 0, existing: figureCount, revisions: 0 });
  });

  it('keeps a revised figure as a new revision and the old one, superseded; the API gives the revision', async () => {
    const r = rows.find((x) => x.china_exports_usd && !x.source.includes(','))!;
    const revised = String(Number(r.china_exports_usd) + 1_000_000);
    const file = write('revised.csv', `month,china_exports_usd,china_imports_usd,total_usd,source\n${r.month},${revised},,,${r.source}\n`);
    const res = await upload(file).expect(200);
    expect(res.body).toMatchObject({ committed: true, created: 0, revisions: 1 });
    const stored = await t.db.prisma.tradeFigure.findMany({ where: { period: r.month, flow: 'export', source: r.source }, orderBy: { revision: 'asc' } });
    expect(stored.map((f) => [f.revision, String(f.valueUsd), f.supersededAt !== null])).toEqual([[1, r.china_exports_usd, true], [2, revised, false]]);
    // The older file once more: its replaced value stays replaced.
    const older = write('older.csv', `month,china_exports_usd,china_imports_usd,total_usd,source\n${r.month},${r.china_exports_usd},,,${r.source}\n`);
    expect((await upload(older).expect(200)).body).toMatchObject({ created: 0, revisions: 0, existing: 1 });
    const api = await t.request.get('/api/trade/monthly').query({ from: r.month, to: r.month }).expect(200);
    const shown = [api.body.months[0].exports, ...api.body.months[0].alternatives].filter((f: { source: string } | null) => f?.source === r.source);
    expect(shown.map((f: { valueUsd: number }) => String(f.valueUsd))).toEqual([revised]);
  });

  it('imports UN Comtrade\'s layout: codes to countries, X/M to flows, YYYYMM to months', async () => {
    // Figures of our monthly file laid out in Comtrade's columns (the test's own file: real values, not Comtrade's).
    // One source per month: Comtrade has one figure per month and flow.
    const byMonth = new Map(rows.filter((r) => r.china_exports_usd || r.china_imports_usd).map((r) => [r.month, r]));
    const picked = [...byMonth.values()].slice(0, 10);
    const lines = picked.flatMap((r) => [
      ...(r.china_exports_usd ? [`M,${r.month.replace('-', '')},156,408,X,TOTAL,${r.china_exports_usd}.0`] : []),
      ...(r.china_imports_usd ? [`M,${r.month.replace('-', '')},156,408,M,TOTAL,${r.china_imports_usd}`] : []),
    ]);
    const file = write('comtrade.csv', `freqCode,period,reporterCode,partnerCode,flowCode,cmdCode,primaryValue\n${lines.join('\n')}\n`);
    const res = await upload(file).expect(200);
    expect(res.body).toMatchObject({ layout: 'comtrade', committed: true, invalid: 0, created: lines.length, revisions: 0 });
    const first = picked[0];
    const flow = first.china_exports_usd ? 'export' : 'import';
    const stored = await t.db.prisma.tradeFigure.findFirst({ where: { period: first.month, flow, source: 'UN Comtrade' } });
    expect(stored).toMatchObject({ reporter: 'CN', partner: 'KP', basis: 'GACC', periodKind: 'month' });
    expect(String(stored!.valueUsd)).toBe(flow === 'export' ? first.china_exports_usd : first.china_imports_usd);
  });

  it("reads Comtrade's full export columns, keeps a revised Comtrade figure, refuses breakdown rows, and records who imported", async () => {
    // The columns of Comtrade's final-data CSV; the figures are our file's (real, not Comtrade's), other months than above.
    const header = 'typeCode,freqCode,refPeriodId,refYear,refMonth,period,reporterCode,reporterISO,reporterDesc,flowCode,flowDesc,'
      + 'partnerCode,partnerISO,partnerDesc,partner2Code,partner2ISO,partner2Desc,classificationCode,classificationSearchCode,'
      + 'isOriginalClassification,cmdCode,cmdDesc,aggrLevel,isLeaf,customsCode,customsDesc,mosCode,motCode,motDesc,qtyUnitCode,'
      + 'qtyUnitAbbr,qty,isQtyEstimated,altQtyUnitCode,altQtyUnitAbbr,altQty,isAltQtyEstimated,netWgt,isNetWgtEstimated,grossWgt,'
      + 'isGrossWgtEstimated,cifvalue,fobvalue,primaryValue,legacyEstimationFlag,isReported,isAggregate';
    const line = (month: string, value: string, mot = '0') => {
      const [y, m] = month.split('-');
      return `C,M,${y}${m}01,${y},${Number(m)},${y}${m},156,CHN,China,X,Export,408,PRK,Dem. People's Rep. of Korea,0,W00,World,H6,HS,`
        + `False,TOTAL,All Commodities,0,False,C00,TOTAL CPC,0,${mot},${mot === '0' ? 'TOTAL MOT' : 'Road'},-1,N/A,0,False,-1,N/A,0,False,`
        + `0,False,0,False,,${value},${value},0,False,True`;
    };
    const months = [...new Map(rows.filter((r) => r.china_exports_usd).map((r) => [r.month, r])).values()].slice(10, 13);
    const file = write('comtrade-full.csv', [header, ...months.map((r) => line(r.month, r.china_exports_usd))].join('\r\n'));
    expect((await upload(file).expect(200)).body).toMatchObject({ layout: 'comtrade', committed: true, created: 3, revisions: 0 });

    const revisedValue = String(Number(months[0].china_exports_usd) + 500);
    const revised = write('comtrade-revised.csv', [header, line(months[0].month, revisedValue), line(months[1].month, months[1].china_exports_usd)].join('\n'));
    expect((await upload(revised).expect(200)).body).toMatchObject({ created: 0, revisions: 1, existing: 1 });
    const stored = await t.db.prisma.tradeFigure.findMany({ where: { period: months[0].month, flow: 'export', source: 'UN Comtrade' }, orderBy: { revision: 'asc' } });
    expect(stored.map((f) => [f.revision, String(f.valueUsd), f.supersededAt !== null])).toEqual([[1, months[0].china_exports_usd, true], [2, revisedValue, false]]);

    const breakdown = write('comtrade-by-road.csv', [header, line(months[2].month, '1000', '3200')].join('\n'));
    const refused = await upload(breakdown).expect(422);
    expect(refused.body.errors).toEqual([{ line: 2, fields: [{ path: 'motCode', message: expect.stringContaining('must be 0') }] }]);

    const audit = await t.db.prisma.auditEvent.findMany({ where: { action: 'trade.imported' }, orderBy: { id: 'desc' }, take: 1 });
    expect(audit[0]).toMatchObject({ actorLabel: expect.any(String), after: expect.objectContaining({ layout: 'comtrade', revisions: 1, existing: 1 }) });
    expect(audit[0].actorUserId).not.toBeNull();
  });

  it('refuses the whole file for one bad row, naming line and field', async () => {
    const before = await t.db.prisma.tradeFigure.count();
    const file = write('bad-comtrade.csv', [
      'period,reporterCode,partnerCode,flowCode,cmdCode,primaryValue',
      '202301,156,408,X,TOTAL,100',
      '202301,156,0,X,TOTAL,100',
      '202302,156,408,RX,TOTAL,100',
      '202303,156,408,M,27,100',
      '202313,156,408,M,TOTAL,-5',
    ].join('\n'));
    const res = await upload(file).expect(422);
    expect(res.body).toMatchObject({ committed: false, invalid: 4 });
    expect(res.body.errors.map((e: { line: number; fields: { path: string }[] }) => [e.line, e.fields.map((f) => f.path)])).toEqual([
      [3, ['partnerCode']], [4, ['flowCode']], [5, ['cmdCode']], [6, ['period', 'primaryValue']],
    ]);
    expect(await t.db.prisma.tradeFigure.count()).toBe(before);
    const unknown = await upload(write('other.csv', 'a,b\n1,2\n')).expect(400);
    expect(unknown.body.error.details.fields[0].path).toBe('file');
  });
});
