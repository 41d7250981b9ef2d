import { Injectable } from '@nestjs/common';
import type {
  DepartmentTimesheet,
  PersonTimesheet,
  TimesheetCloseState,
  TimesheetDay,
  TimesheetDepartments,
  TimesheetPerson,
  TimesheetTotals,
} from '@ringi/contracts';
import {
  addDays,
  isWorkingDay,
  leaveWorkingDates,
  specialLeaveType,
  nationalHolidayOn,
  nonWorkingReason,
  tokyoDate,
} from '@ringi/domain';
import type { AuthUser } from '../../core/auth/auth.types';
import { UnitOfWork } from '../../core/database/unit-of-work';
import { AppException } from '../../core/errors/app.exception';
import { workedMinutes } from './attendance-punches.service';
import { AttendanceSettingsService, type AttendanceRules } from './attendance-settings.service';
import { AttendanceTimesheetPolicy, monthSpan, type MonthSpan } from './attendance-timesheet.policy';

/** A stretch of days in the month a person's 本務 was in one department. */
interface Segment {
  user_id: string;
  department_id: string;
  department_name: string;
  position_name: string;
  staff_number: string;
  name: string;
  from_date: string;
  to_date: string;
}

interface PunchRow {
  user_id: string;
  kind: 'in' | 'out';
  at: Date;
  work_date: string;
  source: 'office' | 'telework';
}

interface LeaveRow {
  user_id: string;
  leave_type: string;
  unit: 'day' | 'half_day' | 'hour';
  from_date: string;
  to_date: string;
  minutes: number;
}

interface OvertimeRow {
  user_id: string;
  work_date: string;
  planned_minutes: number;
  actual_minutes: number | null;
}

/** A person's sheet before it is shaped: days with what counts, and the overtime as the limits count it. */
interface PersonDays {
  days: TimesheetDay[];
  /** Per day: approved overtime counted as the limits do (actual once reported, else planned). */
  overtimeCounted: Map<string, number>;
  overtimeUnreported: Map<string, number>;
}

/** `YYYY-MM` of a month at most 24 from now, else `attendance/month_out_of_range` (as the person's own month). */
export function requireMonthInRange(month: string, today = tokyoDate()): MonthSpan {
  const current = today.slice(0, 7);
  const distance =
    (Number(month.slice(0, 4)) - Number(current.slice(0, 4))) * 12 +
    Number(month.slice(5, 7)) -
    Number(current.slice(5, 7));
  if (Math.abs(distance) > 24) throw new AppException('attendance/month_out_of_range');
  return monthSpan(month, today);
}

/** Day by day, with totals, the way `me/month` and the leave and overtime services count. */
export function totalsOf(sheet: PersonDays): TimesheetTotals {
  const days = sheet.days.filter((d) => d.inScope);
  const sum = (f: (d: TimesheetDay) => number) => days.reduce((s, d) => s + f(d), 0);
  return {
    daysWorked: days.filter((d) => d.in).length,
    workedMinutes: sum((d) => d.workedMinutes ?? 0),
    teleworkDays: days.filter((d) => d.telework).length,
    leaveDays:
      days.filter((d) => d.leaveUnit === 'day' && d.leaveMinutes > 0).length +
      days.filter((d) => d.leaveUnit === 'half_day' && d.leaveMinutes > 0).length / 2,
    leaveHourMinutes: sum((d) => (d.leaveUnit === 'hour' ? d.leaveMinutes : 0)),
    leaveMinutes: sum((d) => d.leaveMinutes),
    specialLeaveDays: days.filter((d) => d.specialLeave !== null).length,
    overtimeMinutes: sum((d) => sheet.overtimeCounted.get(d.date) ?? 0),
    overtimeUnreported: sum((d) => sheet.overtimeUnreported.get(d.date) ?? 0),
  };
}

/**
 * 出勤簿: a department's month (its people and those of the departments below it, for the days their 本務 was
 * there) and one person's month, from the punches, approved annual leave and approved overtime, on the town's
 * calendar (the same one leave requests are checked on). Nothing is stored: every sheet is derived, so it always
 * agrees with the person's own month, leave balance and overtime. A handful of set-based queries per sheet.
 */
