import { formatNumber, formatPercent } from '../format/numbers';

const RATIO_UNITS = new Set(['ratio', 'percent', '%', 'availability']);

/** SLIs come as ratios (availability, success rate) or in a unit such as ms. */
export function formatSli(
  value: number | null | undefined,
  unit: string | null | undefined,
  target?: number,
): string {
  if (value === null || value === undefined) return '–';
  const isRatio = unit ? RATIO_UNITS.has(unit) : target !== undefined && target <= 1 && value <= 1;
  return isRatio ? formatPercent(value, 2) : `${formatNumber(value)}${unit ? ` ${unit}` : ''}`;
}
