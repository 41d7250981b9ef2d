import { Injectable } from '@nestjs/common';
import { addDays, tokyoDate } from '@ringi/domain';
import type { AuthUser } from '../../core/auth/auth.types';
import { UnitOfWork } from '../../core/database/unit-of-work';
import { AppException } from '../../core/errors/app.exception';

/** Why a person sees a department's timesheet. */
export type TimesheetRole = 'admin' | 'head' | 'clerk';

/** The first and last day of a month (`YYYY-MM`), and the day the org chart is read on for it. */
export interface MonthSpan {
  month: string;
  first: string;
  last: string;
  /** The month's last day, or today while the month is under way: whose head someone is, that day. */
  onDay: string;
}

export function monthSpan(month: string, today = tokyoDate()): MonthSpan {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  const next = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
  const first = `${month}-01`;
  const last = addDays(next, -1);
  return { month, first, last, onDay: today >= first && today <= last ? today : last };
}

/**
 * SQL: the departments below the departments of `$roots` (uuid[]) in the month `$first`–`$last`, them included:
 * a department counts below another when any of its versions overlapping the month has that parent, so a 係 moved
 * during the month is in both trees for it. Rows `(id)`.
 */
const SUBTREE_SQL = (roots: string, first: string, last: string) => `
  WITH RECURSIVE tree AS (
    SELECT unnest(${roots}::uuid[]) AS id
    UNION
    SELECT v.department_id FROM department_version v JOIN tree ON v.parent_id = tree.id
     WHERE v.valid_from <= ${last}::date AND (v.valid_to IS NULL OR v.valid_to >= ${first}::date))
  SELECT id::text AS id FROM tree`;

/**
 * The one place that decides who sees and keeps timesheets (出勤簿):
 * - everyone sees their own month;
 * - the head of a department (所属長: the holder of the highest position held there, as `OrgChartService.headOf`,
 *   on the month's last day or today while it runs; 兼務 included) sees that department and every department
 *   below it (a 課長 their 係, a 係長 their 係);
 * - the department's 庶務担当 (`attendance_clerk`, assigned by administrators) sees the same;
 * - administrators see every department and may export the whole town.
 * Who sees a department may also close its month and remind its people; only administrators reopen a month.
 * A person belongs to a department's sheet for the days their 本務 (primary) assignment is there.
 */
@Injectable()
export class AttendanceTimesheetPolicy {
  constructor(private readonly uow: UnitOfWork) {}

  /** The departments a person sees in a month, each with why (a clerk's reason wins over a head's). */
  async departments(user: AuthUser, span: MonthSpan): Promise<Map<string, TimesheetRole>> {
    if (user.role === 'admin') {
      const rows: { id: string }[] = await this.uow.query(
        `SELECT DISTINCT department_id::text AS id FROM department_version
          WHERE valid_from <= $2 AND (valid_to IS NULL OR valid_to >= $1)`,
        [span.first, span.last],
      );
      return new Map(rows.map((r) => [r.id, 'admin']));
    }
    const roots: { id: string; as: 'head' | 'clerk' }[] = await this.uow.query(
      `SELECT m.department_id::text AS id, 'head' AS as
         FROM membership m JOIN position p ON p.id = m.position_id
        WHERE m.user_id = $1 AND m.valid_from <= $2 AND (m.valid_to IS NULL OR m.valid_to >= $2)
          AND p.rank = (SELECT min(p2.rank) FROM membership m2
                          JOIN position p2 ON p2.id = m2.position_id
                          JOIN app_user u2 ON u2.id = m2.user_id AND u2.active
                         WHERE m2.department_id = m.department_id
                           AND m2.valid_from <= $2 AND (m2.valid_to IS NULL OR m2.valid_to >= $2))
          AND EXISTS (SELECT 1 FROM department_version v WHERE v.department_id = m.department_id
                        AND v.valid_from <= $2 AND (v.valid_to IS NULL OR v.valid_to >= $2))
       UNION
       SELECT department_id::text, 'clerk' FROM attendance_clerk WHERE user_id = $1`,
      [user.id, span.onDay],
    );
    const seen = new Map<string, TimesheetRole>();
    // Clerks last: their reason is the one shown.
    for (const as of ['head', 'clerk'] as const) {
      const ids = roots.filter((r) => r.as === as).map((r) => r.id);
      if (!ids.length) continue;
      for (const id of await this.subtree(ids, span)) seen.set(id, as);
    }
    return seen;
  }

  /** The departments and every department below them in the month. */
  async subtree(departmentIds: readonly string[], span: MonthSpan): Promise<string[]> {
    const rows: { id: string }[] = await this.uow.query(SUBTREE_SQL('$1', '$2', '$3'), [
      [...departmentIds],
      span.first,
      span.last,
    ]);
    return rows.map((r) => r.id);
  }

  /**
   * The department exists in the month (else `org/department_not_found`) and the person may see its sheet, close
   * its month and remind its people (else `attendance/timesheet_not_allowed`). Answers why.
   */
  async requireDepartment(user: AuthUser, departmentId: string, span: MonthSpan): Promise<TimesheetRole> {
    const [exists]: { ok: boolean }[] = await this.uow.query(
      `SELECT true AS ok FROM department_version
        WHERE department_id = $1 AND valid_from <= $3 AND (valid_to IS NULL OR valid_to >= $2) LIMIT 1`,
      [departmentId, span.first, span.last],
    );
    if (!exists) throw new AppException('org/department_not_found');
    const role = (await this.departments(user, span)).get(departmentId);
    if (!role) throw new AppException('attendance/timesheet_not_allowed');
    return role;
  }

  /** The person themselves, an administrator, or who sees a department the person belonged to in the month. */
  async requirePerson(user: AuthUser, userId: string, span: MonthSpan): Promise<void> {
    const [person]: { id: string }[] = await this.uow.query(`SELECT id FROM app_user WHERE id = $1`, [
      userId,
    ]);
    if (!person) throw new AppException('org/staff_not_found');
    if (user.id === userId || user.role === 'admin') return;
    const visible = await this.departments(user, span);
    if (visible.size) {
      const rows: { department_id: string }[] = await this.uow.query(
        `SELECT DISTINCT department_id::text FROM membership
          WHERE user_id = $1 AND is_primary AND valid_from <= $3 AND (valid_to IS NULL OR valid_to >= $2)`,
        [userId, span.first, span.last],
      );
      if (rows.some((r) => visible.has(r.department_id))) return;
    }
    throw new AppException('attendance/timesheet_not_allowed');
  }

  /** Reopening a closed month: administrators only. */
  requireReopen(user: AuthUser): void {
    if (user.role !== 'admin') throw new AppException('attendance/reopen_not_allowed');
  }

  canReopen(user: AuthUser): boolean {
    return user.role === 'admin';
  }
}
