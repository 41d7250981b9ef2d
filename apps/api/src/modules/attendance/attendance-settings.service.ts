import { Injectable } from '@nestjs/common';
import type {
  AttendanceSettings,
  PutWorkSchedule,
  UpdateAttendanceSettings,
  WorkRule,
  WorkSchedule,
  WorkScheduleList,
} from '@ringi/contracts';
import {
  DEFAULT_LEAVE_RULES,
  DEFAULT_OVERTIME_RULES,
  DEFAULT_SPECIAL_LEAVE,
  DEFAULT_WORK_CALENDAR,
  validateLeaveRules,
  validateWorkCalendar,
  type LeavePerson,
  type LeaveRules,
  type OvertimeRegime,
  type OvertimeRules,
  type SpecialLeaveType,
  type WorkCalendarRules,
} from '@ringi/domain';
import type { AuthUser } from '../../core/auth/auth.types';
import { UnitOfWork } from '../../core/database/unit-of-work';
import { AppException } from '../../core/errors/app.exception';

/** The town's standard day (the default: 8:30–17:15 with a 12:00–13:00 break, 7 h 45 min). */
export const DEFAULT_WORK_RULE: WorkRule = Object.freeze({
  start: '08:30',
  end: '17:15',
  breakStart: '12:00',
  breakEnd: '13:00',
  dayMinutes: 465,
});

/** The rules in force: what an administrator set, the national defaults for the rest. */
export interface AttendanceRules {
  workRule: WorkRule;
  calendar: WorkCalendarRules;
  /** With `dayMinutes` the working day's. */
  leave: LeaveRules;
  overtime: OvertimeRules;
  /** The special leave table (特別休暇). */
  specialLeave: readonly SpecialLeaveType[];
}

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** A working day's minutes: from start to end without the break. */
export function dayMinutesOf(r: Omit<WorkRule, 'dayMinutes'>): number {
  return minutesOf(r.end) - minutesOf(r.start) - (minutesOf(r.breakEnd) - minutesOf(r.breakStart));
}

interface SettingsRow {
  work_rule: Omit<WorkRule, 'dayMinutes'> | null;
  calendar: WorkCalendarRules | null;
  leave_rules: Omit<LeaveRules, 'dayMinutes'> | null;
  overtime_warning_percent: number | null;
  special_leave: SpecialLeaveType[] | null;
  updated_at: Date;
}

interface ScheduleRow {
  user_id: string;
  name: string;
  employment: 'regular' | 'part_time' | null;
  joined_on: string | null;
  weekly_days: number | null;
  day_minutes: number | null;
}

const toSchedule = (r: ScheduleRow): WorkSchedule => ({
  userId: r.user_id,
  name: r.name,
  employment: r.employment ?? 'regular',
  joinedOn: r.joined_on,
  weeklyDays: r.weekly_days,
  dayMinutes: r.day_minutes,
  custom: r.employment !== null,
});

/**
 * The town's attendance settings (working day, calendar, leave rules, overtime warnings, 他律的業務 departments)
 * and each person's own schedule. Read fresh on every use (one small row): a change applies at once to every
 * instance. The leave and overtime services take their rules from here.
 */
@Injectable()
export class AttendanceSettingsService {
  constructor(private readonly uow: UnitOfWork) {}

  async rules(): Promise<AttendanceRules> {
    const [row]: SettingsRow[] = await this.uow.query(
      `SELECT work_rule, calendar, leave_rules, overtime_warning_percent, special_leave, updated_at
         FROM attendance_settings`,
    );
    const workRule = row?.work_rule
      ? { ...row.work_rule, dayMinutes: dayMinutesOf(row.work_rule) }
      : DEFAULT_WORK_RULE;
    const { dayMinutes: _default, ...leaveDefaults } = DEFAULT_LEAVE_RULES;
    void _default;
    return {
      workRule,
      calendar: row?.calendar ?? DEFAULT_WORK_CALENDAR,
      leave: { ...leaveDefaults, ...row?.leave_rules, dayMinutes: workRule.dayMinutes },
      overtime: { ...DEFAULT_OVERTIME_RULES, warningPercent: row?.overtime_warning_percent ?? 80 },
      specialLeave: row?.special_leave ?? DEFAULT_SPECIAL_LEAVE,
    };
  }

