import { changeColor } from '../analysis/crossing-symbols.js';

export type ChangeStep = { color: string; /** The change (a fraction) where the next, warmer step starts; null for the last. */ upTo: number | null };

/**
 * The colour steps of `changeColor`, coolest first, read from the function itself by trying every
 * change from −100 % to +100 % in 0.1 % steps: the legend then cannot drift from the map's rule.
 */
export function changeSteps(): ChangeStep[] {
  const steps: ChangeStep[] = [];
  for (let permille = -1000; permille <= 1000; permille++) {
    const color = changeColor(permille / 1000);
    const last = steps.at(-1);
    if (last?.color === color) continue;
    if (last) last.upTo = permille / 1000;
    steps.push({ color, upTo: null });
  }
  return steps;
}

/** The colour of a crossing whose change is not computed (nothing to compare with). */
export const NO_CHANGE_COLOR = changeColor(null);
