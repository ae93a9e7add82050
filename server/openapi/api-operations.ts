import type { ZodType } from 'zod';
import {
  createWebhookInput, createdWebhookResponse, updateWebhookInput, webhookDeliveriesQuery, webhookDeliveryListResponse, webhookDeliveryResponse,
  webhookListResponse, webhookResponse, webhookTestResponse,
} from '../contracts/webhooks.js';
import {
  createTokenInput, createUserInput, deviceSignInInput, loginInput, meResponse, newTokenResponse, sessionUserResponse, setupInput,
  setupStatusResponse, tokenListResponse, updateUserInput, userListResponse, userResponse,
} from '../contracts/auth.js';
import { createCrossingInput, updateCrossingInput } from '../contracts/crossings-admin.js';
import { crossingCollectionResponse, crossingFeatureResponse } from '../contracts/crossings.js';
import { embedBasemapResponse, embedDataResponse, embedImageQuery, oembedQuery, oembedResponse } from '../contracts/embeds.js';
import { cbpImportOptions, feedImportOptions, feedImportReportResponse, importOptions, importReportResponse } from '../contracts/imports.js';
import { appConfigResponse, healthResponse, openApiDocumentResponse } from '../contracts/meta.js';
import {
  auditTrailResponse, observationBatchInput, observationBatchResponse, observationExportQuery, observationInput, observationPageResponse,
  observationQuery, observationResponse,
} from '../contracts/observations.js';
import { ogcFormatQuery, ogcItemsQuery } from '../contracts/ogc.js';
import {
  observationExportResponse, ogcCollectionResponse, ogcCollectionsResponse, ogcConformanceResponse, ogcItemResponse, ogcItemsResponse,
  ogcJsonSchemaResponse, ogcLandingResponse,
} from '../contracts/ogc-responses.js';
import { reviewDecisionInput, reviewDecisionResponse, reviewQueueQuery, reviewQueueResponse } from '../contracts/review.js';
import { monthlyRollupQuery, monthlyRollupResponse } from '../contracts/rollups.js';
import { seriesQuery, seriesResponse } from '../contracts/series.js';
import { submissionResponse } from '../contracts/submissions.js';
import { analysisQuery, analysisResponse, bordersResponse } from '../contracts/analysis.js';
import { annualTradeQuery, annualTradeResponse, monthlyTradeQuery, monthlyTradeResponse } from '../contracts/trade.js';
import {
  createSavedViewInput, listSavedViewsQuery, managedSavedViewResponse, savedViewListResponse, savedViewResponse, updateSavedViewInput,
} from '../contracts/views.js';

/** Who may call an operation; every write checks its role on the server. */
export type Access = 'anyone' | 'observer' | 'analyst' | 'admin';

/**
 * One HTTP operation, described with the very zod schemas its route validates with: the
 * OpenAPI document is generated from these, so the two cannot drift apart in what they accept.
 */
export type ApiOperation = {
  method: 'get' | 'post' | 'patch' | 'delete';
  /** OpenAPI path, `{name}` for path parameters. */
  path: string;
  tag: string;
  summary: string;
  access: Access;
  query?: ZodType;
  body?: ZodType;
  /** multipart/form-data: field name → what it holds. */
  multipart?: Record<string, { description: string; binary?: boolean; many?: boolean; required?: boolean; json?: ZodType }>;
  /** The success response: status, media type, what it is. */
  ok: { status: number; type: string; description: string };
  /** The success body's contract: every JSON answer has one (openapi.api.test.ts checks); text and images have none. */
  response?: ZodType;
  /** For idempotent writes: the status (200) of a resend that was already stored, with the same body as `ok`. */
  resent?: { status: number; description: string };
  /** When it answers 410 Gone (an unpublished view), what that means here. */
  gone?: string;
};

const JSON_OK = (description: string, status = 200) => ({ status, type: 'application/json', description });
const EMBED_GONE = 'The view was unpublished (error code `unpublished`)';
const GEOJSON_OK = (description: string) => ({ status: 200, type: 'application/geo+json', description });
const RESENT = { status: 200, description: 'Already stored with the same content (a resend): nothing changed' };

