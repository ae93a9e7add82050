/**
 * A source line that fits under a chart: each citation up to its first parenthesis or 48
 * characters, duplicates dropped, at most `max` named and the rest counted. The full
 * citations stay in the CSV the embed links to.
 *
 * @example
 * compactSources(['Yonhap 2023-06-19 (en.yna.co.kr/…)', 'Reuters (x)', 'AFP (y)', 'NK News (z)'], 2)
 * // 'Yonhap 2023-06-19; Reuters and 2 more'
 */
export function compactSources(sources: string[], max = 3): string {
  const short = [...new Set(sources.map((s) => {
    const head = s.split(' (')[0].trim();
    return head.length > 48 ? `${head.slice(0, 47)}…` : head;
  }).filter(Boolean))];
  if (short.length <= max) return short.join('; ');
  return `${short.slice(0, max).join('; ')} and ${short.length - max} more`;
}
