import { DEFAULT_WORK_CALENDAR } from '../calendar';
import { addDays } from '../dates';
import { isCalendarDate } from '../iso-date';
import { leaveWorkingDates, type WorkingDayTest } from './leave-balance';
import { serviceCompletedOn } from './leave-grant';
import {
  inSeason,
  postnatalLeaveEnd,
  prenatalLeaveStart,
  specialLeaveDays,
  type BereavementRelationship,
  type SpecialLeaveType,
} from './leave-special';

/** A request for special leave (特別休暇): whole days from–to, or minutes on one day where the type allows hours. */
export interface SpecialLeaveRequest {
  unit: 'day' | 'hour';
  from: string;
  /** Days: the last day (inclusive); hours: the same day. */
  to: string;
  /** Hours: the minutes asked for. */
  minutes?: number;
  /** 忌引: who died. */
  relationship?: BereavementRelationship;
  /** 子の看護休暇, 短期介護休暇: how many persons are cared for (2 or more doubles the days). */
  persons?: number;
  /** 結婚休暇: the wedding (or registration) day; 産前: the expected day; 産後: the birth. */
  eventDate?: string;
  /** 産前: a multiple birth. */
  multipleBirth?: boolean;
}

/** What the same person already took (approved or on its route) of this type, for the yearly limits. */
export interface SpecialLeaveTaken {
  from: string;
  to: string;
  /** Minutes counted: working days × day length, or hours. */
  minutes: number;
}

export type SpecialLeaveRefusal =
  | 'invalid_request'
  | 'hourly_not_allowed'
  | 'not_a_working_day'
  | 'out_of_season'
  | 'relationship_required'
  | 'persons_required'
  | 'event_date_required'
  | 'outside_window'
  | 'over_limit';

export type SpecialLeaveCheck =
  | { ok: true; minutes: number; days: number; limitDays: number | null; usedDays: number | null }
  | { ok: false; reason: SpecialLeaveRefusal };

const calendarSpan = (from: string, to: string): number =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;

/**
 * Whether a special leave request fits its type's limit (the town's table, `DEFAULT_SPECIAL_LEAVE` by default),
 * and what it counts: working days × the person's day for leave counted in working days, every calendar day for
 * leave counted in consecutive days (病気休暇, 忌引, 結婚, 産前・産後, 介護).
 *
 * Yearly limits (夏季休暇 in its season, 子の看護休暇, 短期介護休暇) add what was taken that calendar year; the
 * consecutive limits apply to the request itself (a sick leave continued by a second request is the
 * caller's to join). 介護休暇's six months per family member are checked per request.
 */
export function checkSpecialLeave(
  type: SpecialLeaveType,
  request: SpecialLeaveRequest,
  takenThisYear: readonly SpecialLeaveTaken[],
  dayMinutes: number,
  workingDay: WorkingDayTest = DEFAULT_WORK_CALENDAR,
): SpecialLeaveCheck {
  const refuse = (reason: SpecialLeaveRefusal): SpecialLeaveCheck => ({ ok: false, reason });
  if (!isCalendarDate(request.from) || !isCalendarDate(request.to) || request.to < request.from)
    return refuse('invalid_request');
  if (calendarSpan(request.from, request.to) > 366) return refuse('invalid_request');
  if (request.eventDate !== undefined && !isCalendarDate(request.eventDate)) return refuse('invalid_request');
  const working = leaveWorkingDates(request.from, request.to, workingDay);

  let minutes: number;
  if (request.unit === 'hour') {
    if (!type.hourly) return refuse('hourly_not_allowed');
    if (request.to !== request.from) return refuse('invalid_request');
    const m = request.minutes ?? 0;
    if (!Number.isSafeInteger(m) || m <= 0 || m % 60 !== 0 || m >= dayMinutes)
      return refuse('invalid_request');
    if (working.length === 0) return refuse('not_a_working_day');
    minutes = m;
  } else if (type.limit.counting === 'working_days') {
    if (working.length === 0) return refuse('not_a_working_day');
    minutes = working.length * dayMinutes;
  } else {
    minutes = calendarSpan(request.from, request.to) * dayMinutes;
  }
  const days = calendarSpan(request.from, request.to);
  const limit = type.limit;

  switch (limit.kind) {
    case 'days_in_season': {
      if (!inSeason(request.from, limit.season) || !inSeason(request.to, limit.season))
        return refuse('out_of_season');
      if (request.from.slice(0, 4) !== request.to.slice(0, 4)) return refuse('out_of_season');
      return yearly(limit.days);
    }
    case 'days_per_year': {
      if (request.persons === undefined || !Number.isSafeInteger(request.persons) || request.persons < 1)
        return refuse('persons_required');
      if (request.from.slice(0, 4) !== request.to.slice(0, 4)) return refuse('invalid_request');
      return yearly(specialLeaveDays(type, { persons: request.persons })!);
    }
    case 'consecutive_days':
      return days <= limit.days ? ok(limit.days, null) : refuse('over_limit');
    case 'by_relationship': {
      if (request.relationship === undefined || !(request.relationship in limit.days))
        return refuse('relationship_required');
      const allowed = limit.days[request.relationship];
      return days <= allowed ? ok(allowed, null) : refuse('over_limit');
    }
    case 'around_event': {
      if (!request.eventDate) return refuse('event_date_required');
      const first = addDays(request.eventDate, -limit.windowDaysBefore);
      const last = addDays(serviceCompletedOn(request.eventDate, limit.windowMonthsAfter), -1);
      if (request.from < first || request.to > last) return refuse('outside_window');
      return days <= limit.days ? ok(limit.days, null) : refuse('over_limit');
    }
    case 'weeks_before_event': {
      if (!request.eventDate) return refuse('event_date_required');
      const first = prenatalLeaveStart(limit, request.eventDate, request.multipleBirth ?? false);
      if (request.from < first || request.to > request.eventDate) return refuse('outside_window');
      return ok(null, null);
    }
    case 'weeks_after_event': {
      if (!request.eventDate) return refuse('event_date_required');
      if (request.from <= request.eventDate || request.to > postnatalLeaveEnd(limit, request.eventDate))
        return refuse('outside_window');
      return ok(null, null);
    }
    case 'months_per_person': {
      const last = addDays(serviceCompletedOn(request.from, limit.months), -1);
      return request.to <= last ? ok(null, null) : refuse('over_limit');
    }
  }

  function ok(limitDays: number | null, usedDays: number | null): SpecialLeaveCheck {
    return { ok: true, minutes, days: request.unit === 'hour' ? 0 : days, limitDays, usedDays };
  }

  /** Working days this calendar year (hours at the person's day), the request included, against `allowed`. */
  function yearly(allowed: number): SpecialLeaveCheck {
    const year = request.from.slice(0, 4);
    const before = takenThisYear
      .filter((t) => t.from.slice(0, 4) === year)
      .reduce((s, t) => s + t.minutes, 0);
    if (before + minutes > allowed * dayMinutes) return refuse('over_limit');
    return ok(allowed, Math.ceil((before + minutes) / dayMinutes));
  }
}
