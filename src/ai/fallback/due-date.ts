export interface DueDateMatch {
  /** ISO calendar date, yyyy-mm-dd. */
  date: string;
  /** Where the phrase (with its "by"/"before") sits in the text, so a title can drop it. */
  start: number;
  end: number;
}

const DAY_MS = 86_400_000;
const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const COUNTS: Record<string, number> = {
  a: 1,
  an: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  couple: 2,
  'a couple': 2,
  'a couple of': 2,
  few: 3,
  'a few': 3,
};
const MONTH =
  '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?';
const ORD = '(\\d{1,2})(?:st|nd|rd|th)?';
const LEAD = '(?:(?:by|before|until|till|due|on|for|no later than)\\s+)?';

const utcDay = (d: Date) => Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const monthIndex = (name: string) => MONTHS.indexOf(name.slice(0, 3).toLowerCase());

/** A day-of-month date; without a year it is the next such date on or after the meeting. */
function calendarDate(today: number, month: number, day: number, year?: number): number | null {
  const y = year ?? new Date(today).getUTCFullYear();
  let ms = Date.UTC(y < 100 ? 2000 + y : y, month, day);
  if (new Date(ms).getUTCDate() !== day || month < 0 || month > 11) return null;
  if (year === undefined && ms < today) ms = Date.UTC(y + 1, month, day);
  return ms;
}

type Rule = [RegExp, (m: RegExpExecArray, today: number) => number | null];

const RULES: Rule[] = [
  [/\bday after tomorrow\b/, (_m, t) => t + 2 * DAY_MS],
  [/\b(?:tomorrow|tmrw)\b/, (_m, t) => t + DAY_MS],
  [/\b(?:today|tonight|end of (?:the |to)?day|eod|this (?:morning|afternoon|evening))\b/, (_m, t) => t],
  [
    /\b(?:the )?end of (?:the |this )?week\b|\beow\b/,
    (_m, t) => t + ((12 - new Date(t).getUTCDay()) % 7) * DAY_MS,
  ],
  [
    /\b(?:the )?end of (?:the |this )?(next )?month\b|\beom\b/,
    (m, t) => {
      const d = new Date(t);
      return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + (m[1] ? 2 : 1), 0);
    },
  ],
  [/\bnext week\b/, (_m, t) => t + ((8 - new Date(t).getUTCDay()) % 7 || 7) * DAY_MS],
  [
    /\bnext month\b/,
    (_m, t) => {
      const d = new Date(t);
      return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
    },
  ],
  [
    /\bin (\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten|(?:a )?couple(?: of)?|(?:a )?few) (day|week)s?\b/,
    (m, t) => {
      const n = /^\d+$/.test(m[1]) ? Number(m[1]) : (COUNTS[m[1]] ?? COUNTS[m[1].replace(/ of$/, '')] ?? 1);
      return t + n * (m[2] === 'week' ? 7 : 1) * DAY_MS;
    },
  ],
  [
    new RegExp(`\\b(?:(?:next|this|coming) )?(${WEEKDAYS.join('|')})\\b`),
    (m, t) => t + ((WEEKDAYS.indexOf(m[1]) - new Date(t).getUTCDay() + 7) % 7 || 7) * DAY_MS,
  ],
  [/\b(\d{4})-(\d{2})-(\d{2})\b/, (m, t) => calendarDate(t, Number(m[2]) - 1, Number(m[3]), Number(m[1]))],
  [
    /\b(\d{1,2})\/(\d{1,2})(?:\/(\d{2}|\d{4}))?\b/,
    (m, t) => {
      // Month first as in US usage, unless the first number cannot be a month.
      const [a, b] = [Number(m[1]), Number(m[2])];
      const [month, day] = a > 12 ? [b, a] : [a, b];
      return calendarDate(t, month - 1, day, m[3] ? Number(m[3]) : undefined);
    },
  ],
  [
    new RegExp(`\\b${MONTH} ${ORD}(?:,? (\\d{4}))?\\b`),
    (m, t) => calendarDate(t, monthIndex(m[1]), Number(m[2]), m[3] ? Number(m[3]) : undefined),
  ],
  [
    new RegExp(`\\b(?:the )?${ORD} (?:of )?${MONTH}(?:,? (\\d{4}))?\\b`),
    (m, t) => calendarDate(t, monthIndex(m[2]), Number(m[1]), m[3] ? Number(m[3]) : undefined),
  ],
  [
    /\bthe (\d{1,2})(?:st|nd|rd|th)\b/,
    (m, t) => {
      const d = new Date(t);
      const day = Number(m[1]);
      const ms = calendarDate(t, d.getUTCMonth(), day, d.getUTCFullYear());
      return ms !== null && ms >= t ? ms : calendarDate(t, (d.getUTCMonth() + 1) % 12, day);
    },
  ],
];

/**
 * Resolves the first deadline phrase in the text against the meeting's calendar day (UTC: pass a
 * date whose UTC day is the meeting's local day). Weekday names mean the next such day after the
 * meeting, "next week" the following Monday, "end of the week" that week's Friday.
 */
export function resolveDueDate(text: string, meetingDate: Date): DueDateMatch | null {
  const lower = text.toLowerCase();
  const today = utcDay(meetingDate);
  let best: DueDateMatch | null = null;
  for (const [pattern, resolve] of RULES) {
    const m = new RegExp(LEAD + pattern.source).exec(lower);
    if (!m || (best && m.index >= best.start)) continue;
    const inner = pattern.exec(m[0]);
    const ms = inner ? resolve(inner, today) : null;
    if (ms !== null) best = { date: iso(ms), start: m.index, end: m.index + m[0].length };
  }
  return best;
}
