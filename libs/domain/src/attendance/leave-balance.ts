import { addDays } from '../dates';
import { DEFAULT_WORK_CALENDAR, isWorkingDay, type WorkCalendarRules } from '../calendar';
import { isCalendarDate } from '../iso-date';
import type { LeaveGrant, LeavePerson } from './leave-grant';
import {
  halfDayFits,
  leaveYearOf,
  leaveYearRange,
  type HalfDayLengths,
  type LeaveRules,
} from './leave-rules';

/** How leave is taken: whole days (a range), a half day, or hours. */
export type LeaveUnit = 'day' | 'half_day' | 'hour';

export type LeaveRequest =
  | { unit: 'day'; from: string; to: string }
  | { unit: 'half_day'; date: string; part: 'am' | 'pm' }
  /** `minutes`: whole hours (60, 120 …), or everything left when that is not whole hours. */
  | { unit: 'hour'; date: string; minutes: number };

export type LeaveRequestStatus = 'pending' | 'approved' | 'rejected' | 'withdrawn' | 'cancelled';

/**
 * A request as stored, with the minutes `checkLeaveRequest` counted when it was made. Only approved requests
 * count against the balance: a cancelled one gives its minutes back simply by no longer being counted.
 */
export interface TakenLeave {
  /** The request's (first) day; it decides the leave year. */
  date: string;
  unit: LeaveUnit;
  minutes: number;
  status: LeaveRequestStatus;
}

/** A person's annual leave in one leave year, derived from grants and approved requests. */
export interface LeaveBalance {
  leaveYear: number;
  /** The day length the minutes are counted in (the person's). */
  dayMinutes: number;
  /** The person's half days, or null when they may not take any. */
  halfDay: HalfDayLengths | null;
  /** Carried over from the previous leave year (繰越し), received at the start of this one. */
  carriedInMinutes: number;
  /** Granted this leave year up to the balance date. */
  grantedMinutes: number;
  /** Taken by approved requests of this leave year (those dated after the balance date included). */
  usedMinutes: number;
  /** What is left of the carried-over days; used first, it expires on `carryOverExpiresOn`. */
  carriedMinutes: number;
  /** What is left of this year's grant; negative only when grants were reduced below what was taken. */
  currentMinutes: number;
  totalMinutes: number;
  /** The last day of the leave year, after which what is carried in expires. */
  carryOverExpiresOn: string;
  /** Hourly leave taken this leave year. */
  hourlyUsedMinutes: number;
  /** The yearly cap on hourly leave, or null for none. */
  hourlyCapMinutes: number | null;
}

/** Days, hours and minutes for display: 5,625 minutes at 7 h 45 min a day → 12 days 1 hour 45 minutes. */
export interface LeaveAmountParts {
  days: number;
  hours: number;
  minutes: number;
}

function requireDate(date: string): void {
  if (!isCalendarDate(date)) throw new RangeError(`not a YYYY-MM-DD date: ${date}`);
}

/**
 * Splits minutes of leave into whole days of `dayMinutes`, whole hours and minutes, for 「12日と3時間45分」.
 * A negative amount gives parts that are all zero or negative.
 */
export function leaveAmountParts(totalMinutes: number, dayMinutes: number): LeaveAmountParts {
  if (!Number.isSafeInteger(totalMinutes)) throw new RangeError(`not whole minutes: ${totalMinutes}`);
  if (!Number.isSafeInteger(dayMinutes) || dayMinutes <= 0)
    throw new RangeError(`not a day length: ${dayMinutes}`);
  const sign = totalMinutes < 0 ? -1 : 1;
  const abs = Math.abs(totalMinutes);
  const rest = abs % dayMinutes;
  return {
    days: sign * Math.floor(abs / dayMinutes) || 0,
    hours: sign * Math.floor(rest / 60) || 0,
    minutes: sign * (rest % 60) || 0,
  };
}

/**
 * The yearly cap on hourly leave in minutes: `capDays` days of the day length rounded up to whole hours
 * (労働基準法施行規則 §24-4: a 7 h 45 min day counts as 8 hours, so 5 days are 40 hours).
 */
export function hourlyCapMinutes(capDays: number, dayMinutes: number): number {
  return capDays * Math.ceil(dayMinutes / 60) * 60;
}

/** The person's day length and half days: their own day length, the town's half days only on the town's day. */
export function leaveSchedule(
  rules: LeaveRules,
  person: Pick<LeavePerson, 'dayMinutes'>,
): { dayMinutes: number; halfDay: HalfDayLengths | null } {
  const dayMinutes = person.dayMinutes ?? rules.dayMinutes;
  if (!Number.isSafeInteger(dayMinutes) || dayMinutes <= 0)
    throw new RangeError(`not a day length: ${dayMinutes}`);
  const halfDay =
    rules.halfDay !== null && dayMinutes === rules.dayMinutes && halfDayFits(rules.halfDay, dayMinutes)
      ? rules.halfDay
      : null;
  return { dayMinutes, halfDay };
}

