import { Injectable } from '@nestjs/common';
import type { Tx } from '../../core/database/unit-of-work';
import { AppException } from '../../core/errors/app.exception';

/** The advisory lock key of a department's month: closing takes it exclusively, recording takes it shared. */
export const monthLockKey = (departmentId: string, month: string) =>
  `attendance-close:${departmentId}:${month.slice(0, 7)}`;

/**
 * A closed month (締め) records nothing: every service that records attendance for a day (punches today; leave,
 * overtime and corrections to follow) calls `assertOpen` inside its unit of work before it writes. The month is
 * the one of the person's 本務 department on that day (as the org chart says for the day); a person with no
 * assignment that day has no month to close. The check takes the department-month's advisory lock shared, and
 * closing takes it exclusively, so a write and a close at the same moment never both succeed.
 */
@Injectable()
export class AttendanceMonthLock {
  /** Throws `attendance/month_closed` (409) when the person's month of `workDate` is closed. */
  async assertOpen(tx: Pick<Tx, 'em'>, userId: string, workDate: string): Promise<void> {
    const month = `${workDate.slice(0, 7)}-01`;
    const [membership]: { department_id: string }[] = await tx.em.query(
      `SELECT department_id::text FROM membership
        WHERE user_id = $1 AND is_primary AND valid_from <= $2 AND (valid_to IS NULL OR valid_to >= $2)
        ORDER BY valid_from DESC LIMIT 1`,
      [userId, workDate],
    );
    if (!membership) return;
    await tx.em.query(`SELECT pg_advisory_xact_lock_shared(hashtext($1))`, [
      monthLockKey(membership.department_id, month),
    ]);
    const [closed]: { closed: boolean }[] = await tx.em.query(
      `SELECT true AS closed FROM attendance_month_close WHERE department_id = $1 AND month = $2`,
      [membership.department_id, month],
    );
    if (closed) throw new AppException('attendance/month_closed');
  }
}
