import { Injectable, Logger } from '@nestjs/common';
import { EventEmitter2, OnEvent } from '@nestjs/event-emitter';
import type {
  AttendanceMonth,
  CreatePunchCorrection,
  MyPunchCorrections,
  PunchCorrection,
  PunchCorrectionResult,
  PunchKind,
} from '@ringi/contracts';
import { addDays, tokyoDate } from '@ringi/domain';
import type { AuthUser } from '../../core/auth/auth.types';
import { UnitOfWork, type Tx } from '../../core/database/unit-of-work';
import { AppException } from '../../core/errors/app.exception';
import { APPROVAL_STATUS_CHANGED, type ApprovalStatusChangedEvent } from '../approvals/approvals.events';
import { AttendanceApprovals, requestStatusOf } from './attendance-approvals';
import { AttendanceMonthLock } from './attendance-month-lock';
import {
  ATTENDANCE_PUNCHED,
  AttendancePunchesService,
  type AttendancePunchedEvent,
} from './attendance-punches.service';

/** The approval template that decides corrections (seeded as 打刻修正届). */
const CORRECTION_TEMPLATE = 'PUNCH_CORRECTION';
/** As for a tap: a clock-out before this hour (Japan) the next morning still belongs to the working day. */
const NIGHT_ENDS_AT_HOUR = 5;

interface CorrectionRow {
  id: string;
  user_id: string;
  work_date: string;
  clock_in: Date | null;
  clock_out: Date | null;
  remove_in: boolean;
  remove_out: boolean;
  place: PunchCorrection['place'];
  reason: string;
  status: PunchCorrection['status'];
  approval_document_id: string | null;
  created_at: Date;
  decided_at: Date | null;
}

/** The columns of a correction, of the table aliased `t` when given. */
const columns = (t = '') =>
  ['id', 'user_id', 'work_date::text', 'clock_in', 'clock_out', 'remove_in', 'remove_out', 'place', 'reason']
    .concat(['status', 'approval_document_id', 'created_at', 'decided_at'])
    .map((c) => `${t}${c}`)
    .join(', ');
const COLUMNS = columns();

const toView = (r: CorrectionRow): PunchCorrection => ({
  id: r.id,
  workDate: r.work_date,
  clockIn: r.clock_in?.toISOString() ?? null,
  clockOut: r.clock_out?.toISOString() ?? null,
  remove: [...(r.remove_in ? ['in' as const] : []), ...(r.remove_out ? ['out' as const] : [])],
  place: r.place,
  reason: r.reason,
  status: r.status,
  approvalDocumentId: r.approval_document_id,
  createdAt: r.created_at.toISOString(),
  decidedAt: r.decided_at?.toISOString() ?? null,
});

