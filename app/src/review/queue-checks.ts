import type { ReviewQueueItem } from '../../../server/contracts/review.js';
import type { StringKey } from '../i18n/en.js';
import { t } from '../i18n/t.js';
import { el, formatNumber } from '../ui/dom.js';

type Check = ReviewQueueItem['queueChecks'][number];

const UNIT: Record<Check['unit'], string> = { m: 'm', vehicles: 'vehicles', min: 'min' };
const title = (c: Check) => t(`queueCheckTitle_${c.check.replaceAll('-', '_')}` as StringKey);

/** How far apart, in words: "2.5 × apart", or "one is 0". */
const apart = (c: Check) => (Number.isFinite(c.timesApart) ? t('queueCheckApart', { times: formatNumber(c.timesApart, 1) }) : t('queueCheckZero'));

/**
 * The queue physics checks of a submission, for the reviewer: both figures, how far apart, and whether they
 * agree within a factor of 2. A check never changes the data; it is a reason to look again.
 */
export function queueChecksBlock(checks: Check[]): HTMLElement | null {
  if (!checks.length) return null;
  return el('ul', { className: 'queue-checks', 'aria-label': t('queueChecksLabel') }, ...checks.map((c) => {
    const unit = UNIT[c.unit];
    return el('li', { className: c.agrees ? 'agrees' : 'disagrees' },
      el('strong', {}, t(c.agrees ? 'queueCheckAgrees' : 'queueCheckDisagrees')),
      t('queueCheckLine', { title: title(c), observed: formatNumber(c.observed, 0), expected: formatNumber(c.expected, 0), unit, apart: apart(c) }),
      // The explanation is the server's arithmetic: set off in its own line so the verdict reads first.
      el('span', { className: 'explanation' }, t('queueCheckExplanation', { explanation: c.explanation })),
    );
  }));
}
