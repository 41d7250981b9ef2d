import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Overtime (時間外勤務, issue 9): an order or request before the work (the day, the planned minutes, the reason,
 * 特例業務 or not), decided through the approval engine (the 時間外勤務命令 template), and the minutes actually
 * worked reported after. Totals per month and fiscal year are derived from the approved rows (the actual minutes
 * once reported, else the planned ones); nothing is summed into a stored total.
 */
export class OvertimeRequests1795520000000 implements MigrationInterface {
  name = 'OvertimeRequests1795520000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE overtime_request (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
        work_date date NOT NULL,
        planned_minutes integer NOT NULL CHECK (planned_minutes BETWEEN 1 AND 1440),
        actual_minutes integer NULL CHECK (actual_minutes BETWEEN 0 AND 1440),
        reason text NOT NULL CHECK (length(reason) BETWEEN 1 AND 500),
        special boolean NOT NULL DEFAULT false,
        approval_document_id uuid NULL UNIQUE REFERENCES approval_document (id) ON DELETE SET NULL,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected', 'withdrawn')),
        created_at timestamptz NOT NULL DEFAULT now(),
        decided_at timestamptz NULL,
        reported_at timestamptz NULL
      )`);
    await q.query(`CREATE INDEX overtime_request_user_idx ON overtime_request (user_id, work_date)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE overtime_request`);
  }
}