/** `H:MM` in Japan, `翌H:MM` when on the day after `date`. */
function clockLabel(at: Date, date: string): string {
  const day = tokyoDate(at);
  const hm = new Intl.DateTimeFormat('ja-JP', {
    timeZone: 'Asia/Tokyo',
    hour: 'numeric',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(at);
  return day === date ? hm : `翌${hm}`;
}

/** The first and last day of `YYYY-MM`. */
function monthBounds(month: string): [string, string] {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
  return [`${month}-01`, addDays(`${next}-01`, -1)];
}

/**
 * 打刻修正: a forgotten or wrong punch is corrected by a request decided through the approval route (a 打刻修正届
 * drafted and submitted in the same transaction as the request). Nothing changes before approval; once the
 * document is decided, the punch it replaces is voided and the corrected one recorded (`origin = 'correction'`)
 * in one transaction, so the month, today's status and the minutes worked follow. A rejected or withdrawn
 * correction changes nothing. One pending correction per person and day; a resend with the same client id
 * records nothing new.
 */
@Injectable()
export class AttendanceCorrectionsService {
  private readonly logger = new Logger('AttendanceCorrections');

  constructor(
    private readonly uow: UnitOfWork,
    private readonly approvals: AttendanceApprovals,
    private readonly punches: AttendancePunchesService,
    private readonly events: EventEmitter2,
    private readonly monthLock: AttendanceMonthLock,
  ) {}

  async request(
    user: AuthUser,
    body: CreatePunchCorrection,
    now = new Date(),
  ): Promise<PunchCorrectionResult> {
    return this.uow.run(async (tx) => {
      // One request at a time per person: a resend and a second tab wait for the first and then see it.
      await tx.em.query(`SELECT pg_advisory_xact_lock(hashtext('punch_correction:' || $1::text))`, [user.id]);
      const [again]: CorrectionRow[] = await tx.em.query(
        `SELECT ${COLUMNS} FROM punch_correction WHERE user_id = $1 AND client_id = $2`,
        [user.id, body.clientId],
      );
      if (again) return { correction: toView(again), already: true };

      const date = body.workDate;
      // A closed month (締め) is corrected only after an administrator reopens it.
      await this.monthLock.assertOpen(tx, user.id, date);
      const remove = new Set(body.remove ?? []);
      const clockIn = body.clockIn ? new Date(body.clockIn) : null;
      const clockOut = body.clockOut ? new Date(body.clockOut) : null;
      if (date > tokyoDate(now) || (clockIn && clockIn > now) || (clockOut && clockOut > now))
        throw new AppException('attendance/correction_future');
      if (clockIn && tokyoDate(clockIn) !== date)
        throw new AppException('attendance/correction_time_off_day');
      if (clockOut && !onWorkingDayOrNight(clockOut, date))
        throw new AppException('attendance/correction_time_off_day');

      const standing: { kind: PunchKind; at: Date }[] = await tx.em.query(
        `SELECT kind, at FROM attendance_punch WHERE user_id = $1 AND work_date = $2 AND voided_at IS NULL`,
        [user.id, date],
      );
      const current = (kind: PunchKind) => standing.find((p) => p.kind === kind)?.at ?? null;
      for (const kind of remove)
        if (!current(kind)) throw new AppException('attendance/correction_nothing_to_remove');
      // The day as it would be: what is corrected, else what stands (unless removed).
      const inAt = clockIn ?? (remove.has('in') ? null : current('in'));
      const outAt = clockOut ?? (remove.has('out') ? null : current('out'));
      if (inAt && outAt && outAt <= inAt) throw new AppException('attendance/correction_order');

      const [pending]: { id: string }[] = await tx.em.query(
        `SELECT id FROM punch_correction WHERE user_id = $1 AND work_date = $2 AND status = 'pending'`,
        [user.id, date],
      );
      if (pending) throw new AppException('attendance/correction_pending');

      const place = body.place ?? 'office';
      const label = (at: Date | null, removed: boolean) =>
        at ? clockLabel(at, date) : removed ? '取消' : '';
      const inLabel = label(clockIn, remove.has('in'));
      const outLabel = label(clockOut, remove.has('out'));
      const what = [inLabel && `出勤 ${inLabel}`, outLabel && `退勤 ${outLabel}`].filter(Boolean).join('・');
      const documentId = await this.approvals.submit(tx, user, CORRECTION_TEMPLATE, {
        title: `打刻修正 ${date}（${what}）`,
        body: body.reason,
        fields: {
          workDate: date,
          clockIn: inLabel,
          clockOut: outLabel,
          place: place === 'telework' ? 'テレワーク' : '庁舎',
          reason: body.reason,
        },
      });
      const [row]: CorrectionRow[] = await tx.em.query(
        `INSERT INTO punch_correction (user_id, work_date, clock_in, clock_out, remove_in, remove_out, place, reason,
                                       approval_document_id, client_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
         RETURNING ${COLUMNS}`,
        [
          user.id,
          date,
          clockIn,
          clockOut,
          remove.has('in'),
          remove.has('out'),
          place,
          body.reason,
          documentId,
          body.clientId,
        ],
      );
      return { correction: toView(row!), already: false };
    });
  }

  /** My corrections of the days of a month (default: this one), latest day first. */
  async mine(user: AuthUser, month: string | undefined, now = new Date()): Promise<MyPunchCorrections> {
    const wanted = month ?? tokyoDate(now).slice(0, 7);
    const [first, last] = monthBounds(wanted);
    const rows: CorrectionRow[] = await this.uow.query(
      `SELECT ${COLUMNS} FROM punch_correction WHERE user_id = $1 AND work_date BETWEEN $2 AND $3
        ORDER BY work_date DESC, created_at DESC`,
      [user.id, first, last],
    );
    return { month: wanted, corrections: rows.map(toView) };
  }

  /** The person takes back a correction still on its route (its 打刻修正届 is withdrawn). */
  async withdraw(user: AuthUser, id: string): Promise<PunchCorrection> {
    return this.uow.run(async (tx) => {
      const [row]: (CorrectionRow & { lock_version: number | null })[] = await tx.em.query(
        `SELECT ${columns('c.')}, d.lock_version
           FROM punch_correction c LEFT JOIN approval_document d ON d.id = c.approval_document_id
          WHERE c.id = $1 AND c.user_id = $2 FOR UPDATE OF c`,
        [id, user.id],
      );
      if (!row) throw new AppException('attendance/correction_not_found');
      if (row.status !== 'pending') throw new AppException('attendance/correction_not_withdrawable');
      if (row.approval_document_id)
        await this.approvals.withdraw(user, row.approval_document_id, row.lock_version ?? 0);
      await tx.em.query(
        `UPDATE punch_correction SET status = 'withdrawn', decided_at = now() WHERE id = $1`,
        [id],
      );
      const [updated]: CorrectionRow[] = await tx.em.query(
        `SELECT ${COLUMNS} FROM punch_correction WHERE id = $1`,
        [id],
      );
      return toView(updated!);
    });
  }

  /**
   * A 打刻修正届 moved on: its correction follows, and once approved the punches it corrects are replaced in the
   * same transaction. The person's devices hear of it when today's status changed.
   */
  @OnEvent(APPROVAL_STATUS_CHANGED, { async: true, promisify: true })
  async onDocumentStatus(event: ApprovalStatusChangedEvent): Promise<void> {
    const status = requestStatusOf(event.to);
    if (!status || status === 'pending') return;
    const applied = await this.uow.runRetrying(async (tx) => {
      const [row]: CorrectionRow[] = await tx.em.query(
        `SELECT ${COLUMNS} FROM punch_correction WHERE approval_document_id = $1 FOR UPDATE`,
        [event.documentId],
      );
      if (!row || row.status !== 'pending') return null;
      if (status === 'approved') await this.apply(tx, row);
      await tx.em.query(`UPDATE punch_correction SET status = $2, decided_at = now() WHERE id = $1`, [
        row.id,
        status,
      ]);
      return status === 'approved' ? row : null;
    });
    if (!applied) return;
    const today = await this.punches.today({ id: applied.user_id });
    if (today.day.date === applied.work_date)
      this.events.emit(ATTENDANCE_PUNCHED, {
        userId: applied.user_id,
        today,
      } satisfies AttendancePunchedEvent);
  }

  /**
   * The punches of the month marked where a correction put them in, and each day's latest correction (a pending
   * one first).
   */
  async annotate(user: AuthUser, month: AttendanceMonth): Promise<AttendanceMonth> {
    const [first, last] = monthBounds(month.month);
    const corrected: { id: string }[] = await this.uow.query(
      `SELECT id FROM attendance_punch WHERE user_id = $1 AND work_date BETWEEN $2 AND $3 AND voided_at IS NULL
          AND origin = 'correction'`,
      [user.id, first, last],
    );
    const fromCorrection = new Set(corrected.map((r) => r.id));
    const latest: { id: string; work_date: string; status: PunchCorrection['status'] }[] =
      await this.uow.query(
        `SELECT DISTINCT ON (work_date) id, work_date::text, status FROM punch_correction
          WHERE user_id = $1 AND work_date BETWEEN $2 AND $3
          ORDER BY work_date, status = 'pending' DESC, created_at DESC`,
        [user.id, first, last],
      );
    const origin = (id: string) => (fromCorrection.has(id) ? ('correction' as const) : ('tap' as const));
    return {
      ...month,
      days: month.days.map((d) => {
        const c = latest.find((r) => r.work_date === d.date);
        return {
          ...d,
          in: d.in && { ...d.in, origin: origin(d.in.id) },
          out: d.out && { ...d.out, origin: origin(d.out.id) },
          correction: c ? { id: c.id, status: c.status } : null,
        };
      }),
    };
  }

  /**
   * Voids the punches an approved correction replaces or removes and records the corrected ones. A tap of the
   * same kind that committed in between is voided in turn (the approved correction wins), so the one-per-day
   * index always holds.
   */
  private async apply(tx: Tx, row: CorrectionRow): Promise<void> {
    const sides: [PunchKind, Date | null, boolean][] = [
      ['in', row.clock_in, row.remove_in],
      ['out', row.clock_out, row.remove_out],
    ];
    for (const [kind, at, remove] of sides) {
      if (!at && !remove) continue;
      for (let attempt = 0; ; attempt++) {
        await tx.em.query(
          `UPDATE attendance_punch SET voided_at = now(), voided_by_correction_id = $4
            WHERE user_id = $1 AND work_date = $2 AND kind = $3 AND voided_at IS NULL`,
          [row.user_id, row.work_date, kind, row.id],
        );
        if (!at) break;
        const inserted: { id: string }[] = await tx.em.query(
          `INSERT INTO attendance_punch (user_id, kind, at, work_date, source, note, client_id, origin, correction_id)
           VALUES ($1, $2, $3, $4, $5, '', gen_random_uuid(), 'correction', $6)
           ON CONFLICT DO NOTHING RETURNING id`,
          [row.user_id, kind, at, row.work_date, row.place, row.id],
        );
        if (inserted.length) break;
        if (attempt >= 2) {
          this.logger.error({ correctionId: row.id, kind }, 'corrected punch could not be recorded');
          throw new Error('corrected punch could not be recorded');
        }
      }
    }
  }
}

/** On the working day, or in the small hours (before 5:00) of the next morning. */
function onWorkingDayOrNight(at: Date, date: string): boolean {
  const day = tokyoDate(at);
  if (day === date) return true;
  if (day !== addDays(date, 1)) return false;
  return at.getTime() < Date.parse(`${day}T0${NIGHT_ENDS_AT_HOUR}:00:00+09:00`);
}
