import { Injectable } from '@nestjs/common';
import type { DepartmentTimesheet, TimesheetCloseRequest } from '@ringi/contracts';
import { tokyoDate } from '@ringi/domain';
import { AuditService } from '../../core/audit/audit.service';
import type { AuthUser } from '../../core/auth/auth.types';
import { UnitOfWork } from '../../core/database/unit-of-work';
import { AppException } from '../../core/errors/app.exception';
import { monthLockKey } from './attendance-month-lock';
import { AttendanceTimesheetPolicy } from './attendance-timesheet.policy';
import { AttendanceTimesheetsService, requireMonthInRange } from './attendance-timesheets.service';

/**
 * Month close (締め): the clerk, the head or an administrator closes a department's month, and with it the months
 * of the departments below it (one row each); from then on `AttendanceMonthLock` refuses to record anything of
 * that month for their people. Only an administrator reopens (the department and those below it). Both are
 * idempotent and recorded in the audit chain; both answer the department's sheet as it now is.
 */
@Injectable()
export class AttendanceMonthCloseService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly policy: AttendanceTimesheetPolicy,
    private readonly timesheets: AttendanceTimesheetsService,
    private readonly audit: AuditService,
  ) {}

  async close(
    user: AuthUser,
    body: TimesheetCloseRequest,
    today = tokyoDate(),
  ): Promise<DepartmentTimesheet> {
    const span = requireMonthInRange(body.month, today);
    await this.policy.requireDepartment(user, body.departmentId, span);
    if (span.first > today) throw new AppException('attendance/month_not_closable');
    const ids = (await this.policy.subtree([body.departmentId], span)).sort();
    await this.uow.run(async (tx) => {
      // Exclusive against every write of these months being checked at the same moment (taken in one order).
      for (const id of ids)
        await tx.em.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [monthLockKey(id, span.first)]);
      const closed: { department_id: string }[] = await tx.em.query(
        `INSERT INTO attendance_month_close (department_id, month, closed_by)
         SELECT unnest($1::uuid[]), $2, $3
         ON CONFLICT DO NOTHING
         RETURNING department_id::text`,
        [ids, span.first, user.id],
      );
      if (closed.length)
        await this.audit.append(tx, {
          type: 'attendance.month_closed',
          actorId: user.id,
          subject: body.departmentId,
          data: { month: body.month, departments: closed.map((r) => r.department_id) },
        });
    });
    return this.timesheets.department(user, body.departmentId, body.month);
  }

  async reopen(user: AuthUser, body: TimesheetCloseRequest): Promise<DepartmentTimesheet> {
    this.policy.requireReopen(user);
    const span = requireMonthInRange(body.month);
    await this.policy.requireDepartment(user, body.departmentId, span);
    const ids = await this.policy.subtree([body.departmentId], span);
    await this.uow.run(async (tx) => {
      const reopened: { department_id: string }[] = await tx.em.query(
        `WITH gone AS (DELETE FROM attendance_month_close WHERE department_id = ANY($1::uuid[]) AND month = $2
                       RETURNING department_id)
         SELECT department_id::text FROM gone`,
        [ids, span.first],
      );
      if (reopened.length)
        await this.audit.append(tx, {
          type: 'attendance.month_reopened',
          actorId: user.id,
          subject: body.departmentId,
          data: { month: body.month, departments: reopened.map((r) => r.department_id) },
        });
    });
    return this.timesheets.department(user, body.departmentId, body.month);
  }
}
