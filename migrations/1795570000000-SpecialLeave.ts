import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Special leave (特別休暇, issue 9): a leave request names its type (`annual` for 年次休暇, else the code of a
 * special leave type of the town's table, e.g. `summer`, `bereavement`) and what its limit depends on (the
 * relationship for 忌引, the persons cared for, the event's day for 結婚・産前・産後). The town's table of types
 * lives in `attendance_settings.special_leave` (the national rules when null). Only annual leave counts against
 * the annual balance. A half day (半日) keeps which half it is (`half`).
 */
export class SpecialLeave1795570000000 implements MigrationInterface {
  name = 'SpecialLeave1795570000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE leave_request
        ADD COLUMN leave_type text NOT NULL DEFAULT 'annual' CHECK (leave_type ~ '^[a-z_]{1,40}$'),
        ADD COLUMN relationship text NULL,
        ADD COLUMN persons integer NULL CHECK (persons BETWEEN 1 AND 20),
        ADD COLUMN event_date date NULL,
        ADD COLUMN multiple_birth boolean NOT NULL DEFAULT false,
        ADD COLUMN half text NULL CHECK (half IN ('am', 'pm'))`);
    await q.query(`CREATE INDEX leave_request_type_idx ON leave_request (user_id, leave_type, from_date)`);
    await q.query(`ALTER TABLE attendance_settings ADD COLUMN special_leave jsonb NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE attendance_settings DROP COLUMN special_leave`);
    await q.query(`DROP INDEX leave_request_type_idx`);
    await q.query(`
      ALTER TABLE leave_request DROP COLUMN leave_type, DROP COLUMN relationship, DROP COLUMN persons,
        DROP COLUMN event_date, DROP COLUMN multiple_birth, DROP COLUMN half`);
  }
}
