import { Injectable } from '@nestjs/common';
import type {
  TimesheetMissing,
  TimesheetMissingPerson,
  TimesheetRemindRequest,
  TimesheetRemindResult,
} from '@ringi/contracts';
import { isWorkingDay, tokyoDate } from '@ringi/domain';
import type { AuthUser } from '../../core/auth/auth.types';
import { UnitOfWork } from '../../core/database/unit-of-work';
import { AppException } from '../../core/errors/app.exception';
import { NotificationsService } from '../notifications/notifications.service';
import { AttendanceTimesheetPolicy } from './attendance-timesheet.policy';
import { AttendanceSettingsService } from './attendance-settings.service';
import { requireMonthInRange } from './attendance-timesheets.service';

const REASON_TEXT = {
  no_clock_in: { ja: '出勤の打刻がありません', en: 'no clock-in' },
  open_clock_in: { ja: '退勤の打刻がない日があります', en: 'a day without a clock-out' },
  overtime_unreported: { ja: '時間外勤務の実績が未報告です', en: 'overtime hours not reported' },
} as const;

/**
 * Who has not punched or not reported (未打刻・未報告), for the 庶務担当 and the head of a department, and the one
 * tap that reminds them: on a working day up to today, the people of the department (and those below it) whose
 * 本務 is there that day with no clock-in and no whole day of approved leave; with a clock-in left open on an
 * earlier day of the month; or with approved overtime up to the day whose actual minutes are not reported. A
 * reminder is an in-app notification, at most one per person and day (`attendance_reminder`).
 */
@Injectable()
export class AttendanceTimesheetRemindersService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly policy: AttendanceTimesheetPolicy,
    private readonly notifications: NotificationsService,
    private readonly settings: AttendanceSettingsService,
  ) {}

  async missing(
    user: AuthUser,
    departmentId: string,
    date: string,
    today = tokyoDate(),
  ): Promise<TimesheetMissing> {
    const span = requireMonthInRange(date.slice(0, 7), today);
    await this.policy.requireDepartment(user, departmentId, span);
    const ids = await this.policy.subtree([departmentId], span);
    const { calendar } = await this.settings.rules();
    return { date, workingDay: isWorkingDay(date, calendar), items: await this.find(ids, date, today) };
  }

  async remind(
    user: AuthUser,
    body: TimesheetRemindRequest,
    today = tokyoDate(),
  ): Promise<TimesheetRemindResult> {
    const span = requireMonthInRange(body.date.slice(0, 7), today);
    await this.policy.requireDepartment(user, body.departmentId, span);
    const ids = await this.policy.subtree([body.departmentId], span);
    const wanted = [...new Set(body.userIds)];
    const missing = new Map((await this.find(ids, body.date, today)).map((p) => [p.userId, p]));
    // Only people of the department with something missing that day; anyone else is not this person's to remind.
    if (wanted.some((id) => !missing.has(id))) throw new AppException('attendance/timesheet_not_allowed');
    return this.uow.run(async (tx) => {
      const inserted: { user_id: string }[] = await tx.em.query(
        `INSERT INTO attendance_reminder (user_id, work_date, sent_by)
         SELECT unnest($1::uuid[]), $2, $3
         ON CONFLICT DO NOTHING
         RETURNING user_id::text`,
        [wanted, body.date, user.id],
      );
      const sent = inserted.map((r) => r.user_id);
      for (const userId of sent) {
        const person = missing.get(userId)!;
        await this.notifications.notify(tx, {
          userIds: [userId],
          kind: 'attendance.timesheet_reminder',
          title: {
            ja: `出勤簿の確認をお願いします（${body.date}）`,
            en: `Please check your timesheet (${body.date})`,
          },
          body: {
            ja: person.reasons.map((r) => REASON_TEXT[r].ja).join('、'),
            en: person.reasons.map((r) => REASON_TEXT[r].en).join(', '),
          },
          link: '/attendance',
        });
      }
      return { sent, already: wanted.filter((id) => !sent.includes(id)) };
    });
  }

  /** The people of the departments on the day with something missing, in the org chart's order. */
  private async find(
    departmentIds: string[],
    date: string,
    today: string,
  ): Promise<TimesheetMissingPerson[]> {
    const first = `${date.slice(0, 7)}-01`;
    const { calendar } = await this.settings.rules();
    const checkClockIn = isWorkingDay(date, calendar) && date <= today;
    const rows: {
      user_id: string;
      staff_number: string;
      name: string;
      department_name: string;
      no_clock_in: boolean;
      open_dates: string[];
      overtime_dates: string[];
      reminded_at: Date | null;
    }[] = await this.uow.query(
      `SELECT m.user_id::text, u.staff_number, u.family_name || ' ' || u.given_name AS name,
              COALESCE((SELECT v.name FROM department_version v WHERE v.department_id = m.department_id
                          AND v.valid_from <= $2 AND (v.valid_to IS NULL OR v.valid_to >= $2) LIMIT 1), d.name)
                AS department_name,
              ($4 AND NOT EXISTS (SELECT 1 FROM attendance_punch p WHERE p.user_id = m.user_id AND p.work_date = $2
                                    AND p.kind = 'in' AND p.voided_at IS NULL)
                  AND NOT EXISTS (SELECT 1 FROM leave_request l WHERE l.user_id = m.user_id
                                    AND l.status = 'approved' AND l.unit = 'day'
                                    AND l.from_date <= $2 AND l.to_date >= $2)) AS no_clock_in,
              ARRAY(SELECT i.work_date::text FROM attendance_punch i
                     WHERE i.user_id = m.user_id AND i.kind = 'in' AND i.voided_at IS NULL
                       AND i.work_date >= $3 AND i.work_date <= $2 AND i.work_date < $5
                       AND NOT EXISTS (SELECT 1 FROM attendance_punch o WHERE o.user_id = i.user_id
                                         AND o.work_date = i.work_date AND o.kind = 'out' AND o.voided_at IS NULL)
                     ORDER BY 1) AS open_dates,
              ARRAY(SELECT DISTINCT r.work_date::text FROM overtime_request r
                     WHERE r.user_id = m.user_id AND r.status = 'approved' AND r.actual_minutes IS NULL
                       AND r.work_date >= $3 AND r.work_date <= $2 AND r.work_date <= $5
                     ORDER BY 1) AS overtime_dates,
              (SELECT x.sent_at FROM attendance_reminder x WHERE x.user_id = m.user_id AND x.work_date = $2)
                AS reminded_at
         FROM membership m
         JOIN app_user u ON u.id = m.user_id AND u.active
         JOIN department d ON d.id = m.department_id
         JOIN position p ON p.id = m.position_id
        WHERE m.is_primary AND m.department_id = ANY($1::uuid[])
          AND m.valid_from <= $2 AND (m.valid_to IS NULL OR m.valid_to >= $2)
        ORDER BY d.sort_order, d.code, p.rank, u.staff_number`,
      [departmentIds, date, first, checkClockIn, today],
    );
    return rows
      .map((r) => ({
        userId: r.user_id,
        staffNumber: r.staff_number,
        name: r.name,
        departmentName: r.department_name,
        reasons: [
          ...(r.no_clock_in ? (['no_clock_in'] as const) : []),
          ...(r.open_dates.length ? (['open_clock_in'] as const) : []),
          ...(r.overtime_dates.length ? (['overtime_unreported'] as const) : []),
        ],
        openDates: r.open_dates,
        overtimeDates: r.overtime_dates,
        remindedAt: r.reminded_at?.toISOString() ?? null,
      }))
      .filter((p) => p.reasons.length > 0);
  }
}
