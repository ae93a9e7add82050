/**
 * Whose statistic a figure is, read from the source text (and the file's `basis` column where it has one).
 * The China–DPRK files hold China Customs (GACC) figures as republished by the press unless the source names
 * another compiler; the US–Mexico file says in `basis` whether a row is the Census series as later revised,
 * a Census figure as the press first reported it, or a BTS TransBorder freight value.
 */
export function basisOf(source: string, basisText = ''): string {
  if (/^Census goods/i.test(basisText)) return /first reported/i.test(basisText) ? CENSUS_FIRST_RELEASE : CENSUS_REVISED;
  if (/TransBorder/i.test(basisText) || /TransBorder/i.test(source)) return TRANSBORDER;
  if (/\bKOTRA\b/.test(source)) return 'KOTRA';
  if (/\bKITA\b/.test(source)) return 'KITA';
  if (/International Trade Centre/.test(source)) return 'ITC';
  if (/\bUS ITC\b/.test(source)) return 'US-ITC';
  if (/\bIBK\b/.test(source)) return 'IBK';
  if (/Reuters calculation/.test(source)) return 'Reuters calculation';
  return 'GACC';
}

export const CENSUS_REVISED = 'US Census';
export const CENSUS_FIRST_RELEASE = 'US Census, first release';
/** BTS TransBorder freight: the value of goods moved by one mode (or all), both directions: a part of trade. */
export const TRANSBORDER = 'BTS TransBorder';

/**
 * How far a basis is from the reporter's own final statistic, 0 best: the customs statistic as published
 * (GACC; the US Census series as later revised), then that statistic as first released, then other
 * organizations' compilations. Null for a measure that is only a part of trade (TransBorder freight by mode):
 * kept and shown as an alternative, never chosen as a month's figure.
 */
export function basisRank(basis: string): number | null {
  if (basis === 'GACC' || basis === CENSUS_REVISED || basis.endsWith(' customs')) return 0;
  if (basis === CENSUS_FIRST_RELEASE) return 1;
  if (basis === TRANSBORDER) return null;
  return 2;
}