@Injectable()
export class AttendanceTimesheetsService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly policy: AttendanceTimesheetPolicy,
    private readonly settings: AttendanceSettingsService,
  ) {}

  async departments(user: AuthUser, month = tokyoDate().slice(0, 7)): Promise<TimesheetDepartments> {
    const span = requireMonthInRange(month);
    const visible = await this.policy.departments(user, span);
    if (!visible.size) return { month, items: [], canExportTown: false };
    const rows: {
      id: string;
      name: string;
      kind: 'office' | 'division' | 'section';
      parent_id: string | null;
    }[] = await this.uow.query(
      `SELECT * FROM (
           SELECT DISTINCT ON (d.id) d.id::text, v.name, v.kind, v.parent_id::text, d.sort_order, d.code
             FROM department d JOIN department_version v ON v.department_id = d.id
            WHERE d.id = ANY($1::uuid[]) AND v.valid_from <= $3 AND (v.valid_to IS NULL OR v.valid_to >= $2)
            ORDER BY d.id, v.valid_from DESC) x
          ORDER BY sort_order, code`,
      [[...visible.keys()], span.first, span.last],
    );
    return {
      month,
      items: treeOrder(rows).map((r) => ({
        id: r.id,
        name: r.name,
        kind: r.kind,
        parentId: r.parent_id,
        as: visible.get(r.id)!,
      })),
      canExportTown: user.role === 'admin',
    };
  }

  async department(user: AuthUser, departmentId: string, month: string): Promise<DepartmentTimesheet> {
    const span = requireMonthInRange(month);
    await this.policy.requireDepartment(user, departmentId, span);
    const ids = await this.policy.subtree([departmentId], span);
    const [department]: { name: string }[] = await this.uow.query(
      `SELECT v.name FROM department_version v
        WHERE v.department_id = $1 AND v.valid_from <= $3 AND (v.valid_to IS NULL OR v.valid_to >= $2)
        ORDER BY v.valid_from DESC LIMIT 1`,
      [departmentId, span.first, span.last],
    );
    return {
      month,
      department: { id: departmentId, name: department?.name ?? '' },
      close: await this.closeState(departmentId, span),
      canClose: true,
      canReopen: this.policy.canReopen(user),
      people: await this.sheets(span, ids),
    };
  }

  async person(user: AuthUser, userId: string, month: string): Promise<PersonTimesheet> {
    const span = requireMonthInRange(month);
    await this.policy.requirePerson(user, userId, span);
    const [person] = await this.sheets(span, null, [userId], true);
    const closed = person?.departmentId ? (await this.closeState(person.departmentId, span)).closed : false;
    return { month, person: person!, closed };
  }

  /** Is a department's month closed, when and by whom. */
  async closeState(departmentId: string, span: MonthSpan): Promise<TimesheetCloseState> {
    const [row]: { closed_at: Date; name: string | null }[] = await this.uow.query(
      `SELECT c.closed_at, u.family_name || ' ' || u.given_name AS name
         FROM attendance_month_close c LEFT JOIN app_user u ON u.id = c.closed_by
        WHERE c.department_id = $1 AND c.month = $2`,
      [departmentId, span.first],
    );
    return row
      ? { closed: true, closedAt: row.closed_at.toISOString(), closedByName: row.name }
      : { closed: false, closedAt: null, closedByName: null };
  }

  /**
   * The sheets of the people whose 本務 was in one of `departmentIds` during the month (each for those days), or,
   * with `departmentIds` null, of everyone with an assignment that month (the whole town, or `userIds`). With
   * `wholeMonth`, every day of the month counts (one person's own sheet, as their own month counts it).
   */
  async sheets(
    span: MonthSpan,
    departmentIds: readonly string[] | null,
    userIds: readonly string[] | null = null,
    wholeMonth = false,
  ): Promise<TimesheetPerson[]> {
    const segments: Segment[] = await this.uow.query(
      `SELECT m.user_id::text, m.department_id::text,
              COALESCE((SELECT v.name FROM department_version v
                         WHERE v.department_id = m.department_id AND v.valid_from <= $2
                           AND (v.valid_to IS NULL OR v.valid_to >= $1)
                         ORDER BY v.valid_from DESC LIMIT 1), d.name) AS department_name,
              p.name AS position_name, u.staff_number, u.family_name || ' ' || u.given_name AS name,
              GREATEST(m.valid_from, $1::date)::text AS from_date,
              LEAST(COALESCE(m.valid_to, $2::date), $2::date)::text AS to_date
         FROM membership m
         JOIN app_user u ON u.id = m.user_id
         JOIN position p ON p.id = m.position_id
         JOIN department d ON d.id = m.department_id
        WHERE m.is_primary AND m.valid_from <= $2 AND (m.valid_to IS NULL OR m.valid_to >= $1)
          AND ($3::uuid[] IS NULL OR m.department_id = ANY($3::uuid[]))
          AND ($4::uuid[] IS NULL OR m.user_id = ANY($4::uuid[]))
        ORDER BY d.sort_order, d.code, p.rank, u.staff_number, m.valid_from`,
      [span.first, span.last, departmentIds ? [...departmentIds] : null, userIds ? [...userIds] : null],
    );
    const byUser = new Map<string, Segment[]>();
    for (const s of segments) byUser.set(s.user_id, [...(byUser.get(s.user_id) ?? []), s]);
    // One person's own sheet: also without any assignment that month.
    if (wholeMonth && userIds) {
      for (const id of userIds.filter((u) => !byUser.has(u))) {
        const [u]: { staff_number: string; name: string }[] = await this.uow.query(
          `SELECT staff_number, family_name || ' ' || given_name AS name FROM app_user WHERE id = $1`,
          [id],
        );
        if (u)
          byUser.set(id, [
            {
              ...u,
              user_id: id,
              department_id: '',
              department_name: '',
              position_name: '',
              from_date: span.first,
              to_date: span.last,
            },
          ]);
      }
    }
    const people = [...byUser.keys()];
    if (!people.length) return [];
    const [punches, leave, overtime] = await Promise.all([
      this.uow.query<PunchRow[]>(
        `SELECT user_id::text, kind, at, work_date::text, source FROM attendance_punch
          WHERE user_id = ANY($1::uuid[]) AND work_date BETWEEN $2 AND $3 AND voided_at IS NULL`,
        [people, span.first, span.last],
      ),
      this.uow.query<LeaveRow[]>(
        `SELECT user_id::text, leave_type, unit, from_date::text, to_date::text, minutes FROM leave_request
          WHERE user_id = ANY($1::uuid[]) AND status = 'approved' AND from_date <= $3 AND to_date >= $2`,
        [people, span.first, span.last],
      ),
      this.uow.query<OvertimeRow[]>(
        `SELECT user_id::text, work_date::text, planned_minutes, actual_minutes FROM overtime_request
          WHERE user_id = ANY($1::uuid[]) AND status = 'approved' AND work_date BETWEEN $2 AND $3`,
        [people, span.first, span.last],
      ),
    ]);
    const group = <T extends { user_id: string }>(rows: T[]) => {
      const map = new Map<string, T[]>();
      for (const r of rows) map.set(r.user_id, [...(map.get(r.user_id) ?? []), r]);
      return map;
    };
    const punchesBy = group(punches);
    const leaveBy = group(leave);
    const overtimeBy = group(overtime);
    const today = tokyoDate();
    const rules = await this.settings.rules();
    return people.map((userId) => {
      const segs = byUser.get(userId)!;
      const last = segs.reduce((a, b) => (b.from_date > a.from_date ? b : a));
      const sheet = personDays(
        span,
        (date) => wholeMonth || segs.some((s) => s.from_date <= date && date <= s.to_date),
        punchesBy.get(userId) ?? [],
        leaveBy.get(userId) ?? [],
        overtimeBy.get(userId) ?? [],
        today,
        rules,
      );
      return {
        userId,
        staffNumber: last.staff_number,
        name: last.name,
        departmentId: last.department_id || null,
        departmentName: last.department_name,
        positionName: last.position_name,
        days: sheet.days,
        totals: totalsOf(sheet),
      };
    });
  }
}

