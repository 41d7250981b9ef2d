/**
 * Overtime (時間外勤務 / 超過勤務) arithmetic: the limits set since 2019 by 人事院規則15-14 §16-2-2 and the towns'
 * copies of it, month-by-month totals per person over the fiscal year (April–March), and the regime (ordinary
 * or 他律) each month falls under. The checks themselves are in `overtime-check.ts`.
 *
 * Minutes are integers throughout. Months are `YYYY-MM`, dates `YYYY-MM-DD`, both meant in Japan time.
 */
import { fiscalYearOf } from '../dates';
import { isCalendarDate } from '../iso-date';

/**
 * The limits a month falls under: `ordinary` for a department with the general limits (自律部署), `other_directed`
 * for a department the town designates as doing work whose amount others decide (他律的業務の比重の高い部署, 他律部署).
 */
export type OvertimeRegime = 'ordinary' | 'other_directed';

/** The limits, in minutes (and months for the count of busy months). */
export interface OvertimeLimits {
  ordinary: {
    /** At most this many minutes in a month (45 h). */
    monthlyMax: number;
    /** At most this many minutes in a fiscal year (360 h). */
    yearlyMax: number;
  };
  otherDirected: {
    /** Less than this many minutes in a month (100 h: 99:59 is fine, 100:00 is not). */
    monthlyBelow: number;
    /** At most this many minutes in a fiscal year (720 h). */
    yearlyMax: number;
    /** At most this many minutes on average over each span of consecutive months below (80 h). */
    averageMax: number;
    /** The spans of consecutive months the average applies to (2, 3, 4, 5 and 6). */
    averageSpans: readonly number[];
    /** A month with more than this many minutes is a busy month (45 h). */
    busyMonthAbove: number;
    /** At most this many busy months in a fiscal year (6). */
    busyMonthsMax: number;
  };
}

/** Names of the single limits, for warning thresholds set by hand. */
export type OvertimeLimitId =
  | 'ordinary_monthly'
  | 'ordinary_yearly'
  | 'other_directed_monthly'
  | 'other_directed_yearly'
  | 'other_directed_average'
  | 'other_directed_busy_months';

/** A town's overtime settings: the limits and when the person and their chief are warned. */
export interface OvertimeRules {
  limits: OvertimeLimits;
  /**
   * Warn "before" from this percentage of each limit, rounded down: 80 → 36 h of 45 h, 80 h of 100 h, 288 h of
   * 360 h, 64 h of an 80 h average, 4 of 6 busy months.
   */
  warningPercent: number;
  /** Thresholds set by hand (minutes, or months for the busy-month count), replacing the percentage. */
  warningThresholds?: Partial<Record<OvertimeLimitId, number>>;
}

const HOUR = 60;

/** The national limits since 2019 (人事院規則15-14) with warnings from 80 %. */
export const DEFAULT_OVERTIME_RULES: OvertimeRules = Object.freeze({
  limits: Object.freeze({
    ordinary: Object.freeze({ monthlyMax: 45 * HOUR, yearlyMax: 360 * HOUR }),
    otherDirected: Object.freeze({
      monthlyBelow: 100 * HOUR,
      yearlyMax: 720 * HOUR,
      averageMax: 80 * HOUR,
      averageSpans: Object.freeze([2, 3, 4, 5, 6]),
      busyMonthAbove: 45 * HOUR,
      busyMonthsMax: 6,
    }),
  }),
  warningPercent: 80,
});

function isCount(value: number): boolean {
  return Number.isSafeInteger(value) && value >= 0;
}

