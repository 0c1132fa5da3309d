import { ValidateBy, type ValidationOptions } from 'class-validator';

/**
 * One reading of dates for the whole API. `new Date()` rolls `2026-02-30` over to March 2 and
 * accepts years PostgreSQL cannot store (+275760, negative years); here a date is a real day of
 * the calendar between years 1 and 9999, as `YYYY-MM-DD` or an ISO 8601 date-time with a zone.
 */
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:\d{2}))?$/;

export type DateForm = 'date' | 'date-time';

/** The instant `value` names, or undefined when it is not a real date (`form` 'date' allows YYYY-MM-DD only). */
export function parseStrictDate(value: unknown, form?: DateForm): Date | undefined {
  if (typeof value !== 'string') return undefined;
  const m = DATE_TIME.exec(value);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s, fraction, zone] = m;
  if (form === 'date' && h !== undefined) return undefined;
  const [year, month, day, hour, minute, second] = [y, mo, d, h ?? '0', mi ?? '0', s ?? '0'].map(Number);
  if (year < 1 || month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return undefined;
  // Checked in 2000, a leap year, so only 29 February depends on the year itself.
  if (new Date(Date.UTC(2000, month - 1, day)).getUTCDate() !== day) return undefined;
  if (month === 2 && day === 29 && !isLeap(year)) return undefined;
  if (zone !== undefined && zone !== 'Z') {
    const [zh, zm] = zone.slice(1).split(':').map(Number);
    if (zh > 23 || zm > 59) return undefined;
  }
  const ms = Date.parse(fraction === undefined ? value : value.replace(`.${fraction}`, `.${fraction.padEnd(3, '0').slice(0, 3)}`));
  return Number.isNaN(ms) ? undefined : new Date(ms);
}

const isLeap = (year: number): boolean => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

/** class-validator: a real calendar date (see parseStrictDate). */
export function IsStrictDate(form?: DateForm, options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isStrictDate',
      validator: {
        validate: (value: unknown) => parseStrictDate(value, form) !== undefined,
        defaultMessage: (args) =>
          form === 'date'
            ? `${args?.property ?? 'value'} must be a real calendar date as YYYY-MM-DD`
            : `${args?.property ?? 'value'} must be a real ISO 8601 date or date-time (years 1 to 9999)`,
      },
    },
    options,
  );
}