  async view(): Promise<AttendanceSettings> {
    const rules = await this.rules();
    const [row]: { updated_at: Date }[] = await this.uow.query(`SELECT updated_at FROM attendance_settings`);
    const { dayMinutes: _d, ...leave } = rules.leave;
    void _d;
    return {
      workRule: rules.workRule,
      calendar: {
        closedWeekdays: [...rules.calendar.closedWeekdays],
        nationalHolidays: rules.calendar.nationalHolidays,
        closedDays: [...rules.calendar.closedDays],
        openDays: [...rules.calendar.openDays],
      },
      leave: {
        ...leave,
        proRatedDays: [...leave.proRatedDays],
        partTimeDays: {
          1: [...leave.partTimeDays[1]],
          2: [...leave.partTimeDays[2]],
          3: [...leave.partTimeDays[3]],
          4: [...leave.partTimeDays[4]],
          5: [...leave.partTimeDays[5]],
        },
      },
      overtimeWarningPercent: rules.overtime.warningPercent,
      specialLeave: structuredClone([...rules.specialLeave]) as AttendanceSettings['specialLeave'],
      otherDirectedDepartments: await this.uow.query(
        `SELECT d.id, d.name FROM overtime_other_directed o JOIN department d ON d.id = o.department_id
          ORDER BY d.name`,
      ),
      updatedAt: row?.updated_at.toISOString() ?? null,
    };
  }

  async update(user: AuthUser, body: UpdateAttendanceSettings): Promise<AttendanceSettings> {
    const dayMinutes = dayMinutesOf(body.workRule);
    const problems = [
      ...validateWorkCalendar(body.calendar),
      ...validateLeaveRules({ ...body.leave, dayMinutes }),
    ];
    if (problems.length)
      throw new AppException(
        'attendance/settings_invalid',
        problems.map((message) => ({ message })),
      );
    await this.uow.run(async (tx) => {
      const ids = [...new Set(body.otherDirectedDepartmentIds)];
      const known: { id: string }[] = await tx.em.query(
        `SELECT id FROM department WHERE id = ANY($1::uuid[])`,
        [ids],
      );
      if (known.length !== ids.length) throw new AppException('org/department_not_found');
      await tx.em.query(
        `INSERT INTO attendance_settings (id, work_rule, calendar, leave_rules, overtime_warning_percent, updated_by,
                                          special_leave)
         VALUES (true, $1, $2, $3, $4, $5, $6)
         ON CONFLICT (id) DO UPDATE SET work_rule = EXCLUDED.work_rule, calendar = EXCLUDED.calendar,
           leave_rules = EXCLUDED.leave_rules, overtime_warning_percent = EXCLUDED.overtime_warning_percent,
           updated_by = EXCLUDED.updated_by, updated_at = now(),
           special_leave = COALESCE(EXCLUDED.special_leave, attendance_settings.special_leave)`,
        [
          JSON.stringify(body.workRule),
          JSON.stringify(body.calendar),
          JSON.stringify(body.leave),
          body.overtimeWarningPercent,
          user.id,
          body.specialLeave ? JSON.stringify(body.specialLeave) : null,
        ],
      );
      await tx.em.query(`DELETE FROM overtime_other_directed WHERE NOT (department_id = ANY($1::uuid[]))`, [
        ids,
      ]);
      await tx.em.query(
        `INSERT INTO overtime_other_directed (department_id) SELECT unnest($1::uuid[]) ON CONFLICT DO NOTHING`,
        [ids],
      );
    });
    return this.view();
  }

  /** Everyone active with their schedule (the town's regular day where nothing is stored). */
  async schedules(): Promise<WorkScheduleList> {
    const rows: ScheduleRow[] = await this.uow.query(
      `SELECT u.id AS user_id, u.family_name || ' ' || u.given_name AS name, s.employment, s.joined_on::text,
              s.weekly_days, s.day_minutes
         FROM app_user u LEFT JOIN attendance_schedule s ON s.user_id = u.id
        WHERE u.active ORDER BY u.staff_number LIMIT 5000`,
    );
    return { items: rows.map(toSchedule) };
  }

