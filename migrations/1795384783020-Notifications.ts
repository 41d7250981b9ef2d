import type { MigrationInterface, QueryRunner } from 'typeorm';

/** In-app notifications (お知らせ), one row per person. pg-boss keeps its own schema `pgboss` by itself. */
export class Notifications1795384783020 implements MigrationInterface {
  name = 'Notifications1795384783020';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE notification (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind ~ '^[a-z]+(\\.[a-z_]+)+$'),
        title_ja text NOT NULL CHECK (length(title_ja) BETWEEN 1 AND 500),
        title_en text NOT NULL CHECK (length(title_en) BETWEEN 1 AND 500),
        body_ja text NULL CHECK (length(body_ja) <= 4000),
        body_en text NULL CHECK (length(body_en) <= 4000),
        link text NULL CHECK (link ~ '^/([^/\\\\]|$)' AND length(link) <= 1000),
        created_at timestamptz NOT NULL DEFAULT now(),
        read_at timestamptz NULL,
        CHECK ((body_ja IS NULL) = (body_en IS NULL)),
        CHECK (read_at IS NULL OR read_at >= created_at)
      )`);
    await q.query(`CREATE INDEX notification_user_created_idx ON notification (user_id, created_at)`);
    await q.query(`CREATE INDEX notification_unread_idx ON notification (user_id) WHERE read_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE notification`);
  }
}
