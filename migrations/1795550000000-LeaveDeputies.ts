import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Absence drives deputies (issue 9): each person may name once who acts for them while they are on leave
 * (`attendance_absence_deputy`). When their leave of whole or half days is approved, a deputy period (source
 * `leave`) is registered for its days and linked from the request (`leave_request.deputy_id`), so approval steps
 * assigned to them can be decided by that deputy (代決, with a 後閲 step for them on return); cancelling the leave
 * takes the period back.
 */
export class LeaveDeputies1795550000000 implements MigrationInterface {
  name = 'LeaveDeputies1795550000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE attendance_absence_deputy (
        user_id uuid PRIMARY KEY REFERENCES app_user (id) ON DELETE CASCADE,
        deputy_user_id uuid NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT attendance_absence_deputy_not_self CHECK (user_id <> deputy_user_id)
      )`);
    await q.query(
      `ALTER TABLE leave_request ADD COLUMN deputy_id uuid NULL REFERENCES deputy (id) ON DELETE SET NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE leave_request DROP COLUMN deputy_id`);
    await q.query(`DROP TABLE attendance_absence_deputy`);
  }
}
