import { Injectable } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import type {
  AttendanceDay,
  AttendanceMonth,
  AttendanceToday,
  Punch,
  PunchRequest,
  PunchResult,
  WorkRule,
} from '@ringi/contracts';
import { addDays, isWorkingDay, nationalHolidayOn, nonWorkingReason, tokyoDate } from '@ringi/domain';
import type { AuthUser } from '../../core/auth/auth.types';
import { UnitOfWork } from '../../core/database/unit-of-work';
import { AppException } from '../../core/errors/app.exception';
import { AttendanceSettingsService, DEFAULT_WORK_RULE } from './attendance-settings.service';
import { AttendanceMonthLock } from './attendance-month-lock';

/** A clock-out before this hour (Japan) with yesterday's clock-in still open counts for yesterday. */
const NIGHT_ENDS_AT_HOUR = 5;

export const ATTENDANCE_PUNCHED = 'attendance.punched';
export interface AttendancePunchedEvent {
  userId: string;
  today: AttendanceToday;
}

interface PunchRow {
  id: string;
  kind: 'in' | 'out';
  at: Date;
  work_date: string;
  source: 'office' | 'telework';
  note: string;
}

const toPunch = (r: PunchRow): Punch => ({
  id: r.id,
  kind: r.kind,
  at: r.at.toISOString(),
  workDate: r.work_date,
  source: r.source,
  note: r.note,
});

/** Minutes of `HH:MM`. */
const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** Minutes since midnight (Japan) of a moment on `date`. */
function tokyoMinutes(at: Date, date: string): number {
  const midnight = Date.parse(`${date}T00:00:00+09:00`);
  return Math.round((at.getTime() - midnight) / 60_000);
}

/**
 * Minutes worked between a clock-in and a clock-out on a working day, without the part of the break between
 * them. Whole minutes; never negative.
 */
export function workedMinutes(
  inAt: Date,
  outAt: Date,
  date: string,
  rule: WorkRule = DEFAULT_WORK_RULE,
): number {
  const from = tokyoMinutes(inAt, date);
  const to = tokyoMinutes(outAt, date);
  if (to <= from) return 0;
  const breakOverlap = Math.max(
    0,
    Math.min(to, minutesOf(rule.breakEnd)) - Math.max(from, minutesOf(rule.breakStart)),
  );
  return to - from - breakOverlap;
}

/**
 * 出勤・退勤: a person's own punches. One tap records the moment on the server's clock; at most one clock-in and
 * one clock-out count per working day (the database's partial unique index decides between two taps at once),
 * and a resend with the same client id records nothing new. Every answer carries the day as it is now, and the
 * person's other tabs and devices are told after commit.
 */
