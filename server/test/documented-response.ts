import { Ajv, type ValidateFunction } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type { Response } from 'supertest';
import type { TestApp } from './test-app.js';

// ajv-formats is CommonJS: its function is the module itself (`default` names it too).
const addFormats = addFormatsModule.default;

type Media = { schema?: object };
type OpenApi = { paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, Media> }> }>> };
type Version = '3.1' | '3.0';

/**
 * Checks real answers against the OpenAPI documents the app serves (not against the zod contracts they are made
 * from): what a client generator reads is what is tested. Objects in answers have `additionalProperties: false`,
 * so a field the server sends and the contract does not name fails as surely as a missing one.
 */
export async function documentedResponses(t: TestApp) {
  const read = async (url: string) => JSON.parse((await t.request.get(url).expect(200)).text) as OpenApi;
  const docs: Record<Version, OpenApi> = { '3.1': await read('/api/openapi.json'), '3.0': await read('/ogc/openapi.json') };
  // 3.1 schemas are JSON Schema 2020-12; 3.0's dialect is draft-07-like with `nullable`, which ajv knows.
  const ajv = { '3.1': addFormats(new Ajv2020({ strict: false, allErrors: true })), '3.0': addFormats(new Ajv({ strict: false, allErrors: true })) };
  const compiled = new Map<object, ValidateFunction>();

  /** What is wrong with `body` as the answer `status` of `method path` in `type`; empty when it is as documented. */
  function problems(version: Version, method: string, path: string, status: number, type: string, body: unknown): string[] {
    const op = docs[version].paths[path]?.[method];
    if (!op) return [`${version}: no operation ${method} ${path}`];
    const media = op.responses[String(status)]?.content?.[type];
    if (!media?.schema) return [`${version}: ${method} ${path} documents no ${type} body for ${status}`];
    let validate = compiled.get(media.schema);
    if (!validate) compiled.set(media.schema, (validate = ajv[version].compile(media.schema)));
    if (validate(body)) return [];
    return (validate.errors ?? []).map((e) => `${version} ${method} ${path} ${status}: ${e.instancePath || '(body)'} ${e.message} ${JSON.stringify(e.params)}`);
  }

  return {
    problems,
    /**
     * The body of `res` after checking it is what `method path` documents for its status and media type (for an
     * OGC path, in both documents). Throws with every mismatch named.
     */
    check(method: 'get' | 'post' | 'patch', path: string, res: Response): unknown {
      const type = String(res.headers['content-type'] ?? '').split(';')[0];
      const body: unknown = JSON.parse(res.text);
      const versions: Version[] = path.startsWith('/ogc') ? ['3.1', '3.0'] : ['3.1'];
      const found = versions.flatMap((v) => problems(v, method, path, res.status, type, body));
      if (found.length) throw new Error(`${method.toUpperCase()} ${path} answered ${res.status} ${type} unlike its document:\n${found.join('\n')}`);
      return body;
    },
  };
}

export type DocumentedResponses = Awaited<ReturnType<typeof documentedResponses>>;
