import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Annual leave requests (年次休暇, issue 9), decided through the approval engine (the 休暇届 template).
 *
 * A request keeps what the leave rules counted when it was made (`unit`, days, `minutes`) and the approval
 * document deciding it; its `status` follows the document (pending → approved, rejected or withdrawn) and the
 * person may cancel it (`cancelled`). No balance is stored: it is derived every time from the grants and the
 * approved requests (`leaveBalance` in @ringi/domain), so it cannot drift.
 */
export class LeaveRequests1795510000000 implements MigrationInterface {
  name = 'LeaveRequests1795510000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE leave_request (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
        leave_year integer NOT NULL,
        unit text NOT NULL CHECK (unit IN ('day', 'half_day', 'hour')),
        from_date date NOT NULL,
        to_date date NOT NULL,
        minutes integer NOT NULL CHECK (minutes > 0),
        reason text NOT NULL DEFAULT '' CHECK (length(reason) <= 500),
        approval_document_id uuid NULL UNIQUE REFERENCES approval_document (id) ON DELETE SET NULL,
        status text NOT NULL DEFAULT 'pending'
          CHECK (status IN ('pending', 'approved', 'rejected', 'withdrawn', 'cancelled')),
        created_at timestamptz NOT NULL DEFAULT now(),
        decided_at timestamptz NULL,
        CONSTRAINT leave_request_dates CHECK (to_date >= from_date)
      )`);
    await q.query(`CREATE INDEX leave_request_user_idx ON leave_request (user_id, leave_year)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE leave_request`);
  }
}