  async putSchedule(userId: string, body: PutWorkSchedule): Promise<WorkSchedule> {
    const known: unknown[] = await this.uow.query(`SELECT 1 FROM app_user WHERE id = $1`, [userId]);
    if (!known.length) throw new AppException('org/staff_not_found');
    const regular = body.employment === 'regular';
    if (regular && !body.joinedOn && !body.dayMinutes)
      await this.uow.query(`DELETE FROM attendance_schedule WHERE user_id = $1`, [userId]);
    else
      await this.uow.query(
        `INSERT INTO attendance_schedule (user_id, employment, joined_on, weekly_days, day_minutes)
         VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (user_id) DO UPDATE SET employment = EXCLUDED.employment, joined_on = EXCLUDED.joined_on,
           weekly_days = EXCLUDED.weekly_days, day_minutes = EXCLUDED.day_minutes, updated_at = now()`,
        [
          userId,
          body.employment,
          body.joinedOn ?? null,
          regular ? null : body.weeklyDays,
          body.dayMinutes ?? null,
        ],
      );
    return this.schedule(userId);
  }

  async schedule(userId: string): Promise<WorkSchedule> {
    const [row]: ScheduleRow[] = await this.uow.query(
      `SELECT u.id AS user_id, u.family_name || ' ' || u.given_name AS name, s.employment, s.joined_on::text,
              s.weekly_days, s.day_minutes
         FROM app_user u LEFT JOIN attendance_schedule s ON s.user_id = u.id WHERE u.id = $1`,
      [userId],
    );
    if (!row) throw new AppException('org/staff_not_found');
    return toSchedule(row);
  }

  /**
   * The person as the leave rules see them: employment, first day of service (as stored, else their earliest
   * assignment in the org chart), day length and, part-time, weekly days and minutes.
   */
  async leavePerson(userId: string, fallbackJoinedOn: string): Promise<LeavePerson> {
    const [row]: {
      employment: string | null;
      joined_on: string | null;
      weekly_days: number | null;
      day_minutes: number | null;
      first: string | null;
    }[] = await this.uow.query(
      `SELECT s.employment, s.joined_on::text, s.weekly_days, s.day_minutes,
                COALESCE((SELECT min(valid_from) FROM membership WHERE user_id = u.id), u.created_at::date)::text
                  AS first
           FROM app_user u LEFT JOIN attendance_schedule s ON s.user_id = u.id WHERE u.id = $1`,
      [userId],
    );
    const joinedOn = row?.joined_on ?? row?.first ?? fallbackJoinedOn;
    const dayMinutes = row?.day_minutes ?? undefined;
    if (row?.employment === 'part_time') {
      const weeklyDays = row.weekly_days ?? 5;
      return {
        employment: 'part_time',
        joinedOn,
        dayMinutes,
        weeklyDays,
        weeklyMinutes: dayMinutes === undefined ? undefined : dayMinutes * weeklyDays,
      };
    }
    return { employment: 'regular', joinedOn, dayMinutes };
  }

  /**
   * The overtime regime of each month for a person: 他律 when their 本務 department on the month's last day (or
   * `upTo`, in its month) is designated, or lies under a designated one.
   */
  async regimes(
    userId: string,
    months: readonly string[],
    upTo: string,
  ): Promise<Map<string, OvertimeRegime>> {
    if (!months.length) return new Map();
    const rows: { month: string; designated: boolean }[] = await this.uow.query(
      `WITH m AS (
         SELECT month, LEAST((to_date(month, 'YYYY-MM') + interval '1 month - 1 day')::date, $3::date) AS day
           FROM unnest($2::text[]) AS month)
       SELECT m.month, EXISTS (
         WITH RECURSIVE up AS (
           SELECT d.id, d.parent_id FROM membership ms JOIN department d ON d.id = ms.department_id
            WHERE ms.user_id = $1 AND ms.is_primary AND ms.valid_from <= m.day
              AND (ms.valid_to IS NULL OR ms.valid_to >= m.day)
           UNION
           SELECT d.id, d.parent_id FROM department d JOIN up ON d.id = up.parent_id)
         SELECT 1 FROM up JOIN overtime_other_directed o ON o.department_id = up.id) AS designated
         FROM m`,
      [userId, months, upTo],
    );
    return new Map(rows.map((r) => [r.month, r.designated ? 'other_directed' : 'ordinary']));
  }
}
