import { Injectable } from '@nestjs/common';
import type { AddAttendanceClerk, AttendanceClerkList } from '@ringi/contracts';
import { tokyoDate } from '@ringi/domain';
import { AuditService } from '../../core/audit/audit.service';
import type { AuthUser } from '../../core/auth/auth.types';
import { UnitOfWork } from '../../core/database/unit-of-work';
import { AppException } from '../../core/errors/app.exception';

/**
 * 庶務担当 (attendance clerks): who keeps a department's timesheets, assigned by administrators (the controller
 * allows administrators only). Adding someone twice changes nothing; each change is recorded in the audit chain.
 */
@Injectable()
export class AttendanceClerksService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly audit: AuditService,
  ) {}

  async list(today = tokyoDate()): Promise<AttendanceClerkList> {
    const rows: {
      department_id: string;
      department_name: string;
      user_id: string;
      staff_number: string;
      name: string;
    }[] = await this.uow.query(
      `SELECT c.department_id::text, COALESCE(v.name, d.name) AS department_name, c.user_id::text,
              u.staff_number, u.family_name || ' ' || u.given_name AS name
         FROM attendance_clerk c
         JOIN department d ON d.id = c.department_id
         JOIN app_user u ON u.id = c.user_id
         LEFT JOIN department_version v ON v.department_id = d.id AND v.valid_from <= $1
              AND (v.valid_to IS NULL OR v.valid_to >= $1)
        ORDER BY d.sort_order, d.code, u.staff_number`,
      [today],
    );
    return {
      items: rows.map((r) => ({
        departmentId: r.department_id,
        departmentName: r.department_name,
        userId: r.user_id,
        staffNumber: r.staff_number,
        name: r.name,
      })),
    };
  }

  async add(admin: AuthUser, body: AddAttendanceClerk): Promise<AttendanceClerkList> {
    await this.uow.run(async (tx) => {
      const [department]: { id: string }[] = await tx.em.query(`SELECT id FROM department WHERE id = $1`, [
        body.departmentId,
      ]);
      if (!department) throw new AppException('org/department_not_found');
      const [person]: { id: string }[] = await tx.em.query(
        `SELECT id::text FROM app_user WHERE staff_number = $1 AND active`,
        [body.staffNumber],
      );
      if (!person) throw new AppException('org/staff_not_found');
      const added: unknown[] = await tx.em.query(
        `INSERT INTO attendance_clerk (department_id, user_id, created_by) VALUES ($1, $2, $3)
         ON CONFLICT DO NOTHING RETURNING user_id`,
        [body.departmentId, person.id, admin.id],
      );
      if (added.length)
        await this.audit.append(tx, {
          type: 'attendance.clerk_added',
          actorId: admin.id,
          subject: body.departmentId,
          data: { userId: person.id },
        });
    });
    return this.list();
  }

  async remove(admin: AuthUser, departmentId: string, userId: string): Promise<AttendanceClerkList> {
    await this.uow.run(async (tx) => {
      const removed: unknown[] = await tx.em.query(
        `WITH gone AS (DELETE FROM attendance_clerk WHERE department_id = $1 AND user_id = $2 RETURNING user_id)
         SELECT user_id FROM gone`,
        [departmentId, userId],
      );
      if (!removed.length) throw new AppException('attendance/clerk_not_found');
      await this.audit.append(tx, {
        type: 'attendance.clerk_removed',
        actorId: admin.id,
        subject: departmentId,
        data: { userId },
      });
    });
    return this.list();
  }
}
