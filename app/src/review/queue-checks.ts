import type { ReviewQueueItem } from '../../../server/contracts/review.js';
import { el, formatNumber } from '../ui/dom.js';

type Check = ReviewQueueItem['queueChecks'][number];

const UNIT: Record<Check['check'], string> = { 'length-vs-count': 'm', 'wait-vs-littles-law': 'min' };
const TITLE: Record<Check['check'], string> = {
  'length-vs-count': 'Queue length against the vehicles counted',
  'wait-vs-littles-law': "Wait against Little's law (queue ÷ throughput)",
};

/** How far apart, in words: "2.5 × apart", or "one is 0". */
const apart = (c: Check) => (Number.isFinite(c.timesApart) ? `${formatNumber(c.timesApart, 1)} × apart` : 'one of them is 0');

/**
 * The queue physics checks of a submission, for the reviewer: both figures, how far apart, and whether they
 * agree within a factor of 2. A check never changes the data; it is a reason to look again.
 */
export function queueChecksBlock(checks: Check[]): HTMLElement | null {
  if (!checks.length) return null;
  return el('ul', { className: 'queue-checks', 'aria-label': 'Queue checks' }, ...checks.map((c) => {
    const unit = UNIT[c.check];
    return el('li', { className: c.agrees ? 'agrees' : 'disagrees' },
      el('strong', {}, c.agrees ? 'Consistent: ' : 'Check: '),
      `${TITLE[c.check]}: ${formatNumber(c.observed, 0)} ${unit} seen, ${formatNumber(c.expected, 0)} ${unit} expected (${apart(c)}; more than 2 × is flagged). `,
      el('span', { className: 'explanation' }, `From ${c.explanation}.`),
    );
  }));
}
