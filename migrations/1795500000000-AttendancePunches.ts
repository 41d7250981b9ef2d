import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Attendance (庶務事務, issue 9), first part: clocking in and out (出勤・退勤).
 *
 * - `attendance_punch`: one row per tap that counted: the person, `in` or `out`, the moment, the working day it
 *   counts for (`work_date`, Japan; a clock-out after midnight belongs to the day clocked in), office or telework,
 *   a note, and the device's `client_id` (unique per person: a resend records nothing new).
 * - At most one clock-in and one clock-out per person and working day (a partial unique index over the rows not
 *   voided): a second tap, a second tab or two devices at once never make a double punch. A wrong punch is
 *   corrected by a correction request (打刻修正) later, which voids it (`voided_at`) instead of deleting it.
 */
export class AttendancePunches1795500000000 implements MigrationInterface {
  name = 'AttendancePunches1795500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE attendance_punch (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN ('in', 'out')),
        at timestamptz NOT NULL DEFAULT now(),
        work_date date NOT NULL,
        source text NOT NULL CHECK (source IN ('office', 'telework')),
        note text NOT NULL DEFAULT '' CHECK (length(note) <= 200),
        client_id uuid NOT NULL,
        voided_at timestamptz NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT attendance_punch_client_unique UNIQUE (user_id, client_id)
      )`);
    await q.query(
      `CREATE UNIQUE INDEX attendance_punch_one_per_day ON attendance_punch (user_id, work_date, kind) WHERE voided_at IS NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE attendance_punch`);
  }
}
