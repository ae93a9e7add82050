import fs from 'node:fs';
import { parse } from 'csv-parse';
import type { PrismaClient } from '../generated/prisma/client.js';
import type { FeedImportOptions, FeedImportReport } from '../contracts/imports.js';
import { HttpError } from '../http/http-error.js';
import type { Submitter } from '../observations/submit-observations.js';
import { readCsvRows } from '../imports/read-rows.js';
import { FEED_PROGRESS_EVERY, newFeedReport, rowErrors, secondsSince } from '../imports/import-report.js';
import { parseComtradeRow, parseLandportTradeRow, tradeLayoutOf, type TradeLayout, type TradeRecord } from './trade-rows.js';
import { queueImportCommitted } from '../webhooks/import-events.js';

type FigureKey = { periodKind: string; period: string; reporter: string; partner: string; flow: string; source: string };
const keyOf = (r: FigureKey) => `${r.periodKind}|${r.period}|${r.reporter}|${r.partner}|${r.flow}|${r.source}`;

/** The first line's cells; a first line that is not CSV at all (broken quotes) has none. */
async function headerOf(file: string): Promise<string[]> {
  const parser = fs.createReadStream(file).pipe(parse({ bom: true, to_line: 1, trim: true }));
  try {
    for await (const row of parser as AsyncIterable<string[]>) return row;
  } catch {
    return [];
  }
  return [];
}

/**
 * Imports monthly or annual trade figures from our CSV layout or UN Comtrade's. All or nothing
 * per file. A figure already stored for the same period, flow and source is left alone when
 * equal; when the file gives another value, that is the source's revision: stored as the next
 * revision, the old one kept and marked superseded, never overwritten.
 */
export async function importTrade(
  prisma: PrismaClient,
  file: string,
  opts: FeedImportOptions,
  by: Submitter,
  limits: { maxRows: number },
  onProgress: (rows: number, phase?: 'read' | 'write') => void = () => {},
): Promise<FeedImportReport> {
  const started = performance.now();
  const layout: TradeLayout | null = tradeLayoutOf(await headerOf(file));
  if (!layout) {
    throw new HttpError(400, 'invalid_file', 'The header is neither landport\'s trade layout (month or year, reporter, partner, exports_usd, imports_usd, total_usd, source; or the older china_exports_usd, china_imports_usd) nor UN Comtrade\'s (period, reporterCode, partnerCode, flowCode, primaryValue)', {
      fields: [{ path: 'file', message: 'unknown trade layout' }],
    });
  }
  const report = newFeedReport(layout, opts.dryRun);
  const errors = rowErrors();
  const addError = errors.add;
  const figures = new Map<string, TradeRecord & { line: number }>();
  const parseRow = layout === 'comtrade' ? parseComtradeRow : parseLandportTradeRow;

  for await (const row of readCsvRows(file, limits.maxRows)) {
    report.rows++;
    const parsed = parseRow(row.fields as Record<string, string>);
    if ('issues' in parsed) {
      report.invalid++;
      addError({ line: row.line, fields: parsed.issues });
      continue;
    }
    for (const r of parsed.records) {
      const seen = figures.get(keyOf(r));
      if (seen && seen.valueUsd !== r.valueUsd) {
        report.invalid++;
        addError({ line: row.line, fields: [{ path: r.flow, message: `differs from line ${seen.line} for the same period, flow and source` }] });
      } else if (!seen) figures.set(keyOf(r), { ...r, line: row.line });
    }
    if (report.rows % FEED_PROGRESS_EVERY === 0) onProgress(report.rows, 'read');
  }
  onProgress(report.rows, 'read');

  if (report.invalid === 0) {
    const retrievedAt = new Date(`${opts.retrievedAt}T00:00:00Z`);
    // One transaction: reading the current figures and writing revisions see the same state.
    await prisma.$transaction(async (tx) => {
      const all = [...figures.values()];
      // Every revision of the file's keys: the current one, and the values a source gave before.
      const current = new Map<string, { id: number; valueUsd: bigint; revision: number }>();
      const earlier = new Map<string, Set<bigint>>();
      for (let i = 0; i < all.length; i += 2000) {
        const slice = all.slice(i, i + 2000);
        const rows = await tx.tradeFigure.findMany({
          where: { OR: slice.map((f) => ({ periodKind: f.periodKind, period: f.period, reporter: f.reporter, partner: f.partner, flow: f.flow, source: f.source })) },
          select: { id: true, periodKind: true, period: true, reporter: true, partner: true, flow: true, source: true, valueUsd: true, revision: true, supersededAt: true },
        });
        for (const r of rows) {
          if (r.supersededAt === null) current.set(keyOf(r), r);
          else earlier.set(keyOf(r), (earlier.get(keyOf(r)) ?? new Set()).add(r.valueUsd));
        }
      }
      const fresh: typeof all = [];
      const revised: { figure: (typeof all)[number]; previous: { id: number; revision: number } }[] = [];
      for (const f of all) {
        const now = current.get(keyOf(f));
        if (!now) fresh.push(f);
        // An older file again: a value the source already replaced does not come back as current.
        else if (now.valueUsd === f.valueUsd || earlier.get(keyOf(f))?.has(f.valueUsd)) report.existing++;
        else revised.push({ figure: f, previous: now });
      }
      report.created = fresh.length;
      report.revisions = revised.length;
      if (opts.dryRun) return;
      const data = ({ line: _line, ...f }: (typeof all)[number], revision = 1) => ({ ...f, revision, retrievedAt });
      if (fresh.length) await tx.tradeFigure.createMany({ data: fresh.map((f) => data(f)) });
      for (const { figure, previous } of revised) {
        await tx.tradeFigure.update({ where: { id: previous.id }, data: { supersededAt: new Date() } });
        await tx.tradeFigure.create({ data: data(figure, previous.revision + 1) });
      }
      // Figures carry their source; who brought them in, and when, is the audit trail's.
      await tx.auditEvent.create({
        data: {
          actorUserId: by.userId, actorLabel: by.label, action: 'trade.imported',
          after: { layout, retrievedAt: opts.retrievedAt, rows: report.rows, created: report.created, revisions: report.revisions, existing: report.existing },
        },
      });
      await queueImportCommitted(tx, { kind: 'trade', rowsTotal: report.rows, created: report.created, existing: report.existing, revisions: report.revisions });
    }, { timeout: 10 * 60_000, maxWait: 60_000 });
    report.committed = !opts.dryRun;
    if (report.committed) onProgress(report.created + report.revisions + report.existing, 'write');
  }
  report.errors = errors.sorted();
  report.errorsTruncated = errors.truncated;
  report.seconds = secondsSince(started);
  return report;
}