/** The days of a month for one person, with what counts on each. */
function personDays(
  span: MonthSpan,
  inScope: (date: string) => boolean,
  punches: PunchRow[],
  leave: LeaveRow[],
  overtime: OvertimeRow[],
  today: string,
  rules: AttendanceRules,
): PersonDays {
  const { calendar, workRule } = rules;
  const leaveOn = new Map<string, { minutes: number; unit: 'day' | 'half_day' | 'hour' }>();
  const specialOn = new Map<string, string>();
  for (const l of leave) {
    if (l.leave_type !== 'annual') {
      // Special leave (特別休暇) is no annual leave: shown by its name on its working days, counted apart.
      const name = specialLeaveType(rules.specialLeave, l.leave_type)?.name ?? l.leave_type;
      for (const date of leaveWorkingDates(l.from_date, l.to_date, calendar)) specialOn.set(date, name);
      continue;
    }
    if (l.unit === 'hour') {
      const was = leaveOn.get(l.from_date);
      leaveOn.set(l.from_date, { minutes: (was?.minutes ?? 0) + l.minutes, unit: was?.unit ?? 'hour' });
      continue;
    }
    // Days (and half days): the request's minutes spread over its working days, as it was counted.
    const dates = leaveWorkingDates(l.from_date, l.to_date, calendar);
    if (!dates.length) continue;
    const each = Math.floor(l.minutes / dates.length);
    dates.forEach((date, i) => {
      const minutes = i === dates.length - 1 ? l.minutes - each * (dates.length - 1) : each;
      const was = leaveOn.get(date);
      leaveOn.set(date, {
        minutes: (was?.minutes ?? 0) + minutes,
        unit: l.unit === 'half_day' && !was ? 'half_day' : 'day',
      });
    });
  }
  const overtimeCounted = new Map<string, number>();
  const overtimeUnreported = new Map<string, number>();
  const planned = new Map<string, number>();
  const actual = new Map<string, number | null>();
  for (const o of overtime) {
    const d = o.work_date;
    planned.set(d, (planned.get(d) ?? 0) + o.planned_minutes);
    overtimeCounted.set(d, (overtimeCounted.get(d) ?? 0) + (o.actual_minutes ?? o.planned_minutes));
    if (o.actual_minutes !== null) actual.set(d, (actual.get(d) ?? 0) + o.actual_minutes);
    else if (d < today) overtimeUnreported.set(d, (overtimeUnreported.get(d) ?? 0) + 1);
  }
  const days: TimesheetDay[] = [];
  for (let date = span.first; date <= span.last; date = addDays(date, 1)) {
    const punchIn = punches.find((p) => p.work_date === date && p.kind === 'in');
    const punchOut = punches.find((p) => p.work_date === date && p.kind === 'out');
    const l = leaveOn.get(date);
    days.push({
      date,
      inScope: inScope(date),
      workingDay: isWorkingDay(date, calendar),
      nonWorking: nonWorkingReason(date, calendar),
      holidayName: nationalHolidayOn(date)?.name ?? null,
      in: punchIn ? punchIn.at.toISOString() : null,
      out: punchOut ? punchOut.at.toISOString() : null,
      telework: punchIn?.source === 'telework' || punchOut?.source === 'telework',
      workedMinutes: punchIn && punchOut ? workedMinutes(punchIn.at, punchOut.at, date, workRule) : null,
      leaveMinutes: l?.minutes ?? 0,
      leaveUnit: l?.unit ?? null,
      specialLeave: specialOn.get(date) ?? null,
      overtimePlannedMinutes: planned.get(date) ?? 0,
      overtimeActualMinutes: actual.has(date) ? actual.get(date)! : null,
    });
  }
  return { days, overtimeCounted, overtimeUnreported };
}

/** Departments parent before children, siblings in the order given (sort order, code). */
function treeOrder<T extends { id: string; parent_id: string | null }>(rows: T[]): T[] {
  const ids = new Set(rows.map((r) => r.id));
  const children = new Map<string | null, T[]>();
  for (const r of rows) {
    const parent = r.parent_id && ids.has(r.parent_id) ? r.parent_id : null;
    children.set(parent, [...(children.get(parent) ?? []), r]);
  }
  const out: T[] = [];
  const walk = (parent: string | null) => {
    for (const r of children.get(parent) ?? []) {
      out.push(r);
      walk(r.id);
    }
  };
  walk(null);
  return out;
}
