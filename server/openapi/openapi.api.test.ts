import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../test/test-app.js';
import { API_OPERATIONS } from './api-operations.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.cleanup());

describe('OpenAPI', () => {
  it('serves an OpenAPI 3.1 document that the OpenAPI schema accepts', async () => {
    const res = await t.request.get('/api/openapi.json').expect(200);
    expect(res.headers['content-type']).toMatch(/^application\/vnd\.oai\.openapi\+json/);
    const doc = JSON.parse(res.text);
    expect(doc.openapi).toBe('3.1.0');
    const result = await new Validator().validate(doc);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('and the OGC part as OpenAPI 3.0 for the oas30 conformance class', async () => {
    const doc = JSON.parse((await t.request.get('/ogc/openapi.json').expect(200)).text);
    expect(doc.openapi).toBe('3.0.3');
    expect(Object.keys(doc.paths).every((p) => p.startsWith('/ogc'))).toBe(true);
    const result = await new Validator().validate(doc);
    expect(result.errors ?? []).toEqual([]);
  });

  it('takes request schemas from the contracts the server validates with', async () => {
    const doc = JSON.parse((await t.request.get('/api/openapi.json')).text);
    const body = doc.paths['/api/observations'].post.requestBody.content['application/json'].schema;
    expect(body.required).toEqual(expect.arrayContaining(['crossingId', 'observedAt', 'metric', 'value', 'vehicleClass', 'method', 'source']));
    expect(body.properties.metric.enum).toEqual(['queue_vehicles', 'queue_length_m', 'crossed_vehicles', 'wait_minutes']);
    const items = doc.paths['/ogc/collections/{collectionId}/items'].get.parameters.map((p: { name: string }) => p.name);
    expect(items).toEqual(['collectionId', 'bbox', 'datetime', 'limit', 'cursor', 'offset', 'crossing_id', 'metric', 'method', 'f']);
    const login = doc.paths['/api/auth/login'].post;
    expect(login.requestBody.content['application/json'].schema.required).toEqual(['email', 'password']);
    expect(doc.paths['/api/review/decisions'].post.responses).toHaveProperty('403');
    const cbp = doc.paths['/api/imports/cbp'].post;
    expect(Object.keys(cbp.responses).sort()).toEqual(['200', '400', '401', '403', '404', '413', '415', '422', '429', '503']);
    expect(cbp.requestBody.content['multipart/form-data'].schema.properties.options.required).toEqual(['fetchedAt']);
    expect(Object.keys(doc.paths['/api/crossings'].get.responses)).not.toContain('429');
  });

  it('describes managing embeds: the edit body, the list and view answers, unpublishing and 410s', async () => {
    const doc = JSON.parse((await t.request.get('/api/openapi.json')).text);
    const patch = doc.paths['/api/views/{id}'].patch;
    expect(Object.keys(patch.requestBody.content['application/json'].schema.properties).sort()).toEqual(['description', 'title']);
    expect(patch.requestBody.content['application/json'].schema.properties.description.anyOf).toEqual(
      expect.arrayContaining([expect.objectContaining({ type: 'string', maxLength: 1000 })]),
    );
    expect(patch.responses).toHaveProperty('403');
    expect(patch.responses).toHaveProperty('410');
    const item = doc.paths['/api/views'].get.responses['200'].content['application/json'].schema.properties.items.items;
    expect(item.required).toEqual(expect.arrayContaining(['id', 'title', 'description', 'view', 'createdBy', 'createdAt', 'updatedAt', 'dataAsOf', 'embedUrl', 'embedCode', 'unpublishedAt']));
    expect(doc.paths['/api/views'].get.parameters.map((p: { name: string }) => p.name)).toEqual(['include']);
    expect(doc.paths['/api/views/{id}'].delete.responses).toHaveProperty('204');
    expect(doc.paths['/api/views/{id}'].get.responses['200'].content['application/json'].schema.properties).not.toHaveProperty('createdBy');
    expect(doc.paths['/embed/{id}'].get.responses['410'].content).toHaveProperty('text/html');
    expect(doc.paths['/embed/{id}/data.json'].get.responses).toHaveProperty('410');
  });

  it('describes every success body: a JSON answer by its contract, text and images by what they are (both documents)', async () => {
    const isJson = (type: string) => /^application\/([\w.-]+\+)?json$/.test(type);
    for (const url of ['/api/openapi.json', '/ogc/openapi.json']) {
      const doc = JSON.parse((await t.request.get(url).expect(200)).text);
      const missing: string[] = [];
      for (const [path, ops] of Object.entries<Record<string, { responses: Record<string, { content?: Record<string, { schema?: Record<string, unknown> }> }> }>>(doc.paths)) {
        for (const [method, op] of Object.entries(ops)) {
          for (const [status, response] of Object.entries(op.responses).filter(([s]) => s.startsWith('2'))) {
            for (const [type, media] of Object.entries(response.content ?? {})) {
              // A JSON schema that says something: an object's properties, a union's members, a string's type.
              const described = media.schema && ['type', 'anyOf', 'oneOf', '$ref'].some((k) => k in media.schema!);
              if (!described || (isJson(type) && !media.schema!.properties && !media.schema!.anyOf && !media.schema!.oneOf)) missing.push(`${url}: ${method} ${path} ${status} ${type}`);
            }
          }
        }
      }
      expect(missing).toEqual([]);
    }
    // Every JSON answer names its contract, so the server's types and the document come from one place.
    expect(API_OPERATIONS.filter((op) => /json/.test(op.ok.type) && !op.response).map((op) => `${op.method} ${op.path}`)).toEqual([]);
  });

  it('describes only routes that exist: none of them answers "no route"', async () => {
    for (const op of API_OPERATIONS) {
      const path = op.path.replace(/\{[^}]+\}/g, 'x');
      const res = await t.request[op.method](path).set(t.as.admin).send(op.method === 'get' || op.method === 'delete' ? undefined : {});
      expect({ op: `${op.method} ${op.path}`, message: res.body?.error?.message ?? '' }).not.toMatchObject({ message: expect.stringMatching(/^No route for/) });
    }
  });

  it('has a readable docs page with every operation and no script', async () => {
    const res = await t.request.get('/api/docs').expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    for (const op of API_OPERATIONS) expect(res.text).toContain(`<code>${op.method.toUpperCase()} ${op.path}</code>`);
    expect(res.text).not.toContain('<script');
  });
});