/**
 * The annual leave balance in the leave year of `at`, derived from the grants and the approved requests alone
 * (nothing stored that could drift).
 *
 * Year by year from the earliest grant or request: what was carried in is used first; at the year end what is
 * left of the carried-in days expires and what is left of that year's grant carries over, up to
 * `carryOverMaxDays` (cut to whole days unless `carryOverHours`). Grants count from their `grantedOn`, so a
 * grant due later in the year of `at` is not yet in the balance. Every approved request of the year counts,
 * also those dated after `at`: they are promised already.
 */
export function leaveBalance(
  rules: LeaveRules,
  person: Pick<LeavePerson, 'dayMinutes'>,
  grants: readonly LeaveGrant[],
  taken: readonly TakenLeave[],
  at: string,
): LeaveBalance {
  requireDate(at);
  const { dayMinutes, halfDay } = leaveSchedule(rules, person);
  const year = leaveYearOf(rules, at);
  const approved = taken.filter((t) => t.status === 'approved');
  for (const t of approved) {
    requireDate(t.date);
    if (!Number.isSafeInteger(t.minutes) || t.minutes < 0)
      throw new RangeError(`not whole minutes: ${t.minutes}`);
  }
  for (const g of grants) {
    requireDate(g.grantedOn);
    if (!Number.isSafeInteger(g.days) || g.days < 0) throw new RangeError(`not whole days: ${g.days}`);
  }
  const years = [
    ...grants.map((g) => leaveYearOf(rules, g.grantedOn)),
    ...approved.map((t) => leaveYearOf(rules, t.date)),
  ];
  const firstYear = Math.min(year, ...years);
  const carryCap = rules.carryOverMaxDays * dayMinutes;

  let carriedIn = 0;
  for (let y = firstYear; ; y += 1) {
    const granted =
      grants
        .filter((g) => leaveYearOf(rules, g.grantedOn) === y && g.grantedOn <= at)
        .reduce((sum, g) => sum + g.days, 0) * dayMinutes;
    const inYear = approved.filter((t) => leaveYearOf(rules, t.date) === y);
    const used = inYear.reduce((sum, t) => sum + t.minutes, 0);
    const fromCarried = Math.min(carriedIn, used);
    const carried = carriedIn - fromCarried;
    const current = granted - (used - fromCarried);
    if (y === year) {
      return {
        leaveYear: y,
        dayMinutes,
        halfDay,
        carriedInMinutes: carriedIn,
        grantedMinutes: granted,
        usedMinutes: used,
        carriedMinutes: carried,
        currentMinutes: current,
        totalMinutes: carried + current,
        carryOverExpiresOn: leaveYearRange(rules, y).end,
        hourlyUsedMinutes: inYear.filter((t) => t.unit === 'hour').reduce((sum, t) => sum + t.minutes, 0),
        hourlyCapMinutes:
          rules.hourlyCapDays === null ? null : hourlyCapMinutes(rules.hourlyCapDays, dayMinutes),
      };
    }
    const out = Math.min(Math.max(current, 0), carryCap);
    carriedIn = rules.carryOverHours ? out : out - (out % dayMinutes);
  }
}

/** Tells whether a day is a working day for the person: a town calendar, or a predicate (a part-timer's own days). */
export type WorkingDayTest = WorkCalendarRules | ((date: string) => boolean);

/** No leave request runs longer than this many calendar days (a leave year at most). */
const MAX_REQUEST_DAYS = 366;

/**
 * The working days from `from` to `to`, both included, that a multi-day leave request takes: weekends, national
 * holidays and the town's closed days (or the days outside a part-timer's schedule) are not counted.
 */
export function leaveWorkingDates(
  from: string,
  to: string,
  workingDay: WorkingDayTest = DEFAULT_WORK_CALENDAR,
): string[] {
  requireDate(from);
  requireDate(to);
  if (to < from) throw new RangeError(`the range ends before it starts: ${from} to ${to}`);
  const test = typeof workingDay === 'function' ? workingDay : (d: string) => isWorkingDay(d, workingDay);
  const dates: string[] = [];
  let count = 0;
  for (let d = from; d <= to; d = addDays(d, 1)) {
    count += 1;
    if (count > MAX_REQUEST_DAYS) throw new RangeError(`a range longer than ${MAX_REQUEST_DAYS} days`);
    if (test(d)) dates.push(d);
  }
  return dates;
}

/** The parts of a balance a request shows before and after. */
export interface LeaveBalanceSnapshot {
  carriedMinutes: number;
  currentMinutes: number;
  totalMinutes: number;
  /** Hourly leave still allowed under the cap this year, or null without a cap. */
  hourlyLeftMinutes: number | null;
}