@Injectable()
export class AttendancePunchesService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly events: EventEmitter2,
    private readonly settings: AttendanceSettingsService,
    private readonly monthLock: AttendanceMonthLock,
  ) {}

  async punch(user: AuthUser, req: PunchRequest, now = new Date()): Promise<PunchResult> {
    const result = await this.uow.run(async (tx) => {
      const again = await this.byClientId(user.id, req.clientId);
      if (again) return { row: again, already: true };
      const workDate = req.kind === 'out' ? await this.outDate(user.id, now) : tokyoDate(now);
      // A closed month (締め) records nothing.
      await this.monthLock.assertOpen(tx, user.id, workDate);
      const inserted: PunchRow[] = await tx.em.query(
        `INSERT INTO attendance_punch (user_id, kind, at, work_date, source, note, client_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT DO NOTHING
         RETURNING id, kind, at, work_date::text, source, note`,
        [user.id, req.kind, now, workDate, req.source ?? 'office', req.note ?? '', req.clientId],
      );
      if (inserted[0]) return { row: inserted[0], already: false };
      // The same tap sent twice at once, or clocked in (or out) that day already: that punch stands.
      const same = await this.byClientId(user.id, req.clientId);
      if (same) return { row: same, already: true };
      const [existing]: PunchRow[] = await tx.em.query(
        `SELECT id, kind, at, work_date::text, source, note FROM attendance_punch
          WHERE user_id = $1 AND work_date = $2 AND kind = $3 AND voided_at IS NULL`,
        [user.id, workDate, req.kind],
      );
      return { row: existing!, already: true };
    });
    const today = await this.today(user, now);
    if (!result.already)
      this.events.emit(ATTENDANCE_PUNCHED, { userId: user.id, today } satisfies AttendancePunchedEvent);
    return { punch: toPunch(result.row), already: result.already, today };
  }

  /** Today (Japan), or yesterday while its clock-in is open in the small hours. */
  async today(user: Pick<AuthUser, 'id'>, now = new Date()): Promise<AttendanceToday> {
    const date = await this.outDate(user.id, now);
    const [day] = await this.days(user.id, date, date);
    const { workRule } = await this.settings.rules();
    return { day: day!, workRule, serverTime: now.toISOString() };
  }

  async month(user: AuthUser, month: string | undefined, now = new Date()): Promise<AttendanceMonth> {
    const current = tokyoDate(now).slice(0, 7);
    const wanted = month ?? current;
    const distance =
      (Number(wanted.slice(0, 4)) - Number(current.slice(0, 4))) * 12 +
      Number(wanted.slice(5, 7)) -
      Number(current.slice(5, 7));
    if (Math.abs(distance) > 24) throw new AppException('attendance/month_out_of_range');
    const first = `${wanted}-01`;
    const last = addDays(`${nextMonth(wanted)}-01`, -1);
    const days = await this.days(user.id, first, last);
    return {
      month: wanted,
      days,
      daysWorked: days.filter((d) => d.in).length,
      workedMinutes: days.reduce((sum, d) => sum + (d.workedMinutes ?? 0), 0),
      teleworkDays: days.filter((d) => d.in?.source === 'telework' || d.out?.source === 'telework').length,
    };
  }

  /** The days from `from` to `to` with the person's punches that count. */
  private async days(userId: string, from: string, to: string): Promise<AttendanceDay[]> {
    const rows: PunchRow[] = await this.uow.query(
      `SELECT id, kind, at, work_date::text, source, note FROM attendance_punch
        WHERE user_id = $1 AND work_date BETWEEN $2 AND $3 AND voided_at IS NULL`,
      [userId, from, to],
    );
    const { workRule, calendar } = await this.settings.rules();
    const days: AttendanceDay[] = [];
    for (let date = from; date <= to; date = addDays(date, 1)) {
      const punchIn = rows.find((r) => r.work_date === date && r.kind === 'in');
      const punchOut = rows.find((r) => r.work_date === date && r.kind === 'out');
      days.push({
        date,
        workingDay: isWorkingDay(date, calendar),
        nonWorking: nonWorkingReason(date, calendar),
        holidayName: nationalHolidayOn(date)?.name ?? null,
        in: punchIn ? toPunch(punchIn) : null,
        out: punchOut ? toPunch(punchOut) : null,
        workedMinutes: punchIn && punchOut ? workedMinutes(punchIn.at, punchOut.at, date, workRule) : null,
      });
    }
    return days;
  }

  /**
   * The working day now belongs to: yesterday's in the small hours (before 5:00) while its clock-in is open or it
   * was clocked out after midnight; else today.
   */
  private async outDate(userId: string, now: Date): Promise<string> {
    const today = tokyoDate(now);
    if (tokyoMinutes(now, today) >= NIGHT_ENDS_AT_HOUR * 60) return today;
    const yesterday = addDays(today, -1);
    const [open]: { open: boolean }[] = await this.uow.query(
      `SELECT EXISTS (SELECT 1 FROM attendance_punch i WHERE i.user_id = $1 AND i.work_date = $2 AND i.kind = 'in'
                        AND i.voided_at IS NULL)
          AND NOT EXISTS (SELECT 1 FROM attendance_punch o WHERE o.user_id = $1 AND o.work_date = $2
                            AND o.kind = 'out' AND o.voided_at IS NULL AND o.at < $3) AS open`,
      [userId, yesterday, new Date(`${today}T00:00:00+09:00`)],
    );
    return open?.open ? yesterday : today;
  }

  private async byClientId(userId: string, clientId: string): Promise<PunchRow | null> {
    const [row]: PunchRow[] = await this.uow.query(
      `SELECT id, kind, at, work_date::text, source, note FROM attendance_punch WHERE user_id = $1 AND client_id = $2`,
      [userId, clientId],
    );
    return row ?? null;
  }
}

/** `YYYY-MM` of the month after. */
function nextMonth(month: string): string {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}
