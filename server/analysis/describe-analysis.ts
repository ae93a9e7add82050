import type { AnalysisDto } from '../contracts/analysis.js';

const COUNTRY: Record<string, string> = { CN: 'China', KP: 'North Korea', US: 'the US', MX: 'Mexico', CA: 'Canada', RU: 'Russia' };
const countryName = (c: string) => COUNTRY[c] ?? c;
const SHORT: Record<string, string> = { KP: 'DPRK', US: 'US' };
const borderName = (a: string, b: string) => `${SHORT[a] ?? countryName(a)}–${SHORT[b] ?? countryName(b)}`;
const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const possessive = (c: string) => (c === 'US' ? 'US' : `${countryName(c)}'s`);

const VEHICLES: Record<string, string> = { truck: 'trucks', bus: 'buses', car: 'cars', rail_wagon: 'rail wagons', pedestrian: 'pedestrians', other: 'vehicles' };
const METRIC: Record<string, string> = { queue_length_m: 'queue lengths', wait_minutes: 'waits' };

const percent = (v: number) => `${(v * 100).toFixed(1)} %`;
const MODEL: Record<string, string> = { 'log-ols': 'the level model', 'log-change': 'the change model' };

/**
 * The verdict in one plain sentence, from the numbers alone: how closely activity tracks the trade figure
 * (the strongest level correlation), and whether it beats the last published figure as a forecast.
 */
export function describeAnalysis(a: Omit<AnalysisDto, 'summary'>): string {
  // "Trucks crossing the US–Mexico border", "Trucks queuing at Laredo, Texas", "Waits at the China–DPRK border".
  const vehicles = capital(a.vehicleClass ? VEHICLES[a.vehicleClass] : 'vehicles');
  const where = a.crossing ? a.crossings[0]?.name ?? a.crossing : `the ${borderName(a.reporter, a.partner)} border`;
  const subject = a.metric === 'crossed_vehicles' ? `${vehicles} crossing ${a.crossing ? 'at ' : ''}${where}`
    : a.metric === 'queue_vehicles' ? `${vehicles} queuing at ${where}`
    : `${capital(METRIC[a.metric])} at ${where}`;
  const demo = a.synthetic ? 'Synthetic demo data, not evidence: ' : '';
  if (!a.trade) return `${demo}${subject}: no ${borderName(a.reporter, a.partner)} trade figures are stored, so there is nothing to compare.`;
  const trade = a.flow === 'imports' ? `${possessive(a.reporter)} imports from ${countryName(a.partner)}`
    : a.flow === 'exports' ? `${possessive(a.reporter)} exports to ${countryName(a.partner)}`
    : `${a.reporter}–${a.partner} trade`;
  const levels = a.correlations.filter((c) => c.on === 'level' && c.r !== null);
  const best = levels.sort((x, y) => Math.abs(y.r!) - Math.abs(x.r!))[0];
  const lagText = (lag: number) => (lag === 0 ? '' : `, ${lag} month${lag > 1 ? 's' : ''} ahead`);
  const track = !best
    ? `too few months have both activity and a trade figure to measure the link between ${subject.charAt(0).toLowerCase()}${subject.slice(1)} and ${trade}`
    : best.r! >= 0.5 ? `${subject} track ${trade} (r ${best.r!.toFixed(2)}, n ${best.n}${lagText(best.lag)})`
    : best.r! >= 0.3 ? `${subject} loosely track ${trade} (r ${best.r!.toFixed(2)}, n ${best.n}${lagText(best.lag)})`
    : best.r! > -0.3 ? `${subject} do not track ${trade} (r ${best.r!.toFixed(2)}, n ${best.n})`
    : `${subject} move against ${trade} (r ${best.r!.toFixed(2)}, n ${best.n}${lagText(best.lag)})`;
  const c = a.chosen;
  const months = a.backtest.evaluationMonths.length;
  const scored = `scored on ${months} month${months === 1 ? '' : 's'}`;
  const forecast = c.verdict === 'insufficient-data'
    ? 'there are too few months to test them as a forecast'
    : c.verdict === 'naive-best'
      ? `they do not beat last month's figure as a forecast (MAPE ${percent(c.naiveMape!)}, ${scored}): activity adds nothing here over the last published figure`
      : `as a forecast, ${MODEL[c.model!]} at lag ${c.lag} beats last month's figure (MAPE ${percent(c.mape!)} against ${percent(c.naiveMape!)}, ${scored})`;
  const joiner = c.verdict === 'naive-best' && best && best.r! >= 0.3 ? ', but ' : '; ';
  const sentence = `${capital(track)}${joiner}${forecast}.`;
  return `${demo}${sentence}`;
}
