import { addDays } from '../dates';

/**
 * Special leave (特別休暇) types and their limits. `DEFAULT_SPECIAL_LEAVE` seeds a town's table with the national
 * rules (人事院規則15-14 §22 and 別表第二); a town edits its own copy.
 */

/** Relatives for bereavement leave (忌引). In-law rows cover both directions (配偶者の父母 and 父母の配偶者). */
export type BereavementRelationship =
  | 'spouse'
  | 'parent'
  | 'child'
  | 'grandparent'
  | 'grandchild'
  | 'sibling'
  | 'uncle_aunt'
  | 'parent_in_law'
  | 'child_in_law'
  | 'grandparent_in_law'
  | 'sibling_in_law'
  | 'uncle_aunt_in_law';

/**
 * How a special leave is limited. `working_days` count only working days taken; `calendar_days` run on through
 * weekends and holidays (連続する日数).
 */
export type SpecialLeaveLimit =
  /** Days in a season of each year (夏季休暇): `season` as `MM-DD` both included. */
  | { kind: 'days_in_season'; days: number; season: { from: string; to: string }; counting: 'working_days' }
  /** Days a calendar year, more when caring for two or more persons (子の看護休暇, 短期介護休暇). */
  | { kind: 'days_per_year'; days: number; daysForTwoOrMore: number; counting: 'working_days' }
  /** Consecutive days at most (病気休暇). */
  | { kind: 'consecutive_days'; days: number; counting: 'calendar_days' }
  /** Consecutive days by relationship (忌引). */
  | {
      kind: 'by_relationship';
      days: Readonly<Record<BereavementRelationship, number>>;
      counting: 'calendar_days';
    }
  /** Consecutive days within a window around an event (結婚休暇: from 5 days before to 1 month after). */
  | {
      kind: 'around_event';
      days: number;
      windowDaysBefore: number;
      windowMonthsAfter: number;
      counting: 'calendar_days';
    }
  /** Weeks up to and including the expected day (産前), more for a multiple birth. */
  | { kind: 'weeks_before_event'; weeks: number; weeksMultiple: number; counting: 'calendar_days' }
  /** Weeks after the event (産後). */
  | { kind: 'weeks_after_event'; weeks: number; counting: 'calendar_days' }
  /** Months in total per family member, in a limited number of periods (介護休暇). */
  | { kind: 'months_per_person'; months: number; periods: number; counting: 'calendar_days' };

export interface SpecialLeaveType {
  code: string;
  /** Japanese name as shown on forms. */
  name: string;
  /** Whether it may be taken by the hour. */
  hourly: boolean;
  /** Whether pay continues (介護休暇 is unpaid nationally). */
  paid: boolean;
  limit: SpecialLeaveLimit;
}

export const DEFAULT_BEREAVEMENT_DAYS: Readonly<Record<BereavementRelationship, number>> = Object.freeze({
  spouse: 7,
  parent: 7,
  child: 5,
  grandparent: 3,
  grandchild: 1,
  sibling: 3,
  uncle_aunt: 1,
  parent_in_law: 3,
  child_in_law: 1,
  grandparent_in_law: 1,
  sibling_in_law: 1,
  uncle_aunt_in_law: 1,
});

export const DEFAULT_SPECIAL_LEAVE: readonly SpecialLeaveType[] = Object.freeze([
  {
    code: 'summer',
    name: '夏季休暇',
    hourly: false,
    paid: true,
    limit: {
      kind: 'days_in_season',
      days: 3,
      season: { from: '07-01', to: '09-30' },
      counting: 'working_days',
    },
  },
  {
    code: 'sick',
    name: '病気休暇',
    hourly: true,
    paid: true,
    limit: { kind: 'consecutive_days', days: 90, counting: 'calendar_days' },
  },
  {
    code: 'bereavement',
    name: '忌引',
    hourly: false,
    paid: true,
    limit: { kind: 'by_relationship', days: DEFAULT_BEREAVEMENT_DAYS, counting: 'calendar_days' },
  },
  {
    code: 'marriage',
    name: '結婚休暇',
    hourly: false,
    paid: true,
    limit: {
      kind: 'around_event',
      days: 5,
      windowDaysBefore: 5,
      windowMonthsAfter: 1,
      counting: 'calendar_days',
    },
  },
  {
    code: 'child_nursing',
    name: '子の看護休暇',
    hourly: true,
    paid: true,
    limit: { kind: 'days_per_year', days: 5, daysForTwoOrMore: 10, counting: 'working_days' },
  },
  {
    code: 'short_term_care',
    name: '短期介護休暇',
    hourly: true,
    paid: true,
    limit: { kind: 'days_per_year', days: 5, daysForTwoOrMore: 10, counting: 'working_days' },
  },
  {
    code: 'prenatal',
    name: '産前休暇',
    hourly: false,
    paid: true,
    limit: { kind: 'weeks_before_event', weeks: 6, weeksMultiple: 14, counting: 'calendar_days' },
  },
  {
    code: 'postnatal',
    name: '産後休暇',
    hourly: false,
    paid: true,
    limit: { kind: 'weeks_after_event', weeks: 8, counting: 'calendar_days' },
  },
  {
    code: 'family_care',
    name: '介護休暇',
    hourly: true,
    paid: false,
    limit: { kind: 'months_per_person', months: 6, periods: 3, counting: 'calendar_days' },
  },
] satisfies SpecialLeaveType[]);

/** A special leave type of a table by its code, or null. */
export function specialLeaveType(table: readonly SpecialLeaveType[], code: string): SpecialLeaveType | null {
  return table.find((t) => t.code === code) ?? null;
}

/**
 * The most days a special leave allows for one occasion or year: the relationship's days for 忌引, the
 * two-or-more figure when caring for two or more persons. Null for limits not counted in days (weeks, months).
 */
export function specialLeaveDays(
  type: SpecialLeaveType,
  context: { relationship?: BereavementRelationship; persons?: number } = {},
): number | null {
  const limit = type.limit;
  switch (limit.kind) {
    case 'days_in_season':
    case 'consecutive_days':
    case 'around_event':
      return limit.days;
    case 'days_per_year':
      return (context.persons ?? 1) >= 2 ? limit.daysForTwoOrMore : limit.days;
    case 'by_relationship':
      if (context.relationship === undefined) throw new RangeError('忌引 needs the relationship');
      return limit.days[context.relationship];
    default:
      return null;
  }
}

/**
 * The first day of prenatal leave (産前休暇): the expected day counts as the last of the weeks, so 6 weeks before
 * 2026-08-31 start on 2026-07-21 (42 days, both ends included).
 */
export function prenatalLeaveStart(
  limit: Extract<SpecialLeaveLimit, { kind: 'weeks_before_event' }>,
  expectedOn: string,
  multipleBirth: boolean,
): string {
  return addDays(expectedOn, -(multipleBirth ? limit.weeksMultiple : limit.weeks) * 7 + 1);
}

/** The last day of postnatal leave (産後休暇): 8 weeks after a birth on 2026-08-31 end on 2026-10-26. */
export function postnatalLeaveEnd(
  limit: Extract<SpecialLeaveLimit, { kind: 'weeks_after_event' }>,
  bornOn: string,
): string {
  return addDays(bornOn, limit.weeks * 7);
}

/** Whether a date is in a yearly season given as `MM-DD` bounds (夏季休暇: July 1 to September 30). */
export function inSeason(date: string, season: { from: string; to: string }): boolean {
  const monthDay = date.slice(5);
  return season.from <= monthDay && monthDay <= season.to;
}
