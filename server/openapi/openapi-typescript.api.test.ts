import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../test/test-app.js';

// A client generated from the served documents with openapi-typescript must know the answers' fields: a client
// written against it compiles, a mistake in it does not, and no JSON answer is typed `unknown` or `never`.

let t: TestApp;
let dir: string;
beforeAll(async () => {
  t = await startTestApp();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'landport-openapi-ts-'));
});
afterAll(async () => {
  fs.rmSync(dir, { recursive: true, force: true });
  await t.cleanup();
});

type Doc = { paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, unknown> }> }>> };

/** Writes the served document and the types openapi-typescript makes of it; returns the document. */
async function generate(url: string, name: string): Promise<Doc> {
  const text = (await t.request.get(url).expect(200)).text;
  const file = path.join(dir, `${name}.json`);
  fs.writeFileSync(file, text);
  fs.writeFileSync(path.join(dir, `${name}.d.ts`), astToString(await openapiTS(pathToFileURL(file), { silent: true })));
  return JSON.parse(text) as Doc;
}

/**
 * One type-level check per JSON success answer: `Described<…>` only accepts `false`, so an answer typed `unknown`,
 * `any` or `never` (a schema the generator could not read) is a compile error naming the operation.
 */
function answerChecks(doc: Doc, name: string): { source: string; count: number } {
  const lines: string[] = [];
  for (const [p, ops] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      for (const [status, response] of Object.entries(op.responses).filter(([s]) => s.startsWith('2'))) {
        for (const type of Object.keys(response.content ?? {}).filter((m) => /json$/.test(m))) {
          lines.push(`type _${lines.length} = Described<Loose<${name}[${JSON.stringify(p)}][${JSON.stringify(method)}]['responses'][${status}]['content'][${JSON.stringify(type)}]>>;`);
        }
      }
    }
  }
  const source = [
    `import type { paths as ${name} } from './${name}';`,
    'type Loose<T> = unknown extends T ? true : [T] extends [never] ? true : false;',
    'type Described<T extends false> = T;',
    ...lines,
  ].join('\n');
  return { source, count: lines.length };
}

/** A small client of both documents: real fields compile, and each `@ts-expect-error` line must fail. */
const CLIENT = `
import type { paths as Api } from './api';
import type { paths as Ogc } from './ogc';

type Series = Api['/api/series']['get']['responses'][200]['content']['application/json'];
declare const series: Series;
const firstMonth: string = series.months[0].month;
const exportsUsd: number | undefined = series.months[0].trade?.exports?.valueUsd;
const countries: [string, string] = series.crossing.countries;
// @ts-expect-error A month without observations has activity null: it must be checked first.
const observations: number = series.months[0].activity.observations;

type Crossings = Api['/api/crossings']['get']['responses'][200]['content']['application/geo+json'];
declare const crossings: Crossings;
const crossing = crossings.features[0];
const nameEn: string = crossing.properties.names.en;
const nameZh: string | null = crossing.properties.names.zh;
const lon: number | undefined = crossing.geometry?.coordinates[0];
const waiting: number | undefined = crossing.properties.activity.latest.queue_vehicles?.value;
// @ts-expect-error The geometry is null where no source gives the location.
const lat: number = crossing.geometry.coordinates[1];
// @ts-expect-error Names are { en, zh, ko }: there is no nameEn.
const misnamed: string = crossing.properties.nameEn;

type Observation = Api['/api/observations']['post']['responses'][201]['content']['application/json'];
declare const stored: Observation;
const metric: 'queue_vehicles' | 'queue_length_m' | 'crossed_vehicles' | 'wait_minutes' = stored.metric;
// @ts-expect-error The metric is one of four words, not any string.
const anyMetric: typeof stored.metric = 'trucks';

type ImportReport = Api['/api/imports']['post']['responses'][200]['content']['application/json'];
declare const report: ImportReport;
const created: number = report.created;
const badLine: number = report.errors[0].line;
// @ts-expect-error A count, not text.
const createdText: string = report.created;

type Me = Api['/api/auth/me']['get']['responses'][200]['content']['application/json'];
declare const me: Me;
const email: string | undefined = me.user?.email;
// @ts-expect-error The public is user null.
const signedInEmail: string = me.user.email;

type OgcItems = Ogc['/ogc/collections/{collectionId}/items']['get']['responses'][200]['content']['application/geo+json'];
declare const items: OgcItems;
const returned: number = items.numberReturned;
const feature = items.features[0];
if ('value' in feature.properties) {
  const value: number = feature.properties.value;
  const observedAt: string = feature.properties.observed_at;
}
// @ts-expect-error Either collection's feature: only an observation has a value.
const value: number = feature.properties.value;

type OgcItem = Api['/ogc/collections/{collectionId}/items/{featureId}']['get']['responses'][200]['content']['application/geo+json'];
declare const item: OgcItem;
const self: string = item.links[0].href;
`;

describe('types generated with openapi-typescript', () => {
  it('type every JSON answer of both documents, and a client of them compiles strictly, its mistakes not', async () => {
    const api = answerChecks(await generate('/api/openapi.json', 'api'), 'api');
    const ogc = answerChecks(await generate('/ogc/openapi.json', 'ogc'), 'ogc');
    expect(api.count).toBeGreaterThan(55);
    expect(ogc.count).toBeGreaterThanOrEqual(8);
    const files = { 'client.ts': CLIENT, 'api-answers.ts': api.source, 'ogc-answers.ts': ogc.source };
    for (const [name, source] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), source);

    const program = ts.createProgram(Object.keys(files).map((f) => path.join(dir, f)), {
      strict: true, noEmit: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler, lib: ['lib.es2022.d.ts'], types: [],
    });
    const diagnostics = ts.getPreEmitDiagnostics(program).map((d) => {
      const where = d.file && d.start !== undefined ? `${path.basename(d.file.fileName)}:${d.file.getLineAndCharacterOfPosition(d.start).line + 1}` : '';
      return `${where} ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
    });
    expect(diagnostics).toEqual([]);
  });
});
