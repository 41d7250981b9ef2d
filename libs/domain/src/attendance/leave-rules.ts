/**
 * A town's rules for annual leave (年次休暇). Every number is a setting; `DEFAULT_LEAVE_RULES` holds the national
 * rules (人事院規則15-14 for regular staff, 労働基準法 §39 and 労働基準法施行規則 §24-3 for 会計年度任用職員).
 *
 * Balances are integers of minutes, never fractional days: one day is worth the person's `dayMinutes`.
 */

/** Weekly working days that pick a row of the proportional grant table (比例付与). */
export type PartTimeWeeklyDays = 1 | 2 | 3 | 4 | 5;

/** How long the morning and the afternoon half day (半日休暇) are, in minutes. */
export interface HalfDayLengths {
  am: number;
  pm: number;
}

export interface LeaveRules {
  /** First month of the leave year: 1 (January, as the national rules) or 4 (April, the 年度). */
  leaveYearStartMonth: 1 | 4;
  /** The yearly grant to regular staff employed from the first day of the leave year. */
  annualDays: number;
  /**
   * The grant to regular staff who join during the leave year, by the months left in it (index 0 = one month
   * or less, index 11 = more than eleven months). See `monthsLeftInLeaveYear` for how months are counted.
   */
  proRatedDays: readonly number[];
  /**
   * The proportional grant to 会計年度任用職員 by weekly working days, then by years of service: columns are
   * 6 months, 1.5, 2.5, 3.5, 4.5, 5.5 and 6.5 years or more.
   */
  partTimeDays: Readonly<Record<PartTimeWeeklyDays, readonly number[]>>;
  /** Weekly minutes from which a part-timer gets the 5-day row whatever their days (30 hours). */
  partTimeFullRowWeeklyMinutes: number;
  /** Most days carried into the next leave year (繰越し). */
  carryOverMaxDays: number;
  /** Whether a remainder under a day carries over as minutes (true) or is cut (false). */
  carryOverHours: boolean;
  /** The standard working day in minutes (7 h 45 min); a person may have their own. */
  dayMinutes: number;
  /** Whether leave may be taken by the hour (時間単位). */
  hourlyAllowed: boolean;
  /** Half days, or null where the town does not allow them (the national default). */
  halfDay: HalfDayLengths | null;
  /**
   * A yearly cap on hourly leave in days' worth (e.g. 5 where hourly leave rests on a labour agreement,
   * 労働基準法 §39④), or null for no cap (the national rules).
   */
  hourlyCapDays: number | null;
}

export const DEFAULT_LEAVE_RULES: LeaveRules = Object.freeze({
  leaveYearStartMonth: 1,
  annualDays: 20,
  proRatedDays: Object.freeze([2, 3, 5, 7, 8, 10, 12, 13, 15, 17, 18, 20]),
  partTimeDays: Object.freeze({
    5: Object.freeze([10, 11, 12, 14, 16, 18, 20]),
    4: Object.freeze([7, 8, 9, 10, 12, 13, 15]),
    3: Object.freeze([5, 6, 6, 8, 9, 10, 11]),
    2: Object.freeze([3, 4, 4, 5, 6, 6, 7]),
    1: Object.freeze([1, 2, 2, 2, 3, 3, 3]),
  }),
  partTimeFullRowWeeklyMinutes: 30 * 60,
  carryOverMaxDays: 20,
  carryOverHours: true,
  dayMinutes: 7 * 60 + 45,
  hourlyAllowed: true,
  halfDay: null,
  hourlyCapDays: null,
});

const isCount = (n: unknown): boolean => typeof n === 'number' && Number.isSafeInteger(n) && n >= 0;
const isPositive = (n: unknown): boolean => isCount(n) && (n as number) > 0;

/** Problems in a set of rules (empty when they are usable). */
export function validateLeaveRules(rules: LeaveRules): string[] {
  const problems: string[] = [];
  if (rules.leaveYearStartMonth !== 1 && rules.leaveYearStartMonth !== 4)
    problems.push('leaveYearStartMonth: 1 (January) or 4 (April)');
  if (!isCount(rules.annualDays)) problems.push('annualDays: a whole number of days');
  if (rules.proRatedDays.length !== 12 || !rules.proRatedDays.every(isCount))
    problems.push('proRatedDays: twelve whole numbers of days');
  for (const row of [1, 2, 3, 4, 5] as const) {
    const days = rules.partTimeDays[row];
    if (days?.length !== 7 || !days.every(isCount))
      problems.push(`partTimeDays[${row}]: seven whole numbers of days`);
  }
  if (!isPositive(rules.partTimeFullRowWeeklyMinutes))
    problems.push('partTimeFullRowWeeklyMinutes: a positive whole number of minutes');
  if (!isCount(rules.carryOverMaxDays)) problems.push('carryOverMaxDays: a whole number of days');
  if (!isPositive(rules.dayMinutes)) problems.push('dayMinutes: a positive whole number of minutes');
  if (rules.halfDay !== null && !halfDayFits(rules.halfDay, rules.dayMinutes))
    problems.push('halfDay: two positive whole numbers of minutes, each shorter than a day');
  if (rules.hourlyCapDays !== null && !isPositive(rules.hourlyCapDays))
    problems.push('hourlyCapDays: a positive whole number of days, or null');
  return problems;
}

/** Whether half-day lengths suit a day of `dayMinutes`. */
export function halfDayFits(halfDay: HalfDayLengths, dayMinutes: number): boolean {
  return (
    isPositive(halfDay.am) && isPositive(halfDay.pm) && halfDay.am < dayMinutes && halfDay.pm < dayMinutes
  );
}

/**
 * The leave year (休暇年) a date belongs to, named by the calendar year in which it starts: with April leave years
 * 2027-03-31 is in 2026 and 2027-04-01 in 2027; with January leave years it is the calendar year.
 */
export function leaveYearOf(rules: Pick<LeaveRules, 'leaveYearStartMonth'>, date: string): number {
  const [y, m] = date.split('-').map(Number);
  return m >= rules.leaveYearStartMonth ? y : y - 1;
}

/** The first and last day of a leave year: April 2026 → 2026-04-01 to 2027-03-31. */
export function leaveYearRange(
  rules: Pick<LeaveRules, 'leaveYearStartMonth'>,
  leaveYear: number,
): { start: string; end: string } {
  if (!Number.isSafeInteger(leaveYear) || leaveYear < 1000 || leaveYear > 9998)
    throw new RangeError(`not a leave year: ${leaveYear}`);
  return rules.leaveYearStartMonth === 1
    ? { start: `${leaveYear}-01-01`, end: `${leaveYear}-12-31` }
    : { start: `${leaveYear}-04-01`, end: `${leaveYear + 1}-03-31` };
}
