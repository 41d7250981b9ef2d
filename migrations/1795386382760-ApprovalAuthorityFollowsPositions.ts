import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A rule of the 専決規程 goes with its position: deleting a position (re-seeding the demo town) removes its rules
 * instead of being refused; the approvals seeder puts the demo rules back on the next start.
 */
export class ApprovalAuthorityFollowsPositions1795386382760 implements MigrationInterface {
  name = 'ApprovalAuthorityFollowsPositions1795386382760';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE decision_authority_rule DROP CONSTRAINT decision_authority_rule_position_id_fkey`,
    );
    await q.query(
      `ALTER TABLE decision_authority_rule ADD CONSTRAINT decision_authority_rule_position_id_fkey
         FOREIGN KEY (position_id) REFERENCES position (id) ON DELETE CASCADE`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE decision_authority_rule DROP CONSTRAINT decision_authority_rule_position_id_fkey`,
    );
    await q.query(
      `ALTER TABLE decision_authority_rule ADD CONSTRAINT decision_authority_rule_position_id_fkey
         FOREIGN KEY (position_id) REFERENCES position (id) ON DELETE RESTRICT`,
    );
  }
}
