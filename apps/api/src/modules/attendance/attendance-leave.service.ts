import { Injectable } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import type {
  CreateLeaveRequest,
  CreateSpecialLeaveRequest,
  SpecialLeaveRequestResult,
  SpecialLeaveTypeView,
  ErrorCode,
  LeaveAmount,
  LeaveBalanceView,
  LeaveRequestResult,
  LeaveRequestView,
  MyLeave,
} from '@ringi/contracts';
import {
  annualGrant,
  checkLeaveRequest,
  leaveAmountParts,
  leaveBalance,
  leaveYearOf,
  leaveYearRange,
  tokyoDate,
  type LeaveBalance,
  type LeaveGrant,
  type LeaveRequestRefusal,
  checkSpecialLeave,
  specialLeaveType,
  type SpecialLeaveRefusal,
  type SpecialLeaveTaken,
  type SpecialLeaveType,
  type TakenLeave,
} from '@ringi/domain';
import type { AuthUser } from '../../core/auth/auth.types';
import { UnitOfWork, type Tx } from '../../core/database/unit-of-work';
import { AppException } from '../../core/errors/app.exception';
import { APPROVAL_STATUS_CHANGED, type ApprovalStatusChangedEvent } from '../approvals/approvals.events';
import { AttendanceAbsence } from './attendance-absence';
import { AttendanceApprovals, requestStatusOf } from './attendance-approvals';
import { AttendanceMonthLock } from './attendance-month-lock';
import { AttendanceSettingsService } from './attendance-settings.service';

/** The approval template that decides leave (seeded as 休暇届). */
const LEAVE_TEMPLATE = 'LEAVE';

interface RequestRow {
  id: string;
  unit: 'day' | 'half_day' | 'hour';
  from_date: string;
  to_date: string;
  minutes: number;
  reason: string;
  status: LeaveRequestView['status'];
  approval_document_id: string | null;
  created_at: Date;
  decided_at: Date | null;
  deputy_name: string | null;
  leave_type: string;
}
const REQUEST_COLUMNS = `r.id, r.leave_type, r.unit, r.from_date::text, r.to_date::text, r.minutes, r.reason, r.status,
  r.approval_document_id, r.created_at, r.decided_at,
  (SELECT du.family_name || ' ' || du.given_name FROM deputy x JOIN app_user du ON du.id = x.deputy_user_id
    WHERE x.id = r.deputy_id) AS deputy_name`;

const SPECIAL_REFUSALS: Record<SpecialLeaveRefusal, ErrorCode> = {
  invalid_request: 'attendance/leave_dates',
  hourly_not_allowed: 'attendance/leave_hours',
  not_a_working_day: 'attendance/leave_not_working_day',
  out_of_season: 'attendance/special_leave_period',
  outside_window: 'attendance/special_leave_period',
  relationship_required: 'attendance/special_leave_details',
  persons_required: 'attendance/special_leave_details',
  event_date_required: 'attendance/special_leave_details',
  over_limit: 'attendance/special_leave_limit',
};

const MONTH_DAY_JA = (md: string) => `${Number(md.slice(0, 2))}月${Number(md.slice(3, 5))}日`;

/** A special leave type as the request form needs it: what to ask for, and its limit in plain words. */
function specialTypeView(type: SpecialLeaveType): SpecialLeaveTypeView {
  const l = type.limit;
  const [needs, limitText]: [SpecialLeaveTypeView['needs'], string] =
    l.kind === 'days_in_season'
      ? ['none', `${MONTH_DAY_JA(l.season.from)}〜${MONTH_DAY_JA(l.season.to)}に${l.days}日（勤務日）`]
      : l.kind === 'days_per_year'
        ? ['persons', `1年に${l.days}日（対象が2人以上は${l.daysForTwoOrMore}日）`]
        : l.kind === 'consecutive_days'
          ? ['none', `連続${l.days}日まで`]
          : l.kind === 'by_relationship'
            ? [
                'relationship',
                `続柄により${Math.min(...Object.values(l.days).filter((d) => d > 0))}〜${Math.max(...Object.values(l.days))}日（連続）`,
              ]
            : l.kind === 'around_event'
              ? [
                  'event_date',
                  `${l.days}日（その日の${l.windowDaysBefore}日前から${l.windowMonthsAfter}か月後まで）`,
                ]
              : l.kind === 'weeks_before_event'
                ? ['event_date', `出産予定日までの${l.weeks}週間（多胎は${l.weeksMultiple}週間）`]
                : l.kind === 'weeks_after_event'
                  ? ['event_date', `出産の翌日から${l.weeks}週間`]
                  : ['none', `1人につき通算${l.months}か月（${l.periods}回まで）`];
  return { code: type.code, name: type.name, hourly: type.hourly, paid: type.paid, needs, limitText };
}

