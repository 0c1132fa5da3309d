import { formatNumber, formatPercent, formatPercentValue } from '../format/numbers';

/** Units whose values are ratios (0.999); the API's `%` values are already percentages (99.9). */
const RATIO_UNITS = new Set(['ratio']);
const PERCENT_UNITS = new Set(['%', 'percent']);

/** SLIs come as percentages (availability: unit `%`, 99.9), ratios, or in a unit such as ms. */
export function formatSli(
  value: number | null | undefined,
  unit: string | null | undefined,
  target?: number,
): string {
  if (value === null || value === undefined) return '–';
  if (unit && PERCENT_UNITS.has(unit)) return formatPercentValue(value, 2);
  const isRatio = unit ? RATIO_UNITS.has(unit) : target !== undefined && target <= 1 && value <= 1;
  return isRatio ? formatPercent(value, 2) : `${formatNumber(value)}${unit ? ` ${unit}` : ''}`;
}
