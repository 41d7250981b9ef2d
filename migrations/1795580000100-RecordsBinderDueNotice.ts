import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Records management (文書管理, issue 10): `records_binder.due_notified_at`, when the administrators were told that
 * the binder's retention had ended (the daily job tells them once per binder and end of retention; an extension
 * clears it, so the new end is told again).
 */
export class RecordsBinderDueNotice1795580000100 implements MigrationInterface {
  name = 'RecordsBinderDueNotice1795580000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE records_binder ADD COLUMN due_notified_at timestamptz NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE records_binder DROP COLUMN due_notified_at`);
  }
}