/** Problems in a set of rules (empty when they are usable). */
export function validateOvertimeRules(rules: OvertimeRules): string[] {
  const problems: string[] = [];
  const { ordinary, otherDirected } = rules.limits;
  const counts: [string, number][] = [
    ['ordinary.monthlyMax', ordinary.monthlyMax],
    ['ordinary.yearlyMax', ordinary.yearlyMax],
    ['otherDirected.monthlyBelow', otherDirected.monthlyBelow],
    ['otherDirected.yearlyMax', otherDirected.yearlyMax],
    ['otherDirected.averageMax', otherDirected.averageMax],
    ['otherDirected.busyMonthAbove', otherDirected.busyMonthAbove],
    ['otherDirected.busyMonthsMax', otherDirected.busyMonthsMax],
  ];
  for (const [name, value] of counts)
    if (!isCount(value)) problems.push(`${name}: must be a whole number, 0 or more`);
  if (otherDirected.monthlyBelow < 1) problems.push('otherDirected.monthlyBelow: must be at least 1 minute');
  if (otherDirected.averageSpans.some((s) => !Number.isSafeInteger(s) || s < 2 || s > 12))
    problems.push('otherDirected.averageSpans: each must be a whole number of months from 2 to 12');
  if (!Number.isFinite(rules.warningPercent) || rules.warningPercent <= 0 || rules.warningPercent > 100)
    problems.push('warningPercent: must be more than 0 and at most 100');
  for (const [id, value] of Object.entries(rules.warningThresholds ?? {}))
    if (value !== undefined && !isCount(value))
      problems.push(`warningThresholds.${id}: must be a whole number`);
  return problems;
}

/** The threshold of a limit from which the person and their chief are warned. */
export function overtimeWarningThreshold(rules: OvertimeRules, id: OvertimeLimitId): number {
  const set = rules.warningThresholds?.[id];
  if (set !== undefined) return set;
  const { ordinary, otherDirected } = rules.limits;
  const limit: Record<OvertimeLimitId, number> = {
    ordinary_monthly: ordinary.monthlyMax,
    ordinary_yearly: ordinary.yearlyMax,
    other_directed_monthly: otherDirected.monthlyBelow,
    other_directed_yearly: otherDirected.yearlyMax,
    other_directed_average: otherDirected.averageMax,
    other_directed_busy_months: otherDirected.busyMonthsMax,
  };
  // Integer arithmetic first, so that 80 % of 45 h is exactly 2,160 minutes.
  return Math.floor((limit[id] * rules.warningPercent) / 100);
}

// ---------------------------------------------------------------------------------------------------------------
// Months

const YEAR_MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

function requireMonth(month: string): void {
  if (!YEAR_MONTH.test(month)) throw new RangeError(`not a YYYY-MM month: ${month}`);
}

/** A month as a number that counts months, so that consecutive months differ by one. */
export function monthNumber(month: string): number {
  requireMonth(month);
  return Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;
}

