import nationalHolidays from '@holiday-jp/holiday_jp/lib/holidays';
import { addDays } from './dates';
import { isCalendarDate } from './iso-date';

/**
 * Working days of a Japanese town hall. Dates are `YYYY-MM-DD` calendar dates in Japan.
 *
 * The rules are an explicit value so that approvals (reminders) and attendance (timesheets) read the same
 * calendar, and a town can store its own in its settings.
 */
export interface WorkCalendarRules {
  /** Weekdays the town hall is closed: 0 Sunday … 6 Saturday. */
  closedWeekdays: readonly number[];
  /** Whether national holidays (国民の祝日, 振替休日, 国民の休日) are closed days. */
  nationalHolidays: boolean;
  /**
   * The town's own closed days (条例で定める休日): `MM-DD` (every year), `MM-DD/MM-DD` (a yearly range,
   * which may wrap the year end: `12-29/01-03`), `YYYY-MM-DD` (one day) or `YYYY-MM-DD/YYYY-MM-DD`.
   */
  closedDays: readonly string[];
  /** Days open although the rules above close them (e.g. a Sunday opened for an election), `YYYY-MM-DD`. */
  openDays: readonly string[];
}

/**
 * The default, as set by 地方自治法 §4-2 and the usual 休日条例: Saturdays, Sundays, national holidays and the
 * year-end and New Year closure from December 29 to January 3.
 */
export const DEFAULT_WORK_CALENDAR: WorkCalendarRules = Object.freeze({
  closedWeekdays: Object.freeze([0, 6]),
  nationalHolidays: true,
  closedDays: Object.freeze(['12-29/01-03']),
  openDays: Object.freeze([]),
});

/** The years @holiday-jp/holiday_jp knows; outside them no national holiday is known. */
export const NATIONAL_HOLIDAY_YEARS = { from: 1970, to: 2050 } as const;

export type NonWorkingReason = 'weekend' | 'national_holiday' | 'town_closure';

export interface NationalHoliday {
  date: string;
  name: string;
  nameEn: string;
}

interface HolidayEntry {
  name: string;
  name_en: string;
}
const HOLIDAYS: Readonly<Record<string, HolidayEntry | undefined>> = nationalHolidays;

const MONTH_DAY = /^(\d{2})-(\d{2})$/;

function requireDate(date: string): void {
  if (!isCalendarDate(date)) throw new RangeError(`not a YYYY-MM-DD date: ${date}`);
}

function isMonthDay(value: string): boolean {
  const m = MONTH_DAY.exec(value);
  // 2024 is a leap year, so 02-29 is accepted as a yearly day.
  return m !== null && isCalendarDate(`2024-${value}`);
}

/** The national holiday on a date, with its name in Japanese and English, or null. */
export function nationalHolidayOn(date: string): NationalHoliday | null {
  const entry = HOLIDAYS[date];
  return entry ? { date, name: entry.name, nameEn: entry.name_en } : null;
}

/** Problems in a set of rules (empty when they are usable). */
export function validateWorkCalendar(rules: WorkCalendarRules): string[] {
  const problems: string[] = [];
  if (rules.closedWeekdays.some((d) => !Number.isInteger(d) || d < 0 || d > 6))
    problems.push('closedWeekdays: each must be an integer from 0 (Sunday) to 6 (Saturday)');
  if (new Set(rules.closedWeekdays).size >= 7)
    problems.push('closedWeekdays: at least one weekday must be open');
  for (const entry of rules.closedDays) {
    const parts = entry.split('/');
    const ok =
      (parts.length === 1 && (isMonthDay(parts[0]) || isCalendarDate(parts[0]))) ||
      (parts.length === 2 && parts.every(isMonthDay)) ||
      (parts.length === 2 && parts.every(isCalendarDate) && parts[0] <= parts[1]);
    if (!ok)
      problems.push(`closedDays: "${entry}" is not MM-DD, MM-DD/MM-DD, YYYY-MM-DD or YYYY-MM-DD/YYYY-MM-DD`);
  }
  for (const day of rules.openDays)
    if (!isCalendarDate(day)) problems.push(`openDays: "${day}" is not a YYYY-MM-DD date`);
  return problems;
}

function inClosedDay(date: string, entry: string): boolean {
  const monthDay = date.slice(5);
  const [from, to] = entry.split('/');
  if (to === undefined) return from.length === 5 ? monthDay === from : date === from;
  if (from.length === 10) return from <= date && date <= to;
  // A yearly range; `12-29/01-03` wraps the year end.
  return from <= to ? from <= monthDay && monthDay <= to : monthDay >= from || monthDay <= to;
}

/** Why a date is not a working day, or null when it is one. */
export function nonWorkingReason(
  date: string,
  rules: WorkCalendarRules = DEFAULT_WORK_CALENDAR,
): NonWorkingReason | null {
  requireDate(date);
  if (rules.openDays.includes(date)) return null;
  if (rules.nationalHolidays && HOLIDAYS[date]) return 'national_holiday';
  if (rules.closedDays.some((entry) => inClosedDay(date, entry))) return 'town_closure';
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  if (rules.closedWeekdays.includes(weekday)) return 'weekend';
  return null;
}

export function isWorkingDay(date: string, rules: WorkCalendarRules = DEFAULT_WORK_CALENDAR): boolean {
  return nonWorkingReason(date, rules) === null;
}

/** No sane calendar is closed for this long; a longer search means the rules close every day. */
const MAX_CLOSED_RUN = 400;

function stepToWorkingDay(date: string, direction: 1 | -1, rules: WorkCalendarRules): string {
  let d = date;
  for (let i = 0; i < MAX_CLOSED_RUN; i += 1) {
    d = addDays(d, direction);
    if (isWorkingDay(d, rules)) return d;
  }
  throw new RangeError(`no working day within ${MAX_CLOSED_RUN} days of ${date}`);
}

/**
 * The working day `n` working days after `date` (before it for negative `n`); `date` itself is not counted,
 * so from Friday, 1 gives Monday, and from Saturday, 1 gives Monday too. With `n = 0`, `date` itself when it is
 * a working day, else the next working day.
 */
export function addWorkingDays(
  date: string,
  n: number,
  rules: WorkCalendarRules = DEFAULT_WORK_CALENDAR,
): string {
  requireDate(date);
  if (!Number.isSafeInteger(n)) throw new RangeError(`not an integer: ${n}`);
  if (n === 0) return isWorkingDay(date, rules) ? date : stepToWorkingDay(date, 1, rules);
  const direction = n > 0 ? 1 : -1;
  let d = date;
  for (let left = Math.abs(n); left > 0; left -= 1) d = stepToWorkingDay(d, direction, rules);
  return d;
}

/**
 * Working days after `from` up to and including `to` (negative when `to` is earlier), so that
 * `workingDaysBetween(a, addWorkingDays(a, n)) === n` whenever `a` is a working day. Same day: 0.
 */
export function workingDaysBetween(
  from: string,
  to: string,
  rules: WorkCalendarRules = DEFAULT_WORK_CALENDAR,
): number {
  requireDate(from);
  requireDate(to);
  if (to < from) return -workingDaysBetween(to, from, rules);
  let count = 0;
  for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) if (isWorkingDay(d, rules)) count += 1;
  return count;
}
