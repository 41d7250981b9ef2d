import { Injectable, Logger } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import type { AbsenceDeputy } from '@ringi/contracts';
import { tokyoDate } from '@ringi/domain';
import { UnitOfWork, type Tx } from '../../core/database/unit-of-work';
import { AppException } from '../../core/errors/app.exception';
import { APPROVAL_STEP_ACTIVATED, type ApprovalStepActivatedEvent } from '../approvals/approvals.events';
import { approvalDocumentLink } from '../notifications/approval-notifications.listener';
import { NotificationsService } from '../notifications/notifications.service';
import { DeputiesService } from '../org/deputies.service';

/** What of an approved leave request decides its deputy period. */
export interface ApprovedLeave {
  id: string;
  userId: string;
  unit: 'day' | 'half_day' | 'hour';
  from: string;
  to: string;
}

/**
 * Absence drives deputies (不在時の代決): a person names once who acts for them while they are on leave; each leave
 * of whole (or half) days approved afterwards registers that person as their deputy (source `leave`) for its
 * days, through the org module's `registerDeputyPeriod`. The approval engine then lets the deputy decide the
 * person's steps (代決, with a 後閲 step added for the person on return) and the record shows who acted for whom.
 * Hourly leave registers nothing: the person is back the same day. Cancelling the leave takes the period back.
 * A step that reaches someone on leave today is also told to their deputy.
 */
@Injectable()
export class AttendanceAbsence {
  private readonly logger = new Logger('Attendance');

  constructor(
    private readonly uow: UnitOfWork,
    private readonly deputies: DeputiesService,
    private readonly notifications: NotificationsService,
  ) {}

  async deputyOf(userId: string): Promise<AbsenceDeputy | null> {
    const [row]: AbsenceDeputy[] = await this.uow.query(
      `SELECT a.deputy_user_id AS "userId", u.family_name || ' ' || u.given_name AS name
         FROM attendance_absence_deputy a JOIN app_user u ON u.id = a.deputy_user_id
        WHERE a.user_id = $1`,
      [userId],
    );
    return row ?? null;
  }

  async setDeputy(userId: string, deputyUserId: string | null): Promise<void> {
    if (deputyUserId === null) {
      await this.uow.query(`DELETE FROM attendance_absence_deputy WHERE user_id = $1`, [userId]);
      return;
    }
    if (deputyUserId === userId) throw new AppException('org/deputy_self');
    const found: unknown[] = await this.uow.query(`SELECT 1 FROM app_user WHERE id = $1 AND active`, [
      deputyUserId,
    ]);
    if (!found.length) throw new AppException('org/staff_not_found');
    await this.uow.query(
      `INSERT INTO attendance_absence_deputy (user_id, deputy_user_id) VALUES ($1, $2)
       ON CONFLICT (user_id) DO UPDATE SET deputy_user_id = EXCLUDED.deputy_user_id, updated_at = now()`,
      [userId, deputyUserId],
    );
  }

  /**
   * Registers the person's absence deputy for an approved leave's days (inside the caller's transaction). Nothing
   * when no deputy is named, the deputy has left, hourly leave, or a period of the same pair covers those days
   * already (its registration stands as it is).
   */
  async onApproved(tx: Tx, leave: ApprovedLeave): Promise<void> {
    if (leave.unit === 'hour') return;
    const [named]: { deputy_user_id: string; covered: boolean }[] = await tx.em.query(
      `SELECT a.deputy_user_id,
              EXISTS (SELECT 1 FROM deputy x
                       WHERE x.principal_user_id = a.user_id AND x.deputy_user_id = a.deputy_user_id
                         AND daterange(x.valid_from, x.valid_to, '[]') && daterange($2::date, $3::date, '[]'))
                AS covered
         FROM attendance_absence_deputy a JOIN app_user u ON u.id = a.deputy_user_id AND u.active
        WHERE a.user_id = $1`,
      [leave.userId, leave.from, leave.to],
    );
    if (!named || named.covered) return;
    const period = await this.deputies.registerDeputyPeriod({
      principalUserId: leave.userId,
      deputyUserId: named.deputy_user_id,
      validFrom: leave.from,
      validTo: leave.to,
      reason: leave.from === leave.to ? `休暇（${leave.from}）` : `休暇（${leave.from}〜${leave.to}）`,
      source: 'leave',
      actorId: null,
    });
    await tx.em.query(`UPDATE leave_request SET deputy_id = $2 WHERE id = $1`, [leave.id, period.id]);
  }

  /** The leave was cancelled: its deputy period goes (or, begun today, ends today). */
  async onCancelled(actorId: string, deputyId: string | null, today = tokyoDate()): Promise<void> {
    if (!deputyId) return;
    const [period]: { valid_from: string }[] = await this.uow.query(
      `SELECT valid_from::text FROM deputy WHERE id = $1 AND source = 'leave'`,
      [deputyId],
    );
    if (!period) return;
    if (period.valid_from > today) await this.deputies.remove(actorId, deputyId);
    else await this.deputies.end(actorId, deputyId, today);
  }

  /** A step reached people on leave today: their deputies for that leave are told they may decide it. */
  @OnEvent(APPROVAL_STEP_ACTIVATED, { async: true, promisify: true })
  async onStepActivated(event: ApprovalStepActivatedEvent): Promise<void> {
    if (!event.userIds.length) return;
    try {
      const today = tokyoDate();
      const rows: { deputy_user_id: string; name: string }[] = await this.uow.query(
        `SELECT DISTINCT x.deputy_user_id, u.family_name || ' ' || u.given_name AS name
           FROM leave_request r
           JOIN deputy x ON x.id = r.deputy_id
           JOIN app_user u ON u.id = r.user_id
          WHERE r.user_id = ANY($1::uuid[]) AND r.status = 'approved' AND $2::date BETWEEN r.from_date AND r.to_date
            AND x.valid_from <= $2 AND (x.valid_to IS NULL OR x.valid_to >= $2)
            AND NOT x.deputy_user_id = ANY($1::uuid[])`,
        [event.userIds, today],
      );
      for (const row of rows)
        await this.uow.run((tx) =>
          this.notifications.notify(tx, {
            userIds: [row.deputy_user_id],
            kind: 'attendance.deputy_step',
            title: {
              ja: `${row.name}さんが休暇中のため、代決できます：${event.title}`,
              en: `${row.name} is on leave; you may decide in their place: ${event.title}`,
            },
            body: {
              ja: '代決すると、本人が戻ったときに後閲（あとで確認）の段階が加わります。',
              en: 'If you decide it, a step for them to review it (後閲) is added for their return.',
            },
            link: approvalDocumentLink(event.documentId),
          }),
        );
    } catch (error) {
      this.logger.error({ err: error, documentId: event.documentId }, 'telling deputies of a step failed');
    }
  }
}