export type LeaveRequestRefusal =
  /** Not a date, an end before the start, minutes that are not a positive whole number. */
  | 'invalid_request'
  /** The request is in another leave year than the balance (compute the balance at the request's day). */
  | 'other_leave_year'
  /** A day range crossing the leave year's end: two requests are needed. */
  | 'spans_leave_years'
  /** A half day or hours on a day that is not a working day, or a range without one. */
  | 'not_a_working_day'
  | 'half_day_not_allowed'
  | 'hourly_not_allowed'
  /** Hours that are not whole hours, and not all that is left either. */
  | 'not_whole_hours'
  /** As many hours as a day or more: take the day. */
  | 'hours_not_below_a_day'
  | 'insufficient_balance'
  | 'hourly_cap_exceeded';

export type LeaveRequestCheck =
  | {
      ok: true;
      /** What to store with the request (`TakenLeave` without its status). */
      taken: Omit<TakenLeave, 'status'>;
      /** The working days a day request takes (for a half day or hours, its one day). */
      dates: string[];
      before: LeaveBalanceSnapshot;
      after: LeaveBalanceSnapshot;
    }
  | { ok: false; reason: LeaveRequestRefusal; before: LeaveBalanceSnapshot };

function snapshot(
  balance: LeaveBalance,
  carried: number,
  current: number,
  hourlyUsed: number,
): LeaveBalanceSnapshot {
  return {
    carriedMinutes: carried,
    currentMinutes: current,
    totalMinutes: carried + current,
    hourlyLeftMinutes: balance.hourlyCapMinutes === null ? null : balance.hourlyCapMinutes - hourlyUsed,
  };
}

/**
 * Whether a request may be taken against a balance (computed with `leaveBalance` at the request's day), and the
 * balance before and after it; the carried-over days go first. The balance itself changes only when the request
 * is approved, by `leaveBalance` counting it.
 *
 * Hourly leave is taken in whole hours; a remainder under an hour (the 45 minutes of a 7 h 45 min day) can be
 * taken only by taking everything that is left. Hours must be fewer than a day's; half days are counted at
 * the town's morning or afternoon length and do not count towards the hourly cap.
 */
export function checkLeaveRequest(
  rules: LeaveRules,
  balance: LeaveBalance,
  request: LeaveRequest,
  workingDay: WorkingDayTest = DEFAULT_WORK_CALENDAR,
): LeaveRequestCheck {
  const before = snapshot(balance, balance.carriedMinutes, balance.currentMinutes, balance.hourlyUsedMinutes);
  const refuse = (reason: LeaveRequestRefusal): LeaveRequestCheck => ({ ok: false, reason, before });
  const isWorking =
    typeof workingDay === 'function' ? workingDay : (d: string) => isWorkingDay(d, workingDay);

  let date: string;
  let dates: string[];
  let minutes: number;
  if (request.unit === 'day') {
    if (!isCalendarDate(request.from) || !isCalendarDate(request.to) || request.to < request.from)
      return refuse('invalid_request');
    if (leaveYearOf(rules, request.from) !== balance.leaveYear) return refuse('other_leave_year');
    if (leaveYearOf(rules, request.to) !== balance.leaveYear) return refuse('spans_leave_years');
    dates = leaveWorkingDates(request.from, request.to, isWorking);
    if (dates.length === 0) return refuse('not_a_working_day');
    date = request.from;
    minutes = dates.length * balance.dayMinutes;
  } else {
    date = request.date;
    if (!isCalendarDate(date)) return refuse('invalid_request');
    if (leaveYearOf(rules, date) !== balance.leaveYear) return refuse('other_leave_year');
    if (request.unit === 'half_day') {
      if (request.part !== 'am' && request.part !== 'pm') return refuse('invalid_request');
      if (balance.halfDay === null) return refuse('half_day_not_allowed');
      minutes = balance.halfDay[request.part];
    } else {
      minutes = request.minutes;
      if (!Number.isSafeInteger(minutes) || minutes <= 0) return refuse('invalid_request');
      if (!rules.hourlyAllowed) return refuse('hourly_not_allowed');
      if (minutes >= balance.dayMinutes) return refuse('hours_not_below_a_day');
      if (minutes % 60 !== 0 && minutes !== balance.totalMinutes) return refuse('not_whole_hours');
    }
    if (!isWorking(date)) return refuse('not_a_working_day');
    dates = [date];
  }
  if (minutes > balance.totalMinutes) return refuse('insufficient_balance');
  const hourlyUsed = balance.hourlyUsedMinutes + (request.unit === 'hour' ? minutes : 0);
  if (balance.hourlyCapMinutes !== null && hourlyUsed > balance.hourlyCapMinutes)
    return refuse('hourly_cap_exceeded');
  const fromCarried = Math.min(balance.carriedMinutes, minutes);
  return {
    ok: true,
    taken: { date, unit: request.unit, minutes },
    dates,
    before,
    after: snapshot(
      balance,
      balance.carriedMinutes - fromCarried,
      balance.currentMinutes - (minutes - fromCarried),
      hourlyUsed,
    ),
  };
}
