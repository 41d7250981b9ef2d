import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Punch corrections (打刻修正, issue 9): a forgotten or wrong punch is corrected by a request decided through the
 * approval engine (the 打刻修正届 template), never by editing the punch.
 *
 * - `punch_correction`: the person, the working day, the clock-in and/or clock-out asked for (`clock_in`,
 *   `clock_out`) or the removal of a wrong punch (`remove_in`, `remove_out`), office or telework, the reason,
 *   the status (pending → approved, rejected or withdrawn, following its document), and the device's
 *   `client_id` (unique per person: a resend records nothing new). At most one pending request per person and
 *   day (a partial unique index).
 * - `attendance_punch` records an approved correction: the punch it replaces is voided (`voided_at`,
 *   `voided_by_correction_id`) and the corrected one inserted with `origin = 'correction'` and `correction_id`,
 *   in the one transaction that follows the approval, so the one-per-day index still holds. (`source` already
 *   says office or telework, hence `origin` for where a punch came from.)
 */
export class PunchCorrections1795540000000 implements MigrationInterface {
  name = 'PunchCorrections1795540000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE punch_correction (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
        work_date date NOT NULL,
        clock_in timestamptz NULL,
        clock_out timestamptz NULL,
        remove_in boolean NOT NULL DEFAULT false,
        remove_out boolean NOT NULL DEFAULT false,
        place text NOT NULL DEFAULT 'office' CHECK (place IN ('office', 'telework')),
        reason text NOT NULL CHECK (length(reason) BETWEEN 1 AND 200),
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected', 'withdrawn')),
        approval_document_id uuid NULL UNIQUE REFERENCES approval_document (id) ON DELETE SET NULL,
        client_id uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        decided_at timestamptz NULL,
        CONSTRAINT punch_correction_client_unique UNIQUE (user_id, client_id),
        CONSTRAINT punch_correction_changes_something
          CHECK (clock_in IS NOT NULL OR clock_out IS NOT NULL OR remove_in OR remove_out),
        CONSTRAINT punch_correction_in_or_remove CHECK (NOT (clock_in IS NOT NULL AND remove_in)),
        CONSTRAINT punch_correction_out_or_remove CHECK (NOT (clock_out IS NOT NULL AND remove_out)),
        CONSTRAINT punch_correction_order CHECK (clock_in IS NULL OR clock_out IS NULL OR clock_out > clock_in)
      )`);
    await q.query(
      `CREATE UNIQUE INDEX punch_correction_one_pending ON punch_correction (user_id, work_date) WHERE status = 'pending'`,
    );
    await q.query(`CREATE INDEX punch_correction_user_idx ON punch_correction (user_id, work_date)`);
    await q.query(`
      ALTER TABLE attendance_punch
        ADD COLUMN origin text NOT NULL DEFAULT 'tap' CHECK (origin IN ('tap', 'correction')),
        ADD COLUMN correction_id uuid NULL REFERENCES punch_correction (id) ON DELETE SET NULL,
        ADD COLUMN voided_by_correction_id uuid NULL REFERENCES punch_correction (id) ON DELETE SET NULL,
        ADD CONSTRAINT attendance_punch_origin_correction
          CHECK (correction_id IS NULL OR origin = 'correction')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE attendance_punch
        DROP CONSTRAINT attendance_punch_origin_correction,
        DROP COLUMN voided_by_correction_id,
        DROP COLUMN correction_id,
        DROP COLUMN origin`);
    await q.query(`DROP TABLE punch_correction`);
  }
}
