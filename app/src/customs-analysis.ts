import type { AnalysisDto } from '../../server/contracts/analysis.js';
import { api } from './api.js';
import { t } from './i18n/t.js';
import { analysisSection, type AnalysisContext } from './ui/analysis-panel.js';
import type { StatusBanner } from './ui/status-banner.js';

/**
 * The server's analysis of the view (`GET /api/analysis`) and its panel section. Only the newest request
 * counts: a newer one aborts the older, whose answer is dropped. The numbers are never recomputed here.
 */
export class CustomsAnalysis {
  private abort: AbortController | null = null;
  /** Built once per analysis, so a month step keeps the section's open/closed parts as they are. */
  private section: { for: AnalysisDto; node: HTMLElement } | null = null;

  constructor(private readonly banner: StatusBanner) {}

  /** The analysis for `query`; null when it failed (the banner says so, with `retry`) or a newer one replaced it. */
  async load(query: Record<string, string | null>, retry: () => void): Promise<AnalysisDto | null> {
    this.abort?.abort();
    const abort = (this.abort = new AbortController());
    const analysis = await this.banner.track('analysis', t('whatAnalysis'), () => api.analysis(query, abort.signal), retry);
    return abort.signal.aborted ? null : analysis;
  }

  /** "What activity says about customs" for `a`, the same node while `a` is the same answer. */
  sectionFor(a: AnalysisDto, ctx: () => AnalysisContext): HTMLElement {
    if (this.section?.for !== a) this.section = { for: a, node: analysisSection(a, ctx()) };
    return this.section.node;
  }
}
