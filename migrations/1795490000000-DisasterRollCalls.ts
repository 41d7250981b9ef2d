import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 災害モード (issue 8): all-staff roll-calls (安否確認) and each person's answer (無事 / 要支援 / 参集可能).
 * - At most one roll-call is open at a time (a unique index over the open ones), so the banner every member of
 *   staff sees names one.
 * - One answer per person and roll-call: answering again replaces it (`answered_at` moves on).
 * - No department is stored with an answer: the tally groups people by their 本務 department of the day it is
 *   read (the org chart is effective-dated; a roll-call lasts hours, not months).
 */
export class DisasterRollCalls1795490000000 implements MigrationInterface {
  name = 'DisasterRollCalls1795490000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE disaster_roll_call (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        title text NOT NULL CHECK (char_length(title) BETWEEN 1 AND 100),
        message text NOT NULL DEFAULT '' CHECK (char_length(message) <= 1000),
        created_by uuid NOT NULL REFERENCES app_user (id) ON DELETE RESTRICT,
        created_at timestamptz NOT NULL DEFAULT now(),
        closed_at timestamptz NULL,
        closed_by uuid NULL REFERENCES app_user (id) ON DELETE RESTRICT,
        CONSTRAINT disaster_roll_call_closed_by CHECK ((closed_at IS NULL) = (closed_by IS NULL))
      )`);
    await q.query(`CREATE INDEX disaster_roll_call_created_idx ON disaster_roll_call (created_at)`);
    await q.query(
      `CREATE UNIQUE INDEX disaster_roll_call_one_open_uq ON disaster_roll_call ((true)) WHERE closed_at IS NULL`,
    );
    await q.query(`
      CREATE TABLE disaster_roll_call_answer (
        roll_call_id uuid NOT NULL REFERENCES disaster_roll_call (id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
        status text NOT NULL CHECK (status IN ('safe', 'need_help', 'can_report')),
        note text NULL CHECK (note IS NULL OR char_length(note) BETWEEN 1 AND 200),
        answered_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (roll_call_id, user_id)
      )`);
    await q.query(`CREATE INDEX disaster_roll_call_answer_user_idx ON disaster_roll_call_answer (user_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE disaster_roll_call_answer`);
    await q.query(`DROP TABLE disaster_roll_call`);
  }
}
