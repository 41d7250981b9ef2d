import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Timesheets (出勤簿, issue 9): who keeps a department's attendance, month close, and reminders.
 *
 * - `attendance_clerk`: the 庶務担当 of a department, assigned by administrators. A clerk sees the timesheets of
 *   that department and of the departments below it (its 係), may close their months and remind their people.
 * - `attendance_month_close`: a department's month (its first day) closed (締め) by its clerk, its head or an
 *   administrator; while the row exists nothing of that month is recorded for the people of the department (their
 *   本務 department of the day). Only an administrator reopens it (deletes the row). Closing a department closes
 *   the departments below it too: one row each.
 * - `attendance_reminder`: one reminder (未打刻・未報告のお知らせ) per person and working day, so a second tap of
 *   「リマインド」 sends nothing new.
 */
export class AttendanceTimesheets1795530000000 implements MigrationInterface {
  name = 'AttendanceTimesheets1795530000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE attendance_clerk (
        department_id uuid NOT NULL REFERENCES department (id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
        created_by uuid NULL REFERENCES app_user (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (department_id, user_id)
      )`);
    await q.query(`CREATE INDEX attendance_clerk_user_idx ON attendance_clerk (user_id)`);
    await q.query(`
      CREATE TABLE attendance_month_close (
        department_id uuid NOT NULL REFERENCES department (id) ON DELETE CASCADE,
        month date NOT NULL CHECK (extract(day FROM month) = 1),
        closed_by uuid NULL REFERENCES app_user (id) ON DELETE SET NULL,
        closed_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (department_id, month)
      )`);
    await q.query(`
      CREATE TABLE attendance_reminder (
        user_id uuid NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
        work_date date NOT NULL,
        sent_by uuid NULL REFERENCES app_user (id) ON DELETE SET NULL,
        sent_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (user_id, work_date)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE attendance_reminder`);
    await q.query(`DROP TABLE attendance_month_close`);
    await q.query(`DROP TABLE attendance_clerk`);
  }
}
