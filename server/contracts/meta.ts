import { z } from 'zod';

/** `GET /health`: 200 when the database answers and no migration is pending (`ok`); 503 otherwise. */
export const healthResponse = z.object({
  status: z.enum(['ok', 'migrations_pending']).describe('ok with 200; migrations_pending with 503 (an unreachable database: 503, database_unreachable, without migrations and memory)'),
  version: z.string(),
  database: z.object({
    kind: z.enum(['embedded', 'postgresql']),
    reachable: z.literal(true),
    readReplica: z.enum(['none', 'reachable']).describe('Public reads go to the replica when there is one: it must answer too'),
  }),
  migrations: z.object({ applied: z.number().int(), pending: z.array(z.string()).describe('Names of the migrations not applied yet') }),
  memory: z.object({ rssMb: z.number(), heapUsedMb: z.number(), heapTotalMb: z.number(), externalMb: z.number() })
    .describe('How much of the process is live JavaScript heap, in MB, for operators and the benchmarks'),
});
export type HealthDto = z.output<typeof healthResponse>;

/** `GET /api/app-config`: what the front end needs before it draws the map. */
export const appConfigResponse = z.object({
  basemapStyleUrl: z.string().nullable().describe('A vector-tile style for online deployments; null: the built-in offline basemap'),
});
export type AppConfigDto = z.output<typeof appConfigResponse>;

/** `GET /api/openapi.json` and `/ogc/openapi.json`: an OpenAPI document (its own schema is the OpenAPI specification's). */
export const openApiDocumentResponse = z.looseObject({
  openapi: z.string().describe('3.1.0, or 3.0.3 for the OGC part'),
  info: z.looseObject({ title: z.string(), version: z.string() }),
  paths: z.record(z.string(), z.record(z.string(), z.unknown())),
});
