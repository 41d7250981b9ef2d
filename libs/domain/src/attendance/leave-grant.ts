import { isCalendarDate } from '../iso-date';
import { leaveYearRange, type LeaveRules, type PartTimeWeeklyDays } from './leave-rules';

/** Who is granted leave: regular staff (常勤) or part-time fixed-term staff (会計年度任用職員). */
export interface LeavePerson {
  employment: 'regular' | 'part_time';
  /**
   * The first day of service (採用日). For a 会計年度任用職員 reappointed without a break, the first day of the
   * first appointment: years of service run on from it.
   */
  joinedOn: string;
  /** Scheduled minutes of the person's working day; the town's `dayMinutes` when absent. */
  dayMinutes?: number;
  /** Part-time only: scheduled working days a week (1 to 5; more counts as 5). */
  weeklyDays?: number;
  /** Part-time only: scheduled minutes a week; 30 hours or more gives the 5-day row. */
  weeklyMinutes?: number;
}

export type GrantBasis = 'full' | 'pro_rated' | 'proportional' | 'none';

/** One leave year's grant (付与): what `leaveBalance` reads, as stored or as `annualGrant` computes it. */
export interface LeaveGrant {
  /** The day the days become usable; its leave year is the grant's leave year. */
  grantedOn: string;
  days: number;
}

export interface AnnualGrant extends LeaveGrant {
  leaveYear: number;
  basis: GrantBasis;
  /** Pro-rated grants: the months left in the leave year (1 to 12) that picked the row. */
  monthsLeft?: number;
  /** Proportional grants: the row (weekly days, 5 for 30 hours a week or more) and column (0 = 6 months). */
  weeklyDaysRow?: PartTimeWeeklyDays;
  serviceColumn?: number;
}

function requireDate(date: string): void {
  if (!isCalendarDate(date)) throw new RangeError(`not a YYYY-MM-DD date: ${date}`);
}

const pad = (n: number): string => String(n).padStart(2, '0');
const daysInMonth = (y: number, m: number): number => new Date(Date.UTC(y, m, 0)).getUTCDate();

/**
 * The day on which service begun on `start` completes `months` months (民法 §143): the same day of the month
 * `months` later, or the first day of the following month when that month is too short. Begun 2026-04-01,
 * 6 months are complete on 2026-10-01; begun 2025-08-31, on 2026-03-01; begun 2023-08-29, on 2024-02-29.
 */
export function serviceCompletedOn(start: string, months: number): string {
  requireDate(start);
  const [y, m, d] = start.split('-').map(Number);
  const index = y * 12 + (m - 1) + months;
  const ty = Math.floor(index / 12);
  const tm = (index % 12) + 1;
  if (d <= daysInMonth(ty, tm)) return `${ty}-${pad(tm)}-${pad(d)}`;
  const next = index + 1;
  return `${Math.floor(next / 12)}-${pad((next % 12) + 1)}-01`;
}

/**
 * The months left in the leave year for someone joining on `joinedOn`, counting the joining month as a whole
 * month whatever its day: joining on December 1, 15 or 31 leaves 1 month of a January leave year, joining on
 * November 30 leaves 2. This is the national count (人事院規則15-14 別表第二, 在職期間 "一月に達するまで" …
 * "十一月を超え一年未満"): the period from the joining day to the year end always ends on a month's last day, so
 * it reaches exactly n months when joining on the 1st and exceeds n − 1 months on any later day.
 * Joining before the leave year gives 12; joining after it, 0.
 */
export function monthsLeftInLeaveYear(
  rules: Pick<LeaveRules, 'leaveYearStartMonth'>,
  joinedOn: string,
  leaveYear: number,
): number {
  requireDate(joinedOn);
  const { start, end } = leaveYearRange(rules, leaveYear);
  if (joinedOn <= start) return 12;
  if (joinedOn > end) return 0;
  const [y, m] = joinedOn.split('-').map(Number);
  const [ey, em] = end.split('-').map(Number);
  return ey * 12 + em - (y * 12 + m) + 1;
}

/** The service thresholds of the proportional grant's columns, in months: 6 months, 1.5 years … 6.5 years. */
const SERVICE_COLUMNS_MONTHS = [6, 18, 30, 42, 54, 66, 78] as const;

function weeklyDaysRow(rules: LeaveRules, person: LeavePerson): PartTimeWeeklyDays {
  if (person.weeklyMinutes !== undefined && person.weeklyMinutes >= rules.partTimeFullRowWeeklyMinutes)
    return 5;
  const days = person.weeklyDays;
  if (days === undefined || !Number.isInteger(days) || days < 1)
    throw new RangeError('a part-timer needs weeklyDays from 1 to 5 (or weeklyMinutes of 30 hours or more)');
  return Math.min(days, 5) as PartTimeWeeklyDays;
}

/**
 * A leave year's annual leave grant for a person.
 *
 * Regular staff: the full `annualDays` on the first day of the leave year when they joined by then; when they
 * join during it, the pro-rated row for the months left (`monthsLeftInLeaveYear`), usable from the joining
 * day; nothing when they join later.
 *
 * 会計年度任用職員: the proportional grant (比例付与). Nothing until 6 months of service are complete; the
 * first grant comes on that day. From then on, one grant on the first day of each leave year, in the column
 * of the service the person completes by the leave year's last day (so the whole year's grant is given
 * at its start, never later than the Labour Standards Act's anniversary: 斉一的取扱い). The 80 % attendance
 * condition is the caller's to check.
 */
export function annualGrant(rules: LeaveRules, person: LeavePerson, leaveYear: number): AnnualGrant {
  requireDate(person.joinedOn);
  const { start, end } = leaveYearRange(rules, leaveYear);
  const none: AnnualGrant = { leaveYear, grantedOn: start, days: 0, basis: 'none' };
  if (person.employment === 'regular') {
    const monthsLeft = monthsLeftInLeaveYear(rules, person.joinedOn, leaveYear);
    if (monthsLeft === 0) return none;
    if (person.joinedOn <= start)
      return { leaveYear, grantedOn: start, days: rules.annualDays, basis: 'full' };
    return {
      leaveYear,
      grantedOn: person.joinedOn,
      days: rules.proRatedDays[monthsLeft - 1],
      basis: 'pro_rated',
      monthsLeft,
    };
  }
  const row = weeklyDaysRow(rules, person);
  const firstGrant = serviceCompletedOn(person.joinedOn, SERVICE_COLUMNS_MONTHS[0]);
  if (firstGrant > end) return none;
  let column = 0;
  while (
    column + 1 < SERVICE_COLUMNS_MONTHS.length &&
    serviceCompletedOn(person.joinedOn, SERVICE_COLUMNS_MONTHS[column + 1]) <= end
  )
    column += 1;
  return {
    leaveYear,
    grantedOn: firstGrant > start ? firstGrant : start,
    days: rules.partTimeDays[row][column],
    basis: 'proportional',
    weeklyDaysRow: row,
    serviceColumn: column,
  };
}
