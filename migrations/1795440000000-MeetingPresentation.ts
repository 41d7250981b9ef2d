import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the presenter of a meeting in session shows now (material, version, page, forced): one row per meeting,
 * kept in the database so that every API instance answers a latecomer with the same page.
 */
export class MeetingPresentation1795440000000 implements MigrationInterface {
  name = 'MeetingPresentation1795440000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE meeting_presentation (
        meeting_id uuid PRIMARY KEY REFERENCES meeting (id) ON DELETE CASCADE,
        material_id uuid NOT NULL REFERENCES meeting_material (id) ON DELETE CASCADE,
        version_id uuid NOT NULL REFERENCES meeting_material_version (id) ON DELETE CASCADE,
        page integer NOT NULL CHECK (page >= 1),
        forced boolean NOT NULL DEFAULT false,
        presenter_id uuid NOT NULL REFERENCES app_user (id),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE meeting_presentation`);
  }
}
