import { z, type ZodType } from 'zod';
import { SESSION_COOKIE } from '../auth/authenticate.js';
import { API_OPERATIONS, type ApiOperation } from './api-operations.js';

type Version = '3.1.0' | '3.0.3';
type JsonSchema = Record<string, unknown>;

/** The one error shape every 4xx and 5xx has (server/http/error-middleware.ts). */
const ERROR_SCHEMA: JsonSchema = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: {
        code: { type: 'string', description: 'Stable, such as invalid_request, not_found, forbidden' },
        message: { type: 'string' },
        details: { description: 'For 400: `fields`, each `{ path, message }` naming the bad field or row' },
      },
    },
  },
};

/**
 * OpenAPI 3.0 has no tuples: zod writes a tuple's items as an anyOf of every position's schema. Where they are all
 * the same (a [longitude, latitude] pair), one items schema says it without the duplicates linters warn about.
 */
function oneTupleItem({ jsonSchema }: { jsonSchema: JsonSchema }) {
  const anyOf = (jsonSchema.items as { anyOf?: unknown[] } | undefined)?.anyOf;
  if (jsonSchema.type === 'array' && anyOf?.length && anyOf.every((s) => JSON.stringify(s) === JSON.stringify(anyOf[0]))) jsonSchema.items = anyOf[0];
}

/** A zod schema as JSON Schema: a request as it looks on the wire (before defaults and transforms), or an answer as sent. */
function schemaOf(schema: ZodType, version: Version, io: 'input' | 'output' = 'input'): JsonSchema {
  const out = z.toJSONSchema(schema, {
    io, unrepresentable: 'any', target: version === '3.0.3' ? 'openapi-3.0' : 'draft-2020-12', override: version === '3.0.3' ? oneTupleItem : undefined,
  }) as JsonSchema;
  delete out.$schema;
  return out;
}

function parameters(op: ApiOperation, version: Version) {
  const path = [...op.path.matchAll(/\{(\w+)\}/g)].map(([, name]) => ({ name, in: 'path', required: true, schema: { type: 'string' } }));
  if (!op.query) return path;
  const q = schemaOf(op.query, version) as { properties?: Record<string, JsonSchema>; required?: string[] };
  const query = Object.entries(q.properties ?? {}).map(([name, { parameter, ...schema }]) => {
    // A contract can declare how a parameter is written on the wire (`parameter` in its meta): the OGC
    // fragments' style/explode, and a bbox that is an array of numbers although zod reads it as text.
    const declared = (parameter ?? {}) as { style?: string; explode?: boolean; schema?: JsonSchema };
    return {
      name, in: 'query', required: (q.required ?? []).includes(name),
      ...(declared.style ? { style: declared.style, explode: declared.explode } : {}),
      schema: declared.schema ? { ...declared.schema, ...(schema.description ? { description: schema.description } : {}) } : schema,
      ...(typeof schema.description === 'string' ? { description: schema.description } : {}),
    };
  });
  return [...path, ...query];
}

function requestBody(op: ApiOperation, version: Version) {
  if (op.body) return { required: true, content: { 'application/json': { schema: schemaOf(op.body, version) } } };
  if (!op.multipart) return undefined;
  const properties: Record<string, JsonSchema> = {};
  const encoding: Record<string, { contentType: string }> = {};
  for (const [name, f] of Object.entries(op.multipart)) {
    const file = version === '3.1.0' ? { type: 'string', contentMediaType: 'application/octet-stream' } : { type: 'string', format: 'binary' };
    const one = f.json ? schemaOf(f.json, version) : f.binary ? file : { type: 'string' };
    properties[name] = { ...(f.many ? { type: 'array', items: one } : one), description: f.description };
    if (f.json) encoding[name] = { contentType: 'application/json' };
  }
  const required = Object.entries(op.multipart).filter(([, f]) => f.required).map(([n]) => n);
  return { required: true, content: { 'multipart/form-data': { schema: { type: 'object', properties, required }, encoding } } };
}

/** Media types whose bodies are bytes, not text: a client reads them as a file (Blob), never as a string. */
const BINARY_TYPES = /^image\/(png|jpeg|webp)$/;
/** Text that is not JSON (pages, CSV, XML, SVG): described as a string; what is in it is the format's own business. */
const TEXT_TYPES = /^(text\/|application\/xml$|image\/svg\+xml$)/;

/**
 * The success body's schema: the contract's for JSON; for text and bytes, what they are on the wire. A JSON
 * answer without a contract gets none (openapi.api.test.ts fails on it), rather than a guess.
 */
