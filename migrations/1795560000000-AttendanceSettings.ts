import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Attendance settings (issue 9), set by an administrator: the working day and calendar, the leave rules and the
 * overtime warnings (`attendance_settings`, one row; absent parts fall back to the national defaults in code),
 * the departments designated for 他律的業務 (`overtime_other_directed`), and each person's own schedule where it
 * differs from the town's regular day (`attendance_schedule`: part-time staff, their weekly days and day length,
 * the first day of service leave is counted from).
 */
export class AttendanceSettings1795560000000 implements MigrationInterface {
  name = 'AttendanceSettings1795560000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE attendance_settings (
        id boolean PRIMARY KEY DEFAULT true CHECK (id),
        work_rule jsonb NULL,
        calendar jsonb NULL,
        leave_rules jsonb NULL,
        overtime_warning_percent integer NULL CHECK (overtime_warning_percent BETWEEN 1 AND 100),
        updated_by uuid NULL REFERENCES app_user (id) ON DELETE SET NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE overtime_other_directed (
        department_id uuid PRIMARY KEY REFERENCES department (id) ON DELETE CASCADE,
        designated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE attendance_schedule (
        user_id uuid PRIMARY KEY REFERENCES app_user (id) ON DELETE CASCADE,
        employment text NOT NULL CHECK (employment IN ('regular', 'part_time')),
        joined_on date NULL,
        weekly_days integer NULL CHECK (weekly_days BETWEEN 1 AND 5),
        day_minutes integer NULL CHECK (day_minutes BETWEEN 60 AND 720),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT attendance_schedule_part_time CHECK (employment = 'regular' OR weekly_days IS NOT NULL)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE attendance_schedule`);
    await q.query(`DROP TABLE overtime_other_directed`);
    await q.query(`DROP TABLE attendance_settings`);
  }
}