/** The first day of the month after `date`'s. */
function nextMonthStart(date: string): string {
  const [y, m] = date.split('-').map(Number);
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
}

const REFUSALS: Record<LeaveRequestRefusal, ErrorCode> = {
  invalid_request: 'attendance/leave_dates',
  other_leave_year: 'attendance/leave_dates',
  spans_leave_years: 'attendance/leave_dates',
  not_a_working_day: 'attendance/leave_not_working_day',
  half_day_not_allowed: 'attendance/leave_hours',
  hourly_not_allowed: 'attendance/leave_hours',
  not_whole_hours: 'attendance/leave_hours',
  hours_not_below_a_day: 'attendance/leave_hours',
  insufficient_balance: 'attendance/leave_insufficient',
  hourly_cap_exceeded: 'attendance/leave_insufficient',
};

/**
 * Annual leave (年次休暇): my balance and my requests. A request is checked against the balance by the leave rules
 * of @ringi/domain, becomes a 休暇届 decided through the approval engine (the default route: the drafter's chain up
 * to the 課長 by the 専決規程), and counts against the balance only once decided. The balance is never stored:
 * it is derived from the grants (the national rules, from the person's first day of service) and the approved
 * requests every time it is asked for.
 */
@Injectable()
export class AttendanceLeaveService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly approvals: AttendanceApprovals,
    private readonly absence: AttendanceAbsence,
    private readonly settings: AttendanceSettingsService,
    private readonly monthLock: AttendanceMonthLock,
  ) {}

  async mine(user: AuthUser, today = tokyoDate()): Promise<MyLeave> {
    const balance = await this.balanceAt(user.id, today);
    const rows: RequestRow[] = await this.uow.query(
      `SELECT ${REQUEST_COLUMNS}
         FROM leave_request r WHERE r.user_id = $1 ORDER BY r.from_date DESC, r.created_at DESC LIMIT 100`,
      [user.id],
    );
    const { specialLeave, leave: leaveRules } = await this.settings.rules();
    return {
      balance: this.view(balance, leaveRules.hourlyAllowed),
      requests: rows.map((r) => this.toView(r, balance.dayMinutes, specialLeave)),
      absenceDeputy: await this.absence.deputyOf(user.id),
      specialTypes: specialLeave.map(specialTypeView),
    };
  }

  async setAbsenceDeputy(user: AuthUser, deputyUserId: string | null): Promise<MyLeave> {
    await this.absence.setDeputy(user.id, deputyUserId);
    return this.mine(user);
  }

  async request(user: AuthUser, body: CreateLeaveRequest): Promise<LeaveRequestResult> {
    const from = body.from;
    const to = body.unit === 'day' ? (body.to ?? body.from) : body.from;
    const half = body.unit === 'half_day' ? (body.part ?? 'am') : null;
    return this.uow.run(async (tx) => {
      // One request at a time per person: two at once cannot both take the last day.
      await tx.em.query(`SELECT pg_advisory_xact_lock(hashtext('leave:' || $1::text))`, [user.id]);
      await this.assertMonthsOpen(tx, user.id, from, to);
      // Requests still on their route are reserved for the check (so two cannot both take the last day), though
      // the balance shown changes only when one is approved.
      const rules = await this.settings.rules();
      const balance = await this.balanceAt(user.id, from, true);
      const check = checkLeaveRequest(
        rules.leave,
        balance,
        body.unit === 'day'
          ? { unit: 'day', from, to }
          : half
            ? { unit: 'half_day', date: from, part: half }
            : { unit: 'hour', date: from, minutes: body.minutes ?? 0 },
        rules.calendar,
      );
      if (!check.ok) throw new AppException(REFUSALS[check.reason]);
      if (body.unit !== 'hour') await this.refuseOverlap(tx, user.id, from, to, half);
      const parts = leaveAmountParts(check.taken.minutes, balance.dayMinutes);
      const amount =
        body.unit === 'day'
          ? `${parts.days}日`
          : half
            ? `半日・${half === 'am' ? '午前' : '午後'}`
            : `${parts.hours}時間${parts.minutes ? `${parts.minutes}分` : ''}`;
      const documentId = await this.approvals.submit(tx, user, LEAVE_TEMPLATE, {
        title: `年次休暇 ${from}${to !== from ? `〜${to}` : ''}（${amount}）`,
        body: body.reason ?? '',
        fields: { leaveType: '年次有給休暇', startDate: from, endDate: to },
      });
      const [row]: RequestRow[] = await tx.em.query(
        `INSERT INTO leave_request (user_id, leave_year, unit, from_date, to_date, minutes, reason,
                                    approval_document_id, status, half)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'pending', $9)
         RETURNING id, leave_type, unit, from_date::text, to_date::text, minutes, reason, status,
                   approval_document_id, created_at, decided_at, NULL AS deputy_name`,
        [
          user.id,
          balance.leaveYear,
          body.unit,
          from,
          to,
          check.taken.minutes,
          body.reason ?? '',
          documentId,
          half,
        ],
      );
      return {
        request: this.toView(row!, balance.dayMinutes, []),
        before: this.amount(check.before.totalMinutes, balance.dayMinutes),
        after: this.amount(check.after.totalMinutes, balance.dayMinutes),
      };
    });
  }

  /** The person takes back leave not yet begun: a pending request is withdrawn, an approved one cancelled. */
  async cancel(user: AuthUser, id: string, today = tokyoDate()): Promise<MyLeave> {
    await this.uow.run(async (tx) => {
      const [row]: (RequestRow & { lock_version: number | null; deputy_id: string | null })[] =
        await tx.em.query(
          `SELECT r.id, r.status, r.from_date::text, r.approval_document_id, r.deputy_id, d.lock_version
           FROM leave_request r LEFT JOIN approval_document d ON d.id = r.approval_document_id
          WHERE r.id = $1 AND r.user_id = $2 FOR UPDATE OF r`,
          [id, user.id],
        );
      if (!row) throw new AppException('attendance/leave_not_found');
      if (!['pending', 'approved'].includes(row.status) || row.from_date < today)
        throw new AppException('attendance/leave_not_cancellable');
      await this.monthLock.assertOpen(tx, user.id, row.from_date);
      if (row.status === 'pending' && row.approval_document_id)
        await this.approvals.withdraw(user, row.approval_document_id, row.lock_version ?? 0);
      await tx.em.query(`UPDATE leave_request SET status = $2, decided_at = now() WHERE id = $1`, [
        id,
        row.status === 'pending' ? 'withdrawn' : 'cancelled',
      ]);
      await this.absence.onCancelled(user.id, row.deputy_id, today);
    });
    return this.mine(user, today);
  }

  /**
   * Requests special leave (特別休暇): checked against its type's limit in the town's table (what was taken this
   * year counts for the yearly ones, requests on their route included), then sent up the route as a 休暇届 like
   * annual leave. It never touches the annual balance.
   */
  async requestSpecial(user: AuthUser, body: CreateSpecialLeaveRequest): Promise<SpecialLeaveRequestResult> {
    const rules = await this.settings.rules();
    const type = specialLeaveType(rules.specialLeave, body.leaveType);
    if (!type) throw new AppException('attendance/special_leave_type');
    const from = body.from;
    const to = body.unit === 'day' ? (body.to ?? from) : from;
    return this.uow.run(async (tx) => {
      await tx.em.query(`SELECT pg_advisory_xact_lock(hashtext('leave:' || $1::text))`, [user.id]);
      await this.assertMonthsOpen(tx, user.id, from, to);
      const person = await this.settings.leavePerson(user.id, from);
      const dayMinutes = person.dayMinutes ?? rules.leave.dayMinutes;
      const year = from.slice(0, 4);
      const taken: SpecialLeaveTaken[] = await tx.em.query(
        `SELECT from_date::text AS "from", to_date::text AS "to", minutes FROM leave_request
          WHERE user_id = $1 AND leave_type = $2 AND status IN ('pending', 'approved')
            AND from_date BETWEEN $3 AND $4`,
        [user.id, type.code, `${year}-01-01`, `${year}-12-31`],
      );
      const check = checkSpecialLeave(
        type,
        {
          unit: body.unit,
          from,
          to,
          minutes: body.minutes,
          relationship: body.relationship,
          persons: body.persons,
          eventDate: body.eventDate,
          multipleBirth: body.multipleBirth,
        },
        taken,
        dayMinutes,
        rules.calendar,
      );
      if (!check.ok) throw new AppException(SPECIAL_REFUSALS[check.reason]);
      if (body.unit === 'day') await this.refuseOverlap(tx, user.id, from, to);
      const documentId = await this.approvals.submit(tx, user, LEAVE_TEMPLATE, {
        title: `${type.name} ${from}${to !== from ? `〜${to}` : ''}`,
        body: [`種類：${type.name}`, body.reason ?? ''].filter(Boolean).join('\n'),
        // The 休暇届's choice of kinds (年次有給休暇 / 特別休暇 / 病気休暇); the type itself is in the title.
        fields: { leaveType: type.code === 'sick' ? '病気休暇' : '特別休暇', startDate: from, endDate: to },
      });
      const [row]: RequestRow[] = await tx.em.query(
        `INSERT INTO leave_request (user_id, leave_year, leave_type, unit, from_date, to_date, minutes, reason,
                                    relationship, persons, event_date, multiple_birth, approval_document_id, status)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, 'pending')
         RETURNING id, leave_type, unit, from_date::text, to_date::text, minutes, reason, status,
                   approval_document_id, created_at, decided_at, NULL AS deputy_name`,
        [
          user.id,
          leaveYearOf(rules.leave, from),
          type.code,
          body.unit,
          from,
          to,
          check.minutes,
          body.reason ?? '',
          body.relationship ?? null,
          body.persons ?? null,
          body.eventDate ?? null,
          body.multipleBirth ?? false,
          documentId,
        ],
      );
      return {
        request: this.toView(row!, dayMinutes, rules.specialLeave),
        limitDays: check.limitDays,
        usedDays: check.usedDays,
      };
    });
  }

  /** Leave is not asked for (nor taken back) in a month closed for the person's department (締め). */
  private async assertMonthsOpen(tx: Tx, userId: string, from: string, to: string): Promise<void> {
    for (let day = from; day <= to; day = nextMonthStart(day))
      await this.monthLock.assertOpen(tx, userId, day);
  }

  /**
   * Days already on leave (approved, or on their route) cannot be asked for again; a morning and an afternoon
   * half day of the same day can both be taken.
   */
  private async refuseOverlap(
    tx: Tx,
    userId: string,
    from: string,
    to: string,
    half: 'am' | 'pm' | null = null,
  ): Promise<void> {
    const rows: unknown[] = await tx.em.query(
      `SELECT 1 FROM leave_request
        WHERE user_id = $1 AND unit <> 'hour' AND status IN ('pending', 'approved')
          AND daterange(from_date, to_date, '[]') && daterange($2::date, $3::date, '[]')
          AND (half IS NULL OR $4::text IS NULL OR half = $4) LIMIT 1`,
      [userId, from, to, half],
    );
    if (rows.length) throw new AppException('attendance/leave_overlap');
  }

  /** A 休暇届 moved on: its leave request follows (approved only once decided). */
  @OnEvent(APPROVAL_STATUS_CHANGED, { async: true, promisify: true })
  async onDocumentStatus(event: ApprovalStatusChangedEvent): Promise<void> {
    const status = requestStatusOf(event.to);
    if (!status) return;
    await this.uow.runRetrying(async (tx) => {
      const [rows]: [
        { id: string; user_id: string; unit: RequestRow['unit']; from: string; to: string }[],
        number,
      ] = await tx.em.query(
        `UPDATE leave_request SET status = $2, decided_at = CASE WHEN $2 = 'pending' THEN NULL ELSE now() END
            WHERE approval_document_id = $1 AND status NOT IN ('cancelled') AND status <> $2
           RETURNING id, user_id, unit, from_date::text AS "from", to_date::text AS "to"`,
        [event.documentId, status],
      );
      // Approved leave of whole days: the person's absence deputy may decide in their place on those days.
      if (status === 'approved')
        for (const r of rows) await this.absence.onApproved(tx, { ...r, userId: r.user_id });
    });
  }

  /** The person's balance on a day: grants of that leave year and the one before, and their approved requests. */
  async balanceAt(userId: string, date: string, reservePending = false): Promise<LeaveBalance> {
    const { leave: rules } = await this.settings.rules();
    const person = await this.settings.leavePerson(userId, date);
    const year = leaveYearOf(rules, date);
    const grants: LeaveGrant[] = [year - 1, year]
      .map((y) => annualGrant(rules, person, y))
      .filter((g) => g.days > 0);
    const rows: {
      from_date: string;
      unit: TakenLeave['unit'];
      minutes: number;
      status: TakenLeave['status'];
    }[] = await this.uow.query(
      // By dates, not the stored leave year: the town may move its leave year's start.
      `SELECT from_date::text, unit, minutes, status FROM leave_request
          WHERE user_id = $1 AND leave_type = 'annual' AND from_date BETWEEN $2 AND $3`,
      [userId, leaveYearRange(rules, year - 1).start, leaveYearRange(rules, year).end],
    );
    const taken: TakenLeave[] = rows.map((r) => ({
      date: r.from_date,
      unit: r.unit,
      minutes: r.minutes,
      status: reservePending && r.status === 'pending' ? 'approved' : r.status,
    }));
    return leaveBalance(rules, person, grants, taken, date);
  }

  private amount(minutes: number, dayMinutes: number): LeaveAmount {
    const parts = leaveAmountParts(minutes, dayMinutes);
    return { minutes, days: parts.days, hours: parts.hours, restMinutes: parts.minutes };
  }

  private view(b: LeaveBalance, hourlyAllowed: boolean): LeaveBalanceView {
    return {
      leaveYear: b.leaveYear,
      dayMinutes: b.dayMinutes,
      carried: this.amount(b.carriedMinutes, b.dayMinutes),
      current: this.amount(b.currentMinutes, b.dayMinutes),
      total: this.amount(b.totalMinutes, b.dayMinutes),
      granted: this.amount(b.grantedMinutes, b.dayMinutes),
      used: this.amount(b.usedMinutes, b.dayMinutes),
      carryOverExpiresOn: b.carryOverExpiresOn,
      halfDay: b.halfDay ? { am: b.halfDay.am, pm: b.halfDay.pm } : null,
      hourlyAllowed,
    };
  }

  private toView(r: RequestRow, dayMinutes: number, special: readonly SpecialLeaveType[]): LeaveRequestView {
    return {
      id: r.id,
      leaveType: r.leave_type,
      leaveTypeName:
        r.leave_type === 'annual'
          ? '年次休暇'
          : (specialLeaveType(special, r.leave_type)?.name ?? r.leave_type),
      unit: r.unit,
      from: r.from_date,
      to: r.to_date,
      amount: this.amount(r.minutes, dayMinutes),
      reason: r.reason,
      status: r.status,
      approvalDocumentId: r.approval_document_id,
      createdAt: r.created_at.toISOString(),
      decidedAt: r.decided_at?.toISOString() ?? null,
      deputyName: r.deputy_name,
    };
  }
}