export const API_OPERATIONS: ApiOperation[] = [
  { method: 'get', path: '/health', tag: 'meta', summary: 'Database reachable and migrations applied', access: 'anyone', response: healthResponse, ok: JSON_OK('Healthy') },
  { method: 'get', path: '/api/openapi.json', tag: 'meta', summary: 'This document: OpenAPI 3.1 for the whole REST API', access: 'anyone', response: openApiDocumentResponse, ok: { status: 200, type: 'application/vnd.oai.openapi+json', description: 'OpenAPI 3.1' } },
  { method: 'get', path: '/api/docs', tag: 'meta', summary: 'This document as a page to read', access: 'anyone', ok: { status: 200, type: 'text/html', description: 'HTML' } },
  { method: 'get', path: '/api/app-config', tag: 'meta', summary: 'Front-end settings (basemap style)', access: 'anyone', response: appConfigResponse, ok: JSON_OK('Settings') },

  { method: 'get', path: '/api/crossings', tag: 'crossings', summary: 'All crossings as GeoJSON, with an activity summary', access: 'anyone', response: crossingCollectionResponse, ok: GEOJSON_OK('FeatureCollection; unknown locations have null geometry') },
  { method: 'get', path: '/api/crossings/{id}', tag: 'crossings', summary: 'One crossing', access: 'anyone', response: crossingFeatureResponse, ok: GEOJSON_OK('Feature') },
  { method: 'post', path: '/api/admin/crossings', tag: 'crossings', summary: 'Add a crossing', access: 'admin', body: createCrossingInput, response: crossingFeatureResponse, ok: { ...GEOJSON_OK('The crossing as a Feature (no activity yet)'), status: 201 } },
  { method: 'patch', path: '/api/admin/crossings/{id}', tag: 'crossings', summary: 'Change a crossing', access: 'admin', body: updateCrossingInput, response: crossingFeatureResponse, ok: GEOJSON_OK('The crossing as a Feature, as changed') },

  { method: 'get', path: '/api/observations', tag: 'observations', summary: 'Observations, newest first, one page', access: 'anyone', query: observationQuery, response: observationPageResponse, ok: JSON_OK('{ items, nextCursor }; the public sees approved ones') },
  { method: 'get', path: '/api/observations/{id}', tag: 'observations', summary: 'One observation', access: 'anyone', response: observationResponse, ok: JSON_OK('The observation, if visible to the caller') },
  { method: 'get', path: '/api/observations/{id}/audit', tag: 'observations', summary: 'Who changed an observation, when, from what to what', access: 'analyst', response: auditTrailResponse, ok: JSON_OK('Audit events') },
  { method: 'post', path: '/api/observations', tag: 'observations', summary: 'Submit one observation (idempotent on its id)', access: 'observer', body: observationInput, response: observationResponse, ok: JSON_OK('Stored', 201), resent: RESENT },
  { method: 'post', path: '/api/observations/batch', tag: 'observations', summary: 'Submit up to 1,000 observations; one result per item', access: 'observer', body: observationBatchInput, response: observationBatchResponse, ok: JSON_OK('Per-item results') },
  {
    method: 'post', path: '/api/submissions', tag: 'observations', summary: 'An observation with photos, stored together or not at all', access: 'observer',
    multipart: { observation: { description: 'The observation as JSON (as for POST /api/observations)', required: true, json: observationInput }, photos: { description: 'JPEG, PNG or WebP photos', binary: true, many: true } },
    response: submissionResponse, ok: JSON_OK('Stored', 201), resent: RESENT,
  },
  {
    method: 'post', path: '/api/imports', tag: 'observations', summary: 'Bulk upload of a CSV or GeoJSON file (dry run, row errors, idempotent)', access: 'observer',
    multipart: { file: { description: 'CSV or GeoJSON', binary: true, required: true }, options: { description: 'Column mapping, defaults, dry run, mode', json: importOptions } },
    response: importReportResponse, ok: JSON_OK('Import report; with Accept: application/x-ndjson, progress lines then the report'),
  },
  {
    method: 'post', path: '/api/imports/bts', tag: 'imports', summary: 'US BTS Border Crossing Entry Data CSV (either layout): a crossing per port, an observation per measure; all or nothing', access: 'analyst',
    multipart: { file: { description: 'The BTS CSV', binary: true, required: true }, options: { description: 'dryRun and the download date', json: feedImportOptions, required: true } },
    response: feedImportReportResponse, ok: JSON_OK('Import report (422 when refused); with Accept: application/x-ndjson, progress lines first'),
  },
  {
    method: 'post', path: '/api/imports/trade', tag: 'imports', summary: 'Trade figures, landport\'s layout or UN Comtrade\'s; revisions kept; all or nothing', access: 'analyst',
    multipart: { file: { description: 'The trade CSV', binary: true, required: true }, options: { description: 'dryRun and the download date', json: feedImportOptions, required: true } },
    response: feedImportReportResponse, ok: JSON_OK('Import report (422 when refused)'),
  },
  {
    method: 'post', path: '/api/imports/cbp', tag: 'imports', summary: 'A saved CBP Border Wait Times snapshot (bwtnew JSON): commercial lane waits per port; all or nothing', access: 'analyst',
    multipart: { file: { description: 'The snapshot as CBP serves it', binary: true, required: true }, options: { description: 'dryRun, when it was fetched, and from where', json: cbpImportOptions, required: true } },
    response: feedImportReportResponse, ok: JSON_OK('Import report (422 when refused); with Accept: application/x-ndjson, progress lines first'),
  },
  { method: 'get', path: '/api/exports/observations.geojson', tag: 'exports', summary: 'Every matching observation as GeoJSON (RFC 7946), streamed', access: 'anyone', query: observationExportQuery, response: observationExportResponse, ok: GEOJSON_OK('FeatureCollection at each crossing') },
  { method: 'get', path: '/api/exports/observations.csv', tag: 'exports', summary: 'Every matching observation as CSV (RFC 4180, formula cells neutralized)', access: 'anyone', query: observationExportQuery, ok: { status: 200, type: 'text/csv', description: 'CSV with lon/lat' } },

  { method: 'get', path: '/api/trade/monthly', tag: 'trade', summary: 'Monthly trade totals with sources; gaps listed', access: 'anyone', query: monthlyTradeQuery, response: monthlyTradeResponse, ok: JSON_OK('Months with the preferred figure per flow and the alternatives') },
  { method: 'get', path: '/api/trade/annual', tag: 'trade', summary: 'Annual totals as reported, with month coverage', access: 'anyone', query: annualTradeQuery, response: annualTradeResponse, ok: JSON_OK('Years') },
  { method: 'get', path: '/api/series', tag: 'analysis', summary: 'Monthly activity at a crossing beside trade', access: 'anyone', query: seriesQuery, response: seriesResponse, ok: JSON_OK('Series') },
  {
    method: 'get', path: '/api/analysis', tag: 'analysis', access: 'anyone', query: analysisQuery, response: analysisResponse,
    summary: 'What activity at a border or crossing says about the next customs figure: correlations, backtest, nowcast, anomalies (docs/analysis.md)',
    ok: JSON_OK('The analysis; the public gets approved observations only'),
  },
  { method: 'get', path: '/api/analysis/borders', tag: 'analysis', summary: 'The country pairs that have crossings, and the default border', access: 'anyone', response: bordersResponse, ok: JSON_OK('Borders') },
  { method: 'get', path: '/api/rollups/monthly', tag: 'analysis', summary: 'Every crossing’s monthly rollup of one metric', access: 'anyone', query: monthlyRollupQuery, response: monthlyRollupResponse, ok: JSON_OK('Months and per-crossing cells') },

  { method: 'post', path: '/api/auth/login', tag: 'accounts', summary: 'Sign in (session cookie); rate-limited', access: 'anyone', body: loginInput, response: sessionUserResponse, ok: JSON_OK('The user') },
  { method: 'post', path: '/api/auth/device', tag: 'accounts', summary: "Sign a device in with a device token (from an admin's QR code): a session tied to the token; rate-limited", access: 'anyone', body: deviceSignInInput, response: sessionUserResponse, ok: JSON_OK('The user') },
  { method: 'get', path: '/api/setup', tag: 'accounts', summary: 'Whether first-run setup is open (no admin exists yet)', access: 'anyone', response: setupStatusResponse, ok: JSON_OK('{ needed }') },
  { method: 'post', path: '/api/setup', tag: 'accounts', summary: 'Create the first admin with the one-time token the server printed; 410 once an admin exists', access: 'anyone', body: setupInput, response: sessionUserResponse, ok: JSON_OK('The admin, signed in', 201) },
  { method: 'post', path: '/api/auth/logout', tag: 'accounts', summary: 'Sign out', access: 'anyone', ok: { status: 204, type: '', description: 'Signed out' } },
  { method: 'get', path: '/api/auth/me', tag: 'accounts', summary: 'The signed-in user', access: 'anyone', response: meResponse, ok: JSON_OK('{ user }: null for the public') },
  { method: 'get', path: '/api/admin/users', tag: 'accounts', summary: 'Accounts', access: 'admin', response: userListResponse, ok: JSON_OK('Users') },
  { method: 'post', path: '/api/admin/users', tag: 'accounts', summary: 'Create an account', access: 'admin', body: createUserInput, response: userResponse, ok: JSON_OK('Created', 201) },
  { method: 'patch', path: '/api/admin/users/{id}', tag: 'accounts', summary: 'Change role, name, password or disable', access: 'admin', body: updateUserInput, response: userResponse, ok: JSON_OK('Updated') },
  { method: 'get', path: '/api/admin/tokens', tag: 'accounts', summary: 'API tokens', access: 'admin', response: tokenListResponse, ok: JSON_OK('Tokens (never their secrets)') },
  { method: 'post', path: '/api/admin/tokens', tag: 'accounts', summary: 'Create an API token (its secret is shown once)', access: 'admin', body: createTokenInput, response: newTokenResponse, ok: JSON_OK('Created', 201) },
  { method: 'delete', path: '/api/admin/tokens/{id}', tag: 'accounts', summary: 'Revoke an API token', access: 'admin', ok: { status: 204, type: '', description: 'Revoked' } },

  { method: 'get', path: '/api/admin/webhooks', tag: 'webhooks', summary: 'Webhook endpoints with their delivery counts (never their secrets)', access: 'admin', ok: JSON_OK('{ items }'), response: webhookListResponse },
  {
    method: 'post', path: '/api/admin/webhooks', tag: 'webhooks', summary: 'Register an endpoint (HTTPS, or http to a loopback address) for events; its signing secret is shown once', access: 'admin',
    body: createWebhookInput, ok: JSON_OK('Created, with `secret`', 201), response: createdWebhookResponse,
  },
  { method: 'get', path: '/api/admin/webhooks/{id}', tag: 'webhooks', summary: 'One endpoint', access: 'admin', ok: JSON_OK('The endpoint'), response: webhookResponse },
  { method: 'patch', path: '/api/admin/webhooks/{id}', tag: 'webhooks', summary: 'Change URL, events or description; `enabled: false` pauses deliveries (they wait)', access: 'admin', body: updateWebhookInput, ok: JSON_OK('The endpoint'), response: webhookResponse },
  { method: 'delete', path: '/api/admin/webhooks/{id}', tag: 'webhooks', summary: 'Delete an endpoint and its delivery log', access: 'admin', ok: { status: 204, type: '', description: 'Deleted' } },
  { method: 'post', path: '/api/admin/webhooks/{id}/secret', tag: 'webhooks', summary: 'A new signing secret, shown once; the old one stops signing at once', access: 'admin', ok: JSON_OK('The endpoint, with `secret`'), response: createdWebhookResponse },
  { method: 'post', path: '/api/admin/webhooks/{id}/test', tag: 'webhooks', summary: 'Queue a `webhook.test` event for this endpoint only', access: 'admin', ok: JSON_OK('{ eventId, deliveryId }', 202), response: webhookTestResponse },
  {
    method: 'get', path: '/api/admin/webhooks/{id}/deliveries', tag: 'webhooks', summary: 'The delivery log, newest first: each delivery with every try (status, error, time, the start of the answer)', access: 'admin',
    query: webhookDeliveriesQuery, ok: JSON_OK('{ items }'), response: webhookDeliveryListResponse,
  },
  { method: 'post', path: '/api/admin/webhooks/{id}/deliveries/{deliveryId}/retry', tag: 'webhooks', summary: 'Send a failed delivery once more', access: 'admin', ok: JSON_OK('The delivery, pending again', 202), response: webhookDeliveryResponse },

  { method: 'get', path: '/api/review/queue', tag: 'review', summary: 'Pending submissions with photos and likely duplicates', access: 'analyst', query: reviewQueueQuery, response: reviewQueueResponse, ok: JSON_OK('Queue') },
  { method: 'post', path: '/api/review/decisions', tag: 'review', summary: 'Approve or reject submissions (a reason is required to reject)', access: 'analyst', body: reviewDecisionInput, response: reviewDecisionResponse, ok: JSON_OK('Per-id results') },
  { method: 'get', path: '/photos/{name}', tag: 'review', summary: 'A photo by its content hash', access: 'anyone', ok: { status: 200, type: 'image/jpeg', description: 'The photo, if its observation is visible to the caller' } },

  {
    method: 'get', path: '/api/views', tag: 'embeds', summary: 'Published views, newest first (at most 200), with who saved them and how recent their data is', access: 'analyst',
    query: listSavedViewsQuery, ok: JSON_OK('{ items }: views with embed URL and code; with include=unpublished, unpublished ones too (unpublishedAt set)'), response: savedViewListResponse,
  },
  { method: 'post', path: '/api/views', tag: 'embeds', summary: 'Save the map view for embedding', access: 'analyst', body: createSavedViewInput, ok: JSON_OK('Short id, embed URL and code', 201), response: savedViewResponse },
  { method: 'get', path: '/api/views/{id}', tag: 'embeds', summary: 'A published view', access: 'anyone', ok: JSON_OK('The view'), response: savedViewResponse, gone: 'The view was unpublished' },
  {
    method: 'patch', path: '/api/views/{id}', tag: 'embeds', summary: 'Edit a published view’s title or description (its settings never change); its embed shows the new title at once', access: 'analyst',
    body: updateSavedViewInput, ok: JSON_OK('The view as edited'), response: managedSavedViewResponse, gone: 'The view was unpublished: it can no longer be edited',
  },
  {
    method: 'delete', path: '/api/views/{id}', tag: 'embeds', summary: 'Unpublish a view: its embed answers 410 Gone from then on (idempotent)', access: 'analyst',
    ok: { status: 204, type: '', description: 'Unpublished (or already unpublished)' },
  },
  { method: 'get', path: '/embed/{id}', tag: 'embeds', summary: 'The embed page (flags dark, plain, static, transparent, locale)', access: 'anyone', ok: { status: 200, type: 'text/html', description: 'HTML page for an iframe' }, gone: 'A short HTML page saying the map was unpublished by its publisher' },
  { method: 'get', path: '/embed/{id}/data.json', tag: 'embeds', summary: 'What an embed shows (approved data only)', access: 'anyone', response: embedDataResponse, ok: JSON_OK('Embed data'), gone: EMBED_GONE },
  { method: 'get', path: '/embed/{id}/data.csv', tag: 'embeds', summary: 'What an embed shows, as CSV: one row per month and series (activity, exports, imports) with that row’s own sources', access: 'anyone', ok: { status: 200, type: 'text/csv', description: 'CSV' }, gone: EMBED_GONE },
  { method: 'get', path: '/embed/{id}/basemap.json', tag: 'embeds', summary: 'Natural Earth cut to the embed’s area', access: 'anyone', response: embedBasemapResponse, ok: JSON_OK('countries and borders'), gone: EMBED_GONE },
  { method: 'get', path: '/embed/{id}/image.png', tag: 'embeds', summary: 'Static image of the view', access: 'anyone', query: embedImageQuery, ok: { status: 200, type: 'image/png', description: 'PNG' }, gone: EMBED_GONE },
  { method: 'get', path: '/embed/{id}/image.svg', tag: 'embeds', summary: 'Static image of the view', access: 'anyone', query: embedImageQuery, ok: { status: 200, type: 'image/svg+xml', description: 'SVG' }, gone: EMBED_GONE },
  { method: 'get', path: '/oembed', tag: 'embeds', summary: 'oEmbed for an embed URL (404 for an unknown or unpublished one)', access: 'anyone', query: oembedQuery, response: oembedResponse, ok: JSON_OK('oEmbed rich response') },

  { method: 'get', path: '/ogc', tag: 'ogc', summary: 'OGC API – Features landing page', access: 'anyone', query: ogcFormatQuery, response: ogcLandingResponse, ok: JSON_OK('Links') },
  { method: 'get', path: '/ogc/openapi.json', tag: 'ogc', summary: 'The OGC part as OpenAPI 3.0 (conformance class oas30)', access: 'anyone', response: openApiDocumentResponse, ok: { status: 200, type: 'application/vnd.oai.openapi+json', description: 'OpenAPI 3.0' } },
  { method: 'get', path: '/ogc/conformance', tag: 'ogc', summary: 'Conformance classes', access: 'anyone', query: ogcFormatQuery, response: ogcConformanceResponse, ok: JSON_OK('conformsTo') },
  { method: 'get', path: '/ogc/collections', tag: 'ogc', summary: 'Feature collections', access: 'anyone', query: ogcFormatQuery, response: ogcCollectionsResponse, ok: JSON_OK('Collections') },
  { method: 'get', path: '/ogc/collections/{collectionId}', tag: 'ogc', summary: 'One collection', access: 'anyone', query: ogcFormatQuery, response: ogcCollectionResponse, ok: JSON_OK('Collection') },
  { method: 'get', path: '/ogc/collections/{collectionId}/schema', tag: 'ogc', summary: "JSON Schema of the collection's features (Part 5)", access: 'anyone', query: ogcFormatQuery, response: ogcJsonSchemaResponse, ok: { status: 200, type: 'application/schema+json', description: 'JSON Schema' } },
  { method: 'get', path: '/ogc/collections/{collectionId}/schema.xsd', tag: 'ogc', summary: 'The same schema as a GML application schema (XSD), for GDAL before 3.9', access: 'anyone', ok: { status: 200, type: 'application/xml', description: 'XML Schema' } },
  { method: 'get', path: '/ogc/collections/{collectionId}/queryables', tag: 'ogc', summary: 'What the features can be filtered by (Part 3)', access: 'anyone', query: ogcFormatQuery, response: ogcJsonSchemaResponse, ok: { status: 200, type: 'application/schema+json', description: 'JSON Schema of the queryables' } },
  { method: 'get', path: '/ogc/collections/{collectionId}/items', tag: 'ogc', summary: 'Features, with bbox, datetime, limit, offset or next links, and the queryables crossing_id, metric and method', access: 'anyone', query: ogcItemsQuery, response: ogcItemsResponse, ok: GEOJSON_OK('FeatureCollection') },
  { method: 'get', path: '/ogc/collections/{collectionId}/items/{featureId}', tag: 'ogc', summary: 'One feature', access: 'anyone', query: ogcFormatQuery, response: ogcItemResponse, ok: GEOJSON_OK('Feature') },
];