function okContent(op: ApiOperation, version: Version): Record<string, { schema?: JsonSchema }> {
  if (op.response) return { [op.ok.type]: { schema: schemaOf(op.response, version, 'output') } };
  if (BINARY_TYPES.test(op.ok.type)) {
    return { [op.ok.type]: { schema: version === '3.1.0' ? { type: 'string', contentMediaType: op.ok.type } : { type: 'string', format: 'binary' } } };
  }
  if (TEXT_TYPES.test(op.ok.type)) return { [op.ok.type]: { schema: { type: 'string' } } };
  return { [op.ok.type]: {} };
}

function responses(op: ApiOperation, version: Version) {
  const error = (description: string) => ({ description, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } });
  const out: Record<string, unknown> = {
    [op.ok.status]: { description: op.ok.description, ...(op.ok.type ? { content: okContent(op, version) } : {}) },
    ...(op.resent ? { [op.resent.status]: { description: op.resent.description, content: okContent(op, version) } } : {}),
    '400': error('A parameter or body field is invalid; `details.fields` names each'),
    '404': error('Not found'),
    '503': error('The database is unreachable; retry after Retry-After seconds'),
  };
  if (op.access !== 'anyone') {
    out['401'] = error('Not signed in');
    out['403'] = error(`Needs the ${op.access} role or higher`);
  }
  if (op.gone) out['410'] = op.path === '/embed/{id}' ? { description: op.gone, content: { 'text/html': { schema: { type: 'string' } } } } : error(op.gone);
  if (op.method === 'get') out['304'] = { description: 'Not modified (If-None-Match matched the ETag)' };
  if (op.body || op.multipart) {
    out['413'] = error('The body or a file is larger than the configured limit; `details.fields` names which');
    out['415'] = error(op.multipart ? 'Not multipart/form-data, or a file of a type this operation does not take' : 'Not application/json');
  }
  if (op.path.startsWith('/api/imports')) {
    // The same report as the 200 (its `committed` false), not the error shape.
    out['422'] = { description: 'Refused: nothing was committed; the import report (not the error shape) names every bad row by line', content: okContent(op, version) };
  }
  // Sign-in attempts, wrong API tokens and uploads are counted (server/http/database-rate-limit-store.ts).
  if (op.path === '/api/auth/login' || op.access !== 'anyone') out['429'] = error('Too many attempts or uploads; retry after Retry-After seconds');
  return out;
}

/**
 * The OpenAPI document of the whole HTTP API (3.1 by default; 3.0 for clients such as OGC
 * tools that ask for it), built from `API_OPERATIONS` and the zod contracts they name.
 */
export function openApiDocument(opts: { version?: Version; serverUrl?: string; pathPrefix?: string } = {}) {
  const version = opts.version ?? '3.1.0';
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of API_OPERATIONS.filter((o) => !opts.pathPrefix || o.path.startsWith(opts.pathPrefix))) {
    const parameters_ = parameters(op, version);
    (paths[op.path] ??= {})[op.method] = {
      operationId: `${op.method}${op.path.replace(/[{}]/g, '').replace(/[^A-Za-z0-9]+(.)?/g, (_, c: string | undefined) => (c ?? '').toUpperCase())}`,
      tags: [op.tag],
      summary: op.summary,
      description: `Access: ${op.access === 'anyone' ? 'anyone (the public sees approved data only)' : `${op.access} or higher`}.`,
      ...(parameters_.length ? { parameters: parameters_ } : {}),
      ...(requestBody(op, version) ? { requestBody: requestBody(op, version) } : {}),
      responses: responses(op, version),
      // Public operations say so (`security: []`): a client generator would otherwise send credentials to them.
      security: op.access !== 'anyone' ? [{ session: [] }, { bearer: [] }] : [],
    };
  }
  return {
    openapi: version,
    info: {
      title: 'landport API',
      version: '0.1.0',
      description: 'Activity at land border crossings (observations with method and source) beside monthly customs trade totals.',
      license: { name: 'MIT', ...(version === '3.1.0' ? { identifier: 'MIT' } : { url: 'https://opensource.org/licenses/MIT' }) },
    },
    // Without a configured public URL the paths are relative to wherever the document was read from.
    servers: [opts.serverUrl ? { url: opts.serverUrl } : { url: '/', description: 'The server this document was read from' }],
    paths,
    // Only what the paths use: the OGC part (all public) has no security schemes.
    components: {
      ...(JSON.stringify(paths).includes('#/components/schemas/Error') ? { schemas: { Error: ERROR_SCHEMA } } : {}),
      ...(Object.values(paths).some((ops) => Object.values(ops as Record<string, { security?: unknown[] }>).some((o) => o.security?.length)) ? {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE, description: 'Set by POST /api/auth/login' },
          bearer: { type: 'http', scheme: 'bearer', description: 'An API token made by an admin' },
        },
      } : {}),
    },
  };
}