/** The month of a month number (`monthNumber` backwards). */
export function monthOfNumber(n: number): string {
  const year = Math.floor(n / 12);
  const month = (n % 12) + 1;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`;
}

/** The fiscal year (年度) a `YYYY-MM` month belongs to: 2027-03 is 2026年度. */
export function fiscalYearOfMonth(month: string): number {
  requireMonth(month);
  return fiscalYearOf(`${month}-01`);
}

/** The twelve months of a fiscal year, April to March: 2026 → 2026-04 … 2027-03. */
export function fiscalYearMonths(fiscalYear: number): string[] {
  if (!Number.isSafeInteger(fiscalYear) || fiscalYear < 1000 || fiscalYear > 9998)
    throw new RangeError(`not a fiscal year: ${fiscalYear}`);
  const april = fiscalYear * 12 + 3;
  return Array.from({ length: 12 }, (_, i) => monthOfNumber(april + i));
}

// ---------------------------------------------------------------------------------------------------------------
// Totals

/** Overtime actually worked on one day (実績), as reported after the work. */
export interface OvertimeEntry {
  date: string;
  minutes: number;
  /** Work the town counts as 特例業務 (e.g. disaster response), which lifts the limits for its month. */
  special?: boolean;
}

/** One month's overtime of one person. */
export interface MonthlyOvertime {
  month: string;
  /** All overtime minutes of the month, 特例業務 included. */
  minutes: number;
  /** Of which 特例業務. */
  specialMinutes: number;
}

function requireMinutes(minutes: number, what: string): void {
  if (!isCount(minutes))
    throw new RangeError(`${what}: minutes must be a whole number, 0 or more: ${minutes}`);
}

/** Adds up a person's overtime entries by month, in month order. Months without entries are left out. */
export function monthlyTotals(entries: readonly OvertimeEntry[]): MonthlyOvertime[] {
  const byMonth = new Map<string, MonthlyOvertime>();
  for (const entry of entries) {
    if (!isCalendarDate(entry.date)) throw new RangeError(`not a YYYY-MM-DD date: ${entry.date}`);
    requireMinutes(entry.minutes, entry.date);
    const month = entry.date.slice(0, 7);
    const total = byMonth.get(month) ?? { month, minutes: 0, specialMinutes: 0 };
    total.minutes += entry.minutes;
    if (entry.special) total.specialMinutes += entry.minutes;
    byMonth.set(month, total);
  }
  return [...byMonth.values()].sort((a, b) => (a.month < b.month ? -1 : 1));
}

/** The sum of the minutes of the months of one fiscal year. */
export function fiscalYearTotal(totals: readonly MonthlyOvertime[], fiscalYear: number): number {
  return totals
    .filter((t) => fiscalYearOfMonth(t.month) === fiscalYear)
    .reduce((sum, t) => sum + t.minutes, 0);
}

// ---------------------------------------------------------------------------------------------------------------
// History: months with their regime

/** One month of a person's overtime history, under the regime of the department they belonged to. */
export interface OvertimeMonth {
  month: string;
  regime: OvertimeRegime;
  /** All overtime minutes of the month, 特例業務 included. */
  minutes: number;
  /**
   * Of which 特例業務. A month with any 特例業務 is a 特例 month: its limits are lifted, and exceeding them
   * calls for a recorded analysis of the causes (要因の整理・分析・検証).
   */
  specialMinutes: number;
}

/**
 * A period in a department (発令), with the regime the town set for it. `to` is the last day, or null while it
 * lasts. Periods of one person do not overlap.
 */
export interface OvertimePosting {
  from: string;
  to: string | null;
  regime: OvertimeRegime;
}

/**
 * The regime of a month: that of the department the person belonged to on the first day of the month, or, for a
 * person who arrived during the month, that of the first department they joined in it. Null when the person
 * belonged nowhere in the month.
 */
export function regimeOfMonth(postings: readonly OvertimePosting[], month: string): OvertimeRegime | null {
  requireMonth(month);
  const first = `${month}-01`;
  const last = `${month}-31`; // string comparison: every day of the month is at most this
  const covering = postings.find((p) => p.from <= first && (p.to === null || p.to >= first));
  if (covering) return covering.regime;
  const arriving = postings
    .filter((p) => p.from > first && p.from <= last)
    .sort((a, b) => (a.from < b.from ? -1 : 1))[0];
  return arriving ? arriving.regime : null;
}

/**
 * A person's history from their entries and postings: every month from the first posting's month through
 * `through` in which they belonged to a department, with 0 minutes when they did no overtime. Months in which
 * they belonged nowhere are left out, which breaks the runs of consecutive months the averages look at.
 */
export function overtimeHistory(
  entries: readonly OvertimeEntry[],
  postings: readonly OvertimePosting[],
  through: string,
): OvertimeMonth[] {
  const totals = new Map(monthlyTotals(entries).map((t) => [t.month, t]));
  const history: OvertimeMonth[] = [];
  if (postings.length > 0) {
    const start = Math.min(...postings.map((p) => monthNumber(p.from.slice(0, 7))));
    for (let n = start; n <= monthNumber(through); n++) {
      const month = monthOfNumber(n);
      const regime = regimeOfMonth(postings, month);
      if (regime === null) continue;
      const total = totals.get(month);
      history.push({
        month,
        regime,
        minutes: total?.minutes ?? 0,
        specialMinutes: total?.specialMinutes ?? 0,
      });
      totals.delete(month);
    }
  }
  const stray = [...totals.keys()];
  if (stray.length > 0) throw new RangeError(`overtime in months without a department: ${stray.join(', ')}`);
  return history;
}
