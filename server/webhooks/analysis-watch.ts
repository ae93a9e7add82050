import { Prisma, type PrismaClient } from '../generated/prisma/client.js';
import { METRICS } from '../contracts/common.js';
import type { AnalysisDto, AnalysisQuery } from '../contracts/analysis.js';
import { getAnalysis, type AnalysisSettings } from '../analysis/analysis.service.js';
import { listBorders } from '../analysis/borders.js';
import type { Logger } from '../logger.js';
import { analysisChanges, watchStateOf, type WatchState } from './analysis-diff.js';
import { enqueueWebhookEvent } from './enqueue.js';
import { serialRuns } from './serial-runs.js';
import { webhookSignals } from './signals.js';

const WATCHED_FLOWS = ['imports', 'exports'] as const;

/**
 * The analyses watched for `anomaly.flagged` and `nowcast.changed`: every border, from the side that reports its
 * trade, both flows, every metric, on approved observations (what the public sees), as `GET /api/analysis` answers.
 */
export async function watchedAnalyses(prisma: PrismaClient): Promise<{ key: string; query: AnalysisQuery }[]> {
  const { borders } = await listBorders(prisma);
  return borders.flatMap((b) => {
    const reporter = b.tradeReporter ?? b.countries[0];
    const partner = b.countries[0] === reporter ? b.countries[1] : b.countries[0];
    return WATCHED_FLOWS.flatMap((flow) => METRICS.map((metric) => ({
      key: `${reporter}-${partner}/${flow}/${metric}`,
      query: { reporter, partner, flow, metric } as AnalysisQuery,
    })));
  });
}

/** Compares one analysis with what the last run saw and queues the events, holding the state row's lock: two servers never both report one change. */
async function compareAndQueue(prisma: PrismaClient, key: string, query: AnalysisQuery, a: AnalysisDto): Promise<number> {
  return prisma.$transaction(async (tx) => {
    await tx.$executeRaw`INSERT INTO webhook_watch_state (key, state) VALUES (${key}, 'null'::jsonb) ON CONFLICT (key) DO NOTHING`;
    const [row] = await tx.$queryRaw<{ state: WatchState | null }[]>`SELECT state FROM webhook_watch_state WHERE key = ${key} FOR UPDATE`;
    const changes = analysisChanges(row.state, a);
    const border = [a.reporter, a.partner];
    let queued = 0;
    for (const x of changes.flagged) {
      queued += (await enqueueWebhookEvent(tx, 'anomaly.flagged', { border, flow: query.flow, metric: query.metric, ...x })).deliveryIds.length;
    }
    if (changes.nowcast) {
      queued += (await enqueueWebhookEvent(tx, 'nowcast.changed', {
        border, flow: query.flow, metric: query.metric, model: a.chosen.model, verdict: a.chosen.verdict, ...changes.nowcast,
      })).deliveryIds.length;
    }
    await tx.webhookWatchState.update({ where: { key }, data: { state: watchStateOf(a) as unknown as Prisma.InputJsonValue } });
    return queued;
  });
}

const WATCH_EVENTS = ['anomaly.flagged', 'nowcast.changed'];

/** One look at every watched analysis; nothing is computed while no enabled endpoint wants these events. Returns the deliveries queued. */
export async function runAnalysisWatch(prisma: PrismaClient, settings: AnalysisSettings): Promise<number> {
  const wanted = await prisma.webhookEndpoint.count({ where: { disabledAt: null, events: { hasSome: WATCH_EVENTS } } });
  if (!wanted) return 0;
  let queued = 0;
  for (const { key, query } of await watchedAnalyses(prisma)) {
    const a = await getAnalysis(prisma, query, { status: 'approved' }, settings);
    // Demo data is no evidence: nothing is reported on it, and it sets no baseline.
    if (a.synthetic) continue;
    queued += await compareAndQueue(prisma, key, query, a);
  }
  return queued;
}

export type AnalysisWatch = { runOnce(): Promise<number>; stop(): Promise<void> };

/**
 * Runs the watch soon after data changed in this process (approvals, imports), debounced by `debounceMs`,
 * and every `intervalMs` for changes made elsewhere (another server, the command line).
 */
export function startAnalysisWatch(prisma: PrismaClient, logger: Logger, settings: AnalysisSettings, opts: { debounceMs?: number; intervalMs?: number } = {}): AnalysisWatch {
  const debounceMs = opts.debounceMs ?? 5000;
  let pending: NodeJS.Timeout | null = null;
  // A change during a run is looked at by one more run after it.
  const runs = serialRuns(() => runAnalysisWatch(prisma, settings), logger, 'analysis watch');
  const run = () => {
    pending = null;
    runs.wake();
  };
  const soon = () => {
    if (!runs.stopped && !pending) pending = setTimeout(run, debounceMs);
  };
  const timer = setInterval(run, opts.intervalMs ?? 10 * 60_000);
  timer.unref();
  webhookSignals.on('data-changed', soon);
  setImmediate(run);
  return {
    runOnce: async () => {
      await runs.current();
      return runAnalysisWatch(prisma, settings);
    },
    async stop() {
      clearInterval(timer);
      if (pending) clearTimeout(pending);
      webhookSignals.off('data-changed', soon);
      await runs.stop();
    },
  };
}
